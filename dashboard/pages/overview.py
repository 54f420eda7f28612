"""/: Flanders at a glance — map, table of all municipalities, province and region totals."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
from dash import html

from dashboard import i18n, ids, indicators, queries, state
from dashboard.components import cards, filters, messages, shell
from dashboard.components.tables import data_table
from dashboard.figures.choropleth import choropleth_figure
from dashboard.views import overview as views
from dashboard.views.common import Ctx, hidden_note, map_grey_note
from etl import disclosure


PAGE = ids.OV
FLANDERS_BOUNDS = (2.52, 5.95, 50.67, 51.51)  # lon and lat range of the Flemish boundaries


# The grid's own words (filter menu, empty table, screen-reader labels) in Dutch.
GRID_TEXT_NL = {
    "filterOoo": "filter…", "equals": "gelijk aan", "notEqual": "niet gelijk aan",
    "lessThan": "kleiner dan", "greaterThan": "groter dan",
    "lessThanOrEqual": "kleiner dan of gelijk aan", "greaterThanOrEqual": "groter dan of gelijk aan",
    "inRange": "tussen", "inRangeStart": "van", "inRangeEnd": "tot",
    "contains": "bevat", "notContains": "bevat niet", "startsWith": "begint met",
    "endsWith": "eindigt op", "blank": "leeg", "notBlank": "niet leeg",
    "andCondition": "EN", "orCondition": "OF", "noRowsToShow": "Geen gemeenten die hieraan voldoen",
    "loadingOoo": "laden…", "ariaFilterInput": "filter", "ariaFilterValue": "filterwaarde",
    "ariaFilteringOperator": "filterbewerking", "ariaFilterFromValue": "filter vanaf",
    "ariaFilterToValue": "filter tot", "applyFilter": "Toepassen", "resetFilter": "Wissen",
    "clearFilter": "Wissen", "cancelFilter": "Annuleren",
}


def layout(**kwargs):
    return _layout(**kwargs)


@shell.guarded(lambda **_: "/")
def _layout(**kwargs):
    lang = i18n.lang_of(kwargs.get("lang"))
    query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
    periods = queries.periods()
    st = state.from_query(kwargs, periods)
    ctx = Ctx("overview", st)
    return shell.frame(ctx, lang, "/", query, content(ctx, periods))


def grid_columns(lang: str) -> list[dict]:
    reason = disclosure.reason_text(lang)
    cols = [
        {"field": "link", "headerName": i18n.t("name", lang), "cellRenderer": "markdown",
         "filter": "agTextColumnFilter", "pinned": "left", "minWidth": 170,
         "filterValueGetter": {"function": "params.data.name"}},
        {"field": "province", "headerName": i18n.t("province", lang), "filter": "agTextColumnFilter",
         "minWidth": 130},
        {"field": "region", "headerName": i18n.t("region", lang), "filter": "agTextColumnFilter",
         "minWidth": 140},
    ]
    for k in indicators.ORDER:
        is_rate = indicators.get(k).is_rate
        col = {
            "field": k, "headerName": i18n.indicator(k, lang), "type": "rightAligned",
            "filter": "agNumberColumnFilter", "minWidth": 150,
            # "at least": what an analyst looking for high or low values types first; a
            # number as shown (30 for 30 %, 30,5 with a decimal comma)
            "filterParams": {"defaultOption": "greaterThanOrEqual",
                             "allowedCharPattern": "\\d\\-\\,\\.\\s%",
                             "numberParser": {"function": "parseNlNumber(params)"}},
            "valueFormatter": {"function": f"{'fmtPct' if is_rate else 'fmtCount'}"
                                           f"(params, '{i18n.t('suppressed', lang)}*')"},
            "tooltipValueGetter": {"function": f"hiddenTooltip(params, '{reason}')"},
            "headerTooltip": i18n.t(f"inddef_{k}", lang),
        }
        if is_rate:
            col["filterValueGetter"] = {"function": "pctForFilter(params)"}
        cols.append(col)
    return cols


def content(ctx: Ctx, periods) -> list:
    st, lang = ctx.state, ctx.lang
    key = st.indicator
    ind = indicators.get(key)
    ind_label = i18n.indicator(key, lang)
    v = views.municipalities(ctx)
    fig = choropleth_figure(v.data, is_rate=ind.is_rate, colorbar_title="", height=440,
                            bounds=FLANDERS_BOUNDS,
                            missing_label=i18n.t("suppressed", lang))
    map_title = i18n.t("map_title", lang, indicator=ind_label)
    map_table = data_table(
        v.data[["name", "text"]].rename(columns={"name": i18n.t("name", lang), "text": ind_label}),
        links=[f"/gemeente/{c}{st.query()}" for c in v.data.nis_code])
    map_card = cards.section(
        map_title,
        [html.P(i18n.t("map_hint", lang), className="small text-muted"),
         cards.graph(fig, label=map_title, graph_id={"type": "map", "page": "ov"})],
        lang=lang, view="ov-municipalities-map", table=map_table, hidden=v.hidden,
        notes=[map_grey_note(lang)], section_id="ov-map-card")
    grid = dag.AgGrid(
        id=ids.OV_GRID,
        rowData=views.grid_rows(v.extra["rows"], st.query(), lang),
        columnDefs=grid_columns(lang),
        defaultColDef={"sortable": True, "resizable": True, "floatingFilter": True,
                       "suppressHeaderMenuButton": True},
        dashGridOptions={"tooltipShowDelay": 200, "enableCellTextSelection": True,
                         "ensureDomOrder": True, "animateRows": False,
                         "localeText": GRID_TEXT_NL if lang == "nl" else {}},
        columnSize="responsiveSizeToFit",
        style={"height": "560px", "width": "100%"},
        dangerously_allow_code=False,
    )
    table_card = cards.section(
        i18n.t("table_title", lang),
        [html.P(i18n.t("table_hint", lang), className="small text-muted"), grid],
        lang=lang, view="ov-municipalities", hidden=v.hidden, section_id="ov-table")
    tv = views.totals(ctx)
    totals_card = cards.section(
        i18n.t("totals_title", lang),
        data_table(tv.table, row_headers=2,
                   links=[link + st.query() if link else None for link in tv.extra["links"]]),
        lang=lang, view="ov-totals", hidden=tv.hidden, section_id="ov-totals")
    head = html.Div([
        html.H1(i18n.t("overview_title", lang), className="h2 mb-0"),
        html.P(i18n.t("app_subtitle", lang), className="text-muted mb-2"),
    ])
    return [head, filters.filter_bar(PAGE, st, periods), messages.notice(st.notice, "warning"),
            map_card, table_card, totals_card]


__all__ = ["layout", "hidden_note"]


dash.register_page(__name__, path="/", name="Overzicht", title="Leefloon en activering", layout=layout)
