"""Disclosure control: the one place where small counts are suppressed.

Counts from 1 to k-1 are never shown or exported (0 may be shown), and a rate
whose numerator or denominator is suppressed is suppressed too (data contract
section 5). The dashboard, its downloads and ``python -m etl export`` all call
this module.

Two steps:

* **primary** (``suppress_indicators``): every count in 1..k-1 is hidden, and
  every rate built on a hidden count.
* **secondary** (``secondary_suppress``): in a table where the categories of one
  breakdown are shown beside their total (or the total is shown elsewhere), a
  single hidden category could be recovered as total minus the shown
  categories. Further cells are hidden until no primary cell's value can be
  pinned down, always choosing the same categories (a stable ranking), so that
  the same category is hidden in every period where one is needed.

``suppress_table`` does both in one call. docs/privacy.md explains the rules.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
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

# Columns added by secondary_suppress / suppress_table.
REASON_COLUMN = "suppressed_reason"  # "" | "primary" | "secondary" (row level)
SECONDARY_CELLS_COLUMN = "secondary_cells"  # comma-joined names of the cells hidden as secondary
PRIMARY, SECONDARY = "primary", "secondary"


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


def resolve_k(k: int | None) -> int:
    k = suppression_k() if k is None else k
    if k < MIN_K:
        raise ValueError(f"the suppression threshold must be at least {MIN_K}, got {k}")
    return int(k)


def is_small(values: pd.Series, k: int) -> pd.Series:
    """True where a count is between 1 and k-1 (False where it is missing)."""
    return pd.Series(_small(values, k), index=values.index)


def _numbers(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _small(values: pd.Series, k: int) -> np.ndarray:
    a = _numbers(values)
    return (a >= 1) & (a < k)


def masked(values: pd.Series, hide: np.ndarray, dtype: str) -> pd.Series:
    """``values`` as a nullable ``dtype`` column with the ``hide`` cells empty (built from
    numpy: pandas' own astype-and-mask is slow on the many small frames the dashboard
    suppresses)."""
    a = _numbers(values)
    missing = np.isnan(a) | hide
    if dtype == "Int64":
        if not np.array_equal(a[~missing], np.round(a[~missing])):
            return values.astype("Int64").mask(pd.Series(hide, index=values.index))
        arr = pd.arrays.IntegerArray(np.where(missing, 0, a).astype("int64"), missing)
    else:
        arr = pd.arrays.FloatingArray(np.where(missing, 0.0, a), missing)
    return pd.Series(arr, index=values.index, name=values.name)


def suppress_indicators(df: pd.DataFrame, k: int | None = None) -> pd.DataFrame:
    """Suppress small counts and the rates built on them; adds ``is_suppressed``."""
    k = resolve_k(k)
    n = len(df)
    small = {c: _small(df[c], k) for c in COUNT_COLUMNS if c in df.columns}
    any_suppressed = np.zeros(n, dtype=bool)
    changed: dict[str, Any] = {}  # set at once: column by column costs more on small frames
    for rate, (num, den) in RATE_PARTS.items():
        if rate not in df.columns:
            continue
        mask = np.zeros(n, dtype=bool)
        for part in (num, den):
            if part in small:
                mask |= small[part]
        changed[rate] = masked(df[rate], mask, "Float64")
        any_suppressed |= mask
    for col, mask in small.items():
        changed[col] = masked(df[col], mask, "Int64")
        any_suppressed |= mask
    changed["is_suppressed"] = any_suppressed
    return df.assign(**changed)


# -- secondary suppression ----------------------------------------------------------
RankBy = str | Mapping[Any, Any] | Sequence[Any] | pd.Series | None


def category_rank(df: pd.DataFrame, category: str, column: str,
                  total: Any = None) -> dict[Any, float]:
    """Each category's ``column`` summed over the whole frame (total rows left out).

    This is the default ranking of ``secondary_suppress``: the category with the
    smallest sum is hidden first. When a table is suppressed one period at a time,
    compute the ranking once from a frame with all periods and pass it as
    ``rank_by`` so every period hides the same category.
    """
    values = pd.to_numeric(df[column], errors="coerce").fillna(0).to_numpy(dtype=float)
    keep = np.ones(len(df), dtype=bool) if total is None else ~_is_total(df[category], total)
    sums: dict[Any, float] = {}
    for cat, value in zip(df[category].to_numpy()[keep], values[keep]):
        sums[cat] = sums.get(cat, 0.0) + float(value)
    return sums


def secondary_suppress(
    df: pd.DataFrame,
    by: Iterable[str] | str | None,
    category: str,
    columns: Iterable[str],
    total: Any = None,
    k: int | None = None,
    rank_by: RankBy = None,
) -> pd.DataFrame:
    """Hide further cells so that no small count can be derived from a total.

    ``df`` holds one row per category of one breakdown within each group of the
    ``by`` columns (e.g. ``["area_code", "period", "dimension"]``); ``category``
    names the category column and ``columns`` the counts to protect (absent ones
    are skipped). Pass raw counts for the full check; an already suppressed frame
    also works, with its empty cells taken as hidden (see below).

    Per group and column:

    * cells with counts 1..k-1 are hidden (primary); empty input cells are taken
      as hidden too;
    * the group total is taken as known: if ``total`` is given, rows whose
      category equals it are the group's total row, known when shown (a group
      whose total row is hidden needs nothing more); without a total row in the
      group the total is assumed to be published elsewhere;
    * the group is safe when no primary cell's value can be pinned down by an
      attacker who knows the shown cells, the total, that 0 is always shown (a
      hidden cell is >= 1), that a primary cell lies in 1..k-1 and a secondary
      one is >= k. That needs at least two hidden cells (never a lone one), and
      excludes e.g. two hidden 1s. Where the values of hidden input cells are
      unknown (already suppressed), two hidden cells count as safe;
    * while the group is not safe, the next candidate is hidden (secondary): an
      unhidden non-zero category, the one with the smallest ``rank_by`` key first
      (ties by category name). A 0 is never chosen: hiding it protects nothing.
      If no candidate is left and the total row is in the frame, it is hidden.

    ``rank_by`` (stable across periods, so the same category is chosen in every
    period): None = each category's sum of that column over the whole frame
    (``category_rank``); a column name = that column's sum per category; a mapping
    (or Series) category -> key; or a sequence of categories, first hidden first.

    Rates (``RATE_PARTS``) whose numerator or denominator is hidden here are
    hidden too. Adds or updates ``is_suppressed``, ``suppressed_reason``
    ("", "primary", "secondary": primary wins in a row with both) and
    ``secondary_cells`` (comma-joined names of the cells hidden as secondary).
    """
    k = resolve_k(k)
    return _secondary(df.copy(), df, by, category, columns, total, k, rank_by)


def suppress_table(
    df: pd.DataFrame,
    k: int | None = None,
    by: Iterable[str] | str | None = None,
    category: str | None = None,
    *,
    total: Any = None,
    columns: Iterable[str] | None = None,
    rank_by: RankBy = None,
) -> pd.DataFrame:
    """Primary and secondary suppression in one call, for the dashboard and exports.

    ``suppress_indicators`` on the frame, then, when ``category`` is given,
    ``secondary_suppress`` within the ``by`` groups on ``columns`` (default: the
    ``COUNT_COLUMNS`` present), checked against the raw counts. Without
    ``category`` only primary suppression is done (one row per area and period,
    no breakdown). The result always has ``is_suppressed``, ``suppressed_reason``
    and ``secondary_cells``.
    """
    k = resolve_k(k)
    out = suppress_indicators(df, k)
    if category is None:
        flagged = out["is_suppressed"].to_numpy(dtype=bool)
        out[REASON_COLUMN] = np.where(flagged, PRIMARY, "").astype(object)
        out[SECONDARY_CELLS_COLUMN] = ""
        return out
    cols = [c for c in COUNT_COLUMNS if c in df.columns] if columns is None else list(columns)
    return _secondary(out, df, by, category, cols, total, k, rank_by)


def reason_text(lang: str = "nl", k: int | None = None) -> str:
    """Why a cell is empty, in the user's language."""
    k = suppression_k() if k is None else k
    if lang == "en":
        return f"fewer than {k} persons"
    return f"minder dan {k} personen"


