"""Failed-login throttling: per username and per address, shared through the database."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.auth.service import Authenticator
from dashboard.auth.store import UserStore
from dashboard.auth.throttle import Throttle, address_key

PW = "correct horse battery"


class Clock:
    def __init__(self, t: float = 1_750_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                             parallelism=1))
    monkeypatch.setattr(passwords, "_dummy_hash", None)


@pytest.fixture
def store(tmp_path):
    return UserStore(tmp_path / "app.sqlite3")


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def throttle(store, clock):
    return Throttle(store, clock=clock)


def fail(t: Throttle, n: int, user="gent", addr="10.0.0.1") -> list[int]:
    return [t.record_failure(user, addr) for _ in range(n)]


def test_five_failures_block_for_a_minute(throttle, clock):
    assert fail(throttle, 4) == [0, 0, 0, 0]
    assert throttle.check("gent", "10.0.0.1") == 0
    assert throttle.record_failure("gent", "10.0.0.1") == 60
    assert throttle.check("gent", "10.0.0.1") == 60
    assert throttle.check("gent", None) == 60      # the username is blocked from anywhere
    assert throttle.check(None, "10.0.0.1") == 60  # and the address for any username
    assert throttle.check("GENT", "10.9.9.9") == 60
    clock.advance(59.5)
    assert throttle.check("gent", "10.0.0.1") == 1
    clock.advance(0.5)
    assert throttle.check("gent", "10.0.0.1") == 0


def test_delay_doubles_up_to_thirty_minutes(throttle, clock):
    fail(throttle, 5)
    delays = []
    for _ in range(8):
        clock.advance(throttle.check("gent", "10.0.0.1"))
        assert throttle.check("gent", "10.0.0.1") == 0
        delays.append(throttle.record_failure("gent", "10.0.0.1"))
    assert delays == [120, 240, 480, 960, 1800, 1800, 1800, 1800]


def test_quiet_period_after_a_block_resets(throttle, clock):
    fail(throttle, 5)
    clock.advance(60)
    assert throttle.record_failure("gent", "10.0.0.1") == 120  # still hot: doubles
    clock.advance(120 + 15 * 60 + 1)                            # 15 quiet minutes after it
    assert fail(throttle, 4) == [0, 0, 0, 0]
    assert throttle.record_failure("gent", "10.0.0.1") == 60    # from the start again


def test_failures_more_than_15_minutes_apart_do_not_block(throttle, clock):
    for _ in range(10):
        assert throttle.record_failure("gent", "10.0.0.1") == 0
        clock.advance(4 * 60)  # 4 failures at most in any 15-minute window
    assert throttle.check("gent", "10.0.0.1") == 0


def test_sliding_window(throttle, clock):
    fail(throttle, 4)
    clock.advance(14 * 60)
    assert throttle.record_failure("gent", "10.0.0.1") == 60  # 5 within 15 minutes


def test_success_clears_the_username_not_the_address(throttle, clock):
    fail(throttle, 4, addr="10.0.0.1")
    throttle.record_success("gent")
    assert fail(throttle, 4, addr="10.0.0.2") == [0, 0, 0, 0]  # the user's count restarted
    # the first address kept its 4: one more failure from there, any username, blocks it
    assert throttle.record_failure("someone", "10.0.0.1") == 60
    assert throttle.check("other", "10.0.0.1") == 60
    assert throttle.check("gent", "10.0.0.2") == 0


def test_success_lifts_a_username_block(throttle, clock):
    fail(throttle, 5, addr=None)
    assert throttle.check("gent", None) == 60
    throttle.record_success("gent")
    assert throttle.check("gent", None) == 0


def test_per_address_many_usernames(throttle):
    for i in range(4):
        assert throttle.record_failure(f"user{i}", "192.0.2.7") == 0
    assert throttle.record_failure("user4", "192.0.2.7") == 60
    assert throttle.check("brand-new-user", "192.0.2.7") == 60
    assert throttle.check("brand-new-user", "192.0.2.8") == 0
    for i in range(5):
        assert throttle.check(f"user{i}", "192.0.2.8") == 0  # each username failed once only


def test_per_username_many_addresses(throttle):
    for i in range(4):
        assert throttle.record_failure("gent", f"198.51.100.{i}") == 0
    assert throttle.record_failure("gent", "198.51.100.99") == 60
    assert throttle.check("gent", "203.0.113.1") == 60
    assert throttle.check("analist", "198.51.100.1") == 0


def test_ipv6_counts_per_64(throttle):
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_key("fe80::1%eth0") == "fe80::/64"
    assert address_key("") is None and address_key(None) is None
    for i in range(5):
        throttle.record_failure(f"u{i}", f"2001:db8:1:2::{i + 1:x}")
    assert throttle.check("x", "2001:db8:1:2:ffff::9") == 60
    assert throttle.check("x", "2001:db8:1:3::1") == 0


def test_shared_between_workers(store, clock, tmp_path):
    other_worker = Throttle(UserStore(store.path), clock=clock)
    this_worker = Throttle(store, clock=clock)
    fail(this_worker, 3)
    fail(other_worker, 2)
    assert this_worker.check("gent", "10.0.0.1") == 60
    assert other_worker.check("gent", "10.0.0.1") == 60


def test_address_threshold_can_be_higher(store, clock):
    t = Throttle(store, clock=clock, addr_threshold=20)
    for i in range(19):
        t.record_failure(f"u{i}", "10.1.1.1")
    assert t.check("new", "10.1.1.1") == 0
    t.record_failure("u19", "10.1.1.1")
    assert t.check("new", "10.1.1.1") == 60


def test_old_attempts_are_pruned(throttle, store, clock):
    fail(throttle, 3)
    clock.advance(2 * 24 * 3600)
    throttle.record_failure("other", "10.0.0.9")
    with store.connect() as con:
        assert con.execute("SELECT COUNT(*) FROM login_attempts").fetchone()[0] == 2
        assert con.execute("SELECT COUNT(*) FROM login_blocks").fetchone()[0] == 0


def test_reset_by_hand(throttle):
    fail(throttle, 5)
    throttle.reset(addr="10.0.0.1")
    assert throttle.check(None, "10.0.0.1") == 0
    assert throttle.check("gent", None) == 60
    throttle.reset(username="gent")
    assert throttle.check("gent", "10.0.0.1") == 0


def test_login_flow_throttles_without_verifying(store, clock, monkeypatch):
    store.add_user("gent", PW, "ocmw", ["44021"])
    auth = Authenticator(store, clock=clock)
    for _ in range(4):
        assert auth.login("gent", "wrong password!", "10.0.0.1").reason == "bad_credentials"
    fifth = auth.login("gent", "wrong password!", "10.0.0.1")
    assert fifth.reason == "bad_credentials"
    entries = auth.audit.read(event="login_failed")
    assert len(entries) == 5 and entries[0]["detail"] == {"reason": "bad_credentials",
                                                           "blocked_seconds": 60}
    verified = []
    with monkeypatch.context() as m:
        m.setattr(store, "verify", lambda *a: verified.append(a))
        blocked = auth.login("gent", PW, "10.0.0.1")  # even the right password waits
    assert (blocked.ok, blocked.reason, blocked.wait_seconds) == (False, "throttled", 60)
    assert verified == []
    assert auth.audit.count(event="login_failed") == 5  # refused attempts are not logged
    clock.advance(60)
    ok = auth.login("gent", PW, "10.0.0.1")
    assert ok.ok and ok.principal.nis_codes == ("44021",)
    assert auth.throttle.check("gent", "10.0.0.2") == 0
