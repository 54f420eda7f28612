"""Notices and whole-page messages: period notices, no data yet, not found."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import config, i18n


def notice(text: str, color: str = "info") -> Any:
    if not text:
        return None
    return html.Div(dbc.Alert(text, color=color, className="py-2 notice mb-0"), role="status",
                    className="mb-3")


def no_data(lang: str) -> Any:
    return html.Div([
        html.H1(i18n.t("nodata_title", lang), className="h3"),
        html.P(i18n.t("nodata_text", lang, path=str(config.warehouse_path()))),
        html.Ul([
            html.Li([i18n.t("nodata_demo", lang), " ", html.Code("make demo")]),
            html.Li([i18n.t("nodata_load", lang), " ",
                     html.Code("python -m etl load DIR --db data/warehouse.duckdb")]),
        ]),
        html.P(i18n.t("nodata_after", lang)),
    ], className="no-data py-4", id="no-data")


def not_found(lang: str, text: str, search: Any) -> Any:
    return html.Div([
        html.H1(i18n.t("nf_title", lang), className="h3"),
        html.P(text),
        html.Div(search, style={"maxWidth": "28rem"}, className="mb-3"),
        dcc.Link(i18n.t("back_overview", lang), href="/" if lang == "nl" else "/?lang=en"),
    ], className="not-found py-4", id="not-found")
