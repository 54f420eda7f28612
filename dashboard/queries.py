"""Typed read functions over the published marts.

Every read goes through ``_run``: the one place where the user's scope is enforced
(``authorize``: headline queries are open to every logged-in user, detail queries need
``Principal.can_see_detail`` for every municipality they are about; docs/access.md),
results are cached per worker under a key that holds the data version, and
disclosure control (``etl.disclosure``) is applied before anything leaves this
module. Nothing here returns a count below the suppression threshold.

The request's principal is ``flask.g.principal`` (``dashboard.access``). Outside a
request the caller is the system (``SYSTEM``) and sees everything.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd
from flask import g, has_request_context

from dashboard import config, db
from dashboard.lru import BoundedCache
from dashboard.auth.scope import AccessDenied, Principal
from etl import disclosure, export
from etl.periods import detail_period

COUNT_COLUMNS = list(disclosure.COUNT_COLUMNS)
RATE_COLUMNS = list(disclosure.RATE_PARTS)
SUPPRESSED = "suppressed"  # comma-joined names of the cells hidden in a row


# -- the access gate -------------------------------------------------------------
SYSTEM = Principal("system", "analyst")
"""The caller outside a request (the CLI, tests of this module): unrestricted."""

HEADLINE_LEVELS = frozenset({"province", "region", "flanders", "centre_cities", "peers"})
"""Aggregate areas: benchmarks, headline for every user. Any other level (a municipality,
or a level this module does not know) is detail of that code."""


def current_principal() -> Principal:
    """Who asks: ``flask.g.principal`` (set by ``dashboard.access`` before every request).
    Outside a request (the CLI, unit tests) the system, which sees everything. In a request
    without a principal: ``AccessDenied`` (fail closed)."""
    if not has_request_context():
        return SYSTEM
    principal = g.get("principal")
    if not isinstance(principal, Principal):
        raise AccessDenied("login required")
    return principal


def scope_key() -> str:
    """The current principal's scope for cache keys: 'all' or its NIS codes."""
    return current_principal().scope_label()


def authorize(detail: Iterable[tuple[str, str]] | None = None) -> Principal:
    """The gate. Every warehouse read passes here (through ``_run``) before anything is
    looked up or computed.

    ``detail``: the areas a detail query (trend, breakdown, outflow, the funnel, the named
    centre cities) is about, as (level, code); ``None`` for a headline query (reference
    data, the benchmark cards, the overview, area rankings), open to every logged-in user.
    A municipality among the detail areas needs ``principal.can_see_detail(code)``;
    aggregates (``HEADLINE_LEVELS``) are benchmarks and need nothing more.
    """
    principal = current_principal()
    for level, code in detail or ():
        if level not in HEADLINE_LEVELS:
            principal.require_detail(code)
    return principal


# Pandas copies on write: a hit is a shallow copy the caller may change freely.
_cache = BoundedCache(budget=config.cache_megabytes() * 2**20,
                      weigh=lambda df: int(df.memory_usage(index=True, deep=True).sum()),
                      timeout_seconds=config.cache_timeout(), copy=lambda df: df.copy(deep=False))


def clear_cache() -> None:
    _cache.clear()


def _freeze(params: dict[str, Any] | None) -> tuple:
    items = []
    for k, v in sorted((params or {}).items()):
        items.append((k, tuple(v) if isinstance(v, list) else v))
    return tuple(items)


