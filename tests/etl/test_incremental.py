"""A monthly load rebuilds only the recent periods of the marts, and gives exactly the
marts a full build of the same deliveries gives."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from etl.build import PERIOD_MARTS
from tests.etl.helpers import query, run_cli

TABLES = PERIOD_MARTS + ("mart_time_to_work__area_cohort_by_definition", "dim_period",
                         "peer_distance", "core_person_month")


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory):
    d = tmp_path_factory.mktemp("incremental")
    history = run_cli("generate", "--out", str(d / "history"), "--persons", "3000", "--start", "2022-01",
                      "--end", "2025-06", "--seed", "11")
    month = run_cli("generate", "--out", str(d / "month"), "--persons", "3000", "--start", "2025-07",
                    "--end", "2025-07", "--seed", "12")
    assert history.returncode == 0 and month.returncode == 0, history.stderr + month.stderr
    return d


def _load(*paths, db, env=None):
    result = run_cli("load", *map(str, paths), "--db", str(db), "--json", env=env)
    assert result.returncode == 0, result.stderr
    return query(db, "SELECT value FROM meta WHERE key = 'build'")[0][0]


def _table(db, name) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute(f"SELECT * FROM {name}").fetchdf()
    return df.sort_values(list(df.columns)).reset_index(drop=True)


def _assert_same_tables(db_a, db_b) -> None:
    for name in TABLES:
        a, b = _table(db_a, name), _table(db_b, name)
        assert len(a) == len(b) > 0, name
        # sums of expected values may differ in the last bits with the order of addition
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, obj=name)


def test_a_new_month_rebuilds_recent_periods_only_and_equals_a_full_build(deliveries, tmp_path):
    monthly = tmp_path / "monthly" / "wh.duckdb"
    assert _load(deliveries / "history", db=monthly) == "full"
    # 2025-07 changes outcomes up to 18 months back (2024-01): 2024 onwards is rebuilt
    assert _load(deliveries / "month", db=monthly) == "incremental from 2024-01"
    # the core too: only the persons of 2025-07 are computed again
    assert query(monthly, "SELECT value FROM meta WHERE key = 'core_build'")[0][0] == \
        "persons of the months from 2025-07"
    full = tmp_path / "full" / "wh.duckdb"
    assert _load(deliveries / "history", deliveries / "month", db=full) == "full"
    _assert_same_tables(monthly, full)


def test_a_build_in_parts_of_persons_equals_a_build_in_one(deliveries, tmp_path):
    """What a large delivery does (LEEFLOON_PART_ROWS): the distinct persons are counted
    for a part of the persons at a time, and the parts add up to the same marts."""
    whole, parts = tmp_path / "whole" / "wh.duckdb", tmp_path / "parts" / "wh.duckdb"
    _load(deliveries / "history", deliveries / "month", db=whole)
    rows = query(whole, "SELECT count(*) FROM benefit_month")[0][0]
    _load(deliveries / "history", deliveries / "month", db=parts,
          env={"LEEFLOON_PART_ROWS": str(rows // 5)})  # five or six parts
    _assert_same_tables(whole, parts)


def test_a_changed_model_setting_rebuilds_everything(deliveries, tmp_path):
    db = tmp_path / "wh.duckdb"
    _load(deliveries / "history", db=db)
    assert _load(deliveries / "month", db=db, env={"LEEFLOON_PEERS_K": "5"}) == "full"


def test_a_delivery_reaching_back_to_the_first_year_rebuilds_everything(deliveries, tmp_path):
    db = tmp_path / "wh.duckdb"
    _load(deliveries / "month", db=db)
    # the history starts before the first loaded month: every period changes
    assert _load(deliveries / "history", db=db) == "full"


@pytest.mark.parametrize("setting, value, message", [
    ("LEEFLOON_DUCKDB_THREADS", "x", "LEEFLOON_DUCKDB_THREADS must be a whole number above 0, got 'x'"),
    ("LEEFLOON_DUCKDB_MEMORY_LIMIT", "lots",
     "LEEFLOON_DUCKDB_MEMORY_LIMIT must be a size such as 3GB or 512MB, got 'lots'"),
])
def test_a_bad_duckdb_setting_is_refused_before_anything_is_read(deliveries, tmp_path, setting, value,
                                                                  message):
    db = tmp_path / "wh.duckdb"
    result = run_cli("load", str(deliveries / "month"), "--db", str(db), env={setting: value})
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("value", ["abc", "0", "-5"])
def test_a_bad_part_size_is_refused_before_anything_is_read(deliveries, tmp_path, value):
    db = tmp_path / "wh.duckdb"
    result = run_cli("load", str(deliveries / "month"), "--db", str(db),
                     env={"LEEFLOON_PART_ROWS": value})
    assert result.returncode != 0
    assert f"LEEFLOON_PART_ROWS must be a whole number above 0, got '{value}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()
