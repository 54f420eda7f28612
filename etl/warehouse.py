"""Warehouse files: versioned DuckDB files behind an atomically switched link.

``data/warehouse.duckdb`` is a symbolic link to ``warehouse.<version>.duckdb``.
A load builds ``<version file>.building``, then renames it into place and swaps
the link with ``os.replace`` (atomic on POSIX). See docs/warehouse.md.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data/warehouse.duckdb")
KEEP_VERSIONS = 2
BUILDING_SUFFIX = ".building"


def memory_limit() -> str:
    """``LEEFLOON_DUCKDB_MEMORY_LIMIT`` (default 3GB): a size as DuckDB takes it."""
    raw = os.environ.get("LEEFLOON_DUCKDB_MEMORY_LIMIT", "").strip() or "3GB"
    if not re.fullmatch(r"\d+(\.\d+)?\s*([KMGT]i?B|B)", raw, flags=re.IGNORECASE):
        raise ValueError(
            f"LEEFLOON_DUCKDB_MEMORY_LIMIT must be a size such as 3GB or 512MB, got {raw!r}")
    return raw


def threads() -> int:
    """``LEEFLOON_DUCKDB_THREADS`` (default: the machine's cores)."""
    raw = os.environ.get("LEEFLOON_DUCKDB_THREADS", "").strip()
    if not raw:
        return os.cpu_count() or 2
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"LEEFLOON_DUCKDB_THREADS must be a whole number above 0, got {raw!r}")
    return int(raw)


def connect_for_build(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection with bounded memory that spills to disk."""
    spill = path.parent / (path.name + ".tmp")
    spill.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(
        str(path),
        config={
            "memory_limit": memory_limit(),
            "threads": threads(),
            "temp_directory": str(spill),
            "preserve_insertion_order": True,
        },
    )


def published_target(db: Path) -> Path | None:
    """The version file the link points at, or the file itself for a plain file."""
    if db.is_symlink():
        target = Path(os.path.realpath(db))
        return target if target.exists() else None
    return db if db.exists() else None


def version_path(db: Path, data_version: str) -> Path:
    stem = db.name[: -len(".duckdb")] if db.name.endswith(".duckdb") else db.name
    return db.parent / f"{stem}.{data_version}.duckdb"


def start_build(db: Path, data_version: str) -> Path:
    """A building file that starts as a copy of the published version (or empty)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(db)
    building = Path(str(version_path(db, data_version)) + BUILDING_SUFFIX)
    current = published_target(db)
    if current is not None:
        shutil.copyfile(current, building)
    return building


def publish(db: Path, building: Path) -> Path:
    """Move a finished build into place and point the link at it, atomically."""
    final = Path(str(building)[: -len(BUILDING_SUFFIX)])
    _fsync(building)
    os.replace(building, final)
    link_tmp = db.parent / f".{db.name}.link-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(final.name, link_tmp)
    if db.exists() and not db.is_symlink():
        # A plain file from an earlier layout becomes a version of its own first.
        os.replace(db, version_path(db, "legacy"))
    os.replace(link_tmp, db)
    _fsync_dir(db.parent)
    remove_old_versions(db, keep=final)
    return final


def remove_stale_builds(db: Path) -> None:
    """Remove what a killed load left behind; the published version is untouched."""
    for leftover in db.parent.glob(_version_glob(db) + BUILDING_SUFFIX):
        leftover.unlink(missing_ok=True)
        wal = Path(str(leftover) + ".wal")
        wal.unlink(missing_ok=True)
    for spill in db.parent.glob(_version_glob(db) + BUILDING_SUFFIX + ".tmp"):
        shutil.rmtree(spill, ignore_errors=True)
    for link_tmp in db.parent.glob(f".{db.name}.link-*"):
        link_tmp.unlink(missing_ok=True)


def remove_old_versions(db: Path, keep: Path) -> None:
    versions = sorted(
        (p for p in db.parent.glob(_version_glob(db)) if _VERSION_FILE.search(p.name)),
        key=lambda p: p.name,
    )
    for old in versions[:-KEEP_VERSIONS]:
        if old != keep:
            old.unlink(missing_ok=True)


_VERSION_FILE = re.compile(r"\.(\d{8}T\d{6}Z-[0-9a-f]{8}|legacy)\.duckdb$")


def _version_glob(db: Path) -> str:
    stem = db.name[: -len(".duckdb")] if db.name.endswith(".duckdb") else db.name
    return f"{stem}.*.duckdb"


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
