"""Settings, the secret key, trusted-header login and the client address."""

from __future__ import annotations

import ipaddress
import multiprocessing as mp
import stat
from datetime import timedelta

import pytest
from werkzeug.datastructures import Headers

from dashboard.auth.config import (
    ConfigError,
    Settings,
    client_address,
    is_trusted_proxy,
    load_secret_key,
    load_settings,
    parse_trusted_proxies,
    trusted_header_principal,
)
from dashboard.auth.scope import Principal

KEY = "k" * 40


def settings(**env) -> Settings:
    base = {"LEEFLOON_SECRET_KEY": KEY, "LEEFLOON_AUTH_MODE": "trusted-header"}
    base.update(env)
    return load_settings(base)


def hdrs(user="gent", role="ocmw", nis="44021") -> dict:
    out = {}
    if user is not None:
        out["X-Remote-User"] = user
    if role is not None:
        out["X-Remote-Role"] = role
    if nis is not None:
        out["X-Remote-Nis"] = nis
    return out


# -- settings ------------------------------------------------------------------------------

def test_defaults(tmp_path):
    s = load_settings({"LEEFLOON_SECRET_KEY": KEY, "LEEFLOON_APP_DB": str(tmp_path / "a.db")})
    assert s.auth_mode == "password"
    assert s.trusted_proxies == (ipaddress.ip_network("127.0.0.1/32"),)
    assert (s.user_header, s.role_header, s.nis_header) == ("X-Remote-User", "X-Remote-Role",
                                                            "X-Remote-Nis")
    assert s.session_lifetime == timedelta(hours=8)
    assert s.https is False
    assert s.app_db == tmp_path / "a.db"
    assert KEY not in repr(s)  # the key never lands in a log line
    cfg = s.flask_config()
    assert cfg["SECRET_KEY"] == KEY
    assert cfg["SESSION_COOKIE_HTTPONLY"] is True
    assert cfg["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert cfg["SESSION_COOKIE_SECURE"] is False
    assert cfg["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)


def test_https_and_other_settings():
    s = settings(LEEFLOON_HTTPS="1", LEEFLOON_USER_HEADER="X-Forwarded-User",
                 LEEFLOON_SESSION_HOURS="2", LEEFLOON_TRUSTED_PROXIES="10.0.0.0/8, ::1 ,unix")
    assert s.https and s.flask_config()["SESSION_COOKIE_SECURE"] is True
    assert s.cookie_secure(False) is True
    assert settings().cookie_secure(True) is True
    assert settings().cookie_secure(False) is False
    assert s.user_header == "X-Forwarded-User"
    assert s.session_lifetime == timedelta(hours=2)
    assert s.trust_unix_socket
    assert ipaddress.ip_network("::1/128") in s.trusted_proxies


@pytest.mark.parametrize("env", [
    {"LEEFLOON_AUTH_MODE": "none"},
    {"LEEFLOON_TRUSTED_PROXIES": "127.0.0.1,localhost"},
    {"LEEFLOON_TRUSTED_PROXIES": "10.0.0.0/33"},
    {"LEEFLOON_SESSION_HOURS": "forever"},
    {"LEEFLOON_SESSION_HOURS": "0"},
    {"LEEFLOON_USER_HEADER": "X-User: admin"},
    {"LEEFLOON_SECRET_KEY": "too-short"},
])
def test_bad_settings_stop_the_server(env):
    with pytest.raises(ConfigError):
        settings(**env)


def test_parse_trusted_proxies():
    nets, unix = parse_trusted_proxies("127.0.0.1, 10.1.0.0/16;fd00::/8")
    assert [str(n) for n in nets] == ["127.0.0.1/32", "10.1.0.0/16", "fd00::/8"]
    assert not unix
    assert parse_trusted_proxies("") == ((), False)


# -- secret key ------------------------------------------------------------------------------

def test_secret_key_from_env_wins(tmp_path):
    f = tmp_path / "key"
    f.write_text("f" * 40 + "\n")
    assert load_secret_key({"LEEFLOON_SECRET_KEY": KEY, "LEEFLOON_SECRET_KEY_FILE": str(f)},
                           tmp_path) == KEY
    assert load_secret_key({"LEEFLOON_SECRET_KEY_FILE": str(f)}, tmp_path) == "f" * 40
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_file_missing_or_short(tmp_path):
    with pytest.raises(ConfigError):
        load_secret_key({"LEEFLOON_SECRET_KEY_FILE": str(tmp_path / "nope")}, tmp_path)
    (tmp_path / "short").write_text("abc")
    with pytest.raises(ConfigError):
        load_secret_key({"LEEFLOON_SECRET_KEY_FILE": str(tmp_path / "short")}, tmp_path)


def test_generated_secret_key_is_private_and_shared(tmp_path):
    d = tmp_path / "app"
    k1 = load_secret_key({}, d)
    assert len(k1) >= 32
    path = d / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret_key({}, d) == k1  # the next worker, the next restart
    assert [p.name for p in d.iterdir()] == ["secret_key"]  # no temporary files left


def test_generated_key_lives_beside_the_app_db(tmp_path):
    s = load_settings({"LEEFLOON_APP_DB": str(tmp_path / "db" / "app.sqlite3")})
    assert (tmp_path / "db" / "secret_key").read_text().strip() == s.secret_key


def _read_key(d: str, q) -> None:
    q.put(load_secret_key({}, __import__("pathlib").Path(d)))


def test_workers_starting_together_get_one_key(tmp_path):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_read_key, args=(str(tmp_path / "k"), q)) for _ in range(4)]
    for p in procs:
        p.start()
    keys = {q.get(timeout=60) for _ in procs}
    for p in procs:
        p.join(30)
    assert len(keys) == 1


