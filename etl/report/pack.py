"""The report pack: per municipality a benchmark CSV, a metadata sidecar, a one-page
HTML report and (optionally) its PDF; for the whole pack a summary and a zip.

``build_pack`` checks the whole request before it writes anything (a bad period, an
unknown NIS code or one outside ``allowed_nis`` raises, and no file is written),
opens the warehouse once and reads what is shared in bulk (``model.prepare``).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb

from etl import warehouse
from etl.csvout import to_csv_bytes
from etl.definitions import STANDARD, Definition
from etl.report import html as html_report
from etl.report.model import (
    MunicipalityReport,
    PackContext,
    ReportError,
    municipality_report,
    prepare,
)
from etl.report.pdf import ChromiumPrinter, find_chromium, page_count
from etl.report.sentences import sentences
from etl.report.texts import definitions_for_metadata

GENERATOR = "python -m etl report"
PDF_WORKERS = max(1, min(2, os.cpu_count() or 1))  # Chromium processes printing side by side
Progress = Any  # an object with start(total)/advance(n)/close(), or a callable(done, total)


# ------------------------------------------------------------------ public API
def render_report_html(con: duckdb.DuckDBPyConnection, nis: str, period: str,
                       definition: Definition = STANDARD, *, allowed_nis: Iterable[str] | None = None,
                       k: int | None = None, generated_at: str | None = None) -> str:
    """The one-page report of one municipality as a self-contained HTML document.

    Raises ``ReportError`` (bad period or NIS code) or ``ReportAccessDenied`` (``nis``
    not in ``allowed_nis``, when given).
    """
    ctx = prepare(con, period, [nis], definition, allowed_nis=allowed_nis, k=k,
                  generated_at=generated_at)
    return html_report.render(municipality_report(con, ctx, ctx.nis_codes[0]))


def build_pack(con_or_db_path, period: str, nis_list: Iterable[str] | None, out_dir,
               excel: bool = False, zip_: bool = False, definition: Definition = STANDARD,
               allowed_nis: Iterable[str] | None = None, progress: Progress = None, *,
               pdf: bool = False, k: int | None = None) -> dict:
    """Write the report pack and return its summary (also written as ``pack_<period>.json``).

    ``con_or_db_path``: an open DuckDB connection on the published warehouse, or the
    warehouse path (the link; opened read-only and closed again). ``nis_list`` None:
    every municipality (within ``allowed_nis``). ``excel``: the CSVs in the Belgian
    Excel variant. ``zip_``: also ``rapporten_<period>.zip`` with every file.
    ``pdf``: also a PDF of every report through headless Chromium (``PdfError`` if
    there is none). ``progress``: see ``Progress``.
    """
    started = time.perf_counter()
    con, owned = _open(con_or_db_path)
    try:
        ctx = prepare(con, period, nis_list, definition, allowed_nis=allowed_nis, k=k)
        printers = _Printers(min(PDF_WORKERS, len(ctx.nis_codes))) if pdf else None
        try:
            return _write_pack(con, ctx, Path(out_dir), excel, zip_, printers, _progress(progress),
                               started)
        finally:
            if printers is not None:
                printers.close()
    finally:
        if owned:
            con.close()


# ------------------------------------------------------------------ internals
def _open(con_or_db_path) -> tuple[Any, bool]:
    if hasattr(con_or_db_path, "execute"):
        return con_or_db_path, False
    db = Path(con_or_db_path)
    target = warehouse.published_target(db)
    if target is None:
        raise ReportError(f"no warehouse at {db}; load a delivery first with: "
                          f"python -m etl load DIR --db {db}")
    return duckdb.connect(str(target), read_only=True), True


class _Printers:
    """A few Chromium printers, one per worker thread, printing while the reports are written."""

    def __init__(self, workers: int):
        self.executable = find_chromium()
        if not self.executable:  # fail before anything is written
            ChromiumPrinter(None)
        self.workers = max(1, workers)
        self._local = threading.local()
        self._all: list[ChromiumPrinter] = []
        self._lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="report-pdf")

    def _printer(self) -> ChromiumPrinter:
        printer = getattr(self._local, "printer", None)
        if printer is None:
            printer = ChromiumPrinter(self.executable).__enter__()
            self._local.printer = printer
            with self._lock:
                self._all.append(printer)
        return printer

    def submit(self, html_path: Path, pdf_path: Path) -> Future:
        return self.pool.submit(lambda: self._printer().print_to_pdf(html_path, pdf_path))

    @property
    def mode(self) -> str:
        with self._lock:
            return ", ".join(sorted({p.mode for p in self._all})) or "pipe"

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for printer in self._all:
                printer.__exit__(None, None, None)
            self._all.clear()


class _CallableProgress:
    def __init__(self, fn: Callable[[int, int], Any]):
        self.fn, self.done, self.total = fn, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        self.fn(0, total)

    def advance(self, n: int) -> None:
        self.done += n
        self.fn(self.done, self.total)

    def close(self) -> None:
        pass


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(progress: Progress):
    if progress is None:
        return _NoProgress()
    if hasattr(progress, "advance"):
        return progress
    if callable(progress):
        return _CallableProgress(progress)
    raise TypeError("progress must have start/advance/close or be a callable(done, total)")


def slug(name: str) -> str:
    """``Sint-Genesius-Rode`` -> ``sint-genesius-rode``; accents dropped (``é`` -> ``e``)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "gemeente"


