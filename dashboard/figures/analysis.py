"""Figures of the analysis page ("Eerlijk vergelijken"): pure DataFrame -> Figure builders.

No Dash and no database here; every label arrives translated from the caller.
Rates are drawn in percent (0..100) like the other charts; colours, dashes and
symbols per comparison group come from ``theme`` so colour is never the only cue.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures import theme
from dashboard.figures.common import empty_figure

SELECTED_COLOUR = theme.VERMILLION
REGION_COLOURS = {"VLG": theme.BLUE, "BRU": theme.ORANGE, "WAL": theme.GREEN,
                  "BUI": theme.PURPLE, "onbekend": "#bdbdbd"}
REGION_PATTERNS = {"VLG": "", "BRU": "/", "WAL": "x", "BUI": ".", "onbekend": ""}


def _f(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _pct(value) -> float | None:
    x = _f(value)
    return None if x is None else round(x * 100, 4)


def _hover(text: str) -> str:
    return str(text).replace("%", "%%")


# -- dots with interval bars ---------------------------------------------------------------
def interval_figure(
    df: pd.DataFrame,
    *,
    percent: bool = True,
    reference: float | None = None,
    reference_label: str = "",
    empty_message: str = "",
    height: int | None = None,
    x_title: str = "",
    labels: bool | None = None,
) -> go.Figure:
    """Horizontal dots with 95% interval bars, one trace per series (grouped per row).

    df: y (row label, in order), series_kind, series, value, lower, upper, label (text
    beside the dot, e.g. ``20,3 % *``), hover; optional colour and symbol (else per
    series_kind from ``theme``). Rows without a value are left out.
    ``reference``: a vertical line (e.g. 1 for O/E), in the data's units. ``labels``: the
    text beside the dots; by default only when each row has one series (grouped dots are
    too close for text: the hover and the table give the numbers).
    """
    shown = df[df["value"].map(_f).notna()] if not df.empty else df
    if shown.empty:
        return empty_figure(empty_message, height or 220)
    scale = _pct if percent else _f
    rows = list(dict.fromkeys(df["y"]))
    n_series = shown["series"].nunique()
    per_y = int(shown.groupby("y")["series"].nunique().max())  # dots side by side per row
    if labels is None:
        labels = per_y == 1
    fig = go.Figure()
    for (kind, name), part in shown.groupby(["series_kind", "series"], sort=False):
        xs = [scale(v) for v in part["value"]]
        lo = [scale(v) for v in part["lower"]]
        hi = [scale(v) for v in part["upper"]]
        plus = [None if h is None or x is None else max(h - x, 0) for x, h in zip(xs, hi)]
        minus = [None if lo_ is None or x is None else max(x - lo_, 0) for x, lo_ in zip(xs, lo)]
        colour = (part["colour"].iloc[0] if "colour" in part
                  else theme.SERIES_COLOURS.get(kind, theme.GREY))
        symbol = (part["symbol"].iloc[0] if "symbol" in part
                  else theme.SERIES_SYMBOL.get(kind, "circle"))
        fig.add_trace(go.Scatter(
            x=xs, y=list(part["y"]), name=name, orientation="h",
            mode="markers+text" if labels else "markers",
            marker=dict(color=colour, size=11 if kind == "municipality" else 9, symbol=symbol,
                        line=dict(color="white", width=1)),
            error_x=dict(type="data", array=plus, arrayminus=minus, color=colour, thickness=1.6,
                         width=4, visible=True),
            text=list(part["label"]) if labels else None, textposition="top center",
            textfont=dict(size=11),
            cliponaxis=False,
            customdata=[[h] for h in part["hover"]],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    if reference is not None:
        fig.add_vline(x=scale(reference), line=dict(color=theme.GREY, dash="dash", width=1),
                      annotation_text=reference_label, annotation_position="top",
                      annotation_font=dict(size=11, color=theme.GREY))
    # grouped only where rows hold several series; one series per row needs no legend
    fig.update_layout(scattermode="group" if per_y > 1 else "overlay", scattergap=0.3,
                      showlegend=per_y > 1)
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], showgrid=False,
                     type="category")
    # dots, not bars: the axis spans the intervals (and the reference), not from zero
    ends = [v for col in ("value", "lower", "upper") for v in map(scale, shown[col])
            if v is not None]
    if reference is not None:
        ends.append(scale(reference))
    lo_end, hi_end = min(ends), max(ends)
    pad = max((hi_end - lo_end) * 0.08, (abs(hi_end) or 1) * 0.01)
    axis = dict(showgrid=True, title=dict(text=x_title), range=[lo_end - pad, hi_end + pad],
                nticks=8)
    if percent:
        axis.update(ticksuffix=" %")
    fig.update_xaxes(**axis)
    n_rows = len(rows)
    per_row = (44 if labels else 34) + 16 * max(per_y - 1, 0)
    return theme.base_layout(fig, height or max(220, 90 + per_row * n_rows))


# -- funnel plot ----------------------------------------------------------------------------
def funnel_plot_figure(
    points: pd.DataFrame,
    limits: pd.DataFrame,
    p0: float,
    *,
    names: dict[str, str],
    empty_message: str = "",
    height: int = 460,
    x_title: str = "",
    y_title: str = "",
) -> go.Figure:
    """Rate (y, percent) against denominator (x, log scale) for every municipality, with
    the 95% and 99.8% control limits around the Flemish rate p0 and the selected
    municipality highlighted.

    points: name, denominator, rate, selected, hover. limits: n, lower_95, upper_95,
    lower_998, upper_998. names: labels for the traces (keys ``points``, ``limit_95``,
    ``limit_998``, ``target``, ``selected``).
    """
    if points.empty or limits.empty or _f(p0) is None:
        return empty_figure(empty_message, 260)
    fig = go.Figure()
    n = [float(v) for v in limits["n"]]
    for level, dash, width in (("998", "dot", 1.6), ("95", "dash", 1.3)):
        for side in ("upper", "lower"):
            fig.add_trace(go.Scatter(
                x=n, y=[_pct(v) for v in limits[f"{side}_{level}"]], mode="lines",
                name=names.get(f"limit_{level}", level), legendgroup=f"limit_{level}",
                showlegend=side == "upper", line=dict(color=theme.GREY, dash=dash, width=width),
                hoverinfo="skip",
            ))
    fig.add_trace(go.Scatter(
        x=[n[0], n[-1]], y=[_pct(p0)] * 2, mode="lines", name=names.get("target", "p0"),
        line=dict(color=theme.BLACK, width=1.4), hoverinfo="skip",
    ))
    others = points[~points["selected"].astype(bool)]
    fig.add_trace(go.Scatter(
        x=[float(v) for v in others["denominator"]], y=[_pct(v) for v in others["rate"]],
        mode="markers", name=names.get("points", ""),
        marker=dict(color=theme.BLUE, size=6, opacity=0.55, line=dict(color="white", width=0.5)),
        customdata=[[h] for h in others["hover"]],
        hovertemplate="%{customdata[0]}<extra></extra>",
    ))
    sel = points[points["selected"].astype(bool)]
    if not sel.empty:
        fig.add_trace(go.Scatter(
            x=[float(v) for v in sel["denominator"]], y=[_pct(v) for v in sel["rate"]],
            mode="markers+text", name=names.get("selected", ""),
            text=list(sel["name"]), textposition="top center", textfont=dict(size=13),
            marker=dict(color=SELECTED_COLOUR, size=14, symbol="diamond",
                        line=dict(color=theme.BLACK, width=1.2)),
            customdata=[[h] for h in sel["hover"]],
            hovertemplate="%{customdata[0]}<extra></extra>", cliponaxis=False,
        ))
    ticks = log_ticks(min(n), max(n))
    fig.update_xaxes(type="log", title=dict(text=x_title), showgrid=True,
                     tickvals=ticks, ticktext=[_count_text(t) for t in ticks])
    fig.update_yaxes(ticksuffix=" %", tickformat=",.0f", title=dict(text=y_title),
                     rangemode="tozero")
    return theme.base_layout(fig, height)


def log_ticks(lo: float, hi: float) -> list[float]:
    """1-2-5 ticks between lo and hi (a log axis reads better with whole, labelled steps)."""
    out, decade = [], 1.0
    while decade <= max(hi, 1) * 10:
        out += [m * decade for m in (1, 2, 5) if lo <= m * decade <= hi]
        decade *= 10
    return out


def _count_text(x: float) -> str:
    """1234 -> 1.234 (nl-BE), without importing the app's formatting."""
    return f"{int(round(x)):,}".replace(",", ".")


