"""The application database: users, failed-login state and the audit log, in SQLite.

This is not the warehouse (DuckDB, read-only for the dashboard): it is a small read-write
file, by default ``data/app/app.sqlite3`` (``LEEFLOON_APP_DB``; a relative path is taken
from the project root). Several gunicorn workers (and the CLI) use it at once:

- WAL journal, so readers never wait for the writer;
- one connection per thread, opened in the process that uses it (a connection made before
  a fork is never used after it);
- every read-modify-write runs in ``BEGIN IMMEDIATE`` with a busy timeout, so concurrent
  writers queue instead of failing.

The directory is created with mode 0700 and the database file with 0600: it holds
password hashes.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dashboard.auth import passwords
from dashboard.auth.errors import (  # noqa: F401  (re-exported)
    AuthError,
    InvalidUser,
    PasswordPolicyError,
    UnknownUser,
    UserExists,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = Path("data/app/app.sqlite3")
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 15.0

ROLES = ("ocmw", "analyst", "admin")
NIS_RE = re.compile(r"^[0-9]{5}$")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class User:
    """A user as the application sees it: never the password hash."""

    username: str
    role: str
    nis_codes: tuple[str, ...] = ()
    disabled: bool = False
    created_at: str = field(default="", compare=False)

    @property
    def scope(self) -> str:
        """'all' for analyst and admin, else the NIS codes joined with commas."""
        return ",".join(self.nis_codes) if self.role == "ocmw" else "all"


def utc_now_iso() -> str:
    """UTC now as ISO 8601 with milliseconds and a Z: ``2025-06-01T12:00:00.123Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def normalise_username(username: str) -> str:
    """Usernames are compared case-insensitively: stored trimmed and in lower case."""
    return str(username or "").strip().lower()


def validate_username(username: str) -> str:
    """The normalised username, or InvalidUser: 1-64 of a-z 0-9 . _ @ - (starting with a
    letter or digit), so an e-mail address works as a username."""
    name = normalise_username(username)
    if not USERNAME_RE.match(name):
        raise InvalidUser(
            f"invalid username {username!r}: 1-64 characters a-z, 0-9, '.', '_', '@', '-', "
            "starting with a letter or digit")
    return name


def parse_nis_codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """NIS codes from strings (each may hold several, split on commas or spaces): sorted,
    without duplicates; InvalidUser for anything that is not 5 digits."""
    if values is None:
        return ()
    if isinstance(values, (str, int)):
        values = [values]
    codes: set[str] = set()
    for value in values:
        for part in re.split(r"[\s,;]+", str(value).strip()):
            if not part:
                continue
            if not NIS_RE.match(part):
                raise InvalidUser(
                    f"invalid NIS code {part!r}: a NIS code has 5 digits (e.g. 44021)")
            codes.add(part)
    return tuple(sorted(codes))


def validate_role_scope(role: str, nis_codes: Iterable[str] | str | None
                        ) -> tuple[str, tuple[str, ...]]:
    """(role, codes) checked together: role ocmw needs at least one NIS code (its scope);
    analyst and admin see everything and take none."""
    role = str(role or "").strip().lower()
    if role not in ROLES:
        raise InvalidUser(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    codes = parse_nis_codes(nis_codes)
    if role == "ocmw" and not codes:
        raise InvalidUser("role ocmw needs at least one NIS code (--nis 44021)")
    if role != "ocmw" and codes:
        raise InvalidUser(f"role {role} sees every municipality: give no NIS codes")
    return role, codes


def default_path() -> Path:
    """``LEEFLOON_APP_DB``, else ``data/app/app.sqlite3``; relative to the project root."""
    raw = os.environ.get("LEEFLOON_APP_DB", "").strip()
    path = Path(raw) if raw else DEFAULT_DB
    return path if path.is_absolute() else PROJECT_ROOT / path


_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('ocmw', 'analyst', 'admin')),
    nis_codes     TEXT NOT NULL DEFAULT '',            -- comma-separated 5-digit NIS codes
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    session_stamp TEXT NOT NULL,                       -- new on every password change
    password_changed_at TEXT NOT NULL,
    CHECK ((role = 'ocmw') = (nis_codes <> ''))
);

