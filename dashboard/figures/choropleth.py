"""Maps of Flemish municipalities, from the reference boundaries (served locally)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.common import scaled

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
) -> go.Figure:
    """df: nis_code, name, value, text. Municipalities without a value are grey."""
    shown = df[df["value"].notna()]
    missing = df[df["value"].isna()]
    fig = go.Figure()
    if not missing.empty:
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.nis_code",
            locations=list(missing["nis_code"]), z=[0] * len(missing),
            colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]], showscale=False,
            marker=dict(line=dict(color="white", width=0.6)),
            customdata=list(zip(missing["nis_code"], missing["name"], missing["text"])),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            name=missing_label,
        ))
    if not shown.empty:
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.nis_code",
            locations=list(shown["nis_code"]), z=scaled(shown["value"], is_rate),
            colorscale=[[i / (len(theme.SEQUENTIAL) - 1), c] for i, c in enumerate(theme.SEQUENTIAL)],
            marker=dict(line=dict(color="white", width=0.6)),
            colorbar=dict(title=dict(text=colorbar_title, side="right"), thickness=14, len=0.8,
                          ticksuffix=" %" if is_rate else "", tickformat=",.0f"),
            customdata=list(zip(shown["nis_code"], shown["name"], shown["text"])),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
        ))
    if bounds is not None:  # lon_min, lon_max, lat_min, lat_max
        fig.update_geos(fitbounds=False, lonaxis_range=[bounds[0], bounds[1]],
                        lataxis_range=[bounds[2], bounds[3]],
                        center=dict(lon=(bounds[0] + bounds[1]) / 2, lat=(bounds[2] + bounds[3]) / 2))
    else:
        fig.update_geos(fitbounds="locations")
    fig.update_geos(
        visible=False, projection_type="mercator",
        showland=False, showcoastlines=False, showcountries=False, showframe=False,
        showlakes=False, showocean=False, showrivers=False, showsubunits=False,
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0), clickmode="event", dragmode=False)
    return theme.base_layout(fig, height)
