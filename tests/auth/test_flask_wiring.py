"""The building blocks wired into a bare Flask app, the way the dashboard server is meant to
use them (docs/access.md, "Wiring"): session cookie, login, logout, before_request, scope
checks and the audit entries."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from argon2 import PasswordHasher
from flask import Flask, g, jsonify, redirect, request, session

from dashboard.auth import passwords
from dashboard.auth.config import client_address, load_settings, trusted_header_principal
from dashboard.auth.scope import AccessDenied
from dashboard.auth.service import Authenticator, csrf_ok, new_csrf_token, safe_next_url
from dashboard.auth.store import UserStore
from dashboard.auth.web import configure_flask

PW = "correct horse battery"
KEY = "s" * 48
PUBLIC = ("/login", "/health", "/assets/")


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                             parallelism=1))
    monkeypatch.setattr(passwords, "_dummy_hash", None)


def make_app(env: dict) -> tuple[Flask, Authenticator]:
    settings = load_settings(env)
    auth = Authenticator(UserStore(settings.app_db))
    server = Flask(__name__)
    configure_flask(server, settings)

    @server.before_request
    def authenticate():
        g.client_addr = client_address(request.remote_addr, request.headers, settings)
        if settings.auth_mode == "trusted-header":
            g.principal = trusted_header_principal(request.headers, request.remote_addr, settings)
        else:
            g.principal = auth.principal_from_session(
                session, settings.session_lifetime.total_seconds())
        if g.principal is None and not request.path.startswith(PUBLIC):
            if settings.auth_mode == "trusted-header":
                return "not authenticated by the proxy", 403
            if request.path.startswith("/_dash") or request.method != "GET":
                return jsonify({"error": "login required"}), 401
            return redirect("/login?next=" + quote(request.full_path.rstrip("?")))

    @server.errorhandler(AccessDenied)
    def denied(exc):
        auth.denied(g.principal, {"path": request.path, "nis_code": exc.nis_code}, g.client_addr)
        return "forbidden", 403

    @server.get("/login")
    def login_form():
        session["csrf"] = session.get("csrf") or new_csrf_token()
        return f'<form method="post"><input name="csrf" value="{session["csrf"]}"></form>'

    @server.post("/login")
    def login():
        if not csrf_ok(session.get("csrf"), request.form.get("csrf")):
            return "bad form", 400
        result = auth.login(request.form.get("username", ""), request.form.get("password", ""),
                            g.client_addr)
        if result.reason == "throttled":
            return "too many attempts", 429, {"Retry-After": str(result.wait_seconds)}
        if not result.ok:
            return "wrong username or password", 401
        session.clear()
        session.update(auth.session_data(result.principal))
        session.permanent = True
        return redirect(safe_next_url(request.args.get("next")))

    @server.post("/logout")
    def logout():
        auth.logout(g.principal, g.client_addr)
        session.clear()
        return redirect("/login")

    @server.get("/")
    def index():
        return f"hello {g.principal.username} ({g.principal.scope_label()})"

    @server.get("/download/<nis>")
    def download(nis):
        g.principal.require_detail(nis)
        auth.audit.write("download", g.principal.username, g.principal.scope_label(),
                         {"what": "breakdown", "nis": nis, "period": "2024-Q2"}, g.client_addr)
        return "csv"

    @server.post("/_dash-update-component")
    def dash_update():
        return jsonify({"ok": True})

    return server, auth


@pytest.fixture
def env(tmp_path):
    return {"LEEFLOON_SECRET_KEY": KEY, "LEEFLOON_APP_DB": str(tmp_path / "app.sqlite3")}


@pytest.fixture
def app(env):
    server, auth = make_app(env)
    auth.store.add_user("gent", PW, "ocmw", ["44021"])
    auth.store.add_user("analist", PW, "analyst")
    return server, auth


def do_login(client, username, password=PW, next_url=None):
    client.get("/login")
    with client.session_transaction() as s:
        token = s["csrf"]
    url = "/login" + (f"?next={quote(next_url)}" if next_url else "")
    return client.post(url, data={"username": username, "password": password, "csrf": token})


def test_anonymous_requests_are_sent_to_login(app):
    server, _ = app
    c = server.test_client()
    r = c.get("/gemeente/44021?x=1")
    assert r.status_code == 302 and r.location == "/login?next=/gemeente/44021%3Fx%3D1"
    assert c.post("/_dash-update-component", json={}).status_code == 401
    assert c.get("/login").status_code == 200


def test_login_sets_a_strict_cookie_and_redirects(app):
    server, auth = app
    c = server.test_client()
    r = do_login(c, "gent", next_url="/gemeente/44021")
    assert r.status_code == 302 and r.location == "/gemeente/44021"
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("leefloon_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Expires=" in cookie
    assert c.get("/").get_data(as_text=True) == "hello gent (44021)"
    assert auth.audit.read()[0]["event"] == "login"


def test_open_redirect_after_login_is_refused(app):
    server, _ = app
    r = do_login(server.test_client(), "gent", next_url="https://evil.example/")
    assert r.location == "/"


def test_cookie_is_secure_over_https_or_with_leefloon_https(app, env):
    server, _ = app
    c = server.test_client()
    c.get("/login", base_url="https://localhost")
    with c.session_transaction() as s:
        token = s["csrf"]
    r = c.post("/login", data={"username": "gent", "password": PW, "csrf": token},
               base_url="https://localhost")
    assert "Secure" in r.headers["Set-Cookie"]
    server2, _ = make_app({**env, "LEEFLOON_HTTPS": "1"})
    r = do_login(server2.test_client(), "gent")  # plain http to gunicorn, TLS at the proxy
    assert "Secure" in r.headers["Set-Cookie"]


def test_wrong_password_csrf_and_throttling(app):
    server, _ = app
    c = server.test_client()
    c.get("/login")
    forged = c.post("/login", data={"username": "gent", "password": PW, "csrf": "x"})
    assert forged.status_code == 400
    for _ in range(5):
        assert do_login(c, "gent", "wrong password!").status_code == 401
    r = do_login(c, "gent")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 60
    assert c.get("/").status_code == 302


def test_ocmw_detail_only_for_its_own_municipality(app):
    server, auth = app
    c = server.test_client()
    do_login(c, "gent")
    assert c.get("/download/44021").status_code == 200
    assert c.get("/download/11002").status_code == 403
    events = [(e["event"], e["detail"].get("nis") or e["detail"].get("nis_code"))
              for e in auth.audit.read()]
    assert events[:2] == [("access_denied", "11002"), ("download", "44021")]
    a = server.test_client()
    do_login(a, "analist")
    assert a.get("/download/11002").status_code == 200


def test_logout_and_revocation(app):
    server, auth = app
    c = server.test_client()
    do_login(c, "gent")
    assert c.get("/").status_code == 200
    stolen = c.get_cookie("leefloon_session").value
    assert c.post("/logout").status_code == 302
    assert c.get("/").status_code == 302
    assert auth.audit.read()[0]["event"] == "logout"
    # a copy of the cookie still works until it expires, unless the password changes
    thief = server.test_client()
    thief.set_cookie("leefloon_session", stolen)
    assert thief.get("/").status_code == 200
    auth.store.set_password("gent", "a new passphrase!")
    assert thief.get("/").status_code == 302


def test_tampered_cookie_is_ignored(app):
    server, _ = app
    c = server.test_client()
    do_login(c, "gent")
    value = c.get_cookie("leefloon_session").value
    c.set_cookie("leefloon_session", value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert c.get("/").status_code == 302


def test_trusted_header_mode(env):
    server, auth = make_app({**env, "LEEFLOON_AUTH_MODE": "trusted-header",
                             "LEEFLOON_TRUSTED_PROXIES": "127.0.0.1"})
    headers = {"X-Remote-User": "marie@ocmw.be", "X-Remote-Role": "ocmw", "X-Remote-Nis": "44021",
               "X-Forwarded-For": "198.51.100.4"}
    c = server.test_client()
    r = c.get("/", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert r.status_code == 200 and r.get_data(as_text=True) == "hello marie@ocmw.be (44021)"
    r = c.get("/download/11002", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert r.status_code == 403
    assert auth.audit.read()[0]["remote_addr"] == "198.51.100.4"
    # the same headers straight from a client (not through the proxy) count for nothing
    r = c.get("/", headers=headers, environ_base={"REMOTE_ADDR": "198.51.100.4"})
    assert r.status_code == 403
