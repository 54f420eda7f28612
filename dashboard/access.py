"""Access control wired into the dashboard's Flask server (docs/access.md).

``install(app)`` (from app.py) adds to ``app.server``:

- ``before_request``: who is asking (``flask.g.principal``): the session (password mode)
  or the reverse proxy's headers (trusted-header mode). Without one, every path but
  ``/login``, ``/logout``, ``/health`` and the static assets is refused: a page is
  redirected to ``/login?next=...``, a Dash request (``/_dash-*``) or any non-GET gets 401
  (trusted-header mode: 403).
- ``/login`` (GET, POST) and ``/logout`` (POST), with a CSRF token in the session.
- the admin pages ``/beheer/...`` (``dashboard.admin``).
- an ``AccessDenied`` handler: 403, and an ``access_denied`` audit entry.
- ``after_request``: the security headers (CSP, frame-ancestors, nosniff, Referrer-Policy,
  X-Frame-Options) and ``Cache-Control: no-store`` on everything but static files.

What a principal may see is decided in one place: ``dashboard.queries.authorize``, which
every warehouse read passes (``Principal.can_see_detail``). This module only finds the
principal, answers refusals and writes the audit entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlencode

from flask import Flask, Response, current_app, g, jsonify, redirect, request, session
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dashboard import i18n
from dashboard.auth.config import Settings, client_address, load_settings, trusted_header_principal
from dashboard.auth.scope import AccessDenied, Principal
from dashboard.auth.service import Authenticator, csrf_ok, new_csrf_token, safe_next_url
from dashboard.auth.store import UserStore
from dashboard.auth.web import configure_flask

EXTENSION = "leefloon_access"
PUBLIC_PATHS = frozenset({"/login", "/logout", "/health", "/_favicon.ico", "/favicon.ico"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
CSRF_KEY = "csrf"
TEMPLATES = Path(__file__).with_name("templates")

# No 'unsafe-eval' and no 'unsafe-inline' scripts: the e2e suite (headless Chromium) draws
# every chart, the map and the ag-grid under this policy and fails on any violation.
# (dash-ag-grid reads its {"function": ...} formatters with its own parser when
# dangerously_allow_code=False, as on the overview.) Inline scripts are allowed by hash
# only: Dash's renderer bootstrap and the pages router's clientside callback
# (Dash.csp_hashes). Styles need 'unsafe-inline': React and plotly.js set style
# attributes and <style> elements.
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


@dataclass
class AccessState:
    settings: Settings
    auth: Authenticator
    dash_app: Any
    templates: Environment

    @property
    def trusted_header(self) -> bool:
        return self.settings.auth_mode == "trusted-header"


def state(app: Flask | None = None) -> AccessState:
    return (app or current_app).extensions[EXTENSION]


def install(dash_app, settings: Settings | None = None) -> AccessState:
    """Wire access control into ``dash_app.server``. Reads the settings now (a bad secret key
    or mode stops the worker from starting: ``ConfigError``)."""
    server: Flask = dash_app.server
    settings = settings or load_settings()
    configure_flask(server, settings)
    server.config["DEBUG"] = False
    templates = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                            autoescape=select_autoescape(default=True, default_for_string=True))
    st = AccessState(settings, Authenticator(UserStore(settings.app_db)), dash_app, templates)
    server.extensions[EXTENSION] = st
    # first of all before_request functions: nothing else runs for a refused request
    server.before_request_funcs.setdefault(None, []).insert(0, _authenticate)
    server.after_request(_security_headers)
    server.register_error_handler(AccessDenied, _denied)
    server.add_url_rule("/login", "login_form", _login_form, methods=["GET"])
    server.add_url_rule("/login", "login", _login, methods=["POST"])
    server.add_url_rule("/logout", "logout", _logout, methods=["POST"])
    from dashboard import admin

    admin.install(server)
    return st


# -- the principal -----------------------------------------------------------------------

def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith("/assets/")


def _authenticate():
    st = state()
    if request.path == "/_reload-hash" and not st.dash_app._dev_tools.get("hot_reload"):
        return _plain("not found", 404)  # Dash's hot-reload poll: dev tools only
    g.client_addr = client_address(request.remote_addr, request.headers, st.settings)
    if st.trusted_header:
        g.principal = trusted_header_principal(request.headers, request.remote_addr, st.settings)
    else:
        g.principal = st.auth.principal_from_session(
            session, st.settings.session_lifetime.total_seconds())
    if g.principal is not None or is_public(request.path):
        return None
    if st.trusted_header:
        return _plain("not authenticated by the proxy", 403)
    if request.path.startswith("/_dash") or request.method != "GET":
        return jsonify({"error": "login required", "login": "/login"}), 401
    return redirect("/login?next=" + quote(request.full_path.rstrip("?"), safe="/"))


def principal() -> Principal | None:
    return g.get("principal")


def csrf_token() -> str:
    """The session's CSRF token for the forms (login, logout, the admin pages)."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = new_csrf_token()
        session[CSRF_KEY] = token
    return token


def csrf_valid() -> bool:
    return csrf_ok(session.get(CSRF_KEY), request.form.get(CSRF_KEY))


