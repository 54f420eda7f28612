"""The audit log: who logged in, was refused, downloaded or exported what, and every change
to the users. Append-only: SQLite triggers abort any UPDATE or DELETE on ``audit_log``.

Rows as dicts: ``id, at (UTC ISO 8601), username, event, scope, remote_addr, detail`` with
``detail`` a dict (stored as JSON text): what was downloaded or exported, the period, the
definition, the target user of a CLI change.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from dashboard.auth.store import UserStore, utc_now_iso

EVENTS = frozenset({
    "login", "login_failed", "logout", "download", "export", "user_added", "user_removed",
    "password_changed", "access_denied", "user_disabled", "user_enabled",
})
COLUMNS = ("id", "at", "username", "event", "scope", "remote_addr", "detail")
_INJECTION_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_FIELD = 256
MAX_DETAIL = 16_000


def neutralise(text: str) -> str:
    """Stop a spreadsheet from reading a cell as a formula: a leading ' before = + - @ tab CR."""
    return "'" + text if text.startswith(_INJECTION_PREFIXES) else text


class AuditLog:
    def __init__(self, store: UserStore):
        self.store = store

    def write(self, event: str, username: str | None, scope: str | None = "",
              detail: Mapping[str, Any] | None = None, remote_addr: str | None = None) -> int:
        """Append one entry; returns its id. ValueError for an unknown event."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        if detail is not None and not isinstance(detail, Mapping):
            raise TypeError("detail must be a dict")
        text = json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"), default=str)
        if len(text) > MAX_DETAIL:
            text = json.dumps({"truncated": True, "start": text[:MAX_DETAIL // 2]},
                              ensure_ascii=False)
        with self.store.connect() as con:
            cur = con.execute(
                "INSERT INTO audit_log (at, username, event, detail, scope, remote_addr) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (utc_now_iso(), str(username or "")[:MAX_FIELD], event, text,
                 str(scope or "")[:MAX_FIELD * 4],
                 str(remote_addr)[:MAX_FIELD] if remote_addr else None))
            return cur.lastrowid

    def read(self, limit: int | None = 100, offset: int = 0, username: str | None = None,
             event: str | None = None) -> list[dict]:
        """Entries newest first, optionally of one user and/or one event; ``limit=None``: all."""
        where, params = self._where(username, event)
        sql = f"SELECT {', '.join(COLUMNS)} FROM audit_log{where} ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [max(int(limit), 0), max(int(offset), 0)]
        elif offset:
            sql += " LIMIT -1 OFFSET ?"
            params.append(max(int(offset), 0))
        with self.store.connect() as con:
            rows = con.execute(sql, params).fetchall()
        return [_row(r) for r in rows]

    def count(self, username: str | None = None, event: str | None = None) -> int:
        where, params = self._where(username, event)
        with self.store.connect() as con:
            return con.execute(f"SELECT COUNT(*) FROM audit_log{where}", params).fetchone()[0]

    @staticmethod
    def _where(username: str | None, event: str | None) -> tuple[str, list]:
        clauses, params = [], []
        if username is not None:
            clauses.append("username = ?")
            params.append(username.strip().lower())
        if event is not None:
            clauses.append("event = ?")
            params.append(event)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _row(r) -> dict:
    row = dict(r)
    try:
        row["detail"] = json.loads(row["detail"] or "{}")
    except ValueError:
        row["detail"] = {"raw": row["detail"]}
    return row


def to_csv_bytes(rows: Iterable[Mapping[str, Any]], excel: bool = False) -> bytes:
    """The rows as CSV (columns ``id, at, username, event, scope, remote_addr, detail``,
    detail as JSON). Plain: ``,`` and UTF-8; ``excel=True``: ``;`` and UTF-8 with BOM, for a
    Belgian Excel. Every text cell is neutralised against formula injection."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",",
                        lineterminator="\r\n" if excel else "\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = []
        for col in COLUMNS:
            value = row.get(col)
            if value is None:
                cells.append("")
            elif col == "detail" and not isinstance(value, str):
                cells.append(neutralise(json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                   separators=(",", ":"), default=str)))
            else:
                cells.append(neutralise(str(value)))
        writer.writerow(cells)
    data = buf.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if excel else data
