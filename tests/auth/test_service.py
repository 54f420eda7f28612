"""The login flow and the session payload (no Flask)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.auth.scope import Principal
from dashboard.auth.service import Authenticator, csrf_ok, new_csrf_token, safe_next_url
from dashboard.auth.store import UserStore

PW = "correct horse battery"


class Clock:
    def __init__(self):
        self.t = 1_750_000_000.0

    def __call__(self):
        return self.t


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                             parallelism=1))
    monkeypatch.setattr(passwords, "_dummy_hash", None)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def auth(tmp_path, clock):
    store = UserStore(tmp_path / "app.sqlite3")
    store.add_user("gent", PW, "ocmw", ["44021"])
    store.add_user("analist", PW, "analyst")
    return Authenticator(store, clock=clock)


def test_login_ok_logs_and_returns_principal(auth):
    r = auth.login(" Gent", PW, "10.0.0.1")
    assert r.ok and r.reason == "ok" and r.principal == Principal("gent", "ocmw", ("44021",))
    (entry,) = auth.audit.read()
    assert (entry["event"], entry["username"], entry["scope"], entry["remote_addr"]) == (
        "login", "gent", "44021", "10.0.0.1")


def test_login_failures_look_alike(auth):
    auth.store.set_disabled("analist")
    results = [auth.login("gent", "wrong password!", "10.0.0.1"),
               auth.login("nobody", PW, "10.0.0.2"),
               auth.login("analist", PW, "10.0.0.3")]
    assert {(r.ok, r.reason, r.wait_seconds) for r in results} == {(False, "bad_credentials", 0)}
    entries = auth.audit.read(event="login_failed")
    assert [e["username"] for e in entries] == ["analist", "nobody", "gent"]
    assert all(e["detail"] == {"reason": "bad_credentials"} for e in entries)


def test_session_roundtrip(auth, clock):
    p = auth.login("gent", PW, None).principal
    data = auth.session_data(p)
    assert set(data) == {"u", "s", "t"} and data["u"] == "gent"
    assert auth.principal_from_session(data) == p
    assert auth.principal_from_session({}) is None
    assert auth.principal_from_session({"u": "gent", "s": "forged", "t": data["t"]}) is None
    assert auth.principal_from_session({**data, "t": "yesterday"}) is None


def test_session_expires_8_hours_after_login(auth, clock):
    data = auth.session_data(auth.login("gent", PW, None).principal)
    clock.t += 8 * 3600 - 1
    assert auth.principal_from_session(data) is not None
    clock.t += 1
    assert auth.principal_from_session(data) is None
    assert auth.principal_from_session(data, lifetime_s=9 * 3600) is not None
    clock.t -= 9 * 3600  # a login time in the future is refused too
    assert auth.principal_from_session(data) is None


def test_sessions_end_on_password_change_disable_and_removal(auth):
    data = auth.session_data(auth.login("gent", PW, None).principal)
    auth.store.set_disabled("gent")
    assert auth.principal_from_session(data) is None
    auth.store.set_disabled("gent", False)
    assert auth.principal_from_session(data) is not None
    auth.store.set_password("gent", "a new passphrase!")
    assert auth.principal_from_session(data) is None
    data = auth.session_data(auth.login("gent", "a new passphrase!", None).principal)
    auth.store.remove_user("gent")
    assert auth.principal_from_session(data) is None


def test_logout_and_denied_are_logged(auth):
    p = auth.login("gent", PW, "10.0.0.1").principal
    auth.denied(p, {"path": "/download", "nis_code": "11002"}, "10.0.0.1")
    auth.logout(p, "10.0.0.1")
    auth.logout(None, "10.0.0.1")  # no session: nothing to log
    events = [(e["event"], e["detail"]) for e in auth.audit.read()]
    assert events == [("logout", {}), ("access_denied", {"path": "/download", "nis_code": "11002"}),
                      ("login", {})]


@pytest.mark.parametrize("target,expected", [
    ("/gemeente/44021", "/gemeente/44021"),
    ("/?x=1#y", "/?x=1#y"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("/\\/evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("gemeente/44021", "/"),
    ("/a\r\nSet-Cookie: x=1", "/"),
    ("", "/"),
    (None, "/"),
    ("/" + "a" * 3000, "/"),
])
def test_safe_next_url(target, expected):
    assert safe_next_url(target) == expected


def test_csrf():
    t = new_csrf_token()
    assert len(t) >= 40 and t != new_csrf_token()
    assert csrf_ok(t, t)
    assert not csrf_ok(t, t + "x")
    assert not csrf_ok(None, None) and not csrf_ok("", "") and not csrf_ok(t, None)
