"""Password hashing (argon2id through argon2-cffi) and generated passwords.

``hash_password`` gives a self-describing argon2id string (``$argon2id$v=19$m=...``), so
the parameters live in the hash: raising them later only makes ``needs_rehash`` true for
the old hashes, which :meth:`UserStore.verify` then replaces on the next good login.
"""

from __future__ import annotations

import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dashboard.auth.errors import PasswordPolicyError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # long enough for any passphrase, short enough to bound the work
GENERATED_LENGTH = 20
# no 0/O, 1/l/I: generated passwords are read off a terminal and typed in
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# argon2-cffi's defaults follow RFC 9106's "low memory" choice: argon2id, t=3, m=64 MiB, p=4
_hasher = PasswordHasher()
_dummy_lock = threading.Lock()
_dummy_hash: str | None = None


def check_policy(password: str) -> None:
    """At least 12 characters (any characters: a passphrase is fine), at most 1024."""
    if not isinstance(password, str):
        raise PasswordPolicyError("the password must be text")
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"the password must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"the password must have at most {MAX_LENGTH} characters")
    if not password.strip():
        raise PasswordPolicyError("the password must not be only spaces")


def hash_password(password: str) -> str:
    """An argon2id hash of the password (salted; policy not checked here)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password matches the hash; False (never an exception) for a bad hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def dummy_hash() -> str:
    """A hash of a random password with today's parameters, made once per process: verified
    against when a user does not exist, so that case costs the same time as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        with _dummy_lock:
            if _dummy_hash is None:
                _dummy_hash = _hasher.hash(secrets.token_urlsafe(32))
    return _dummy_hash


def generate_password(length: int = GENERATED_LENGTH) -> str:
    """A random password from an unambiguous alphabet (20 characters: about 116 bits)."""
    if length < 16:
        raise ValueError("generated passwords have at least 16 characters")
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))
