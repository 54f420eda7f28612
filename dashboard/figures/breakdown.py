"""Breakdowns: the indicator per category (age, gender, ...) against a benchmark."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, scaled, value_axis


def breakdown_figure(
    df: pd.DataFrame, *, is_rate: bool = True, empty_message: str = ""
) -> go.Figure:
    """df: series_kind, series, category (label), value, text — categories in order.

    A dot plot: one row per category, one marker per series, joined by a thin
    line so the gap to the benchmark is easy to read.
    """
    cats = list(dict.fromkeys(df["category"])) if not df.empty else []
    height = 70 + 34 * max(len(cats), 2)
    if df.empty or df["value"].isna().all():
        return empty_figure(empty_message, height)
    fig = go.Figure()
    spans = df.dropna(subset=["value"]).astype({"value": float}).groupby(
        "category", sort=False)["value"].agg(["min", "max", "count"])
    xs, ys = [], []
    for cat in cats:
        if cat in spans.index and spans.at[cat, "count"] >= 2:
            lo, hi = spans.at[cat, "min"], spans.at[cat, "max"]
            xs += scaled(pd.Series([lo, hi]), is_rate) + [None]
            ys += [cat, cat, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#bdbdbd", width=3),
                             hoverinfo="skip", showlegend=False))
    for (kind, name), part in df.groupby(["series_kind", "series"], sort=False):
        fig.add_trace(go.Scatter(
            x=scaled(part["value"], is_rate),
            y=list(part["category"]),
            name=name,
            mode="markers",
            marker=dict(color=theme.SERIES_COLOURS.get(kind, theme.GREY), size=12,
                        symbol=theme.SERIES_SYMBOL.get(kind, "circle"),
                        line=dict(color="white", width=1)),
            customdata=list(part["text"]),
            hovertemplate="%{y}<br>" + name.replace("%", "%%") + ": %{customdata}<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=cats[::-1], showgrid=True,
                     gridcolor="#f0f0f0")
    fig.update_xaxes(**value_axis(is_rate), showgrid=True)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10))
    return theme.base_layout(fig, height)