def secondary_reason_text(lang: str = "nl") -> str:
    """Why a cell hidden by secondary suppression is empty, in the user's language."""
    if lang == "en":
        return "hidden so that a small count cannot be derived"
    return "verborgen zodat een klein aantal niet kan worden afgeleid"


# -- internals -----------------------------------------------------------------------
def _is_total(values: pd.Series, total: Any) -> np.ndarray:
    return (values == total).fillna(False).to_numpy(dtype=bool)


def _as_count(values: pd.Series) -> pd.Series:
    numeric = pd.to_numeric(values, errors="coerce")
    try:
        return numeric.astype("Int64")
    except (TypeError, ValueError):  # not whole numbers: keep them as they are
        return numeric.astype("Float64")


def _rank_key(df: pd.DataFrame, category: str, column: str, total: Any, rank_by: RankBy):
    """A function category -> sort key; smaller keys are hidden first."""
    if rank_by is None or isinstance(rank_by, str):
        sums = category_rank(df, category, column if rank_by is None else rank_by, total)
        return lambda cat: (0, sums.get(cat, 0.0), str(cat))
    if isinstance(rank_by, pd.Series):
        rank_by = rank_by.to_dict()
    if isinstance(rank_by, Mapping):
        keys = dict(rank_by)
    else:
        keys = {cat: i for i, cat in reversed(list(enumerate(rank_by)))}
    return lambda cat: (0, keys[cat], str(cat)) if cat in keys else (1, 0, str(cat))


