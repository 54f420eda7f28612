"""Data contract section 2: every row is loaded or quarantined, files are rejected
with a clear message, re-loads change nothing and corrections replace a month."""

from __future__ import annotations

import json
import os

import duckdb
import pytest

from etl.feeds import QUARANTINE_REASONS
from etl.load import load
from tests.etl.helpers import benefit, pid, query, run_cli, work, write_feed

INSZ = "85.07.30-033.28"  # a valid national register number (mod-97 check holds)
INSZ_DIGITS = "85073003328"


def test_the_sample_insz_is_valid():
    from etl.insz import is_valid_insz

    assert is_valid_insz(INSZ) and is_valid_insz(INSZ_DIGITS) and is_valid_insz("850730 033 28")
    assert not is_valid_insz("85073003329") and not is_valid_insz(pid(7))
    assert is_valid_insz("00012556777") is (97 - (2_000_000_000 + 125567) % 97 == 77)


# one row per quarantine reason: (reason, field, row or raw line)
BAD_BENEFIT_ROWS = [
    ("unpseudonymised_id", "person_id", benefit(INSZ, "2024-05", "44021")),
    ("unpseudonymised_id", "person_id", benefit(INSZ_DIGITS, "2024-05", "44021")),
    ("invalid_person_id", "person_id", benefit("not-a-pseudonym", "2024-05", "44021")),
    ("missing_value", "person_id", benefit("", "2024-05", "44021")),
    ("missing_value", "education", benefit(11, "2024-05", "44021", education="")),
    ("missing_value", "person_id", benefit("   ", "2024-05", "44021")),  # blank once trimmed
    ("missing_value", "gender", benefit(27, "2024-05", "44021", gender="  ")),
    ("invalid_month", "ref_month", benefit(12, "2024-13", "44021")),
    ("invalid_month", "ref_month", benefit(13, "05/2024", "44021")),
    ("unknown_nis_code", "nis_code", benefit(14, "2024-05", "99999")),
    ("nis_code_not_valid_in_month", "nis_code", benefit(15, "2024-05", "71072")),  # Hasselt's 2025 code
    ("nis_code_not_valid_in_month", "nis_code", benefit(16, "2025-05", "71022")),  # Hasselt's old code
    ("nis_code_outside_flanders", "nis_code", benefit(17, "2024-05", "21004")),  # Brussel
    ("value_out_of_domain", "benefit_type", benefit(18, "2024-05", "44021", benefit_type="XX")),
    ("value_out_of_domain", "household", benefit(19, "2024-05", "44021", household="gehuwd")),
    ("value_out_of_domain", "gender", benefit(20, "2024-05", "44021", gender="Q")),
    ("value_out_of_domain", "vdab_status", benefit(21, "2024-05", "44021", status="werkloos")),
    ("value_out_of_domain", "gpmi", benefit(22, "2024-05", "44021", gpmi="misschien")),
    ("value_out_of_domain", "origin", benefit(23, "2024-05", "44021", origin="mars")),
    ("value_out_of_domain", "birth_year", benefit(24, "2024-05", "44021", birth_year="19x0")),
    ("birth_year_out_of_range", "birth_year", benefit(25, "2024-05", "44021", birth_year=2015)),
    ("birth_year_out_of_range", "birth_year", benefit(26, "2024-05", "44021", birth_year=1850)),
    ("duplicate_key", None, benefit(1, "2024-05", "44021", status="begeleiding")),
]
GOOD_BENEFIT_ROWS = [benefit(1, "2024-05", "44021"), benefit(2, "2024-05", "11002", gpmi="J"),
                     benefit(3, "2024-05", "71022", gpmi="false")]


@pytest.fixture()
def bad_delivery(tmp_path):
    path = write_feed(tmp_path / "in" / "benefit_2024.csv",
                      GOOD_BENEFIT_ROWS + [r for _, _, r in BAD_BENEFIT_ROWS])
    with open(path, "a", encoding="utf-8") as fh:  # malformed rows: too few and too many fields
        fh.write(f"{pid(30)},2024-05,44021\n")
        fh.write(f"{pid(31)},2024-05,44021,LL,alleenstaand,M,1990,laag,belg,nwwz,1,extra,{INSZ}\n")
    write_feed(tmp_path / "in" / "work_2024.csv", [
        work(1, "2024-06"), work(2, "2024-06", "bijbaan"), work(3, "2024-06", region="NL"),
        work(INSZ, "2024-06"), work(4, "2024-6"),
    ])
    return tmp_path


