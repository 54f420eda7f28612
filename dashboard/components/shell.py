"""The frame around every page: skip link, header with search and language, footer."""

from __future__ import annotations

import functools
from typing import Any, Callable
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import config, db, fmt, i18n, ids, queries
from dashboard.components import filters, messages
from dashboard.lru import BoundedCache
from dashboard.shared_drawings import SharedDrawings, code_hash
from dashboard.views.common import Ctx


def search_box(lang: str, where: str, placeholder: str | None = None) -> Any:
    """A type-ahead over the municipalities; choosing one opens its page."""
    try:
        muni = queries.municipalities()
        options = [{"label": r.name_nl, "value": r.nis_code} for r in muni.itertuples()]
    except db.NoWarehouse:
        options = []
    return dcc.Dropdown(
        id={"type": "search", "where": where},
        options=options,
        placeholder=placeholder or i18n.t("search_placeholder", lang),
        clearable=True,
        searchable=True,
        className="search-box",
        optionHeight=34,
        maxHeight=320,
        labels=filters.dropdown_labels(lang),
        style={"minWidth": "16rem"},
    )


def lang_href(path: str, query: dict[str, str], lang: str) -> str:
    other = "en" if lang == "nl" else "nl"
    q = {k: v for k, v in query.items() if k != "lang" and v}
    if other != i18n.DEFAULT_LANG:
        q["lang"] = other
    return path + ("?" + urlencode(q) if q else "")


def keep_lang(path: str, lang: str, extra: str = "") -> str:
    """A link to another page that keeps the language (and optional query)."""
    q = extra.lstrip("?")
    if lang != i18n.DEFAULT_LANG:
        q = (q + "&" if q else "") + f"lang={lang}"
    return path + ("?" + q if q else "")


def header(lang: str, path: str, query: dict[str, str]) -> Any:
    nav = [
        dbc.NavItem(dbc.NavLink(i18n.t("nav_overview", lang), href=keep_lang("/", lang),
                                active=path == "/")),
        dbc.NavItem(dbc.NavLink(i18n.t("nav_definitions", lang), href=keep_lang("/definities", lang),
                                active=path.startswith("/definities"))),
    ]
    return html.Header(dbc.Navbar(
        dbc.Container([
            dcc.Link([html.Span("●", className="brand-dot", **{"aria-hidden": "true"}),
                      i18n.t("app_title", lang)], href=keep_lang("/", lang),
                     className="navbar-brand fw-semibold"),
            dbc.Nav(nav, navbar=True, className="me-auto"),
            html.Div([
                html.Span(i18n.t("search_label", lang), className="visually-hidden"),
                search_box(lang, "nav"),
            ], className="me-3 my-1", role="search"),
            dcc.Link(i18n.t("lang_switch", lang), href=lang_href(path, query, lang),
                     className="btn btn-outline-light btn-sm lang-switch",
                     title=i18n.t("lang_switch_label", lang)),
            # who is logged in, and the logout button: filled per request by the
            # ``account`` callback, so this (cached) layout holds nothing of the user
            html.Div(id=ids.ACCOUNT, className="app-account d-flex align-items-center ms-3"),
        ], fluid=True, className="flex-wrap"),
        color="primary", dark=True, className="app-navbar",
    ))


def footer(lang: str) -> Any:
    try:
        meta = queries.meta()
        line = i18n.t("footer_data", lang, version=meta.get("data_version", ""),
                      loaded=fmt.date_time(meta.get("loaded_at"), lang),
                      first=fmt.period_label(meta.get("first_month", ""), lang),
                      last=fmt.period_label(meta.get("last_month", ""), lang))
    except db.NoWarehouse:
        line = ""
    return html.Footer(dbc.Container([
        html.P(line, className="mb-1", id="app-data-version"),
        html.P(i18n.t("footer_sources", lang), className="mb-0"),
    ], fluid=True), className="app-footer small text-muted py-3 mt-4")


