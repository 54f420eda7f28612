"""Recognising Belgian national register (INSZ/NISS) numbers.

An INSZ is 11 digits: birth date (YYMMDD), a serial number and a mod-97 check
over the first nine digits (with a leading ``2`` for people born from 2000 on).
It is often written with separators, e.g. ``85.07.30-033.28``. The SQL macro
``is_insz`` in ``sql/staging/macros.sql`` implements the same rule.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[.\- /]")
_ALLOWED = re.compile(r"^[0-9.\- /]+$")


def normalise(value: str) -> str | None:
    """The 11 digits of an INSZ-shaped value, or None if it is not shaped like one."""
    text = (value or "").strip()
    if not _ALLOWED.match(text):
        return None
    digits = _SEPARATORS.sub("", text)
    return digits if len(digits) == 11 else None


def is_valid_insz(value: str) -> bool:
    """True for 11 digits (separators allowed) whose mod-97 check is right."""
    digits = normalise(value)
    if digits is None:
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)
