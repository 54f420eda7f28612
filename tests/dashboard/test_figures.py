"""Figure builders are pure: DataFrame in, figure out, no Dash and no database. The figure
dicts are loaded into ``go.Figure`` here, which validates them against Plotly's schema."""

from __future__ import annotations

import sys

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.figures import bars, breakdown, choropleth, funnel, outflow, theme, trend


def _trend_df():
    rows = []
    for kind, name, base in (("municipality", "Gent", 0.5), ("flanders", "Vlaanderen", 0.4)):
        for i, p in enumerate(["2024-01", "2024-02", "2024-03"]):
            rows.append({"series_kind": kind, "series": name, "period": p, "x": f"m{i}",
                         "value": base + i / 100, "text": "x"})
    df = pd.DataFrame(rows)
    df.loc[1, "value"] = pd.NA
    return df


def test_builders_do_not_import_dash_or_db():
    for mod in (bars, breakdown, choropleth, funnel, outflow, theme, trend):
        src = open(mod.__file__).read()
        assert "import dash" not in src and "from dash " not in src and "duckdb" not in src
        assert "dashboard.queries" not in src and "dashboard.db" not in src


def test_template_is_registered_with_nl_be_separators():
    fig = go.Figure(trend.trend_figure(_trend_df(), is_rate=True))
    assert theme.TEMPLATE in pio.templates
    assert fig.layout.template.layout.separators == ",."


def test_trend_rates_in_percent_with_gaps_and_highlight():
    fig = go.Figure(trend.trend_figure(_trend_df(), is_rate=True, highlight=["m2"]))
    assert [t.name for t in fig.data] == ["Gent", "Vlaanderen"]
    assert fig.data[0].y == (50.0, None, 52.0)
    assert fig.layout.yaxis.ticksuffix == " %"
    assert len(fig.layout.shapes) == 1
    assert fig.data[0].line.dash != fig.data[1].line.dash  # not colour alone


def test_empty_trend_says_why():
    fig = go.Figure(trend.trend_figure(_trend_df().assign(value=pd.NA), is_rate=True,
                                       empty_message="geen"))
    assert fig.layout.annotations[0].text == "geen" and not fig.data


def test_funnel_groups_steps_per_area():
    df = pd.DataFrame([{"series_kind": k, "series": k, "step": s, "share": v, "text": "t"}
                       for k in ("municipality", "flanders")
                       for s, v in (("A", 1.0), ("B", 0.6), ("C", 0.3))])
    fig = go.Figure(funnel.funnel_figure(df))
    assert len(fig.data) == 2 and fig.data[0].x == (100.0, 60.0, 30.0)
    assert list(fig.layout.yaxis.categoryarray) == ["C", "B", "A"]


def test_breakdown_dot_plot():
    df = pd.DataFrame([{"series_kind": k, "series": k, "category": c, "value": v, "text": "t"}
                       for k, off in (("municipality", 0), ("flanders", 0.1))
                       for c, v in (("jong", 0.5 + off), ("oud", 0.3 + off))])
    fig = go.Figure(breakdown.breakdown_figure(df))
    assert len(fig.data) == 3  # connector + two series
    assert fig.data[1].x == (50.0, 30.0)


def test_bars_sorted_with_reference_lines():
    df = pd.DataFrame({"label": ["a", "b", "c"], "value": [0.2, None, 0.5], "text": "t",
                       "kind": "region", "code": ["1", "2", "3"]})
    fig = go.Figure(bars.bars_figure(df, is_rate=True,
                                     references=[("Vlaanderen", 0.3, "flanders")]))
    assert fig.layout.annotations[0].text == "Vlaanderen"
    assert list(fig.data[0].y) == ["b", "a", "c"]
    assert fig.data[0].x[0] == 0  # an empty value still carries its text
    assert len(fig.layout.shapes) == 1


def test_choropleth_uses_local_geojson_and_greys_out_missing():
    df = pd.DataFrame({"nis_code": ["11002", "44021"], "name": ["Antwerpen", "Gent"],
                       "value": [0.5, None], "text": ["50 %", "verborgen"]})
    fig = go.Figure(choropleth.choropleth_figure(df, is_rate=True))
    assert all(t.geojson == choropleth.GEOJSON_URL for t in fig.data)
    grey, shown = fig.data
    assert list(grey.locations) == ["44021"] and list(shown.locations) == ["11002"]
    assert shown.customdata[0][0] == "11002"  # a click gives the NIS code
    assert fig.layout.geo.visible is False


def test_outflow_stacks_to_100():
    df = pd.DataFrame([{"series": s, "category": c, "share": v, "text": "t"}
                       for s in ("Gent", "Aalst") for c, v in (("regulier", 0.6), ("interim", 0.4))])
    fig = go.Figure(outflow.outflow_figure(df))
    assert fig.layout.barmode == "stack" and len(fig.data) == 2
    hidden = pd.concat([df, pd.DataFrame([{"series": "Zele", "category": "regulier", "share": None,
                                           "text": "verborgen*"}])])
    fig = go.Figure(outflow.outflow_figure(hidden))
    assert [a.text for a in fig.layout.annotations] == ["verborgen*"]


def test_palette_is_okabe_ito():
    assert theme.SERIES_COLOURS["municipality"] == "#0072B2"
    assert "leefloon_test_support" in sys.modules
