"""Maps of Flemish municipalities, from the reference boundaries (served locally)."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.common import figure, scaled

GEOJSON_URL = "/geo/municipalities.geojson"


def choropleth_figure(
    df: pd.DataFrame,
    *,
    is_rate: bool,
    geojson: str | dict = GEOJSON_URL,
    missing_label: str = "",
    height: int = 520,
    colorbar_title: str = "",
    bounds: tuple[float, float, float, float] | None = None,
) -> dict:
    """df: nis_code, name, value, text. Municipalities without a value are grey."""
    shown = df[df["value"].notna()]
    missing = df[df["value"].isna()]
    common = {"type": "choropleth", "geojson": geojson, "featureidkey": "properties.nis_code",
              "marker": {"line": {"color": "white", "width": 0.6}},
              "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"}
    traces = []
    if not missing.empty:
        traces.append({
            **common, "locations": list(missing["nis_code"]), "z": [0] * len(missing),
            "colorscale": [[0, "#d9d9d9"], [1, "#d9d9d9"]], "showscale": False,
            "customdata": [list(c) for c in zip(missing["nis_code"], missing["name"], missing["text"])],
            "name": missing_label,
        })
    if not shown.empty:
        traces.append({
            **common, "locations": list(shown["nis_code"]), "z": scaled(shown["value"], is_rate),
            "colorscale": [[i / (len(theme.SEQUENTIAL) - 1), c] for i, c in enumerate(theme.SEQUENTIAL)],
            "colorbar": {"title": {"text": colorbar_title, "side": "right"}, "thickness": 14, "len": 0.8,
                         "ticksuffix": " %" if is_rate else "", "tickformat": ",.0f"},
            "customdata": [list(c) for c in zip(shown["nis_code"], shown["name"], shown["text"])],
        })
    if bounds is not None:  # lon_min, lon_max, lat_min, lat_max
        view = {"fitbounds": False, "lonaxis": {"range": [bounds[0], bounds[1]]},
                "lataxis": {"range": [bounds[2], bounds[3]]},
                "center": {"lon": (bounds[0] + bounds[1]) / 2, "lat": (bounds[2] + bounds[3]) / 2}}
    else:
        view = {"fitbounds": "locations"}
    geo = {**view, "visible": False, "projection": {"type": "mercator"},
           "showland": False, "showcoastlines": False, "showcountries": False, "showframe": False,
           "showlakes": False, "showocean": False, "showrivers": False, "showsubunits": False,
           "bgcolor": "rgba(0,0,0,0)"}
    return figure(traces, height, geo=geo, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                  clickmode="event", dragmode=False)
