"""Settings read from the environment (documented in docs/dashboard.md)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "")
    return value.strip() or default


def warehouse_path() -> Path:
    """The published warehouse: a symbolic link to the current versioned file."""
    path = Path(_env("LEEFLOON_WAREHOUSE", "data/warehouse.duckdb"))
    return path if path.is_absolute() else PROJECT_ROOT / path


def reload_check_seconds() -> float:
    """How often (at most) a worker looks whether the link points at a new version."""
    return float(_env("LEEFLOON_RELOAD_CHECK_SECONDS", "1.0"))


def duckdb_memory_limit() -> str:
    return _env("LEEFLOON_DUCKDB_MEMORY_LIMIT", "160MB")


def duckdb_threads() -> int:
    return int(_env("LEEFLOON_DUCKDB_THREADS", "2"))


def cache_timeout() -> int:
    """Seconds a cached query result lives; the key holds the data version anyway."""
    return int(_env("LEEFLOON_CACHE_TIMEOUT", "3600"))


def cache_megabytes() -> int:
    """Megabytes of query results a worker keeps (least recently used go first)."""
    return int(_env("LEEFLOON_CACHE_MB", "32"))


def shared_drawings_dir() -> Path | None:
    """Where the workers share drawn sections (``dashboard/shared_drawings.py``); ``off``:
    nowhere, each worker keeps its own only."""
    raw = _env("LEEFLOON_SHARED_CACHE_DIR", "data/cache")
    if raw.lower() == "off":
        return None
    path = Path(raw)
    return path if path.is_absolute() else PROJECT_ROOT / path


def debug() -> bool:
    """Dash dev tools only in development (``LEEFLOON_ENV=development``)."""
    return _env("LEEFLOON_ENV", "production").lower() in ("development", "dev")


def bind() -> str:
    return _env("LEEFLOON_BIND", "127.0.0.1:8050")