# -- audit ---------------------------------------------------------------------------------

def audit(event: str, detail: Mapping[str, Any]) -> None:
    """An audit entry for the current request's principal (who, scope, address)."""
    p = principal()
    state().auth.audit.write(event, p.username if p else "", p.scope_label() if p else "",
                             dict(detail), g.get("client_addr"))


def audit_context(**what) -> None:
    """What the request is about, for the ``access_denied`` entry if the gate refuses it."""
    g.audit_context = what


def _denied(exc: AccessDenied):
    what = {"path": request.path, "nis_code": exc.nis_code, **(g.get("audit_context") or {})}
    state().auth.denied(principal(), what, g.get("client_addr"))
    if request.path.startswith("/_dash") or request.is_json:
        return jsonify({"error": "forbidden"}), 403
    lang = i18n.lang_of(request.args.get("lang"))
    return render("message.html", lang, status=403, title=i18n.t("forbidden_title", lang),
                  text=i18n.t("forbidden_text", lang))


# -- pages rendered by Flask (login, admin) -------------------------------------------------

def lang_query(lang: str, **params) -> str:
    q = {k: v for k, v in params.items() if v}
    if lang != i18n.DEFAULT_LANG:
        q["lang"] = lang
    return ("?" + urlencode(q)) if q else ""


def render(template: str, lang: str, status: int = 200, headers: dict | None = None,
           **context) -> Response:
    st = state()
    p = principal()
    other = "en" if lang == "nl" else "nl"
    args = {k: v for k, v in request.args.items() if k != "lang"}
    context.setdefault("switch_href", request.path + lang_query(other, **args))
    html = st.templates.get_template(template).render(
        lang=lang, t=lambda key, **kw: i18n.t(key, lang, **kw), principal=p,
        role_label=role_label(p, lang) if p else "", csrf=csrf_token(),
        trusted_header=st.trusted_header, home="/" + lang_query(lang), q=lambda **kw: lang_query(lang, **kw),
        **context)
    resp = Response(html, status=status, mimetype="text/html")
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def role_label(p: Principal, lang: str) -> str:
    label = i18n.t(f"role_{p.role}", lang)
    return f"{label} {', '.join(p.nis_codes)}" if p.nis_codes else label


def _plain(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


def _login_form():
    st = state()
    if st.trusted_header:
        return _plain("no login page: the single sign-on proxy logs users in", 404)
    lang = i18n.lang_of(request.args.get("lang"))
    if principal() is not None:
        return redirect(safe_next_url(request.args.get("next")))
    message = i18n.t("logged_out", lang) if request.args.get("logged_out") else None
    return render("login.html", lang, next=request.args.get("next") or "", message=message)


def _login():
    st = state()
    if st.trusted_header:
        return _plain("no login page: the single sign-on proxy logs users in", 404)
    lang = i18n.lang_of(request.args.get("lang"))
    next_url = request.args.get("next") or ""
    username = request.form.get("username", "")[:128]

    def again(key: str, status: int, headers=None, **fields):
        return render("login.html", lang, status=status, headers=headers, next=next_url,
                      error=i18n.t(key, lang, **fields), username=username)

    if not csrf_valid():
        return again("bad_form", 400)
    result = st.auth.login(username, request.form.get("password", ""), g.client_addr)
    if result.reason == "throttled":
        return again("login_throttled", 429, {"Retry-After": str(result.wait_seconds)},
                     seconds=result.wait_seconds)
    if not result.ok:
        return again("login_failed", 401)
    session.clear()
    session.update(st.auth.session_data(result.principal))
    session[CSRF_KEY] = new_csrf_token()
    session.permanent = True
    return redirect(safe_next_url(next_url))


def _logout():
    st = state()
    if st.trusted_header:
        return _plain("log out at the single sign-on proxy", 404)
    p = principal()
    if p is not None:
        if not csrf_valid():
            lang = i18n.lang_of(request.args.get("lang"))
            return render("message.html", lang, status=400, title=i18n.t("logout", lang),
                          text=i18n.t("bad_form", lang))
        st.auth.logout(p, g.client_addr)
    session.clear()
    return redirect("/login?logged_out=1")


# -- headers ---------------------------------------------------------------------------------

def content_security_policy() -> str:
    policy = {k: list(v) for k, v in CSP.items()}
    try:
        policy["script-src"] += list(state().dash_app.csp_hashes())
    except (KeyError, RuntimeError):  # pragma: no cover - before install
        pass
    return "; ".join(f"{k} {' '.join(v)}" for k, v in policy.items())


def _security_headers(resp: Response) -> Response:
    h = resp.headers
    h["Content-Security-Policy"] = content_security_policy()
    h["X-Content-Type-Options"] = "nosniff"
    h["X-Frame-Options"] = "DENY"
    h["Referrer-Policy"] = "same-origin"
    h["Cross-Origin-Opener-Policy"] = "same-origin"
    if "Cache-Control" not in h and not request.path.startswith(STATIC_PREFIXES):
        h["Cache-Control"] = "no-store"  # pages and callbacks hold the user's data
    return resp
