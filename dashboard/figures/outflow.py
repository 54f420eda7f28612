"""Outflow to work split by type (or region) of the first job: 100 % stacked bars."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, figure, grouped


def outflow_figure(df: pd.DataFrame, *, empty_message: str = "") -> dict:
    """df: series (row label), category (label), share (fraction), text — in order."""
    rows = list(dict.fromkeys(df["series"])) if not df.empty else []
    height = 110 + 42 * max(len(rows), 2)
    if df.empty or df["share"].isna().all():
        return empty_figure(empty_message, height)
    traces = []
    for i, ((cat,), part) in enumerate(grouped(df, ["category"])):
        traces.append({
            "type": "bar",
            "y": part["series"],
            "x": [None if pd.isna(v) else round(float(v) * 100, 3) for v in part["share"]],
            "name": cat,
            "orientation": "h",
            "marker": {"color": theme.CATEGORICAL[i % len(theme.CATEGORICAL)],
                       "line": {"color": "white", "width": 1}},
            "customdata": part["text"],
            "hovertemplate": "%{y}<br>" + str(cat).replace("%", "%%") + ": %{customdata}<extra></extra>",
        })
    # say why a row is empty instead of leaving a gap
    notes = [{"x": 1, "y": series, "xref": "x", "yref": "y", "text": str(part["text"][0]),
              "showarrow": False, "xanchor": "left", "font": {"color": theme.GREY}}
             for (series,), part in grouped(df, ["series"]) if all(pd.isna(v) for v in part["share"])]
    return figure(
        traces, height, barmode="stack", bargap=0.3, annotations=notes,
        yaxis={"categoryorder": "array", "categoryarray": rows[::-1], "showgrid": False},
        xaxis={"ticksuffix": " %", "range": [0, 100], "showgrid": True},
    )
