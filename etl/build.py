"""Rebuild the core and marts of a warehouse version and check them.

The core (every person-month with its outcomes) is rebuilt in full, or, when the
delivery replaced no month, only for the persons of the delivered months, the others'
follow-up flags brought up to date. The marts are rebuilt in full, or, when the delivery
only touches recent months and nothing else they are built from changed, incrementally:
only the periods from the calendar year that holds the first month a delivered month
can change are computed again, and the older periods are kept from the version the load
started from (docs/etl.md).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb

from etl import disclosure, peers
from etl.periods import month_idx, month_text
from etl.sqlfiles import SQL_DIR, data_tests, run_folder, run_sql, run_statement, sql_statements
from etl.stage_clock import StageClock

# How far back a delivered month changes what the core holds: the 12-month work outcome
# of the months before it, and the sustained work (work again 6 months after the first
# work month within 12) of the 18 months before it.
REACH_MONTHS = 18
# The marts kept per period: an incremental build recomputes their recent periods.
PERIOD_MARTS = (
    "mart_indicators__area_period_by_definition",
    "mart_breakdown__area_period",
    "mart_outflow__area_period_by_definition",
    "mart_casemix__area_period_by_definition",
    "mart_dynamics__area_period_by_definition",
)
# The distinct persons are counted for at most this many person-months at a time
# (persons split by person_key): about what their per-person tables hold within a load's
# default memory limit without spilling. A Flanders-scale delivery is one part.
DEFAULT_PART_ROWS = 4_000_000


def part_rows() -> int:
    """``LEEFLOON_PART_ROWS`` (default ``DEFAULT_PART_ROWS``)."""
    raw = os.environ.get("LEEFLOON_PART_ROWS", "").strip()
    if not raw:
        return DEFAULT_PART_ROWS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"LEEFLOON_PART_ROWS must be a whole number above 0, got {raw!r}")
    return int(raw)


class DataTestsFailed(Exception):
    pass


def drop_models(con: duckdb.DuckDBPyConnection, keep: tuple[str, ...] = ()) -> None:
    """Drop what the models build (except the tables in ``keep``), so a version copied
    from an older one starts clean."""
    rows = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' AND (table_name LIKE 'mart\\_%' ESCAPE '\\' "
        "OR table_name LIKE 'core\\_%' ESCAPE '\\' OR table_name LIKE 'prev\\_%' ESCAPE '\\' "
        "OR table_name IN ('dim_period', 'peer_features', 'peer_distance', 'meta'))"
    ).fetchall()
    for name, kind in rows:
        if name not in keep:
            con.execute(f'DROP {"VIEW" if kind == "VIEW" else "TABLE"} "{name}"')


def previous_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The meta facts of the version this build started from ({} for a new warehouse)."""
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
                        ).fetchone()[0]
    return dict(con.execute("SELECT key, value FROM meta").fetchall()) if found else {}


