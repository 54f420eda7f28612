"""nl-BE number, period and date formatting for the printed report.

``56,3 %``, ``1.234``, ``+2,1 procentpunt``. The dashboard's ``dashboard/fmt.py``
uses the number functions from here (``etl`` never imports ``dashboard``).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pandas as pd

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
DASH = "–"
MINUS = "−"


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _group(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ".".join(out)


def number(value: Any, decimals: int = 0) -> str:
    """``1234.5`` -> ``1.234,5``."""
    if is_missing(value):
        return DASH
    x = float(value)
    if math.isinf(x):
        return DASH
    text = f"{abs(x):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if x < 0 and float(text) != 0 else ""
    return sign + _group(whole) + ("," + frac if frac else "")


def count(value: Any) -> str:
    return number(value, 0)


def pct(rate: Any, decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.5634`` -> ``56,3 %``."""
    if is_missing(rate):
        return DASH
    return f"{number(float(rate) * 100, decimals)} %"


def pp_value(a: Any, b: Any, decimals: int = 1) -> float | None:
    """Difference a - b in percentage points, or None: of the two rates as ``pct`` shows
    them, so that it equals what a reader subtracts (19,0 % against 19,2 % is -0,2, even
    when the unrounded rates are 0,1 point apart)."""
    if is_missing(a) or is_missing(b):
        return None
    return round(float(f"{float(a) * 100:.{decimals}f}") - float(f"{float(b) * 100:.{decimals}f}"),
                 decimals)


def pp(diff_points: Any, decimals: int = 1, short: bool = False) -> str:
    """``2.1`` -> ``+2,1 procentpunt`` (``+2,1 pp`` with ``short``)."""
    if is_missing(diff_points):
        return DASH
    x = round(float(diff_points), decimals)
    sign = "+" if x > 0 else (MINUS if x < 0 else "±")
    unit = "pp" if short else "procentpunt"
    return f"{sign}{number(abs(x), decimals)} {unit}"


def period_label(period: str, short: bool = False) -> str:
    """``2024-06`` -> ``juni 2024``; ``2024-Q2`` -> ``2e kwartaal 2024`` (short: ``2024 K2``)."""
    if not period:
        return ""
    if "-Q" in period:
        year, q = period.split("-Q")
        return f"{year} K{q}" if short else f"{q}e kwartaal {year}"
    if len(period) == 7:
        year, month = period.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"
    return period


def period_phrase(period_type: str, period: str) -> str:
    """The period as the start of a sentence: ``In 2024``, ``In het 2e kwartaal van 2024``."""
    if period_type == "quarter":
        year, q = period.split("-Q")
        return f"In het {q}e kwartaal van {year}"
    if period_type == "month":
        return f"In {period_label(period)}"
    return f"In {period}"


def period_noun(period_type: str, period: str) -> str:
    """The period inside a sentence: ``2024``, ``het 2e kwartaal van 2024``, ``juni 2024``."""
    if period_type == "quarter":
        year, q = period.split("-Q")
        return f"het {q}e kwartaal van {year}"
    return period_label(period)


def month_label(month: str | None) -> str:
    """``2025-06`` -> ``juni 2025``."""
    if not month:
        return DASH
    return period_label(month)


def date_time(iso: str | None, months: list[str] = MONTHS) -> str:
    """ISO 8601 UTC -> ``29 november 2026, 05:15 UTC`` (``months``: the month names)."""
    if not iso:
        return DASH
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return f"{dt.day} {months[dt.month - 1]} {dt.year}, {dt:%H:%M} UTC"


def join_names(names: list[str]) -> str:
    """``[a, b, c]`` -> ``a, b en c``."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]
