"""The only module that touches DuckDB.

One read-only connection per worker process, opened lazily (so after gunicorn
forks) and a cursor per thread. The warehouse path is a symbolic link to the
published version (docs/warehouse.md); at most every
``LEEFLOON_RELOAD_CHECK_SECONDS`` the link is resolved again and, when it points
at a new file, that file is opened *before* the old connection is retired, so no
request fails during a swap. A retired connection is closed once no query runs on it
any more (``using`` counts them), or at the latest after a grace period.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pandas as pd

from dashboard import config

log = logging.getLogger(__name__)

REQUIRED_TABLES = (
    "meta",
    "dim_municipality",
    "dim_period",
    "mart_indicators__area_period",
)
RETIRE_GRACE_SECONDS = 120.0


class NoWarehouse(RuntimeError):
    """No published warehouse (missing link or file, or no marts in it)."""


@dataclass
class Handle:
    """One opened warehouse version."""

    path: str
    conn: Any
    meta: dict[str, str]
    generation: int
    opened_at: float = field(default_factory=time.monotonic)
    active: int = 0  # queries running on it (``Warehouse.using``)

    @property
    def data_version(self) -> str:
        return self.meta.get("data_version", "")


def _open(path: str, generation: int) -> Handle:
    conn = duckdb.connect(
        path,
        read_only=True,
        config={
            "memory_limit": config.duckdb_memory_limit(),
            "threads": config.duckdb_threads(),
        },
    )
    try:
        tables = {
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables"
            ).fetchall()
        }
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise NoWarehouse(f"{path}: no marts in the warehouse (missing {', '.join(missing)})")
        meta = dict(conn.execute("select key, value from meta").fetchall())
        if not meta.get("data_version"):
            raise NoWarehouse(f"{path}: the meta table has no data_version")
    except BaseException:
        conn.close()
        raise
    return Handle(path=path, conn=conn, meta=meta, generation=generation)


class Warehouse:
    """Read-only access to the published warehouse behind ``link``."""

    def __init__(self, link: Path | str, check_seconds: float | None = None):
        self.link = Path(link)
        self.check_seconds = (
            config.reload_check_seconds() if check_seconds is None else check_seconds
        )
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._handle: Handle | None = None
        self._retired: list[tuple[float, Handle]] = []
        self._checked_at = float("-inf")
        self._generation = 0
        self._local = threading.local()

    # -- versions ---------------------------------------------------------
    def handle(self) -> Handle:
        """The current version, re-resolving the link at most every check_seconds."""
        if self._pid != os.getpid():  # forked after opening: never reuse the parent's
            with self._lock:
                if self._pid != os.getpid():
                    self._reset()
        now = time.monotonic()
        handle = self._handle
        if handle is not None and now - self._checked_at < self.check_seconds:
            return handle
        with self._lock:
            handle = self._handle
            if handle is not None and now - self._checked_at < self.check_seconds:
                return handle
            self._checked_at = now
            target = os.path.realpath(self.link)
            if handle is not None and handle.path == target:
                self._close_retired(now)
                return handle
            if not os.path.isfile(target):
                if handle is not None and os.path.isfile(handle.path):
                    return handle  # link being replaced: keep serving the old version
                self._retire(handle, now)
                self._handle = None
                raise NoWarehouse(f"no warehouse at {self.link}")
            try:
                new = _open(target, self._generation + 1)
            except NoWarehouse:
                if handle is not None:
                    return handle
                raise
            except duckdb.Error as exc:
                if handle is not None:
                    log.warning("could not open %s yet (%s); keeping %s", target, exc, handle.path)
                    return handle
                raise NoWarehouse(f"cannot open {target}: {exc}") from exc
            self._generation = new.generation
            self._retire(handle, now)
            self._handle = new
            log.info("opened warehouse %s (data_version %s)", target, new.data_version)
            return new

    def _retire(self, handle: Handle | None, now: float) -> None:
        if handle is not None:
            self._retired.append((now, handle))
        self._close_retired(now)

    def _close_retired(self, now: float) -> None:
        """Close the retired versions no query uses any more (called under the lock: a
        retired version gets no new users, so its count only goes down)."""
        keep = []
        for since, old in self._retired:
            if old.active == 0 or now - since > RETIRE_GRACE_SECONDS:
                try:
                    old.conn.close()
                except duckdb.Error:  # pragma: no cover - closing is best effort
                    pass
            else:
                keep.append((since, old))
        self._retired = keep

    # -- queries -----------------------------------------------------------
    @contextmanager
    def using(self) -> Iterator[tuple[Handle, Any]]:
        """The current version and this thread's cursor of it, counted as in use until
        the block ends, so that a swap meanwhile does not close it under the query."""
        while True:
            handle = self.handle()
            with self._lock:
                if handle is self._handle:  # still current: not retired before counted
                    handle.active += 1
                    break
        try:
            local = self._local
            if getattr(local, "generation", None) != handle.generation:
                local.cursor = handle.conn.cursor()
                local.generation = handle.generation
            yield handle, local.cursor
        finally:
            with self._lock:
                handle.active -= 1

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run one statement with bound parameters and return a DataFrame."""
        with self.using() as (_, cur):
            return cur.execute(sql, params or {}).df()

    def data_version(self) -> str:
        return self.handle().data_version

    def meta(self) -> dict[str, str]:
        return dict(self.handle().meta)

    def close(self) -> None:
        with self._lock:
            for _, old in self._retired:
                old.conn.close()
            if self._handle is not None:
                self._handle.conn.close()
            self._reset()


_SQL_DIR = Path(__file__).resolve().parent / "sql"
_sql_cache: dict[str, str] = {}
_default: Warehouse | None = None
_default_lock = threading.Lock()


def sql(name: str) -> str:
    """The text of ``dashboard/sql/<name>.sql``."""
    text = _sql_cache.get(name)
    if text is None:
        text = (_SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
        _sql_cache[name] = text
    return text


def warehouse() -> Warehouse:
    """The process-wide warehouse for the configured link (created lazily)."""
    global _default
    link = config.warehouse_path()
    if _default is None or _default.link != link:
        with _default_lock:
            if _default is None or _default.link != link:
                _default = Warehouse(link)
    return _default
