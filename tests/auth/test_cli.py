"""``python -m dashboard users|audit|demo-users`` round trips, in a subprocess, against a
temporary app database (LEEFLOON_APP_DB)."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.auth.audit import AuditLog
from dashboard.auth.store import UserStore

ROOT = Path(__file__).resolve().parents[2]
VENV_PY = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PY) if VENV_PY.exists() else sys.executable


@pytest.fixture
def db(tmp_path):
    return tmp_path / "app" / "app.sqlite3"


@pytest.fixture
def cli(db):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEEFLOON_")}
    env["LEEFLOON_APP_DB"] = str(db)

    def run(*args, stdin: str | None = None):
        return subprocess.run([PYTHON, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                              capture_output=True, text=True, timeout=120, check=False)
    return run


def generated(out: str) -> str:
    m = re.search(r"password \(shown once\): (\S+)", out)
    assert m, out
    return m.group(1)


def test_users_round_trip(cli, db):
    r = cli("users", "add", "Gent", "--role", "ocmw", "--nis", "44021")
    assert r.returncode == 0, r.stderr
    pw = generated(r.stdout)
    assert len(pw) >= 16
    r = cli("users", "add", "analist", "--role", "analyst", "--password-stdin",
            stdin="a long enough passphrase\n")
    assert r.returncode == 0, r.stderr
    assert "shown once" not in r.stdout
    r = cli("users", "add", "merged", "--role", "ocmw", "--nis", "44084", "44021",
            "--nis", "44083,44084", stdin=None)
    assert r.returncode == 0, r.stderr

    store = UserStore(db)
    assert store.verify("gent", pw) is not None
    assert store.verify("analist", "a long enough passphrase") is not None
    assert store.get_user("merged").nis_codes == ("44021", "44083", "44084")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600

    r = cli("users", "list")
    assert r.returncode == 0
    lines = [line.split() for line in r.stdout.strip().splitlines()]
    assert lines == [["username", "role", "scope", "disabled"],
                     ["analist", "analyst", "all", "no"],
                     ["gent", "ocmw", "44021", "no"],
                     ["merged", "ocmw", "44021,44083,44084", "no"]]
    assert "argon2" not in r.stdout

    r = cli("users", "passwd", "gent", "--password-stdin", stdin="another passphrase\r\n")
    assert r.returncode == 0, r.stderr
    assert store.verify("gent", "another passphrase") is not None
    assert store.verify("gent", pw) is None
    r = cli("users", "passwd", "gent")
    assert store.verify("gent", generated(r.stdout)) is not None

    assert cli("users", "disable", "gent").returncode == 0
    listing = cli("users", "list").stdout.splitlines()
    assert next(ln for ln in listing if ln.startswith("gent ")).endswith("yes")
    assert cli("users", "enable", "gent").returncode == 0

    r = cli("users", "remove", "GENT")
    assert r.returncode == 0 and store.get_user("gent") is None

    events = [(e["username"], e["event"], e["detail"].get("user"))
              for e in reversed(AuditLog(store).read(limit=None))]
    assert events == [("cli", "user_added", "gent"), ("cli", "user_added", "analist"),
                      ("cli", "user_added", "merged"), ("cli", "password_changed", "gent"),
                      ("cli", "password_changed", "gent"), ("cli", "user_disabled", "gent"),
                      ("cli", "user_enabled", "gent"), ("cli", "user_removed", "gent")]
    assert all("argon2" not in str(e) and pw not in str(e)
               for e in AuditLog(store).read(limit=None))


@pytest.mark.parametrize("args,stdin,message", [
    (["users", "add", "x", "--role", "boss"], None, "unknown role"),
    (["users", "add", "x", "--role", "ocmw"], None, "needs at least one NIS"),
    (["users", "add", "x", "--role", "ocmw", "--nis", "4402"], None, "invalid NIS code"),
    (["users", "add", "x", "--role", "ocmw", "--nis", "44021", "abcde"], None, "invalid NIS code"),
    (["users", "add", "x", "--role", "analyst", "--nis", "44021"], None, "give no NIS"),
    (["users", "add", "x", "--role", "analyst", "--password-stdin"], "too short\n", "at least 12"),
    (["users", "add", "x", "--role", "analyst", "--password-stdin"], "", "nothing on standard"),
    (["users", "add", "bad name", "--role", "analyst"], None, "invalid username"),
    (["users", "add", "x"], None, "--role"),
    (["users", "remove", "nobody"], None, "no user 'nobody'"),
    (["users", "passwd", "nobody"], None, "no user 'nobody'"),
    (["users", "disable", "nobody"], None, "no user 'nobody'"),
    (["users", "frobnicate"], None, "invalid choice"),
    (["audit", "export", "--event", "nope"], None, "invalid choice"),
])
def test_bad_input_exits_2_with_a_message(cli, args, stdin, message):
    r = cli(*args, stdin=stdin)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_existing_user_exits_2(cli, db):
    assert cli("users", "add", "gent", "--role", "ocmw", "--nis", "44021").returncode == 0
    r = cli("users", "add", "GENT", "--role", "analyst")
    assert r.returncode == 2 and "exists already" in r.stderr


def test_demo_users_is_idempotent_and_resets_passwords(cli, db):
    r1 = cli("demo-users")
    assert r1.returncode == 0, r1.stderr
    first = dict(re.findall(r"^\s+(analist|gent)\s+\S+\s+\S+\s+(\S+)$", r1.stdout, re.MULTILINE))
    assert set(first) == {"analist", "gent"}
    store = UserStore(db)
    assert store.get_user("gent").nis_codes == ("44021",)
    assert store.get_user("analist").role == "analyst"
    assert store.verify("gent", first["gent"]) and store.verify("analist", first["analist"])

    store.set_disabled("gent")
    r2 = cli("demo-users")
    assert r2.returncode == 0, r2.stderr
    second = dict(re.findall(r"^\s+(analist|gent)\s+\S+\s+\S+\s+(\S+)$", r2.stdout, re.MULTILINE))
    assert second["gent"] != first["gent"]
    assert store.verify("gent", first["gent"]) is None
    assert store.verify("gent", second["gent"]) is not None  # enabled again
    assert [u.username for u in store.list_users()] == ["analist", "gent"]


def test_audit_export(cli, db, tmp_path):
    store = UserStore(db)
    log = AuditLog(store)
    log.write("login", "gent", "44021", {}, "10.0.0.1")
    log.write("download", "gent", "44021", {"what": "=HYPERLINK(1)"}, "@10.0.0.1")
    r = cli("audit", "export")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["event"] for row in rows] == ["login", "download"]  # oldest first
    assert rows[1]["remote_addr"] == "'@10.0.0.1"

    out = tmp_path / "audit.csv"
    r = cli("audit", "export", "--out", str(out), "--excel", "--event", "login")
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;at;")
    assert data.count(b"\r\n") == 2  # header + the one login
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    exports = log.read(event="export")
    assert len(exports) == 2 and exports[0]["username"] == "cli"
    assert exports[0]["detail"]["what"] == "audit_log" and exports[0]["detail"]["rows"] == 1


def test_db_option_overrides_env(cli, tmp_path):
    other = tmp_path / "other.sqlite3"
    r = cli("--db", str(other), "users", "add", "analist", "--role", "analyst")
    assert r.returncode == 0, r.stderr
    assert UserStore(other).get_user("analist") is not None
