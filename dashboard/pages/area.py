"""/provincie/<code> and /regio/<code>: member municipalities ranked, a map, the trend."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, html
from dash.exceptions import PreventUpdate

from dashboard import fmt, i18n, ids, indicators, queries, state
from dashboard.components import cards, filters, messages, shell
from dashboard.components.tables import data_table
from dashboard.figures.bars import bars_figure
from dashboard.figures.choropleth import choropleth_figure
from dashboard.figures.trend import trend_figure
from dashboard.pages import not_found_404
from dashboard.views import area as views
from dashboard.views.common import Ctx, ctx_from_store, map_grey_note
from dashboard.views.municipality import _highlight
from etl import disclosure

PAGE = ids.AREA
PATHS = {"province": "provincie", "region": "regio"}


def area_layout(level: str, code: str | None, **kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    path = f"/{PATHS[level]}/{code}"
    query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
    area = queries.area(level, code or "")
    if area is None:
        return not_found_404.page(lang, path, query)
    periods = queries.periods()
    st = state.from_query(kwargs, periods)
    ctx = Ctx(level, st, level=level, code=code)
    return shell.frame(ctx, lang, path, query, content(ctx, area, periods))


def content(ctx: Ctx, area: dict, periods) -> list:
    """The header and filters; the ranking with the map, and the trend, are drawn by their
    own callback (``draw_section``) once the page is in the browser, side by side."""
    st, lang = ctx.state, ctx.lang
    members = len(queries.area_members(ctx.level, ctx.code))
    head = html.Div([
        html.H1(area["area_name"], className="h2 mb-0"),
        html.P(f"{i18n.level(ctx.level, lang)} · "
               f"{i18n.t('area_members', lang, n=members)} · {fmt.period_label(st.period, lang)}",
               className="text-muted mb-2"),
    ])
    slots = [html.Div(cards.pending(_title(name, ctx, area), lang),
                      id={"type": ids.AREA_SECTION, "name": name})
             for name in SECTIONS]
    return [head, filters.filter_bar(PAGE, st, periods), messages.notice(st.notice, "warning")] + slots


_SHOWN = ("lang", "period_type", "period", "indicator")
SECTIONS = {
    # name: (the title's i18n key, the state it is drawn from)
    "members": ("area_ranking", _SHOWN),
    "trend": ("area_trend", _SHOWN + ("trend",)),
}


def _title(name: str, ctx: Ctx, area: dict) -> str:
    return i18n.t(SECTIONS[name][0], ctx.lang, indicator=i18n.indicator(ctx.state.indicator, ctx.lang),
                  name=area["area_name"])


@callback(
    Output({"type": ids.AREA_SECTION, "name": MATCH}, "children"),
    Input({"type": ids.AREA_SECTION, "name": MATCH}, "id"),
    State(ids.PAGE_STATE, "data"),
)
def draw_section(ident, store):
    """A section of a province or region page in the page's state, cached like the
    municipality page's sections (``shell.drawn``)."""
    name = (ident or {}).get("name")
    ctx = ctx_from_store(store)
    area = queries.area(ctx.level, ctx.code or "") if ctx.level in PATHS and ctx.page == ctx.level else None
    if name not in SECTIONS or area is None:
        raise PreventUpdate
    store = ctx.store()
    key = (queries.data_version(), queries.scope_key(), disclosure.suppression_k(), "area-section", name,
           ctx.level, ctx.code, tuple(str(store[k]) for k in SECTIONS[name][1]))
    return shell.drawn(key, lambda: BUILDERS[name](ctx, area))


def members_section(ctx: Ctx, area: dict):
    """The members ranked, beside the map of the area."""
    lang = ctx.lang
    ind = indicators.get(ctx.state.indicator)
    mv = views.members(ctx)
    ranking = bars_figure(mv.data, is_rate=ind.is_rate, references=mv.extra["references"],
                          empty_message=i18n.t("no_rows", lang))
    rank_title = _title("members", ctx, area)
    links = [f"/gemeente/{code}{ctx.state.query()}" for code in mv.extra["table_codes"]]
    rank_card = cards.section(rank_title, cards.graph(ranking, label=rank_title), lang=lang,
                              view="area-members", table=data_table(mv.table, links=links),
                              hidden=mv.hidden, section_id="area-ranking")
    map_title = i18n.t("area_map", lang, name=area["area_name"])
    fig = choropleth_figure(mv.extra["map"], is_rate=ind.is_rate, height=420,
                            missing_label=i18n.t("suppressed", lang))
    map_card = cards.section(map_title, [html.P(i18n.t("map_hint", lang), className="small text-muted"),
                                         cards.graph(fig, label=map_title, graph_id={"type": "map", "page": "area"})],
                             lang=lang, view="area-members-map", hidden=mv.hidden,
                             notes=[map_grey_note(lang)], section_id="area-map-card")
    return dbc.Row([dbc.Col(rank_card, lg=6), dbc.Col(map_card, lg=6)])


def trend_section(ctx: Ctx, area: dict):
    """The area's trend against Flanders."""
    st, lang = ctx.state, ctx.lang
    ind = indicators.get(st.indicator)
    tv = views.trend(ctx)
    periods_shown = list(dict.fromkeys(tv.data.period)) if not tv.data.empty else []
    hl = _highlight(st.period_type, st.period, st.trend, periods_shown)
    tfig = trend_figure(tv.data, is_rate=ind.is_rate,
                        highlight=[fmt.period_label(p, lang, short=True) for p in hl],
                        empty_message=i18n.t("no_rows", lang))
    ttitle = _title("trend", ctx, area)
    controls = filters.radio(PAGE, "trend", [{"label": i18n.t(t, lang), "value": t}
                                             for t in state.TREND_TYPES], st.trend,
                             i18n.t("trend_by", lang))
    return cards.section(ttitle, cards.graph(tfig, label=ttitle), lang=lang, view="area-trend",
                         table=data_table(tv.table), hidden=tv.hidden, controls=controls,
                         section_id="area-trend")


BUILDERS = {"members": members_section, "trend": trend_section}
