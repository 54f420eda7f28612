"""Rebuild the core and marts of a warehouse version and check them."""

from __future__ import annotations

import duckdb

from etl import disclosure, peers
from etl.periods import month_text
from etl.sqlfiles import data_tests, run_folder, run_sql


class DataTestsFailed(Exception):
    pass


def drop_models(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what the models build, so a version copied from an older one starts clean."""
    rows = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' AND (table_name LIKE 'mart\\_%' ESCAPE '\\' "
        "OR table_name LIKE 'core\\_%' ESCAPE '\\' "
        "OR table_name IN ('dim_period', 'peer_features', 'peer_distance', 'meta'))"
    ).fetchall()
    for name, kind in rows:
        con.execute(f'DROP {"VIEW" if kind == "VIEW" else "TABLE"} "{name}"')


def build_models(con: duckdb.DuckDBPyConnection, data_version: str, loaded_at: str, facts: dict) -> dict:
    """Core and marts from the base tables; returns the meta facts."""
    drop_models(con)
    first, last = con.execute("SELECT min(month_idx), max(month_idx) FROM benefit_month").fetchone()
    last_work = con.execute("SELECT max(month_idx) FROM work_month").fetchone()[0]
    params = {
        "first_benefit_idx": -1 if first is None else int(first),
        "last_benefit_idx": -1 if last is None else int(last),
        # without any work month no follow-up is observed: every outcome base is 0
        "last_work_idx": -1 if last_work is None else int(last_work),
    }
    run_sql(con, "core/core_person_month.sql", params)
    peer_facts = peers.write(con, params["last_benefit_idx"])
    run_folder(con, "marts", params)
    meta = {
        "data_version": data_version,
        "loaded_at": loaded_at,
        "first_month": month_text(first) if first is not None else "",
        "last_month": month_text(last) if last is not None else "",
        "last_work_month": month_text(last_work) if last_work is not None else "",
        "suppression_k": str(disclosure.suppression_k()),
        **facts,
        **peer_facts,
    }
    con.execute("CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    return meta


def check(con: duckdb.DuckDBPyConnection) -> None:
    failures = data_tests(con)
    if failures:
        details = "; ".join(f"{name}: {rows}" for name, rows in failures.items())
        raise DataTestsFailed(f"data tests failed, nothing published: {details}")
