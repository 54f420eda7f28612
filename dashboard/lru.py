"""A worker's in-memory caches: least recently used go first beyond a budget.

One class for the query results (weighed in bytes, expiring) and the drawn layouts
(counted). Values are kept as they are: no pickling (a pickled DataFrame costs more to
read back than most queries take to run).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable


class BoundedCache:
    """``weigh(value)`` counts against ``budget``; entries older than ``timeout_seconds``
    are not handed out; ``copy(value)`` is what a hit returns (default: the value)."""

    def __init__(self, budget: int, weigh: Callable[[Any], int] = lambda _: 1,
                 timeout_seconds: float | None = None, copy: Callable[[Any], Any] = lambda v: v):
        self.budget = budget
        self.weigh = weigh
        self.timeout = timeout_seconds
        self.copy = copy
        self._items: OrderedDict[Hashable, tuple[float, int, Any]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            stored_at, _, value = item
            if self.timeout is not None and time.monotonic() - stored_at > self.timeout:
                self._drop(key)
                return None
            self._items.move_to_end(key)
        return self.copy(value)

    def put(self, key: Hashable, value: Any) -> None:
        weight = self.weigh(value)
        if weight > self.budget:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic(), weight, self.copy(value))
            self._used += weight
            while self._used > self.budget:
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._used = 0

    @property
    def used(self) -> int:
        return self._used

    def _drop(self, key: Hashable) -> None:
        _, weight, _ = self._items.pop(key)
        self._used -= weight
