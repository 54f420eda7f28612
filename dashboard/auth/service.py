"""The login flow and the session payload, without Flask: the routes call these.

``Authenticator.login`` is the whole of a login attempt: throttle check, password check
(argon2, constant-ish time), throttle bookkeeping and the audit entries. The session
carries only ``{"u": username, "s": session stamp, "t": login time}``; every request
reloads the user from the store (``principal_from_session``), so removing or disabling a
user, or changing its password, ends its sessions at once, and a role or scope change
applies on the next request.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from dashboard.auth import passwords
from dashboard.auth.audit import AuditLog
from dashboard.auth.scope import Principal
from dashboard.auth.store import UserStore, normalise_username
from dashboard.auth.throttle import Throttle

SESSION_KEYS = ("u", "s", "t")
DEFAULT_LIFETIME_S = 8 * 3600


@dataclass(frozen=True)
class LoginResult:
    principal: Principal | None
    reason: str  # 'ok', 'throttled', 'bad_credentials'
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.principal is not None


class Authenticator:
    """``Authenticator(store)``; throttle and audit log are made from the same store unless
    given (tests pass a Throttle with a fake clock)."""

    def __init__(self, store: UserStore, throttle: Throttle | None = None,
                 audit: AuditLog | None = None, clock: Callable[[], float] = time.time):
        self.store = store
        self.throttle = throttle or Throttle(store, clock=clock)
        self.audit = audit or AuditLog(store)
        self.clock = clock
        passwords.dummy_hash()  # now, not in the first unknown-user login (its timing)

    def login(self, username: str, password: str, remote_addr: str | None) -> LoginResult:
        """One login attempt. Show the user the same message for 'bad_credentials' whatever
        the cause (unknown user, wrong password, disabled); for 'throttled', say to wait
        ``wait_seconds``."""
        name = normalise_username(username)[:128]
        wait = self.throttle.check(name, remote_addr)
        if wait > 0:  # not verified, not counted, not logged (a flood would fill the log)
            return LoginResult(None, "throttled", wait)
        user = self.store.verify(name, password or "")
        if user is None:
            blocked = self.throttle.record_failure(name, remote_addr)
            detail: dict[str, Any] = {"reason": "bad_credentials"}
            if blocked:
                detail["blocked_seconds"] = blocked
            self.audit.write("login_failed", name, "", detail, remote_addr)
            return LoginResult(None, "bad_credentials", 0)
        self.throttle.record_success(name, remote_addr)
        principal = Principal.from_user(user)
        self.audit.write("login", principal.username, principal.scope_label(), {}, remote_addr)
        return LoginResult(principal, "ok", 0)

    def session_data(self, principal: Principal) -> dict:
        """What to put in the session after a good login (call ``session.clear()`` first)."""
        return {"u": principal.username, "s": self.store.session_stamp(principal.username) or "",
                "t": int(self.clock())}

    def principal_from_session(self, session: Mapping[str, Any],
                               lifetime_s: float = DEFAULT_LIFETIME_S) -> Principal | None:
        """The principal of a session, or None: no login, expired (``lifetime_s`` after the
        login, however active the user was), user removed or disabled, password changed."""
        username, stamp, login_at = (session.get(k) for k in SESSION_KEYS)
        if not isinstance(username, str) or not isinstance(stamp, str):
            return None
        if not isinstance(login_at, (int, float)) or not (
                0 <= self.clock() - login_at < lifetime_s):
            return None
        user = self.store.user_for_session(username, stamp)
        return Principal.from_user(user) if user else None

    def logout(self, principal: Principal | None, remote_addr: str | None) -> None:
        """Write the logout entry (then ``session.clear()``)."""
        if principal is not None:
            self.audit.write("logout", principal.username, principal.scope_label(), {},
                             remote_addr)

    def denied(self, principal: Principal | None, what: Mapping[str, Any],
               remote_addr: str | None) -> None:
        """Write an ``access_denied`` entry (``what``: path, nis_code, ...)."""
        self.audit.write("access_denied", principal.username if principal else "",
                         principal.scope_label() if principal else "", dict(what), remote_addr)


# -- small helpers for the routes -----------------------------------------------------------

def new_csrf_token() -> str:
    """A token for the login (and logout) form: store it in the session, put it in a
    hidden field, compare with ``csrf_ok``."""
    return secrets.token_urlsafe(32)


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def safe_next_url(target: str | None, default: str = "/") -> str:
    """A redirect target after login that stays on this site: a local path only (no scheme,
    no host, no '//' or '\\' tricks), else ``default``."""
    if not target or not isinstance(target, str) or len(target) > 2048:
        return default
    target = target.strip()
    if not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return default
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
