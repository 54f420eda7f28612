"""Reads and statistics of the analysis page (/analyse/<nis>, "Eerlijk vergelijken").

Every read goes through ``queries._run`` (the one gate for scope, cache and bound
parameters). Reads about the page's municipality pass its NIS code as ``nis``, so
the gate's detail check applies: a user who may not see the municipality in detail
gets ``PermissionError`` from the first read. Flanders-wide reads (every
municipality's rates for the funnel and the rankings) carry no NIS code and are
cached once; the public functions below call ``_gate(nis)`` before using them.

The statistics (``etl.stats``) are computed on the unsuppressed counts of the marts;
what leaves this module is suppressed with the rules of ``etl.disclosure``: counts
from 1 to k-1 are hidden, and so is every rate, interval, mark, shrunk rate, O/E or
projection built on a hidden count. Hidden cells are listed per row in the column
``suppressed`` (``queries.SUPPRESSED``), like the other query functions do.

Every function takes the indicator definition (``etl.definitions.Definition``):
all marts read here have the keys ``include_ell`` and ``art60_is_work``.
"""

from __future__ import annotations

import csv
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from dashboard import config, indicators, queries
from etl import disclosure, stats
from etl.definitions import Definition
from etl.periods import detail_period, month_idx, month_text, parse_period, period_months

log = logging.getLogger(__name__)

SUPPRESSED = queries.SUPPRESSED
# The page's comparison groups, in the order they are shown.
KINDS = ["municipality", "centre_cities", "peers", "region", "province", "flanders"]
KM_KINDS = ["municipality", "centre_cities", "region", "flanders"]
REGIONS = ["VLG", "BRU", "WAL", "BUI", "onbekend"]
OUTSIDE_FLANDERS = ["BRU", "WAL", "BUI"]
HORIZONS = (6, 12)
PACT_ENV = "LEEFLOON_PACT_FILE"
PACT_DEFAULT = config.PROJECT_ROOT / "data" / "config" / "activeringspact.csv"
# why a cell is empty (besides the disclosure rule)
REASON_SMALL = "small"        # a count 1..k-1 (disclosure.reason_text)
REASON_DETAIL = "detail"      # analytics of a municipality the user may not see in detail


# -- the gate -------------------------------------------------------------------------
def _definition_params(d: Definition) -> dict[str, bool]:
    return {"ell": bool(d.include_ell), "art60": bool(d.art60_is_work)}


def _q(name: str, params: dict[str, Any] | None = None, *, nis: str | None = None) -> pd.DataFrame:
    """``queries._run``; a read about one municipality is a detail read of it."""
    detail = None if nis is None else [("municipality", nis)]
    return queries._run(name, dict(params or {}), detail=detail)


def _gate(nis: str) -> None:
    """Raise ``PermissionError`` (``AccessDenied``) unless the user may see this
    municipality's analytics (detail)."""
    _q("analysis_membership", {"nis": nis}, nis=nis)


def detail_allowed(nis: str) -> bool:
    """Whether the current user may see analytics (detail) of this municipality.

    Used to blank the analytics of *other* municipalities in the Flanders-wide
    rankings and the map (their raw rates are headline figures and stay)."""
    return bool(queries.current_principal().can_see_detail(nis))


