"""etl.disclosure: primary and secondary suppression (data contract section 5, docs/privacy.md)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import disclosure
from etl.disclosure import secondary_suppress, suppress_table

BY = ["area_code", "period", "dimension"]


def breakdown(values: dict[str, list[int]], periods=("2024-05",), column="person_months", total=None):
    """One area, one dimension; ``values`` maps category -> a count per period."""
    rows = []
    for i, period in enumerate(periods):
        for cat, counts in values.items():
            rows.append({"area_code": "44021", "period": period, "dimension": "household",
                         "category": cat, column: counts[i]})
        if total is not None:
            rows.append({"area_code": "44021", "period": period, "dimension": "household",
                         "category": total, column: sum(c[i] for c in values.values())})
    return pd.DataFrame(rows)


def hidden(out: pd.DataFrame, column="person_months", period=None) -> set[str]:
    rows = out if period is None else out[out["period"] == period]
    return set(rows.loc[rows[column].isna(), "category"])


# -- hand examples ---------------------------------------------------------------------
def test_a_single_small_cell_hides_the_next_smallest_category():
    out = secondary_suppress(breakdown({"a": [3], "b": [10], "c": [12]}), BY, "category",
                             ["person_months"], k=5)
    assert hidden(out) == {"a", "b"}
    assert out["person_months"].tolist()[2] == 12
    assert out["suppressed_reason"].tolist() == ["primary", "secondary", ""]
    assert out["secondary_cells"].tolist() == ["", "person_months", ""]
    assert out["is_suppressed"].tolist() == [True, True, False]


def test_zero_cells_are_shown_and_never_chosen_as_secondary():
    out = secondary_suppress(breakdown({"a": [0], "b": [3], "c": [20]}), BY, "category",
                             ["person_months"], k=5)
    assert hidden(out) == {"b", "c"}  # 20 is the only non-zero candidate
    assert out["person_months"].tolist()[0] == 0


def test_two_primary_cells_need_no_secondary():
    out = secondary_suppress(breakdown({"a": [2], "b": [3], "c": [40]}), BY, "category",
                             ["person_months"], k=5)
    assert hidden(out) == {"a", "b"}
    assert out["suppressed_reason"].tolist() == ["primary", "primary", ""]


@pytest.mark.parametrize("values, expected", [
    ({"a": [1], "b": [1], "c": [40]}, {"a", "b", "c"}),  # two hidden cells summing to 2: both are 1
    ({"a": [4], "b": [4], "c": [40]}, {"a", "b", "c"}),  # two primary cells summing to 8 (k=5): both 4
    ({"a": [1], "b": [5], "c": [9]}, {"a", "b", "c"}),  # 1 + the secondary 5 (>= k): 1 is pinned
    ({"a": [1], "b": [6], "c": [9]}, {"a", "b"}),  # 1 + 6: the small one is 1 or 2
])
def test_hidden_cells_whose_values_follow_from_their_sum_get_another_one(values, expected):
    out = secondary_suppress(breakdown(values), BY, "category", ["person_months"], k=5)
    assert hidden(out) == expected


def test_the_same_category_is_the_secondary_one_in_every_period():
    """b is smaller than c over the whole frame (70 against 85), though not in 2024-01."""
    values = {"a": [2, 3, 1, 10], "b": [30, 15, 25, 12], "c": [20, 40, 25, 30]}
    periods = ("2024-01", "2024-02", "2024-03", "2024-04")
    out = secondary_suppress(breakdown(values, periods), BY, "category", ["person_months"], k=5)
    for period in periods[:3]:
        assert hidden(out, period=period) == {"a", "b"}
    assert hidden(out, period="2024-04") == set()  # nothing small: nothing hidden


def test_rank_by_fixes_the_order_when_periods_are_suppressed_one_at_a_time():
    values = {"a": [2, 3], "b": [30, 15], "c": [20, 40]}
    full = breakdown(values, ("2024-01", "2024-02"))
    ranking = disclosure.category_rank(full, "category", "person_months")
    for period in ("2024-01", "2024-02"):
        one = full[full["period"] == period]
        assert hidden(secondary_suppress(one, BY, "category", ["person_months"], k=5,
                                         rank_by=ranking)) == {"a", "b"}
    # a fixed order (first hidden first) and a ranking column work too
    one = full[full["period"] == "2024-01"]
    assert hidden(secondary_suppress(one, BY, "category", ["person_months"], k=5,
                                     rank_by=["c", "b"])) == {"a", "c"}
    with pytest.raises(KeyError):
        secondary_suppress(one, BY, "category", ["person_months"], k=5, rank_by="nope")


def test_a_total_row_in_the_frame():
    # the total (3) is itself small: hidden, so nothing can be subtracted from it
    out = secondary_suppress(breakdown({"a": [3], "b": [0]}, total="totaal"), BY, "category",
                             ["person_months"], total="totaal", k=5)
    assert hidden(out) == {"a", "totaal"}
    assert out.set_index("category")["suppressed_reason"].to_dict() == {
        "a": "primary", "b": "", "totaal": "primary"}
    # no category is left to hide: the total is hidden instead
    out = secondary_suppress(breakdown({"a": [4], "b": [4], "c": [0]}, total="totaal"), BY, "category",
                             ["person_months"], total="totaal", k=5)
    assert hidden(out) == {"a", "b", "totaal"}
    assert out.set_index("category").loc["totaal", "suppressed_reason"] == "secondary"
    # the total row is never the candidate while a category can be hidden
    out = secondary_suppress(breakdown({"a": [3], "b": [10], "c": [12]}, total="totaal"), BY,
                             "category", ["person_months"], total="totaal", k=5)
    assert hidden(out) == {"a", "b"}


def test_rates_on_secondary_cells_are_hidden_and_other_columns_are_independent():
    df = breakdown({"a": [3], "b": [10], "c": [12]})
    df["leefloners"] = [3, 8, 12]
    df["n_registered"] = [0, 6, 10]
    df["registration_rate"] = df["n_registered"] / df["person_months"]
    out = suppress_table(df, k=5, by=BY, category="category")
    b = out.set_index("category").loc["b"]
    assert pd.isna(b["person_months"]) and pd.isna(b["registration_rate"])
    assert pd.isna(b["leefloners"])
    assert b["n_registered"] == 6
    assert b["suppressed_reason"] == "secondary"
    assert b["secondary_cells"] == "leefloners,person_months,registration_rate"
    a = out.set_index("category").loc["a"]
    assert a["n_registered"] == 0 and pd.isna(a["registration_rate"])  # 0 shown, rate on 3 hidden
    assert a["suppressed_reason"] == "primary"
    assert out.set_index("category").loc["c", "registration_rate"] == pytest.approx(10 / 12)


def test_suppress_table_without_a_breakdown_is_primary_suppression():
    df = pd.DataFrame({"leefloners": [0, 3, 40], "person_months": [0, 3, 40],
                       "n_registered": [0, 1, 20], "registration_rate": [None, 1 / 3, 0.5]})
    out = suppress_table(df, k=5)
    expected = disclosure.suppress_indicators(df, k=5)
    pd.testing.assert_frame_equal(out[expected.columns], expected)
    assert out["suppressed_reason"].tolist() == ["", "primary", ""]
    assert out["secondary_cells"].tolist() == ["", "", ""]


def test_a_frame_suppressed_before_is_still_protected():
    """Empty cells of an already suppressed frame count as hidden: a lone one gets a partner."""
    df = breakdown({"a": [3], "b": [10], "c": [12]})
    first = disclosure.suppress_indicators(df, k=5)
    out = secondary_suppress(first, BY, "category", ["person_months"], k=5)
    assert hidden(out) == {"a", "b"}
    assert out["suppressed_reason"].tolist() == ["primary", "secondary", ""]
    again = secondary_suppress(out, BY, "category", ["person_months"], k=5)  # idempotent
    pd.testing.assert_frame_equal(again, out)


def test_other_count_columns_can_be_protected():
    df = breakdown({"regulier": [3], "art60": [10], "interim": [12]}, column="n")
    out = suppress_table(df, k=5, by=BY, category="category", columns=["n"])
    assert hidden(out, column="n") == {"regulier", "art60"}


def test_reason_texts():
    assert disclosure.reason_text("nl", 5) == "minder dan 5 personen"
    assert disclosure.reason_text("en", 5) == "fewer than 5 persons"
    assert disclosure.secondary_reason_text("nl") == "verborgen zodat een klein aantal niet kan worden afgeleid"
    assert disclosure.secondary_reason_text("en") == "hidden so that a small count cannot be derived"


@pytest.mark.parametrize("k", [-1, 0, 1, 2])
def test_k_below_3_raises(k):
    df = breakdown({"a": [3], "b": [10]})
    with pytest.raises(ValueError):
        secondary_suppress(df, BY, "category", ["person_months"], k=k)
    with pytest.raises(ValueError):
        suppress_table(df, k=k, by=BY, category="category")
    with pytest.raises(ValueError):
        disclosure.suppress_indicators(df, k=k)


def test_k_from_the_environment(monkeypatch):
    monkeypatch.setenv("LEEFLOON_SUPPRESSION_K", "10")
    out = suppress_table(breakdown({"a": [7], "b": [12], "c": [20]}), by=BY, category="category")
    assert hidden(out) == {"a", "b"}


# -- properties ------------------------------------------------------------------------
COUNTS = st.one_of(st.just(0), st.integers(1, 12), st.integers(0, 60))
TOTAL = "_total"


@st.composite
def tables(draw):
    k = draw(st.integers(3, 10))
    n_areas = draw(st.integers(1, 2))
    n_periods = draw(st.integers(1, 3))
    n_cats = draw(st.integers(1, 5))
    with_total = draw(st.booleans())
    rows = []
    for a in range(n_areas):
        for p in range(n_periods):
            group = []
            for c in range(n_cats):
                pm = draw(COUNTS)
                group.append({"area_code": f"A{a}", "period": f"2024-0{p + 1}", "dimension": "d",
                              "category": f"c{c}", "person_months": pm, "leefloners": draw(COUNTS),
                              "n_registered": draw(st.integers(0, pm))})
            if with_total:
                group.append({"area_code": f"A{a}", "period": f"2024-0{p + 1}", "dimension": "d",
                              "category": TOTAL,
                              **{col: sum(r[col] for r in group)
                                 for col in ("person_months", "leefloners", "n_registered")}})
            rows += group
    df = pd.DataFrame(rows)
    df["registration_rate"] = (df["n_registered"] / df["person_months"]).where(df["person_months"] > 0)
    return df, k, with_total


def feasible_values(cell: int, values: list[int], k: int) -> int:
    """How many values the attacker finds possible for hidden primary cell ``cell``.

    Brute force: the attacker knows the sum of the hidden cells, that every hidden
    cell is >= 1, that primary cells are <= k-1 and secondary cells >= k."""
    total = sum(values)
    others = [v for i, v in enumerate(values) if i != cell]
    rest_min = sum(1 if v < k else k for v in others)
    rest_max = float("inf") if any(v >= k for v in others) else sum(k - 1 for _ in others)
    return sum(1 for v in range(1, k) if rest_min <= total - v <= rest_max)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COLUMNS = ["person_months", "leefloners", "n_registered"]


@SETTINGS
@given(tables())
def test_no_small_count_is_shown_and_shown_cells_are_unchanged(table):
    df, k, with_total = table
    out = suppress_table(df, k=k, by=BY, category="category", total=TOTAL if with_total else None)
    for col in COLUMNS:
        shown = out[col].notna()
        assert not ((out.loc[shown, col] >= 1) & (out.loc[shown, col] < k)).any()
        assert (out.loc[shown, col] == df.loc[shown, col]).all()
        assert (df.loc[~shown, col] > 0).all()  # a 0 is never hidden


@SETTINGS
@given(tables())
def test_no_hidden_cell_can_be_derived_from_the_total(table):
    df, k, with_total = table
    out = suppress_table(df, k=k, by=BY, category="category", total=TOTAL if with_total else None)
    groups: dict[tuple, list[tuple]] = {}
    for key, is_total, shown_row, raw_row in zip(
            out[BY].itertuples(index=False, name=None), out["category"].eq(TOTAL),
            out[COLUMNS].notna().itertuples(index=False, name=None),
            df[COLUMNS].itertuples(index=False, name=None)):
        groups.setdefault(key, []).append((is_total, shown_row, raw_row))
    for cells in groups.values():
        for j, col in enumerate(COLUMNS):
            if with_total and not any(shown[j] for is_total, shown, _ in cells if is_total):
                continue  # the total is hidden: nothing to subtract from
            cats = [(shown[j], raw[j]) for is_total, shown, raw in cells if not is_total]
            values = [v for shown, v in cats if not shown]
            if not values:
                continue
            no_candidate = not any(shown and v > 0 for shown, v in cats)
            if not with_total and no_candidate:
                # nothing could be hidden beside it; the total (published elsewhere) is
                # then the sum of hidden cells, and a lone small cell makes it small too
                if len(values) == 1:
                    assert values[0] < k
                continue
            assert len(values) >= 2
            assert sum(1 for v in values if v > 0) >= 2  # never one value beside hidden zeros
            for i, v in enumerate(values):
                if v < k:
                    assert feasible_values(i, values, k) >= 2, (col, values, k)


@SETTINGS
@given(tables())
def test_rates_are_empty_wherever_a_part_is_hidden(table):
    df, k, with_total = table
    out = suppress_table(df, k=k, by=BY, category="category", total=TOTAL if with_total else None)
    part_hidden = out["n_registered"].isna() | out["person_months"].isna()
    assert out.loc[part_hidden, "registration_rate"].isna().all()
    shown = ~part_hidden & df["registration_rate"].notna()
    assert (out.loc[shown, "registration_rate"] == df.loc[shown, "registration_rate"]).all()
    assert (out["is_suppressed"] == out["suppressed_reason"].ne("")).all()


@SETTINGS
@given(tables())
def test_secondary_cells_follow_one_ranking_in_every_group(table):
    """The secondary cells of a group are the first candidates in the frame-wide ranking."""
    df, k, _ = table
    out = secondary_suppress(df, BY, "category", ["person_months"], total=TOTAL, k=k)
    cats = df["category"] != TOTAL
    sums = df[cats].groupby("category")["person_months"].sum().to_dict()
    for _, rows in out[cats].groupby(BY):
        raw = df.loc[rows.index, "person_months"]
        secondary = rows["secondary_cells"].str.contains("person_months")
        candidates = rows[(raw > 0) & ((raw >= k) | raw.isna())]
        ranked = sorted(candidates["category"], key=lambda c: (sums[c], c))
        chosen = set(rows.loc[secondary, "category"])
        assert set(ranked[:len(chosen)]) == chosen


@given(st.integers(-5, 2))
@settings(max_examples=20, deadline=None)
def test_any_k_below_3_raises(k):
    df = breakdown({"a": [3], "b": [10]})
    with pytest.raises(ValueError):
        suppress_table(df, k=k, by=BY, category="category")
