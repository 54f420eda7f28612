"""Cards that hold a chart: title, download menu, chart, its table alternative and notes."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import i18n, ids
from dashboard.views.common import hidden_note, secondary_note

GRAPH_CONFIG = {
    "displaylogo": False,
    "displayModeBar": False,
    "topojsonURL": "/geo/topojson/",  # never the CDN: the map needs no base layers
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "responsive": True,
}


def download_menu(view: str, lang: str, what: str) -> Any:
    """A small menu: plain CSV, or the Belgian Excel variant (``;``, decimal comma, BOM)."""
    return html.Div(dbc.DropdownMenu(
        label=i18n.t("download", lang),
        size="sm",
        color="light",
        align_end=True,
        toggle_class_name="border",
        children=[
            dbc.DropdownMenuItem(i18n.t("download_csv", lang),
                                 id={"type": ids.DOWNLOAD_TYPE, "view": view, "fmt": "csv"}),
            dbc.DropdownMenuItem(i18n.t("download_excel", lang),
                                 id={"type": ids.DOWNLOAD_TYPE, "view": view, "fmt": "excel"}),
        ],
    ), className="download-menu", title=i18n.t("download_label", lang, what=what))


def graph(fig, *, label: str, graph_id: Any = None, height: int | None = None) -> Any:
    props = {"figure": fig, "config": GRAPH_CONFIG, "className": "chart"}
    if graph_id is not None:
        props["id"] = graph_id
    if height:
        props["style"] = {"height": f"{height}px"}
    return html.Div(dcc.Graph(**props), role="img", **{"aria-label": label})


def section(
    title: str,
    body: Any,
    *,
    lang: str,
    view: str | None = None,
    table: Any = None,
    hidden: bool = False,
    hidden_secondary: bool = False,
    notes: list[Any] | None = None,
    controls: Any = None,
    section_id: str | None = None,
    open_table: bool = False,
) -> Any:
    header = [html.H2(title, className="h5 mb-0 me-auto")]
    if controls is not None:
        header.append(html.Div(controls, className="me-2"))
    if view:
        header.append(download_menu(view, lang, title))
    children = list(body) if isinstance(body, (list, tuple)) else [body]
    if table is not None:
        children.append(html.Details(
            [html.Summary(i18n.t("show_table", lang)), table],
            className="table-alt mt-2", open=open_table,
        ))
    for note in notes or []:
        children.append(html.P(note, className="small text-muted mb-0 mt-1"))
    if hidden:
        children.append(html.P(hidden_note(lang), className="small text-muted mb-0 mt-1"))
    if hidden_secondary:
        children.append(html.P(secondary_note(lang), className="small text-muted mb-0 mt-1"))
    card = dbc.Card(
        [dbc.CardHeader(html.Div(header, className="d-flex align-items-center flex-wrap gap-2")),
         dbc.CardBody(children)],
        className="mb-4 shadow-sm",
    )
    return html.Section(card, id=section_id, **{"aria-label": title})


def pending(title: str, lang: str) -> Any:
    """Where a section will be drawn: its title and a loading notice, about its size (so
    the page does not jump when it arrives)."""
    body = html.Div([dbc.Spinner(size="sm", spinner_class_name="me-2"), i18n.t("loading", lang)],
                    role="status", className="text-muted d-flex align-items-center section-pending")
    card = dbc.Card(
        [dbc.CardHeader(html.H2(title, className="h5 mb-0")), dbc.CardBody(body)],
        className="mb-4 shadow-sm",
    )
    return html.Section(card, **{"aria-label": title, "aria-busy": "true"})


def denied(title: str, sections: list[str], *, lang: str, section_id: str | None = None) -> Any:
    """In place of detail the user may not see: a notice, the sections it stands for, and
    nothing of their data (no chart, no table, no download)."""
    body = [
        html.P(i18n.t("detail_denied", lang), className="fw-semibold mb-1"),
        html.P(i18n.t("detail_denied_more", lang), className="small mb-1"),
        html.Ul([html.Li(s) for s in sections], className="small mb-0"),
    ]
    card = dbc.Card(
        [dbc.CardHeader(html.H2(title, className="h5 mb-0")),
         dbc.CardBody(html.Div(body, role="status", className="detail-denied"))],
        className="mb-4 shadow-sm",
    )
    return html.Section(card, id=section_id, **{"aria-label": title})
