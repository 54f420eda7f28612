"""Breakdowns: the indicator per category (age, gender, ...) against a benchmark."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, figure, grouped, scaled, value_axis


def breakdown_figure(df: pd.DataFrame, *, is_rate: bool = True, empty_message: str = "") -> dict:
    """df: series_kind, series, category (label), value, text — categories in order.

    A dot plot: one row per category, one marker per series, joined by a thin
    line so the gap to the benchmark is easy to read.
    """
    cats = list(dict.fromkeys(df["category"])) if not df.empty else []
    height = 70 + 34 * max(len(cats), 2)
    if df.empty or df["value"].isna().all():
        return empty_figure(empty_message, height)
    values: dict = {}
    for cat, v in zip(df["category"], scaled(df["value"], is_rate)):
        if v is not None:
            values.setdefault(cat, []).append(v)
    xs, ys = [], []
    for cat in cats:
        if len(values.get(cat, ())) >= 2:
            xs += [min(values[cat]), max(values[cat]), None]
            ys += [cat, cat, None]
    traces = [{"type": "scatter", "x": xs, "y": ys, "mode": "lines",
               "line": {"color": "#bdbdbd", "width": 3}, "hoverinfo": "skip", "showlegend": False}]
    for (kind, name), part in grouped(df, ["series_kind", "series"]):
        traces.append({
            "type": "scatter",
            "x": scaled(part["value"], is_rate),
            "y": part["category"],
            "name": name,
            "mode": "markers",
            "marker": {"color": theme.SERIES_COLOURS.get(kind, theme.GREY), "size": 12,
                       "symbol": theme.SERIES_SYMBOL.get(kind, "circle"),
                       "line": {"color": "white", "width": 1}},
            "customdata": part["text"],
            "hovertemplate": "%{y}<br>" + name.replace("%", "%%") + ": %{customdata}<extra></extra>",
        })
    return figure(
        traces, height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
        yaxis={"categoryorder": "array", "categoryarray": cats[::-1], "showgrid": True,
               "gridcolor": "#f0f0f0"},
        xaxis={**value_axis(is_rate), "showgrid": True},
    )
