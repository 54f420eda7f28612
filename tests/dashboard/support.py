"""Shared test support: a warehouse built by the real ETL, and a real gunicorn.

Loaded once per session under a fixed module name by both conftests
(tests/dashboard and tests/e2e), so the warehouse is built only once.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GEN_ARGS = ["--persons", "3000", "--start", "2023-01", "--end", "2025-06", "--seed", "7"]
_state: dict = {}


def run_etl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "etl", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def build_warehouse() -> Path:
    """``python -m etl generate`` + ``load`` into a temporary directory (once per session)."""
    if "warehouse" in _state:
        return _state["warehouse"]
    tmp = Path(tempfile.mkdtemp(prefix="leefloon-test-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    gen = run_etl("generate", "--out", str(tmp), *GEN_ARGS)
    assert gen.returncode == 0, gen.stderr
    db = tmp / "wh.duckdb"
    load = run_etl("load", str(tmp), "--db", str(db))
    assert load.returncode == 0, load.stderr + load.stdout
    assert db.is_symlink() or db.exists()
    _state["warehouse"] = db
    _state["tmp"] = tmp
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A real ``gunicorn app:server -c gunicorn.conf.py`` on a free port."""

    def __init__(self, warehouse: Path | str, workers: int = 2, extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "LEEFLOON_BIND": f"127.0.0.1:{self.port}",
               "LEEFLOON_WAREHOUSE": str(warehouse), "LEEFLOON_WORKERS": str(workers),
               "LEEFLOON_THREADS": "4", "LEEFLOON_ENV": "production"}
        env.update(extra_env or {})
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()  # never leave a server behind
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                requests.get(self.url + "/health", timeout=10)
                return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in 30 s")

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def router_payload(pathname: str, search: str = "") -> dict:
    """The browser's POST for the Dash pages router (what a page load sends)."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def render(session: requests.Session, base: str, pathname: str, search: str = "") -> dict:
    r = session.post(base + "/_dash-update-component", json=router_payload(pathname, search),
                     timeout=60)
    assert r.status_code == 200, r.text[:500]
    return r.json()["response"]["_pages_content"]["children"]


def texts(tree) -> list[str]:
    """Every string in a rendered layout tree."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            if "props" in node:
                walk(node["props"].get("children"))
            else:
                for v in node.values():
                    walk(v)

    walk(tree)
    return out


def find(tree, pred) -> list[dict]:
    """Every component in a rendered layout tree for which ``pred(component)`` holds."""
    out: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict) and "props" in node:
            if pred(node):
                out.append(node)
            for v in node["props"].values():
                walk(v)

    walk(tree)
    return out
