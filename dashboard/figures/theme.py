"""One Plotly template for the whole app, and a colour-blind safe palette.

Colours are Okabe & Ito's (2008) palette, safe for the common kinds of colour
blindness; lines also differ in dash pattern and markers, so colour is never the
only cue.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "leefloon"

BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#6b6b6b"

# The municipality is always blue; each benchmark keeps its colour everywhere.
SERIES_COLOURS = {
    "municipality": BLUE,
    "centre_cities": ORANGE,
    "region": GREEN,
    "province": PURPLE,
    "flanders": BLACK,
    "peers": SKY,
    "area": BLUE,
}
SERIES_DASH = {
    "municipality": "solid",
    "centre_cities": "dash",
    "region": "dot",
    "province": "dashdot",
    "flanders": "longdash",
    "peers": "longdashdot",
    "area": "solid",
}
SERIES_SYMBOL = {
    "municipality": "circle",
    "centre_cities": "diamond",
    "region": "square",
    "province": "triangle-up",
    "flanders": "x",
    "peers": "star",
    "area": "circle",
}
CATEGORICAL = [BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY]
# sequential scale for maps: light to dark blue ("Blues" reads well for all)
SEQUENTIAL = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]


def register_template() -> None:
    """Register the app's template and make it the default.

    It holds layout settings only (no per-trace defaults), so applying it to each
    figure is cheap.
    """
    if TEMPLATE in pio.templates:
        return
    axis = dict(showline=True, linecolor="#444", linewidth=1, ticks="outside", tickcolor="#444",
                gridcolor="#e5e5e5", zeroline=False, automargin=True, title=dict(standoff=8))
    template = go.layout.Template(layout=dict(
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                  size=14, color="#1f1f1f"),
        separators=",.",  # nl-BE: decimal comma, dot for thousands
        colorway=CATEGORICAL,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=30, b=10),
        hoverlabel=dict(font_size=14, bgcolor="white"),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        xaxis=dict(axis, showgrid=False),
        yaxis=dict(axis, showgrid=True, ticks=""),
    ))
    pio.templates[TEMPLATE] = template
    pio.templates.default = TEMPLATE


_template_json: dict | None = None


def template_json() -> dict:
    """The template as a plain dict, for the figure dicts (``figures.common.figure``)."""
    global _template_json
    if _template_json is None:
        register_template()
        _template_json = pio.templates[TEMPLATE].to_plotly_json()
    return _template_json


def base_layout(fig: go.Figure, height: int = 360) -> go.Figure:
    fig.update_layout(height=height)
    return fig
