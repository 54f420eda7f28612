"""Formatting (nl-BE), translations and URL state: pure functions, no warehouse."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import fmt, i18n, indicators, state


@pytest.mark.parametrize("value,expected", [
    (0.5634, "56,3 %"), (1, "100,0 %"), (0, "0,0 %"), (None, "–"), (pd.NA, "–"), (float("nan"), "–"),
])
def test_pct(value, expected):
    assert fmt.pct(value) == expected


@pytest.mark.parametrize("value,expected", [
    (1234567, "1.234.567"), (12, "12"), (0, "0"), (-1500, "-1.500"), (pd.NA, "–"),
])
def test_count(value, expected):
    assert fmt.count(value) == expected


def test_percentage_points():
    assert fmt.pp(fmt.pp_value(0.563, 0.542)) == "+2,1 procentpunt"
    assert fmt.pp(fmt.pp_value(0.5, 0.55)) == "−5,0 procentpunt"
    assert fmt.pp(0.0) == "±0,0 procentpunt"
    assert fmt.pp(2.14, "en") == "+2,1 percentage points"
    assert fmt.pp(fmt.pp_value(None, 0.5)) == "–"
    # the difference of the rates as shown: 19,0 % against 19,2 %, not of the unrounded ones
    assert fmt.pct(0.190480) == "19,0 %" and fmt.pct(0.191838) == "19,2 %"
    assert fmt.pp(fmt.pp_value(0.190480, 0.191838)) == "−0,2 procentpunt"
    assert fmt.pp(fmt.pp_value(0.27349, 0.27251)) == "±0,0 procentpunt"  # 27,3 % and 27,3 %


def test_period_labels():
    assert fmt.period_label("2024-06") == "juni 2024"
    assert fmt.period_label("2024-06", "en") == "June 2024"
    assert fmt.period_label("2024-Q2") == "2e kwartaal 2024"
    assert fmt.period_label("2024-Q2", short=True) == "2024 K2"
    assert fmt.period_label("2024") == "2024"
    assert fmt.date_time("2026-11-29T05:15:02Z") == "29 november 2026, 05:15 UTC"


def test_every_text_has_both_languages_with_the_same_fields():
    fields = re.compile(r"{(\w+)}")
    for key, entry in i18n.TEXT.items():
        assert set(entry) == {"nl", "en"}, key
        assert set(fields.findall(entry["nl"])) == set(fields.findall(entry["en"])), key


def test_every_category_and_indicator_is_labelled():
    for dim, cats in indicators.CATEGORY_ORDER.items():
        assert dim in i18n.CATEGORY_LABELS
        for c in cats:
            assert c in i18n.CATEGORY_LABELS, c
    for k in indicators.ORDER:
        assert i18n.indicator(k, "nl") and i18n.t(f"inddef_{k}", "en")
    assert i18n.indicator("registration_rate") == "Ingeschreven bij VDAB"
    assert i18n.lang_of("fr") == "nl"


def _periods() -> pd.DataFrame:
    rows = []
    for y in (2023, 2024, 2025):
        last_m = 6 if y == 2025 else 12
        for m in range(1, last_m + 1):
            rows.append(("month", f"{y}-{m:02d}", True, y * 12 + m))
        for q in range(1, 5):
            if y == 2025 and q > 2:
                continue
            rows.append(("quarter", f"{y}-Q{q}", True, y * 12 + q * 3))
        rows.append(("year", str(y), y != 2025, y * 12 + 12))
    return pd.DataFrame(rows, columns=["period_type", "period", "is_complete", "sort_key"]).sort_values("sort_key")


def test_default_period_is_latest_complete_quarter():
    assert state.default_period(_periods()) == ("quarter", "2025-Q2")


def test_resolve_period_exact_snapped_invalid():
    p = _periods()
    assert state.resolve_period("2024-06", p) == ("month", "2024-06", "")
    ptype, period, notice = state.resolve_period("2019-03", p)
    assert (ptype, period) == ("month", "2023-01") and "dichtstbijzijnde" in notice
    ptype, period, notice = state.resolve_period("2030-Q1", p, "en")
    assert (ptype, period) == ("quarter", "2025-Q2") and "nearest" in notice
    ptype, period, notice = state.resolve_period("gisteren", p)
    assert (ptype, period) == ("quarter", "2025-Q2") and "geen geldige periode" in notice


def test_switching_period_type_keeps_the_moment():
    p = _periods()
    assert state.period_of_type("month", "2024-Q2", p) == "2024-06"
    assert state.period_of_type("year", "2024-Q2", p) == "2024"
    assert state.period_of_type("quarter", "2024-05", p) == "2024-Q2"


def test_query_round_trip():
    p = _periods()
    st = state.from_query({"period": "2024-Q2", "indicator": "work_6m_rate", "lang": "en",
                           "cmp": "region", "horizon": "12", "trend": "quarter"}, p)
    assert st.query() == "?period=2024-Q2&indicator=work_6m_rate&cmp=region&trend=quarter&horizon=12&lang=en"
    again = state.from_query(dict(x.split("=") for x in st.query()[1:].split("&")), p)
    assert again == st
    bad = state.from_query({"indicator": "drop table", "cmp": "x", "horizon": "x"}, p)
    assert bad.indicator == indicators.DEFAULT and bad.cmp == "flanders" and bad.horizon == 6
