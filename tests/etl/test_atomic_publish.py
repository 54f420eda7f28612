"""A load SIGKILLed at any moment leaves the published warehouse intact and readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from etl.load import load
from tests.etl.helpers import PROJECT_ROOT, benefit, pid, query, write_feed

MUNIS = ["44021", "11002", "24062", "31005", "71016", "12025"]


def big_delivery(path, persons: int, months: list[str]):
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "benefit_big.csv", "w") as fh:
        fh.write("person_id,ref_month,nis_code,benefit_type,household,gender,birth_year,education,"
                 "origin,vdab_status,gpmi\n")
        for p in range(persons):
            row = f",{MUNIS[p % len(MUNIS)]},LL,alleenstaand,M,{1960 + p % 40},laag,belg,nwwz,1\n"
            ident = pid(p + 1000)
            fh.writelines(f"{ident},{m}{row}" for m in months)
    with open(path / "work_big.csv", "w") as fh:
        fh.write("person_id,ref_month,work_type,work_region\n")
        fh.writelines(f"{pid(p + 1000)},2024-12,regulier,VLG\n" for p in range(0, persons, 3))


def snapshot(db):
    return (os.readlink(db), query(db, "SELECT value FROM meta WHERE key = 'data_version'"),
            query(db, "SELECT area_code, period, person_months FROM mart_indicators__area_period "
                      "WHERE area_level = 'flanders' ORDER BY ALL"))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    d = tmp_path_factory.mktemp("big")
    big_delivery(d, persons=60_000, months=[f"2024-{m:02d}" for m in range(1, 13)])
    return d


@pytest.fixture()
def published(tmp_path):
    write_feed(tmp_path / "first" / "benefit_2023.csv",
               [benefit(1, "2023-05", "44021"), benefit(2, "2023-05", "11002")])
    db = tmp_path / "wh" / "warehouse.duckdb"
    assert load([tmp_path / "first"], db).published
    return db


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, 1.5, 2.5])
def test_sigkill_during_a_load_leaves_the_published_version(published, big, delay):
    db = published
    d = db.parent
    before = snapshot(db)
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big), "--db", str(db)],
                            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(d.glob("*.building")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    finished_before_kill = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if finished_before_kill:
        pytest.skip("the load finished before it could be killed")  # not counted as a pass
    assert snapshot(db) == before
    # and the next load cleans up and succeeds
    report = load([big], db)
    assert report.published and not list(d.glob("*.building"))
    assert query(db, "SELECT count(*) FROM benefit_month")[0][0] == 60_000 * 12 + 2


def test_readers_keep_their_version_while_a_new_one_is_published(published, tmp_path):
    import duckdb

    db = published
    old_target = db.resolve()
    reader = duckdb.connect(str(old_target), read_only=True)
    n_before = reader.execute("SELECT count(*) FROM benefit_month").fetchone()[0]
    write_feed(tmp_path / "next" / "benefit_2023_06.csv", [benefit(3, "2023-06", "44021")])
    assert load([tmp_path / "next"], db).published
    assert db.resolve() != old_target
    assert reader.execute("SELECT count(*) FROM benefit_month").fetchone()[0] == n_before
    reader.close()
    assert query(db, "SELECT count(*) FROM benefit_month")[0][0] == n_before + 1