# -- trusted headers -------------------------------------------------------------------------

def test_headers_accepted_only_from_a_trusted_proxy():
    s = settings()
    assert trusted_header_principal(hdrs(), "127.0.0.1", s) == Principal("gent", "ocmw", ("44021",))
    for addr in ("10.0.0.5", "127.0.0.2", "192.168.1.1", "::1", "", None, "not-an-ip"):
        assert trusted_header_principal(hdrs(), addr, s) is None


def test_headers_from_a_cidr_and_ipv6():
    s = settings(LEEFLOON_TRUSTED_PROXIES="10.20.0.0/16,fd00:1::/64")
    assert trusted_header_principal(hdrs(), "10.20.3.4", s) is not None
    assert trusted_header_principal(hdrs(), "fd00:1::9", s) is not None
    assert trusted_header_principal(hdrs(), "::ffff:10.20.3.4", s) is not None  # mapped v4
    assert trusted_header_principal(hdrs(), "10.21.0.1", s) is None
    assert trusted_header_principal(hdrs(), "127.0.0.1", s) is None  # no longer in the list


def test_unix_socket_only_when_listed():
    assert trusted_header_principal(hdrs(), "", settings()) is None
    s = settings(LEEFLOON_TRUSTED_PROXIES="unix")
    assert trusted_header_principal(hdrs(), "", s) is not None
    assert trusted_header_principal(hdrs(), "127.0.0.1", s) is None


@pytest.mark.parametrize("h", [
    hdrs(user=None), hdrs(user=""), hdrs(user="bad user"), hdrs(role=None), hdrs(role="root"),
    hdrs(role=""), hdrs(nis=None), hdrs(nis=""), hdrs(nis="4402"), hdrs(nis="44021,abc"),
    hdrs(nis="*"), {},
])
def test_invalid_headers_are_refused(h):
    assert trusted_header_principal(h, "127.0.0.1", settings()) is None


def test_header_values_are_normalised():
    p = trusted_header_principal(hdrs(user="Marie@OCMW.be", role=" OCMW ", nis="44084, 44021"),
                                 "127.0.0.1", settings())
    assert p == Principal("marie@ocmw.be", "ocmw", ("44021", "44084"))


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_nis_header_is_ignored_for_analyst_and_admin(role):
    for nis in ("", None, "44021", "garbage"):
        p = trusted_header_principal(hdrs(role=role, nis=nis), "127.0.0.1", settings())
        assert p == Principal("gent", role, ())
        assert p.scope_label() == "all"


def test_header_lookup_is_case_insensitive():
    s = settings()
    plain = {"x-remote-user": "gent", "X-REMOTE-ROLE": "ocmw", "x-remote-nis": "44021"}
    assert trusted_header_principal(plain, "127.0.0.1", s) is not None
    assert trusted_header_principal(Headers(plain), "127.0.0.1", s) is not None


def test_custom_header_names():
    s = settings(LEEFLOON_USER_HEADER="X-Auth-User", LEEFLOON_ROLE_HEADER="X-Auth-Role",
                 LEEFLOON_NIS_HEADER="X-Auth-Nis")
    assert trusted_header_principal(hdrs(), "127.0.0.1", s) is None
    h = {"X-Auth-User": "a", "X-Auth-Role": "analyst"}
    assert trusted_header_principal(h, "127.0.0.1", s) == Principal("a", "analyst")


# -- client address --------------------------------------------------------------------------

def test_client_address():
    s = settings(LEEFLOON_TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8")
    # no proxy: the peer, whatever X-Forwarded-For claims
    assert client_address("203.0.113.9", {"X-Forwarded-For": "1.2.3.4"}, s) == "203.0.113.9"
    # through the proxy: the right-most untrusted hop
    assert client_address("127.0.0.1", {"X-Forwarded-For": "1.2.3.4"}, s) == "1.2.3.4"
    assert client_address("127.0.0.1", {"X-Forwarded-For": "6.6.6.6, 1.2.3.4, 10.1.1.1"},
                          s) == "1.2.3.4"
    assert client_address("127.0.0.1", {}, s) == "127.0.0.1"
    assert client_address("127.0.0.1", {"X-Forwarded-For": "junk"}, s) == "127.0.0.1"
    assert client_address("127.0.0.1", {"X-Forwarded-For": "10.1.1.1"}, s) == "10.1.1.1"
    assert is_trusted_proxy("10.200.0.1", s) and not is_trusted_proxy("11.0.0.1", s)
