"""Outflow to work split by type (or region) of the first job: 100 % stacked bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.common import empty_figure


def outflow_figure(df: pd.DataFrame, *, empty_message: str = "") -> go.Figure:
    """df: series (row label), category (label), share (fraction), text — in order."""
    rows = list(dict.fromkeys(df["series"])) if not df.empty else []
    height = 110 + 42 * max(len(rows), 2)
    if df.empty or df["share"].isna().all():
        return empty_figure(empty_message, height)
    fig = go.Figure()
    for i, (cat, part) in enumerate(df.groupby("category", sort=False)):
        fig.add_trace(go.Bar(
            y=list(part["series"]),
            x=[None if pd.isna(v) else round(float(v) * 100, 3) for v in part["share"]],
            name=cat,
            orientation="h",
            marker=dict(color=theme.CATEGORICAL[i % len(theme.CATEGORICAL)],
                        line=dict(color="white", width=1)),
            customdata=list(part["text"]),
            hovertemplate="%{y}<br>" + str(cat).replace("%", "%%") + ": %{customdata}<extra></extra>",
        ))
    for series, part in df.groupby("series", sort=False):
        if part["share"].isna().all():  # say why a row is empty instead of leaving a gap
            fig.add_annotation(x=1, y=series, xref="x", yref="y", text=str(part["text"].iloc[0]),
                               showarrow=False, xanchor="left", font=dict(color=theme.GREY))
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], showgrid=False)
    fig.update_xaxes(ticksuffix=" %", range=[0, 100], showgrid=True)
    return theme.base_layout(fig, height)
