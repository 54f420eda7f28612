"""Pseudonymising a supplier file: INSZ numbers in, keyed pseudonyms out.

``python -m etl pseudonymise --key-file KEY IN OUT`` calls ``pseudonymise_file``.
A supplier that holds national register numbers (INSZ) runs it before delivering:
``person_id`` becomes HMAC-SHA256(key, the 11 INSZ digits) as 64 lowercase hex
characters, the pseudonym format of the data contract (section 1). Every other
column is copied unchanged.

Neither the key nor an INSZ is ever logged, printed, written or put in an
exception or the report: rows that cannot be pseudonymised are left out and
reported by line number only. The file is streamed (constant memory) and the
output is written to a temporary file next to OUT, then renamed over it.
docs/privacy.md describes key handling and rotation.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
import tempfile
from pathlib import Path

from etl.insz import is_valid_insz, normalise

MIN_KEY_BYTES = 32
PERSON_ID = "person_id"
MAX_REPORTED_LINES = 10_000  # invalid line numbers kept in the report; the count is always exact

# why a row was left out (counts in report["invalid_reasons"])
INVALID_REASONS = {
    "empty_person_id": "person_id is empty",
    "not_an_insz": "person_id is not 11 digits (separators . - / and space allowed)",
    "bad_checksum": "person_id has 11 digits but the INSZ mod-97 check fails",
    "insz_in_other_column": "another column holds a national register number (not copied)",
    "malformed_row": "the row does not have as many fields as the header",
}


class PseudonymiseError(Exception):
    """A problem the user must fix (key, input or output file); the message names the file."""


def read_key(key_file: Path) -> bytes:
    """The key: the file's bytes without one trailing newline; at least 32 bytes."""
    key_file = Path(key_file)
    try:
        data = key_file.read_bytes()
    except OSError as exc:
        raise PseudonymiseError(f"{key_file}: cannot read the key file ({_why(exc)})") from None
    if data.endswith(b"\r\n"):
        data = data[:-2]
    elif data.endswith(b"\n"):
        data = data[:-1]
    if len(data) < MIN_KEY_BYTES:
        raise PseudonymiseError(
            f"{key_file}: the key is too short ({len(data)} bytes); it must be at least "
            f"{MIN_KEY_BYTES} bytes, e.g. made with: "
            "python -c \"import secrets; print(secrets.token_hex(32))\" > KEYFILE"
        )
    return data


def pseudonym(key: bytes, insz_digits: str) -> str:
    """HMAC-SHA256 of the 11 normalised INSZ digits, as 64 lowercase hex characters."""
    return hmac.new(key, insz_digits.encode("ascii"), hashlib.sha256).hexdigest()