def frame(ctx: Ctx | None, lang: str, path: str, query: dict[str, str], children: Any) -> Any:
    """The page: skip link, header, main content (with its page state), footer."""
    store = ctx.store() if ctx is not None else {"page": "", "lang": lang}
    return html.Div([
        html.A(i18n.t("skip_to_content", lang), href="#main", className="skip-link"),
        header(lang, path, query),
        html.Main(dbc.Container(children, fluid=True, className="pt-3"), id="main", tabIndex="-1",
                  lang=lang),
        footer(lang),
        dcc.Store(id=ids.PAGE_STATE, data=store),
    ])


# Drawn page layouts and page sections, by data version, scope and what they
# are drawn from: a drawn section holds a few hundred kilobytes of components, so a
# worker keeps 128 of them and stays within its memory budget.
layout_cache = BoundedCache(budget=128)


@functools.cache
def shared_drawings() -> SharedDrawings | None:
    """The drawings the workers share (None when ``LEEFLOON_SHARED_CACHE_DIR=off``)."""
    root = config.shared_drawings_dir()
    if root is None:
        return None
    return SharedDrawings(root, code_hash(config.PROJECT_ROOT / "dashboard", config.PROJECT_ROOT / "etl"))


def drawn(key: tuple, draw: Callable[[], Any]) -> Any:
    """A section drawn once per key (whose first item is the data version): from this
    worker's cache, then from the drawings the workers share, else ``draw()``, kept in
    both."""
    hit = layout_cache.get(key)
    if hit is not None:
        return hit
    shared = shared_drawings()
    hit = shared.get(key[0], key) if shared is not None else None
    if hit is not None:
        layout_cache.put(key, hit)
        return hit
    result = draw()
    layout_cache.put(key, result)
    if shared is not None:
        shared.put(key[0], key, result)
    return result


def guarded(path_of: Callable[..., str]):
    """Decorate a page layout: a missing warehouse gives the 'no data yet' page, and a
    layout already drawn for this data version, user scope and URL is served from the
    cache. The scope is in the key because a layout holds what the access gate let that
    scope see (detail sections or the notice in their place); nothing of the user
    itself is in a layout (the account menu is filled by a callback)."""

    def deco(layout: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(layout)
        def wrapper(**kwargs):
            lang = i18n.lang_of(kwargs.get("lang"))
            query = {k: v for k, v in kwargs.items() if isinstance(v, str)}
            try:
                key = (queries.data_version(), queries.scope_key(), layout.__module__,
                       layout.__name__, tuple(sorted((k, str(v)) for k, v in kwargs.items())))
                hit = layout_cache.get(key)
                if hit is not None:
                    return hit
                result = layout(**kwargs)
                layout_cache.put(key, result)
                return result
            except db.NoWarehouse:
                return frame(None, lang, path_of(**kwargs), query, messages.no_data(lang))

        return wrapper

    return deco


def account_menu(principal, lang: str, csrf: str, trusted_header: bool = False) -> list:
    """The header's account part: the user and role, the admin pages (admin only) and a
    logout button (a POST form with the session's CSRF token; none behind an SSO proxy)."""
    if principal is None:
        return []
    role = i18n.t(f"role_{principal.role}", lang)
    if principal.nis_codes:
        role += " " + ", ".join(principal.nis_codes)
    out: list = [html.Span([html.Span(i18n.t("account_label", lang) + " ",
                                      className="visually-hidden"),
                            f"{principal.username} · {role}"],
                           className="navbar-text small text-white me-2",
                           id="app-account-name")]
    if principal.is_admin:
        out.append(html.A(i18n.t("nav_admin", lang), href=keep_lang("/beheer/gebruikers", lang),
                          className="btn btn-outline-light btn-sm me-2", id="app-admin-link"))
    if not trusted_header:
        out.append(html.Form([
            dcc.Input(type="hidden", name="csrf", value=csrf, id="app-logout-csrf"),
            html.Button(i18n.t("logout", lang), type="submit", className="btn btn-light btn-sm",
                        id="app-logout"),
        ], method="post", action="/logout", className="m-0"))
    return out
