"""python -m etl report: the report pack (CSV, metadata sidecar, one-page HTML and PDF, zip).

A small warehouse is built once with the real ETL (generate --persons 3000, 2023-01..2025-06,
seed 7; load). The PDF and LibreOffice tests need Debian's chromium and libreoffice-calc;
they fail, never skip, when those are missing (CI installs them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.csvout import EXPORT_COLUMNS, to_csv_bytes
from etl.definitions import STANDARD, Definition
from etl.export import ANALYTICS_COLUMNS, benchmark_rows, level_rows
from etl.report import (
    ReportAccessDenied,
    ReportError,
    build_pack,
    file_names,
    page_count,
    render_report_html,
)
from etl.report.model import MunicipalityReport, PackContext, PeriodInfo
from etl.report.sentences import sentences
from tests.etl.helpers import PROJECT_ROOT, run_cli

PERIOD = "2024"
GENT, ANTWERPEN = "44021", "11002"
CLI_CODES = [GENT, ANTWERPEN, "23101"]  # Sint-Genesius-Rode: no leefloners in the small data


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    gen = run_cli("generate", "--out", str(root / "gen"), "--persons", "3000", "--start", "2023-01",
                  "--end", "2025-06", "--seed", "7")
    assert gen.returncode == 0, gen.stderr
    db = root / "wh" / "warehouse.duckdb"
    loaded = run_cli("load", str(root / "gen"), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    return db


@pytest.fixture(scope="module")
def con(wh):
    with duckdb.connect(str(wh.resolve()), read_only=True) as c:
        yield c


@pytest.fixture(scope="module")
def pack(wh, tmp_path_factory):
    """One CLI run for three municipalities: the pack every file test reads."""
    out = tmp_path_factory.mktemp("pack") / "out"
    result = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", *CLI_CODES[:2],
                     "--nis", CLI_CODES[2], "--out", str(out), "--zip")
    assert result.returncode == 0, result.stderr
    return out, result


def _summary(out: Path) -> dict:
    return json.loads((out / f"pack_{PERIOD}.json").read_text(encoding="utf-8"))


def _entry(out: Path, nis: str) -> dict:
    return next(r for r in _summary(out)["reports"] if r["nis_code"] == nis)


def _meta(out: Path, nis: str) -> dict:
    return json.loads((out / _entry(out, nis)["metadata"]).read_text(encoding="utf-8"))


def _html(out: Path, nis: str) -> str:
    return (out / _entry(out, nis)["html"]).read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """The visible text of an HTML fragment, entities resolved."""
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text)))


# ------------------------------------------------------------------ files and CSV
def test_pack_writes_the_files_of_every_municipality(pack):
    out, result = pack
    summary = _summary(out)
    assert [r["nis_code"] for r in summary["reports"]] == CLI_CODES
    for r in summary["reports"]:
        names = file_names(r["nis_code"], r["name"], PERIOD)
        assert r["dir"] == names["dir"] and (out / r["dir"]).is_dir()
        for key in ("csv", "metadata", "html"):
            assert r[key] == names[key] and (out / r[key]).stat().st_size > 0
        assert "pdf" not in r and not (out / names["pdf"]).exists()
    assert sorted(p.name for p in (out / "44021_gent").iterdir()) == [
        "44021_gent_2024_benchmark.csv", "44021_gent_2024_metadata.json", "44021_gent_2024_rapport.html"]
    assert (out / "23101_sint-genesius-rode").is_dir()
    assert summary["municipalities"] == 3 and summary["period"] == PERIOD
    assert summary["files"] == 3 * 3 + 2  # + the summary + the zip
    # the progress bar and the closing line on standard error
    assert "report" in result.stderr and "3/3" in result.stderr
    assert f"wrote 3 reports (11 files) for {PERIOD} to {out}" in result.stderr


@pytest.mark.parametrize("flags", [[], ["--excel"], ["--without-ell", "--art60-not-work"]])
def test_csv_equals_the_benchmark_export(wh, tmp_path, flags):
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", GENT, "23101",
                     "--out", str(out), *flags)
    assert result.returncode == 0, result.stderr
    for nis in (GENT, "23101"):
        exported = run_cli("export", "--db", str(wh), "--benchmark", nis, "--period", PERIOD,
                           "--out", str(tmp_path / f"{nis}.csv"), *flags)
        assert exported.returncode == 0, exported.stderr
        assert (out / _entry(out, nis)["csv"]).read_bytes() == (tmp_path / f"{nis}.csv").read_bytes()
    head = (out / _entry(out, GENT)["csv"]).read_bytes().decode("utf-8-sig").splitlines()[0]
    delimiter = ";" if "--excel" in flags else ","
    assert head.split(delimiter) == EXPORT_COLUMNS + ANALYTICS_COLUMNS + ["include_ell", "art60_is_work"]


def test_metadata_sidecar(pack, con):
    out, _ = pack
    meta = _meta(out, GENT)
    facts = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert meta["generator"] == "python -m etl report"
    assert datetime.fromisoformat(meta["generated_at"].replace("Z", "+00:00")).tzinfo is not None
    assert meta["municipality"] == {"nis_code": GENT, "name": "Gent", "province": "Oost-Vlaanderen",
                                    "region": "Regio Gent", "region_kind": "referentieregio"}
    assert meta["period"] == {"period": "2024", "period_type": "year", "first_month": "2024-01",
                              "last_month": "2024-12", "n_months": 12, "n_months_loaded": 12,
                              "is_complete": True}
    assert meta["data"] == {"data_version": facts["data_version"], "loaded_at": facts["loaded_at"],
                            "first_month": "2023-01", "last_month": "2025-06",
                            "last_work_month": "2025-06"}
    assert meta["definition"] == {"include_ell": True, "art60_is_work": True, "without_ell": False,
                                  "art60_not_work": False, "label_nl": STANDARD.label("nl"),
                                  "label_en": STANDARD.label("en")}
    assert set(meta["indicators"]) == {"leefloners", "person_months", "registration_rate",
                                       "guidance_rate", "work_6m_rate", "work_12m_rate"}
    assert all(v["definition_nl"] and v["definition_en"] for v in meta["indicators"].values())
    assert meta["suppression"]["k"] == 5
    assert "minder dan 5 personen" in meta["suppression"]["rule_nl"]
    assert meta["significance"]["alpha"] == 0.05
    kinds = {g["group_kind"] for g in meta["comparison_groups"]}
    assert {"centre_cities", "centre_city", "region", "province", "flanders", "peers"} <= kinds
    assert meta["trend_quarters"] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4",
                                      "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert len(meta["sentences"]) == 3
    assert meta["csv"]["same_as"] == f"python -m etl export --benchmark {GENT} --period 2024"
    assert meta["csv"]["variant"] == "plain"
    for name in meta["files"].values():
        assert (out / "44021_gent" / name).exists()


def test_sidecar_records_the_definition_toggles(wh, tmp_path):
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", "2024-Q2", "--nis", GENT, "--out",
                     str(out), "--without-ell", "--excel")
    assert result.returncode == 0, result.stderr
    meta = json.loads(next(out.glob("*/*_metadata.json")).read_text(encoding="utf-8"))
    assert meta["definition"]["include_ell"] is False and meta["definition"]["without_ell"] is True
    assert meta["definition"]["art60_is_work"] is True
    assert meta["csv"]["variant"] == "excel-be" and meta["csv"]["delimiter"] == ";"
    assert meta["csv"]["same_as"].endswith("--period 2024-Q2 --without-ell --excel")
    assert "equivalent leefloon niet meegeteld" in meta["indicators"]["leefloners"]["definition_nl"]


def test_zip_holds_every_file(pack):
    out, _ = pack
    summary = _summary(out)
    assert summary["zip"] == str(out / f"rapporten_{PERIOD}.zip")
    with zipfile.ZipFile(summary["zip"]) as zf:
        names = set(zf.namelist())
        expected = {r[k] for r in summary["reports"] for k in ("csv", "metadata", "html")}
        assert names == expected | {f"pack_{PERIOD}.json"}
        assert zf.read(_entry(out, GENT)["csv"]) == (out / _entry(out, GENT)["csv"]).read_bytes()


# ------------------------------------------------------------------ refusing bad requests
@pytest.mark.parametrize("args, message", [
    (["--period", "2031", "--nis", GENT], "error: period 2031 is not in the data; the data covers 2023-01 to 2025-06"),
    (["--period", "2024-13", "--nis", GENT], "error: not a period: '2024-13'"),
    (["--period", PERIOD, "--nis", "99999"], "error: unknown NIS code '99999': not a current Flemish municipality"),
    (["--period", PERIOD, "--nis", GENT, "21004"], "error: unknown NIS code '21004'"),  # Brussel
    (["--period", PERIOD, "--nis", "44021,4402"], "error: unknown NIS code '4402'"),
])
def test_bad_period_or_nis_exits_2_and_writes_nothing(wh, tmp_path, args, message):
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), *args, "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_usage_errors_exit_2(wh, tmp_path):
    both = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", GENT, "--all", "--out", str(tmp_path))
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    neither = run_cli("report", "--db", str(wh), "--period", PERIOD, "--out", str(tmp_path))
    assert neither.returncode == 2 and "one of the arguments --nis --all is required" in neither.stderr
    missing = run_cli("report", "--db", str(tmp_path / "none.duckdb"), "--period", PERIOD, "--all",
                      "--out", str(tmp_path / "o"))
    assert missing.returncode == 2 and "no warehouse at" in missing.stderr


def test_pdf_without_chromium_exits_2(wh, tmp_path):
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", GENT, "--out", str(out),
                     "--pdf", env={"LEEFLOON_CHROMIUM": str(tmp_path / "no-chromium")})
    assert result.returncode == 2 and "no Chromium found" in result.stderr
    assert not out.exists()


def test_allowed_nis_refuses_others(con, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ReportAccessDenied, match="11002 is outside the caller's scope"):
        build_pack(con, PERIOD, [GENT, ANTWERPEN], out, allowed_nis=[GENT])
    assert not out.exists()
    with pytest.raises(ReportAccessDenied):
        render_report_html(con, ANTWERPEN, PERIOD, allowed_nis=["44021", "44084"])
    assert isinstance(ReportAccessDenied("x"), PermissionError)
    # all municipalities within a scope: only the scope
    summary = build_pack(con, PERIOD, None, out, allowed_nis=["44084", GENT])
    assert [r["nis_code"] for r in summary["reports"]] == ["44021", "44084"]
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["44021_gent", "44084_aalter"]
    with pytest.raises(ReportAccessDenied):
        build_pack(con, PERIOD, None, tmp_path / "none", allowed_nis=[])


def test_api_errors_and_progress(con, wh, tmp_path):
    with pytest.raises(ReportError, match="not in the data"):
        render_report_html(con, GENT, "2030")
    with pytest.raises(ReportError, match="unknown NIS code"):
        render_report_html(con, "12345", PERIOD)
    with pytest.raises(ReportError, match="no NIS code given"):
        build_pack(con, PERIOD, [], tmp_path / "x")
    calls = []
    summary = build_pack(wh, PERIOD, ["44084", GENT], tmp_path / "p", progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert summary["reports"][0]["nis_code"] == "44084"  # the caller's order


def test_render_report_html_equals_the_pack_file(con, tmp_path):
    stamp = "2026-01-02T03:04:05Z"
    html = render_report_html(con, GENT, PERIOD, generated_at=stamp)
    from etl.report.html import render
    from etl.report.model import municipality_report, prepare

    ctx = prepare(con, PERIOD, [GENT], generated_at=stamp)
    assert html == render(municipality_report(con, ctx, GENT))
    assert "2 januari 2026, 03:04 UTC" in html
    other = render_report_html(con, GENT, PERIOD, Definition(include_ell=False), generated_at=stamp)
    assert "enkel leefloon (zonder equivalent leefloon)" in other and other != html


# ------------------------------------------------------------------ the report's content
def test_html_report_content(pack, con, wh):
    out, _ = pack
    html = _html(out, GENT)
    text = _plain(html)
    meta = _meta(out, GENT)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl-BE">' in html
    assert "@page { size: A4 portrait;" in html
    for sentence in meta["sentences"]:
        assert sentence in text
    s1, s2, s3 = meta["sentences"]
    assert s1.startswith("In 2024 vond ") and "van de leefloners van Gent binnen 12 maanden werk; in Vlaanderen was dat" in s1
    assert s2.startswith("Bij VDAB was ") and "in de nabije centrumsteden (" in s2
    assert s3.startswith("In begeleiding, opleiding of werkervaring bij VDAB was ") and "in Regio Gent was dat" in s3
    for s in meta["sentences"]:
        assert re.search(r"Het verschil \([+−±]\d+,\d procentpunt\) is (statistisch significant|niet significant)\.$", s), s
    # the numbers are the export's numbers, nl-BE formatted
    rows = benchmark_rows(con, GENT, PERIOD)
    gent, flanders = rows.iloc[0], rows[rows.level == "flanders"].iloc[0]
    pct = lambda r: f"{r * 100:.1f}".replace(".", ",") + " %"  # noqa: E731
    assert f"vond {pct(gent.work_12m_rate)} van de leefloners" in s1
    assert f"in Vlaanderen was dat {pct(flanders.work_12m_rate)}." in s1
    significant = flanders.work_12m_rate_p_value < 0.05
    assert s1.endswith("is statistisch significant." if significant else "is niet significant.")
    for label in ("Kerncijfers", "Waar staat Gent?", "Evolutie per kwartaal", "Van leefloon naar werk",
                  "Ingeschreven bij VDAB", "Werk binnen 12 maanden", "Vlaanderen", "Regio Gent"):
        assert label in text
    assert f"{int(gent.leefloners):,}".replace(",", ".") in text
    assert html.count("<svg") >= 4  # three trend panels and the funnel (plus legend samples)
    # nothing is fetched: no scripts, links, images or URLs besides the SVG namespace
    assert not re.search(r"<script|<link|<img|<iframe|url\(|@import", html, re.I)
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    # aggregates only: no person_id and no pseudonym of the delivery
    assert "person_id" not in html and "person_id" not in json.dumps(meta)
    delivery = wh.parent.parent / "gen"
    ids = set()
    for f in delivery.glob("benefit_*.csv"):
        ids |= {row["person_id"] for row in csv.DictReader(io.StringIO(f.read_text(encoding="utf-8")))}
    assert ids and not any(i in html for i in list(ids)[:2000])
    assert not re.search(r"[0-9a-f]{16,}", re.sub(r"Gegevensversie [^<]+|data_version", "", text))


def test_suppressed_and_empty_cells_in_the_report(con):
    rows = level_rows(con, "municipality", PERIOD)
    hidden = rows[rows.leefloners.isna()].iloc[0]["code"]  # 1 to 4 persons
    html = render_report_html(con, hidden, PERIOD)
    assert "verborgen (minder dan 5 personen)" in _plain(html)
    none = render_report_html(con, "23101", PERIOD)
    assert "In 2024 had Sint-Genesius-Rode geen leefloners." in _plain(none)
    # the follow-up of 2025-Q1 is not over: work within 6 or 12 months is not known yet
    q1 = _plain(render_report_html(con, GENT, "2025-Q1"))
    assert ("Of de leefloners van Gent uit het 1e kwartaal van 2025 binnen 6 of 12 maanden werk "
            "vonden, is nog niet gekend: de opvolging loopt nog.") in q1
    assert "nog niet gekend: de opvolging loopt nog" in q1


def _fake_report(own: dict, flanders: dict, cities: dict, region: dict) -> MunicipalityReport:
    """A report over hand-made rows: the sentences' wording without the warehouse."""
    base = {"leefloners": 50, "person_months": 400, "work_6m_base": 300, "work_12m_base": 200}
    rows = []
    for level, code, values in (("municipality", "99001", own), ("centre_cities", "CC:1+2", cities),
                                ("region", "REFREG99", region), ("flanders", "flanders", flanders)):
        row = {"level": level, "code": code, **base}
        for rate in ("registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate"):
            row[rate] = None
            row[f"{rate}_p_value"] = None
        row.update(values)
        rows.append(row)
    comparison = [
        {"group_kind": "centre_cities", "area_level": "centre_cities", "area_code": "CC:1+2",
         "area_name": "pool", "rank": None, "distance_km": None},
        {"group_kind": "centre_city", "area_level": "municipality", "area_code": "1", "area_name": "Ieper",
         "rank": 1, "distance_km": 10.0},
        {"group_kind": "centre_city", "area_level": "municipality", "area_code": "2", "area_name": "Kortrijk",
         "rank": 2, "distance_km": 20.0},
        {"group_kind": "region", "area_level": "region", "area_code": "REFREG99", "area_name": "Westhoek",
         "rank": None, "distance_km": None},
        {"group_kind": "flanders", "area_level": "flanders", "area_code": "flanders",
         "area_name": "Vlaanderen", "rank": None, "distance_km": None},
    ]
    ctx = PackContext(period=PeriodInfo("quarter", "2024-Q2", "2024-04", "2024-06", 3, 3, True),
                      definition=STANDARD, k=5, meta={}, municipalities={"99001": {"name_nl": "Dorp"}},
                      comparison={"99001": comparison}, trend_periods=[], trend={},
                      generated_at="2026-01-01T00:00:00Z", nis_codes=["99001"])
    return MunicipalityReport("99001", "Dorp", ctx, pd.DataFrame(rows))


