"""Trend lines: one indicator over time for an area and its benchmarks."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, figure, grouped, scaled, value_axis


def trend_figure(
    df: pd.DataFrame,
    *,
    is_rate: bool,
    highlight: list[str] | str | None = None,
    empty_message: str = "",
    height: int = 360,
) -> dict:
    """df: series_kind, series, period, x (label), value, text — in x order."""
    if df.empty or df["value"].isna().all():
        return empty_figure(empty_message, height)
    order = list(dict.fromkeys(df["x"]))
    traces = []
    for (kind, name), part in grouped(df, ["series_kind", "series"]):
        main = kind in ("municipality", "area")
        traces.append({
            "type": "scatter",
            "x": part["x"],
            "y": scaled(part["value"], is_rate),
            "name": name,
            "mode": "lines+markers",
            "line": {"color": theme.SERIES_COLOURS.get(kind, theme.GREY),
                     "dash": theme.SERIES_DASH.get(kind, "solid"), "width": 3.5 if main else 2},
            "marker": {"symbol": theme.SERIES_SYMBOL.get(kind, "circle"), "size": 7 if main else 5},
            "customdata": part["text"],
            "hovertemplate": "%{x}<br>" + name.replace("%", "%%") + ": %{customdata}<extra></extra>",
            "connectgaps": False,
        })
    marks = [highlight] if isinstance(highlight, str) else list(highlight or [])
    idx = [order.index(h) for h in marks if h in order]
    shapes = [{"type": "rect", "xref": "x", "yref": "y domain", "x0": min(idx) - 0.5,
               "x1": max(idx) + 0.5, "y0": 0, "y1": 1, "fillcolor": "#fff3c4", "opacity": 0.6,
               "line": {"width": 0}, "layer": "below"}] if idx else []
    return figure(
        traces, height, shapes=shapes, hovermode="x unified",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": order,
               "tickangle": -45 if len(order) > 12 else 0, "nticks": 16},
        yaxis=value_axis(is_rate),
    )
