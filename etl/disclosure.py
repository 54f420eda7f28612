"""Disclosure control: the one place where small counts are suppressed.

Counts from 1 to k-1 are never shown or exported (0 may be shown), and a rate
whose numerator or denominator is suppressed is suppressed too (data contract
section 5). The dashboard, its downloads and ``python -m etl export`` all call
``suppress_indicators``.
"""

from __future__ import annotations

import os

import pandas as pd

DEFAULT_K = 5
MIN_K = 3

# rate column -> (numerator, denominator)
RATE_PARTS = {
    "registration_rate": ("n_registered", "person_months"),
    "guidance_rate": ("n_guidance", "person_months"),
    "work_6m_rate": ("work_6m_n", "work_6m_base"),
    "work_12m_rate": ("work_12m_n", "work_12m_base"),
}
COUNT_COLUMNS = (
    "leefloners",
    "person_months",
    "n_registered",
    "n_guidance",
    "work_6m_base",
    "work_6m_n",
    "work_12m_base",
    "work_12m_n",
)


def suppression_k() -> int:
    """The threshold k from ``LEEFLOON_SUPPRESSION_K`` (default 5, never below 3)."""
    raw = os.environ.get("LEEFLOON_SUPPRESSION_K", "")
    if not raw.strip():
        return DEFAULT_K
    try:
        k = int(raw)
    except ValueError:
        raise ValueError(f"LEEFLOON_SUPPRESSION_K must be a whole number, got {raw!r}") from None
    if k < MIN_K:
        raise ValueError(f"LEEFLOON_SUPPRESSION_K must be at least {MIN_K}, got {k}")
    return k


def is_small(values: pd.Series, k: int) -> pd.Series:
    """True where a count is between 1 and k-1."""
    numeric = pd.to_numeric(values, errors="coerce")
    return (numeric >= 1) & (numeric < k)


def suppress_indicators(df: pd.DataFrame, k: int | None = None) -> pd.DataFrame:
    """Suppress small counts and the rates built on them; adds ``is_suppressed``."""
    k = suppression_k() if k is None else k
    if k < MIN_K:
        raise ValueError(f"the suppression threshold must be at least {MIN_K}, got {k}")
    out = df.copy()
    small = {c: is_small(out[c], k) for c in COUNT_COLUMNS if c in out.columns}
    any_suppressed = pd.Series(False, index=out.index)
    for rate, (num, den) in RATE_PARTS.items():
        if rate not in out.columns:
            continue
        mask = pd.Series(False, index=out.index)
        for part in (num, den):
            if part in small:
                mask |= small[part]
        out[rate] = out[rate].astype("Float64").mask(mask)
        any_suppressed |= mask
    for col, mask in small.items():
        out[col] = out[col].astype("Int64").mask(mask)
        any_suppressed |= mask
    out["is_suppressed"] = any_suppressed.astype(bool)
    return out


def reason_text(lang: str = "nl", k: int | None = None) -> str:
    """Why a cell is empty, in the user's language."""
    k = suppression_k() if k is None else k
    if lang == "en":
        return f"fewer than {k} persons"
    return f"minder dan {k} personen"