def test_sentences_wording():
    rep = _fake_report(
        own={"work_12m_rate": 0.241, "registration_rate": 0.6, "guidance_rate": 0.3},
        flanders={"work_12m_rate": 0.225, "work_12m_rate_p_value": 0.01},
        cities={"registration_rate": 0.62, "registration_rate_p_value": 0.40},
        region={"guidance_rate": 0.3, "guidance_rate_p_value": 1.0},
    )
    assert sentences(rep) == [
        "In het 2e kwartaal van 2024 vond 24,1 % van de leefloners van Dorp binnen 12 maanden werk; "
        "in Vlaanderen was dat 22,5 %. Het verschil (+1,6 procentpunt) is statistisch significant.",
        "Bij VDAB was 60,0 % van de leefloners van Dorp ingeschreven; in de nabije centrumsteden "
        "(Ieper en Kortrijk) was dat 62,0 %. Het verschil (−2,0 procentpunt) is niet significant.",
        "In begeleiding, opleiding of werkervaring bij VDAB was 30,0 % van de leefloners van Dorp; "
        "in de regio Westhoek was dat 30,0 %. Het verschil (±0,0 procentpunt) is niet significant.",
    ]
    # suppressed numerator, 12 months not known yet (falls back to 6 months), a hidden benchmark
    rep = _fake_report(
        own={"work_12m_base": 0, "work_6m_rate": 0.1, "registration_rate": None, "guidance_rate": 0.2},
        flanders={"work_6m_rate": 0.17, "work_6m_rate_p_value": 0.2},
        cities={"registration_rate": 0.5},
        region={"guidance_rate": None, "n_guidance": None},
    )
    s1, s2, s3 = sentences(rep)
    assert s1 == ("In het 2e kwartaal van 2024 vond 10,0 % van de leefloners van Dorp binnen 6 maanden "
                  "werk; in Vlaanderen was dat 17,0 %. Het verschil (−7,0 procentpunt) is niet significant.")
    assert s2 == ("Voor de inschrijving bij VDAB zijn er in Dorp te weinig personen om te vergelijken "
                  "(verborgen: minder dan 5 personen).")
    assert s3 == ("Voor begeleiding, opleiding of werkervaring zijn er in de regio Westhoek te weinig "
                  "personen om te vergelijken (verborgen: minder dan 5 personen).")
    # a p-value that cannot be computed
    rep = _fake_report(own={"work_12m_rate": 0.2}, flanders={"work_12m_rate": 0.2},
                       cities={}, region={})
    assert sentences(rep)[0].endswith("Het verschil (±0,0 procentpunt) kan niet statistisch getoetst worden.")