def _pinned(values: list[float], kinds: list[str], k: int) -> bool:
    """True if an attacker can tell the exact value of a primary hidden cell.

    The attacker knows the sum of the hidden cells (total minus the shown cells),
    that each is >= 1, that a primary cell is <= k-1 and a secondary one >= k.
    These are the exact bounds of the primary cells under those constraints.
    """
    n_primary = kinds.count(PRIMARY)
    n_secondary = kinds.count(SECONDARY)
    if n_primary == 0:
        return False
    if n_primary + n_secondary == 1:
        return True
    rest_max = (n_primary - 1) * (k - 1) + (math.inf if n_secondary else 0)
    rest_min = (n_primary - 1) + n_secondary * k
    hidden_sum = sum(values)
    lower = max(1, hidden_sum - rest_max)
    upper = min(k - 1, hidden_sum - rest_min)
    return lower >= upper


def _group_safe(hidden: list[int], vals: np.ndarray, k: int) -> bool:
    """Whether the hidden category cells (positions) of one group and column are protected."""
    if not hidden:
        return True
    if len(hidden) == 1:
        return False
    if any(np.isnan(vals[p]) for p in hidden):  # values unknown: two hidden cells suffice
        return True
    kinds = [PRIMARY if vals[p] < k else SECONDARY for p in hidden]
    return not _pinned([float(vals[p]) for p in hidden], kinds, k)


def _groups(df: pd.DataFrame, by: list[str]) -> list[np.ndarray]:
    if not len(df):
        return []
    if not by:
        return [np.arange(len(df))]
    return list(df.groupby(by, sort=False, dropna=False).indices.values())


