"""Query results kept in the worker: an LRU bounded in bytes, entries expiring.

DataFrames are kept as they are (no pickling: a pickled frame costs more to read back
than most queries take to run). Pandas copies on write, so every hit hands out a
shallow copy that the caller may change without touching the cached frame.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Hashable

import pandas as pd


class FrameCache:
    def __init__(self, max_bytes: int, timeout_seconds: float):
        self.max_bytes = max_bytes
        self.timeout = timeout_seconds
        self._items: OrderedDict[Hashable, tuple[float, int, pd.DataFrame]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> pd.DataFrame | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            stored_at, _, df = item
            if time.monotonic() - stored_at > self.timeout:
                self._drop(key)
                return None
            self._items.move_to_end(key)
        return df.copy(deep=False)

    def set(self, key: Hashable, df: pd.DataFrame) -> None:
        size = int(df.memory_usage(index=True, deep=True).sum())
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic(), size, df.copy(deep=False))
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def _drop(self, key: Hashable) -> None:
        _, size, _ = self._items.pop(key)
        self._bytes -= size
