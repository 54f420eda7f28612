"""The statistical functions in etl/stats.py against known values and hand computations.

Published values: Wilson intervals from Newcombe (1998), Stat Med 17:857-872, table I
(method 3, score interval without continuity correction); exact Poisson limits are the
standard Garwood (1936) table values. The other expected values are computed by hand
in the docstrings below.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from etl.stats import (
    compare_proportions,
    difference_direction,
    eb_prior,
    eb_shrink,
    funnel_grid,
    funnel_limits,
    indirect_standardisation,
    kaplan_meier,
    median_time,
    median_time_interval,
    oe_ratio_interval,
    poisson_interval,
    project_total,
    significance_mark,
    wilson_interval,
)

Z95 = 1.959963984540054

# --------------------------------------------------------------------- Wilson


@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe_1998_table_1(k, n, lo, hi):
    got_lo, got_hi = wilson_interval(k, n)
    assert isinstance(got_lo, float)
    assert got_lo == pytest.approx(lo, abs=5e-5)
    assert got_hi == pytest.approx(hi, abs=5e-5)


def test_wilson_vectorised_with_nan_where_undefined():
    k = np.array([81, 15, 0, 1, 0, np.nan])
    n = np.array([263, 148, 20, 29, 0, 10])
    lo, hi = wilson_interval(k, n)
    np.testing.assert_allclose(lo[:4], [0.2553, 0.0624, 0.0, 0.0061], atol=5e-5)
    np.testing.assert_allclose(hi[:4], [0.3662, 0.1605, 0.1611, 0.1718], atol=5e-5)
    assert np.isnan(lo[4]) and np.isnan(hi[4]) and np.isnan(lo[5]) and np.isnan(hi[5])


def test_wilson_edges_symmetry_and_level():
    lo, hi = wilson_interval(np.arange(30), np.full(30, 29))
    lo_m, hi_m = wilson_interval(29 - np.arange(30), np.full(30, 29))
    np.testing.assert_allclose(lo, 1 - hi_m, atol=1e-12)
    assert lo[0] == 0.0 and hi[-1] == 1.0
    assert np.all(lo <= np.arange(30) / 29) and np.all(np.arange(30) / 29 <= hi)
    lo99, hi99 = wilson_interval(81, 263, level=0.99)
    assert lo99 < 0.2553 and hi99 > 0.3662
    # pandas Series work too
    lo_s, _ = wilson_interval(pd.Series([81, 15]), pd.Series([263, 148]))
    np.testing.assert_allclose(lo_s, [0.2553, 0.0624], atol=5e-5)


def test_wilson_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(5, 4)
    with pytest.raises(ValueError):
        wilson_interval(-1, 4)


# --------------------------------------------------------- comparing proportions


def test_compare_uses_pooled_z_test_when_expected_cells_are_large():
    """40/100 against 300/1000.

    pooled p = 340/1100 = 0.309091; se = sqrt(p(1-p)(1/100 + 1/1000)) = 0.048467;
    z = (0.40 - 0.30) / se = 2.0633; two-sided p = 2 (1 - Phi(2.0633)) = 0.0391.
    Equal to Pearson's chi-square without continuity correction.
    """
    pooled = 340 / 1100
    se = math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 1000))
    z = (0.4 - 0.3) / se
    assert z == pytest.approx(2.0633, abs=1e-4)
    expected = 2 * sps.norm.sf(z)
    p = compare_proportions(40, 100, 300, 1000)
    assert p == pytest.approx(expected, rel=1e-12)
    assert p == pytest.approx(0.0391, abs=1e-4)
    chi2_p = sps.chi2_contingency([[40, 60], [300, 700]], correction=False)[1]
    assert p == pytest.approx(chi2_p, rel=1e-9)


def test_compare_uses_fisher_when_an_expected_cell_is_below_5():
    # 3/10 vs 300/1000: expected events in the small group = 10 * 303/1010 = 3 < 5.
    p = compare_proportions(3, 10, 300, 1000)
    assert p == pytest.approx(sps.fisher_exact([[3, 7], [300, 700]]).pvalue)
    p = compare_proportions(0, 12, 40, 100)
    assert p == pytest.approx(sps.fisher_exact([[0, 12], [40, 60]]).pvalue)
    assert p < 0.05


def test_compare_vectorised_nested_and_undefined():
    k1 = np.array([40, 3, 0, 5, np.nan])
    n1 = np.array([100, 10, 0, 50, 10])
    p = compare_proportions(k1, n1, 1340, 4100, nested=True)
    rest = compare_proportions(k1[:2], n1[:2], 1340 - k1[:2], 4100 - n1[:2])
    np.testing.assert_allclose(p[:2], rest)
    assert np.isnan(p[2]) and np.isnan(p[4])
    assert 0 <= p[3] <= 1
    # the municipality is the whole benchmark: nothing left to compare with
    assert np.isnan(compare_proportions(5, 50, 5, 50, nested=True))
    # the order of the two groups does not matter
    assert compare_proportions(40, 100, 300, 1000) == pytest.approx(
        compare_proportions(300, 1000, 40, 100)
    )
    with pytest.raises(ValueError):
        compare_proportions(10, 100, 5, 50, nested=True)
    with pytest.raises(ValueError):
        compare_proportions(1.5, 10, 3, 30)


def test_significance_mark_and_direction():
    marks = significance_mark([0.001, 0.049, 0.05, 0.2, np.nan])
    assert list(marks) == ["*", "*", "", "", ""]
    assert significance_mark(0.01) == "*"
    assert list(significance_mark([0.005, 0.02], alpha=0.01)) == ["*", ""]
    d = difference_direction([0.3, 0.2, 0.25, np.nan], 0.25)
    np.testing.assert_array_equal(d[:3], [1.0, -1.0, 0.0])
    assert np.isnan(d[3])


# --------------------------------------------------------------------- funnel


def test_funnel_hand_computed_binomial_10_half():
    """n = 10, p0 = 0.5, 95% limits (Spiegelhalter 2005, A.1.1).

    Upper, q = 0.975: F(7) = 968/1024 = 0.94531 < q <= F(8) = 1013/1024 = 0.98926, so
    r = 8; P(R = 8) = 45/1024; a = (1013 - 998.4) / 45 = 0.32444; limit = (8 - a)/10
    = 0.767556. Lower, q = 0.025: F(1) = 11/1024 < q <= F(2) = 56/1024, r = 2;
    a = (56 - 25.6) / 45 = 0.675556; limit = (2 - a)/10 = 0.132444.
    """
    df = funnel_limits(0.5, [10])
    assert list(df.columns) == ["n", "lower_95", "upper_95", "lower_998", "upper_998"]
    assert df.loc[0, "upper_95"] == pytest.approx((8 - (1013 - 998.4) / 45) / 10, abs=1e-9)
    assert df.loc[0, "lower_95"] == pytest.approx((2 - (56 - 25.6) / 45) / 10, abs=1e-9)


@pytest.mark.parametrize("p0", [0.05, 0.3, 0.62])
def test_funnel_limits_follow_the_binomial_quantiles(p0):
    ns = np.array([1, 2, 5, 13, 40, 101, 250, 999])
    df = funnel_limits(p0, ns)
    for level, label in ((0.95, "95"), (0.998, "998")):
        for side, q in (("lower", (1 - level) / 2), ("upper", (1 + level) / 2)):
            for n, limit in zip(ns, df[f"{side}_{label}"], strict=True):
                cdf = np.cumsum(sps.binom.pmf(np.arange(n + 1), n, p0))
                r = int(np.argmax(cdf >= q - 1e-12))  # the smallest r with F(r) >= q
                prev = cdf[r - 1] if r > 0 else 0.0
                a = (cdf[r] - q) / (cdf[r] - prev)
                assert limit == pytest.approx(min(max((r - a) / n, 0.0), 1.0), abs=1e-9)
                assert (r - 1) / n - 1e-12 <= limit <= r / n + 1e-12


def test_funnel_limits_approach_the_normal_approximation_for_large_n():
    """For large n the limits are p0 +- z sqrt(p0 (1 - p0) / n).

    The interpolated exact limits differ from that by less than one event (1/n on the
    rate scale): half an event from the interpolation of the step function and the
    skewness of the binomial (Cornish-Fisher: (1 - 2 p0)(z^2 - 1)/6 events).
    """
    p0 = 0.3
    ns = np.array([10_000, 100_000, 1_000_000])
    df = funnel_limits(p0, ns)
    sigma = np.sqrt(p0 * (1 - p0) / ns)
    for label, z in (("95", Z95), ("998", 3.090232306167813)):
        assert np.all(np.abs(df[f"upper_{label}"] - (p0 + z * sigma)) < 1 / ns)
        assert np.all(np.abs(df[f"lower_{label}"] - (p0 - z * sigma)) < 1 / ns)
    # the 99.8% limit is p0 +- 3.09 sqrt(p0 (1 - p0) / n)
    assert df["upper_998"].iloc[-1] == pytest.approx(p0 + 3.09 * sigma[-1], abs=2e-6)
    assert df["lower_998"].iloc[-1] == pytest.approx(p0 - 3.09 * sigma[-1], abs=2e-6)


def test_funnel_limits_shape_and_edges():
    grid = funnel_grid(5000)
    assert grid[0] == 1 and grid[-1] == 5000 and np.all(np.diff(grid) > 0)
    df = funnel_limits(0.25, np.concatenate([[0], grid]))
    assert df.iloc[0, 1:].isna().all()
    body = df.iloc[1:]
    assert (body["lower_998"] <= body["lower_95"]).all()
    assert (body["lower_95"] <= 0.25).all() and (body["upper_95"] >= 0.25).all()
    assert (body["upper_95"] <= body["upper_998"]).all()
    assert body[["lower_998", "upper_998"]].stack().between(0, 1).all()
    big = body[body["n"] >= 200]
    assert (np.diff(big["upper_998"]) <= 1e-12).all()  # the funnel narrows
    assert (np.diff(big["lower_998"]) >= -1e-12).all()
    custom = funnel_limits(0.25, [100], levels=(0.9,))
    assert list(custom.columns) == ["n", "lower_90", "upper_90"]
    with pytest.raises(ValueError):
        funnel_limits(0.25, [10.5])


# ------------------------------------------------------------ empirical Bayes


def test_eb_prior_hand_computed():
    """k = (2, 8), n = (10, 10).

    mu = 10/20 = 0.5; w = (0.5, 0.5); S = 0.5 * 0.3^2 * 2 = 0.09; S / mu(1-mu) = 0.36;
    (m-1)/N = 1/20 = 0.05; 1 - sum w^2 - 0.05 = 0.45; rho = (0.36 - 0.05)/0.45 = 0.68889;
    alpha + beta = 1/rho - 1 = 0.451613; alpha = beta = 0.225806.
    Shrunk: (2 + 0.225806) / (10 + 0.451613) = 0.212963 and 0.787037.
    """
    alpha, beta = eb_prior([2, 8], [10, 10])
    rho = (0.36 - 0.05) / 0.45
    assert alpha == pytest.approx(0.5 * (1 / rho - 1))
    assert beta == pytest.approx(0.5 * (1 / rho - 1))
    np.testing.assert_allclose(eb_shrink([2, 8], [10, 10]), [0.212963, 0.787037], atol=1e-6)


def test_eb_shrinks_toward_the_pooled_mean_and_more_for_small_units():
    k = np.array([1, 10, 100, 5, 50, 300, 2, 0])
    n = np.array([5, 50, 500, 10, 100, 1000, 4, 0])
    raw = np.divide(k, n, out=np.full(k.shape, np.nan), where=n > 0)
    mu = k.sum() / n.sum()
    alpha, beta = eb_prior(k, n)
    assert alpha / (alpha + beta) == pytest.approx(mu)
    shrunk = eb_shrink(k, n)
    assert np.isnan(shrunk[-1])
    live = n > 0
    # every shrunk rate lies between its raw rate and the pooled mean
    assert np.all(np.minimum(raw, mu)[live] - 1e-12 <= shrunk[live])
    assert np.all(shrunk[live] <= np.maximum(raw, mu)[live] + 1e-12)
    # same raw rate 0.2, smaller n -> pulled further toward the mean
    small, large = eb_shrink([1, 100], [5, 500], prior=(alpha, beta))
    assert abs(small - 0.2) > abs(large - 0.2)


def test_eb_without_excess_variation_shrinks_to_the_mean_and_with_huge_variance_keeps_raw():
    # identical raw rates: no variation beyond chance, everyone gets the pooled mean
    shrunk = eb_shrink([3, 30, 300], [10, 100, 1000])
    np.testing.assert_allclose(shrunk, 0.3, atol=1e-6)
    # a nearly flat prior (huge prior variance) leaves the raw rates
    np.testing.assert_allclose(eb_shrink([1, 7, 40], [10, 20, 50], prior=(1e-9, 1e-9)),
                               [0.1, 0.35, 0.8], atol=1e-8)
    # extreme heterogeneity between big units: the fitted prior hardly shrinks
    np.testing.assert_allclose(eb_shrink([0, 1000, 2, 998], [1000] * 4), [0, 1, 0.002, 0.998],
                               atol=2e-3)
    # a single unit cannot give a prior: raw rate back
    assert np.all(np.isnan(eb_prior([3], [10])))
    assert eb_shrink([3], [10])[0] == pytest.approx(0.3)


def test_eb_prior_recovers_a_known_beta_prior():
    rng = np.random.default_rng(20250101)
    n = rng.integers(5, 3000, size=2000)
    k = rng.binomial(n, rng.beta(6.0, 14.0, size=n.size))
    alpha, beta = eb_prior(k, n)
    assert alpha / (alpha + beta) == pytest.approx(0.3, abs=0.01)
    assert 1 / (alpha + beta + 1) == pytest.approx(1 / 21, rel=0.15)


# ------------------------------------------------- indirect standardisation, O/E


def _reference():
    return pd.DataFrame(
        {"age": ["<30", "30-49", "50+"], "rate": [0.40, 0.25, 0.10], "n": [1000, 1000, 1000]}
    )


def test_indirect_standardisation_hand_computed():
    """Expected = sum of local person-months x Flemish rate per stratum.

    Local: 20 person-months under 30, 50 aged 30-49, 30 aged 50+.
    Expected = 20 * 0.40 + 50 * 0.25 + 30 * 0.10 = 8 + 12.5 + 3 = 23.5.
    With observed 20: O/E = 20 / 23.5 = 0.8511; Garwood 95% limits of 20 are
    12.2165 and 30.8884, so the ratio's interval is 0.5199 .. 1.3144.
    """
    local = pd.DataFrame({"age": ["<30", "30-49", "50+"], "n": [20, 50, 30]})
    expected = indirect_standardisation(local, _reference(), ["age"])
    assert expected == pytest.approx(23.5)
    ratio, lo, hi = oe_ratio_interval(20, expected)
    assert ratio == pytest.approx(20 / 23.5)
    assert lo == pytest.approx(12.2165 / 23.5, abs=1e-4)
    assert hi == pytest.approx(30.8884 / 23.5, abs=1e-4)


def test_indirect_standardisation_two_strata_by_municipality_and_fallback():
    """Two strata columns; municipality B has a stratum unknown to the reference.

    A: (<30, yes) 10 x 0.5 + (50+, no) 40 x 0.05 = 5 + 2 = 7.
    B: (30-49, no) 100 x 0.2 + (50+, yes) 0 (contributes nothing)
       + (unknown, no) 10 x overall rate. The overall rate is weighted by the reference n:
       (0.5 x 100 + 0.2 x 300 + 0.05 x 200 + 0.15 x 400) / 1000 = 180 / 1000 = 0.18,
       so B = 20 + 1.8 = 21.8.
    """
    reference = pd.DataFrame(
        {
            "age": ["<30", "30-49", "50+", "50+"],
            "registered": ["yes", "no", "no", "yes"],
            "rate": [0.5, 0.2, 0.05, 0.15],
            "n": [100, 300, 200, 400],
        }
    )
    local = pd.DataFrame(
        {
            "nis_code": ["A", "A", "B", "B", "B"],
            "age": ["<30", "50+", "30-49", "50+", "unknown"],
            "registered": ["yes", "no", "no", "yes", "no"],
            "n": [10, 40, 100, 0, 10],
        }
    )
    got = indirect_standardisation(local, reference, ["age", "registered"], by="nis_code")
    assert got.to_dict() == pytest.approx({"A": 7.0, "B": 21.8})
    got = indirect_standardisation(
        local, reference.drop(columns="n"), ["age", "registered"], by="nis_code", overall_rate=0.3
    )
    assert got["B"] == pytest.approx(23.0)
    with pytest.raises(ValueError, match="overall_rate"):
        indirect_standardisation(local, reference.drop(columns="n"), ["age", "registered"])
    with pytest.raises(ValueError):
        indirect_standardisation(local, pd.concat([reference, reference]), ["age", "registered"])


def test_poisson_and_oe_limits_match_garwood_tables():
    lo, hi = poisson_interval([0, 1, 10, 20])
    np.testing.assert_allclose(lo, [0.0, 0.0253, 4.7954, 12.2165], atol=1e-4)
    np.testing.assert_allclose(hi, [3.6889, 5.5716, 18.3904, 30.8884], atol=1e-4)
    ratio, lo, hi = oe_ratio_interval([0, 10, 5, 5], [5.0, 8.0, 0.0, np.nan])
    np.testing.assert_allclose(ratio[:2], [0.0, 1.25])
    np.testing.assert_allclose(lo[:2], [0.0, 4.7954 / 8], atol=1e-5)
    np.testing.assert_allclose(hi[:2], [3.6889 / 5, 18.3904 / 8], atol=1e-5)
    assert np.all(np.isnan([ratio[2:], lo[2:], hi[2:]]))


# ---------------------------------------------------------------- Kaplan–Meier


def test_kaplan_meier_hand_computed_with_censoring():
    """Ten spells; months 0..5 since the start of the leefloon spell.

    month  at risk  to work  censored  S(t)
      0      10        1        0      9/10              = 0.90
      1       9        2        1      0.90 x 7/9        = 0.70
      2       6        0        1      0.70              (censored only)
      3       5        1        0      0.70 x 4/5        = 0.56
      4       4        2        0      0.56 x 2/4        = 0.28
      5       2        0        2      0.28
    (at risk = 10 minus everyone who left before that month; the one censored in
    month 1 still counts as at risk in month 1.)
    Median time to work: the first month with S <= 0.5 is month 4.

    Greenwood sum at month 3: 1/(10*9) + 2/(9*7) + 1/(5*4) = 0.0111 + 0.0317 + 0.05
    = 0.092857; se of log(-log S) = sqrt(0.092857) / |ln 0.56| = 0.52555;
    95% limits: 0.56 ** exp(+-1.96 * 0.52555) = 0.56 ** 2.8012 and 0.56 ** (1/2.8012)
    = 0.1971 and 0.8130.
    At month 4 the sum adds 2/(4*2) = 0.25 -> 0.342857; se = sqrt(0.342857)/|ln 0.28|
    = 0.46019; limits 0.28 ** exp(+-0.90196) = 0.0435 and 0.5965.
    """
    # given out of order and with month 4 split in two rows: they are added up
    km = kaplan_meier([5, 0, 1, 2, 3, 4, 4], [0, 1, 2, 0, 1, 1, 1], [2, 0, 1, 1, 0, 0, 0])
    assert list(km.columns) == [
        "time", "at_risk", "events", "censored", "survival", "lower", "upper"
    ]
    np.testing.assert_array_equal(km["time"], [0, 1, 2, 3, 4, 5])
    np.testing.assert_array_equal(km["at_risk"], [10, 9, 6, 5, 4, 2])
    np.testing.assert_array_equal(km["events"], [1, 2, 0, 1, 2, 0])
    np.testing.assert_allclose(km["survival"], [0.9, 0.7, 0.7, 0.56, 0.28, 0.28])

    green3 = 1 / 90 + 2 / 63 + 1 / 20
    se3 = math.sqrt(green3) / abs(math.log(0.56))
    assert km.loc[3, "lower"] == pytest.approx(0.56 ** math.exp(Z95 * se3))
    assert km.loc[3, "upper"] == pytest.approx(0.56 ** math.exp(-Z95 * se3))
    assert km.loc[3, "lower"] == pytest.approx(0.1971, abs=1e-4)
    assert km.loc[3, "upper"] == pytest.approx(0.8130, abs=1e-4)
    assert km.loc[4, "lower"] == pytest.approx(0.0435, abs=1e-4)
    assert km.loc[4, "upper"] == pytest.approx(0.5965, abs=1e-4)

    assert median_time(km) == 4.0
    # The lower curve is below 0.5 from month 0; the upper curve never gets there
    # (0.5965 at month 4, then no more events): the interval is open above.
    lo, hi = median_time_interval(km)
    assert lo == 0.0 and np.isnan(hi)


def test_kaplan_meier_without_censoring_is_the_empirical_share():
    times = np.arange(6)
    events = np.array([2, 3, 0, 1, 4, 0])
    km = kaplan_meier(times, events, np.zeros(6))
    expected = 1 - np.cumsum(events) / 10
    np.testing.assert_allclose(km["survival"][:5], expected[:5])
    # everybody has found work after month 4: nobody at risk in month 5
    assert km.loc[5, "at_risk"] == 0 and np.isnan(km.loc[5, "survival"])
    assert km.loc[4, "survival"] == 0 and km.loc[4, "lower"] == 0 and km.loc[4, "upper"] == 0
    assert median_time(km) == 1.0  # S(1) = 0.5


def test_kaplan_meier_edges():
    km = kaplan_meier([0, 1, 2], [0, 0, 0], [1, 1, 1])
    np.testing.assert_allclose(km["survival"], 1.0)
    np.testing.assert_allclose(km[["lower", "upper"]], 1.0)
    assert np.isnan(median_time(km))
    with pytest.raises(ValueError):
        kaplan_meier([0, 1], [1, -1], [0, 0])


# ------------------------------------------------------------------ projection


def test_project_total_simple_case():
    """10 realised after 6 of 12 months: projected 10 x 12/6 = 20.

    Confidence: Garwood limits of 10 are 4.7954 and 18.3904 per 6 months; the remaining
    6 months add those, so 14.7954 .. 28.3904.
    """
    projected, lo, hi = project_total(10, 6, 12)
    assert projected == pytest.approx(20.0)
    assert lo == pytest.approx(14.7954, abs=1e-4)
    assert hi == pytest.approx(28.3904, abs=1e-4)
    p_projected, p_lo, p_hi = project_total(10, 6, 12, kind="prediction")
    assert p_projected == projected
    assert p_lo <= lo and p_hi >= hi and float(p_lo).is_integer() and float(p_hi).is_integer()


def test_project_total_edges_vectorised():
    projected, lo, hi = project_total([10, 0, 5, 7], [12, 3, 0, 4], [12, 12, 12, 12])
    assert projected[0] == lo[0] == hi[0] == 10  # the period is over
    assert projected[1] == 0 and lo[1] == 0 and hi[1] > 0
    assert np.isnan(projected[2]) and np.isnan(lo[2]) and np.isnan(hi[2])
    assert lo[3] >= 7 and hi[3] > projected[3] == pytest.approx(21.0)
    with pytest.raises(ValueError):
        project_total(5, 13, 12)


def test_project_total_prediction_interval_covers():
    """Simulated Poisson months at 5 a month: the 95% prediction interval for the final
    total (made after 6 of 12 months) should contain it about 95% of the time."""
    rng = np.random.default_rng(7)
    first = rng.poisson(5 * 6, size=4000)
    final = first + rng.poisson(5 * 6, size=4000)
    _, lo, hi = project_total(first, 6, 12, kind="prediction")
    coverage = np.mean((lo <= final) & (final <= hi))
    assert 0.93 <= coverage <= 0.99