def file_names(nis: str, name: str, period: str) -> dict[str, str]:
    """The pack's files of one municipality, relative to the output directory."""
    folder = f"{nis}_{slug(name)}"
    base = f"{folder}/{folder}_{period}"
    return {"dir": folder, "csv": f"{base}_benchmark.csv", "metadata": f"{base}_metadata.json",
            "html": f"{base}_rapport.html", "pdf": f"{base}_rapport.pdf"}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def metadata(rep: MunicipalityReport, names: dict[str, str], excel: bool, pdf: bool) -> dict:
    """The sidecar of one municipality's files: what the numbers are and how they were made."""
    ctx, p, meta = rep.ctx, rep.ctx.period, rep.ctx.meta
    d = ctx.definition
    return {
        "generator": GENERATOR,
        "generated_at": ctx.generated_at,
        "municipality": {"nis_code": rep.nis, "name": rep.name,
                         "province": rep.municipality.get("province_name"),
                         "region": rep.municipality.get("region_name"),
                         "region_kind": rep.municipality.get("region_kind")},
        "period": {"period": p.period, "period_type": p.period_type, "first_month": p.first_month,
                   "last_month": p.last_month, "n_months": p.n_months,
                   "n_months_loaded": p.n_months_loaded, "is_complete": p.is_complete},
        "data": {"data_version": meta.get("data_version"), "loaded_at": meta.get("loaded_at"),
                 "first_month": meta.get("first_month"), "last_month": meta.get("last_month"),
                 "last_work_month": meta.get("last_work_month")},
        "definition": {"include_ell": d.include_ell, "art60_is_work": d.art60_is_work,
                       "without_ell": not d.include_ell, "art60_not_work": not d.art60_is_work,
                       "label_nl": d.label("nl"), "label_en": d.label("en")},
        "indicators": definitions_for_metadata(d),
        "suppression": {
            "k": ctx.k,
            "rule_nl": f"Aantallen van 1 tot {ctx.k - 1} personen en de percentages die erop steunen, "
                       f"worden niet getoond (verborgen, minder dan {ctx.k} personen); 0 wordt getoond. "
                       "In de CSV is een verborgen cel leeg. Een centrumstad apart kan ook verborgen zijn "
                       "zodat een klein aantal niet uit de groep kan worden afgeleid.",
            "rule_en": f"Counts of 1 to {ctx.k - 1} persons and the rates built on them are not shown; "
                       "0 is shown. In the CSV a hidden cell is empty. A single centre city can also be "
                       "hidden so that a small count cannot be derived from the pooled group.",
            "warehouse_suppression_k": meta.get("suppression_k"),
        },
        "significance": {
            "alpha": 0.05,
            "test": "two-proportion z-test (Fisher's exact test when an expected count is below 5), "
                    "two-sided; a group that contains the municipality is compared with the rest of "
                    "the group (nested=True); columns <rate>_p_value of the CSV",
            "caution": "person-months are not independent observations: read a significant "
                       "difference as an indication (docs/statistics.md)",
        },
        "comparison_groups": [
            {k: g[k] for k in ("group_kind", "area_level", "area_code", "area_name", "rank",
                               "distance_km")}
            for g in ctx.comparison.get(rep.nis, [])
        ],
        "trend_quarters": ctx.trend_periods,
        "sentences": sentences(rep),
        "csv": {"file": Path(names["csv"]).name,
                "variant": "excel-be" if excel else "plain",
                "delimiter": ";" if excel else ",", "decimal": "," if excel else ".",
                "encoding": "UTF-8 with BOM" if excel else "UTF-8",
                "same_as": f"python -m etl export --benchmark {rep.nis} --period {p.period}"
                           + ("" if d.include_ell else " --without-ell")
                           + ("" if d.art60_is_work else " --art60-not-work")
                           + (" --excel" if excel else "")},
        "files": {key: Path(names[key]).name for key in ("csv", "metadata", "html")}
                 | ({"pdf": Path(names["pdf"]).name} if pdf else {}),
    }


