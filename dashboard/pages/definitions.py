"""/definities: the indicators in plain Dutch, comparison groups, privacy rule, data version."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import fmt, i18n, ids, indicators, queries, state
from dashboard.components import filters, shell
from dashboard.views.common import Ctx
from etl import disclosure


PAGE = ids.DEF
DEFAULT_NIS = "44021"


def layout(**kwargs):
    return _layout(**kwargs)


@shell.guarded(lambda **_: "/definities")
def _layout(nis: str | None = None, **kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    query = {k: v for k, v in {**kwargs, "nis": nis}.items() if isinstance(v, str)}
    periods = queries.periods()
    st = state.from_query(kwargs, periods)
    muni = queries.municipalities()
    if nis not in set(muni.nis_code):
        nis = DEFAULT_NIS if DEFAULT_NIS in set(muni.nis_code) else muni.nis_code.iloc[0]
    ctx = Ctx("definitions", st, nis=nis)
    return shell.frame(ctx, lang, "/definities", query, content(ctx, muni))


def indicator_block(lang: str) -> list:
    items = []
    for k in indicators.ORDER:
        items += [html.Dt(i18n.indicator(k, lang)), html.Dd(i18n.t(f"inddef_{k}", lang))]
    return [html.H2(i18n.t("def_indicators", lang), className="h4"),
            html.Dl(items, className="definitions"),
            html.P(i18n.t("def_periods", lang)),
            html.P(i18n.t("def_pooled", lang))]


def groups_block(ctx: Ctx, muni) -> list:
    lang = ctx.lang
    meta = queries.meta()
    k = meta.get("nearby_centre_cities_k", "3")
    kind_key = f"region_kind_{meta.get('region_kind', 'referentieregio')}"
    kind = i18n.t(kind_key, lang) if kind_key in i18n.TEXT else meta.get("region_kind", "")
    comp = queries.comparison(ctx.nis)
    me = muni[muni.nis_code == ctx.nis].iloc[0]
    rows = []
    cities = comp[comp.group_kind == "centre_city"].sort_values("rank")
    city_text = ", ".join(f"{r.area_name} ({fmt.km(r.distance_km)})" for r in cities.itertuples())
    rows.append((i18n.level("centre_cities", lang), i18n.t("def_group_centre_cities", lang, k=k),
                 city_text))
    for kind_name, level in (("region", "region"), ("province", "province")):
        sel = comp[comp.group_kind == kind_name]
        if sel.empty:
            continue
        code = sel.iloc[0].area_code
        members = queries.area_members(level, code)
        text = i18n.t("def_group_region", lang, kind=kind) if level == "region" \
            else i18n.t("def_group_province", lang)
        link = shell.keep_lang(f"/{'regio' if level == 'region' else 'provincie'}/{code}", lang)
        rows.append((i18n.level(level, lang), text,
                     [dcc.Link(sel.iloc[0].area_name, href=link), f" ({len(members)}): ",
                      ", ".join(members.name_nl)]))
    peers = comp[comp.group_kind == "peer"].sort_values("rank")
    if not peers.empty:
        rows.append((i18n.level("peers", lang), i18n.t("def_group_peers", lang, k=len(peers)),
                     ", ".join(str(r.area_name) for r in peers.itertuples())))
    rows.append((i18n.level("flanders", lang), i18n.t("def_group_flanders", lang),
                 i18n.t("area_members", lang, n=len(muni))))
    table = html.Table([
        html.Thead(html.Tr([html.Th(i18n.t("def_groups", lang), scope="col"), html.Th("", scope="col"),
                            html.Th(i18n.t("def_members", lang) + f": {me.name_nl}", scope="col")])),
        html.Tbody([html.Tr([html.Th(a, scope="row"), html.Td(b), html.Td(c)]) for a, b, c in rows]),
    ], className="table table-sm align-top", id="def-groups")
    picker = html.Div([
        html.Label(i18n.t("def_groups_for", lang), className="form-label small fw-semibold mb-1 d-block"),
        dcc.Dropdown(id=filters.fid(PAGE, "nis"),
                     options=[{"label": r.name_nl, "value": r.nis_code} for r in muni.itertuples()],
                     value=ctx.nis, clearable=False, labels=filters.dropdown_labels(lang)),
    ], style={"maxWidth": "24rem"}, className="mb-3")
    return [html.H2(i18n.t("def_groups", lang), className="h4 mt-4"), picker, table]


def privacy_block(lang: str) -> list:
    k = disclosure.suppression_k()
    return [html.H2(i18n.t("def_privacy", lang), className="h4 mt-4"),
            html.P(i18n.t("def_privacy_text", lang, km1=k - 1), id="def-privacy")]


def version_block(lang: str) -> list:
    meta = queries.meta()
    items = [
        (i18n.t("def_version_id", lang), meta.get("data_version", "")),
        (i18n.t("def_loaded_at", lang), fmt.date_time(meta.get("loaded_at"), lang)),
        (i18n.t("def_months", lang), f"{fmt.period_label(meta.get('first_month', ''), lang)} – "
                                      f"{fmt.period_label(meta.get('last_month', ''), lang)}"),
        (i18n.t("def_work_months", lang), fmt.period_label(meta.get("last_work_month", ""), lang)),
    ]
    return [html.H2(i18n.t("def_version", lang), className="h4 mt-4"),
            html.Dl(sum([[html.Dt(a), html.Dd(b)] for a, b in items], []),
                    className="definitions", id="def-version")]


def content(ctx: Ctx, muni) -> list:
    lang = ctx.lang
    return [html.H1(i18n.t("def_title", lang), className="h2 mb-3"),
            dbc.Row(dbc.Col(indicator_block(lang) + groups_block(ctx, muni) + privacy_block(lang)
                            + version_block(lang), xl=9))]


dash.register_page(__name__, path="/definities", name="Definities",
                   title="Definities – Leefloon en activering", layout=layout)
