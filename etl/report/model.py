"""What a report shows, read from the warehouse marts.

``prepare`` checks the request (period, NIS codes, the caller's scope) and reads
everything the pack needs that is not per municipality in bulk: the metadata, the
municipalities, their comparison groups and the quarterly trend of every area
shown (one query for all municipalities, suppressed once). ``municipality_report``
adds the one municipality's benchmark rows: exactly the rows of
``python -m etl export --benchmark NIS`` (``etl.export.benchmark_rows``), so the
CSV, the KPI cards, the funnel and the sentences show the same suppressed numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pandas as pd

from etl import disclosure
from etl.definitions import STANDARD, Definition
from etl.export import ExportError, benchmark_rows, check_period

TREND_QUARTERS = 12  # the last three years
TREND_LEVELS = ("municipality", "centre_cities", "region", "flanders")
RATES = ("registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate")

# cell states
OK, HIDDEN, NOT_KNOWN, NONE = "ok", "hidden", "not_known", "none"


class ReportError(ValueError):
    """A request the warehouse cannot answer: bad period, unknown NIS code, no data."""


class ReportAccessDenied(PermissionError):
    """A municipality outside the caller's scope (``allowed_nis``)."""


@dataclass(frozen=True)
class PeriodInfo:
    period_type: str
    period: str
    first_month: str
    last_month: str
    n_months: int
    n_months_loaded: int
    is_complete: bool


@dataclass
class PackContext:
    """Everything shared by the reports of one pack."""

    period: PeriodInfo
    definition: Definition
    k: int
    meta: dict[str, str]
    municipalities: dict[str, dict]          # nis -> dim_municipality row
    comparison: dict[str, list[dict]]        # nis -> comparison groups (with names)
    trend_periods: list[str]
    trend: dict[tuple[str, str], dict[str, dict]]  # (level, code) -> period -> suppressed row
    generated_at: str
    nis_codes: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """One shown number: its value (None unless ``state == OK``) and why it may be absent."""

    value: float | None
    state: str
    p_value: float | None = None
    lo: float | None = None
    hi: float | None = None


@dataclass
class MunicipalityReport:
    nis: str
    name: str
    ctx: PackContext
    rows: pd.DataFrame  # the export's benchmark rows (suppressed)
    _by_key: dict | None = field(default=None, repr=False)
    _sentences: list[str] | None = field(default=None, repr=False)

    @property
    def municipality(self) -> dict:
        return self.ctx.municipalities[self.nis]

    def groups(self, kind: str) -> list[dict]:
        return [g for g in self.ctx.comparison.get(self.nis, []) if g["group_kind"] == kind]

    def row(self, kind: str) -> dict | None:
        """The benchmark row of the municipality itself or of one pooled group (a dict)."""
        if self._by_key is None:
            self._by_key = {(r["level"], r["code"]): r for r in self.rows.to_dict("records")}
        if kind == "municipality":
            return self._by_key.get(("municipality", self.nis))
        groups = self.groups(kind)
        if not groups:
            return None
        return self._by_key.get((groups[0]["area_level"], groups[0]["area_code"]))

    def centre_city_names(self) -> list[str]:
        return [g["area_name"] for g in sorted(self.groups("centre_city"), key=lambda g: g["rank"])]

    def trend_series(self, kind: str) -> dict[str, dict]:
        if kind == "municipality":
            key = ("municipality", self.nis)
        else:
            groups = self.groups(kind)
            if not groups:
                return {}
            key = (groups[0]["area_level"], groups[0]["area_code"])
        return self.ctx.trend.get(key, {})