def build_models(con: duckdb.DuckDBPyConnection, data_version: str, loaded_at: str, facts: dict,
                 changed_from: str | None = None, replaced: bool = True,
                 clock: StageClock | None = None) -> dict:
    """Core and marts from the base tables; returns the meta facts.

    ``changed_from``: the first month (``YYYY-MM``) the delivery added or replaced. With
    it, the marts are built incrementally when the version this build started from has
    them, built from the same areas, peer groups and model SQL; otherwise in full. The
    core is built incrementally (``core_rows``) when the delivery replaced no month
    (``replaced`` False), the first loaded month and the core's SQL are the same.
    ``clock`` times the core, the distinct persons and the marts.
    """
    clock = clock or StageClock()
    before = previous_meta(con)
    existing = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()}
    first, last = con.execute("SELECT min(month_idx), max(month_idx) FROM benefit_month").fetchone()
    last_work = con.execute("SELECT max(month_idx) FROM work_month").fetchone()[0]
    params = {
        "first_benefit_idx": -1 if first is None else int(first),
        "last_benefit_idx": -1 if last is None else int(last),
        # without any work month no follow-up is observed: every outcome base is 0
        "last_work_idx": -1 if last_work is None else int(last_work),
    }
    core_from = None if replaced else _core_incremental_from(before, existing, changed_from, first)
    keep = [t for t in PERIOD_MARTS if t in existing] + (["core_person_month"] if core_from is not None else [])
    drop_models(con, keep=tuple(keep))
    with clock.stage("core"):
        core_rows(con, params, before, core_from)
        peer_facts = peers.write(con, params["last_benefit_idx"])
    fingerprint = _model_fingerprint(con)
    from_idx = _incremental_from(before, existing, fingerprint, changed_from, first)
    if from_idx is None:
        for table in PERIOD_MARTS:
            con.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        for table in PERIOD_MARTS:
            con.execute(f"ALTER TABLE {table} RENAME TO prev_{table}")
    run_sql(con, "marts/01_period_month.sql", params)
    if from_idx is not None:
        con.execute("DELETE FROM period_month WHERE month_idx < $from_idx", {"from_idx": from_idx})
    with clock.stage("distinct_persons"):
        count_persons(con, params)
    with clock.stage("marts"):
        run_folder(con, "marts", params, skip=("01_period_month.sql",))
        if from_idx is not None:
            for table in PERIOD_MARTS:
                con.execute(
                    f"""INSERT INTO {table} BY NAME
                        SELECT p.* FROM prev_{table} p
                        JOIN dim_period d ON d.period_type = p.period_type AND d.period = p.period
                        WHERE d.sort_key < $from_idx""",
                    {"from_idx": from_idx},
                )
                con.execute(f"DROP TABLE prev_{table}")
    meta = {
        "data_version": data_version,
        "loaded_at": loaded_at,
        "first_month": month_text(first) if first is not None else "",
        "last_month": month_text(last) if last is not None else "",
        "last_work_month": month_text(last_work) if last_work is not None else "",
        "suppression_k": str(disclosure.suppression_k()),
        "model_fingerprint": fingerprint,
        "core_fingerprint": _core_fingerprint(),
        "build": "full" if from_idx is None else f"incremental from {month_text(from_idx)}",
        "core_build": "full" if core_from is None else f"persons of the months from {month_text(core_from)}",
        **facts,
        **peer_facts,
    }
    con.execute("CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    return meta


def core_rows(con: duckdb.DuckDBPyConnection, params: dict, before: dict[str, str],
              core_from: int | None) -> None:
    """``core_person_month`` and ``core_sustained_work``: in full, or (``core_from``) for
    the persons with a row from that month on, the others' rows kept and their follow-up
    flags brought up to date (``core/core_refresh.sql``)."""
    statements = sql_statements("core/core_person_month.sql")
    create = "CREATE OR REPLACE TABLE core_person_month AS"
    assert statements[0].startswith(create), "core_person_month.sql must start with the core's CREATE"
    con.execute(
        """CREATE OR REPLACE TEMP TABLE core_affected AS
           SELECT person_key FROM benefit_month WHERE $incremental AND month_idx >= $from_idx
           UNION SELECT person_key FROM work_month WHERE $incremental AND month_idx >= $from_idx""",
        {"incremental": core_from is not None, "from_idx": core_from or 0},
    )
    if core_from is None:
        run_statement(con, statements[0], {**params, "all_persons": True})
    else:
        run_sql(con, "core/core_refresh.sql", {
            **params,
            "previous_last_benefit_idx": month_idx(before["last_month"]),
            "previous_last_work_idx": month_idx(before.get("last_work_month") or before["last_month"]),
        })
        run_statement(con, "INSERT INTO core_person_month" + statements[0][len(create):],
                      {**params, "all_persons": False})
    for statement in statements[1:]:
        run_statement(con, statement, params)


def _core_incremental_from(before: dict[str, str], existing: set[str], changed_from: str | None,
                           first_idx: int | None) -> int | None:
    """The first delivered month, when the core can be built for its persons only: the
    previous version has a core of the same SQL, no month was replaced (the caller says),
    and the first loaded month is the same (spells that start in it are not counted)."""
    if (changed_from is None or first_idx is None or "core_person_month" not in existing
            or before.get("core_fingerprint") != _core_fingerprint()
            or before.get("first_month") != month_text(first_idx) or not before.get("last_month")):
        return None
    return month_idx(changed_from)


def _core_fingerprint() -> str:
    digest = hashlib.sha256()
    _add_sql(digest, ("core",))
    return digest.hexdigest()[:16]


def _add_sql(digest, folders: tuple[str, ...]) -> None:
    """Add the names and text of the SQL files in ``folders`` to ``digest``."""
    for folder in folders:
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            digest.update(path.name.encode() + path.read_bytes())


def count_persons(con: duckdb.DuckDBPyConnection, params: dict) -> None:
    """The distinct-person counts of the periods being built, in parts of persons.

    With more than one part, the person-months are split into one Parquet file per
    part in a single pass, in the build's temp directory: scanning the whole core
    again for each part cost more than counting it at 10x scale."""
    rows = con.execute("SELECT count(*) FROM core_recent").fetchone()[0]
    run_sql(con, "persons/parts.sql")
    parts = _parts(rows, part_rows())
    if parts == 1:
        con.execute("CREATE OR REPLACE TEMP VIEW core_part AS SELECT * FROM person_month_counted")
        run_sql(con, "persons/person_counts.sql", params)
        con.execute("DROP VIEW core_part")
        return
    split = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0]) / "person_parts"
    split.parent.mkdir(parents=True, exist_ok=True)
    try:
        run_sql(con, "persons/split.sql", {"parts": parts, "dir": str(split)})
        for folder in sorted(split.glob("part=*")):  # a part without persons has no folder
            run_sql(con, "persons/part_from_file.sql", {"files": str(folder / "*.parquet")})
            run_sql(con, "persons/person_counts.sql", params)
            con.execute("DROP TABLE core_part")
    finally:
        shutil.rmtree(split, ignore_errors=True)


