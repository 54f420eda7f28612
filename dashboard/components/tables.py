"""Accessible HTML tables: the data-table alternative of every chart."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.views.common import HIDDEN_MARK


def _element(tag: str, props: dict) -> dict:
    """A ``dash.html`` element as the JSON Dash sends for it. Tables have a component per
    cell; building them as dicts costs a fraction of constructing ``html.Td`` objects."""
    return {"type": tag, "namespace": "dash_html_components", "props": props}


def _cell(value, header: bool = False) -> dict:
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    props = {"children": text}
    if text.endswith(HIDDEN_MARK):
        props["className"] = "hidden-cell"
    elif text[:1].isdigit() or text[:1] in "+−-" or text.endswith("%"):
        props["className"] = "num"
    if header:
        props["scope"] = "row"
    return _element("Th" if header else "Td", props)


def data_table(df: pd.DataFrame, caption: str = "", row_headers: int = 1, links: list | None = None):
    """Render a display frame (already formatted text) as a bordered, striped table."""
    if df is None or df.empty:
        return html.P("–", className="text-muted")
    head = html.Thead(html.Tr([html.Th(str(c), scope="col") for c in df.columns]))
    body = []
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        cells = []
        for j, v in enumerate(row):
            cell = _cell(v, header=j < row_headers)
            if links and j == row_headers - 1 and links[i]:
                cell = html.Th(dcc.Link(str(v), href=links[i]), scope="row")
            cells.append(cell)
        body.append(_element("Tr", {"children": cells}))
    parts = [html.Caption(caption)] if caption else []
    return html.Div(
        html.Table(parts + [head, html.Tbody(body)],
                   className="table table-sm table-striped table-hover data-table mb-1"),
        className="table-responsive",
    )
