"""Command line: ``python -m etl generate | load | export``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

from etl import warehouse

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_BYTES = 20 * 1024 * 1024


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with the message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)

    gen = sub.add_parser("generate", help="write a synthetic delivery that looks like Flanders")
    gen.add_argument("--out", required=True, type=Path, help="directory to write benefit_* and work_* files to")
    gen.add_argument("--persons", type=int, default=None, help="number of persons to simulate")
    gen.add_argument("--start", default=None, help="first month, YYYY-MM")
    gen.add_argument("--end", default=None, help="last month, YYYY-MM")
    gen.add_argument("--seed", type=int, default=42, help="random seed; the same seed gives the same files")
    gen.add_argument("--format", choices=("csv", "parquet"), default="csv", help="file format")

    load = sub.add_parser("load", help="load a delivery (files or directories) into the warehouse")
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a delivery file or directory")
    load.add_argument("--db", type=Path, default=warehouse.DEFAULT_DB, help="warehouse path (default %(default)s)")
    load.add_argument("--json", action="store_true", help="print one JSON object with the outcome")

    exp = sub.add_parser("export", help="write the CSV report of contract section 6")
    exp.add_argument("--db", type=Path, default=warehouse.DEFAULT_DB, help="warehouse path (default %(default)s)")
    what = exp.add_mutually_exclusive_group(required=True)
    what.add_argument("--level", help="all areas of one level: municipality, region, province, "
                      "centre_cities, peers or flanders")
    what.add_argument("--benchmark", metavar="NIS", help="one municipality and its comparison groups")
    exp.add_argument("--period", required=True, help="2024-06 (month), 2024-Q2 (quarter) or 2024 (year)")
    exp.add_argument("--out", default="-", help="output file, or - for standard output (default)")
    exp.add_argument("--excel", action="store_true",
                     help="Belgian Excel variant: ; as delimiter, decimal comma, UTF-8 with BOM")
    exp.add_argument("--without-ell", action="store_true",
                     help="leave out equivalent leefloon (ELL): leefloon only")
    exp.add_argument("--art60-not-work", action="store_true",
                     help="do not count art. 60 work as work in the outflow indicators")
    from etl.report.cli import add_report_parser

    add_report_parser(sub)

    pse = sub.add_parser("pseudonymise", help="replace INSZ numbers in person_id by HMAC-SHA256 pseudonyms")
    pse.add_argument("--key-file", required=True, type=Path, help="file holding the secret key (at least 32 bytes)")
    pse.add_argument("src", type=Path, metavar="IN", help="supplier CSV with INSZ numbers in person_id")
    pse.add_argument("dst", type=Path, metavar="OUT", help="pseudonymised CSV to write")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        commands = {"generate": cmd_generate, "load": cmd_load, "export": cmd_export,
                    "report": cmd_report, "pseudonymise": cmd_pseudonymise}
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USAGE


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_generate(args) -> int:
    from etl import generate

    kwargs = {"seed": args.seed, "fmt": args.format, "progress": sys.stderr.isatty()}
    for name in ("persons", "start", "end"):
        if getattr(args, name) is not None:
            kwargs[name] = getattr(args, name)
    try:
        summary = generate.generate(args.out, **kwargs)
    except ValueError as exc:
        return _fail(str(exc))
    print(
        f"wrote {len(summary['files'])} files to {args.out}: {summary['benefit_rows']:,} benefit rows, "
        f"{summary['work_rows']:,} work rows, {summary['persons']:,} persons",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_load(args) -> int:
    from etl.load import UsageError, load

    progress = None if args.json else _TqdmProgress()
    try:
        report = load(args.paths, args.db, progress=progress)
    except UsageError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a failed build publishes nothing; say why and exit 2
        from etl.build import DataTestsFailed

        if not isinstance(exc, (DataTestsFailed, duckdb.Error, OSError)):
            raise
        report = None
        message = str(exc)
        if args.json:
            print(json.dumps({"published": False, "data_version": None, "files": [], "error": message}))
        return _fail(message)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        _print_report(report, args.db)
    return report.exit_code()


def _print_report(report, db: Path) -> None:
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for f in report.files:
        line = f"{f.outcome:9} {f.path}"
        if f.outcome in ("loaded", "replaced"):
            line += f"  ({f.feed}: {f.rows_in:,} rows in, {f.rows_loaded:,} loaded, {f.rows_quarantined:,} quarantined)"
        print(line)
        for reason, n in f.quarantine_reasons.items():
            print(f"          quarantined {n:,} × {reason}")
        for warning in f.warnings:
            print(f"          warning: {warning}")
        if f.error:
            print(f"          error: {f.error}")
    for r in report.replaced:
        print(f"replaced  {r['feed']} {r['ref_month']}: {r['rows_before']:,} rows -> {r['rows_after']:,}")
    if report.published:
        print(f"published data version {report.data_version} at {db}")
        print("time per stage: " + ", ".join(f"{name.replace('_', ' ')} {seconds:.1f} s"
                                             for name, seconds in report.stage_seconds.items()))
    elif report.any_rejected:
        print("nothing published: no file could be loaded", file=sys.stderr)
    else:
        print(f"nothing new to load; data version {report.data_version} stays published")


def cmd_export(args) -> int:
    from etl.csvout import to_csv_bytes
    from etl.definitions import Definition
    from etl.export import ExportError, benchmark_rows, level_rows

    definition = Definition(include_ell=not args.without_ell, art60_is_work=not args.art60_not_work)
    target = warehouse.published_target(args.db)
    if target is None:
        return _fail(f"no warehouse at {args.db}; load a delivery first with: python -m etl load DIR --db {args.db}")
    with duckdb.connect(str(target), read_only=True) as con:
        try:
            if args.level:
                df = level_rows(con, args.level, args.period, definition=definition)
            else:
                df = benchmark_rows(con, args.benchmark, args.period, definition=definition)
        except ExportError as exc:
            return _fail(str(exc))
    data = to_csv_bytes(df, excel=args.excel)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.out).write_bytes(data)
        print(f"wrote {len(df)} rows to {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args) -> int:
    from etl.report.cli import run

    return run(args)


def cmd_pseudonymise(args) -> int:
    from etl.pseudonymise import PseudonymiseError, pseudonymise_file

    try:
        report = pseudonymise_file(args.key_file, args.src, args.dst)
    except PseudonymiseError as exc:
        return _fail(str(exc))
    # counts and line numbers only: never a key or a national register number
    print(json.dumps(report, indent=2))
    if report["rows_invalid"]:
        print(f"{report['rows_invalid']:,} rows left out (see invalid_lines); "
              f"{report['rows_written']:,} rows written to {args.dst}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


class _TqdmProgress:
    """A progress bar on standard error for large deliveries only."""

    def __init__(self) -> None:
        self._bar = None

    def start(self, total: int) -> None:
        if total >= PROGRESS_MIN_BYTES:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="B", unit_scale=True, desc="loading", file=sys.stderr)

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def stage(self, text: str) -> None:
        """The bar is full once the files are read; say what the load does after that."""
        if self._bar is not None:
            self._bar.set_description(text)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
