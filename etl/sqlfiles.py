"""Run the SQL models kept in ``etl/sql``."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent / "sql"


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def sql_statements(name: str) -> list[str]:
    """The statements of one SQL file, comment lines left out."""
    return _statements(read_sql(name))


def run_sql(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Run every statement of one SQL file, binding named parameters ($name)."""
    for statement in sql_statements(name):
        run_statement(con, statement, params)


def run_statement(con: duckdb.DuckDBPyConnection, statement: str, params: dict | None = None) -> None:
    """Run one statement, binding the named parameters ($name) it uses."""
    used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
    con.execute(statement, used or None)


def run_folder(con: duckdb.DuckDBPyConnection, folder: str, params: dict | None = None,
               skip: tuple[str, ...] = ()) -> None:
    for path in sorted((SQL_DIR / folder).glob("*.sql")):
        if path.name not in skip:
            run_sql(con, f"{folder}/{path.name}", params)


def data_tests(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Run the queries in sql/tests; each returns its failing rows (none = pass)."""
    failures = {}
    for path in sorted((SQL_DIR / "tests").glob("*.sql")):
        rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
        if rows:
            failures[path.stem] = rows[:5]
    return failures


def _statements(sql: str) -> list[str]:
    # The model files hold no semicolons inside literals, so a plain split is exact.
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
