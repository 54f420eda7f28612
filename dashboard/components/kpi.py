"""KPI cards: one indicator for the municipality, beside its benchmarks."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import fmt, i18n, indicators
from dashboard.views.common import indicator_text, is_hidden

BENCHMARKS = ["centre_cities", "region", "flanders"]


def _raw(value) -> str:
    return "" if value is None or pd.isna(value) else repr(float(value))


def kpi_card(key: str, bench, lang: str, selected: bool = False) -> Any:
    """``bench``: a ``views.municipality.Bench`` (the export's rows)."""
    ind = indicators.get(key)
    me = bench.row("municipality")
    value_text = indicator_text(me, key, lang) if me is not None else fmt.DASH
    sub = ""
    if me is not None and ind.is_rate and ind.denominator and not is_hidden(me, ind.denominator):
        base = me.get(ind.denominator)
        if base is not None and pd.notna(base) and base > 0:
            sub = f"{fmt.count(base)} {i18n.t('kpi_months', lang)}"
    elif me is not None and not ind.is_rate and not is_hidden(me, "person_months"):
        sub = f"{fmt.count(me.get('person_months'))} {i18n.t('kpi_months', lang)}"
    if value_text.startswith(fmt.DASH + " ("):
        value_text, sub = fmt.DASH, value_text[len(fmt.DASH) + 2:-1]
    rows = []
    for kind in BENCHMARKS:
        r = bench.row(kind)
        if r is None:
            continue
        label = bench.label(kind, lang)
        diff_text = ""
        if ind.is_rate and me is not None:
            diff_text = fmt.pp(fmt.pp_value(me[key], r[key]), lang)
            if diff_text == fmt.DASH:
                diff_text = ""
        title = str(r["name"]) if kind == "centre_cities" else None
        rows.append(html.Tr([
            html.Th(label, scope="row", title=title, className="fw-normal"),
            html.Td(indicator_text(r, key, lang).split(" (")[0], className="num",
                    **{"data-level": kind, "data-value": _raw(r[key])}),
            html.Td(diff_text, className="num diff " + (
                "diff-up" if diff_text.startswith("+") else "diff-down" if diff_text.startswith("−") else "")),
        ]))
    head = html.Thead(html.Tr([
        html.Th(i18n.t("kpi_vs", lang), scope="col", className="fw-normal small text-muted"),
        html.Th("", scope="col"),
        html.Th(i18n.t("kpi_diff", lang) if ind.is_rate else "", scope="col",
                className="fw-normal small text-muted text-end"),
    ]))
    return dbc.Card(dbc.CardBody([
        html.H2(i18n.indicator(key, lang), className="h6 kpi-title mb-1",
                title=i18n.t(f"inddef_{key}", lang)),
        html.Div(value_text, className="kpi-value",
                 **{"data-indicator": key, "data-value": _raw(me[key]) if me is not None else "",
                    "data-period": str(me["period"]) if me is not None else ""}),
        html.Div(sub, className="small text-muted mb-2"),
        html.Table([head, html.Tbody(rows)], className="table table-sm kpi-table mb-0"),
    ]), className="kpi-card h-100 shadow-sm" + (" kpi-selected" if selected else ""),
        id=f"kpi-{key}")
