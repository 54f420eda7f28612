"""Typed read functions over the published marts.

Every read goes through ``_run``: the one place where a user scope would be
enforced (login is a later issue; today everyone may see every municipality),
results are cached per worker under a key that holds the data version, and
disclosure control (``etl.disclosure``) is applied before anything leaves this
module. Nothing here returns a count below the suppression threshold.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import pandas as pd
from flask_caching.backends import SimpleCache

from dashboard import config, db
from etl import disclosure
from etl.csvout import EXPORT_COLUMNS

COUNT_COLUMNS = list(disclosure.COUNT_COLUMNS)
RATE_COLUMNS = list(disclosure.RATE_PARTS)
SUPPRESSED = "suppressed"  # comma-joined names of the cells hidden in a row


@dataclass(frozen=True)
class Scope:
    """The municipalities a user may see. ``None`` means all of them."""

    nis_codes: frozenset[str] | None = None

    @property
    def key(self) -> str:
        return "all" if self.nis_codes is None else ",".join(sorted(self.nis_codes))

    def allows(self, nis_code: str) -> bool:
        return self.nis_codes is None or nis_code in self.nis_codes


def current_scope() -> Scope:
    """The scope of the current user. Without login everyone sees everything."""
    return Scope()


_cache = SimpleCache(threshold=4000, default_timeout=config.cache_timeout())
_cache_lock = threading.Lock()


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
    scope: Scope | None = None,
) -> pd.DataFrame:
    """Run the named query (``dashboard/sql/<name>.sql``) or ``compute(cursor)``.

    The single entry point to the warehouse for every caller: scope check, cache
    keyed by (data_version, scope, query, parameters), execution with bound
    parameters only.
    """
    scope = scope or current_scope()
    nis = (params or {}).get("nis")
    if nis is not None and not scope.allows(nis):
        raise PermissionError(f"municipality {nis} is outside the user's scope")
    handle, cursor = db.warehouse().cursor()
    key = repr((handle.data_version, scope.key, name, _freeze(params)))
    hit = _cache.get(key)
    if hit is not None:
        return hit
    if compute is None:
        df = cursor.execute(db.sql(name), params or {}).df()
    else:
        df = compute(cursor)
    _cache.set(key, df)
    return df


# -- disclosure -----------------------------------------------------------------
def suppress(df: pd.DataFrame, by: list[str] | None = None,
             category: str | None = None) -> pd.DataFrame:
    """Disclosure control from ``etl.disclosure``, plus the list of hidden cells per row.

    With ``category`` (a breakdown: categories of one dimension within ``by`` groups)
    secondary suppression is applied too, so no hidden category can be recovered as
    the total minus the shown ones.
    """
    if category is not None and hasattr(disclosure, "suppress_table"):
        out = disclosure.suppress_table(df, by=by, category=category)
    elif category is not None:  # an older etl.disclosure: primary there, secondary here
        return secondary_suppress(suppress(df), by or [])
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


def hidden_cells(row: Any) -> set[str]:
    value = row.get(SUPPRESSED, "") if hasattr(row, "get") else ""
    return set(value.split(",")) - {""} if isinstance(value, str) else set()


def _hide(out: pd.DataFrame, idx: Any, col: str, hidden: dict[Any, set[str]]) -> None:
    out.loc[idx, col] = pd.NA
    hidden[idx].add(col)
    for rate, parts in disclosure.RATE_PARTS.items():
        if col in parts and rate in out.columns:
            out.loc[idx, rate] = pd.NA
            hidden[idx].add(rate)


def secondary_suppress(df: pd.DataFrame, group_cols: list[str]) -> pd.DataFrame:
    """Fallback for an ``etl.disclosure`` without ``suppress_table``: hide a second cell
    where a single hidden count could be recovered from the total.

    Within each group (e.g. one area's categories of one dimension), for each count
    column: when exactly one row is hidden, also hide the smallest non-zero value of
    another row, and the rates built on it.
    """
    out = df.copy()
    hidden = {i: set(str(v).split(",")) - {""} for i, v in out[SUPPRESSED].items()}
    for _, group in out.groupby(group_cols, sort=False, dropna=False):
        for col in [c for c in COUNT_COLUMNS if c in out.columns]:
            hid = [i for i in group.index if col in hidden[i]]
            if len(hid) != 1:
                continue
            values = out.loc[group.index, col]
            candidates = values[values.notna() & (values > 0)]
            candidates = candidates.drop(index=hid, errors="ignore")
            if len(candidates):
                _hide(out, candidates.astype(float).idxmin(), col, hidden)
    out[SUPPRESSED] = [",".join(sorted(hidden[i])) for i in out.index]
    out["is_suppressed"] = out[SUPPRESSED] != ""
    return out


# -- reference and meta ---------------------------------------------------------
def meta() -> dict[str, str]:
    return db.warehouse().meta()


def data_version() -> str:
    return db.warehouse().data_version()


def periods() -> pd.DataFrame:
    return _run("periods")


def municipalities() -> pd.DataFrame:
    return _run("municipalities")


def municipality(nis: str) -> dict[str, Any] | None:
    df = municipalities()
    row = df[df["nis_code"] == nis]
    return None if row.empty else row.iloc[0].to_dict()


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
    df = _run("indicators", {**_area_params(areas_), "period_type": period_type, "period": period})
    return suppress(df)


def trend(areas_: Iterable[tuple[str, str]], period_type: str) -> pd.DataFrame:
    df = _run("trend", {**_area_params(areas_), "period_type": period_type})
    return suppress(df)


def breakdown(areas_: Iterable[tuple[str, str]], period_type: str, period: str) -> pd.DataFrame:
    df = _run("breakdown", {**_area_params(areas_), "period_type": period_type, "period": period})
    if df.empty:
        return suppress(df)
    return suppress(df, by=["area_level", "area_code", "dimension"], category="category")


def outflow(
    areas_: Iterable[tuple[str, str]], period_type: str, period: str, horizon: int
) -> pd.DataFrame:
    params = {**_area_params(areas_), "period_type": period_type, "period": period,
              "horizon": int(horizon)}
    df = _run("outflow", params)
    col = f"work_{int(horizon)}m_n"
    renamed = df.rename(columns={"n": col})
    out = suppress(renamed) if df.empty else suppress(
        renamed, by=["area_level", "area_code", "split"], category="category")
    out[SUPPRESSED] = out[SUPPRESSED].astype(object).map(lambda v: str(v).replace(col, "n"))
    return out.rename(columns={col: "n"})


# -- the export's rows (screen == export) -------------------------------------------
def _export_module():
    try:
        from etl import export
    except ImportError:  # the ETL side ships etl.export; until then compute the same rows
        return None
    return export


def _to_export_rows(df: pd.DataFrame) -> pd.DataFrame:
    rows = df.rename(columns={"area_level": "level", "area_code": "code", "area_name": "name"})
    rows = disclosure.suppress_indicators(rows)
    return rows[EXPORT_COLUMNS].reset_index(drop=True)


def benchmark(nis: str, period_text: str) -> pd.DataFrame:
    """The rows of ``python -m etl export --benchmark NIS --period P`` (suppressed)."""
    export = _export_module()
    if export is not None and hasattr(export, "benchmark_rows"):
        return _run("export.benchmark", {"nis": nis, "period": period_text},
                    compute=lambda cur: export.benchmark_rows(cur, nis, period_text))
    from etl.periods import parse_period

    period_type, period = parse_period(period_text)
    comp = comparison(nis)
    keys = [("municipality", nis)] + [
        (r.area_level, r.area_code) for r in comp.itertuples() if r.group_kind != "centre_city"
    ]
    df = _run("indicators", {**_area_params(keys), "period_type": period_type, "period": period})
    order = {k: i for i, k in enumerate(keys)}
    df = df.assign(_o=[order[(a, c)] for a, c in zip(df.area_level, df.area_code)])
    return _to_export_rows(df.sort_values("_o"))


def level_rows(level: str, period_text: str) -> pd.DataFrame:
    """The rows of ``python -m etl export --level L --period P`` (suppressed)."""
    export = _export_module()
    if export is not None and hasattr(export, "level_rows"):
        return _run("export.level", {"level": level, "period": period_text},
                    compute=lambda cur: export.level_rows(cur, level, period_text))
    from etl.periods import parse_period

    period_type, period = parse_period(period_text)
    keys = [(level, c) for c in areas(level)["area_code"]]
    df = _run("indicators", {**_area_params(keys), "period_type": period_type, "period": period})
    return _to_export_rows(df.sort_values("area_name"))
