"""/gemeente/<nis>: one municipality against its benchmarks."""

from __future__ import annotations

import dash
import pandas as pd
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import fmt, i18n, ids, indicators, queries, state
from dashboard.components import cards, filters, messages, shell
from dashboard.components.kpi import kpi_card
from dashboard.components.tables import data_table
from dashboard.figures.bars import bars_figure
from dashboard.figures.breakdown import breakdown_figure
from dashboard.figures.funnel import funnel_figure
from dashboard.figures.outflow import outflow_figure
from dashboard.figures.trend import trend_figure
from dashboard.pages import not_found_404
from dashboard.views import municipality as views
from dashboard.auth.scope import AccessDenied
from dashboard.views.common import Ctx, ctx_from_store, quarter_note
from etl import disclosure


PAGE = ids.MUN


def layout(nis: str | None = None, **kwargs):
    return _layout(nis=nis, **kwargs)


@shell.guarded(lambda nis=None, **_: f"/gemeente/{nis}")
def _layout(nis: str | None = None, **kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    path = f"/gemeente/{nis}"
    query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
    muni = queries.municipality(nis or "")
    if muni is None:
        return not_found_404.page(lang, path, query, nis=nis)
    periods = queries.periods()
    st = state.from_query(kwargs, periods)
    ctx = Ctx("municipality", st, nis=nis)
    return shell.frame(ctx, lang, path, query, content(ctx, muni, periods))


def content(ctx: Ctx, muni: dict, periods) -> list:
    st, lang = ctx.state, ctx.lang
    key = st.indicator
    kpi = views.kpi(ctx)
    bench = kpi.extra["bench"]
    prow = periods[(periods.period_type == st.period_type) & (periods.period == st.period)]
    notes = [messages.notice(st.notice, "warning")]
    if not prow.empty and not bool(prow.iloc[0].is_complete):
        r = prow.iloc[0]
        notes.append(messages.notice(i18n.t("period_incomplete_note", lang,
                                            period=fmt.period_label(st.period, lang),
                                            loaded=int(r.n_months_loaded), total=int(r.n_months))))
    region_kind = i18n.t(f"region_kind_{muni['region_kind']}", lang) \
        if f"region_kind_{muni['region_kind']}" in i18n.TEXT else muni["region_kind"]
    cities = ", ".join(bench.cities()["name"].astype(str))
    head = html.Div([
        html.H1(muni["name_nl"], className="h2 mb-0"),
        html.P([
            f"{i18n.t('lvl_province', lang)} ",
            dcc.Link(muni["province_name"], href=f"/provincie/{muni['province_code']}{st.query()}",
                     id="mun-province-link"),
            f" · {region_kind}: ",
            dcc.Link(muni["region_name"], href=f"/regio/{muni['region_code']}{st.query()}",
                     id="mun-region-link"),
            " · ",
            f"{i18n.t('lvl_centre_cities', lang)}: {cities} · ",
            html.Span(fmt.period_label(st.period, lang), className="fw-semibold"),
        ], className="text-muted mb-2"),
        *_detail_links(ctx),
    ])
    bar = filters.filter_bar(PAGE, st, periods)
    widths = {"leefloners": 4, "registration_rate": 4, "guidance_rate": 4,
              "work_6m_rate": 6, "work_12m_rate": 6}
    kpis = dbc.Row([dbc.Col(kpi_card(k, bench, lang, selected=(k == key)), xs=12, md=6,
                            lg=widths[k], className="mb-1") for k in indicators.ORDER],
                   className="g-3 kpi-row")
    kpi_section = cards.section(i18n.t("kpi_title", lang), kpis, lang=lang, view="mun-kpi",
                                hidden=bool(bench.rows["suppressed"].ne("").any()),
                                section_id="mun-kpis")
    return [head, bar] + [n for n in notes if n] + [kpi_section] + detail_sections(ctx)


_PERIOD = ("lang", "period_type", "period")
SECTIONS = {
    # name: (width in the grid of 12, the title's i18n key, the state it is drawn from)
    "trend": (7, "trend_title", _PERIOD + ("indicator", "trend")),
    "funnel": (5, "funnel_title", _PERIOD),
    "breakdown": (12, "breakdown_title", _PERIOD + ("indicator", "cmp")),
    "cities": (6, "cities_title", _PERIOD + ("indicator",)),
    "outflow": (6, "outflow_title", _PERIOD + ("horizon",)),
}


def _may_see_detail(ctx: Ctx) -> bool:
    try:
        queries.authorize(detail=[("municipality", ctx.nis)])
    except AccessDenied:
        return False
    return True


def _detail_links(ctx: Ctx) -> list:
    """The analysis and the printable report: detail, so only for a user who may see it
    (for another municipality they would lead to "no access")."""
    if not _may_see_detail(ctx):
        return []
    st, lang = ctx.state, ctx.lang
    return [
        dbc.Button(i18n.t("an_link", lang), href=f"/analyse/{ctx.nis}{st.query()}", outline=True,
                   color="primary", size="sm", className="mb-2 me-2", id="mun-analysis-link"),
        dbc.Button(i18n.t("report_link", lang), href=f"/rapport/{ctx.nis}?period={st.period}",
                   external_link=True, target="_blank", outline=True, color="secondary", size="sm",
                   className="mb-2", id="mun-report-link"),
    ]


def detail_sections(ctx: Ctx) -> list:
    """Trend, funnel, breakdowns, centre cities and outflow: detail. Each is drawn by its
    own callback (``draw_section``) once the page is in the browser, so the page itself
    comes quickly and the sections arrive side by side. Where the access gate refuses
    this municipality's detail, one notice takes the sections' place and nothing of them
    is drawn or asked for."""
    lang = ctx.lang
    if not _may_see_detail(ctx):
        titles = [_title(name, ctx) for name in SECTIONS]
        return [cards.denied(i18n.t("detail_title", lang), titles, lang=lang,
                             section_id="mun-detail-denied")]
    out, row = [], []
    for name, (width, _, _) in SECTIONS.items():
        slot = html.Div(cards.pending(_title(name, ctx), lang),
                        id={"type": ids.MUN_SECTION, "name": name})
        if width == 12:
            out += [dbc.Row(row)] if row else []
            out.append(slot)
            row = []
        else:
            row.append(dbc.Col(slot, lg=width))
    out += [dbc.Row(row)] if row else []
    return out


def _title(name: str, ctx: Ctx) -> str:
    return i18n.t(SECTIONS[name][1], ctx.lang, indicator=i18n.indicator(ctx.state.indicator, ctx.lang),
                  h=ctx.state.horizon)


@callback(
    Output({"type": ids.MUN_SECTION, "name": MATCH}, "children"),
    Input({"type": ids.MUN_SECTION, "name": MATCH}, "id"),
    State(ids.PAGE_STATE, "data"),
)
def draw_section(ident, store):
    """A detail section of the municipality page in the page's state. Cached like the
    pages, by (data version, scope, section, municipality) and only the state the section
    is drawn from, so a section the change of a filter leaves alone comes from the cache:
    the worker's own, then the one the workers share (``dashboard/shared_drawings.py``).
    A refusal draws the notice instead."""
    name = (ident or {}).get("name")
    ctx = ctx_from_store(store)
    if name not in SECTIONS or ctx.page != "municipality" or queries.municipality(ctx.nis or "") is None:
        raise PreventUpdate
    store = ctx.store()
    key = (queries.data_version(), queries.scope_key(), disclosure.suppression_k(), "mun-section", name,
           ctx.nis, tuple(str(store[k]) for k in SECTIONS[name][2]))

    def draw():
        try:
            return BUILDERS[name](ctx)  # through the access gate
        except AccessDenied:
            return cards.denied(i18n.t("detail_title", ctx.lang), [_title(name, ctx)],
                                lang=ctx.lang, section_id="mun-detail-denied")

    return shell.drawn(key, draw)


def trend_section(ctx: Ctx):
    st, lang = ctx.state, ctx.lang
    ind = indicators.get(st.indicator)
    v = views.trend(ctx)
    fig = trend_figure(v.data, is_rate=ind.is_rate, highlight=v.extra["highlight"],
                       empty_message=i18n.t("no_rows", lang))
    controls = filters.radio(PAGE, "trend", [{"label": i18n.t(t, lang), "value": t}
                                             for t in state.TREND_TYPES], st.trend,
                             i18n.t("trend_by", lang))
    title = i18n.t("trend_title", lang, indicator=i18n.indicator(st.indicator, lang))
    return cards.section(title, cards.graph(fig, label=title), lang=lang, view="mun-trend",
                         table=data_table(v.table), hidden=v.hidden, controls=controls,
                         section_id="mun-trend")


def funnel_section(ctx: Ctx):
    lang = ctx.lang
    v = views.funnel(ctx)
    fig = funnel_figure(v.data, empty_message=i18n.t("no_rows", lang))
    title = i18n.t("funnel_title", lang)
    return cards.section(title, [html.P(i18n.t("funnel_intro", lang), className="small"),
                                 cards.graph(fig, label=title)],
                         lang=lang, view="mun-funnel", table=data_table(v.table), hidden=v.hidden,
                         section_id="mun-funnel")


def breakdown_section(ctx: Ctx):
    st, lang = ctx.state, ctx.lang
    ind = indicators.get(st.indicator)
    ind_label = i18n.indicator(st.indicator, lang)
    v = views.breakdown(ctx)
    cols = []
    by_dimension = dict(list(v.data.groupby("dimension", sort=False))) if not v.data.empty else {}
    for dim in indicators.BREAKDOWN_DIMENSIONS:
        part = by_dimension.get(dim, v.data.iloc[:0])
        fig = breakdown_figure(part, is_rate=True if st.indicator == "leefloners" else ind.is_rate,
                               empty_message=i18n.t("no_rows", lang))
        label = i18n.category(dim, lang)
        cols.append(dbc.Col([html.H3(label, className="h6 mt-2 mb-0"),
                             cards.graph(fig, label=f"{ind_label}: {label}")], md=6, xl=4))
    bench = views.bench(ctx)
    cmp_options = [{"label": i18n.level(g, lang), "value": g} for g in state.COMPARE_GROUPS
                   if bench.area(g) is not None]
    controls = filters.radio(PAGE, "cmp", cmp_options, st.cmp, i18n.t("compare_with", lang))
    notes = [i18n.t("breakdown_share_note", lang)] if st.indicator == "leefloners" else []
    notes += quarter_note(ctx)
    return cards.section(i18n.t("breakdown_title", lang, indicator=ind_label),
                         dbc.Row(cols, className="g-2"), lang=lang, view="mun-breakdown",
                         table=data_table(v.table, row_headers=2), hidden=v.hidden,
                         hidden_secondary=v.hidden_secondary, notes=notes,
                         controls=controls, section_id="mun-breakdown")


def cities_section(ctx: Ctx):
    lang = ctx.lang
    v = views.cities(ctx)
    fig = bars_figure(v.data, is_rate=v.extra["is_rate"], sort=False,
                      empty_message=i18n.t("no_rows", lang))
    title = i18n.t("cities_title", lang)
    return cards.section(title, cards.graph(fig, label=title), lang=lang, view="mun-cities",
                         table=data_table(v.table), hidden=v.hidden, section_id="mun-cities")


def outflow_section(ctx: Ctx):
    st, lang = ctx.state, ctx.lang
    v = views.outflow(ctx)
    parts = []
    tables = []
    me = views.bench(ctx).row("municipality")
    has_months = me is not None and pd.notna(me["person_months"]) and me["person_months"] > 0
    empty = i18n.t("not_yet_known" if has_months else "no_rows", lang)
    by_split = dict(list(v.data.groupby("split", sort=False))) if not v.data.empty else {}
    for split in ("work_type", "work_region"):
        data = by_split.get(split, v.data.iloc[:0])
        fig = outflow_figure(data, empty_message=empty)
        label = i18n.t("outflow_by_type" if split == "work_type" else "outflow_by_region", lang)
        parts += [html.H3(label, className="h6 mt-2 mb-0"), cards.graph(fig, label=label)]
        if split in v.extra.get("tables", {}):
            tables.append(data_table(v.extra["tables"][split]))
    controls = filters.radio(PAGE, "horizon",
                             [{"label": i18n.t("months_n", lang, n=h), "value": h} for h in state.HORIZONS],
                             st.horizon, i18n.t("within", lang))
    title = i18n.t("outflow_title", lang, h=st.horizon)
    withheld = v.extra.get("withheld") or []
    notes = [i18n.t("outflow_withheld", lang, cities=", ".join(withheld))] if withheld else []
    notes += quarter_note(ctx)
    return cards.section(title, [html.P(i18n.t("outflow_share", lang), className="small")] + parts,
                         lang=lang, view="mun-outflow", table=html.Div(tables), hidden=v.hidden,
                         controls=controls, notes=notes, section_id="mun-outflow")


BUILDERS = {"trend": trend_section, "funnel": funnel_section, "breakdown": breakdown_section,
            "cities": cities_section, "outflow": outflow_section}

dash.register_page(__name__, path_template="/gemeente/<nis>", name="Gemeente",
                   title=lambda nis=None, **_: f"{nis} – Leefloon en activering", layout=layout)
