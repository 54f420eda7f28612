"""Report pack: ``python -m etl report`` and the dashboard's printable report.

Per municipality: the benchmark CSV (the rows of ``python -m etl export --benchmark``),
a metadata sidecar (JSON), a one-page A4 report (HTML, and PDF through headless
Chromium). The public API:

    build_pack(con_or_db_path, period, nis_list, out_dir, excel=False, zip_=False,
               definition=STANDARD, allowed_nis=None, progress=None, *, pdf=False) -> dict
    render_report_html(con, nis, period, definition=STANDARD, *, allowed_nis=None) -> str
    html_to_pdf(html) -> bytes
    ReportError (bad period / NIS), ReportAccessDenied (outside allowed_nis), PdfError

The names are loaded on first use, so ``import etl.report.cli`` (which ``etl.cli``
does for every command) stays cheap.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "build_pack": "etl.report.pack",
    "render_report_html": "etl.report.pack",
    "file_names": "etl.report.pack",
    "html_to_pdf": "etl.report.pdf",
    "find_chromium": "etl.report.pdf",
    "page_count": "etl.report.pdf",
    "PdfError": "etl.report.pdf",
    "ReportError": "etl.report.model",
    "ReportAccessDenied": "etl.report.model",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'etl.report' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
