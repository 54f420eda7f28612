"""Export rows of data contract section 6, suppressed, for the CLI and the dashboard."""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pandas as pd

from etl import disclosure, stats
from etl.csvout import EXPORT_COLUMNS
from etl.definitions import STANDARD, Definition
from etl.periods import parse_period
from etl.sqlfiles import read_sql

LEVELS = ("municipality", "region", "province", "centre_cities", "peers", "flanders")
# After the contract's columns: uncertainty and case-mix (docs/statistics.md), then
# the definition the numbers follow.
RATES = ("registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate")
ANALYTICS_COLUMNS = (
    [f"{r}_{b}" for r in RATES for b in ("lo", "hi")]
    + ["work_6m_expected", "work_6m_oe", "work_6m_oe_lo", "work_6m_oe_hi",
       "work_12m_expected", "work_12m_oe", "work_12m_oe_lo", "work_12m_oe_hi"]
    + [f"{r}_p_value" for r in RATES]
    + ["work_6m_rate_shrunk", "work_12m_rate_shrunk"]
)
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
    if level == "municipality":
        for rate in ("work_6m_rate", "work_12m_rate"):
            num, den = disclosure.RATE_PARTS[rate]
            df[f"{rate}_shrunk"] = stats.eb_shrink(df[num].to_numpy(), df[den].to_numpy())
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
    _add_significance(df)
    return finish(df, k, definition, also_hide=_centre_city_pool_secondary(df, k))


def finish(df: pd.DataFrame, k: int | None = None, definition: Definition = STANDARD,
           also_hide: dict[str, list] | None = None) -> pd.DataFrame:
    """Add the intervals, suppress, order the columns and record the definition.

    Everything derived from a suppressed count is suppressed with it: an interval
    with its rate, an O/E ratio with its observed count. ``also_hide`` names cells
    hidden by secondary suppression (column -> row labels).
    """
    # new columns are gathered and set at once: setting them one by one costs more than
    # the query on the dashboard's few rows
    added: dict[str, Any] = {}
    for rate in RATES:
        num, den = disclosure.RATE_PARTS[rate]
        added[f"{rate}_lo"], added[f"{rate}_hi"] = stats.wilson_interval(df[num].to_numpy(),
                                                                         df[den].to_numpy())
    for h in ("6m", "12m"):
        expected = df.get(f"work_{h}_expected", pd.Series(np.nan, index=df.index)).astype(float)
        ratio, lo, hi = stats.oe_ratio_interval(df[f"work_{h}_n"].to_numpy(), expected.to_numpy())
        added[f"work_{h}_expected"], added[f"work_{h}_oe"] = expected, ratio
        added[f"work_{h}_oe_lo"], added[f"work_{h}_oe_hi"] = lo, hi
    for col in ANALYTICS_COLUMNS:
        if col not in df.columns and col not in added:
            added[col] = np.nan
    df = df.assign(**added)
    out = disclosure.suppress_indicators(df, k)
    for col, labels in (also_hide or {}).items():
        out[col] = out[col].astype("Int64")
        out.loc[labels, col] = pd.NA
        for rate, parts in disclosure.RATE_PARTS.items():
            if col in parts:
                out.loc[labels, rate] = pd.NA
    hidden_with: dict[str, Any] = {}
    for rate in RATES:
        hidden = out[rate].isna().to_numpy()
        for col in (f"{rate}_lo", f"{rate}_hi", f"{rate}_p_value", f"{rate}_shrunk"):
            if col in out.columns:
                hidden_with[col] = disclosure.masked(out[col], hidden, "Float64")
    for h in ("6m", "12m"):
        expected = out[f"work_{h}_expected"].to_numpy(dtype=float, na_value=np.nan)
        hidden = out[f"work_{h}_n"].isna().to_numpy() | (expected <= 0)
        for col in (f"work_{h}_expected", f"work_{h}_oe", f"work_{h}_oe_lo", f"work_{h}_oe_hi"):
            hidden_with[col] = disclosure.masked(out[col], hidden, "Float64")
    out = out.assign(**hidden_with)[EXPORT_COLUMNS + ANALYTICS_COLUMNS].reset_index(drop=True)
    out["include_ell"] = definition.include_ell
    out["art60_is_work"] = definition.art60_is_work
    return out


def _centre_city_pool_secondary(df: pd.DataFrame, k: int | None) -> dict[str, list]:
    """Cells to hide so that a single hidden centre city cannot be derived as the pool
    (shown beside the cities) minus the other cities: column -> row labels."""
    pool = df.index[df["level"] == "centre_cities"]
    members = df.index[(df["level"] == "municipality") & (df.index > 0)]
    if len(pool) != 1 or len(members) == 0:
        return {}
    rows = df.loc[list(pool) + list(members)]
    k = disclosure.resolve_k(k)
    counts = rows[[c for c in disclosure.COUNT_COLUMNS if c in rows.columns]]
    values = counts.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if not (np.isnan(values) | ((values >= 1) & (values < k))).any():
        return {}  # nothing hidden among them: nothing to protect
    protected = disclosure.suppress_table(rows, k, category="code", total=df.at[pool[0], "code"])
    hidden = {}
    for col in disclosure.COUNT_COLUMNS:
        if col in rows.columns:
            mask = protected[col].isna() & rows[col].notna()
            hidden[col] = list(mask[mask].index)
    return hidden


def _add_significance(df: pd.DataFrame) -> None:
    """p-values of the municipality (first row) against each comparison group."""
    if df.empty:
        return
    nested = df["contains_municipality"].fillna(False).to_numpy(dtype=bool)
    others = np.arange(len(df)) > 0
    for rate in RATES:
        num, den = disclosure.RATE_PARTS[rate]
        k2, n2 = df[num].to_numpy(dtype=float), df[den].to_numpy(dtype=float)
        p = np.full(len(df), np.nan)
        for is_nested in (False, True):  # each comparison at once, per kind of benchmark
            rows = others & (nested == is_nested)
            if rows.any():
                p[rows] = stats.compare_proportions(np.full(rows.sum(), k2[0]), np.full(rows.sum(), n2[0]),
                                                    k2[rows], n2[rows], nested=is_nested)
        df[f"{rate}_p_value"] = p
