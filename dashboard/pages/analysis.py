"""/analyse/<nis>: "Eerlijk vergelijken" — a municipality compared fairly.

Peers, intervals and significance marks, the funnel plot, empirical-Bayes rankings,
case-mix adjusted outflow, time to work, sustained work and relapse, interregional
mobility and the Lokaal Activeringspact tracker, all under one switchable definition
(``ell=0``, ``art60=0`` in the URL). docs/analysis.md explains every section.

The page has its own filter controls (pattern id ``{"type": "analysis-filter", "key": K}``)
and callback, because the shared filter callback does not know the two definition
switches; like it, this callback only writes the URL query.
"""

from __future__ import annotations

from dataclasses import replace

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import fmt, i18n, ids, indicators, queries, state
from dashboard.auth.scope import AccessDenied
from dashboard.components import cards, filters, messages, shell
from dashboard.components import tables
from dashboard.figures.analysis import (
    funnel_plot_figure, interval_figure, km_figure, mobility_figure, pact_figure,
)
from dashboard.figures.choropleth import choropleth_figure
from dashboard.pages import not_found_404
from dashboard.views import analysis as views
from dashboard.views.common import Ctx, ctx_from_store, map_grey_note, quarter_note
from etl import disclosure

PAGE = views.PAGE
FILTER = "analysis-filter"
FLANDERS_BOUNDS = (2.52, 5.95, 50.67, 51.51)


def fid(key: str) -> dict:
    return {"type": FILTER, "key": key}


def href(nis: str, st: state.ViewState, d=None, lang: str | None = None) -> str:
    """The analysis page of ``nis`` with the same period, indicator (and definition)."""
    from etl.definitions import STANDARD

    q = views.page_query(st, d or STANDARD, lang=i18n.DEFAULT_LANG)
    return shell.keep_lang(f"/analyse/{nis}", lang or st.lang, q)


def layout(nis: str | None = None, **kwargs):
    return _layout(nis=nis, **kwargs)


