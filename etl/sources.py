"""Reading delivery files into DuckDB as raw text rows, one outcome per row.

A CSV file is parsed by DuckDB's CSV reader, with one spare column to catch rows
with too many fields and padding to catch rows with too few. When the file has
as many rows as data lines (no blank lines, no line breaks inside quotes), row i
is line i + 2. Otherwise the file is read again line by line, every physical line
becoming one row split on the delimiter, so line numbers stay exact; in that
mode a delimiter inside quotes makes the row ``malformed_row`` (the feeds hold
codes, not free text). A Parquet file is read with its row numbers.

One file is held at a time, in the table ``raw_fields``; the view ``raw_<feed>`` shows
its rows as the staging models read them (file, line, well-formed or the raw record,
and the feed's fields as text), so a CSV file's fields are not copied once more.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.feeds import FEED_COLUMNS, feed_of

SUPPORTED_SUFFIXES = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet"}
PARQUET_MAGIC = b"PAR1"


class FileRejected(Exception):
    """A file-level problem: the whole file is rejected with this message."""


@dataclass
class SourceFile:
    path: Path
    feed: str | None
    file_format: str | None = None
    sha256: str = ""
    n_lines: int = 0
    warnings: list[str] = field(default_factory=list)


def discover(paths: list[Path]) -> tuple[list[SourceFile], list[str]]:
    """The delivery files under the given paths (sorted), and notes on skipped files."""
    files: list[Path] = []
    notes: list[str] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if feed_of(child.name):
                    files.append(child)
                elif not child.name.startswith("."):
                    notes.append(f"{child}: skipped, the name does not start with benefit_ or work_")
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    unique = sorted(dict.fromkeys(p.resolve() for p in files))
    return [SourceFile(path=p, feed=feed_of(p.name)) for p in unique], notes


def scan(src: SourceFile) -> SourceFile:
    """The file's sha256 and its number of physical lines, in one pass."""
    digest = hashlib.sha256()
    newlines, last = 0, b"\n"
    with open(src.path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            newlines += block.count(b"\n")
            last = block[-1:]
    src.sha256 = digest.hexdigest()
    src.n_lines = newlines + (0 if last == b"\n" else 1)
    return src


def detect_format(src: SourceFile) -> str:
    with open(src.path, "rb") as fh:
        head = fh.read(4)
    if head == PARQUET_MAGIC:
        return "parquet"
    fmt = SUPPORTED_SUFFIXES.get(src.path.suffix.lower())
    if fmt == "parquet":
        raise FileRejected(f"{src.path}: not a Parquet file (the Parquet signature is missing)")
    if fmt is None:
        raise FileRejected(f"{src.path}: not a CSV or Parquet file (extension {src.path.suffix or 'none'})")
    return fmt


def read_raw(con: duckdb.DuckDBPyConnection, src: SourceFile, file_seq: int) -> int:
    """Read the file into ``raw_fields`` and show it as ``raw_<feed>``; return its rows."""
    if src.feed is None:
        raise FileRejected(f"{src.path}: unknown feed, the file name must start with benefit_ or work_")
    src.file_format = detect_format(src)
    if src.file_format == "csv":
        return _read_csv(con, src, file_seq)
    return _read_parquet(con, src, file_seq)


def _header(src: SourceFile) -> tuple[str, list[str]]:
    with open(src.path, "rb") as fh:
        first = fh.readline(1 << 16)
    if not first.strip():
        raise FileRejected(f"{src.path}: empty file, a header row is required")
    try:
        text = first.decode("utf-8").lstrip("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError:
        raise FileRejected(f"{src.path}: line 1 is not UTF-8 text") from None
    delimiter = ";" if text.count(";") > text.count(",") else ","
    names = next(csv.reader([text], delimiter=delimiter))
    return delimiter, [n.strip().lower() for n in names]


def _check_columns(src: SourceFile, names: list[str], where: str) -> dict[str, int]:
    required = FEED_COLUMNS[src.feed]
    missing = [c for c in required if c not in names]
    if missing:
        raise FileRejected(
            f"{src.path}: {where}: missing required column(s) {', '.join(missing)} "
            f"for the {src.feed} feed (found: {', '.join(names) or 'nothing'})"
        )
    extra = [n for n in names if n not in required]
    if extra:
        src.warnings.append(f"{src.path}: {where}: extra column(s) ignored: {', '.join(extra)}")
    duplicated = sorted({n for n in names if names.count(n) > 1 and n in required})
    if duplicated:
        raise FileRejected(f"{src.path}: {where}: column(s) given twice: {', '.join(duplicated)}")
    return {c: names.index(c) for c in required}


def _read_csv(con: duckdb.DuckDBPyConnection, src: SourceFile, file_seq: int) -> int:
    delimiter, names = _header(src)
    positions = _check_columns(src, names, "header (line 1)")
    n = len(names)
    spare = [f"c{i}" for i in range(n + 1)]
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE raw_fields AS
            SELECT * FROM read_csv(?, columns = {{{", ".join(f"'{c}': 'VARCHAR'" for c in spare)}}},
                header = false, skip = 1, delim = ?, quote = '"', escape = '"', auto_detect = false,
                strict_mode = false, null_padding = true, nullstr = chr(2))
            """,
            [str(src.path), delimiter],
        )
    except duckdb.Error as exc:
        raise FileRejected(f"{src.path}: unreadable as UTF-8 CSV text ({_first_line(exc)})") from None
    parsed = con.execute("SELECT count(*) FROM raw_fields").fetchone()[0]
    if parsed != src.n_lines - 1:
        con.execute("DROP TABLE raw_fields")
        return _read_csv_lines(con, src, file_seq, delimiter, names, positions)
    fields = ", ".join(f"c{positions[c]} AS {c}" for c in FEED_COLUMNS[src.feed])
    well_formed = f"c{n - 1} IS NOT NULL AND c{n} IS NULL"
    separator = "';'" if delimiter == ";" else "','"  # one of two literals: a view takes no parameters
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW raw_{src.feed} AS
        SELECT {int(file_seq)} AS file_seq, rowid + 2 AS line, {well_formed} AS well_formed,
               CASE WHEN NOT ({well_formed}) THEN concat_ws({separator}, {", ".join(spare)}) END AS record,
               {fields}
        FROM raw_fields
        """
    )
    return int(parsed)


def _read_csv_lines(con, src: SourceFile, file_seq: int, delimiter: str,
                    names: list[str], positions: dict[str, int]) -> int:
    try:
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE raw_lines AS
            SELECT line FROM read_csv(?, columns = {'line': 'VARCHAR'}, header = false,
                delim = chr(1), quote = '', escape = '', auto_detect = false,
                strict_mode = false, null_padding = false, new_line = '\\n')
            """,
            [str(src.path)],
        )
    except duckdb.Error as exc:
        raise FileRejected(f"{src.path}: unreadable as UTF-8 CSV text ({_first_line(exc)})") from None
    fields = ", ".join(
        f"unquote(f[{positions[c] + 1}]) AS {c}" for c in FEED_COLUMNS[src.feed]
    )
    n_fields = len(names)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE raw_fields AS
        WITH split AS (
            SELECT rowid + 1 AS line, rtrim(line, chr(13)) AS text,
                   string_split(rtrim(line, chr(13)), ?) AS f
            FROM raw_lines
            WHERE rowid > 0 AND line IS NOT NULL AND trim(rtrim(line, chr(13))) <> ''
        )
        SELECT CAST(? AS INTEGER) AS file_seq, line, len(f) = ? AS well_formed,
               CASE WHEN len(f) <> ? THEN text END AS record, {fields}
        FROM split
        """,
        [delimiter, file_seq, n_fields, n_fields],
    )
    con.execute("DROP TABLE raw_lines")
    return _show_raw_fields(con, src.feed)


