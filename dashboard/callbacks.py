"""The app's few callbacks. Pages are drawn from the URL; these only change the URL
(filters, search, map clicks) or send a download.

- filters -> URL query (the page is drawn again from it; back works)
- search box / map click -> a municipality page
- download menu -> CSV of exactly what the chart or table shows (through the access
  gate: a view the user may not see raises ``AccessDenied`` -> 403 and an
  ``access_denied`` audit entry; every download is audited)
- page state -> the header's account menu (user, role, logout)
"""

from __future__ import annotations

import re

from dash import ALL, Input, Output, State, callback, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from dashboard import access, i18n, ids, queries, state, views
from dashboard.components import shell
from dashboard.views.common import Ctx, ctx_from_store
from etl.csvout import to_csv_bytes
from etl.definitions import STANDARD

SAFE = re.compile(r"[^0-9A-Za-z_.+-]+")


@callback(
    Output(ids.LOCATION, "search", allow_duplicate=True),
    Input({"type": "filter", "page": ALL, "key": ALL}, "value"),
    State(ids.PAGE_STATE, "data"),
    State(ids.LOCATION, "search"),
    prevent_initial_call=True,
)
def filters_to_url(_values, store, search):
    trig = ctx.triggered_id
    if not trig or not ctx.triggered or store is None:
        raise PreventUpdate
    value = ctx.triggered[0]["value"]
    if value is None:
        raise PreventUpdate
    page_ctx = ctx_from_store(store)
    st = page_ctx.state
    key = trig["key"]
    extra = ""
    if key == "period_type":
        period = state.period_of_type(value, st.period, queries.periods())
        new = st.query(period=period)
    elif key == "horizon":
        new = st.query(horizon=int(value))
    elif key == "nis":
        new = st.query()
        extra = f"&nis={value}"
    elif key in ("period", "indicator", "cmp", "trend"):
        new = st.query(**{key: value})
    else:
        raise PreventUpdate
    if page_ctx.page == "definitions" and key != "nis" and page_ctx.nis:
        extra = f"&nis={page_ctx.nis}"
    new = new + extra
    if new == (search or ""):
        raise PreventUpdate
    return new


def _municipality_href(nis: str, store: dict | None) -> tuple[str, str]:
    st = ctx_from_store(store).state
    return f"/gemeente/{nis}", st.query()


@callback(
    Output(ids.LOCATION, "pathname", allow_duplicate=True),
    Output(ids.LOCATION, "search", allow_duplicate=True),
    Input({"type": "search", "where": ALL}, "value"),
    Input({"type": "map", "page": ALL}, "clickData"),
    State(ids.PAGE_STATE, "data"),
    prevent_initial_call=True,
)
def go_to_municipality(_search, _clicks, store):
    trig = ctx.triggered_id
    if not trig or not ctx.triggered:
        raise PreventUpdate
    value = ctx.triggered[0]["value"]
    if not value:
        raise PreventUpdate
    if trig.get("type") == "map":
        try:
            nis = value["points"][0]["customdata"][0]
        except (KeyError, IndexError, TypeError):
            raise PreventUpdate from None
    else:
        nis = value
    if not isinstance(nis, str) or not nis.isdigit():
        raise PreventUpdate
    store = store or {"lang": i18n.DEFAULT_LANG}
    return _municipality_href(nis, store)


def filename(view: str, store: dict, excel: bool) -> str:
    where = store.get("nis") or store.get("code") or "vlaanderen"
    name = f"{view}_{where}_{store.get('period', '')}" + ("_excel" if excel else "")
    return SAFE.sub("_", name) + ".csv"


def download_subject(view: str, page_ctx: Ctx, excel: bool) -> dict:
    """What a download is of, for the audit log: the view, the municipality or area, the
    period, the indicator and definition shown, the format."""
    what = {"what": view, "period": page_ctx.state.period,
            "period_type": page_ctx.state.period_type, "indicator": page_ctx.state.indicator,
            "definition": {"include_ell": STANDARD.include_ell,
                           "art60_is_work": STANDARD.art60_is_work},
            "format": "excel" if excel else "csv"}
    if page_ctx.nis:
        what["nis"] = page_ctx.nis
    if page_ctx.level or page_ctx.code:
        what.update(level=page_ctx.level, code=page_ctx.code)
    return what


@callback(
    Output(ids.DOWNLOAD, "data"),
    Input({"type": ids.DOWNLOAD_TYPE, "view": ALL, "fmt": ALL}, "n_clicks"),
    State(ids.PAGE_STATE, "data"),
    prevent_initial_call=True,
)
def download(_clicks, store):
    trig = ctx.triggered_id
    if not trig or not ctx.triggered or not ctx.triggered[0]["value"] or not store:
        raise PreventUpdate
    if not isinstance(store, dict) or not isinstance(trig.get("view"), str):
        raise PreventUpdate
    view = views.get(trig["view"])
    if view is None:
        raise PreventUpdate
    excel = trig["fmt"] == "excel"
    page_ctx = ctx_from_store(store)
    what = download_subject(trig["view"], page_ctx, excel)
    access.audit_context(**what)  # for the access_denied entry if the gate says no
    rows = view(page_ctx).csv  # the access gate: AccessDenied -> 403 (dashboard.access)
    data = to_csv_bytes(rows, excel=excel)
    name = filename(trig["view"], store, excel)
    access.audit("download", {**what, "rows": len(rows), "filename": name,
                              "data_version": queries.data_version()})
    return dcc.send_bytes(data, name, type="text/csv")


@callback(
    Output(ids.ACCOUNT, "children"),
    Input(ids.PAGE_STATE, "data"),
)
def account(store):
    """The logged-in user, role and logout button in the header (per request: the page
    layouts are cached per scope and hold nothing of the user)."""
    lang = i18n.lang_of((store or {}).get("lang") if isinstance(store, dict) else None)
    return shell.account_menu(access.principal(), lang, access.csrf_token(),
                              access.state().trusted_header)


__all__ = ["filters_to_url", "go_to_municipality", "download", "account", "no_update"]
