"""Shared test support: a warehouse built by the real ETL, and a real gunicorn with an app
database of test users (``USERS``, all with ``PASSWORD``) and a fixed secret key.

Loaded once per session under a fixed module name by both conftests
(tests/dashboard and tests/e2e), so the warehouse is built only once.
"""

from __future__ import annotations

import atexit
import json
import os
import re
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
PASSWORD = "test passphrase " + "x" * 8
SECRET_KEY = "test-secret-key-" + "k" * 40
# username -> (role, NIS codes)
USERS = {
    "analist": ("analyst", ()),
    "gent": ("ocmw", ("44021",)),
    "beheerder": ("admin", ()),
    "victim": ("ocmw", ("11002",)),  # the throttling test's target: nobody else logs in as it
}
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


def make_app_db(app_dir: Path) -> Path:
    """An app database in ``app_dir`` with the test users (once per directory)."""
    from dashboard.auth.store import UserStore

    path = Path(app_dir) / "app.sqlite3"
    store = UserStore(path)
    for username, (role, codes) in USERS.items():
        if store.get_user(username) is None:
            store.add_user(username, PASSWORD, role, codes)
    store.close()
    return path


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def login(session: requests.Session, base: str, username: str, password: str = PASSWORD,
          headers: dict | None = None) -> requests.Response:
    """Log in the way a browser does: GET /login for the CSRF token, POST the form. The
    answer is not followed (302 on success)."""
    page = session.get(base + "/login", timeout=60, headers=headers)
    assert page.status_code == 200, page.status_code
    return session.post(base + "/login", timeout=60, allow_redirects=False, headers=headers,
                        data={"username": username, "password": password,
                              "csrf": csrf_of(page.text)})


class Server:
    """A real ``gunicorn app:server -c gunicorn.conf.py`` on a free port, with its own app
    database (``app_dir``: pass another server's to share users and sessions)."""

    def __init__(self, warehouse: Path | str, workers: int = 2, extra_env: dict | None = None,
                 app_dir: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app_dir = Path(app_dir or tempfile.mkdtemp(prefix="leefloon-app-"))
        if app_dir is None:
            atexit.register(shutil.rmtree, self.app_dir, ignore_errors=True)
        self.app_db = make_app_db(self.app_dir)
        env = {**os.environ, "LEEFLOON_BIND": f"127.0.0.1:{self.port}",
               "LEEFLOON_WAREHOUSE": str(warehouse), "LEEFLOON_WORKERS": str(workers),
               "LEEFLOON_THREADS": "4", "LEEFLOON_ENV": "production",
               "LEEFLOON_APP_DB": str(self.app_db), "LEEFLOON_SECRET_KEY": SECRET_KEY,
               "LEEFLOON_SHARED_CACHE_DIR": str(self.app_dir / "cache")}
        for name in ("LEEFLOON_AUTH_MODE", "LEEFLOON_TRUSTED_PROXIES", "LEEFLOON_HTTPS",
                     "LEEFLOON_SECRET_KEY_FILE"):
            env.pop(name, None)
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
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                requests.get(self.url + "/health", timeout=10)
                return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in 60 s")

    def session(self, username: str = "analist") -> requests.Session:
        """A requests.Session logged in as ``username``."""
        s = requests.Session()
        r = login(s, self.url, username)
        assert r.status_code == 302, (r.status_code, r.text[:300])
        return s

    def audit(self):
        """The server's audit log, read from this process."""
        from dashboard.auth.audit import AuditLog
        from dashboard.auth.store import UserStore

        return AuditLog(UserStore(self.app_db))

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


def section_payload(ident: dict, store: dict) -> dict:
    """The browser's POST for a section drawn by its own callback (the ``mun-section``
    placeholders of a municipality page, the ``area-section`` ones of a province or
    region page)."""
    return {
        "output": json.dumps({k: v if k == "type" else ["MATCH"] for k, v in ident.items()},
                             separators=(",", ":"), sort_keys=True) + ".children",
        "outputs": {"id": ident, "property": "children"},
        "inputs": [{"id": ident, "property": "id", "value": ident}],
        "state": [{"id": "app-page-state", "property": "data", "value": store}],
        "changedPropIds": [json.dumps(ident, separators=(",", ":"), sort_keys=True) + ".id"],
    }


def download_payload(view: str, store: dict, fmt: str = "csv") -> dict:
    """What the renderer POSTs when a download menu item is clicked (ids from the layout:
    cards.download_menu, ids.DOWNLOAD, ids.PAGE_STATE)."""
    btn = {"type": "download", "view": view, "fmt": fmt}
    return {
        "output": "app-download.data",
        "outputs": {"id": "app-download", "property": "data"},
        "inputs": [[{"id": btn, "property": "n_clicks", "value": 1}]],
        "state": [{"id": "app-page-state", "property": "data", "value": store}],
        "changedPropIds": [json.dumps(btn, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }


def render_page(session: requests.Session, base: str, pathname: str,
                search: str = "") -> tuple[dict, str]:
    """What a browser shows: the router's layout with every lazily drawn section filled in
    by its own callback. Returns the tree and every response body."""
    r = session.post(base + "/_dash-update-component", json=router_payload(pathname, search),
                     timeout=60)
    assert r.status_code == 200, r.text[:500]
    tree = r.json()["response"]["_pages_content"]["children"]
    bodies = [r.text]
    stores = find(tree, lambda c: c["props"].get("id") == "app-page-state")
    for slot in find(tree, lambda c: isinstance(c["props"].get("id"), dict)
                     and c["props"]["id"].get("type") in ("mun-section", "area-section")):
        ident = slot["props"]["id"]
        r = session.post(base + "/_dash-update-component",
                         json=section_payload(ident, stores[0]["props"]["data"]), timeout=60)
        assert r.status_code == 200, r.text[:500]
        key = json.dumps(ident, separators=(",", ":"), sort_keys=True)
        slot["props"]["children"] = r.json()["response"][key]["children"]
        bodies.append(r.text)
    return tree, "\n".join(bodies)


def render(session: requests.Session, base: str, pathname: str, search: str = "") -> dict:
    return render_page(session, base, pathname, search)[0]


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