@shell.guarded(lambda nis=None, **_: f"/analyse/{nis}")
def _layout(nis: str | None = None, **kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    path = f"/analyse/{nis}"
    query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
    muni = queries.municipality(nis or "")
    if muni is None:
        return not_found_404.page(lang, path, query, nis=nis)
    periods = queries.periods()
    st = state.from_query(kwargs, periods)
    d = views.definition_from_query(kwargs)
    ctx = views.make_ctx(st, nis, d)
    try:
        body = content(ctx, muni, periods)
    except AccessDenied:  # every section is detail of this municipality: none is drawn
        body = [html.H1(i18n.t("an_title", lang, name=muni["name_nl"]), className="h2"),
                denied(ctx, muni)]
    return shell.frame(ctx, lang, path, query, body)


def denied(ctx: Ctx, muni: dict):
    """In place of the page for a user who may not see this municipality's detail: what the
    page holds and where the headline figures are; nothing of its data (like
    ``cards.denied``, with this page's wording)."""
    lang = ctx.lang
    back = f"/gemeente/{ctx.nis}{ctx.state.query()}"
    body = [
        html.P(i18n.t("detail_denied", lang), className="fw-semibold mb-1"),
        html.P([i18n.t("an_denied_more", lang), " ",
                dcc.Link(i18n.t("an_back", lang, name=muni["name_nl"]), href=back)],
               className="small mb-1"),
        html.Ul([html.Li(t) for t in section_titles(ctx)], className="small mb-0"),
    ]
    card = dbc.Card([dbc.CardHeader(html.H2(i18n.t("detail_title", lang), className="h5 mb-0")),
                     dbc.CardBody(html.Div(body, role="status", className="detail-denied"))],
                    className="mb-4 shadow-sm")
    return html.Section(card, id="an-detail-denied", **{"aria-label": i18n.t("detail_title", lang)})


def section_titles(ctx: Ctx) -> list[str]:
    lang, h = ctx.lang, ctx.state.horizon
    ind = i18n.indicator(views.rate_key(ctx.state), lang)
    return [i18n.t("an_peers_title", lang), i18n.t("an_uncertainty_title", lang),
            i18n.t("an_funnel_title", lang, indicator=ind),
            i18n.t("an_eb_title", lang, indicator=ind), i18n.t("an_casemix_title", lang),
            i18n.t("an_km_title", lang), i18n.t("an_dynamics_title", lang),
            i18n.t("an_mobility_title", lang, h=h), i18n.t("an_pact_title", lang)]


# -- filter bar -----------------------------------------------------------------------------
def _radio(key: str, options: list[dict], value, label: str):
    return html.Fieldset([
        html.Legend(label, className="form-label small fw-semibold mb-1 float-none w-auto fs-6"),
        dbc.RadioItems(id=fid(key), options=options, value=value, inline=True,
                       className="btn-group-sm", inputClassName="btn-check",
                       labelClassName="btn btn-outline-primary btn-sm",
                       labelCheckedClassName="active"),
    ], className="filter-item")


def filter_bar(ctx: Ctx, periods) -> html.Div:
    st, lang = ctx.state, ctx.lang
    d = views.definition_of(ctx)
    types = [t for t in ("month", "quarter", "year") if (periods.period_type == t).any()]
    items = [
        _radio("period_type", [{"label": i18n.t(t, lang), "value": t} for t in types],
               st.period_type, i18n.t("period_type", lang)),
        filters.labelled(i18n.t("period", lang), dcc.Dropdown(
            id=fid("period"), options=filters.period_options(periods, st.period_type, lang),
            value=st.period, clearable=False, searchable=True,
            labels=filters.dropdown_labels(lang)), "an-period-input", "13rem"),
        filters.labelled(i18n.t("an_rate", lang), dcc.Dropdown(
            id=fid("indicator"),
            options=[{"label": i18n.indicator(k, lang), "value": k} for k in indicators.RATES],
            value=views.rate_key(st), clearable=False, searchable=False,
            labels=filters.dropdown_labels(lang)), "an-indicator-input", "19rem"),
        _radio("horizon", [{"label": i18n.t("months_n", lang, n=h), "value": h}
                           for h in state.HORIZONS], st.horizon, i18n.t("within", lang)),
        html.Fieldset([
            html.Legend(i18n.t("an_definition", lang),
                        className="form-label small fw-semibold mb-1 float-none w-auto fs-6"),
            dbc.Switch(id=fid("ell"), label=i18n.t("an_toggle_ell", lang),
                       value=d.include_ell, className="mb-0"),
            dbc.Switch(id=fid("art60"), label=i18n.t("an_toggle_art60", lang),
                       value=d.art60_is_work, className="mb-0"),
        ], style={"border": 0, "margin": 0, "padding": 0}),  # not .filter-item: keeps the
        # switches' own padding (the shared CSS removes it for the radio buttons)
    ]
    return html.Div(items, className="filter-bar d-flex flex-wrap gap-3 align-items-end mb-3",
                    role="group", **{"aria-label": i18n.t("an_filters", lang)})


@callback(
    Output(ids.LOCATION, "search", allow_duplicate=True),
    Input({"type": FILTER, "key": ALL}, "value"),
    State(ids.PAGE_STATE, "data"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def analysis_filters_to_url(_values, store, search):
    trig = dash.ctx.triggered_id
    if not trig or not dash.ctx.triggered or not store or store.get("page") != PAGE:
        raise PreventUpdate
    value = dash.ctx.triggered[0]["value"]
    if value is None:
        raise PreventUpdate
    c = ctx_from_store(store)
    st, d = c.state, views.definition_of(c)
    key = trig["key"]
    if key == "period_type":
        new = views.page_query(st, d, period=state.period_of_type(value, st.period,
                                                                  queries.periods()))
    elif key in ("period", "indicator"):
        new = views.page_query(st, d, **{key: value})
    elif key == "horizon":
        new = views.page_query(st, d, horizon=int(value))
    elif key == "ell":
        new = views.page_query(st, replace(d, include_ell=bool(value)))
    elif key == "art60":
        new = views.page_query(st, replace(d, art60_is_work=bool(value)))
    else:
        raise PreventUpdate
    if new == (search or ""):
        raise PreventUpdate
    return new


# -- tables ----------------------------------------------------------------------------------
def data_table(df, caption: str = "", row_headers: int = 1, links: list | None = None):
    """``components.tables.data_table``, except that a cell is marked hidden only when it
    says so (``verborgen*``): on this page a trailing * is also the significance mark."""
    out = tables.data_table(df, caption=caption, row_headers=row_headers, links=links)
    hidden = (views.hidden_text("nl"), views.hidden_text("en"))

    def fix(node) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                fix(child)
            return
        children = getattr(node, "children", None)
        if getattr(node, "className", None) == "hidden-cell" and isinstance(children, str) \
                and not children.startswith(hidden):
            node.className = "num" if children[:1].isdigit() or children[:1] in "+−-" else None
        if children is not None and not isinstance(children, str):
            fix(children)

    fix(out)
    return out


# -- content ---------------------------------------------------------------------------------
def content(ctx: Ctx, muni: dict, periods) -> list:
    st, lang = ctx.state, ctx.lang
    d = views.definition_of(ctx)
    notes = [messages.notice(st.notice, "warning")]
    prow = periods[(periods.period_type == st.period_type) & (periods.period == st.period)]
    if not prow.empty and not bool(prow.iloc[0].is_complete):
        r = prow.iloc[0]
        notes.append(messages.notice(i18n.t("period_incomplete_note", lang,
                                            period=fmt.period_label(st.period, lang),
                                            loaded=int(r.n_months_loaded),
                                            total=int(r.n_months))))
    back = f"/gemeente/{ctx.nis}{st.query()}"
    head = html.Div([
        html.H1(i18n.t("an_title", lang, name=muni["name_nl"]), className="h2 mb-0"),
        html.P([
            i18n.t("an_subtitle", lang), " · ",
            html.Span(fmt.period_label(st.period, lang), className="fw-semibold"), " · ",
            dcc.Link(i18n.t("an_back", lang, name=muni["name_nl"]), href=back),
        ], className="text-muted mb-1"),
        html.P(views.definition_line(d, lang), id="an-definition",
               className="fw-semibold mb-2 definition-line"),
    ])
    intro = html.Div([
        html.P(i18n.t("an_intro", lang), className="mb-1"),
        html.P(i18n.t("an_sig_legend", lang), className="mb-0 small", id="an-sig-legend"),
    ], className="mb-3")
    return [head, filter_bar(ctx, periods)] + [n for n in notes if n] + [
        intro,
        dbc.Row([dbc.Col(peers_section(ctx), lg=4), dbc.Col(peer_compare_section(ctx), lg=8)]),
        uncertainty_section(ctx),
        funnel_section(ctx),
        eb_section(ctx),
        casemix_section(ctx),
        km_section(ctx),
        dynamics_section(ctx),
        dbc.Row([dbc.Col(mobility_section(ctx), lg=6), dbc.Col(mobility_map_section(ctx), lg=6)]),
        pact_section(ctx),
    ]


def _explain(key: str, lang: str, **fields) -> html.P:
    return html.P(i18n.t(key, lang, **fields), className="small")


# 1. peers
def peers_section(ctx: Ctx):
    lang = ctx.lang
    v = views.peers(ctx)
    st, d = ctx.state, views.definition_of(ctx)
    links = [href(c, st, d) for c in v.data["nis_code"]]
    return cards.section(i18n.t("an_peers_title", lang),
                         [_explain("an_peers_intro", lang, k=len(v.data)),
                          data_table(v.table, row_headers=2, links=links)],
                         lang=lang, view="an-peers", section_id="an-peers")


def peer_compare_section(ctx: Ctx):
    lang = ctx.lang
    v = views.peer_compare(ctx)
    title = i18n.t("an_peer_compare_title", lang)
    fig = interval_figure(v.data, empty_message=i18n.t("no_rows", lang))
    return cards.section(title, [data_table(v.table), cards.graph(fig, label=title)],
                         lang=lang, view="an-peer-compare", hidden=v.hidden,
                         notes=[i18n.t("an_sig_legend", lang), i18n.t("an_ci_note", lang)],
                         section_id="an-peer-compare")


# 2. uncertainty
def uncertainty_section(ctx: Ctx):
    lang = ctx.lang
    v = views.uncertainty(ctx)
    ind = i18n.indicator(v.extra["key"], lang)
    title = i18n.t("an_uncertainty_title", lang)
    fig = interval_figure(v.data, empty_message=v.extra["empty"])
    return cards.section(
        title,
        [_explain("an_uncertainty_intro", lang),
         html.H3(ind, className="h6 mt-2 mb-0"), cards.graph(fig, label=f"{title}: {ind}"),
         html.H3(i18n.t("an_all_rates", lang), className="h6 mt-3"), data_table(v.table)],
        lang=lang, view="an-uncertainty", hidden=v.hidden,
        notes=[i18n.t("an_sig_legend", lang), i18n.t("an_caution", lang)],
        section_id="an-uncertainty")


# 3. funnel
def funnel_section(ctx: Ctx):
    lang = ctx.lang
    v = views.funnel(ctx)
    key = v.extra["key"]
    ind = i18n.indicator(key, lang)
    title = i18n.t("an_funnel_title", lang, indicator=ind)
    names = {"points": i18n.t("an_funnel_points", lang),
             "limit_95": i18n.t("an_funnel_95", lang), "limit_998": i18n.t("an_funnel_998", lang),
             "target": i18n.t("an_funnel_target", lang, rate=fmt.pct(v.extra["p0"])),
             "selected": views.group_label("municipality", ctx.nis, lang)}
    sel = v.data[v.data["selected"].astype(bool)] if not v.data.empty else v.data
    if not sel.empty:
        names["selected"] = str(sel.iloc[0]["name"])
    fig = funnel_plot_figure(v.data, v.extra["limits"], v.extra["p0"], names=names,
                             empty_message=v.extra["empty"],
                             x_title=v.extra["den_label"], y_title=ind)
    notes = []
    if v.extra["left_out"]:
        notes.append(i18n.t("an_funnel_left_out", lang, n=len(v.extra["left_out"]),
                            reason=disclosure.reason_text(lang),
                            names=", ".join(v.extra["left_out"][:40])
                            + (" …" if len(v.extra["left_out"]) > 40 else "")))
    if sel.empty and not v.data.empty:
        notes.append(i18n.t("an_funnel_not_shown", lang))
    return cards.section(title, [_explain("an_funnel_intro", lang),
                                 cards.graph(fig, label=title)],
                         lang=lang, view="an-funnel", table=data_table(v.table),
                         notes=notes, section_id="an-funnel")


# 4. empirical Bayes
def _grid(grid_id: str, rows: list[dict], columns: list[dict], selected_index: int | None,
          lang: str, height: int = 420):
    props = {}
    if selected_index is not None:
        props["scrollTo"] = {"rowIndex": selected_index, "rowPosition": "middle"}
    return dag.AgGrid(
        id=grid_id, rowData=rows, columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True, "suppressHeaderMenuButton": True},
        dashGridOptions={"tooltipShowDelay": 200, "enableCellTextSelection": True,
                         "ensureDomOrder": True, "animateRows": False},
        getRowStyle={"styleConditions": [{"condition": "params.data.selected",
                                          "style": {"backgroundColor": "#fde2cf",
                                                    "fontWeight": "600"}}]},
        columnSize="responsiveSizeToFit", style={"height": f"{height}px", "width": "100%"},
        dangerously_allow_code=False, **props)


def _col(field: str, header: str, kind: str, lang: str, tip: str = "") -> dict:
    hidden = f"{i18n.t('suppressed', lang)}*"
    fn = {"pct": f"fmtPct(params, '{hidden}')", "count": f"fmtCount(params, '{hidden}')",
          "ratio": ("params.value == null ? ((params.data.hidden || '').split(',')"
                    f".indexOf(params.colDef.field) >= 0 ? '{hidden}' : '–') : "
                    "Number(params.value).toLocaleString('nl-BE', "
                    "{minimumFractionDigits: 2, maximumFractionDigits: 2})")}[kind]
    col = {"field": field, "headerName": header, "type": "rightAligned",
           "valueFormatter": {"function": fn}, "minWidth": 96,
           "tooltipValueGetter": {
               "function": f"hiddenTooltip(params, '{disclosure.reason_text(lang)}')"}}
    if tip:
        col["headerTooltip"] = tip
    return col


def _name_col(lang: str) -> dict:
    return {"field": "link", "headerName": i18n.t("name", lang), "cellRenderer": "markdown",
            "pinned": "left", "minWidth": 150}  # sorts on "[Name](...)", i.e. on the name


def eb_section(ctx: Ctx):
    lang = ctx.lang
    v = views.eb(ctx)
    key = v.extra["key"]
    d = views.definition_of(ctx)
    fields = ["denominator", "rate", "shrunk", "rank_raw", "rank_shrunk"]
    cols = [_name_col(lang),
            _col("denominator", i18n.t(f"an_den_{indicators.get(key).denominator}", lang),
                 "count", lang),
            _col("rate", i18n.t("an_raw_rate", lang), "pct", lang),
            _col("shrunk", i18n.t("an_shrunk_rate", lang), "pct", lang,
                 i18n.t("an_shrunk_tip", lang)),
            _col("rank_raw", i18n.t("an_rank_raw", lang), "count", lang),
            _col("rank_shrunk", i18n.t("an_rank_shrunk", lang), "count", lang)]
    rows = views.grid_rows(v.data, fields, _grid_query(ctx, d), lang)
    sel = [i for i, r in enumerate(rows) if r["selected"]]
    title = i18n.t("an_eb_title", lang, indicator=i18n.indicator(key, lang))
    me = v.data[v.data["selected"].astype(bool)] if not v.data.empty else v.data
    summary = []
    if not me.empty:
        r = me.iloc[0]
        if views._hidden(r, "rate"):
            summary.append(html.P(i18n.t("an_eb_me_hidden", lang, name=r["name"]),
                                  className="mb-1"))
        else:
            summary.append(html.P(i18n.t(
                "an_eb_me", lang, name=r["name"], raw=fmt.pct(r["rate"]),
                shrunk=fmt.pct(r["shrunk"]),
                rank_raw=fmt.count(r["rank_raw"]), rank_shrunk=fmt.count(r["rank_shrunk"]),
                n=fmt.count(v.data["rank_raw"].notna().sum())), className="mb-1 fw-semibold"))
    if v.data.empty:  # nothing to rank: say why instead of an empty grid
        return cards.section(title, [_explain("an_eb_intro", lang),
                                     html.P(v.extra["empty"], className="text-muted")],
                             lang=lang, view="an-eb", section_id="an-eb")
    notes = [i18n.t("an_eb_prior", lang, mu=fmt.pct(v.extra["mu"]),
                    size=fmt.number((v.extra["alpha"] or 0) + (v.extra["beta"] or 0), 0))]
    if v.extra["detail_hidden"]:
        notes.append(i18n.t("an_detail_note", lang))
    return cards.section(title, [_explain("an_eb_intro", lang)] + summary +
                         [_grid("an-eb-grid", rows, cols, sel[0] if sel else None, lang)],
                         lang=lang, view="an-eb", hidden=v.hidden, notes=notes,
                         section_id="an-eb")


# 5. case mix
def casemix_section(ctx: Ctx):
    lang, st = ctx.lang, ctx.state
    v = views.casemix(ctx)
    title = i18n.t("an_casemix_title", lang)
    fig = interval_figure(v.data, percent=False, reference=1.0, reference_label="O/E = 1",
                          empty_message=v.extra["empty"], x_title="O/E")
    first = cards.section(
        title,
        [_explain("an_casemix_intro", lang),
         dbc.Row([dbc.Col(cards.graph(fig, label=title), lg=6),
                  dbc.Col(data_table(v.table), lg=6, className="align-self-center")])],
        lang=lang, view="an-casemix", hidden=v.hidden, notes=[i18n.t("an_casemix_read", lang)],
        section_id="an-casemix")
    r = views.casemix_rank(ctx)
    d = views.definition_of(ctx)
    fields = ["rate", "oe", "rank_raw", "rank_oe"]
    cols = [_name_col(lang),
            _col("rate", i18n.t("an_raw_pct", lang), "pct", lang),
            _col("oe", "O/E", "ratio", lang, i18n.t("an_oe_tip", lang)),
            _col("rank_raw", i18n.t("an_rank_raw_pct", lang), "count", lang),
            _col("rank_oe", i18n.t("an_rank_oe", lang), "count", lang)]
    rows = views.grid_rows(r.data, fields, _grid_query(ctx, d), lang)
    sel = [i for i, x in enumerate(rows) if x["selected"]]
    me = r.data[r.data["selected"].astype(bool)] if not r.data.empty else r.data
    summary = []
    m = me.iloc[0] if not me.empty else None
    if m is not None and not views._hidden(m, "oe") and not fmt.is_missing(m["oe"]):
        summary.append(html.P(i18n.t(
            "an_oe_me", lang, name=m["name"], oe=fmt.number(m["oe"], 2),
            lo=fmt.number(m["oe_lower"], 2), hi=fmt.number(m["oe_upper"], 2),
            rank_raw=fmt.count(m["rank_raw"]), rank_oe=fmt.count(m["rank_oe"]),
            n=fmt.count(r.data["rank_oe"].notna().sum())), className="mb-1 fw-semibold"))
    rank_title = i18n.t("an_casemix_rank_title", lang, h=st.horizon)
    notes = [i18n.t("an_detail_note", lang)] if r.extra["detail_hidden"] else []
    ranking = [_grid("an-oe-grid", rows, cols, sel[0] if sel else None, lang)] if rows else \
        [html.P(r.extra["empty"], className="text-muted")]
    second = cards.section(rank_title, [_explain("an_casemix_rank_intro", lang)] + summary +
                           ranking,
                           lang=lang, view="an-casemix-rank", hidden=r.hidden, notes=notes,
                           section_id="an-casemix-rank")
    return html.Div([first, second])


def _grid_query(ctx: Ctx, d) -> str:
    """The query of the links in a grid: same state and definition, the page's language."""
    q = views.page_query(ctx.state, d, lang=i18n.DEFAULT_LANG)
    return q + (f"&lang={ctx.lang}" if ctx.lang != i18n.DEFAULT_LANG else "")


# 6. time to work
def km_section(ctx: Ctx):
    lang = ctx.lang
    v = views.km(ctx)
    title = i18n.t("an_km_title", lang)
    cohorts = sorted(v.data["cohort_year"].unique()) if not v.data.empty else []
    fig = km_figure(v.data, cohort_titles={int(c): i18n.t("an_cohort", lang, year=int(c))
                                           for c in cohorts},
                    empty_message=i18n.t("an_km_empty", lang),
                    x_title=i18n.t("an_months_since_start", lang),
                    y_title=i18n.t("an_share_in_work", lang))
    return cards.section(
        title,
        [_explain("an_km_intro", lang), cards.graph(fig, label=title),
         html.H3(i18n.t("an_km_median", lang), className="h6 mt-2"), data_table(v.table)],
        lang=lang, view="an-km", table=data_table(v.extra["points"], row_headers=2),
        notes=[i18n.t("an_km_note", lang, k=disclosure.suppression_k())],
        section_id="an-km")


# 7. sustained work and relapse
def dynamics_section(ctx: Ctx):
    lang = ctx.lang
    v = views.dynamics(ctx)
    title = i18n.t("an_dynamics_title", lang)
    fig = interval_figure(v.data, empty_message=i18n.t("an_not_known_yet", lang))
    return cards.section(title, [_explain("an_dynamics_intro", lang),
                                 cards.graph(fig, label=title), data_table(v.table)],
                         lang=lang, view="an-dynamics", hidden=v.hidden,
                         notes=[i18n.t("an_sig_legend", lang)], section_id="an-dynamics")


# 8. interregional mobility
def mobility_section(ctx: Ctx):
    lang, st = ctx.lang, ctx.state
    v = views.mobility(ctx)
    title = i18n.t("an_mobility_title", lang, h=st.horizon)
    labels = {c: i18n.category(c, lang) for c in ("VLG", "BRU", "WAL", "BUI", "onbekend")}
    fig = mobility_figure(v.data, category_labels=labels, empty_message=i18n.t("no_rows", lang))
    return cards.section(title, [_explain("an_mobility_intro", lang),
                                 cards.graph(fig, label=title)],
                         lang=lang, view="an-mobility", table=data_table(v.table),
                         hidden=v.hidden, notes=quarter_note(ctx), section_id="an-mobility")


def mobility_map_section(ctx: Ctx):
    lang, st = ctx.lang, ctx.state
    v = views.mobility_map(ctx)
    title = i18n.t("an_mobility_map_title", lang, h=st.horizon)
    fig = choropleth_figure(v.data, is_rate=True, height=360, bounds=FLANDERS_BOUNDS,
                            missing_label=i18n.t("suppressed", lang))
    top = v.data["value"].dropna().max() if v.data["value"].notna().any() else 0
    # a colour scale from 0 % (shares are often all small): never a scale of one value
    for trace in fig["data"]:
        if trace.get("showscale") is not False:  # the coloured trace, not the grey one
            zmax = max(float(top) * 100, 1.0)
            trace.update(zmin=0, zmax=zmax)
            trace["colorbar"]["tickformat"] = ",.0f" if zmax >= 5 else ",.1f"
    no_access = v.extra["detail_hidden"]
    notes = [map_grey_note(lang, no_access)] + quarter_note(ctx)
    notes += [i18n.t("an_detail_note", lang)] if no_access else []
    return cards.section(title, [_explain("an_mobility_map_intro", lang),
                                 cards.graph(fig, label=title)],
                         lang=lang, view="an-mobility-map", table=data_table(v.table),
                         hidden=v.hidden, notes=notes, section_id="an-mobility-map")


# 9. Lokaal Activeringspact
def pact_section(ctx: Ctx):
    lang = ctx.lang
    v = views.pact(ctx)
    title = i18n.t("an_pact_title", lang)
    body = [_explain("an_pact_intro", lang)]
    if not v.extra["figures"]:
        body.append(html.P(i18n.t("an_pact_none", lang), className="text-muted"))
        tables = None
    else:
        for fig_df, row in zip(v.extra["figures"], v.extra["rows"].itertuples()):
            period = fmt.period_label(row.period, lang)
            fig = pact_figure(fig_df, empty_message=i18n.t("an_not_known_yet", lang),
                              x_title=i18n.t("an_pact_axis", lang))
            body += [html.H3(i18n.t("an_pact_period", lang, period=period),
                             className="h6 mt-2 mb-0"),
                     cards.graph(fig, label=f"{title} {period}")]
        tables = html.Div([data_table(t) for t in v.extra["tables"]])
    notes = [i18n.t("an_pact_method", lang), i18n.t("an_pact_example", lang)]
    return cards.section(title, body, lang=lang, view="an-pact", table=tables, hidden=v.hidden,
                         notes=notes, section_id="an-pact", open_table=True)


dash.register_page(__name__, path_template="/analyse/<nis>", name="Eerlijk vergelijken",
                   title=lambda nis=None, **_: f"{nis} – Eerlijk vergelijken", layout=layout)
