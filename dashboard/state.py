"""The view's state as it lives in the URL query: period, indicator, language and more.

Every filter is a query parameter, so a view can be shared and the back button
works. Bad values never fail a page: they fall back to a default, and a period
outside the data snaps to the nearest available one with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd

from dashboard import fmt, i18n, indicators
from etl.periods import parse_period, period_months

COMPARE_GROUPS = ["flanders", "region", "centre_cities", "province", "peers"]
TREND_TYPES = ["month", "quarter"]
HORIZONS = [6, 12]


@dataclass(frozen=True)
class ViewState:
    lang: str = "nl"
    indicator: str = indicators.DEFAULT
    period: str = ""
    period_type: str = "quarter"
    cmp: str = "flanders"
    trend: str = "month"
    horizon: int = 6
    notice: str = ""

    def query(self, **changes) -> str:
        """The query string (with ``?``) for this state with ``changes`` applied."""
        s = replace(self, **changes) if changes else self
        params = {"period": s.period, "indicator": s.indicator}
        if s.cmp != "flanders":
            params["cmp"] = s.cmp
        if s.trend != "month":
            params["trend"] = s.trend
        if s.horizon != 6:
            params["horizon"] = str(s.horizon)
        if s.lang != i18n.DEFAULT_LANG:
            params["lang"] = s.lang
        return "?" + urlencode({k: v for k, v in params.items() if v})

    def as_dict(self) -> dict:
        return {
            "lang": self.lang, "indicator": self.indicator, "period": self.period,
            "period_type": self.period_type, "cmp": self.cmp, "trend": self.trend,
            "horizon": self.horizon,
        }


def _midpoint(period_type: str, period: str) -> float:
    first, last = period_months(period_type, period)
    return (first + last) / 2


def default_period(periods: pd.DataFrame) -> tuple[str, str]:
    """The latest complete quarter, else the latest period of any type."""
    if periods.empty:
        return "month", ""
    q = periods[(periods.period_type == "quarter") & periods.is_complete.astype(bool)]
    if not q.empty:
        return "quarter", q.iloc[-1]["period"]
    last = periods.iloc[-1]
    return last["period_type"], last["period"]


def resolve_period(requested: str | None, periods: pd.DataFrame, lang: str = "nl") -> tuple[str, str, str]:
    """(period_type, period, notice) for a requested period text."""
    dtype, dperiod = default_period(periods)
    if not requested:
        return dtype, dperiod, ""
    try:
        ptype, period = parse_period(requested)
    except ValueError:
        notice = i18n.t("period_invalid", lang, asked=requested, shown=fmt.period_label(dperiod, lang))
        return dtype, dperiod, notice
    same = periods[periods.period_type == ptype]
    if (same.period == period).any():
        return ptype, period, ""
    if same.empty:
        same = periods[periods.period_type == dtype]
        ptype = dtype
    target = _midpoint(*parse_period(period))
    dist = same.period.map(lambda p: abs(_midpoint(ptype, p) - target))
    nearest = same.loc[dist.idxmin(), "period"]
    notice = i18n.t("period_snapped", lang, asked=requested, shown=fmt.period_label(nearest, lang))
    return ptype, nearest, notice


def period_of_type(period_type: str, current: str, periods: pd.DataFrame) -> str:
    """When the user switches month/quarter/year: the period of that type holding
    the current period's last month, else the latest of that type."""
    same = periods[periods.period_type == period_type]
    if same.empty:
        return current
    try:
        _, last = period_months(*parse_period(current))
    except ValueError:
        return same.iloc[-1]["period"]
    for p in same.period:
        first, end = period_months(period_type, p)
        if first <= last <= end:
            return p
    dist = same.period.map(lambda p: abs(_midpoint(period_type, p) - last))
    return same.loc[dist.idxmin(), "period"]


def from_query(kwargs: dict, periods: pd.DataFrame) -> ViewState:
    lang = i18n.lang_of(kwargs.get("lang"))
    ptype, period, notice = resolve_period(kwargs.get("period"), periods, lang)
    cmp = kwargs.get("cmp") if kwargs.get("cmp") in COMPARE_GROUPS else "flanders"
    trend = kwargs.get("trend") if kwargs.get("trend") in TREND_TYPES else "month"
    try:
        horizon = int(kwargs.get("horizon") or 6)
    except ValueError:
        horizon = 6
    return ViewState(
        lang=lang,
        indicator=indicators.valid(kwargs.get("indicator")),
        period=period,
        period_type=ptype,
        cmp=cmp,
        trend=trend,
        horizon=horizon if horizon in HORIZONS else 6,
        notice=notice,
    )


def from_dict(data: dict | None) -> ViewState:
    data = dict(data or {})
    data.pop("notice", None)
    known = {k: v for k, v in data.items() if k in ViewState.__dataclass_fields__}
    return ViewState(**known)