def _write_pack(con, ctx: PackContext, out: Path, excel: bool, zip_: bool,
                printers: _Printers | None, progress, started: float) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    period = ctx.period.period
    reports: list[dict] = []
    warnings: list[str] = []
    pdf_jobs: list[tuple[dict, Future]] = []
    progress.start(len(ctx.nis_codes))
    try:
        for nis in ctx.nis_codes:
            rep = municipality_report(con, ctx, nis)
            names = file_names(nis, rep.name, period)
            _write(out / names["csv"], to_csv_bytes(rep.rows, excel=excel))
            _write(out / names["html"], html_report.render(rep).encode("utf-8"))
            meta = metadata(rep, names, excel, printers is not None)
            _write(out / names["metadata"],
                   (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            entry = {"nis_code": nis, "name": rep.name, "dir": names["dir"], "csv": names["csv"],
                     "metadata": names["metadata"], "html": names["html"]}
            if printers is not None:  # printed while the next reports are written
                entry["pdf"] = names["pdf"]
                pdf_jobs.append((entry, printers.submit(out / names["html"], out / names["pdf"])))
            reports.append(entry)
            progress.advance(1)
        for entry, job in pdf_jobs:
            pages = page_count(job.result())
            entry["pdf_pages"] = pages
            if pages != 1:
                warnings.append(f"the report of {entry['name']} ({entry['nis_code']}) is {pages} pages")
    finally:
        progress.close()

    p, d = ctx.period, ctx.definition
    summary = {
        "generator": GENERATOR,
        "generated_at": ctx.generated_at,
        "period": period,
        "period_type": p.period_type,
        "data_version": ctx.meta.get("data_version"),
        "definition": {"include_ell": d.include_ell, "art60_is_work": d.art60_is_work},
        "suppression_k": ctx.k,
        "csv_variant": "excel-be" if excel else "plain",
        "pdf": printers is not None,
        "pdf_renderer": (f"{printers.executable} ({printers.mode})" if printers is not None else None),
        "municipalities": len(reports),
        "out_dir": str(out),
        "zip": None,
        "warnings": warnings,
        "reports": reports,
    }
    summary_name = f"pack_{period}.json"
    if zip_:
        summary["zip"] = str(out / f"rapporten_{period}.zip")
    summary["files"] = sum(len([k for k in ("csv", "metadata", "html", "pdf") if k in r])
                           for r in reports) + 1 + (1 if zip_ else 0)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    _write(out / summary_name, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if zip_:
        _zip(out, Path(summary["zip"]), reports, summary_name)
        summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def _zip(out: Path, target: Path, reports: list[dict], summary_name: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for entry in reports:
            for key in ("csv", "metadata", "html", "pdf"):
                if key in entry:
                    zf.write(out / entry[key], entry[key])
        zf.write(out / summary_name, summary_name)
    os.replace(tmp, target)