# -- Kaplan-Meier -----------------------------------------------------------------------------
def km_figure(
    curves: pd.DataFrame,
    *,
    cohort_titles: dict[int, str],
    empty_message: str = "",
    height: int = 380,
    x_title: str = "",
    y_title: str = "",
    per_row: int = 4,
) -> go.Figure:
    """Share in work (1 - S(t), percent) against months since the start of the spell,
    one panel per entry-cohort year, one step line per group; the municipality's 95%
    band is shaded.

    curves: series_kind, series, cohort_year, months, share_in_work, lower, upper.
    """
    if curves.empty:
        return empty_figure(empty_message, 240)
    cohorts = sorted(curves["cohort_year"].unique())
    cols = min(per_row, len(cohorts))
    rows = math.ceil(len(cohorts) / cols)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.04,
                        vertical_spacing=0.16,
                        subplot_titles=[cohort_titles.get(int(c), str(c)) for c in cohorts])
    seen: set[str] = set()
    for i, year in enumerate(cohorts):
        row, col = i // cols + 1, i % cols + 1
        part = curves[curves["cohort_year"] == year]
        for (kind, name), line in part.groupby(["series_kind", "series"], sort=False):
            colour = theme.SERIES_COLOURS.get(kind, theme.GREY)
            x = [float(v) for v in line["months"]]
            if kind == "municipality":
                fig.add_trace(go.Scatter(
                    x=x + x[::-1],
                    y=[_pct(v) for v in line["upper"]] + [_pct(v) for v in line["lower"]][::-1],
                    fill="toself", fillcolor="rgba(0,114,178,0.15)", line=dict(width=0),
                    line_shape="hv", hoverinfo="skip", showlegend=False, legendgroup=kind,
                ), row=row, col=col)
            fig.add_trace(go.Scatter(
                x=x, y=[_pct(v) for v in line["share_in_work"]], mode="lines", name=name,
                legendgroup=kind, showlegend=kind not in seen, line_shape="hv",
                line=dict(color=colour, dash=theme.SERIES_DASH.get(kind, "solid"),
                          width=2.6 if kind == "municipality" else 1.8),
                customdata=[[_hover(t)] for t in line["hover"]] if "hover" in line else None,
                hovertemplate="%{customdata[0]}<extra></extra>" if "hover" in line else None,
            ), row=row, col=col)
            seen.add(kind)
    fig.update_yaxes(ticksuffix=" %", tickformat=",.0f", range=[0, 100], showgrid=True)
    fig.update_yaxes(title=dict(text=y_title), row=1, col=1)
    fig.update_xaxes(rangemode="tozero", showgrid=True)
    for c in range(1, cols + 1):
        fig.update_xaxes(title=dict(text=x_title), row=rows, col=c)
    fig.update_layout(legend=dict(y=1.08 if rows == 1 else 1.04))
    for ann in fig.layout.annotations:
        ann.font = dict(size=13)
    return theme.base_layout(fig, max(height, 300 * rows + 60))