-- throttling: one row per failed login and key (kind 'user' or 'addr')
CREATE TABLE IF NOT EXISTS login_attempts (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'addr')),
    key  TEXT NOT NULL,
    at   REAL NOT NULL                                 -- seconds since the epoch
);
CREATE INDEX IF NOT EXISTS login_attempts_key ON login_attempts (kind, key, at);
CREATE INDEX IF NOT EXISTS login_attempts_at ON login_attempts (at);

-- throttling: a key that is blocked, and how often in a row (the delay doubles)
CREATE TABLE IF NOT EXISTS login_blocks (
    kind          TEXT NOT NULL CHECK (kind IN ('user', 'addr')),
    key           TEXT NOT NULL,
    strikes       INTEGER NOT NULL,
    blocked_until REAL NOT NULL,
    PRIMARY KEY (kind, key)
);

CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,                         -- UTC, ISO 8601
    username    TEXT NOT NULL,
    event       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}',            -- JSON object
    scope       TEXT NOT NULL DEFAULT '',              -- 'all' or the user's NIS codes
    remote_addr TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_username ON audit_log (username, id);
CREATE INDEX IF NOT EXISTS audit_log_event ON audit_log (event, id);

CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- INSERT OR REPLACE deletes the old row without firing the DELETE trigger
CREATE TRIGGER IF NOT EXISTS audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""


