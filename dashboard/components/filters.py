"""The filter bar: period (type and value) and indicator; more controls per page.

Every control has a pattern-matching id ``{"type": "filter", "page": P, "key": K}``;
one callback (``dashboard.callbacks``) writes the new value into the URL query,
and the page is drawn again from the URL, so the back button works.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import fmt, i18n, indicators
from dashboard.state import ViewState


def fid(page: str, key: str) -> dict:
    return {"type": "filter", "page": page, "key": key}


def period_options(periods: pd.DataFrame, period_type: str, lang: str) -> list[dict]:
    same = periods[periods.period_type == period_type].iloc[::-1]
    out = []
    for r in same.itertuples():
        label = fmt.period_label(r.period, lang)
        if not bool(r.is_complete):
            label += f" ({i18n.t('incomplete', lang)})"
        out.append({"label": label, "value": r.period})
    return out


def dropdown_labels(lang: str) -> dict:
    return {"search": i18n.t("dd_search", lang), "no_options_found": i18n.t("dd_none", lang),
            "clear_search": i18n.t("dd_clear", lang), "clear_selection": i18n.t("dd_clear", lang)}


def labelled(label: str, control: Any, control_id: str, width: str = "auto") -> Any:
    return html.Div([
        html.Label(label, id=control_id, className="form-label small fw-semibold mb-1 d-block"),
        control,
    ], className="filter-item", style={"minWidth": width})


def radio(page: str, key: str, options: list[dict], value: Any, label: str) -> Any:
    """Inline radio buttons in a fieldset (keyboard: arrow keys)."""
    return html.Fieldset([
        html.Legend(label, className="form-label small fw-semibold mb-1 float-none w-auto fs-6"),
        dbc.RadioItems(id=fid(page, key), options=options, value=value, inline=True,
                       className="btn-group-sm", inputClassName="btn-check",
                       labelClassName="btn btn-outline-primary btn-sm",
                       labelCheckedClassName="active"),
    ], className="filter-item")


def filter_bar(page: str, state: ViewState, periods: pd.DataFrame, extra: list | None = None) -> Any:
    lang = state.lang
    types = [t for t in ("month", "quarter", "year") if (periods.period_type == t).any()]
    period_id = f"{page}-period-input"
    indicator_id = f"{page}-indicator-input"
    items = [
        radio(page, "period_type",
              [{"label": i18n.t(t, lang), "value": t} for t in types], state.period_type,
              i18n.t("period_type", lang)),
        labelled(i18n.t("period", lang), dcc.Dropdown(
            id=fid(page, "period"), options=period_options(periods, state.period_type, lang),
            value=state.period, clearable=False, searchable=True, labels=dropdown_labels(lang),
        ), period_id, "13rem"),
        labelled(i18n.t("indicator", lang), dcc.Dropdown(
            id=fid(page, "indicator"),
            options=[{"label": i18n.indicator(k, lang), "value": k} for k in indicators.ORDER],
            value=state.indicator, clearable=False, searchable=False, labels=dropdown_labels(lang),
        ), indicator_id, "19rem"),
    ]
    items += extra or []
    return html.Div(items, className="filter-bar d-flex flex-wrap gap-3 align-items-end mb-3",
                    role="group", **{"aria-label": i18n.t("period", lang) + ", " + i18n.t("indicator", lang)})
