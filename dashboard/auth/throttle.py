"""Failed-login throttling per username and per client address, in the app database (so
every gunicorn worker sees the same counts).

The rule, for each key (the username, and the client address) on its own:

- 5 failed logins within 15 minutes block the key for 1 minute;
- while the key is "hot" (blocked, or less than 15 minutes after its last block ended),
  every further failure blocks it again for twice as long: 2, 4, 8, 16, then 30 minutes
  (the maximum);
- 15 quiet minutes after a block has ended, the key starts from zero again;
- a good login clears the username's counter, not the address's: one valid account must
  not let an attacker reset the address counter between guesses.

IPv6 clients are counted per /64 (what one subscriber usually gets). ``check`` answers how
many seconds the caller must wait; the login route must not even verify the password while
that is above 0 (and must not call ``record_failure`` for such a refused attempt).
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable

from dashboard.auth.store import UserStore, normalise_username

THRESHOLD = 5
WINDOW_S = 15 * 60
BASE_DELAY_S = 60
MAX_DELAY_S = 30 * 60
KEEP_S = 24 * 3600  # failed attempts older than this are pruned
MAX_KEY = 128


def address_key(addr: str | None) -> str | None:
    """The address as counted: IPv4 as is, IPv6 as its /64, IPv4-mapped IPv6 as IPv4."""
    if not addr:
        return None
    text = str(addr).strip()
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text[:MAX_KEY]
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def user_key(username: str | None) -> str | None:
    name = normalise_username(username or "")
    return name[:MAX_KEY] or None


class Throttle:
    """``Throttle(store, clock=time.time)``; the clock is injectable for tests."""

    def __init__(self, store: UserStore, clock: Callable[[], float] = time.time, *,
                 threshold: int = THRESHOLD, addr_threshold: int | None = None,
                 window_s: float = WINDOW_S, base_delay_s: float = BASE_DELAY_S,
                 max_delay_s: float = MAX_DELAY_S):
        self.store = store
        self.clock = clock
        self.threshold = {"user": threshold, "addr": addr_threshold or threshold}
        self.window_s = window_s
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s

    def _keys(self, username: str | None, addr: str | None) -> list[tuple[str, str]]:
        keys = []
        if (u := user_key(username)) is not None:
            keys.append(("user", u))
        if (a := address_key(addr)) is not None:
            keys.append(("addr", a))
        return keys

    def delay_for(self, strikes: int) -> float:
        """The block after the n-th strike: 60 s, doubling, at most 30 minutes."""
        return min(self.base_delay_s * 2 ** max(strikes - 1, 0), self.max_delay_s)

    def check(self, username: str | None, addr: str | None) -> int:
        """Seconds the caller must wait before trying again (0: allowed), the longer of the
        username's and the address's block."""
        keys = self._keys(username, addr)
        if not keys:
            return 0
        now = self.clock()
        where = " OR ".join("(kind = ? AND key = ?)" for _ in keys)
        params = [p for k in keys for p in k]
        with self.store.connect() as con:
            row = con.execute(f"SELECT MAX(blocked_until) FROM login_blocks WHERE {where}",
                              params).fetchone()
        until = row[0] if row and row[0] is not None else 0.0
        return max(0, math.ceil(until - now))

    def record_failure(self, username: str | None, addr: str | None) -> int:
        """Count one failed login for the username and the address. Returns the block in
        seconds that this failure started (0 if none), to log when a block begins."""
        now = self.clock()
        started = 0.0
        with self.store.transaction() as con:
            for kind, key in self._keys(username, addr):
                con.execute("INSERT INTO login_attempts (kind, key, at) VALUES (?, ?, ?)",
                            (kind, key, now))
                block = con.execute(
                    "SELECT strikes, blocked_until FROM login_blocks WHERE kind = ? AND key = ?",
                    (kind, key)).fetchone()
                if block is not None and now - block["blocked_until"] > self.window_s:
                    con.execute("DELETE FROM login_blocks WHERE kind = ? AND key = ?", (kind, key))
                    block = None
                if block is not None:
                    strikes = block["strikes"] + 1
                else:
                    recent = con.execute(
                        "SELECT COUNT(*) FROM login_attempts WHERE kind = ? AND key = ? AND at > ?",
                        (kind, key, now - self.window_s)).fetchone()[0]
                    if recent < self.threshold[kind]:
                        continue
                    strikes = 1
                delay = self.delay_for(strikes)
                con.execute(
                    "INSERT INTO login_blocks (kind, key, strikes, blocked_until) "
                    "VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (kind, key) DO UPDATE SET strikes = excluded.strikes, "
                    "blocked_until = MAX(blocked_until, excluded.blocked_until)",
                    (kind, key, strikes, now + delay))
                started = max(started, delay)
            con.execute("DELETE FROM login_attempts WHERE at < ?", (now - KEEP_S,))
            con.execute("DELETE FROM login_blocks WHERE blocked_until < ?", (now - self.window_s,))
        return math.ceil(started)

    def record_success(self, username: str | None, addr: str | None = None) -> None:
        """A good login: forget the username's failures and block (the address keeps its)."""
        key = user_key(username)
        if key is None:
            return
        with self.store.transaction() as con:
            con.execute("DELETE FROM login_attempts WHERE kind = 'user' AND key = ?", (key,))
            con.execute("DELETE FROM login_blocks WHERE kind = 'user' AND key = ?", (key,))

    def reset(self, username: str | None = None, addr: str | None = None) -> None:
        """Lift blocks by hand (an admin unblocking a user or an office address)."""
        with self.store.transaction() as con:
            for kind, key in self._keys(username, addr):
                con.execute("DELETE FROM login_attempts WHERE kind = ? AND key = ?", (kind, key))
                con.execute("DELETE FROM login_blocks WHERE kind = ? AND key = ?", (kind, key))
