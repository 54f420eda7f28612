"""python -m etl export: contract section 6, with suppression, formula injection and the
Belgian Excel variant."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from etl import disclosure
from etl.csvout import EXPORT_COLUMNS, neutralise, to_csv_bytes
from etl.export import ANALYTICS_COLUMNS
from etl.load import load
from tests.etl.helpers import benefit, run_cli, work, write_feed


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """Gent: 12 persons in 2024-05, 6 of them registered, 6 in work in 2024-12
    (7 months later).
    Aalst: 3 persons (suppressed). Oostende: 7 persons, 2 registered (rate suppressed)."""
    d = tmp_path_factory.mktemp("export")
    rows = [benefit(i, "2024-05", "44021", "begeleiding" if i < 6 else "niet_ingeschreven") for i in range(12)]
    rows += [benefit(100 + i, "2024-05", "41002") for i in range(3)]
    rows += [benefit(200 + i, "2024-05", "35013", "nwwz" if i < 2 else "niet_ingeschreven") for i in range(7)]
    write_feed(d / "in" / "benefit_2024.csv", rows)
    write_feed(d / "in" / "work_2024.csv", [work(i, "2024-12") for i in range(6)] + [work(999, "2025-06")])
    assert load([d / "in"], d / "wh.duckdb").published
    return d / "wh.duckdb"


def export(db, *args):
    result = run_cli("export", "--db", str(db), *args)
    return result


def rows_of(text: str, delimiter=","):
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def test_benchmark_export_columns_order_and_values(db):
    result = export(db, "--benchmark", "44021", "--period", "2024-05")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS + ANALYTICS_COLUMNS + ["include_ell", "art60_is_work"])
    rows = rows_of(result.stdout)
    assert [r["level"] for r in rows] == ["municipality", "centre_cities", "municipality", "municipality",
                                          "municipality", "peers", "region", "province", "flanders"]
    assert {(r["include_ell"], r["art60_is_work"]) for r in rows} == {("1", "1")}
    gent = rows[0]
    assert (gent["code"], gent["name"], gent["period"]) == ("44021", "Gent", "2024-05")
    assert gent["leefloners"] == "12" and gent["person_months"] == "12"
    assert gent["registration_rate"] == "0.500000" and gent["guidance_rate"] == "0.500000"
    assert (gent["work_6m_base"], gent["work_6m_n"], gent["work_6m_rate"]) == ("12", "0", "0.000000")
    assert (gent["work_12m_base"], gent["work_12m_n"], gent["work_12m_rate"]) == ("12", "6", "0.500000")
    # Wilson 95% interval of 6/12 (Newcombe 1998 method): 0.2538 to 0.7462
    assert float(gent["registration_rate_lo"]) == pytest.approx(0.2538, abs=1e-4)
    assert float(gent["registration_rate_hi"]) == pytest.approx(0.7462, abs=1e-4)
    assert gent["registration_rate_p_value"] == ""  # the municipality is not compared with itself
    # Flanders holds Gent: compared with the rest of Flanders (Aalst 0/3 + Oostende 2/7 registered)
    assert rows[-1]["registration_rate_p_value"] != ""
    # the nearby centre cities one by one, nearest first: Aalst (3 persons) is suppressed
    aalst = next(r for r in rows if r["code"] == "41002")
    assert aalst["leefloners"] == "" and aalst["person_months"] == "" and aalst["registration_rate"] == ""
    assert aalst["registration_rate_lo"] == "" and aalst["registration_rate_p_value"] == ""
    flanders = rows[-1]
    assert flanders["code"] == "flanders" and flanders["leefloners"] == "22"


def test_rates_on_suppressed_numerators_are_suppressed(db):
    rows = {r["code"]: r for r in rows_of(export(db, "--level", "municipality", "--period", "2024-05").stdout)}
    oostende = rows["35013"]
    assert oostende["leefloners"] == "7" and oostende["registration_rate"] == ""  # 2 registered
    assert oostende["guidance_rate"] == "0.000000"  # 0 may be shown
    assert rows["11002"]["leefloners"] == "0" and rows["11002"]["registration_rate"] == ""
    assert len(rows) == 285


def test_levels_and_codes(db):
    for level, n, code in [("province", 5, "40000"), ("region", 15, "REFREG13"), ("flanders", 1, "flanders"),
                           ("peers", 285, "PEERS:44021")]:
        rows = rows_of(export(db, "--level", level, "--period", "2024").stdout)
        assert len(rows) == n and code in [r["code"] for r in rows]
    pools = rows_of(export(db, "--level", "centre_cities", "--period", "2024-Q2").stdout)
    assert all(r["code"].startswith("CC:") for r in pools) and len(pools) > 3


def test_excel_variant(db, tmp_path):
    out = tmp_path / "gent.csv"
    result = export(db, "--benchmark", "44021", "--period", "2024-05", "--excel", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = rows_of(data.decode("utf-8-sig"), delimiter=";")
    assert rows[0]["registration_rate"] == "0,500000" and rows[0]["leefloners"] == "12"
    assert data.count(b"\r\n") == len(rows) + 1


@pytest.mark.parametrize("args, message", [
    (["--level", "gemeente", "--period", "2024"], "unknown level"),
    (["--level", "municipality", "--period", "2019"], "not in the data"),
    (["--level", "municipality", "--period", "juni"], "not a period"),
    (["--benchmark", "99999", "--period", "2024"], "unknown NIS code"),
    (["--benchmark", "21004", "--period", "2024"], "unknown NIS code"),
])
def test_bad_requests_exit_2_with_a_clear_message(db, args, message):
    result = export(db, *args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


def test_missing_warehouse_exits_2(tmp_path):
    result = export(tmp_path / "none.duckdb", "--level", "flanders", "--period", "2024")
    assert result.returncode == 2 and "python -m etl load" in result.stderr


def test_formula_injection_is_neutralised():
    for text in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Gent") == "Gent" and neutralise("'s-Gravenwezel") == "'s-Gravenwezel"
    df = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "Aalst"], "n": pd.array([1, 2], dtype="Int64"),
                       "rate": [0.5, None]})
    text = to_csv_bytes(df).decode()
    assert text.splitlines()[1].startswith("\"'=cmd") or text.splitlines()[1].startswith("'=cmd")
    assert text.splitlines()[2] == "Aalst,2,"


def test_suppression_rules():
    df = pd.DataFrame({
        "leefloners": [0, 1, 4, 5, 100], "person_months": [0, 3, 9, 5, 300],
        "n_registered": [0, 1, 5, 5, 297], "registration_rate": [None, 1 / 3, 5 / 9, 1.0, 0.99],
    })
    out = disclosure.suppress_indicators(df, k=5)
    assert out["leefloners"].tolist()[0] == 0 and out["leefloners"].isna().tolist() == [False, True, True, False, False]
    assert out["person_months"].isna().tolist() == [False, True, False, False, False]
    assert out["registration_rate"].isna().tolist() == [True, True, False, False, False]
    assert out["is_suppressed"].tolist() == [False, True, True, False, False]
    with pytest.raises(ValueError):
        disclosure.suppress_indicators(df, k=2)


def test_suppression_threshold_from_the_environment(monkeypatch):
    monkeypatch.setenv("LEEFLOON_SUPPRESSION_K", "10")
    assert disclosure.suppression_k() == 10
    monkeypatch.setenv("LEEFLOON_SUPPRESSION_K", "2")
    with pytest.raises(ValueError):
        disclosure.suppression_k()


def test_definition_switches_change_the_numbers_as_defined(tmp_path):
    """2 persons on leefloon and 5 on equivalent leefloon in Gent, 2024-05; one LL person and
    three ELL persons work in art. 60 in 2024-07, two ELL persons work regularly in 2024-08."""
    rows = [benefit(i, "2024-05", "44021", benefit_type="LL") for i in range(2)]
    rows += [benefit(10 + i, "2024-05", "44021", benefit_type="ELL") for i in range(5)]
    work_rows = [work(0, "2024-07", "art60"), work(10, "2024-07", "art60"), work(11, "2024-07", "art60"),
                 work(12, "2024-07", "art60"), work(13, "2024-08"), work(14, "2024-08"),
                 work(99, "2025-12")]
    write_feed(tmp_path / "in" / "benefit_2024.csv", rows)
    write_feed(tmp_path / "in" / "work_2024.csv", work_rows)
    db = tmp_path / "wh.duckdb"
    assert load([tmp_path / "in"], db).published

    def flanders(*flags):
        out = export(db, "--level", "flanders", "--period", "2024-05", *flags)
        assert out.returncode == 0, out.stderr
        return rows_of(out.stdout)[0]

    with_all = flanders()
    assert (with_all["leefloners"], with_all["work_6m_n"]) == ("7", "6")
    no_art60 = flanders("--art60-not-work")
    assert (no_art60["leefloners"], no_art60["work_6m_n"]) == ("7", "")  # 2 regular jobs: suppressed
    assert no_art60["art60_is_work"] == "0" and no_art60["include_ell"] == "1"
    ll_only = flanders("--without-ell")  # 2 persons: everything suppressed
    assert ll_only["leefloners"] == "" and ll_only["include_ell"] == "0"


def test_a_hidden_centre_city_cannot_be_derived_from_the_pool(tmp_path):
    """Gent's nearby centre cities are Aalst, Sint-Niklaas and Brugge. With 3 persons in Aalst
    (hidden) and 20 in each of the others, the pool (43) minus 40 would give Aalst away."""
    rows = [benefit(i, "2024-05", "41002") for i in range(3)]
    rows += [benefit(100 + i, "2024-05", "46021") for i in range(20)]
    rows += [benefit(200 + i, "2024-05", "31005") for i in range(20)]
    rows += [benefit(300 + i, "2024-05", "44021") for i in range(10)]
    write_feed(tmp_path / "in" / "benefit_2024.csv", rows)
    assert load([tmp_path / "in"], tmp_path / "wh.duckdb").published
    out = rows_of(export(tmp_path / "wh.duckdb", "--benchmark", "44021", "--period", "2024-05").stdout)
    by_code = {r["code"]: r for r in out}
    assert by_code["41002"]["leefloners"] == ""
    pool = next(r for r in out if r["level"] == "centre_cities")
    shown = [int(by_code[c]["leefloners"]) for c in ("46021", "31005") if by_code[c]["leefloners"]]
    assert pool["leefloners"] == "" or len(shown) < 2
