"""Horizontal bars: municipalities ranked, or named centre cities side by side."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, scaled, value_axis


def bars_figure(
    df: pd.DataFrame,
    *,
    is_rate: bool,
    references: list[tuple[str, float, str]] | None = None,
    empty_message: str = "",
    sort: bool = True,
    height: int | None = None,
) -> go.Figure:
    """df: label, value, text, kind (series kind for the colour), code (optional).

    ``references``: (label, value, series_kind) drawn as vertical lines.
    """
    if height is None:
        height = 90 + 24 * max(len(df), 3)
    if df.empty or df["value"].isna().all():
        return empty_figure(empty_message, min(height, 300))
    data = df.copy()
    if sort:
        data = data.assign(_v=data["value"].astype(float)).sort_values("_v", na_position="first")
    colours = [theme.SERIES_COLOURS.get(k, theme.SKY) for k in data["kind"]]
    xs = [0 if v is None else v for v in scaled(data["value"], is_rate)]  # empty: text at 0
    fig = go.Figure(go.Bar(
        y=list(data["label"]),
        x=xs,
        orientation="h",
        marker=dict(color=colours),
        text=list(data["text"]),
        textposition="outside",
        cliponaxis=False,
        customdata=list(data["code"]) if "code" in data else None,
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    ))
    for i, (label, value, kind) in enumerate(references or []):
        if value is None or pd.isna(value):
            continue
        x = float(value) * 100 if is_rate else float(value)
        fig.add_vline(x=x, line=dict(color=theme.SERIES_COLOURS.get(kind, theme.BLACK),
                                     dash=theme.SERIES_DASH.get(kind, "dash"), width=2),
                      annotation_text=label,
                      annotation_position="top left" if i % 2 == 0 else "top right",
                      annotation_font=dict(size=12))
    order = list(data["label"]) if sort else list(data["label"])[::-1]
    fig.update_yaxes(categoryorder="array", categoryarray=order, showgrid=False,
                     tickfont=dict(size=12))
    fig.update_xaxes(**value_axis(is_rate), showgrid=True)
    fig.update_layout(margin=dict(l=10, r=60, t=40, b=10), bargap=0.25)
    return theme.base_layout(fig, height)