def _read_parquet(con: duckdb.DuckDBPyConnection, src: SourceFile, file_seq: int) -> int:
    try:
        described = con.execute(
            "DESCRIBE SELECT * FROM read_parquet(?)", [str(src.path)]
        ).fetchall()
    except duckdb.Error as exc:
        raise FileRejected(f"{src.path}: unreadable Parquet file ({_first_line(exc)})") from None
    names = [row[0].strip().lower() for row in described]
    original = {row[0].strip().lower(): row[0] for row in described}
    _check_columns(src, names, "schema")
    cols = FEED_COLUMNS[src.feed]
    fields = ", ".join(f'CAST("{original[c]}" AS VARCHAR) AS {c}' for c in cols)
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE raw_fields AS
            SELECT CAST(? AS INTEGER) AS file_seq, file_row_number + 1 AS line, true AS well_formed,
                   CAST(NULL AS VARCHAR) AS record, {fields}
            FROM read_parquet(?, file_row_number = true)
            """,
            [file_seq, str(src.path)],
        )
    except duckdb.Error as exc:
        raise FileRejected(f"{src.path}: unreadable Parquet file ({_first_line(exc)})") from None
    return _show_raw_fields(con, src.feed)


def _show_raw_fields(con: duckdb.DuckDBPyConnection, feed: str) -> int:
    """``raw_fields`` already holds the staging models' columns: show it as it is."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_{feed} AS SELECT * FROM raw_fields")
    return int(con.execute("SELECT count(*) FROM raw_fields").fetchone()[0])


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """``unquote``: a field of a file read line by line, without its quotes."""
    con.execute(
        """
        CREATE OR REPLACE TEMP MACRO unquote(v) AS
            CASE WHEN length(trim(v)) >= 2 AND starts_with(trim(v), '"') AND ends_with(trim(v), '"')
                 THEN replace(trim(v)[2:-2], '""', '"')
                 ELSE trim(v) END
        """
    )


def show_no_rows(con: duckdb.DuckDBPyConnection, feed: str) -> None:
    """An empty ``raw_<feed>``, for a delivery without a file of that feed."""
    col_defs = ", ".join(f"{c} VARCHAR" for c in FEED_COLUMNS[feed])
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE raw_fields (file_seq INTEGER, line BIGINT, "
        f"well_formed BOOLEAN, record VARCHAR, {col_defs})"
    )
    _show_raw_fields(con, feed)


def drop_raw(con: duckdb.DuckDBPyConnection, feed: str) -> None:
    """Free the file just validated."""
    con.execute(f"DROP VIEW IF EXISTS raw_{feed}")
    con.execute("DROP TABLE IF EXISTS raw_fields")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:300]
