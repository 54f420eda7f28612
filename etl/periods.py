"""Periods as users write them: ``2024-06`` (month), ``2024-Q2`` (quarter), ``2024`` (year)."""

from __future__ import annotations

import re

PERIOD_TYPES = ("month", "quarter", "year")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def month_idx(month: str) -> int:
    """``YYYY-MM`` -> year * 12 + month - 1."""
    m = _MONTH.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"not a month in the form YYYY-MM: {month!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_text(idx: int) -> str:
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


def parse_period(text: str) -> tuple[str, str]:
    """Return (period_type, canonical period) or raise ValueError."""
    value = (text or "").strip()
    if (m := _MONTH.match(value)) and 1 <= int(m.group(2)) <= 12:
        return "month", value
    if m := _QUARTER.match(value):
        return "quarter", f"{m.group(1)}-Q{m.group(2)}"
    if _YEAR.match(value):
        return "year", value
    raise ValueError(
        f"not a period: {text!r}; use a month (2024-06), a quarter (2024-Q2) or a year (2024)"
    )


def period_months(period_type: str, period: str) -> tuple[int, int]:
    """First and last month_idx of a canonical period."""
    if period_type == "month":
        idx = month_idx(period)
        return idx, idx
    year = int(period[:4])
    if period_type == "quarter":
        first = year * 12 + (int(period[-1]) - 1) * 3
        return first, first + 2
    return year * 12, year * 12 + 11


def detail_period(period_type: str, period: str) -> tuple[str, str]:
    """The period a breakdown or outflow split is published for: breakdowns and outflow
    splits are published per quarter and year only (docs/etl.md), so a month maps to the
    quarter that holds it."""
    if period_type != "month":
        return period_type, period
    idx = month_idx(period)
    return "quarter", f"{idx // 12:04d}-Q{idx % 12 // 3 + 1}"
