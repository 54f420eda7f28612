"""gunicorn settings: ``gunicorn app:server -c gunicorn.conf.py``. Environment:

LEEFLOON_BIND (default 127.0.0.1:8050), LEEFLOON_WORKERS (default 2),
LEEFLOON_THREADS (default 4), LEEFLOON_TIMEOUT (seconds, default 60).
Workers open the warehouse after the fork; there is no preload.
"""

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
