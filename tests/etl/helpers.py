"""Small helpers to write deliveries and read warehouses in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from etl.feeds import FEED_COLUMNS

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def pid(n: int) -> str:
    """A valid pseudonym (16 hex characters) for test person n."""
    return f"{n:016x}"


def write_feed(path: Path, rows: list[tuple], delimiter: str = ",", header: list[str] | None = None,
               bom: bool = False, newline: str = "\n") -> Path:
    feed = "benefit" if path.name.startswith("benefit_") else "work"
    header = header or FEED_COLUMNS[feed]
    lines = [delimiter.join(header)] + [delimiter.join(str(v) for v in row) for row in rows]
    text = newline.join(lines) + newline
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def benefit(n, month, nis, status="nwwz", gender="M", birth_year=1990, benefit_type="LL",
            household="alleenstaand", education="laag", origin="belg", gpmi=1):
    return (pid(n) if isinstance(n, int) else n, month, nis, benefit_type, household, gender,
            birth_year, education, origin, status, gpmi)


def work(n, month, work_type="regulier", region="VLG"):
    return (pid(n) if isinstance(n, int) else n, month, work_type, region)


def query(db: Path, sql: str, params=None):
    with duckdb.connect(str(db.resolve()), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env=full_env, timeout=300)
