"""Horizontal bars: municipalities ranked, or named centre cities side by side."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import empty_figure, figure, scaled, value_axis, vertical_line


def bars_figure(
    df: pd.DataFrame,
    *,
    is_rate: bool,
    references: list[tuple[str, float, str]] | None = None,
    empty_message: str = "",
    sort: bool = True,
    height: int | None = None,
) -> dict:
    """df: label, value, text, kind (series kind for the colour), code (optional).

    ``references``: (label, value, series_kind) drawn as vertical lines.
    """
    if height is None:
        height = 90 + 24 * max(len(df), 3)
    if df.empty or df["value"].isna().all():
        return empty_figure(empty_message, min(height, 300))
    data = df
    if sort:
        data = data.assign(_v=data["value"].astype(float)).sort_values("_v", na_position="first")
    bar = {
        "type": "bar",
        "y": list(data["label"]),
        "x": [0 if v is None else v for v in scaled(data["value"], is_rate)],  # empty: text at 0
        "orientation": "h",
        "marker": {"color": [theme.SERIES_COLOURS.get(k, theme.SKY) for k in data["kind"]]},
        "text": list(data["text"]),
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "showlegend": False,
    }
    if "code" in data:
        bar["customdata"] = list(data["code"])
    shapes, notes = [], []
    for i, (label, value, kind) in enumerate(references or []):
        if value is None or pd.isna(value):
            continue
        x = float(value) * 100 if is_rate else float(value)
        shapes.append(vertical_line(x, {"color": theme.SERIES_COLOURS.get(kind, theme.BLACK),
                                        "dash": theme.SERIES_DASH.get(kind, "dash"), "width": 2}))
        notes.append({"x": x, "xref": "x", "y": 1, "yref": "y domain", "text": label,
                      "showarrow": False, "xanchor": "right" if i % 2 == 0 else "left",
                      "yanchor": "top", "font": {"size": 12}})
    order = list(data["label"]) if sort else list(data["label"])[::-1]
    return figure(
        [bar], height, shapes=shapes, annotations=notes,
        margin={"l": 10, "r": 60, "t": 40, "b": 10}, bargap=0.25,
        yaxis={"categoryorder": "array", "categoryarray": order, "showgrid": False,
               "tickfont": {"size": 12}},
        xaxis={**value_axis(is_rate), "showgrid": True},
    )
