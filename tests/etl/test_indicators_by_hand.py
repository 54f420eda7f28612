"""A tiny delivery whose every indicator is worked out by hand below.

Benefit months 2024-10 .. 2025-03, work feed through 2025-12, so the 6-month
follow-up is observed for every month and the 12-month follow-up up to 2024-12.

Persons:
  P1  Borsbeek 11007 (merged into Antwerpen 11002 in 2025) 2024-10..12, Antwerpen 2025-01..03,
      nwwz; works 2025-05 (interim, VLG).
  P2  Gent 44021 2024-10..2025-02 niet_ingeschreven, then moves to Antwerpen 2025-03 in begeleiding;
      works 2025-09 (regulier, BRU).
  P3  Zwijndrecht 11056 (province Antwerpen, merged into 46030 in Oost-Vlaanderen) 2024-11..12,
      46030 in 2025-01, werkervaring; art60 work 2024-12..2025-02 (VLG).
  P4  Antwerpen 2024-10, opleiding; works 2025-08 (zelfstandige, WAL).
  P5  Gent 2025-01..03, niet_beschikbaar (registered, not in guidance); never works.
"""

from __future__ import annotations

import pytest

from etl.load import load
from tests.etl.helpers import benefit, query, work, write_feed

COLS = ("leefloners, person_months, n_registered, n_guidance, work_6m_base, work_6m_n, "
        "work_12m_base, work_12m_n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    d = tmp_path_factory.mktemp("hand")
    write_feed(d / "in" / "benefit_2024.csv", [
        benefit(1, "2024-10", "11007"), benefit(1, "2024-11", "11007"), benefit(1, "2024-12", "11007"),
        benefit(2, "2024-10", "44021", "niet_ingeschreven", gender="V"),
        benefit(2, "2024-11", "44021", "niet_ingeschreven", gender="V"),
        benefit(2, "2024-12", "44021", "niet_ingeschreven", gender="V"),
        benefit(3, "2024-11", "11056", "werkervaring", birth_year=2000),
        benefit(3, "2024-12", "11056", "werkervaring", birth_year=2000),
        benefit(4, "2024-10", "11002", "opleiding", birth_year=1960),
    ])
    write_feed(d / "in" / "benefit_2025.csv", [
        benefit(1, "2025-01", "11002"), benefit(1, "2025-02", "11002"), benefit(1, "2025-03", "11002"),
        benefit(2, "2025-01", "44021", "niet_ingeschreven", gender="V"),
        benefit(2, "2025-02", "44021", "niet_ingeschreven", gender="V"),
        benefit(2, "2025-03", "11002", "begeleiding", gender="V"),
        benefit(3, "2025-01", "46030", "werkervaring", birth_year=2000),
        benefit(5, "2025-01", "44021", "niet_beschikbaar", gender="X"),
        benefit(5, "2025-02", "44021", "niet_beschikbaar", gender="X"),
        benefit(5, "2025-03", "44021", "niet_beschikbaar", gender="X"),
    ])
    write_feed(d / "in" / "work_2024.csv", [work(3, "2024-12", "art60")])
    write_feed(d / "in" / "work_2025.csv", [
        work(3, "2025-01", "art60"), work(3, "2025-02", "art60"),
        work(1, "2025-05", "interim"), work(4, "2025-08", "zelfstandige", "WAL"),
        work(2, "2025-09", "regulier", "BRU"), work(2, "2025-10", "regulier", "BRU"),
        work(6, "2025-12", "regulier"),  # someone else: the work feed runs to 2025-12
    ])
    report = load([d / "in"], d / "wh.duckdb")
    assert report.published and report.exit_code() == 0
    return d / "wh.duckdb"


def indicators(db, level, code, period):
    rows = query(db, f"SELECT {COLS} FROM mart_indicators__area_period "
                     "WHERE area_level = ? AND area_code = ? AND period = ?", [level, code, period])
    assert len(rows) == 1, (level, code, period, rows)
    return rows[0]


# (leefloners, person_months, registered, guidance, w6 base, w6 n, w12 base, w12 n)
@pytest.mark.parametrize("level, code, period, expected", [
    # Antwerpen: P1 (as Borsbeek before 2025) and P4 in 2024-10.
    ("municipality", "11002", "2024-10", (2, 2, 2, 1, 2, 0, 2, 2)),
    ("municipality", "11002", "2024-11", (1, 1, 1, 0, 1, 1, 1, 1)),   # P1: work 6 months later
    ("municipality", "11002", "2025-01", (1, 1, 1, 0, 1, 1, 0, 0)),   # 12m follow-up not observed
    ("municipality", "11002", "2025-03", (2, 2, 2, 1, 2, 2, 0, 0)),   # P2 moved in, works at t+6
    ("municipality", "11002", "2024-Q4", (2, 4, 4, 1, 4, 2, 4, 4)),
    ("municipality", "11002", "2025-Q1", (2, 4, 4, 1, 4, 4, 0, 0)),
    ("municipality", "11002", "2024", (2, 4, 4, 1, 4, 2, 4, 4)),
    ("municipality", "11002", "2025", (2, 4, 4, 1, 4, 4, 0, 0)),
    # Gent: P2 until 2025-02, P5 from 2025-01 (niet_beschikbaar is registered).
    ("municipality", "44021", "2024-Q4", (1, 3, 0, 0, 3, 0, 3, 3)),
    ("municipality", "44021", "2025-Q1", (2, 5, 3, 0, 5, 0, 0, 0)),
    # Beveren-Kruibeke-Zwijndrecht carries Zwijndrecht's 2024 months.
    ("municipality", "46030", "2024", (1, 2, 2, 2, 2, 2, 2, 2)),
    ("municipality", "46030", "2025-01", (1, 1, 1, 1, 1, 1, 0, 0)),
    # Provinces on the 2025 map: Zwijndrecht counts in Oost-Vlaanderen, also in 2024.
    ("province", "10000", "2024", (2, 4, 4, 1, 4, 2, 4, 4)),
    ("province", "40000", "2024", (2, 5, 2, 2, 5, 2, 5, 5)),
    ("province", "40000", "2025-Q1", (3, 6, 4, 1, 6, 1, 0, 0)),
    # Flanders: P2 is in Gent and Antwerpen in 2025-Q1 but counts once.
    ("flanders", "flanders", "2025-Q1", (4, 10, 8, 2, 10, 5, 0, 0)),
    ("flanders", "flanders", "2024", (4, 9, 6, 3, 9, 4, 9, 9)),
    ("flanders", "flanders", "2024-12", (3, 3, 2, 1, 3, 2, 3, 3)),
])
def test_indicator_by_hand(db, level, code, period, expected):
    assert indicators(db, level, code, period) == expected


def test_rates_are_pooled_ratios_and_empty_on_zero_base(db):
    rows = query(db, "SELECT registration_rate, guidance_rate, work_6m_rate, work_12m_rate "
                     "FROM mart_indicators__area_period WHERE area_level='flanders' AND period='2025-Q1'")
    assert rows == [(8 / 10, 2 / 10, 5 / 10, None)]


def test_mover_counts_once_in_pooled_areas_but_in_both_municipalities(db):
    # Q1 2025: Antwerpen {P1, P2} + Gent {P2, P5} + 46030 {P3} = 5 municipal leefloners, 4 persons.
    municipal = query(db, "SELECT sum(leefloners) FROM mart_indicators__area_period "
                          "WHERE area_level='municipality' AND period='2025-Q1'")[0][0]
    assert municipal == 5
    assert indicators(db, "flanders", "flanders", "2025-Q1")[0] == 4


def test_outflow_split_by_first_work_type_and_region(db):
    rows = query(db, "SELECT split, category, n FROM mart_outflow__area_period WHERE area_level='flanders' "
                     "AND period='2024' AND horizon_months=12 ORDER BY split, category")
    # P1 x3 interim/VLG, P2 x3 regulier/BRU, P3 x2 art60/VLG, P4 x1 zelfstandige/WAL
    assert rows == [
        ("work_region", "BRU", 3), ("work_region", "VLG", 5), ("work_region", "WAL", 1),
        ("work_type", "art60", 2), ("work_type", "interim", 3), ("work_type", "regulier", 3),
        ("work_type", "zelfstandige", 1),
    ]


def test_breakdown_by_gender_and_age(db):
    rows = query(db, "SELECT category, leefloners, person_months FROM mart_breakdown__area_period "
                     "WHERE area_level='flanders' AND period='2025-Q1' AND dimension='gender' ORDER BY 1")
    assert rows == [("M", 2, 4), ("V", 1, 3), ("X", 1, 3)]
    rows = query(db, "SELECT category, person_months FROM mart_breakdown__area_period "
                     "WHERE area_level='flanders' AND period='2024' AND dimension='age_band' ORDER BY 1")
    # P3 born 2000 is 24 in 2024; P1, P2 born 1990 are 34; P4 born 1960 is 64.
    assert rows == [("25-34", 6), ("55+", 1), ("<25", 2)]


def test_time_on_benefit_counts_the_current_spell(db):
    rows = query(db, "SELECT ref_month, months_on_benefit FROM core_person_month "
                     "WHERE person_key = hash(?) ORDER BY ref_month", ["0000000000000002"])
    assert [r[1] for r in rows] == [1, 2, 3, 4, 5, 6]  # moving OCMW does not end the spell


def test_old_codes_are_kept_as_delivered_and_mapped_to_successors(db):
    rows = query(db, "SELECT DISTINCT nis_code_delivered, nis_code FROM benefit_month ORDER BY 1")
    assert ("11007", "11002") in rows and ("11056", "46030") in rows
    assert ("44021", "44021") in rows


def test_benchmark_groups_of_gent(db):
    rows = query(db, "SELECT group_kind, area_code, rank FROM municipality_comparison "
                     "WHERE nis_code = '44021' ORDER BY group_kind, rank")
    kinds = [r[0] for r in rows]
    assert kinds.count("centre_city") == 3
    assert "44021" not in [r[1] for r in rows if r[0] == "centre_city"]
    assert ("region", "REFREG13", None) in rows and ("province", "40000", None) in rows


def test_breakdowns_are_published_per_quarter_and_year_only(db):
    rows = query(db, "SELECT DISTINCT period_type FROM mart_breakdown__area_period ORDER BY 1")
    assert rows == [("quarter",), ("year",)]