def _parts(rows: int, size: int) -> int:
    return max(1, -(-rows // size))


def _incremental_from(before: dict, existing: set[str], fingerprint: str, changed_from: str | None,
                      first_idx: int | None) -> int | None:
    """The first month of the periods to compute again, or None for a full build."""
    if (changed_from is None or first_idx is None or before.get("model_fingerprint") != fingerprint
            or not all(t in existing for t in PERIOD_MARTS)
            or before.get("first_month") != month_text(first_idx)):
        return None
    reach = month_idx(changed_from) - REACH_MONTHS
    previous_last = before.get("last_work_month") or before.get("last_month")
    if previous_last:  # the follow-up of the months before the old end becomes known
        reach = min(reach, month_idx(previous_last) + 1 - REACH_MONTHS)
    from_idx = (reach // 12) * 12
    return None if from_idx <= first_idx else from_idx


def _model_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the marts are built from besides the person-months: the areas and their
    members, the comparison groups (peers included) and the model SQL. Equal
    fingerprints mean old periods' mart rows are still right."""
    digest = hashlib.sha256()
    for query in ("SELECT * FROM dim_area ORDER BY ALL",
                  "SELECT * FROM bridge_area_municipality ORDER BY ALL",
                  "SELECT * FROM municipality_comparison ORDER BY ALL"):
        for row in con.execute(query).fetchall():
            digest.update(repr(row).encode())
    _add_sql(digest, ("core", "peers", "persons", "marts"))
    return digest.hexdigest()[:16]


def check(con: duckdb.DuckDBPyConnection) -> None:
    failures = data_tests(con)
    if failures:
        details = "; ".join(f"{name}: {rows}" for name, rows in failures.items())
        raise DataTestsFailed(f"data tests failed, nothing published: {details}")