def _secondary(out: pd.DataFrame, raw: pd.DataFrame, by, category: str, columns, total: Any,
               k: int, rank_by: RankBy) -> pd.DataFrame:
    by = [by] if isinstance(by, str) else list(by or [])
    for col in [*by, category]:
        if col not in raw.columns:
            raise KeyError(f"secondary suppression: column {col!r} is not in the table")
    if isinstance(rank_by, str) and rank_by not in raw.columns:
        raise KeyError(f"secondary suppression: rank_by column {rank_by!r} is not in the table")
    columns = [c for c in dict.fromkeys(columns) if c in raw.columns]
    n = len(raw)
    totals = np.zeros(n, dtype=bool) if total is None else _is_total(raw[category], total)
    categories = raw[category].to_numpy()
    groups = _groups(raw, by)

    primary: dict[str, np.ndarray] = {}
    secondary: dict[str, np.ndarray] = {}
    for col in columns:
        vals = pd.to_numeric(raw[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        small = (vals >= 1) & (vals < k)
        hidden = small | np.isnan(vals)
        chosen = np.zeros(n, dtype=bool)
        key = _rank_key(raw, category, col, total, rank_by)
        for pos in groups:
            cells = [int(p) for p in pos if not totals[p]]
            total_rows = [int(p) for p in pos if totals[p]]
            if total_rows and all(hidden[p] for p in total_rows):
                continue  # the total is not known: nothing to subtract from
            hidden_cells = [p for p in cells if hidden[p]]
            if _group_safe(hidden_cells, vals, k):
                continue
            candidates = sorted((p for p in cells if not hidden[p] and vals[p] > 0),
                                key=lambda p: (key(categories[p]), p))
            for p in candidates:
                hidden_cells.append(p)
                chosen[p] = True
                if _group_safe(hidden_cells, vals, k):
                    break
            else:
                for p in total_rows:  # no category left to hide: hide the total instead
                    if not hidden[p]:
                        chosen[p] = True
        primary[col], secondary[col] = small, chosen
        out[col] = _as_count(out[col]).mask(pd.Series(small | chosen, index=out.index))

    rate_primary: dict[str, np.ndarray] = {}
    rate_secondary: dict[str, np.ndarray] = {}
    for rate, parts in RATE_PARTS.items():
        if rate not in out.columns:
            continue
        prim = np.zeros(n, dtype=bool)
        sec = np.zeros(n, dtype=bool)
        for part in parts:
            if part in primary:
                prim |= primary[part]
                sec |= secondary[part]
        if prim.any() or sec.any():
            out[rate] = out[rate].astype("Float64").mask(pd.Series(prim | sec, index=out.index))
        rate_primary[rate], rate_secondary[rate] = prim, sec & ~prim

    any_primary = np.zeros(n, dtype=bool)
    for mask in [*primary.values(), *rate_primary.values()]:
        any_primary |= mask
    any_secondary = np.zeros(n, dtype=bool)
    for mask in [*secondary.values(), *rate_secondary.values()]:
        any_secondary |= mask

    if REASON_COLUMN in raw.columns:
        prior = raw[REASON_COLUMN].fillna("").astype(str).to_numpy()
    elif "is_suppressed" in out.columns:
        prior = np.where(out["is_suppressed"].fillna(False).to_numpy(dtype=bool), PRIMARY, "")
    else:
        prior = np.full(n, "", dtype=object)
    reason = np.where(any_primary | (prior == PRIMARY), PRIMARY,
                      np.where(any_secondary | (prior == SECONDARY), SECONDARY, ""))

    prior_cells = (raw[SECONDARY_CELLS_COLUMN].fillna("").astype(str).tolist()
                   if SECONDARY_CELLS_COLUMN in raw.columns else [""] * n)
    names = [*secondary, *rate_secondary]
    masks = [*secondary.values(), *rate_secondary.values()]
    cells_text = []
    for i in range(n):
        listed = [c for c in prior_cells[i].split(",") if c]
        listed += [c for c, m in zip(names, masks) if m[i] and c not in listed]
        cells_text.append(",".join(listed))

    if "is_suppressed" in out.columns:
        was = out["is_suppressed"].fillna(False).to_numpy(dtype=bool)
    else:
        was = np.zeros(n, dtype=bool)
    out["is_suppressed"] = was | any_primary | any_secondary
    out[REASON_COLUMN] = pd.Series(reason, index=out.index, dtype=object)
    out[SECONDARY_CELLS_COLUMN] = pd.Series(cells_text, index=out.index, dtype=object)
    return out
