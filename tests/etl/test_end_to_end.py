"""Generate -> load -> export on a small generated delivery, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from etl.csvout import EXPORT_COLUMNS
from tests.etl.helpers import query, run_cli


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    d = tmp_path_factory.mktemp("e2e")
    gen = run_cli("generate", "--out", str(d / "in"), "--persons", "4000", "--start", "2023-01",
                  "--end", "2025-06", "--seed", "11")
    assert gen.returncode == 0, gen.stderr
    db = d / "wh.duckdb"
    loaded = run_cli("load", str(d / "in"), "--db", str(db), "--json")
    assert loaded.returncode == 0, loaded.stderr
    return d, db, json.loads(loaded.stdout)


def test_generated_delivery_loads_without_loss(pipeline):
    _, db, out = pipeline
    assert out["published"] and out["data_version"]
    assert {f["outcome"] for f in out["files"]} == {"loaded"}
    assert {f["feed"] for f in out["files"]} == {"benefit", "work"}
    for f in out["files"]:
        assert f["rows_in"] == f["rows_loaded"] + f["rows_quarantined"]
        assert len(f["sha256"]) == 64 and f["error"] is None
    total = sum(f["rows_loaded"] for f in out["files"] if f["feed"] == "benefit")
    assert query(db, "SELECT count(*) FROM benefit_month")[0][0] == total
    assert query(db, "SELECT value FROM meta WHERE key = 'data_version'")[0][0] == out["data_version"]
    months = query(db, "SELECT value FROM meta WHERE key IN ('first_month', 'last_month') ORDER BY key")
    assert [m for (m,) in months] == ["2023-01", "2025-06"]


def test_export_of_every_level_reconciles_with_flanders(pipeline):
    _, db, _ = pipeline
    result = run_cli("export", "--db", str(db), "--level", "province", "--period", "2024")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[: len(EXPORT_COLUMNS)] == EXPORT_COLUMNS and len(rows) == 5
    flanders = list(csv.DictReader(io.StringIO(
        run_cli("export", "--db", str(db), "--level", "flanders", "--period", "2024").stdout)))[0]
    # person-months add up over provinces; rates are pooled, not averaged
    assert sum(int(r["person_months"]) for r in rows) == int(flanders["person_months"])
    pooled = sum(int(r["work_12m_n"]) for r in rows) / sum(int(r["work_12m_base"]) for r in rows)
    assert float(flanders["work_12m_rate"]) == pytest.approx(pooled, abs=1e-6)


def test_the_load_report_times_each_stage(pipeline):
    _, _, out = pipeline
    stages = out["stage_seconds"]
    assert list(stages) == ["scan_files", "read_and_validate", "replace_months", "core",
                            "distinct_persons", "marts", "data_tests"]
    assert all(seconds > 0 for seconds in stages.values())


def test_benchmark_export_of_the_generated_gent(pipeline):
    _, db, _ = pipeline
    result = run_cli("export", "--db", str(db), "--benchmark", "44021", "--period", "2024-Q2", "--excel")
    assert result.returncode == 0, result.stderr
    text = result.stdout.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["code"] == "44021" and rows[-1]["code"] == "flanders"
    assert "," in rows[-1]["registration_rate"]  # decimal comma


NAIVE_PERIODS = """
    SELECT person_key, nis_code, 'quarter' AS period_type,
           printf('%04d-Q%d', month_idx // 12, (month_idx % 12) // 3 + 1) AS period, {cols}
    FROM {source}
    UNION ALL
    SELECT person_key, nis_code, 'year', printf('%04d', month_idx // 12), {cols} FROM {source}
"""


def test_distinct_persons_equal_a_naive_count_for_every_area(pipeline):
    """The marts count distinct persons with shortcuts; a plain COUNT(DISTINCT) must agree."""
    _, db, _ = pipeline
    naive = query(db, f"""
        SELECT b.area_level, b.area_code, x.period_type, x.period, count(DISTINCT x.person_key)
        FROM ({NAIVE_PERIODS.format(cols="1 AS one", source="core_person_month")}) x
        JOIN bridge_area_municipality b USING (nis_code) GROUP BY ALL ORDER BY ALL""")
    mart = query(db, """SELECT area_level, area_code, period_type, period, leefloners
        FROM mart_indicators__area_period WHERE period_type <> 'month' ORDER BY ALL""")
    assert mart == naive and len(mart) > 1000
    movers = query(db, "SELECT count(*) FROM (SELECT person_key FROM core_person_month "
                       "GROUP BY person_key HAVING count(DISTINCT nis_code) > 1)")[0][0]
    assert movers > 0  # the shortcut for movers is exercised


def test_distinct_persons_without_ell_equal_a_naive_count_of_leefloon_months(pipeline):
    """Without equivalent leefloon a person counts in the areas of their leefloon months only."""
    _, db, _ = pipeline
    source = "(SELECT * FROM core_person_month WHERE benefit_type = 'LL')"
    naive = query(db, f"""
        SELECT b.area_level, b.area_code, x.period_type, x.period, count(DISTINCT x.person_key)
        FROM ({NAIVE_PERIODS.format(cols="1 AS one", source=source)}) x
        JOIN bridge_area_municipality b USING (nis_code) GROUP BY ALL ORDER BY ALL""")
    mart = query(db, """SELECT area_level, area_code, period_type, period, leefloners
        FROM mart_indicators__area_period_by_definition
        WHERE NOT include_ell AND art60_is_work AND period_type <> 'month' ORDER BY ALL""")
    assert mart == naive and len(mart) > 1000
    with_ell = query(db, "SELECT count(*) FROM (SELECT person_key FROM core_person_month "
                         "GROUP BY person_key HAVING count(DISTINCT benefit_type) > 1)")[0][0]
    assert with_ell > 0  # persons with both kinds of months tell the populations apart


@pytest.mark.parametrize("dimension", ["age_band", "benefit_duration", "household"])
def test_distinct_persons_per_category_equal_a_naive_count(pipeline, dimension):
    _, db, _ = pipeline
    naive = query(db, f"""
        SELECT b.area_level, b.area_code, x.period_type, x.period, x.category, count(DISTINCT x.person_key)
        FROM ({NAIVE_PERIODS.format(cols=dimension + " AS category", source="core_person_month")}) x
        JOIN bridge_area_municipality b USING (nis_code) GROUP BY ALL ORDER BY ALL""")
    mart = query(db, """SELECT area_level, area_code, period_type, period, category, leefloners
        FROM mart_breakdown__area_period WHERE period_type <> 'month' AND dimension = ? ORDER BY ALL""",
                 [dimension])
    assert mart == naive and len(mart) > 1000
