"""The activation funnel: from leefloon to work, as shares, per area."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, figure, grouped


def funnel_figure(df: pd.DataFrame, *, empty_message: str = "", height: int = 420) -> dict:
    """df: series_kind, series, step (label), share (fraction), text — steps in order."""
    if df.empty or df["share"].isna().all():
        return empty_figure(empty_message, height)
    steps = list(dict.fromkeys(df["step"]))
    traces = []
    for (kind, name), part in grouped(df, ["series_kind", "series"]):
        colour = theme.SERIES_COLOURS.get(kind, theme.GREY)
        traces.append({
            "type": "bar",
            "y": part["step"],
            "x": [None if pd.isna(v) else round(float(v) * 100, 3) for v in part["share"]],
            "name": name,
            "orientation": "h",
            "marker": {"color": colour, "line": {"color": "white", "width": 0.5},
                       "pattern": {"shape": "" if kind == "municipality" else "/",
                                   "fgcolor": "white", "size": 6, "solidity": 0.15,
                                   "fillmode": "overlay"}},
            "text": part["text"],
            "textposition": "outside",
            "textfont": {"size": 11},
            "cliponaxis": False,
            "hovertemplate": "%{y}<br>" + name.replace("%", "%%") + ": %{text}<extra></extra>",
        })
    return figure(
        traces, height, barmode="group", bargap=0.25, bargroupgap=0.05,
        yaxis={"categoryorder": "array", "categoryarray": steps[::-1], "showgrid": False},
        xaxis={"ticksuffix": " %", "range": [0, 122], "showgrid": True,
               "tickvals": [0, 25, 50, 75, 100]},
    )