class UserStore:
    """Users in the application database. Safe to construct in every gunicorn worker."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self._local = threading.local()
        self._prepare_file()
        self._init_schema()

    # -- connections -------------------------------------------------------------------

    def _prepare_file(self) -> None:
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            try:  # create it 0600 before SQLite does (it would follow the umask)
                os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                pass

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA synchronous = FULL")  # few writes; an audit entry must survive a crash
        con.execute("PRAGMA foreign_keys = ON")
        return con

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use in this process (a connection made
        before a fork is never reused after it)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid() or local.con is None:
            local.con = self._open()
            local.pid = os.getpid()
        return local.con

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode (each statement its own transaction)."""
        yield self._connection()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection inside ``BEGIN IMMEDIATE``: committed on success, rolled back on error."""
        con = self._connection()
        if con.in_transaction:
            raise RuntimeError("UserStore.transaction() does not nest")
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        con = getattr(self._local, "con", None)
        if con is not None and getattr(self._local, "pid", None) == os.getpid():
            con.close()
        self._local.con = None

    def _init_schema(self) -> None:
        with self.connect() as con:
            mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # e.g. a file system without shared memory
                raise RuntimeError(f"{self.path}: could not switch SQLite to WAL mode (got {mode})")
        with self.transaction() as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path}: schema version {version} is newer than this "
                                   f"code ({SCHEMA_VERSION})")
            for statement in _split_sql(_SCHEMA):
                con.execute(statement)
            if version < SCHEMA_VERSION:
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- users -------------------------------------------------------------------------

    def add_user(self, username: str, password: str, role: str,
                 nis_codes: Iterable[str] | str = ()) -> User:
        """Create a user; InvalidUser, PasswordPolicyError or UserExists on bad input."""
        name = validate_username(username)
        role, codes = validate_role_scope(role, nis_codes)
        passwords.check_policy(password)
        password_hash = passwords.hash_password(password)  # outside the write lock: it is slow
        now = utc_now_iso()
        try:
            with self.transaction() as con:
                con.execute(
                    "INSERT INTO users (username, password_hash, role, nis_codes, created_at, "
                    "disabled, session_stamp, password_changed_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                    (name, password_hash, role, ",".join(codes), now, secrets.token_hex(16), now))
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise UserExists(f"user {name!r} exists already") from None
            raise
        return User(name, role, codes, False, now)

    def remove_user(self, username: str) -> User:
        """Delete a user (the audit log keeps its name); UnknownUser if there is none."""
        name = normalise_username(username)
        with self.transaction() as con:
            row = con.execute(_USER_SELECT + " WHERE username = ?", (name,)).fetchone()
            if row is None:
                raise UnknownUser(f"no user {name!r}")
            con.execute("DELETE FROM users WHERE username = ?", (name,))
            con.execute("DELETE FROM login_attempts WHERE kind = 'user' AND key = ?", (name,))
            con.execute("DELETE FROM login_blocks WHERE kind = 'user' AND key = ?", (name,))
        return _user(row)

    def set_password(self, username: str, password: str) -> User:
        """Replace the password (policy checked); ends the user's existing sessions."""
        name = normalise_username(username)
        passwords.check_policy(password)
        if self.get_user(name) is None:  # before the slow hash
            raise UnknownUser(f"no user {name!r}")
        password_hash = passwords.hash_password(password)
        with self.transaction() as con:
            cur = con.execute(
                "UPDATE users SET password_hash = ?, session_stamp = ?, password_changed_at = ? "
                "WHERE username = ?", (password_hash, secrets.token_hex(16), utc_now_iso(), name))
            if cur.rowcount == 0:
                raise UnknownUser(f"no user {name!r}")
            row = con.execute(_USER_SELECT + " WHERE username = ?", (name,)).fetchone()
        return _user(row)

    def set_disabled(self, username: str, disabled: bool = True) -> User:
        """Disable (or enable again) a user: a disabled user cannot log in, and its sessions
        stop being accepted on their next request."""
        name = normalise_username(username)
        with self.transaction() as con:
            cur = con.execute("UPDATE users SET disabled = ? WHERE username = ?",
                              (1 if disabled else 0, name))
            if cur.rowcount == 0:
                raise UnknownUser(f"no user {name!r}")
            row = con.execute(_USER_SELECT + " WHERE username = ?", (name,)).fetchone()
        return _user(row)

    def get_user(self, username: str) -> User | None:
        name = normalise_username(username)
        with self.connect() as con:
            row = con.execute(_USER_SELECT + " WHERE username = ?", (name,)).fetchone()
        return _user(row) if row else None

    def list_users(self) -> list[User]:
        """Every user, by name (never a password hash)."""
        with self.connect() as con:
            rows = con.execute(_USER_SELECT + " ORDER BY username").fetchall()
        return [_user(r) for r in rows]

    def verify(self, username: str, password: str) -> User | None:
        """The user if the password is right and the user is enabled, else None.

        An unknown user costs the same argon2 verification (against a dummy hash), so the
        time taken does not tell whether a username exists. A hash made with older
        parameters is replaced after a good password.
        """
        name = normalise_username(username)
        row = None
        if USERNAME_RE.match(name):
            with self.connect() as con:
                row = con.execute(
                    "SELECT username, role, nis_codes, disabled, created_at, password_hash "
                    "FROM users WHERE username = ?", (name,)).fetchone()
        password = password if isinstance(password, str) else ""
        if row is None:
            passwords.verify_password(passwords.dummy_hash(), password)
            return None
        if not passwords.verify_password(row["password_hash"], password):
            return None
        if row["disabled"]:
            return None
        if passwords.needs_rehash(row["password_hash"]):
            new_hash = passwords.hash_password(password)
            with self.transaction() as con:  # only if nobody changed it meanwhile
                con.execute("UPDATE users SET password_hash = ? WHERE username = ? "
                            "AND password_hash = ?", (new_hash, name, row["password_hash"]))
        return _user(row)

    def session_stamp(self, username: str) -> str | None:
        """A random token that changes with every password change: put it in the session
        cookie and compare it on each request (see ``service.principal_from_session``)."""
        with self.connect() as con:
            row = con.execute("SELECT session_stamp FROM users WHERE username = ?",
                              (normalise_username(username),)).fetchone()
        return row[0] if row else None

    def user_for_session(self, username: str, stamp: str) -> User | None:
        """The user if it still exists, is enabled and the stamp is current; else None."""
        with self.connect() as con:
            row = con.execute(
                "SELECT username, role, nis_codes, disabled, created_at, session_stamp "
                "FROM users WHERE username = ?", (normalise_username(username),)).fetchone()
        if row is None or row["disabled"] or not isinstance(stamp, str):
            return None
        if not secrets.compare_digest(row["session_stamp"].encode(), stamp.encode()):
            return None
        return _user(row)


_USER_SELECT = "SELECT username, role, nis_codes, disabled, created_at FROM users"


def _user(row: sqlite3.Row) -> User:
    codes = tuple(c for c in (row["nis_codes"] or "").split(",") if c)
    return User(row["username"], row["role"], codes, bool(row["disabled"]), row["created_at"])


def _split_sql(script: str) -> list[str]:
    """The schema's statements one by one (triggers hold ';' inside BEGIN ... END)."""
    statements, current = [], []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0].rstrip()
        if not stripped:
            continue
        current.append(stripped)
        text = "\n".join(current)
        if text.endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