# ------------------------------------------------------------------ PDF through Chromium
def test_pdf_is_one_a4_page(wh, con, tmp_path):
    from pypdf import PdfReader

    from etl.report.pdf import ChromiumPrinter, find_chromium

    assert find_chromium(), "Chromium is needed for the PDF test (CI installs Debian's chromium)"
    rows = level_rows(con, "municipality", PERIOD)
    hidden = rows[rows.leefloners.isna()].iloc[0]["code"]
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", GENT, ANTWERPEN, hidden,
                     "--out", str(out), "--pdf", "--zip")
    assert result.returncode == 0, result.stderr
    summary = _summary(out)
    assert summary["pdf"] is True and summary["warnings"] == []
    with ChromiumPrinter() as printer:
        for r in summary["reports"]:
            data = (out / r["pdf"]).read_bytes()
            assert data.startswith(b"%PDF-")
            reader = PdfReader(io.BytesIO(data))
            assert len(reader.pages) == 1 == page_count(data) == r["pdf_pages"], r["name"]
            box = reader.pages[0].mediabox
            assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
            assert r["name"] in reader.pages[0].extract_text()
            # nothing is cut off at the right; the content ends with room to spare
            size = printer.measure(out / r["html"])
            assert size["scroll_width"] <= size["width"], size
            assert size["height"] < 276 / 25.4 * 96, size
    with zipfile.ZipFile(summary["zip"]) as zf:
        assert sum(n.endswith(".pdf") for n in zf.namelist()) == 3


