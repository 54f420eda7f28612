"""Number and period formatting, nl-BE style: ``56,3 %``, ``1.234``, ``+2,1 procentpunt``."""

from __future__ import annotations

from typing import Any

# The number core is shared with the printed report (etl never imports dashboard).
from etl.report import nlfmt
from etl.report.nlfmt import DASH, count, is_missing, number, pct, pp_value  # noqa: F401

MONTHS = {
    "nl": nlfmt.MONTHS,
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
MONTHS_SHORT = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def pp(diff_points: Any, lang: str = "nl", decimals: int = 1) -> str:
    """``2.1`` -> ``+2,1 procentpunt`` (``+2,1 percentage points`` in English)."""
    if is_missing(diff_points):
        return DASH
    x = round(float(diff_points), decimals)
    sign = "+" if x > 0 else ("−" if x < 0 else "±")
    unit = "procentpunt" if lang != "en" else "percentage points"
    return f"{sign}{number(abs(x), decimals)} {unit}"


def km(value: Any) -> str:
    return DASH if is_missing(value) else f"{number(value, 1)} km"


def period_label(period: str, lang: str = "nl", short: bool = False) -> str:
    """``2024-06`` -> ``juni 2024``; ``2024-Q2`` -> ``2e kwartaal 2024``; ``2024`` -> ``2024``."""
    if not period:
        return ""
    if "-Q" in period:
        year, q = period.split("-Q")
        if short:
            return f"{year} K{q}" if lang != "en" else f"{year} Q{q}"
        return f"{q}e kwartaal {year}" if lang != "en" else f"Q{q} {year}"
    if len(period) == 7:
        year, month = period.split("-")
        names = MONTHS_SHORT if short else MONTHS
        return f"{names[lang if lang == 'en' else 'nl'][int(month) - 1]} {year}"
    return period


def date_time(iso: str | None, lang: str = "nl") -> str:
    """ISO 8601 UTC -> ``29 november 2026, 05:15 UTC``."""
    return nlfmt.date_time(iso, MONTHS["en" if lang == "en" else "nl"])
