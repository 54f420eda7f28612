"""argon2id hashing, the password policy and generated passwords."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type

from dashboard.auth import passwords
from dashboard.auth.errors import AuthError, PasswordPolicyError

REAL = passwords._hasher  # before the fixture swaps it
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", CHEAP)
    monkeypatch.setattr(passwords, "_dummy_hash", None)


def test_hash_is_argon2id_salted_and_verifies():
    h1 = passwords.hash_password("correct horse battery")
    h2 = passwords.hash_password("correct horse battery")
    assert h1.startswith("$argon2id$")
    assert h1 != h2  # a fresh salt each time
    assert passwords.verify_password(h1, "correct horse battery")
    assert not passwords.verify_password(h1, "correct horse batterY")
    assert not passwords.verify_password(h1, "")


def test_verify_never_raises_on_a_bad_hash():
    assert not passwords.verify_password("not a hash", "whatever password")
    assert not passwords.verify_password("", "whatever password")
    assert passwords.needs_rehash("not a hash")


def test_the_production_hasher_is_argon2id_with_at_least_rfc9106_low_memory():
    assert REAL.type is Type.ID
    assert REAL.memory_cost >= 65536 and REAL.time_cost >= 3 and REAL.parallelism >= 1


def test_needs_rehash_when_parameters_change(monkeypatch):
    old = passwords.hash_password("correct horse battery")
    assert not passwords.needs_rehash(old)
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=2, memory_cost=1024,
                                                             parallelism=1))
    assert passwords.needs_rehash(old)
    assert passwords.verify_password(old, "correct horse battery")  # old hashes still verify


def test_dummy_hash_is_made_once_with_current_parameters():
    d = passwords.dummy_hash()
    assert d is passwords.dummy_hash()
    assert not passwords.needs_rehash(d)
    assert not passwords.verify_password(d, "")


@pytest.mark.parametrize("pw", ["", "a" * 11, "short", " " * 20, "x" * 1025])
def test_policy_rejects(pw):
    with pytest.raises(PasswordPolicyError):
        passwords.check_policy(pw)


def test_policy_error_is_an_auth_error_and_a_value_error():
    assert issubclass(PasswordPolicyError, AuthError)
    assert issubclass(PasswordPolicyError, ValueError)


@pytest.mark.parametrize("pw", ["a" * 12, "twelve chars", "ĳzeren brug over de schelde",
                                "x" * 1024])
def test_policy_accepts(pw):
    passwords.check_policy(pw)


def test_policy_rejects_non_text():
    with pytest.raises(PasswordPolicyError):
        passwords.check_policy(None)  # type: ignore[arg-type]


def test_generated_passwords():
    seen = {passwords.generate_password() for _ in range(200)}
    assert len(seen) == 200
    for pw in seen:
        assert len(pw) >= 16
        assert set(pw) <= set(passwords._ALPHABET)
        passwords.check_policy(pw)
    assert not set("0O1lI") & set(passwords._ALPHABET)
    assert len(passwords.generate_password(32)) == 32
    with pytest.raises(ValueError):
        passwords.generate_password(12)
