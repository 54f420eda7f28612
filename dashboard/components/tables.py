"""Accessible HTML tables: the data-table alternative of every chart."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.views.common import HIDDEN_MARK


def _cell(value, header: bool = False):
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    tag = html.Th if header else html.Td
    cls = "num" if text[:1].isdigit() or text[:1] in "+−-" or text.endswith("%") else None
    extra = {"scope": "row"} if header else {}
    if text.endswith(HIDDEN_MARK):
        return tag(text, className="hidden-cell", **extra)
    return tag(text, className=cls, **extra)


def data_table(df: pd.DataFrame, caption: str = "", row_headers: int = 1, links: list | None = None):
    """Render a display frame (already formatted text) as a bordered, striped table."""
    if df is None or df.empty:
        return html.P("–", className="text-muted")
    head = html.Thead(html.Tr([html.Th(str(c), scope="col") for c in df.columns]))
    body = []
    for i, row in enumerate(df.itertuples(index=False)):
        cells = []
        for j, v in enumerate(row):
            cell = _cell(v, header=j < row_headers)
            if links and j == row_headers - 1 and links[i]:
                from dash import dcc

                cell = html.Th(dcc.Link(str(v), href=links[i]), scope="row")
            cells.append(cell)
        body.append(html.Tr(cells))
    parts = [html.Caption(caption)] if caption else []
    return html.Div(
        html.Table(parts + [head, html.Tbody(body)],
                   className="table table-sm table-striped table-hover data-table mb-1"),
        className="table-responsive",
    )
