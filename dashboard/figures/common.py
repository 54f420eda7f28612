"""Helpers shared by the figure builders.

The figures of the everyday pages are plain Plotly figure dicts, not ``go.Figure``
objects: building and validating a ``go.Figure`` costs more than the whole query behind
it, and a dict serialises as it is. The tests validate every builder's output by
loading it into ``go.Figure``.
"""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme


def scaled(values, is_rate: bool) -> list:
    """Rates are drawn in percent (0..100) so ticks read ``50 %``; NA -> None."""
    out = []
    for v in values:
        if v is None or v is pd.NA or pd.isna(v):
            out.append(None)
        else:
            out.append(round(float(v) * 100, 3) if is_rate else float(v))
    return out


def grouped(df: pd.DataFrame, keys: list[str]) -> list[tuple[tuple, dict[str, list]]]:
    """The rows of ``df`` grouped by ``keys``, groups in order of first appearance, each
    as its columns' lists (``groupby`` without pandas' cost per group)."""
    columns = {c: df[c].tolist() for c in df.columns}
    groups: dict[tuple, dict[str, list]] = {}
    for i, key in enumerate(zip(*(columns[k] for k in keys))):
        part = groups.get(key)
        if part is None:
            part = groups[key] = {c: [] for c in columns}
        for c, values in columns.items():
            part[c].append(values[i])
    return list(groups.items())


def value_axis(is_rate: bool) -> dict:
    if is_rate:
        return dict(ticksuffix=" %", rangemode="tozero", tickformat=",.0f")
    return dict(rangemode="tozero", tickformat=",.0f")


def figure(traces: list[dict], height: int, **layout) -> dict:
    """A figure dict in the app's template."""
    return {"data": traces, "layout": {"template": theme.template_json(), "height": height, **layout}}


def vertical_line(x: float, line: dict) -> dict:
    """A shape across the plot's full height at ``x`` (what ``add_vline`` draws)."""
    return {"type": "line", "xref": "x", "yref": "y domain", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": line}


def empty_figure(message: str, height: int = 200) -> dict:
    return figure([], height,
                  annotations=[{"text": message, "showarrow": False, "x": 0.5, "y": 0.5,
                                "xref": "paper", "yref": "paper",
                                "font": {"size": 15, "color": theme.GREY}}],
                  xaxis={"visible": False}, yaxis={"visible": False})