def pseudonymise_file(key_file: Path, src: Path, dst: Path) -> dict:
    """Write ``src`` to ``dst`` with ``person_id`` pseudonymised; return the report.

    The report: ``rows_in`` (data rows read, blank lines not counted),
    ``rows_written``, ``rows_invalid`` (left out), ``invalid_lines`` (their line
    numbers in ``src``, the header being line 1; at most ``MAX_REPORTED_LINES``,
    ``invalid_lines_truncated`` says whether more were left out) and
    ``invalid_reasons`` (counts per reason of ``INVALID_REASONS``).
    Raises ``PseudonymiseError`` for a bad key, an unreadable input, a missing
    ``person_id`` column or an output that cannot be written.
    """
    key = read_key(Path(key_file))
    src, dst = Path(src), Path(dst)
    _check_paths(Path(key_file), src, dst)
    report = {"rows_in": 0, "rows_written": 0, "rows_invalid": 0, "invalid_lines": [],
              "invalid_lines_truncated": False,
              "invalid_reasons": {reason: 0 for reason in INVALID_REASONS}}
    try:
        fh = open(src, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise PseudonymiseError(f"{src}: cannot read the input file ({_why(exc)})") from None
    tmp_name = None
    try:
        with fh:
            header_line = _read_header_line(fh, src)
            delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
            header = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter))]
            lowered = [name.lower() for name in header]
            if lowered.count(PERSON_ID) != 1:
                problem = ("has no person_id column" if PERSON_ID not in lowered
                           else "has person_id twice")
                raise PseudonymiseError(f"{src}: the header (line 1) {problem}")
            id_at = lowered.index(PERSON_ID)
            tmp = tempfile.NamedTemporaryFile(  # mode 0600: readable by its owner only
                "w", encoding="utf-8", newline="", dir=dst.parent, prefix=f".{dst.name}.",
                suffix=".tmp", delete=False)
            tmp_name = tmp.name
            with tmp:
                writer = csv.writer(tmp, delimiter=",", lineterminator="\n")
                writer.writerow(header)
                _copy_rows(fh, src, key, delimiter, len(header), id_at, writer, report)
                tmp.flush()
                os.fsync(tmp.fileno())
        os.replace(tmp_name, dst)
        tmp_name = None
    except OSError as exc:
        raise PseudonymiseError(f"{dst}: cannot write the output file ({_why(exc)})") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return report


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _check_paths(key_file: Path, src: Path, dst: Path) -> None:
    if not src.is_file():
        raise PseudonymiseError(f"{src}: no such input file")
    if dst.exists() and dst.is_dir():
        raise PseudonymiseError(f"{dst}: the output is a directory, give a file name")
    if not dst.parent.is_dir():
        raise PseudonymiseError(f"{dst}: the output directory {dst.parent} does not exist")
    if dst.exists() and dst.resolve() == src.resolve():
        raise PseudonymiseError(f"{dst}: the output must not overwrite the input file")
    if dst.exists() and dst.resolve() == key_file.resolve():
        raise PseudonymiseError(f"{dst}: the output must not overwrite the key file")


def _read_header_line(fh, src: Path) -> str:
    try:
        line = fh.readline()
    except UnicodeDecodeError:
        raise PseudonymiseError(f"{src}: line 1 is not UTF-8 text") from None
    if not line.strip():
        raise PseudonymiseError(f"{src}: empty file, a header row is required")
    return line


def _copy_rows(fh, src: Path, key: bytes, delimiter: str, width: int, id_at: int, writer,
               report: dict) -> None:
    reader = csv.reader(fh, delimiter=delimiter)
    done = 0  # physical lines of the data read so far (the header is line 1)
    while True:
        start = done + 2  # the line this record starts on
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise PseudonymiseError(f"{src}: near line {start}: not UTF-8 text") from None
        except csv.Error as exc:  # messages of the csv module hold no field values
            raise PseudonymiseError(f"{src}: line {start}: not readable as CSV ({exc})") from None
        done = reader.line_num
        if not row or all(not field.strip() for field in row):
            continue  # a blank line is not a row
        report["rows_in"] += 1
        reason = _invalid_reason(row, width, id_at)
        if reason is not None:
            _report_invalid(report, start, reason)
            continue
        row[id_at] = pseudonym(key, normalise(row[id_at]))
        writer.writerow(row)
        report["rows_written"] += 1


def _invalid_reason(row: list[str], width: int, id_at: int) -> str | None:
    if len(row) != width:
        return "malformed_row"
    value = row[id_at]
    if not value.strip():
        return "empty_person_id"
    if normalise(value) is None:
        return "not_an_insz"
    if not is_valid_insz(value):
        return "bad_checksum"
    if any(i != id_at and is_valid_insz(field) for i, field in enumerate(row)):
        return "insz_in_other_column"
    return None


def _report_invalid(report: dict, line: int, reason: str) -> None:
    report["rows_invalid"] += 1
    report["invalid_reasons"][reason] += 1
    if len(report["invalid_lines"]) < MAX_REPORTED_LINES:
        report["invalid_lines"].append(line)
    else:
        report["invalid_lines_truncated"] = True