# -- interregional mobility -----------------------------------------------------------------
def mobility_figure(
    df: pd.DataFrame,
    *,
    category_labels: dict[str, str],
    empty_message: str = "",
    height: int | None = None,
) -> go.Figure:
    """Stacked horizontal bars: the share of each work region in each group's outflow.

    df: series (row label, in order), category (VLG, BRU, ...), share, text, hover.
    Hidden shares are left out of the bar (the table says why).
    """
    if df.empty or df["share"].map(_f).dropna().empty:
        return empty_figure(empty_message, 220)
    rows = list(dict.fromkeys(df["series"]))
    fig = go.Figure()
    for cat in category_labels:
        part = df[df["category"] == cat]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            y=list(part["series"]), x=[_pct(v) for v in part["share"]], orientation="h",
            name=category_labels[cat],
            marker=dict(color=REGION_COLOURS.get(cat, theme.GREY),
                        line=dict(color="white", width=0.6),
                        pattern=dict(shape=REGION_PATTERNS.get(cat, ""), fgcolor="white",
                                     size=6, solidity=0.2, fillmode="overlay")),
            text=list(part["text"]), textposition="inside", insidetextanchor="middle",
            textfont=dict(size=11), customdata=[[h] for h in part["hover"]],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], showgrid=False)
    fig.update_xaxes(range=[0, 100], showgrid=True, tickvals=[0, 25, 50, 75, 100],
                     ticktext=["0 %", "25 %", "50 %", "75 %", "100 %"])
    fig.update_layout(legend=dict(traceorder="normal"))
    return theme.base_layout(fig, height or max(220, 110 + 38 * len(rows)))


