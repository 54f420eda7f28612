"""Statistics for comparing municipalities fairly.

Only aggregates leave the ETL, so every function here works on **counts**
(numbers, numpy arrays or pandas Series), is vectorised and returns NaN where a
quantity is undefined (a denominator of 0, a NaN input). Impossible inputs
(negative counts, more events than trials, non-integer counts where a discrete
distribution needs integers) raise ``ValueError``: they are bugs upstream, not
missing data.

Array-like inputs give numpy arrays back (a pandas Series is treated as an array;
its index is not kept, so assign the result positionally); all-scalar inputs give
a float back.

The methods, the reasons for choosing them and how to read them are described in
``docs/statistics.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as sps

__all__ = [
    "wilson_interval",
    "compare_proportions",
    "significance_mark",
    "difference_direction",
    "funnel_limits",
    "funnel_grid",
    "eb_prior",
    "eb_shrink",
    "indirect_standardisation",
    "oe_ratio_interval",
    "poisson_interval",
    "kaplan_meier",
    "median_time",
    "median_time_interval",
    "project_total",
]

# Smallest between-unit variance allowed in the empirical-Bayes prior, as a fraction
# of p(1-p) (the intra-class correlation rho = 1 / (alpha + beta + 1)). A fitted
# rho <= 0 means "no variation beyond chance": everybody is shrunk to the pooled mean.
EB_MIN_RHO = 1e-9

# Fisher's exact test replaces the z-test when an expected cell count is below this.
MIN_EXPECTED_CELL = 5.0


# --------------------------------------------------------------------------- helpers


def _as_float(*xs):
    """Broadcast inputs to float arrays; also say whether they were all scalars."""
    scalar = all(np.ndim(x) == 0 for x in xs)
    arrs = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in xs))
    return [np.array(a, dtype=float) for a in arrs], scalar


def _out(x: np.ndarray, scalar: bool):
    return float(x) if scalar else x


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    return float(sps.norm.ppf(0.5 + level / 2))


def _check_counts(k: np.ndarray, n: np.ndarray, what: str = "k, n") -> None:
    with np.errstate(invalid="ignore"):
        if np.any(k < 0) or np.any(n < 0):
            raise ValueError(f"{what}: counts must not be negative")
        if np.any(k > n):
            raise ValueError(f"{what}: the number of events exceeds the denominator")


def _check_integer(*xs: np.ndarray) -> None:
    for x in xs:
        f = x[np.isfinite(x)]
        if np.any(f != np.round(f)):
            raise ValueError("counts must be whole numbers")


# ---------------------------------------------------------------- Wilson interval


def wilson_interval(k, n, level: float = 0.95):
    """Wilson score interval for the proportion k/n (Wilson 1927; Newcombe 1998, method 3).

    Returns ``(lo, hi)``; NaN where n == 0 or an input is NaN. No continuity
    correction. The limits are exactly 0 when k == 0 and exactly 1 when k == n.
    """
    (k, n), scalar = _as_float(k, n)
    _check_counts(k, n)
    z = _z(level)
    lo = np.full(k.shape, np.nan)
    hi = np.full(k.shape, np.nan)
    ok = np.isfinite(k) & np.isfinite(n) & (n > 0)
    kk, nn = k[ok], n[ok]
    p = kk / nn
    z2 = z * z
    denom = 1 + z2 / nn
    centre = (p + z2 / (2 * nn)) / denom
    half = z / denom * np.sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn))
    lo[ok] = np.where(kk == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    hi[ok] = np.where(kk == nn, 1.0, np.clip(centre + half, 0.0, 1.0))
    return _out(lo, scalar), _out(hi, scalar)


# ------------------------------------------------- municipality against a benchmark


def compare_proportions(k1, n1, k2, n2, nested: bool = False):
    """Two-sided p-value for "the municipality's rate k1/n1 differs from the benchmark's k2/n2".

    With ``nested=True`` the municipality is part of the benchmark (Flanders, its
    province, a pool that contains it): it is then compared with the rest of the
    benchmark, (k2 - k1) / (n2 - n1), so that it is not compared with itself.

    Test: the pooled two-proportion z-test (equivalent to Pearson's chi-square test
    on the 2x2 table without continuity correction) when every expected cell count
    of the 2x2 table is at least 5; otherwise Fisher's exact test (two-sided,
    ``scipy.stats.fisher_exact``). NaN where a denominator (after removing the
    municipality) is 0 or an input is NaN.
    """
    (k1, n1, k2, n2), scalar = _as_float(k1, n1, k2, n2)
    _check_counts(k1, n1, "k1, n1")
    _check_counts(k2, n2, "k2, n2")
    _check_integer(k1, n1, k2, n2)
    if nested:
        with np.errstate(invalid="ignore"):
            if np.any(k2 < k1) or np.any(n2 < n1) or np.any(n2 - k2 < n1 - k1):
                raise ValueError("nested=True but the municipality is larger than its benchmark")
        k2, n2 = k2 - k1, n2 - n1

    p_value = np.full(k1.shape, np.nan)
    ok = np.isfinite(k1) & np.isfinite(n1) & np.isfinite(k2) & np.isfinite(n2) & (n1 > 0) & (n2 > 0)
    if not ok.any():
        return _out(p_value, scalar)

    a, n1o, c, n2o = k1[ok], n1[ok], k2[ok], n2[ok]
    big_n = n1o + n2o
    events = a + c
    non_events = big_n - events
    # The smallest expected cell of the 2x2 table: smallest row total x smallest column total / N.
    expected_min = np.minimum(n1o, n2o) * np.minimum(events, non_events) / big_n
    use_fisher = expected_min < MIN_EXPECTED_CELL

    out = np.full(a.shape, np.nan)
    z_idx = ~use_fisher
    if z_idx.any():
        pooled = events[z_idx] / big_n[z_idx]
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1o[z_idx] + 1 / n2o[z_idx]))
        z = (a[z_idx] / n1o[z_idx] - c[z_idx] / n2o[z_idx]) / se
        out[z_idx] = 2 * sps.norm.sf(np.abs(z))
    for i in np.flatnonzero(use_fisher):
        table = [[int(a[i]), int(n1o[i] - a[i])], [int(c[i]), int(n2o[i] - c[i])]]
        out[i] = sps.fisher_exact(table, alternative="two-sided").pvalue
    p_value[ok] = np.clip(out, 0.0, 1.0)
    return _out(p_value, scalar)


def significance_mark(p_value, alpha: float = 0.05):
    """``"*"`` where p_value < alpha, ``""`` where not significant or undefined (NaN)."""
    p = np.asarray(p_value, dtype=float)
    with np.errstate(invalid="ignore"):
        marks = np.where(np.isfinite(p) & (p < alpha), "*", "")
    return str(marks) if marks.ndim == 0 else marks.astype(object)


def difference_direction(rate1, rate2):
    """Sign of rate1 - rate2: 1.0 (higher), -1.0 (lower), 0.0 (equal), NaN if either is NaN."""
    (r1, r2), scalar = _as_float(rate1, rate2)
    return _out(np.sign(r1 - r2), scalar)


# --------------------------------------------------------------------- funnel plot


def _level_label(level: float) -> str:
    """0.95 -> "95", 0.998 -> "998", 0.99 -> "99"."""
    text = f"{level * 100:.10g}"
    return text.replace(".", "")


def funnel_limits(p0, n, levels: Sequence[float] = (0.95, 0.998)) -> pd.DataFrame:
    """Exact binomial funnel-plot control limits around the target rate p0.

    For every denominator n (whole numbers; pass a grid such as ``funnel_grid`` for a
    smooth curve) and level L, the limits are the (1-L)/2 and (1+L)/2 quantiles of
    Binomial(n, p0) divided by n, with the interpolation of Spiegelhalter (2005,
    appendix A.1.1) that makes the step function continuous::

        r_q   = smallest r with P(R <= r) >= q
        a     = (P(R <= r_q) - q) / P(R = r_q)
        limit = (r_q - a) / n

    Columns: ``n`` then ``lower_<L>``, ``upper_<L>`` per level with L written without
    the dot (``lower_95``, ``upper_95``, ``lower_998``, ``upper_998``). NaN where n == 0.
    """
    n_arr = np.atleast_1d(np.asarray(n, dtype=float))
    p0_arr = np.broadcast_to(np.asarray(p0, dtype=float), n_arr.shape)
    if np.any(n_arr[np.isfinite(n_arr)] < 0):
        raise ValueError("n must not be negative")
    _check_integer(n_arr)
    with np.errstate(invalid="ignore"):
        if np.any((p0_arr < 0) | (p0_arr > 1)):
            raise ValueError("p0 must be a proportion between 0 and 1")

    out = {"n": np.asarray(n, dtype=float) if np.ndim(n) else n_arr}
    ok = np.isfinite(n_arr) & np.isfinite(p0_arr) & (n_arr > 0)
    nn, pp = n_arr[ok], p0_arr[ok]
    for level in levels:
        if not 0 < level < 1:
            raise ValueError(f"levels must be between 0 and 1, got {level!r}")
        label = _level_label(level)
        for side, q in (("lower", (1 - level) / 2), ("upper", (1 + level) / 2)):
            col = np.full(n_arr.shape, np.nan)
            r = sps.binom.ppf(q, nn, pp)
            cdf = sps.binom.cdf(r, nn, pp)
            pmf = sps.binom.pmf(r, nn, pp)
            with np.errstate(invalid="ignore", divide="ignore"):
                a = np.where(pmf > 0, (cdf - q) / pmf, 0.0)
            limit = np.clip((r - a) / nn, 0.0, 1.0)
            # A degenerate target (0 or 1) has degenerate limits.
            limit = np.where((pp == 0) | (pp == 1), pp, limit)
            col[ok] = limit
            out[f"{side}_{label}"] = col
    return pd.DataFrame(out)


def funnel_grid(n_max, n_min: int = 1, points: int = 300) -> np.ndarray:
    """Whole-number denominators from n_min to n_max, roughly evenly spaced on a log scale."""
    n_max = max(int(np.ceil(n_max)), n_min)
    grid = np.unique(np.round(np.geomspace(n_min, n_max, points)))
    return grid.astype(float)


# ------------------------------------------------------------ empirical Bayes


def eb_prior(k, n):
    """Beta(alpha, beta) prior for the units' true rates, fitted by the method of moments.

    With w_i = n_i / N (N = sum n_i), the pooled mean is mu = sum k_i / N and the
    weighted spread of the raw rates is S = sum w_i (p_i - mu)^2. Under the
    beta-binomial model with intra-class correlation rho = 1 / (alpha + beta + 1),
    E[S] = mu(1-mu) [rho (1 - sum w_i^2) + (1 - rho)(m - 1)/N] (m units), which gives

        rho = (S / (mu(1-mu)) - (m-1)/N) / (1 - sum w_i^2 - (m-1)/N)

    (the moment estimator of Kleinman 1973 with weights proportional to n_i: the
    sampling variance of each raw rate is removed before the between-unit variance
    is estimated). rho is clamped to [EB_MIN_RHO, 1 - EB_MIN_RHO], then
    alpha = mu (1/rho - 1), beta = (1 - mu)(1/rho - 1).

    Units with n == 0 or NaN are ignored. Returns (nan, nan) when the prior cannot be
    estimated (fewer than two units with n > 0, or every n_i = 1).
    """
    (k, n), _ = _as_float(k, n)
    _check_counts(k, n)
    ok = np.isfinite(k) & np.isfinite(n) & (n > 0)
    k, n = k[ok], n[ok]
    m = k.size
    if m < 2:
        return float("nan"), float("nan")
    big_n = n.sum()
    mu = k.sum() / big_n
    if mu in (0.0, 1.0):
        # Every unit is at 0 (or 1): no variation to estimate; an extreme prior
        # concentrated on mu keeps the shrunk rates at mu.
        size = 1 / EB_MIN_RHO - 1
        return mu * size, (1 - mu) * size
    w = n / big_n
    s = np.sum(w * (k / n - mu) ** 2)
    denom = 1 - np.sum(w**2) - (m - 1) / big_n
    if denom <= 0:
        return float("nan"), float("nan")
    rho = (s / (mu * (1 - mu)) - (m - 1) / big_n) / denom
    rho = float(np.clip(rho, EB_MIN_RHO, 1 - EB_MIN_RHO))
    size = 1 / rho - 1
    return float(mu * size), float((1 - mu) * size)


def eb_shrink(k, n, prior: tuple[float, float] | None = None):
    """Empirical-Bayes (beta-binomial) shrunk rates (k + alpha) / (n + alpha + beta).

    The prior is fitted on all the units passed in (``eb_prior``), or given. NaN where
    n == 0. If the prior cannot be estimated the raw rates k / n are returned.
    """
    (k, n), scalar = _as_float(k, n)
    _check_counts(k, n)
    alpha, beta = eb_prior(k, n) if prior is None else prior
    with np.errstate(invalid="ignore", divide="ignore"):
        if np.isfinite(alpha) and np.isfinite(beta):
            shrunk = (k + alpha) / (n + alpha + beta)
        else:
            shrunk = k / n
    shrunk = np.where(np.isfinite(n) & (n > 0), shrunk, np.nan)
    return _out(shrunk, scalar)


# ------------------------------------------------- case-mix: indirect standardisation


def indirect_standardisation(
    local_counts: pd.DataFrame,
    reference_rates: pd.DataFrame,
    strata: list[str],
    *,
    by: str | list[str] | None = None,
    overall_rate: float | None = None,
):
    """Expected number of events if the local population had the reference rates.

    ``expected = sum over strata of n_s * rate_s`` with ``n_s`` the local denominator
    (column ``n``, e.g. person-months at risk) and ``rate_s`` the reference (Flemish)
    rate of the stratum (column ``rate``).

    A local stratum missing from the reference (or with a NaN rate) gets the overall
    reference rate: ``overall_rate`` if given, else sum(rate * n) / sum(n) over the
    reference when it has an ``n`` column; otherwise a missing stratum is an error.

    Returns a float (the municipality's total), or with ``by`` (e.g. ``"nis_code"``)
    a Series of totals indexed by ``by``.
    """
    strata = list(strata)
    missing = [c for c in [*strata, "n"] if c not in local_counts.columns]
    if missing:
        raise ValueError(f"local_counts lacks columns {missing}")
    missing = [c for c in [*strata, "rate"] if c not in reference_rates.columns]
    if missing:
        raise ValueError(f"reference_rates lacks columns {missing}")
    if reference_rates.duplicated(strata).any():
        raise ValueError("reference_rates has more than one row for a stratum")
    if (local_counts["n"] < 0).any():
        raise ValueError("local n must not be negative")
    if (reference_rates["rate"] < 0).any():
        raise ValueError("reference rates must not be negative")

    if overall_rate is None and "n" in reference_rates.columns:
        ref = reference_rates[reference_rates["rate"].notna()]
        total = ref["n"].sum()
        overall_rate = float((ref["rate"] * ref["n"]).sum() / total) if total > 0 else None

    merged = local_counts.merge(
        reference_rates[[*strata, "rate"]], on=strata, how="left", validate="many_to_one"
    )
    fallback = merged["rate"].isna() & (merged["n"] != 0)
    if fallback.any():
        if overall_rate is None:
            raise ValueError(
                "some local strata have no reference rate; pass overall_rate= "
                "or give reference_rates an n column"
            )
        merged.loc[fallback, "rate"] = overall_rate
    # A stratum with n == 0 contributes nothing, whatever its rate.
    merged["expected"] = np.where(merged["n"] == 0, 0.0, merged["n"] * merged["rate"])
    if by is None:
        return float(merged["expected"].sum(skipna=False))
    return merged.groupby(by, sort=True)["expected"].sum(min_count=1).rename("expected")


def poisson_interval(count, level: float = 0.95):
    """Exact (Garwood 1936) confidence limits for the mean of a Poisson count.

    lo = chi2.ppf(a/2, 2x) / 2 (0 when x = 0), hi = chi2.ppf(1 - a/2, 2x + 2) / 2 with
    a = 1 - level. NaN where the count is NaN.
    """
    (x,), scalar = _as_float(count)
    if np.any(x[np.isfinite(x)] < 0):
        raise ValueError("counts must not be negative")
    a = 1 - level
    _z(level)  # validates level
    with np.errstate(invalid="ignore"):
        lo = np.where(x > 0, sps.chi2.ppf(a / 2, 2 * x) / 2, 0.0)
        hi = sps.chi2.ppf(1 - a / 2, 2 * x + 2) / 2
    lo = np.where(np.isfinite(x), lo, np.nan)
    hi = np.where(np.isfinite(x), hi, np.nan)
    return _out(lo, scalar), _out(hi, scalar)


def oe_ratio_interval(observed, expected, level: float = 0.95):
    """Observed / expected with exact Poisson (Garwood) limits on the observed count.

    Returns ``(ratio, lo, hi)``; NaN where expected is 0, negative or NaN.
    """
    (o, e), scalar = _as_float(observed, expected)
    if np.any(o[np.isfinite(o)] < 0):
        raise ValueError("observed counts must not be negative")
    lo_count, hi_count = poisson_interval(o, level)
    ok = np.isfinite(e) & (e > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(ok, o / e, np.nan)
        lo = np.where(ok, lo_count / e, np.nan)
        hi = np.where(ok, hi_count / e, np.nan)
    return _out(ratio, scalar), _out(lo, scalar), _out(hi, scalar)


# ------------------------------------------------------------------- Kaplan–Meier


def kaplan_meier(times, events, censored, level: float = 0.95) -> pd.DataFrame:
    """Kaplan–Meier estimate from counts per time.

    ``events[i]`` spells reach the event (first work month) at ``times[i]`` and
    ``censored[i]`` spells are last observed at ``times[i]`` without it. Every spell
    is counted exactly once, so the number at risk at time t is the total minus
    everything that ended before t; spells censored at t are still at risk at t
    (events are taken to come first in a tie). Repeated times are added up.

    Columns: time, at_risk, events, censored, survival, lower, upper.
    ``survival`` = S(t) = prod over t_i <= t of (1 - d_i / n_i) (the share not yet
    in work); ``lower``/``upper`` is the pointwise log(-log) interval with
    Greenwood's variance: S ** exp(+-z * se), se^2 = sum d/(n(n-d)) / log(S)^2.
    Where S is 1 (no event yet) or 0 the interval is [S, S]. Rows where nobody
    is at risk any more are NaN.
    """
    (t, d, c), _ = _as_float(times, events, censored)
    t, d, c = np.atleast_1d(t), np.atleast_1d(d), np.atleast_1d(c)
    if np.any(~np.isfinite(t)) or np.any(~np.isfinite(d)) or np.any(~np.isfinite(c)):
        raise ValueError("times, events and censored must be finite")
    if np.any(d < 0) or np.any(c < 0):
        raise ValueError("counts must not be negative")
    z = _z(level)

    agg = (
        pd.DataFrame({"time": t, "events": d, "censored": c})
        .groupby("time", sort=True, as_index=False)
        .sum()
    )
    d = agg["events"].to_numpy()
    c = agg["censored"].to_numpy()
    total = d.sum() + c.sum()
    ended_before = np.concatenate([[0.0], np.cumsum(d + c)[:-1]])
    at_risk = total - ended_before

    live = at_risk > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(live, 1 - d / at_risk, 1.0)
        survival = np.cumprod(factor)
        green_terms = np.where(live & (at_risk > d), d / (at_risk * (at_risk - d)), 0.0)
        green = np.cumsum(green_terms)
        log_s = np.log(survival)
        se = np.sqrt(green) / np.abs(log_s)
        lower = survival ** np.exp(z * se)
        upper = survival ** np.exp(-z * se)
    degenerate = (survival >= 1) | (survival <= 0)
    lower = np.where(degenerate, survival, lower)
    upper = np.where(degenerate, survival, upper)
    survival = np.where(live, survival, np.nan)
    lower = np.where(live, lower, np.nan)
    upper = np.where(live, upper, np.nan)

    return pd.DataFrame(
        {
            "time": agg["time"].to_numpy(),
            "at_risk": at_risk,
            "events": d,
            "censored": c,
            "survival": survival,
            "lower": lower,
            "upper": upper,
        }
    )


def median_time(km_df: pd.DataFrame, column: str = "survival") -> float:
    """First time at which ``km_df[column]`` <= 0.5 (the median time to work); NaN if never."""
    hit = km_df.loc[km_df[column] <= 0.5, "time"]
    return float(hit.iloc[0]) if len(hit) else float("nan")


def median_time_interval(km_df: pd.DataFrame) -> tuple[float, float]:
    """Confidence interval of the median (Brookmeyer & Crowley 1982 via the pointwise band).

    The lower limit is the first time the ``lower`` curve reaches 0.5, the upper limit
    the first time the ``upper`` curve does (NaN if it never does: the interval is open).
    """
    return median_time(km_df, "lower"), median_time(km_df, "upper")


# ------------------------------------------------------------------- projection


def project_total(
    realised,
    months_elapsed,
    months_total,
    level: float = 0.95,
    *,
    kind: Literal["confidence", "prediction"] = "confidence",
):
    """Project a count realised so far to the end of the period at a constant rate.

    ``projected = realised * months_total / months_elapsed``. The count realised so
    far is known; only the remaining ``months_total - months_elapsed`` months are
    uncertain, so ``lo``/``hi`` = realised + limits for the remaining part:

    - ``kind="confidence"`` (default): the exact Poisson (Garwood) interval of the
      monthly rate realised / months_elapsed, times the remaining months. It is the
      uncertainty of the expected total (the trend), not of the count that will
      actually be reached.
    - ``kind="prediction"``: a prediction interval for the count that will be
      reached, adding the Poisson noise of the months still to come: the remaining
      count is negative binomial (the posterior predictive under a Jeffreys prior
      on the rate, size realised + 1/2, p = elapsed / total); its quantiles are
      whole numbers.

    Returns ``(projected, lo, hi)``; NaN where months_elapsed is 0 or an input is NaN.
    At the end of the period (elapsed == total) all three equal the realised count.
    """
    if kind not in ("confidence", "prediction"):
        raise ValueError("kind must be 'confidence' or 'prediction'")
    (x, t, total), scalar = _as_float(realised, months_elapsed, months_total)
    with np.errstate(invalid="ignore"):
        if np.any(x < 0) or np.any(t < 0):
            raise ValueError("realised and months_elapsed must not be negative")
        if np.any(t > total):
            raise ValueError("months_elapsed exceeds months_total")
    a = 1 - level
    _z(level)
    ok = np.isfinite(x) & np.isfinite(t) & np.isfinite(total) & (t > 0)
    projected = np.full(x.shape, np.nan)
    lo = np.full(x.shape, np.nan)
    hi = np.full(x.shape, np.nan)
    xx, tt, tot = x[ok], t[ok], total[ok]
    remaining = tot - tt
    projected[ok] = xx * tot / tt
    if kind == "confidence":
        rate_lo, rate_hi = poisson_interval(xx, level)
        lo[ok] = xx + rate_lo / tt * remaining
        hi[ok] = xx + rate_hi / tt * remaining
    else:
        p = tt / tot
        with np.errstate(invalid="ignore"):
            lo_rem = sps.nbinom.ppf(a / 2, xx + 0.5, p)
            hi_rem = sps.nbinom.ppf(1 - a / 2, xx + 0.5, p)
        lo[ok] = xx + np.where(remaining > 0, lo_rem, 0.0)
        hi[ok] = xx + np.where(remaining > 0, hi_rem, 0.0)
    return _out(projected, scalar), _out(lo, scalar), _out(hi, scalar)