def _run(
    name: str,
    params: dict[str, Any] | None = None,
    *,
    compute: Callable[[Any], pd.DataFrame] | None = None,
    detail: Iterable[tuple[str, str]] | None = None,
    then: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Run the named query (``dashboard/sql/<name>.sql``) or ``compute(cursor)``.

    The single entry point to the warehouse for every caller: first the access gate
    (``authorize(detail)``: raises ``AccessDenied`` before any cache lookup), then the
    cache keyed by (data_version, query, parameters), then execution with bound
    parameters only. The key needs no scope: no query reads the principal, so a result
    is the same for everyone the gate lets through, and the gate runs before every
    lookup (a cached detail result is never handed to a user who may not see it).
    ``then`` (disclosure control) runs once, before the result is cached.
    """
    detail = None if detail is None else [(str(lv), str(c)) for lv, c in detail]
    authorize(detail)
    with db.warehouse().using() as (handle, cursor):
        key = repr((handle.data_version, name, _freeze(params),
                    then and (then.__qualname__, disclosure.suppression_k())))
        hit = _cache.get(key)
        if hit is not None:
            return hit
        if compute is None:
            df = cursor.execute(db.sql(name), params or {}).df()
        else:
            df = compute(cursor)
    if then is not None:
        df = then(df)
    _cache.put(key, df)
    return df


# -- disclosure -----------------------------------------------------------------
def suppress(df: pd.DataFrame, by: list[str] | None = None,
             category: str | None = None) -> pd.DataFrame:
    """Disclosure control from ``etl.disclosure``, plus the list of hidden cells per row.

    With ``category`` (a breakdown: categories of one dimension within ``by`` groups)
    secondary suppression is applied too, so no hidden category can be recovered as
    the total minus the shown ones.
    """
    if category is not None:
        out = disclosure.suppress_table(df, by=by, category=category)
    else:
        out = disclosure.suppress_indicators(df)
    cols = [c for c in COUNT_COLUMNS + RATE_COLUMNS if c in df.columns]
    marks = [""] * len(df)
    for c in cols:
        hid = (out[c].isna() & df[c].notna()).to_numpy()
        for i in hid.nonzero()[0]:
            marks[i] = f"{marks[i]},{c}" if marks[i] else c
    out[SUPPRESSED] = pd.Series(marks, index=df.index, dtype=object)
    return out


def hidden_cells(row: Any, column: str = SUPPRESSED) -> set[str]:
    """The cells a row names in ``column``: every hidden one, or with
    ``disclosure.SECONDARY_CELLS_COLUMN`` those hidden as secondary."""
    value = row.get(column, "") if hasattr(row, "get") else ""
    return set(value.split(",")) - {""} if isinstance(value, str) else set()


# -- reference and meta ---------------------------------------------------------
def meta() -> dict[str, str]:
    return db.warehouse().meta()


def data_version() -> str:
    return db.warehouse().data_version()


def periods() -> pd.DataFrame:
    return _run("periods")


def municipalities() -> pd.DataFrame:
    return _run("municipalities")


_municipality_index: tuple[str, dict[str, dict[str, Any]]] = ("", {})


def municipality(nis: str) -> dict[str, Any] | None:
    """One municipality's reference row (asked on every section request: a dict lookup)."""
    global _municipality_index
    df = municipalities()  # through the gate, like every read
    version, index = _municipality_index
    current = data_version()
    if version != current:
        index = {r["nis_code"]: r for r in df.to_dict("records")}
        _municipality_index = (current, index)
    row = index.get(nis)
    return None if row is None else dict(row)


def areas(level: str) -> pd.DataFrame:
    return _run("areas", {"level": level})


def area(level: str, code: str) -> dict[str, Any] | None:
    df = _run("area", {"level": level, "code": code})
    return None if df.empty else df.iloc[0].to_dict()


def area_members(level: str, code: str) -> pd.DataFrame:
    return _run("area_members", {"level": level, "code": code})


def comparison(nis: str) -> pd.DataFrame:
    return _run("comparison", {"nis": nis})


# -- indicators ------------------------------------------------------------------
def area_keys(areas_: Iterable[tuple[str, str]]) -> list[str]:
    return sorted({f"{level}|{code}" for level, code in areas_})


def _area_params(areas_: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``areas`` ('level|code' keys) and ``codes`` (the codes alone, for pruning)."""
    keys = area_keys(areas_)
    return {"areas": keys, "codes": sorted({k.split("|", 1)[1] for k in keys})}


def indicators(areas_: Iterable[tuple[str, str]], period_type: str, period: str) -> pd.DataFrame:
    return _run("indicators", {**_area_params(areas_), "period_type": period_type, "period": period},
                then=suppress)


def trend(areas_: Iterable[tuple[str, str]], period_type: str) -> pd.DataFrame:
    """Detail: every period of the areas (a municipality's needs ``can_see_detail``)."""
    areas_ = list(areas_)
    return _run("trend", {**_area_params(areas_), "period_type": period_type}, detail=areas_,
                then=suppress)


def breakdown(areas_: Iterable[tuple[str, str]], period_type: str, period: str) -> pd.DataFrame:
    """Detail: the areas by age, sex, education, ... (for a month: its quarter,
    ``etl.periods.detail_period``)."""
    areas_ = list(areas_)
    period_type, period = detail_period(period_type, period)
    return _run("breakdown", {**_area_params(areas_), "period_type": period_type, "period": period},
                detail=areas_, then=_suppress_breakdown)


def _suppress_breakdown(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return suppress(df)
    return suppress(df, by=["area_level", "area_code", "dimension"], category="category")


def outflow(
    areas_: Iterable[tuple[str, str]], period_type: str, period: str, horizon: int
) -> pd.DataFrame:
    """Detail: outflow to work by work type and region (for a month: its quarter)."""
    areas_ = list(areas_)
    period_type, period = detail_period(period_type, period)
    params = {**_area_params(areas_), "period_type": period_type, "period": period,
              "horizon": int(horizon)}
    return _run("outflow", params, detail=areas_, then=_suppress_outflow)


def _suppress_outflow(df: pd.DataFrame) -> pd.DataFrame:
    horizon = int(df["horizon_months"].iat[0]) if "horizon_months" in df.columns and len(df) else 0
    col = f"work_{horizon}m_n"
    renamed = df.rename(columns={"n": col})
    out = suppress(renamed) if df.empty else suppress(
        renamed, by=["area_level", "area_code", "split"], category="category")
    out[SUPPRESSED] = out[SUPPRESSED].astype(object).map(lambda v: str(v).replace(col, "n"))
    return out.rename(columns={col: "n"})


# -- the export's rows (screen == export) -------------------------------------------
def benchmark(nis: str, period_text: str) -> pd.DataFrame:
    """The rows of ``python -m etl export --benchmark NIS --period P`` (suppressed): the
    headline benchmark cards of any municipality, for every logged-in user."""
    return _benchmark(nis, period_text, None)


def detail_benchmark(nis: str, period_text: str) -> pd.DataFrame:
    """The same rows, read for a detail section (the funnel, the named centre cities, and
    the start of every other detail view of the municipality page): needs
    ``can_see_detail(nis)``."""
    return _benchmark(nis, period_text, [("municipality", nis)])


def _benchmark(nis: str, period_text: str, detail) -> pd.DataFrame:
    return _run("export.benchmark", {"nis": nis, "period": period_text},
                compute=lambda cur: export.benchmark_rows(cur, nis, period_text), detail=detail)


def level_rows(level: str, period_text: str, then: Callable[[pd.DataFrame], pd.DataFrame] | None = None
               ) -> pd.DataFrame:
    """The rows of ``python -m etl export --level L --period P`` (suppressed)."""
    return _run("export.level", {"level": level, "period": period_text},
                compute=lambda cur: export.level_rows(cur, level, period_text), then=then)


def marked_level_rows(level: str, period_text: str) -> pd.DataFrame:
    """``level_rows`` with the hidden cells of each row listed (``mark_export_hidden``),
    as the pages show them."""
    return level_rows(level, period_text, then=mark_export_hidden)


def mark_export_hidden(df: pd.DataFrame) -> pd.DataFrame:
    """Mark which cells of already-suppressed export rows are hidden.

    Counts in export rows are 0 when absent, so an empty count was suppressed; an
    empty rate was suppressed unless its denominator is 0 (then it is simply empty).
    """
    hidden: dict[str, np.ndarray] = {}
    for c in disclosure.COUNT_COLUMNS:
        if c in df.columns:
            hidden[c] = df[c].isna().to_numpy()
    for rate, (_, den) in disclosure.RATE_PARTS.items():
        if rate in df.columns:
            zero = (pd.to_numeric(df[den], errors="coerce").to_numpy(dtype=float, na_value=np.nan) == 0
                    if den in df.columns else np.zeros(len(df), dtype=bool))
            hidden[rate] = df[rate].isna().to_numpy() & ~zero
    names = list(hidden)
    marks = [",".join(n for n, h in zip(names, row) if h) for row in zip(*hidden.values())] \
        if names else [""] * len(df)
    return df.assign(**{SUPPRESSED: marks})


def report_html(nis: str, period_text: str, definition) -> str:
    """The printable report of ``etl.report`` (detail: trend and funnel), through the gate."""
    from etl.report import render_report_html

    authorize(detail=[("municipality", nis)])
    with db.warehouse().using() as (_, cursor):
        return render_report_html(cursor, nis, period_text, definition)