# ----------------------------------------------------------------- reading cells
def _num(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    return float(value)


def rate_cell(row: dict | None, rate: str) -> Cell:
    """A rate of a benchmark or trend row, with the reason when it is empty."""
    if row is None:
        return Cell(None, NONE)
    get = row.get
    value = _num(get(rate))
    if value is not None:
        return Cell(value, OK, _num(get(f"{rate}_p_value")), _num(get(f"{rate}_lo")),
                    _num(get(f"{rate}_hi")))
    _num_col, den = disclosure.RATE_PARTS[rate]
    den_v = _num(get(den))
    if den_v is None:
        return Cell(None, HIDDEN)
    if den_v == 0:
        # no benefit months at all, or (work rates) no month whose follow-up is over yet
        if _num(get("person_months")) == 0 or rate in ("registration_rate", "guidance_rate"):
            return Cell(None, NONE)
        return Cell(None, NOT_KNOWN)
    return Cell(None, HIDDEN)  # the numerator is hidden


def count_cell(row: dict | None, column: str) -> Cell:
    if row is None:
        return Cell(None, NONE)
    value = _num(row.get(column))
    return Cell(value, OK) if value is not None else Cell(None, HIDDEN)


# ----------------------------------------------------------------- preparing a pack
def normalise_nis(values: Iterable[str] | None) -> list[str] | None:
    """``["44021,44084", " 11002 "]`` -> ``["44021", "44084", "11002"]`` (order kept, no repeats)."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for part in str(value).replace(";", ",").split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def prepare(con: duckdb.DuckDBPyConnection, period_text: str, nis_list: Iterable[str] | None,
            definition: Definition = STANDARD, allowed_nis: Iterable[str] | None = None,
            k: int | None = None, generated_at: str | None = None) -> PackContext:
    """Check the request and read the shared data of a pack.

    ``nis_list`` None means every municipality (within ``allowed_nis`` when given).
    Raises ``ReportError`` for a bad period or an unknown NIS code and
    ``ReportAccessDenied`` for a code outside ``allowed_nis``; nothing is read
    beyond what the checks need.
    """
    k = disclosure.suppression_k() if k is None else int(k)
    try:
        period_type, period = check_period(con, period_text)
    except ExportError as exc:
        raise ReportError(str(exc)) from None
    p = con.execute(
        "SELECT first_month, last_month, n_months, n_months_loaded, is_complete FROM dim_period "
        "WHERE period_type = ? AND period = ?", [period_type, period]).fetchone()
    info = PeriodInfo(period_type, period, p[0], p[1], int(p[2]), int(p[3]), bool(p[4]))

    mun = con.execute(
        "SELECT nis_code, name_nl, province_code, province_name, region_code, region_name, "
        "region_kind, is_centre_city FROM dim_municipality ORDER BY nis_code").fetchdf()
    known = {r["nis_code"]: r for r in mun.to_dict("records")}

    allowed = None if allowed_nis is None else set(normalise_nis(allowed_nis) or [])
    wanted = normalise_nis(nis_list)
    if wanted is None:
        codes = [c for c in known if allowed is None or c in allowed]
        if not codes:
            raise ReportAccessDenied("no municipality is in the caller's scope")
    else:
        if not wanted:
            raise ReportError("no NIS code given; name one or more municipalities, or all")
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise ReportError(
                f"unknown NIS code{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: "
                "not a current Flemish municipality (5 digits, e.g. 44021 for Gent)")
        refused = [c for c in wanted if allowed is not None and c not in allowed]
        if refused:
            raise ReportAccessDenied(
                f"not allowed: {', '.join(refused)} {'is' if len(refused) == 1 else 'are'} outside "
                "the caller's scope")
        codes = wanted

    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    comparison = _comparison(con, codes)
    trend_periods = [r[0] for r in con.execute(
        "SELECT period FROM dim_period WHERE period_type = 'quarter' AND is_complete "
        "AND last_month <= ? ORDER BY sort_key DESC LIMIT ?", [info.last_month, TREND_QUARTERS]
    ).fetchall()][::-1]
    keys = {("municipality", c) for c in codes} | {("flanders", "flanders")}
    for groups in comparison.values():
        keys |= {(g["area_level"], g["area_code"]) for g in groups
                 if g["group_kind"] in ("centre_cities", "region")}
    trend = _trend(con, trend_periods, keys, definition, k)
    return PackContext(
        period=info, definition=definition, k=k, meta=meta,
        municipalities={c: known[c] for c in known}, comparison=comparison,
        trend_periods=trend_periods, trend=trend,
        generated_at=generated_at or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        nis_codes=codes,
    )


def _comparison(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, list[dict]]:
    df = con.execute(
        "SELECT c.nis_code, c.group_kind, c.area_level, c.area_code, c.rank, c.distance_km, "
        "a.area_name FROM municipality_comparison c "
        "LEFT JOIN dim_area a ON a.area_level = c.area_level AND a.area_code = c.area_code "
        "WHERE list_contains(?, c.nis_code) ORDER BY c.nis_code, c.group_kind, c.rank",
        [codes]).fetchdf()
    out: dict[str, list[dict]] = {c: [] for c in codes}
    for rec in df.to_dict("records"):
        rec["rank"] = None if pd.isna(rec["rank"]) else int(rec["rank"])
        rec["distance_km"] = None if pd.isna(rec["distance_km"]) else float(rec["distance_km"])
        out[rec["nis_code"]].append(rec)
    return out


def _trend(con: duckdb.DuckDBPyConnection, periods: list[str], keys: set[tuple[str, str]],
           definition: Definition, k: int) -> dict[tuple[str, str], dict[str, dict]]:
    """Quarterly indicator rows of every area shown, in one query, suppressed once."""
    if not periods or not keys:
        return {}
    wanted = sorted(f"{level}|{code}" for level, code in keys)
    df = con.execute(
        """
        SELECT area_level, area_code, period, leefloners, person_months, n_registered, n_guidance,
               work_6m_base, work_6m_n, work_12m_base, work_12m_n,
               registration_rate, guidance_rate, work_6m_rate, work_12m_rate
        FROM mart_indicators__area_period_by_definition
        WHERE include_ell = ? AND art60_is_work = ? AND period_type = 'quarter'
          AND list_contains(?, period)
          AND area_level IN ('municipality', 'centre_cities', 'region', 'flanders')
          AND list_contains(?, area_level || '|' || area_code)
        """,
        [definition.include_ell, definition.art60_is_work, periods, wanted],
    ).fetchdf()
    df = disclosure.suppress_indicators(df, k)
    out: dict[tuple[str, str], dict[str, dict]] = {}
    for rec in df.to_dict("records"):
        out.setdefault((rec["area_level"], rec["area_code"]), {})[rec["period"]] = rec
    return out


def municipality_report(con: duckdb.DuckDBPyConnection, ctx: PackContext, nis: str) -> MunicipalityReport:
    """The benchmark rows of one municipality (as ``python -m etl export --benchmark``)."""
    rows = benchmark_rows(con, nis, ctx.period.period, k=ctx.k, definition=ctx.definition)
    return MunicipalityReport(nis=nis, name=ctx.municipalities[nis]["name_nl"], ctx=ctx, rows=rows)