def test_every_quarantine_reason_with_file_line_and_field(bad_delivery):
    db = bad_delivery / "wh.duckdb"
    report = load([bad_delivery / "in"], db)
    assert report.published
    rows = query(db, "SELECT line, reason, field FROM quarantine WHERE feed = 'benefit' ORDER BY line")
    expected = [(i + 2 + len(GOOD_BENEFIT_ROWS), reason, field)
                for i, (reason, field, _) in enumerate(BAD_BENEFIT_ROWS)]
    n = len(GOOD_BENEFIT_ROWS) + len(BAD_BENEFIT_ROWS)
    expected += [(n + 2, "malformed_row", None), (n + 3, "malformed_row", None)]
    assert rows == expected
    assert {r for _, r, _ in rows} | {"value_out_of_domain"} == set(QUARANTINE_REASONS)
    work_rows = query(db, "SELECT line, reason, field FROM quarantine WHERE feed = 'work' ORDER BY line")
    assert work_rows == [(3, "value_out_of_domain", "work_type"), (4, "value_out_of_domain", "work_region"),
                         (5, "unpseudonymised_id", "person_id"), (6, "invalid_month", "ref_month")]
    assert query(db, "SELECT count(*) FROM benefit_month")[0][0] == 3
    # the duplicate keeps the first row
    assert query(db, "SELECT vdab_status FROM benefit_month WHERE person_id = ?", [pid(1)]) == [("nwwz",)]


def test_rows_reconcile_for_every_file(bad_delivery):
    db = bad_delivery / "wh.duckdb"
    report = load([bad_delivery / "in"], db)
    for f in report.files:
        assert f.rows_in == f.rows_loaded + f.rows_quarantined
        assert f.rows_quarantined == sum(f.quarantine_reasons.values())
    manifest = query(db, "SELECT path, rows_in, rows_loaded, rows_quarantined FROM load_manifest ORDER BY path")
    assert [(os.path.basename(p), i, ld, q) for p, i, ld, q in manifest] == [
        ("benefit_2024.csv", 28, 3, 25), ("work_2024.csv", 5, 1, 4)]
    stored = query(db, "SELECT (SELECT count(*) FROM benefit_month) + (SELECT count(*) FROM work_month) "
                       "+ (SELECT count(*) FROM quarantine)")[0][0]
    assert stored == 28 + 5


