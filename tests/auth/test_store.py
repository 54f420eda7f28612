"""The application database: users, validation, verification, files and concurrency."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
import stat

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.auth import store as store_mod
from dashboard.auth.store import (
    AuthError,
    InvalidUser,
    PasswordPolicyError,
    UnknownUser,
    User,
    UserExists,
    UserStore,
    parse_nis_codes,
    validate_role_scope,
    validate_username,
)

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PW = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", CHEAP)
    monkeypatch.setattr(passwords, "_dummy_hash", None)


@pytest.fixture
def store(tmp_path):
    return UserStore(tmp_path / "app" / "app.sqlite3")


def test_default_path_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LEEFLOON_APP_DB", str(tmp_path / "x" / "y.sqlite3"))
    assert store_mod.default_path() == tmp_path / "x" / "y.sqlite3"
    monkeypatch.setenv("LEEFLOON_APP_DB", "rel/app.sqlite3")
    assert store_mod.default_path() == store_mod.PROJECT_ROOT / "rel" / "app.sqlite3"
    monkeypatch.delenv("LEEFLOON_APP_DB")
    assert store_mod.default_path() == store_mod.PROJECT_ROOT / "data" / "app" / "app.sqlite3"


def test_default_store_uses_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LEEFLOON_APP_DB", str(tmp_path / "envdb" / "app.sqlite3"))
    s = UserStore()
    assert s.path == tmp_path / "envdb" / "app.sqlite3"
    assert s.path.exists()


def test_files_directory_wal_and_private_modes(store):
    assert store.path.exists()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) & 0o077 == 0
    with store.connect() as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA user_version").fetchone()[0] == store_mod.SCHEMA_VERSION
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"users", "login_attempts", "audit_log"} <= tables


def test_reopening_is_idempotent(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    again = UserStore(store.path)
    assert again.get_user("gent") == store.get_user("gent")


def test_add_get_list_never_exposes_hashes(store):
    u = store.add_user("Gent", PW, "ocmw", ["44021"])
    assert u == User("gent", "ocmw", ("44021",), False)
    store.add_user("analist", PW, "analyst")
    store.add_user("boss", PW, "admin", ())
    users = store.list_users()
    assert [x.username for x in users] == ["analist", "boss", "gent"]
    assert [x.scope for x in users] == ["all", "all", "44021"]
    for x in users:
        assert not any("argon2" in str(v) for v in vars(x).values())
        assert "argon2" not in repr(x)
    got = store.get_user(" GENT ")
    assert got.nis_codes == ("44021",) and got.role == "ocmw" and not got.disabled
    assert got.created_at.endswith("Z")
    assert store.get_user("nobody") is None


def test_duplicate_username_case_insensitive(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    with pytest.raises(UserExists):
        store.add_user("GENT", PW, "analyst")


@pytest.mark.parametrize("name", ["", " ", "-gent", "a b", "x" * 65, "gent;drop", "é", ".hidden"])
def test_invalid_usernames(name):
    with pytest.raises(InvalidUser):
        validate_username(name)


@pytest.mark.parametrize("name", ["gent", "marie.peeters@ocmw-gent.be", "user_1", "a"])
def test_valid_usernames(name):
    assert validate_username(name.upper()) == name.lower()


def test_roles_and_scope_validation():
    assert validate_role_scope("ocmw", ["44021"]) == ("ocmw", ("44021",))
    assert validate_role_scope("OCMW", "44084, 44021 44021") == ("ocmw", ("44021", "44084"))
    assert validate_role_scope("analyst", []) == ("analyst", ())
    assert validate_role_scope("admin", None) == ("admin", ())
    with pytest.raises(InvalidUser, match="unknown role"):
        validate_role_scope("boss", [])
    with pytest.raises(InvalidUser, match="at least one NIS"):
        validate_role_scope("ocmw", [])
    with pytest.raises(InvalidUser, match="give no NIS"):
        validate_role_scope("analyst", ["44021"])


@pytest.mark.parametrize("bad", ["4402", "440211", "4402a", "44 021x", "-4402", "44021.0",
                                 "４４０２１"])
def test_bad_nis_codes(bad):
    with pytest.raises(InvalidUser, match="NIS"):
        parse_nis_codes([bad])


def test_add_user_validates_everything(store):
    with pytest.raises(InvalidUser):
        store.add_user("x", PW, "ocmw")
    with pytest.raises(InvalidUser):
        store.add_user("x", PW, "nobody")
    with pytest.raises(InvalidUser):
        store.add_user("x", PW, "ocmw", ["123"])
    with pytest.raises(PasswordPolicyError):
        store.add_user("x", "elevenchars", "analyst")
    with pytest.raises(AuthError):
        store.add_user("bad name", PW, "analyst")
    assert store.list_users() == []


def test_the_database_itself_refuses_an_ocmw_without_scope(store):
    insert = ("INSERT INTO users (username, password_hash, role, nis_codes, created_at, "
              "session_stamp, password_changed_at) VALUES ('x', 'h', ?, '', 'now', 's', 'now')")
    for role in ("ocmw", "root"):
        with store.connect() as con, pytest.raises(sqlite3.IntegrityError):
            con.execute(insert, (role,))


def test_verify(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    assert store.verify("gent", PW) == User("gent", "ocmw", ("44021",), False)
    assert store.verify("GENT ", PW) is not None
    assert store.verify("gent", PW + "x") is None
    assert store.verify("gent", "") is None
    assert store.verify("nobody", PW) is None
    assert store.verify("not a valid name!", PW) is None
    assert store.verify("gent", None) is None  # type: ignore[arg-type]


def test_verify_checks_a_dummy_hash_for_unknown_users(store, monkeypatch):
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda h, p: calls.append(h) or real(h, p))
    assert store.verify("nobody", PW) is None
    assert calls == [passwords.dummy_hash()]


def test_disabled_user_cannot_log_in(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    assert store.set_disabled("gent").disabled
    assert store.verify("gent", PW) is None
    assert store.get_user("gent").disabled
    assert not store.set_disabled("gent", False).disabled
    assert store.verify("gent", PW) is not None


def test_verify_rehashes_when_parameters_changed(store, monkeypatch):
    store.add_user("gent", PW, "ocmw", ["44021"])
    with store.connect() as con:
        old = con.execute("SELECT password_hash FROM users").fetchone()[0]
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", stronger)
    assert store.verify("gent", PW + "!") is None  # a wrong password changes nothing
    with store.connect() as con:
        assert con.execute("SELECT password_hash FROM users").fetchone()[0] == old
    assert store.verify("gent", PW) is not None
    with store.connect() as con:
        new = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert new != old and "m=2048,t=2" in new
    assert store.verify("gent", PW) is not None


def test_set_password_and_session_stamp(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    stamp = store.session_stamp("gent")
    assert store.user_for_session("gent", stamp) is not None
    assert store.user_for_session("gent", "wrong") is None
    with pytest.raises(PasswordPolicyError):
        store.set_password("gent", "short")
    store.set_password("gent", "a brand new passphrase")
    assert store.verify("gent", PW) is None
    assert store.verify("gent", "a brand new passphrase") is not None
    assert store.user_for_session("gent", stamp) is None  # old sessions end
    assert store.user_for_session("gent", store.session_stamp("gent")) is not None
    with pytest.raises(UnknownUser):
        store.set_password("nobody", "a brand new passphrase")
    assert store.session_stamp("nobody") is None


def test_remove_user(store):
    store.add_user("gent", PW, "ocmw", ["44021"])
    stamp = store.session_stamp("gent")
    assert store.remove_user("GENT").username == "gent"
    assert store.get_user("gent") is None
    assert store.user_for_session("gent", stamp) is None
    with pytest.raises(UnknownUser):
        store.remove_user("gent")
    with pytest.raises(UnknownUser):
        store.set_disabled("gent")
    # a new user by the old name does not inherit the old sessions
    store.add_user("gent", PW, "ocmw", ["44021"])
    assert store.user_for_session("gent", stamp) is None


def test_transactions_do_not_nest(store):
    with store.transaction(), pytest.raises(RuntimeError), store.transaction():
        pass


def _worker(path: str, n: int, idx: int) -> None:
    from dashboard.auth.audit import AuditLog
    from dashboard.auth.throttle import Throttle

    s = UserStore(path)
    log = AuditLog(s)
    t = Throttle(s)
    for i in range(n):
        log.write("download", f"user{idx}", "all", {"i": i}, "127.0.0.1")
        t.record_failure(f"user{idx}", "10.9.9.9")


def test_several_processes_write_at_once(store):
    ctx = mp.get_context("spawn")  # like separate gunicorn workers: nothing inherited
    procs = [ctx.Process(target=_worker, args=(str(store.path), 40, i)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with store.connect() as con:
        assert con.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 160
        addr = con.execute("SELECT COUNT(*) FROM login_attempts WHERE kind = 'addr'").fetchone()
        assert addr[0] == 160
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_connection_is_not_reused_after_fork(store):
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("no fork")
    store.add_user("gent", PW, "ocmw", ["44021"])
    parent_con = store._connection()
    ctx = mp.get_context("fork")
    q = ctx.Queue()

    def child():
        q.put(store._connection() is not parent_con and store.get_user("gent") is not None)

    p = ctx.Process(target=child)
    p.start()
    p.join(30)
    assert q.get(timeout=5) is True
