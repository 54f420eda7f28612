"""The audit log: append-only in the database itself, reading, CSV export."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from dashboard.auth.audit import COLUMNS, EVENTS, AuditLog, neutralise, to_csv_bytes
from dashboard.auth.store import UserStore


@pytest.fixture
def log(tmp_path):
    return AuditLog(UserStore(tmp_path / "app.sqlite3"))


def test_write_and_read(log):
    i1 = log.write("login", "gent", "44021", {}, "10.0.0.1")
    i2 = log.write("download", "gent", "44021",
                   {"what": "breakdown", "nis": "44021", "period": "2024-Q2",
                    "definition": {"ell": True, "art60_work": True}}, "10.0.0.1")
    log.write("export", "analist", "all", {"what": "level", "level": "municipality"}, None)
    assert i2 > i1
    rows = log.read()
    assert [r["event"] for r in rows] == ["export", "download", "login"]  # newest first
    assert set(rows[0]) == set(COLUMNS)
    assert rows[1]["detail"]["definition"] == {"ell": True, "art60_work": True}
    assert rows[1]["scope"] == "44021" and rows[1]["remote_addr"] == "10.0.0.1"
    assert rows[0]["remote_addr"] is None
    assert rows[0]["at"].endswith("Z") and "T" in rows[0]["at"]


def test_filters_limit_offset_count(log):
    for i in range(5):
        log.write("download", "gent", "44021", {"i": i}, None)
        log.write("login", "analist", "all", {}, None)
    assert log.count() == 10
    assert log.count(username="GENT") == 5
    assert log.count(event="login") == 5
    assert [r["detail"]["i"] for r in log.read(username="gent")] == [4, 3, 2, 1, 0]
    assert [r["detail"]["i"] for r in log.read(limit=2, offset=1, username="gent")] == [3, 2]
    assert len(log.read(limit=None)) == 10
    assert len(log.read(limit=None, offset=7)) == 3
    assert log.read(username="gent", event="login") == []


def test_unknown_event_and_bad_detail(log):
    with pytest.raises(ValueError):
        log.write("hacked", "gent", "44021", {}, None)
    with pytest.raises(TypeError):
        log.write("login", "gent", "44021", ["not", "a", "dict"], None)  # type: ignore[arg-type]
    assert {"login", "login_failed", "logout", "download", "export", "user_added",
            "user_removed", "password_changed", "access_denied"} <= EVENTS


def test_detail_is_json_with_non_json_values(log):
    import datetime as dt
    log.write("export", "x", "all", {"when": dt.date(2024, 6, 1), "name": "Sint-Niklaas é"}, None)
    assert log.read()[0]["detail"] == {"when": "2024-06-01", "name": "Sint-Niklaas é"}


def test_update_and_delete_raise(log):
    log.write("login", "gent", "44021", {}, "10.0.0.1")
    with log.store.connect() as con:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE audit_log SET username = 'someone else'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("DELETE FROM audit_log")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("INSERT OR REPLACE INTO audit_log (id, at, username, event) "
                        "VALUES (1, 'x', 'y', 'login')")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("REPLACE INTO audit_log (id, at, username, event) "
                        "VALUES (1, 'x', 'y', 'login')")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("INSERT INTO audit_log (id, at, username, event) VALUES (1, 'x', 'y', "
                        "'login') ON CONFLICT (id) DO UPDATE SET username = 'y'")
    # also from a separate, plain connection (e.g. the sqlite3 shell)
    con = sqlite3.connect(log.store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM audit_log WHERE id = 1")
    finally:
        con.close()
    rows = log.read()
    assert len(rows) == 1 and rows[0]["username"] == "gent"


def test_ids_are_never_reused(log):
    a = log.write("login", "gent", "44021", {}, None)
    b = log.write("login", "gent", "44021", {}, None)
    assert b == a + 1


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\")"])
def test_neutralise(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["gent", "44021", "", "{\"a\":1}", " =x", "'=x"])
def test_neutralise_leaves_harmless_text(text):
    assert neutralise(text) == text


def test_csv_export_neutralises_every_cell(log):
    log.write("login_failed", "=cmd|' /C calc'!A0", "", {"reason": "bad_credentials"}, "@evil")
    log.write("download", "gent", "44021", {"what": "=1+2"}, "10.0.0.1")
    data = to_csv_bytes(log.read(limit=None))
    text = data.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[1]["username"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["remote_addr"] == "'@evil"
    assert rows[0]["detail"] == '{"what":"=1+2"}'  # JSON starts with {: harmless as is
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_export_of_a_string_detail_and_excel_variant(log):
    rows = [{"id": 1, "at": "2025-01-01T00:00:00.000Z", "username": "x", "event": "login",
             "scope": "all", "remote_addr": None, "detail": "-raw"}]
    plain = to_csv_bytes(rows)
    assert plain.startswith(b"id,at,") and b"'-raw" in plain
    excel = to_csv_bytes(rows, excel=True)
    assert excel.startswith(b"\xef\xbb\xbfid;at;username;")
    assert b"\r\n" in excel
    assert to_csv_bytes([]) == b"id,at,username,event,scope,remote_addr,detail\n"
