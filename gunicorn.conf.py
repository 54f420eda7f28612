"""gunicorn settings: ``gunicorn app:server -c gunicorn.conf.py``. Environment:

LEEFLOON_BIND (default 127.0.0.1:8050), LEEFLOON_WORKERS (default 2),
LEEFLOON_THREADS (default 4), LEEFLOON_TIMEOUT (seconds, default 60).
Workers open the warehouse after the fork; there is no preload.
"""

import ctypes
import ctypes.util
import os

bind = os.environ.get("LEEFLOON_BIND", "127.0.0.1:8050").strip() or "127.0.0.1:8050"
workers = int(os.environ.get("LEEFLOON_WORKERS", "2"))
threads = int(os.environ.get("LEEFLOON_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("LEEFLOON_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
preload_app = False  # DuckDB is not fork-safe: every worker connects after the fork
accesslog = os.environ.get("LEEFLOON_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LEEFLOON_LOG_LEVEL", "info")
proc_name = "leefloon-dashboard"


def post_fork(server, worker):
    """glibc gives each thread that allocates its own memory arena, and the arenas keep
    what they once held: with several threads a worker's resident memory grows by
    hundreds of megabytes for no use. Two arenas are plenty for a worker (M_ARENA_MAX)."""
    libc = ctypes.util.find_library("c")
    if libc:
        try:
            ctypes.CDLL(libc).mallopt(-8, 2)  # M_ARENA_MAX = -8 in malloc.h
        except (OSError, AttributeError):  # not glibc: nothing to tune
            pass