# ------------------------------------------------------------------ Excel-BE through LibreOffice
def _soffice_to_xlsx(src: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (Debian: apt-get install --no-install-recommends libreoffice-calc)"
    profile = outdir / "lo-profile"
    # CSV import: ';' (59), '"' (34), UTF-8 (76), from line 1, default column types,
    # language nl-BE (2067) so that '0,5' is the number 0.5
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--infilter=CSV:59,34,76,1,,2067", "--convert-to", "xlsx", "--outdir", str(outdir), str(src)],
        capture_output=True, text=True, timeout=240,
    )
    target = outdir / (src.stem + ".xlsx")
    assert target.exists(), proc.stdout + proc.stderr
    return target


def test_excel_csv_opens_as_numbers_in_libreoffice(wh, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", PERIOD, "--nis", GENT, "--out", str(out), "--excel")
    assert result.returncode == 0, result.stderr
    src = out / _entry(out, GENT)["csv"]
    assert src.read_bytes().startswith(b"\xef\xbb\xbf")

    # a crafted row through the same writer: accents, a name that looks like a formula
    crafted = pd.DataFrame({
        "level": ["municipality", "region", "municipality"],
        "code": ["23101", "REG-1", "99999"],
        "name": ["Sint-Genesius-Rode", "Liège–Luik, Zoë & Gaëlle", "=1+1"],
        "leefloners": pd.array([7, 1234, 0], dtype="Int64"),
        "registration_rate": pd.array([0.5, 0.563412, None], dtype="Float64"),
    })
    crafted_csv = tmp_path / "crafted.csv"
    crafted_csv.write_bytes(to_csv_bytes(crafted, excel=True))

    conv = tmp_path / "xlsx"
    conv.mkdir()
    wb = load_workbook(_soffice_to_xlsx(src, conv), data_only=True)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header == EXPORT_COLUMNS + ANALYTICS_COLUMNS + ["include_ell", "art60_is_work"]
    plain = list(csv.DictReader(io.StringIO(benchmark_csv_plain(wh, tmp_path))))
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(plain)
    for got, want in zip(rows, plain):
        assert got[col["name"]] == want["name"] and isinstance(got[col["name"]], str)
        assert got[col["code"]] == want["code"] or str(got[col["code"]]) == want["code"]
        for name in ("leefloners", "person_months", "work_6m_base", "work_6m_n", "work_12m_base",
                     "work_12m_n"):
            if want[name] == "":
                assert got[col[name]] is None
            else:
                assert isinstance(got[col[name]], (int, float)) and not isinstance(got[col[name]], bool)
                assert got[col[name]] == int(want[name])
        for name in ("registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate",
                     "registration_rate_lo", "work_12m_rate_p_value"):
            if want[name] == "":
                assert got[col[name]] is None
            else:
                assert isinstance(got[col[name]], float), (name, got[col[name]])
                assert got[col[name]] == pytest.approx(float(want[name]), abs=1e-6)
                assert 0 <= got[col[name]] <= 1

    wb = load_workbook(_soffice_to_xlsx(crafted_csv, conv), data_only=True)
    cells = list(wb.active.iter_rows(min_row=2, values_only=True))
    assert [c[2] for c in cells] == ["Sint-Genesius-Rode", "Liège–Luik, Zoë & Gaëlle", "'=1+1"]
    assert [c[3] for c in cells] == [7, 1234, 0]
    assert cells[0][4] == 0.5 and isinstance(cells[0][4], float)
    assert cells[1][4] == pytest.approx(0.563412) and cells[2][4] is None


def benchmark_csv_plain(wh: Path, tmp_path: Path) -> str:
    target = tmp_path / "plain.csv"
    result = run_cli("export", "--db", str(wh), "--benchmark", GENT, "--period", PERIOD, "--out", str(target))
    assert result.returncode == 0, result.stderr
    return target.read_text(encoding="utf-8")


# ------------------------------------------------------------------ every municipality
@pytest.mark.slow
def test_pack_for_all_municipalities(wh, tmp_path):
    out = tmp_path / "out"
    result = run_cli("report", "--db", str(wh), "--period", "2024-Q4", "--all", "--out", str(out),
                     "--excel", "--zip")
    assert result.returncode == 0, result.stderr
    summary = json.loads((out / "pack_2024-Q4.json").read_text(encoding="utf-8"))
    assert summary["municipalities"] == 285 and summary["csv_variant"] == "excel-be"
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 285
    assert all(len(list(f.iterdir())) == 3 for f in folders)
    with zipfile.ZipFile(out / "rapporten_2024-Q4.zip") as zf:
        assert len(zf.namelist()) == 285 * 3 + 1
    for r in summary["reports"]:
        html = (out / r["html"]).read_text(encoding="utf-8")
        assert html.count("<li>") == 3 and "person_id" not in html


def test_etl_never_imports_the_dashboard():
    code = ("import sys, etl.report, etl.report.pack, etl.report.cli; "
            "print([m for m in sys.modules if m == 'dashboard' or m.startswith('dashboard.')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         env={**os.environ}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
