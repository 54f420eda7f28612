"""Helpers shared by the figure builders."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme


def scaled(values: pd.Series, is_rate: bool) -> list:
    """Rates are drawn in percent (0..100) so ticks read ``50 %``; NA -> None."""
    out = []
    for v in values:
        if v is None or v is pd.NA or pd.isna(v):
            out.append(None)
        else:
            out.append(round(float(v) * 100, 3) if is_rate else float(v))
    return out


def value_axis(is_rate: bool) -> dict:
    if is_rate:
        return dict(ticksuffix=" %", rangemode="tozero", tickformat=",.0f")
    return dict(rangemode="tozero", tickformat=",.0f")


def empty_figure(message: str, height: int = 200) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=15, color=theme.GREY))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return theme.base_layout(fig, height)
