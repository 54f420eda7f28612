"""dashboard.db: read-only, versions swapped without a failed query, no warehouse."""

from __future__ import annotations

import os
import shutil
import threading
import time

import duckdb
import pytest

from dashboard import db


def _copy_version(src_link, dest_dir, version: str):
    """A second published version: a copy of the test warehouse with another data_version."""
    target = dest_dir / f"wh.{version}.duckdb"
    shutil.copy(os.path.realpath(src_link), target)
    con = duckdb.connect(str(target))
    con.execute("update meta set value = ? where key = 'data_version'", [version])
    con.execute("checkpoint")
    con.close()
    return target


def _publish(link, target):
    tmp = link.with_name(link.name + ".tmp")
    if tmp.exists() or tmp.is_symlink():
        tmp.unlink()
    os.symlink(target.name, tmp)
    os.replace(tmp, link)  # rename(2): atomic, as the ETL publishes


def test_read_only(warehouse_path):
    wh = db.Warehouse(warehouse_path)
    assert wh.data_version()
    with pytest.raises(duckdb.Error):
        wh.query("create table x (a int)")
    wh.close()


def test_missing_or_empty_warehouse(tmp_path):
    with pytest.raises(db.NoWarehouse):
        db.Warehouse(tmp_path / "nothing.duckdb").handle()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(db.NoWarehouse):
        db.Warehouse(empty).handle()


def test_new_version_is_picked_up_and_no_query_fails_during_swap(warehouse_path, tmp_path):
    v1 = _copy_version(warehouse_path, tmp_path, "v1")
    v2 = _copy_version(warehouse_path, tmp_path, "v2")
    link = tmp_path / "wh.duckdb"
    _publish(link, v1)
    wh = db.Warehouse(link, check_seconds=0.05)
    assert wh.data_version() == "v1"
    errors, seen = [], set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                df = wh.query("select value from meta where key = 'data_version'")
                n = wh.query("select count(*) as n from mart_indicators__area_period")["n"][0]
                assert n > 0
                seen.add(df["value"][0])
            except Exception as exc:  # noqa: BLE001 - any failure is the bug
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for target in (v2, v1, v2):
        time.sleep(0.3)
        _publish(link, target)
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert seen == {"v1", "v2"}
    assert wh.data_version() == "v2"
    wh.close()


def test_a_retired_version_is_closed_once_no_query_uses_it(warehouse_path, tmp_path):
    """Not only after the grace period: a worker holds two versions (and their memory) only
    while a query still runs on the old one."""
    v1 = _copy_version(warehouse_path, tmp_path, "r1")
    v2 = _copy_version(warehouse_path, tmp_path, "r2")
    link = tmp_path / "wh.duckdb"
    _publish(link, v1)
    wh = db.Warehouse(link, check_seconds=0)
    with wh.using() as (old, cur):
        _publish(link, v2)
        assert wh.data_version() == "r2"  # swapped while a query runs on r1
        assert cur.execute("select value from meta where key = 'data_version'").fetchone()[0] == "r1"
    assert old.active == 0
    wh.handle()  # the next check of the link closes it
    with pytest.raises(duckdb.Error):
        old.conn.execute("select 1")
    assert wh.query("select value from meta where key = 'data_version'")["value"][0] == "r2"
    wh.close()


def test_link_check_is_rate_limited(warehouse_path, tmp_path):
    v1 = _copy_version(warehouse_path, tmp_path, "a1")
    v2 = _copy_version(warehouse_path, tmp_path, "a2")
    link = tmp_path / "wh.duckdb"
    _publish(link, v1)
    wh = db.Warehouse(link, check_seconds=30)
    assert wh.data_version() == "a1"
    _publish(link, v2)
    assert wh.data_version() == "a1"  # not re-resolved within the interval
    wh._checked_at -= 31
    assert wh.data_version() == "a2"
    wh.close()


def test_forked_child_does_not_reuse_the_parent_connection(warehouse_path):
    wh = db.Warehouse(warehouse_path)
    first = wh.handle()
    wh._pid = -1  # as if this process were a fork of the one that opened it
    second = wh.handle()
    assert second is not first and second.data_version == first.data_version
    wh.close()


def test_sql_files_use_bound_parameters_only():
    for path in db._SQL_DIR.glob("*.sql"):
        text = path.read_text()
        assert "{" not in text and "%s" not in text, path.name