# -- Lokaal Activeringspact ----------------------------------------------------------------------
def pact_figure(
    df: pd.DataFrame,
    *,
    empty_message: str = "",
    height: int = 300,
    x_title: str = "",
) -> go.Figure:
    """Horizontal bars: baseline, commitment, realised so far and the projection to the end
    of the period with its 95% prediction interval.

    df: key (baseline, committed, realised, projected), label, value, lower, upper, text,
    hover. Rows without a value are left out.
    """
    shown = df[df["value"].map(_f).notna()] if not df.empty else df
    if shown.empty:
        return empty_figure(empty_message, 220)
    colours = {"baseline": theme.GREY, "committed": theme.ORANGE, "realised": theme.BLUE,
               "projected": theme.SKY}
    patterns = {"baseline": "/", "committed": "", "realised": "", "projected": "."}
    fig = go.Figure()
    top = 1.0
    for r in shown.itertuples():
        v = _f(r.value)
        lo, hi = _f(r.lower), _f(r.upper)
        err = None
        if lo is not None and hi is not None:
            err = dict(type="data", array=[max(hi - v, 0)], arrayminus=[max(v - lo, 0)],
                       color=theme.BLACK, thickness=1.6, width=8)
        fig.add_trace(go.Bar(
            y=[r.label], x=[v], orientation="h", name=r.label, showlegend=False,
            marker=dict(color=colours.get(r.key, theme.GREY),
                        line=dict(color=theme.BLACK if r.key == "projected" else "white", width=1),
                        pattern=dict(shape=patterns.get(r.key, ""), fgcolor="white", size=7,
                                     solidity=0.25, fillmode="overlay")),
            error_x=err, customdata=[[r.hover]],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ))
        end = max(v, hi or v)
        top = max(top, end)
        fig.add_annotation(x=end, y=r.label, text=str(r.text), showarrow=False, xanchor="left",
                           xshift=8, font=dict(size=12))
    labels = list(df["label"])
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showgrid=False)
    fig.update_xaxes(range=[0, top * 1.35], showgrid=True, tickformat=",.0f",
                     title=dict(text=x_title))
    fig.update_layout(bargap=0.35, barmode="overlay")
    return theme.base_layout(fig, height)