def test_a_national_register_number_is_never_written(bad_delivery):
    db = bad_delivery / "wh.duckdb"
    result = run_cli("load", str(bad_delivery / "in"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    for text in (result.stdout, result.stderr):
        assert INSZ not in text and INSZ_DIGITS not in text
    with duckdb.connect(str(db.resolve()), read_only=True) as con:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            dump = str(con.execute(f'SELECT * FROM "{table}"').fetchall())
            assert INSZ not in dump and INSZ_DIGITS not in dump, table
    raw = db.resolve().read_bytes()
    assert INSZ.encode() not in raw and INSZ_DIGITS.encode() not in raw


@pytest.mark.parametrize("name, content, cause", [
    ("benefit_header.csv", "person_id,ref_month,nis_code\nabc,2024-01,44021\n",
     "missing required column(s) benefit_type"),
    ("benefit_empty.csv", "", "empty file"),
    ("benefit_binary.csv", b"\xff\xfe\x00garbage\x00\n", "not UTF-8"),
    ("benefit_table.xlsx", b"PK\x03\x04 a zip file", "not a CSV or Parquet file"),
    ("work_fake.parquet", "person_id,ref_month\n", "not a Parquet file"),
    ("verzuim_2024.csv", "a,b\n1,2\n", "unknown feed"),
])
def test_a_bad_file_is_rejected_and_the_rest_loads(tmp_path, name, content, cause):
    good = write_feed(tmp_path / "in" / "benefit_2024.csv", GOOD_BENEFIT_ROWS)
    bad = tmp_path / "in" / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    db = tmp_path / "wh.duckdb"
    result = run_cli("load", str(good), str(bad), "--db", str(db), "--json")
    assert result.returncode == 1, result.stderr
    out = json.loads(result.stdout)
    assert out["published"] is True
    by_name = {os.path.basename(f["path"]): f for f in out["files"]}
    assert by_name[name]["outcome"] == "rejected"
    assert cause in by_name[name]["error"] and name in by_name[name]["error"]
    assert by_name["benefit_2024.csv"]["outcome"] == "loaded"
    assert query(db, "SELECT count(*) FROM benefit_month")[0][0] == 3


def test_all_files_rejected_publishes_nothing_and_exits_2(tmp_path):
    bad = tmp_path / "benefit_x.csv"
    bad.write_text("wrong,header\n1,2\n")
    result = run_cli("load", str(bad), "--db", str(tmp_path / "wh.duckdb"), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["published"] is False
    assert not (tmp_path / "wh.duckdb").exists()


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("load", str(tmp_path / "missing")).returncode == 2
    assert run_cli("load").returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("load", str(empty), "--db", str(tmp_path / "wh.duckdb"))
    assert result.returncode == 2 and "no benefit_* or work_* files" in result.stderr


def test_extra_columns_warn_and_csv_dialects_load(tmp_path):
    header = ["gpmi", "person_id", "ref_month", "nis_code", "benefit_type", "household", "gender",
              "birth_year", "education", "origin", "vdab_status", "opmerking"]
    rows = [(1, pid(1), "2024-05", "44021", "LL", "alleenstaand", "M", 1990, "laag", "belg", "nwwz", "x"),
            ("N", f'"{pid(2)}"', '"2024-05"', "11002", "ell", "Samenwonend", "v", 1980, "hoog", "eu",
             "begeleiding", "")]
    write_feed(tmp_path / "in" / "benefit_a.csv", rows, delimiter=";", header=header, bom=True, newline="\r\n")
    report = load([tmp_path / "in"], tmp_path / "wh.duckdb")
    (f,) = report.files
    assert f.outcome == "loaded" and f.rows_loaded == 2, f
    assert any("opmerking" in w for w in f.warnings)
    assert query(tmp_path / "wh.duckdb", "SELECT person_id, benefit_type, household, gender, gpmi "
                 "FROM benefit_month ORDER BY 1") == [
        (pid(1), "LL", "alleenstaand", "M", True), (pid(2), "ELL", "samenwonend", "V", False)]


def test_reloading_changes_nothing(tmp_path):
    write_feed(tmp_path / "in" / "benefit_2024.csv", GOOD_BENEFIT_ROWS)
    db = tmp_path / "wh.duckdb"
    first = load([tmp_path / "in"], db)
    target = db.resolve()
    again = run_cli("load", str(tmp_path / "in"), "--db", str(db), "--json")
    assert again.returncode == 0
    out = json.loads(again.stdout)
    assert out["published"] is False and out["data_version"] == first.data_version
    assert [f["outcome"] for f in out["files"]] == ["unchanged"]
    assert db.resolve() == target


def test_a_correction_replaces_its_month_and_keeps_the_others(tmp_path):
    db = tmp_path / "wh.duckdb"
    write_feed(tmp_path / "d1" / "benefit_2024.csv", [
        benefit(1, "2024-05", "44021"), benefit(2, "2024-05", "44021"), benefit(1, "2024-06", "44021")])
    write_feed(tmp_path / "d1" / "work_2024.csv", [work(1, "2024-07")])
    load([tmp_path / "d1"], db)
    # split per province: two files of one delivery hold the same month and are combined
    write_feed(tmp_path / "d2" / "benefit_2024_06_antwerpen.csv", [benefit(5, "2024-06", "11002")])
    write_feed(tmp_path / "d2" / "benefit_2024_06_oost.csv", [benefit(6, "2024-06", "44021"),
                                                               benefit(7, "2024-06", "44021")])
    report = load([tmp_path / "d2"], db)
    assert [f.outcome for f in report.files] == ["replaced", "replaced"]
    assert report.replaced == [{"feed": "benefit", "ref_month": "2024-06", "rows_before": 1, "rows_after": 3}]
    months = query(db, "SELECT ref_month, count(*) FROM benefit_month GROUP BY 1 ORDER BY 1")
    assert months == [("2024-05", 2), ("2024-06", 3)]
    assert query(db, "SELECT count(*) FROM work_month")[0][0] == 1
    assert query(db, "SELECT feed, ref_month, rows_before, rows_after FROM load_replacement") == [
        ("benefit", "2024-06", 1, 3)]
    assert query(db, "SELECT count(*) FROM load_manifest")[0][0] == 4


def test_parquet_loads_like_csv(tmp_path):
    csv_dir = tmp_path / "csv"
    write_feed(csv_dir / "benefit_2024.csv", GOOD_BENEFIT_ROWS)
    write_feed(csv_dir / "work_2024.csv", [work(1, "2024-07")])
    pq_dir = tmp_path / "pq"
    pq_dir.mkdir()
    with duckdb.connect() as con:
        for feed in ("benefit", "work"):
            con.execute(f"COPY (SELECT * FROM read_csv('{csv_dir}/{feed}_2024.csv', all_varchar=true)) "
                        f"TO '{pq_dir}/{feed}_2024.parquet' (FORMAT parquet)")
    load([csv_dir], tmp_path / "a.duckdb")
    load([pq_dir], tmp_path / "b.duckdb")
    sql = "SELECT * FROM mart_indicators__area_period ORDER BY ALL"
    assert query(tmp_path / "a.duckdb", sql) == query(tmp_path / "b.duckdb", sql)


def test_line_numbers_stay_exact_with_blank_lines_and_quotes(tmp_path):
    good = ",".join(str(v) for v in benefit(1, "2024-05", "44021"))
    bad = ",".join(str(v) for v in benefit(2, "2024-05", "99999"))
    quoted = ",".join(f'"{v}"' for v in benefit(3, "2024-05", "44021"))
    header = "person_id,ref_month,nis_code,benefit_type,household,gender,birth_year,education,origin,vdab_status,gpmi"
    for name, text, expect in [
        ("benefit_plain.csv", f"{header}\n{good}\n{bad}\n{quoted}", [(3, "unknown_nis_code")]),
        ("benefit_blank.csv", f"{header}\n\n{good}\n\n{bad}\n{quoted}\n", [(5, "unknown_nis_code")]),
        ("benefit_crlf.csv", f"{header}\r\n{good}\r\n{bad}\r\n{quoted}\r\n", [(3, "unknown_nis_code")]),
    ]:
        d = tmp_path / name
        (d / name).parent.mkdir(parents=True)
        (d / name).write_text(text)
        report = load([d / name], d / "wh.duckdb")
        assert report.files[0].rows_in == 3 and report.files[0].rows_loaded == 2, name
        assert query(d / "wh.duckdb", "SELECT line, reason FROM quarantine") == expect, name
