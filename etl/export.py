"""Export rows of data contract section 6, suppressed, for the CLI and the dashboard."""

from __future__ import annotations

import duckdb
import pandas as pd

from etl import disclosure
from etl.csvout import EXPORT_COLUMNS
from etl.definitions import STANDARD, Definition
from etl.periods import parse_period
from etl.sqlfiles import read_sql

LEVELS = ("municipality", "region", "province", "centre_cities", "peers", "flanders")
# After the contract's columns: the definition the numbers follow.
DEFINITION_COLUMNS = ["include_ell", "art60_is_work"]


class ExportError(ValueError):
    """A request the warehouse cannot answer (bad period, level or NIS code)."""


def check_period(con: duckdb.DuckDBPyConnection, period_text: str) -> tuple[str, str]:
    try:
        period_type, period = parse_period(period_text)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    found = con.execute(
        "SELECT 1 FROM dim_period WHERE period_type = ? AND period = ?", [period_type, period]
    ).fetchone()
    if not found:
        first, last = con.execute(
            "SELECT min(first_month), max(last_month) FROM dim_period"
        ).fetchone()
        span = f"the data covers {first} to {last}" if first else "the warehouse holds no data"
        raise ExportError(f"period {period} is not in the data; {span}")
    return period_type, period


def level_rows(con: duckdb.DuckDBPyConnection, level: str, period_text: str,
               k: int | None = None, definition: Definition = STANDARD) -> pd.DataFrame:
    """Every area of one level for one period."""
    if level not in LEVELS:
        raise ExportError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    period_type, period = check_period(con, period_text)
    df = con.execute(read_sql("export/level_rows.sql"),
                     [level, period_type, period, *definition.params]).fetchdf()
    return finish(df, k, definition)


def benchmark_rows(con: duckdb.DuckDBPyConnection, nis_code: str, period_text: str,
                   k: int | None = None, definition: Definition = STANDARD) -> pd.DataFrame:
    """One municipality and every comparison group of it (contract section 4)."""
    code = (nis_code or "").strip()
    if not con.execute("SELECT 1 FROM dim_municipality WHERE nis_code = ?", [code]).fetchone():
        raise ExportError(f"unknown NIS code {nis_code!r}: not a current Flemish municipality")
    period_type, period = check_period(con, period_text)
    df = con.execute(read_sql("export/benchmark_rows.sql"),
                     [code, period_type, period, *definition.params]).fetchdf()
    return finish(df, k, definition)


def finish(df: pd.DataFrame, k: int | None = None, definition: Definition = STANDARD) -> pd.DataFrame:
    """Suppress, put the columns in contract order and record the definition."""
    out = disclosure.suppress_indicators(df, k)[EXPORT_COLUMNS].reset_index(drop=True)
    out["include_ell"] = definition.include_ell
    out["art60_is_work"] = definition.art60_is_work
    return out