def _areas_params(areas: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    return queries._area_params(areas)


def k_threshold() -> int:
    return disclosure.suppression_k()


def _small(values: Any, k: int | None = None) -> np.ndarray:
    k = k_threshold() if k is None else k
    return disclosure.is_small(pd.Series(values, dtype="Float64"), k).to_numpy(dtype=bool)


def _num(value: Any) -> float:
    """A count or rate as float; NaN for missing."""
    if value is None or value is pd.NA:
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


# -- reference ------------------------------------------------------------------------
def membership(nis: str) -> set[tuple[str, str]]:
    """The (area_level, area_code) pairs that contain the municipality (bridge table)."""
    df = _q("analysis_membership", {"nis": nis}, nis=nis)
    return {(r.area_level, r.area_code) for r in df.itertuples()}


def groups(nis: str) -> pd.DataFrame:
    """The page's comparison groups: kind, level, code, name, nested (contains the municipality).

    The municipality first, then the pooled centre cities, the peers, region, province
    and Flanders (those that exist for it)."""
    _gate(nis)
    comp = queries.comparison(nis)
    member = membership(nis)
    muni = queries.municipality(nis) or {}
    rows = [{"series_kind": "municipality", "area_level": "municipality", "area_code": nis,
             "area_name": muni.get("name_nl", nis), "nested": False}]
    for kind in KINDS[1:]:
        sel = comp[comp.group_kind == kind]
        if sel.empty:
            continue
        r = sel.iloc[0]
        rows.append({"series_kind": kind, "area_level": r.area_level, "area_code": r.area_code,
                     "area_name": r.area_name,
                     "nested": (r.area_level, r.area_code) in member})
    return pd.DataFrame(rows)


def peers(nis: str) -> pd.DataFrame:
    """The k most similar municipalities: rank, nis_code, name, distance (peer_distance)."""
    return _q("analysis_peers", {"nis": nis}, nis=nis)


# -- indicator rows ---------------------------------------------------------------------
def _indicator_rows(nis: str, areas: list[tuple[str, str]], period_type: str, period: str,
                    d: Definition) -> pd.DataFrame:
    """Raw (unsuppressed) indicator rows: for statistics only, never shown as such."""
    params = {**_areas_params(areas), "period_type": period_type, "period": period,
              **_definition_params(d)}
    return _q("analysis_indicators", params, nis=nis)


def _level_rows(period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """Raw indicator rows of every municipality (Flanders-wide, no NIS: cached once)."""
    return _q("analysis_level_indicators",
              {"period_type": period_type, "period": period, **_definition_params(d)})


def group_indicators(nis: str, period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """The groups' indicator rows, suppressed (``suppressed`` lists hidden cells)."""
    g = groups(nis)
    raw = _indicator_rows(nis, list(zip(g.area_level, g.area_code)), period_type, period, d)
    out = g.merge(raw.drop(columns=["area_name"]), on=["area_level", "area_code"], how="left")
    present = out["period"].notna()
    sup = queries.suppress(out.drop(columns=["nested"]))
    sup["nested"] = out["nested"].to_numpy()
    sup["has_data"] = present.to_numpy()
    return sup


def _compare(k1, n1, k2, n2, nested: bool) -> float:
    """compare_proportions with NaN for missing or impossible input (never raises)."""
    vals = [_num(x) for x in (k1, n1, k2, n2)]
    if any(np.isnan(v) for v in vals) or vals[1] <= 0 or vals[3] <= 0:
        return float("nan")
    try:
        return float(stats.compare_proportions(*vals, nested=nested))
    except ValueError:
        return float("nan")


def rate_table(nis: str, period_type: str, period: str, d: Definition,
               keys: list[str] | None = None) -> pd.DataFrame:
    """Every rate of the municipality and its groups with its Wilson 95% interval, and
    for each group the two-sided test of "the municipality differs from this group"
    (``compare_proportions``; ``nested=True`` when the group contains the municipality,
    as ``bridge_area_municipality`` says).

    One row per (group, indicator): series_kind, area_level, area_code, area_name,
    indicator, numerator, denominator, rate, lower, upper, nested, p_value, mark
    ("*" or ""), has_data, pending (benefit months but no follow-up known yet),
    suppressed. Counts are suppressed; the rate, interval, p-value and mark are empty
    where the group's rate or the municipality's rate is hidden.
    """
    keys = keys or list(indicators.RATES)
    g = groups(nis)
    raw = _indicator_rows(nis, list(zip(g.area_level, g.area_code)), period_type, period, d)
    raw = g.merge(raw.drop(columns=["area_name"]), on=["area_level", "area_code"], how="left")
    sup = queries.suppress(raw.drop(columns=["nested"]))
    k = k_threshold()
    me_raw = raw.iloc[0]
    me_sup = sup.iloc[0]
    recs = []
    for key in keys:
        ind = indicators.get(key)
        num_c, den_c = ind.numerator, ind.denominator
        me_hidden = key in queries.hidden_cells(me_sup)
        for i in range(len(raw)):
            r, s = raw.iloc[i], sup.iloc[i]
            hidden = set()
            kk, nn = _num(r.get(num_c)), _num(r.get(den_c))
            own_hidden = key in queries.hidden_cells(s)
            rate = _num(r.get(key))
            lo, hi = (stats.wilson_interval(kk, nn) if nn > 0 else (float("nan"), float("nan")))
            p = float("nan")
            if r.series_kind != "municipality":
                p = _compare(me_raw.get(num_c), me_raw.get(den_c), kk, nn, bool(r.nested))
            if own_hidden:
                hidden |= {"rate", "lower", "upper"}
                rate = lo = hi = float("nan")
            if own_hidden or me_hidden:
                if r.series_kind != "municipality":
                    hidden |= {"p_value", "mark"}
                p = float("nan")
            num_shown = _num(s.get(num_c))
            den_shown = _num(s.get(den_c))
            if _small([kk], k)[0]:
                hidden.add("numerator")
            if _small([nn], k)[0]:
                hidden.add("denominator")
            recs.append({
                "series_kind": r.series_kind, "area_level": r.area_level,
                "area_code": r.area_code, "area_name": r.area_name, "indicator": key,
                "numerator": num_shown, "denominator": den_shown,
                "rate": rate, "lower": lo, "upper": hi, "nested": bool(r.nested),
                "p_value": p, "mark": str(stats.significance_mark(p)) if not np.isnan(p) else "",
                "has_data": pd.notna(r.get("period")),
                # months of benefit, but none with the follow-up known yet (work rates)
                "pending": bool(nn == 0 and _num(r.get("person_months")) > 0),
                SUPPRESSED: ",".join(sorted(hidden)),
            })
    out = pd.DataFrame(recs)
    if not out.empty:
        out["numerator"] = out["numerator"].astype("Float64").round().astype("Int64")
        out["denominator"] = out["denominator"].astype("Float64").round().astype("Int64")
    return out


# -- funnel plot and empirical-Bayes ranking ----------------------------------------------
FUNNEL_POINTS = ["nis_code", "name", "numerator", "denominator", "rate", "lower_95", "upper_95",
                 "lower_998", "upper_998", "zone", "selected"]


@dataclass
class Funnel:
    points: pd.DataFrame          # nis_code, name, numerator, denominator, rate, zone, selected
    limits: pd.DataFrame          # n, lower_95, upper_95, lower_998, upper_998
    p0: float                     # the Flemish rate
    left_out: list[str] = field(default_factory=list)  # names of suppressed municipalities
    indicator: str = ""


def _zone(rate: float, lim: pd.Series) -> str:
    if np.isnan(rate) or np.isnan(lim["lower_95"]):
        return ""
    if rate > lim["upper_998"]:
        return "above_998"
    if rate < lim["lower_998"]:
        return "below_998"
    if rate > lim["upper_95"]:
        return "above_95"
    if rate < lim["lower_95"]:
        return "below_95"
    return "inside"


def flemish_rate(nis: str, key: str, period_type: str, period: str, d: Definition) -> float:
    raw = _indicator_rows(nis, [("flanders", "flanders")], period_type, period, d)
    return float("nan") if raw.empty else _num(raw.iloc[0][key])


def funnel(nis: str, key: str, period_type: str, period: str, d: Definition) -> Funnel:
    """Every municipality's rate against its denominator, with exact binomial control
    limits (95% and 99.8%, ``funnel_limits`` on ``funnel_grid``) around the Flemish rate.
    Municipalities whose rate is suppressed are left out (their names in ``left_out``)."""
    _gate(nis)
    ind = indicators.get(key)
    rows = _level_rows(period_type, period, d)
    p0 = flemish_rate(nis, key, period_type, period, d)
    rows = rows[pd.to_numeric(rows[ind.denominator], errors="coerce").fillna(0) > 0]
    if rows.empty or np.isnan(p0):  # e.g. a follow-up that is not known yet
        return Funnel(pd.DataFrame(columns=FUNNEL_POINTS), pd.DataFrame(), p0, [], key)
    sup = queries.suppress(rows)
    hidden = sup[SUPPRESSED].map(lambda v: key in str(v).split(",")).to_numpy()
    shown = rows[~hidden]
    left_out = list(rows[hidden]["area_name"])
    n = shown[ind.denominator].astype(float).to_numpy()
    k = shown[ind.numerator].astype(float).to_numpy()
    n_min = float(max(1, k_threshold()))
    grid = stats.funnel_grid(max(n.max() if len(n) else 1.0, n_min) * 1.1, n_min=int(n_min))
    limits = stats.funnel_limits(p0, grid)
    at = stats.funnel_limits(p0, n) if len(n) else pd.DataFrame()
    rates = k / n
    zones = [_zone(rates[i], at.iloc[i]) for i in range(len(n))]
    points = pd.DataFrame({
        "nis_code": shown["area_code"].to_numpy(), "name": shown["area_name"].to_numpy(),
        "numerator": shown[ind.numerator].astype("Int64").to_numpy(),
        "denominator": shown[ind.denominator].astype("Int64").to_numpy(),
        "rate": rates, "lower_95": at["lower_95"].to_numpy() if len(n) else [],
        "upper_95": at["upper_95"].to_numpy() if len(n) else [],
        "lower_998": at["lower_998"].to_numpy() if len(n) else [],
        "upper_998": at["upper_998"].to_numpy() if len(n) else [],
        "zone": zones, "selected": shown["area_code"].to_numpy() == nis,
    })
    return Funnel(points, limits, p0, sorted(left_out), key)


def _rank_desc(values: pd.Series) -> pd.Series:
    """Rank 1 = highest; ties share the best rank; missing stays missing."""
    return values.astype("Float64").rank(ascending=False, method="min").astype("Int64")


def eb_ranking(nis: str, key: str, period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """All municipalities with raw rate (Wilson interval), empirical-Bayes shrunk rate and
    both ranks (1 = highest). The prior is fitted on every municipality's unsuppressed
    counts (``eb_prior``); rows whose rate is suppressed show neither rate and get no rank.
    ``attrs``: alpha, beta, mu (the prior and its mean)."""
    _gate(nis)
    ind = indicators.get(key)
    rows = _level_rows(period_type, period, d)
    rows = rows[pd.to_numeric(rows[ind.denominator], errors="coerce").fillna(0) > 0].copy()
    cols = ["nis_code", "name", "denominator", "rate", "lower", "upper", "shrunk", "rank_raw",
            "rank_shrunk", "selected", SUPPRESSED]
    if rows.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(alpha=float("nan"), beta=float("nan"), mu=float("nan"))
        return out
    k = rows[ind.numerator].astype(float).to_numpy()
    n = rows[ind.denominator].astype(float).to_numpy()
    alpha, beta = stats.eb_prior(k, n)
    shrunk = stats.eb_shrink(k, n, prior=(alpha, beta))
    lo, hi = stats.wilson_interval(k, n)
    sup = queries.suppress(rows)
    hidden = sup[SUPPRESSED].map(lambda v: key in str(v).split(",")).to_numpy()
    no_detail = np.array([c != nis and not detail_allowed(c) for c in rows["area_code"]])
    out = pd.DataFrame({
        "nis_code": rows["area_code"].to_numpy(), "name": rows["area_name"].to_numpy(),
        "denominator": sup[ind.denominator].astype("Int64").to_numpy(),
        "rate": np.where(hidden, np.nan, k / n),
        "lower": np.where(hidden, np.nan, lo), "upper": np.where(hidden, np.nan, hi),
        "shrunk": np.where(hidden | no_detail, np.nan, shrunk),
    })
    shown_shrunk = pd.Series(np.where(hidden, np.nan, shrunk))
    out["rank_raw"] = _rank_desc(pd.Series(out["rate"])).to_numpy()
    out["rank_shrunk"] = _rank_desc(shown_shrunk).to_numpy()
    out.loc[no_detail, "rank_shrunk"] = pd.NA
    out["selected"] = out["nis_code"] == nis
    marks = []
    for h, nd, s in zip(hidden, no_detail, sup[SUPPRESSED]):
        cells = {"denominator"} if ind.denominator in str(s).split(",") else set()
        if h:
            cells |= {"rate", "lower", "upper", "shrunk", "rank_raw", "rank_shrunk"}
        marks.append(",".join(sorted(cells)))
    out[SUPPRESSED] = marks  # disclosure only; ``detail_hidden`` marks the access rule
    out["detail_hidden"] = no_detail
    for c in ("rate", "lower", "upper", "shrunk"):
        out[c] = out[c].astype("Float64")
    out = out.sort_values(["rank_shrunk", "rank_raw", "name"],
                          na_position="last").reset_index(drop=True)
    fitted = np.isfinite(alpha) and np.isfinite(beta)
    out.attrs.update(alpha=alpha, beta=beta, mu=alpha / (alpha + beta) if fitted else np.nan)
    return out


# -- case mix --------------------------------------------------------------------------
def _oe_rows(raw: pd.DataFrame, h: int) -> dict[str, np.ndarray]:
    obs = raw[f"work_{h}m_n"].astype(float).to_numpy()
    exp = raw[f"work_{h}m_expected"].astype(float).to_numpy()
    base = raw[f"work_{h}m_base"].astype(float).to_numpy()
    ratio, lo, hi = stats.oe_ratio_interval(obs, exp)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(base > 0, obs / base, np.nan)
    return {"observed": obs, "expected": exp, "base": base, "oe": np.atleast_1d(ratio),
            "oe_lower": np.atleast_1d(lo), "oe_upper": np.atleast_1d(hi), "rate": rate}


def casemix(nis: str, period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """Observed and expected work within 6 and 12 months (``mart_casemix``) for the
    municipality and its groups, O/E with its exact Poisson interval (``oe_ratio_interval``).

    One row per (group, horizon): series_kind, area_level, area_code, area_name,
    horizon_months, base, observed, expected, rate, oe, oe_lower, oe_upper, suppressed.
    The observed count, rate and O/E are hidden where the observed count (or, for the
    rate, the base) is 1..k-1."""
    g = groups(nis)
    params = {**_areas_params(zip(g.area_level, g.area_code)), "period_type": period_type,
              "period": period, **_definition_params(d)}
    raw = _q("analysis_casemix", params, nis=nis)
    raw = g.merge(raw.drop(columns=["area_name"]), on=["area_level", "area_code"], how="inner")
    k = k_threshold()
    recs = []
    for h in HORIZONS:
        if raw.empty:
            break
        v = _oe_rows(raw, h)
        small_obs = _small(v["observed"], k)
        small_base = _small(v["base"], k)
        for i, r in enumerate(raw.itertuples()):
            hidden = set()
            rec = {"series_kind": r.series_kind, "area_level": r.area_level,
                   "area_code": r.area_code, "area_name": r.area_name, "horizon_months": h,
                   "base": v["base"][i], "observed": v["observed"][i],
                   "expected": v["expected"][i], "rate": v["rate"][i], "oe": v["oe"][i],
                   "oe_lower": v["oe_lower"][i], "oe_upper": v["oe_upper"][i]}
            if small_obs[i]:
                hidden |= {"observed", "oe", "oe_lower", "oe_upper", "rate"}
            if small_base[i]:
                hidden |= {"base", "rate"}
            for c in hidden:
                rec[c] = float("nan")
            rec[SUPPRESSED] = ",".join(sorted(hidden))
            recs.append(rec)
    out = pd.DataFrame(recs, columns=["series_kind", "area_level", "area_code", "area_name",
                                      "horizon_months", "base", "observed", "expected", "rate",
                                      "oe", "oe_lower", "oe_upper", SUPPRESSED])
    for c in ("base", "observed"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out


def casemix_ranking(nis: str, horizon: int, period_type: str, period: str,
                    d: Definition) -> pd.DataFrame:
    """All municipalities: raw rate of work within ``horizon`` months and O/E side by side,
    with both ranks (1 = highest). Hidden rows get no rank."""
    _gate(nis)
    raw = _q("analysis_casemix_level", {"period_type": period_type, "period": period,
                                        **_definition_params(d)})
    cols = ["nis_code", "name", "base", "observed", "expected", "rate", "oe", "oe_lower",
            "oe_upper", "rank_raw", "rank_oe", "selected", SUPPRESSED]
    raw = raw[pd.to_numeric(raw[f"work_{horizon}m_base"], errors="coerce").fillna(0) > 0]
    if raw.empty:
        return pd.DataFrame(columns=cols)
    v = _oe_rows(raw, horizon)
    k = k_threshold()
    small_obs = _small(v["observed"], k)
    small_base = _small(v["base"], k)
    no_detail = np.array([c != nis and not detail_allowed(c) for c in raw["area_code"]])
    hide_rate = small_obs | small_base
    hide_oe = small_obs | no_detail
    out = pd.DataFrame({
        "nis_code": raw["area_code"].to_numpy(), "name": raw["area_name"].to_numpy(),
        "base": np.where(small_base, np.nan, v["base"]),
        "observed": np.where(small_obs, np.nan, v["observed"]),
        "expected": np.where(no_detail, np.nan, v["expected"]),
        "rate": np.where(hide_rate, np.nan, v["rate"]),
        "oe": np.where(hide_oe, np.nan, v["oe"]),
        "oe_lower": np.where(hide_oe, np.nan, v["oe_lower"]),
        "oe_upper": np.where(hide_oe, np.nan, v["oe_upper"]),
    })
    out["rank_raw"] = _rank_desc(out["rate"]).to_numpy()
    out["rank_oe"] = _rank_desc(out["oe"]).to_numpy()
    out["selected"] = out["nis_code"] == nis
    marks = []
    for so, sb, nd in zip(small_obs, small_base, no_detail):
        cells = set()
        if so:
            cells |= {"observed", "rate", "oe", "oe_lower", "oe_upper", "rank_raw", "rank_oe"}
        if sb:
            cells |= {"base", "rate", "rank_raw"}
        marks.append(",".join(sorted(cells)))
    out[SUPPRESSED] = marks  # disclosure only; ``detail_hidden`` marks the access rule
    out["detail_hidden"] = no_detail
    for c in ("base", "observed"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out.sort_values(["rank_oe", "rank_raw", "name"],
                           na_position="last").reset_index(drop=True)


# -- time to work: Kaplan-Meier ------------------------------------------------------------
def _km_raw(nis: str, d: Definition) -> tuple[pd.DataFrame, pd.DataFrame]:
    g = groups(nis)
    g = g[g.series_kind.isin(KM_KINDS)]
    params = {**_areas_params(zip(g.area_level, g.area_code)), **_definition_params(d)}
    return g, _q("analysis_time_to_work", params, nis=nis)


def km_curves(nis: str, d: Definition) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kaplan-Meier curves of the months from the start of a leefloon spell to the first
    work month, per entry-cohort year, for the municipality, the pooled centre cities,
    the region and Flanders (``kaplan_meier`` on ``mart_time_to_work``).

    Returns (curves, medians). curves: series_kind, area_level, area_code, area_name,
    cohort_year, months, share_in_work (1 - S), lower, upper (its 95% interval).
    medians: series_kind, area_level, area_code, area_name, cohort_year, shown,
    median_months (NaN when not reached), reached, last_month (the last month shown),
    suppressed.

    Disclosure: a curve whose cohort has fewer than k spells is not shown at all, and a
    shown curve stops at the last month at which at least k spells are still at risk
    (beyond it each step would be a handful of persons). No count leaves this function.
    """
    g, raw = _km_raw(nis, d)
    k = k_threshold()
    curves, medians = [], []
    for r in g.itertuples():
        mine = raw[(raw.area_level == r.area_level) & (raw.area_code == r.area_code)]
        for year in sorted(mine.cohort_year.unique()):
            part = mine[mine.cohort_year == year]
            total = float(part.n_events.sum() + part.n_censored.sum())
            base = {"series_kind": r.series_kind, "area_level": r.area_level,
                    "area_code": r.area_code, "area_name": r.area_name,
                    "cohort_year": int(year)}
            if total < k:
                medians.append({**base, "shown": False, "median_months": np.nan,
                                "reached": False, "last_month": np.nan, SUPPRESSED: "curve"})
                continue
            km = stats.kaplan_meier(part.months, part.n_events, part.n_censored)
            km = km[km.at_risk >= k]
            if km.empty:
                medians.append({**base, "shown": False, "median_months": np.nan,
                                "reached": False, "last_month": np.nan, SUPPRESSED: "curve"})
                continue
            med = stats.median_time(km)
            medians.append({**base, "shown": True, "median_months": med,
                            "reached": not np.isnan(med), "last_month": float(km.time.max()),
                            SUPPRESSED: ""})
            pts = km[["time", "survival", "lower", "upper"]]
            if pts.time.iloc[0] > 0:  # the curve starts at 0 in work at month 0
                pts = pd.concat([pd.DataFrame({"time": [0.0], "survival": [1.0], "lower": [1.0],
                                               "upper": [1.0]}), pts], ignore_index=True)
            for p in pts.itertuples():
                curves.append({**base, "months": int(p.time), "share_in_work": 1 - p.survival,
                               "lower": 1 - p.upper, "upper": 1 - p.lower})
    cur = pd.DataFrame(curves, columns=["series_kind", "area_level", "area_code", "area_name",
                                        "cohort_year", "months", "share_in_work", "lower",
                                        "upper"])
    med = pd.DataFrame(medians, columns=["series_kind", "area_level", "area_code", "area_name",
                                         "cohort_year", "shown", "median_months", "reached",
                                         "last_month", SUPPRESSED])
    return cur, med


# -- sustained work and relapse ---------------------------------------------------------------
DYNAMICS_RATES = {"sustained_rate": ("sustained_n", "sustained_base"),
                  "relapse_rate": ("relapse_n", "relapse_base")}


def dynamics(nis: str, period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """Sustained work (sustained_n / sustained_base) and relapse (relapse_n / relapse_base)
    of the municipality and its groups with Wilson intervals and the significance mark of
    the municipality against each group. One row per (group, measure): series_kind, ...,
    measure, numerator, denominator, rate, lower, upper, nested, p_value, mark, suppressed."""
    g = groups(nis)
    params = {**_areas_params(zip(g.area_level, g.area_code)), "period_type": period_type,
              "periods": [period], **_definition_params(d)}
    raw = _q("analysis_dynamics", params, nis=nis)
    raw = g.merge(raw.drop(columns=["area_name"]), on=["area_level", "area_code"], how="left")
    k = k_threshold()
    recs = []
    me = raw.iloc[0]
    for measure, (num_c, den_c) in DYNAMICS_RATES.items():
        me_k, me_n = _num(me.get(num_c)), _num(me.get(den_c))
        me_hidden = bool(_small([me_k, me_n], k).any())
        for r in raw.itertuples():
            kk, nn = _num(getattr(r, num_c)), _num(getattr(r, den_c))
            small_k, small_n = _small([kk, nn], k)
            hidden = set()
            rate = kk / nn if nn > 0 else float("nan")
            lo, hi = stats.wilson_interval(kk, nn) if nn > 0 else (float("nan"), float("nan"))
            p = float("nan")
            if r.series_kind != "municipality":
                p = _compare(me_k, me_n, kk, nn, bool(r.nested))
            if small_k:
                hidden.add("numerator")
            if small_n:
                hidden.add("denominator")
            if small_k or small_n:
                hidden |= {"rate", "lower", "upper"}
                rate = lo = hi = float("nan")
            if (small_k or small_n or me_hidden) and r.series_kind != "municipality":
                hidden |= {"p_value", "mark"}
                p = float("nan")
            recs.append({"series_kind": r.series_kind, "area_level": r.area_level,
                         "area_code": r.area_code, "area_name": r.area_name, "measure": measure,
                         "numerator": np.nan if small_k else kk,
                         "denominator": np.nan if small_n else nn,
                         "rate": rate, "lower": lo, "upper": hi, "nested": bool(r.nested),
                         "p_value": p,
                         "mark": str(stats.significance_mark(p)) if not np.isnan(p) else "",
                         SUPPRESSED: ",".join(sorted(hidden))})
    out = pd.DataFrame(recs)
    for c in ("numerator", "denominator"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out


# -- interregional mobility ----------------------------------------------------------------
def mobility(nis: str, horizon: int, period_type: str, period: str, d: Definition) -> pd.DataFrame:
    """Work within ``horizon`` months by the region of the first work month (VLG, BRU, WAL,
    BUI, onbekend) for the municipality and its groups: n (primary and secondary
    suppression within each group, as ``queries.outflow``) and share of the group's total.
    One row per (group, category)."""
    g = groups(nis)
    period_type, period = detail_period(period_type, period)
    params = {**_areas_params(zip(g.area_level, g.area_code)), "period_type": period_type,
              "period": period, "horizon": int(horizon), **_definition_params(d)}
    raw = _q("analysis_outflow_region", params, nis=nis)
    recs = []
    for r in g.itertuples():
        mine = raw[(raw.area_level == r.area_level) & (raw.area_code == r.area_code)]
        if mine.empty:
            continue
        found = dict(zip(mine.category, mine.n))
        for cat in REGIONS:
            recs.append({"series_kind": r.series_kind, "area_level": r.area_level,
                         "area_code": r.area_code, "area_name": r.area_name,
                         "horizon_months": int(horizon), "category": cat,
                         "n": int(found.get(cat, 0))})
    cols = ["series_kind", "area_level", "area_code", "area_name", "horizon_months", "category",
            "n", "total", "share", SUPPRESSED]
    if not recs:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(recs)
    df["total"] = df.groupby(["area_level", "area_code"])["n"].transform("sum")
    col = f"work_{int(horizon)}m_n"
    sup = queries.suppress(df.rename(columns={"n": col}).drop(columns=["total"]),
                           by=["area_level", "area_code"], category="category")
    sup = sup.rename(columns={col: "n"})
    k = k_threshold()
    small_total = _small(df["total"], k)
    hidden_n = sup[SUPPRESSED].map(lambda v: col in str(v).split(",")).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(df["total"] > 0, df["n"] / df["total"], np.nan)
    hide = hidden_n | small_total
    out = df.drop(columns=["n"]).copy()
    out["n"] = sup["n"].astype("Int64").to_numpy()
    out["total"] = pd.array(np.where(small_total, np.nan, df["total"]), dtype="Float64").round() \
        .astype("Int64")
    out["share"] = pd.array(np.where(hide, np.nan, share), dtype="Float64")
    out[SUPPRESSED] = [",".join(sorted(({"n"} if hn else set()) | ({"share"} if h else set())
                                       | ({"total"} if st else set())))
                       for hn, h, st in zip(hidden_n, hide, small_total)]
    return out[cols]


def mobility_map(nis: str, horizon: int, period_type: str, period: str,
                 d: Definition) -> pd.DataFrame:
    """Every municipality's share of its work outflow (within ``horizon`` months) that went
    to a job outside Flanders (Brussels, Wallonia or abroad): nis_code, name, n_total,
    n_outside, share_outside, suppressed. Hidden when a count is 1..k-1."""
    _gate(nis)
    period_type, period = detail_period(period_type, period)
    raw = _q("analysis_outflow_region_level", {"period_type": period_type, "period": period,
                                               "horizon": int(horizon),
                                               **_definition_params(d)})
    # every municipality on the map: without outflow rows its share is simply empty
    muni = queries.municipalities()[["nis_code", "name_nl"]].rename(columns={"name_nl": "name"})
    raw = muni.merge(raw.drop(columns=["name"]), on="nis_code", how="left")
    k = k_threshold()
    tot = raw["n_total"].astype(float).to_numpy()
    out_n = raw["n_outside"].astype(float).to_numpy()
    small_t, small_o = _small(tot, k), _small(out_n, k)
    no_detail = np.array([c != nis and not detail_allowed(c) for c in raw["nis_code"]])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(tot > 0, out_n / tot, np.nan)
    hide = small_t | small_o | no_detail
    out = pd.DataFrame({
        "nis_code": raw["nis_code"].to_numpy(), "name": raw["name"].to_numpy(),
        "n_total": pd.array(np.where(small_t | no_detail, np.nan, tot), dtype="Float64"),
        "n_outside": pd.array(np.where(small_o | no_detail, np.nan, out_n), dtype="Float64"),
        "share_outside": pd.array(np.where(hide, np.nan, share), dtype="Float64"),
    })
    for c in ("n_total", "n_outside"):
        out[c] = out[c].round().astype("Int64")
    marks = []  # disclosure only; ``detail_hidden`` marks the access rule
    for st, so in zip(small_t, small_o):
        cells = ({"n_total"} if st else set()) | ({"n_outside"} if so else set())
        marks.append(",".join(sorted(cells | ({"share_outside"} if st or so else set()))))
    out[SUPPRESSED] = marks
    out["detail_hidden"] = no_detail
    out["selected"] = out["nis_code"] == nis
    return out


# -- Lokaal Activeringspact --------------------------------------------------------------------
def pact_path() -> Path:
    raw = os.environ.get(PACT_ENV, "").strip()
    if not raw:
        return PACT_DEFAULT
    path = Path(raw)
    return path if path.is_absolute() else config.PROJECT_ROOT / path


def pact_commitments(path: Path | None = None) -> pd.DataFrame:
    """The commitments file (nis_code, period, committed). Rows that cannot be read are
    skipped with a warning; a missing file gives an empty table."""
    path = path or pact_path()
    cols = ["nis_code", "period", "period_type", "committed"]
    if not path.is_file():
        return pd.DataFrame(columns=cols)
    recs = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if not row.get("nis_code") or row.get("nis_code", "").startswith("#"):
                continue
            try:
                ptype, period = parse_period(row.get("period", ""))
                committed = float(row.get("committed", "").replace(",", "."))
                if committed < 0 or not np.isfinite(committed):
                    raise ValueError("negative")
            except ValueError as exc:
                log.warning("%s line %d skipped: %s", path, i, exc)
                continue
            recs.append({"nis_code": row["nis_code"].zfill(5), "period": period,
                         "period_type": ptype, "committed": committed})
    return pd.DataFrame(recs, columns=cols)


def _known_last_month(meta: dict[str, str]) -> int | None:
    """The last month whose exits have a known 3-month follow-up (mart_dynamics: exits
    exclude the last loaded month; exits_base needs month + 3 <= last work month)."""
    try:
        last = month_idx(meta["last_month"])
        last_work = month_idx(meta.get("last_work_month") or meta["last_month"])
    except (KeyError, ValueError):
        return None
    return min(last - 1, last_work - 3)


def _reference_year(periods: pd.DataFrame, before: int, known_last: int) -> str | None:
    """The latest complete calendar year whose every month has a known 3-month follow-up,
    preferably ending before the month ``before`` (the pact period's first month)."""
    years = periods[(periods.period_type == "year") & periods.is_complete.astype(bool)]
    ok = [p for p in years.period if period_months("year", p)[1] <= known_last]
    if not ok:
        return None
    earlier = [p for p in ok if period_months("year", p)[1] < before]
    return max(earlier or ok)


def pact(nis: str, d: Definition) -> pd.DataFrame:
    """The municipality's Lokaal Activeringspact commitments with baseline, realised
    outflow to work so far, projection with a 95% prediction interval and the extra
    outflows still needed. One row per commitment (usually one).

    Definitions (docs/analysis.md):

    - reference year: the latest complete calendar year whose exits all have a known
      3-month follow-up, ending before the pact period (else the latest such year);
    - Flemish outflow rate: Flanders' exits_to_work / Flanders' leefloners in the
      reference year (outflows to work per leefloner);
    - baseline = Flemish outflow rate x the municipality's leefloners in the reference
      year x (months in the pact period / 12): what the municipality would realise at
      the Flemish pace with its own caseload;
    - realised = the municipality's exits_to_work summed over the months of the pact
      period whose 3-month follow-up is known; months_elapsed = the number of those months;
    - projection = project_total(realised, months_elapsed, months in the period,
      kind='prediction');
    - extra needed = max(0, committed - realised).
    """
    _gate(nis)
    cols = ["nis_code", "period", "committed", "reference_year", "flemish_rate",
            "leefloners_reference", "baseline", "realised", "months_elapsed", "months_total",
            "projected", "projected_lower", "projected_upper", "extra_needed", "status",
            SUPPRESSED]
    commits = pact_commitments()
    commits = commits[commits.nis_code == nis]
    if commits.empty:
        return pd.DataFrame(columns=cols)
    meta = queries.meta()
    periods = queries.periods()
    known_last = _known_last_month(meta)
    k = k_threshold()
    recs = []
    for c in commits.itertuples():
        first, last = period_months(c.period_type, c.period)
        months_total = last - first + 1
        ref = _reference_year(periods, first, known_last) if known_last is not None else None
        rate = l_ref = baseline = float("nan")
        hidden: set[str] = set()
        if ref is not None:
            ind = _indicator_rows(nis, [("flanders", "flanders"), ("municipality", nis)],
                                  "year", ref, d)
            dyn = _q("analysis_dynamics", {**_areas_params([("flanders", "flanders")]),
                                           "period_type": "year", "periods": [ref],
                                           **_definition_params(d)}, nis=nis)
            fl = ind[ind.area_level == "flanders"]
            me = ind[ind.area_level == "municipality"]
            fl_lf = _num(fl.iloc[0]["leefloners"]) if not fl.empty else float("nan")
            fl_etw = _num(dyn.iloc[0]["exits_to_work"]) if not dyn.empty else float("nan")
            rate = fl_etw / fl_lf if fl_lf > 0 else float("nan")
            l_ref = _num(me.iloc[0]["leefloners"]) if not me.empty else 0.0
            baseline = rate * l_ref * months_total / 12
            if _small([l_ref], k)[0]:
                hidden |= {"leefloners_reference", "baseline"}
        known = [m for m in range(first, last + 1) if known_last is not None and m <= known_last]
        elapsed = len(known)
        realised = float("nan")
        proj = lo = hi = float("nan")
        if elapsed:
            dyn_m = _q("analysis_dynamics", {**_areas_params([("municipality", nis)]),
                                             "period_type": "month",
                                             "periods": [month_text(m) for m in known],
                                             **_definition_params(d)}, nis=nis)
            realised = float(dyn_m["exits_to_work"].sum()) if not dyn_m.empty else 0.0
            proj, lo, hi = stats.project_total(realised, elapsed, months_total, kind="prediction")
            if _small([realised], k)[0]:
                hidden |= {"realised", "projected", "projected_lower", "projected_upper",
                           "extra_needed", "status"}
        extra = max(c.committed - realised, 0.0) if not np.isnan(realised) else float("nan")
        if np.isnan(lo) or np.isnan(hi):
            status = "unknown"
        elif c.committed <= lo:
            status = "likely"
        elif c.committed > hi:
            status = "out_of_reach"
        else:
            status = "uncertain"
        rec = {"nis_code": nis, "period": c.period, "committed": c.committed,
               "reference_year": ref or "", "flemish_rate": rate, "leefloners_reference": l_ref,
               "baseline": baseline, "realised": realised, "months_elapsed": elapsed,
               "months_total": months_total, "projected": proj, "projected_lower": lo,
               "projected_upper": hi, "extra_needed": extra, "status": status}
        for h in hidden:
            rec[h] = "" if h == "status" else float("nan")
        rec[SUPPRESSED] = ",".join(sorted(hidden))
        recs.append(rec)
    out = pd.DataFrame(recs, columns=cols)
    for col in ("leefloners_reference", "realised"):
        out[col] = out[col].astype("Float64").round().astype("Int64")
    return out
