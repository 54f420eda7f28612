"""Drawn sections shared by the workers: one JSON file each, by build and data version.

A section a worker drew is written here, so another worker (or the same one, after its
small in-memory cache let it go) sends it again for a few milliseconds instead of
drawing it anew. The key holds the data version and the user's scope, as the layout
cache's does; the directory name holds the data version and a hash of the app's code,
so a new warehouse or a new release never meets an old drawing. Directories of other
versions are removed once they have been left alone for a while. What is stored is
what those users are shown: suppressed aggregates, never a person.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from plotly.utils import PlotlyJSONEncoder

log = logging.getLogger(__name__)

STALE_SECONDS = 600  # a directory of another version untouched this long is removed
MAX_FILES = 20_000  # per version; beyond it the directory starts afresh


def code_hash(*packages: Path) -> str:
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".sql") and path.is_file():
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


class SharedDrawings:
    def __init__(self, root: Path, build: str):
        self.root = Path(root)
        self.build = build
        self._lock = threading.Lock()
        self._written = 0

    def _dir(self, data_version: str) -> Path:
        return self.root / f"{self.build}-{data_version}"

    @staticmethod
    def _name(key: tuple) -> str:
        return hashlib.sha256(repr(key).encode()).hexdigest() + ".json"

    def get(self, data_version: str, key: tuple) -> Any | None:
        path = self._dir(data_version) / self._name(key)
        try:
            return json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # a damaged file is drawn again
            log.warning("shared drawing %s unreadable: %s", path, exc)
            return None

    def put(self, data_version: str, key: tuple, tree: Any) -> None:
        folder = self._dir(data_version)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            data = json.dumps(tree, cls=PlotlyJSONEncoder).encode()
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / self._name(key))
        except OSError as exc:  # a full or read-only disk only costs speed
            log.warning("shared drawing not written to %s: %s", folder, exc)
            return
        with self._lock:
            self._written += 1
            tidy = self._written % 500 == 1
        if tidy:
            self._tidy(folder)

    def _tidy(self, current: Path) -> None:
        now = time.time()
        for folder in self.root.iterdir():
            try:
                if folder != current and folder.is_dir() and now - folder.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue
        try:
            if sum(1 for _ in current.iterdir()) > MAX_FILES:
                shutil.rmtree(current, ignore_errors=True)
        except OSError:
            pass
