"""Marts beyond the headline indicators: time to work, sustained work, relapse,
case-mix expected counts and peer groups, worked out by hand.

Benefit months 2024-01 .. 2025-06; the work feed runs to 2025-06.
Gent (44021), one benefit month each:
  A 2024-02, works 2024-04 and 2024-10      -> time to work 2, still in work 6 months later
  B 2024-02, works 2024-06                  -> time to work 4, not in work 6 months later
  C 2024-03, never works                    -> censored at 2025-06 - 2024-03 = 15 months
  D 2024-05, works 2024-06 (art. 60)        -> time to work 1
  E 2024-01, works 2024-02                  -> spell may have started before the data: not in the curves
Aalst (41002), exits and returns:
  F 2024-02..03, back 2024-06 (one month)   -> two exits; the first returns within 12 months
  G 2024-02, never back                     -> one exit, no return
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from etl.load import load
from etl.peers import feature_config, nearest_peers
from tests.etl.helpers import benefit, query, work, write_feed

A, B, C, D, E, F, G, Z = range(1, 9)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("analytics")
    write_feed(d / "in" / "benefit_2024.csv", [
        benefit(A, "2024-02", "44021"), benefit(B, "2024-02", "44021"), benefit(C, "2024-03", "44021"),
        benefit(D, "2024-05", "44021", "werkervaring"), benefit(E, "2024-01", "44021"),
        benefit(F, "2024-02", "41002"), benefit(F, "2024-03", "41002"), benefit(F, "2024-06", "41002"),
        benefit(G, "2024-02", "41002"),
    ])
    write_feed(d / "in" / "benefit_2025.csv", [benefit(Z, "2025-06", "11002")])
    write_feed(d / "in" / "work_2024.csv", [
        work(A, "2024-04"), work(A, "2024-10"), work(B, "2024-06"), work(D, "2024-06", "art60"),
        work(E, "2024-02"), work(Z, "2025-06"),
    ])
    assert load([d / "in"], d / "wh.duckdb").published
    return d / "wh.duckdb"


def test_time_to_work_for_kaplan_meier(db):
    rows = query(db, "SELECT months, n_events, n_censored FROM mart_time_to_work__area_cohort_by_definition "
                     "WHERE area_level = 'municipality' AND area_code = '44021' AND cohort_year = 2024 "
                     "AND include_ell AND art60_is_work ORDER BY months")
    assert rows == [(1, 1, 0), (2, 1, 0), (4, 1, 0), (15, 0, 1)]
    # without art. 60 as work, D never works: censored at 2025-06 - 2024-05 = 13
    rows = query(db, "SELECT months, n_events, n_censored FROM mart_time_to_work__area_cohort_by_definition "
                     "WHERE area_level = 'municipality' AND area_code = '44021' AND cohort_year = 2024 "
                     "AND include_ell AND NOT art60_is_work ORDER BY months")
    assert rows == [(2, 1, 0), (4, 1, 0), (13, 0, 1), (15, 0, 1)]


def test_sustained_work_exits_and_relapse(db):
    def dyn(code):
        return query(db, "SELECT sustained_base, sustained_n, exits, exits_to_work, relapse_base, relapse_n "
                         "FROM mart_dynamics__area_period_by_definition WHERE area_level = 'municipality' "
                         "AND area_code = ? AND period = '2024' AND include_ell AND art60_is_work", [code])[0]
    # Gent: A, B, D and E have work within 12 months; only A works again 6 months after its
    # first work month. Every Gent spell is one month and ends before the data does: 5 exits,
    # of which A (2 months later), D (1) and E (1) find work within 3 months; nobody returns.
    assert dyn("44021") == (4, 1, 5, 3, 5, 0)
    # Aalst: F leaves 2024-03 and returns 2024-06, leaves again 2024-06; G leaves 2024-02.
    assert dyn("41002") == (0, 0, 3, 0, 3, 1)


def test_casemix_expected_equals_observed_for_flanders(db):
    rows = query(db, "SELECT period, work_12m_n, work_12m_expected, work_6m_n, work_6m_expected "
                     "FROM mart_casemix__area_period_by_definition WHERE area_level = 'flanders' "
                     "AND period_type = 'year' ORDER BY ALL")
    for _, obs12, exp12, obs6, exp6 in rows:
        assert exp12 == pytest.approx(obs12) and exp6 == pytest.approx(obs6)


def test_casemix_expected_by_hand(tmp_path):
    """Flanders 2024: stratum S (born 1990, laag, belg, alleenstaand, first month) has 4 observed
    person-months in Gent (1 works) and 4 in Aalst (3 work): rate 4/8. Stratum T (born 1960, hoog)
    has 2 in Aalst, none working: rate 0. Expected Gent = 4 x 0.5 = 2; Aalst = 4 x 0.5 + 2 x 0 = 2."""
    rows = [benefit(i, "2024-03", "44021") for i in range(4)]
    rows += [benefit(10 + i, "2024-03", "41002") for i in range(4)]
    rows += [benefit(20 + i, "2024-03", "41002", birth_year=1960, education="hoog") for i in range(2)]
    write_feed(tmp_path / "in" / "benefit_2024.csv", rows)
    write_feed(tmp_path / "in" / "work_2024.csv",
               [work(0, "2024-05"), work(10, "2024-05"), work(11, "2024-05"), work(12, "2024-05"),
                work(99, "2025-06")])
    load([tmp_path / "in"], tmp_path / "wh.duckdb")
    got = query(tmp_path / "wh.duckdb",
                "SELECT area_code, work_12m_n, work_12m_expected FROM mart_casemix__area_period_by_definition "
                "WHERE area_level = 'municipality' AND period = '2024' AND include_ell AND art60_is_work "
                "ORDER BY area_code")
    assert got == [("41002", 3, pytest.approx(2.0)), ("44021", 1, pytest.approx(2.0))]


def test_peer_groups_exclude_the_municipality_and_are_deterministic(db):
    rows = query(db, "SELECT nis_code, count(*), count(DISTINCT area_code), bool_or(area_code = nis_code) "
                     "FROM municipality_comparison WHERE group_kind = 'peer' GROUP BY nis_code")
    assert len(rows) == 285 and {(n, d, own) for _, n, d, own in rows} == {(10, 10, False)}
    pool = query(db, "SELECT count(*) FROM bridge_area_municipality WHERE area_code = 'PEERS:44021'")[0][0]
    assert pool == 10
    first = query(db, "SELECT * FROM peer_distance ORDER BY ALL")
    features = pd.DataFrame(query(db, "SELECT * FROM peer_features"),
                            columns=[c for (c,) in query(db, "SELECT column_name FROM "
                                     "information_schema.columns WHERE table_name = 'peer_features' "
                                     "ORDER BY ordinal_position")])
    again = nearest_peers(features.sample(frac=1, random_state=3), feature_config(), 10)
    assert [tuple(r) for r in again.sort_values(list(again.columns)).itertuples(index=False)] == first


def test_nearest_peers_by_hand():
    """Four municipalities on one feature (weight 1): values 0, 1, 3, 10.
    z-scores: mean 3.5, sd sqrt(((3.5)^2 + 2.5^2 + 0.5^2 + 6.5^2) / 4) = sqrt(15.25)."""
    feats = pd.DataFrame({"nis_code": ["1", "2", "3", "4"], "share_non_eu": [0.0, 1.0, 3.0, 10.0]})
    cfg = pd.DataFrame({"feature": ["share_non_eu"], "weight": [1.0]})
    peers = nearest_peers(feats, cfg, 2)
    sd = np.sqrt(15.25)
    got = {(r.nis_code, r.rank): (r.peer_nis, r.distance) for r in peers.itertuples()}
    assert got[("1", 1)] == ("2", pytest.approx(round(1 / sd, 4)))
    assert got[("1", 2)] == ("3", pytest.approx(round(3 / sd, 4)))
    assert got[("4", 1)][0] == "3"
    assert got[("2", 1)][0] == "1"  # 1 and 3 are at distance 1 and 2 from "2"
