"""``python -m etl report``: the subcommand's arguments and its run function.

``etl/cli.py`` wires it with ``add_report_parser(sub)`` and ``run(args)``. Only
argparse is imported here; the report code loads when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import warehouse

EXIT_OK, EXIT_USAGE = 0, 2


def add_report_parser(sub) -> argparse.ArgumentParser:
    rep = sub.add_parser(
        "report", help="write the report pack: per municipality the benchmark CSV, a metadata "
        "sidecar and a one-page report (HTML, PDF with --pdf)")
    rep.add_argument("--db", type=Path, default=warehouse.DEFAULT_DB, help="warehouse path (default %(default)s)")
    rep.add_argument("--period", required=True, help="2024-06 (month), 2024-Q2 (quarter) or 2024 (year)")
    who = rep.add_mutually_exclusive_group(required=True)
    who.add_argument("--nis", nargs="+", action="extend", metavar="NIS",
                     help="one or more municipalities (44021 44084 or 44021,44084)")
    who.add_argument("--all", action="store_true", help="every Flemish municipality")
    rep.add_argument("--out", required=True, type=Path, help="output directory (created if needed)")
    rep.add_argument("--excel", action="store_true",
                     help="the CSVs in the Belgian Excel variant: ; as delimiter, decimal comma, UTF-8 with BOM")
    rep.add_argument("--zip", action="store_true", help="also write rapporten_<period>.zip with every file")
    rep.add_argument("--pdf", action="store_true",
                     help="also print every report to PDF with headless Chromium (LEEFLOON_CHROMIUM)")
    rep.add_argument("--without-ell", action="store_true",
                     help="leave out equivalent leefloon (ELL): leefloon only")
    rep.add_argument("--art60-not-work", action="store_true",
                     help="do not count art. 60 work as work in the outflow indicators")
    return rep


class TqdmProgress:
    """A progress bar on standard error, one step per municipality."""

    def __init__(self) -> None:
        self._bar = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="gemeente", desc="report", file=sys.stderr)

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def run(args) -> int:
    import duckdb

    from etl.definitions import Definition
    from etl.report.model import ReportAccessDenied, ReportError
    from etl.report.pack import build_pack
    from etl.report.pdf import PdfError

    definition = Definition(include_ell=not args.without_ell, art60_is_work=not args.art60_not_work)
    try:
        summary = build_pack(args.db, args.period, None if args.all else args.nis, args.out,
                             excel=args.excel, zip_=args.zip, definition=definition,
                             progress=TqdmProgress(), pdf=args.pdf)
    except (ReportError, ReportAccessDenied, PdfError, OSError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    extra = f", {summary['zip']}" if summary["zip"] else ""
    print(f"wrote {summary['municipalities']} report{'s' if summary['municipalities'] != 1 else ''} "
          f"({summary['files']} files) for {summary['period']} to {summary['out_dir']}{extra} "
          f"in {summary['seconds']:.1f} s", file=sys.stderr)
    return EXIT_OK
