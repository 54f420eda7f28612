"""Dashboard under load: real gunicorn on 127.0.0.1, real HTTP, the browser's payloads.

    python bench/bench_dashboard.py [--db DB] [--users 20] [--seconds 60] [--think 3-8]
                                    [--runs 3] [--out bench/results/dashboard.json]

Starts gunicorn (gunicorn.conf.py: LEEFLOON_WORKERS x LEEFLOON_THREADS) on a free port
against a warehouse (default: the Flanders-scale one bench_etl.py builds), creates an
analyst and OCMW users in a throw-away application database, then measures:
- single user: the municipality-page callbacks, p50/p95/p99: the pages router POST to
  /_dash-update-component that draws the page (``municipality_page``), then its detail
  sections, one POST each: side by side as the browser sends them (``section``) on
  every other page, one at a time (``section_alone``: each callback's own time) on the
  others; and the whole page until its last section arrived (``whole_page``);
- N concurrent users replaying sessions: log in, open a municipality page, change the
  period and the indicator, open a breakdown (another comparison group), analyst
  drill-down province -> region -> municipality (the router POST of each, and the two
  sections of a province or region page side by side: ``area_section``), download a
  CSV, each user pausing
  ``--think`` seconds before every action as a reader does (``--think 0``: no pause, a
  stress test); the users arrive over 10 s and log in (reported apart), then the run is
  timed for ``--seconds``; per request type p50/p95/p99 and errors;
- a new warehouse published during the concurrent run (``python -m etl load`` of one
  more month): failed requests, and how long until /health reports the new version
  on every worker;
- the first page load (index, scripts, styles, first layout, boundaries) gzip-compressed;
- RSS per worker after the run.
Each of ``--runs`` cold runs starts its own gunicorn; the report gives, per phase and
request type, the median over the runs of each percentile (the machines are noisy).
Every loop is bounded in time and count; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import requests

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
sys.path.insert(0, str(ROOT))
from tests.dashboard import support  # noqa: E402  (the browser's payloads, as the tests send them)
PASSWORD = "bench-password-" + "x" * 8
MUNICIPALITIES = ["44021", "11002", "24062", "31005", "71016", "12025", "41002", "35013", "46021",
                  "13040", "34022", "36015", "71072", "23088", "11001", "44084", "37020", "72004"]
RAMP_UP = 10.0  # seconds over which the concurrent users arrive
PERIODS = ["2025-Q2", "2025-06", "2024", "2024-Q4", "2023"]
INDICATORS = ["registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate", "leefloners"]


SECTIONS = ("trend", "funnel", "breakdown", "cities", "outflow")
AREA_SECTIONS = ("members", "trend")


def section_payload(name: str, store: dict, kind: str = "mun-section") -> dict:
    return support.section_payload({"name": name, "type": kind}, store)


def page_state(response) -> dict | None:
    """The page-state store in a router response (what the section callbacks get)."""
    try:
        tree = response.json()["response"]["_pages_content"]["children"]
    except (ValueError, KeyError):
        return None
    stores = support.find(tree, lambda c: c["props"].get("id") == "app-page-state")
    return stores[0]["props"].get("data") if stores else None


def open_page(rec: "Recorder", kind: str, post, pool: ThreadPoolExecutor | None, pathname: str,
              search: str = "") -> float:
    """What a browser does for a page: the router callback and, on a municipality page,
    then its detail sections side by side (one after the other without a ``pool``:
    ``section_alone``, each callback's own time); on a province or region page its two
    sections side by side (``area_section``). Records each request; returns the wall
    time until the last part arrived."""
    start = time.perf_counter()
    r = rec.timed(kind, lambda: post(support.router_payload(pathname, search)))
    store = page_state(r) if r is not None and r.status_code == 200 else None
    if store is not None and store.get("page") in ("province", "region"):
        parts = [lambda n=n: post(section_payload(n, store, "area-section")) for n in AREA_SECTIONS]
        if pool is None:
            for part in parts:
                rec.timed("area_section", part)
        else:
            for job in [pool.submit(rec.timed, "area_section", part) for part in parts]:
                job.result()
    if store is not None and store.get("page") == "municipality":
        if pool is None:
            for n in SECTIONS:
                rec.timed("section_alone", lambda n=n: post(section_payload(n, store)))
        else:
            jobs = [pool.submit(rec.timed, "section", lambda n=n: post(section_payload(n, store)))
                    for n in SECTIONS]
            for job in jobs:
                job.result()
    return time.perf_counter() - start


def download_payload(nis: str, period: str) -> dict:
    store = {"page": "municipality", "nis": nis, "period": period,
             "period_type": "quarter" if "-Q" in period else ("month" if len(period) == 7 else "year"),
             "indicator": "registration_rate", "lang": "nl", "cmp": "flanders", "trend": "month",
             "horizon": 6}
    return support.download_payload("mun-kpi", store)


class Recorder:
    """Request timings per request type, kept apart per ``phase`` (what was going on)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.phase = ""
        self.phases: dict[str, dict[str, list[float]]] = {}
        self.errors: dict[tuple[str, str], int] = {}
        self.failures: list[str] = []

    @property
    def samples(self) -> dict[str, list[float]]:
        return self.phases.setdefault(self.phase, {})

    def timed(self, kind: str, fn):
        phase = self.phase
        start = time.perf_counter()
        try:
            r = fn()
            ok = r.status_code < 400
        except requests.RequestException as exc:
            r, ok = None, False
            detail = type(exc).__name__
        elapsed = time.perf_counter() - start
        with self.lock:
            self.phases.setdefault(phase, {}).setdefault(kind, []).append(elapsed)
            if not ok:
                self.errors[(phase, kind)] = self.errors.get((phase, kind), 0) + 1
                self.failures.append(f"{phase} {kind}: {r.status_code if r is not None else detail}")
        return r

    def error_count(self, phase: str) -> int:
        return sum(n for (p, _), n in self.errors.items() if p == phase)

    def summary(self, phase: str = "") -> dict:
        """Per request type, and over every request but the logins (``all_but_login``:
        a login hashes the password on purpose, docs/access.md)."""
        out = {}
        samples = self.phases.get(phase, {})
        every = [x for kind, xs in samples.items() if kind not in ("login", "whole_page") for x in xs]
        for kind, xs in [*sorted(samples.items()), ("all_but_login", every)]:
            if not xs:
                continue
            xs = sorted(xs)
            errors = (self.error_count(phase) - self.errors.get((phase, "login"), 0)
                      if kind == "all_but_login" else self.errors.get((phase, kind), 0))
            out[kind] = {"n": len(xs), "errors": errors,
                         "p50_ms": 1000 * pct(xs, 50), "p95_ms": 1000 * pct(xs, 95),
                         "p99_ms": 1000 * pct(xs, 99)}
        return out


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    i = min(len(xs) - 1, max(0, round(q / 100 * (len(xs) - 1))))
    return xs[i]


class Server:
    def __init__(self, db: Path, app_db: Path, port: int, env_extra: dict) -> None:
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "LEEFLOON_WAREHOUSE": str(db), "LEEFLOON_APP_DB": str(app_db),
               "LEEFLOON_SECRET_KEY": "bench-" + "k" * 40, "LEEFLOON_BIND": f"127.0.0.1:{port}",
               **env_extra}
        self.log = open(WORK / "gunicorn-bench.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"],
                                     cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code in (200, 503):
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def rss_mb(self) -> dict[int, float]:
        sizes = {}
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = int(line.split()[1]) / 1024
        return sizes

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def login(session: requests.Session, url: str, user: str) -> requests.Response:
    """``support.login`` without its assertions: under load a failed login is counted as
    an error, not a user thread that dies."""
    page = session.get(url + "/login", timeout=30)
    m = re.search(r'name="csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf"', page.text)
    token = (m.group(1) or m.group(2)) if m else ""
    return session.post(url + "/login", data={"username": user, "password": PASSWORD, "csrf": token},
                        timeout=30, allow_redirects=False)


def create_users(app_db: Path, n_ocmw: int) -> list[tuple[str, str]]:
    env = {**os.environ, "LEEFLOON_APP_DB": str(app_db)}
    users = [("analist", "analyst")] + [(f"ocmw{m}", m) for m in MUNICIPALITIES[:n_ocmw]]
    for name, what in users:
        args = ["users", "add", name, "--password-stdin"]
        args += ["--role", "analyst"] if what == "analyst" else ["--role", "ocmw", "--nis", what]
        subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=PASSWORD + "\n",
                       text=True, check=True, capture_output=True)
    return users


def new_session() -> requests.Session:
    """A client that opens a connection per request. Reusing a kept-alive connection
    that gunicorn closes after ``keepalive`` seconds races with the next request after a
    user's pause: a browser retries such a request silently, ``requests`` does not, and
    nginx (docs/operations.md) drops its idle upstream connections before gunicorn does."""
    s = requests.Session()
    s.headers["Accept-Encoding"] = "gzip"
    s.headers["Connection"] = "close"
    return s


def session_script(rec: Recorder, url: str, user: tuple[str, str], rng: random.Random,
                   stop: threading.Event, think: tuple[float, float] = (0.0, 0.0),
                   ramp_up: float = 0.0) -> None:
    """One user's visits until the time is up, pausing ``think`` seconds (uniform between the
    two bounds) before each action, as a person reading the page does."""
    s = new_session()
    stop.wait(rng.uniform(0, ramp_up))  # users arrive one by one, not all in the same second
    rec.timed("login", lambda: login(s, url, user[0]))
    post = lambda payload: s.post(url + "/_dash-update-component", json=payload, timeout=60)  # noqa: E731

    def pause() -> bool:
        """The user reads before the next action (not timed); False once the run is over."""
        if think[1] > 0:
            stop.wait(rng.uniform(*think))
        return not stop.is_set()

    pool = ThreadPoolExecutor(max_workers=6)  # a browser's connections per host
    while pause():
        nis = user[1] if user[1] != "analyst" else rng.choice(MUNICIPALITIES)
        period = rng.choice(PERIODS)
        rec.timed("page_html", lambda: s.get(f"{url}/gemeente/{nis}?period={period}", timeout=60))
        open_page(rec, "municipality_page", post, pool, f"/gemeente/{nis}", f"?period={period}")
        other = rng.choice(PERIODS)
        ind = rng.choice(INDICATORS)
        if not pause():
            break
        open_page(rec, "change_period_indicator", post, pool, f"/gemeente/{nis}",
                  f"?period={other}&indicator={ind}")
        cmp_ = rng.choice(["region", "centre_cities", "province", "peers"])
        if not pause():
            break
        open_page(rec, "breakdown", post, pool, f"/gemeente/{nis}", f"?period={other}&cmp={cmp_}")
        if user[1] == "analyst":
            for kind, path in (("drilldown_province", "/provincie/40000"),
                               ("drilldown_region", "/regio/REFREG13"),
                               ("drilldown_municipality", "/gemeente/44084")):
                if not pause():
                    break
                open_page(rec, kind, post, pool, path, f"?period={other}")
        if not pause():
            break
        rec.timed("download_csv", lambda: post(download_payload(nis, other)))
        rec.timed("health", lambda: s.get(url + "/health", timeout=30))
    pool.shutdown()


def first_page_bytes(url: str) -> dict:
    """gzip-compressed bytes of what a first visit to / downloads."""
    s = requests.Session()
    s.headers["Accept-Encoding"] = "gzip"
    login(s, url, "analist")
    total, parts = 0, {}
    index = s.get(url + "/", stream=True, timeout=60)
    raw = index.raw.read()
    parts["index"] = len(raw)
    total += len(raw)
    html = s.get(url + "/", timeout=60).text
    assets = set(re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html))
    for path in sorted(assets):
        r = s.get(urljoin(url, path), stream=True, timeout=60)
        data = r.raw.read()
        parts[path.split("?")[0]] = len(data)
        total += len(data)
    for path in ("/_dash-layout", "/_dash-dependencies"):
        r = s.get(url + path, stream=True, timeout=60)
        parts[path] = len(r.raw.read())
        total += parts[path]
    r = s.post(url + "/_dash-update-component", json=support.router_payload("/", ""), stream=True, timeout=60)
    parts["first layout callback"] = len(r.raw.read())
    total += parts["first layout callback"]
    r = s.get(url + "/geo/municipalities.geojson", stream=True, timeout=60)
    parts["boundaries"] = len(r.raw.read())
    total += parts["boundaries"]
    return {"total_bytes": total, "parts": parts}


def publish_during(db: Path, month_dir: Path, url: str, result: dict) -> None:
    before = requests.get(url + "/health", timeout=30).json().get("data_version")
    start = time.perf_counter()
    # niced, as docs/operations.md runs a load on a machine that serves the dashboard
    proc = subprocess.run(["nice", "-n", "10", sys.executable, "-m", "etl", "load", str(month_dir),
                           "--db", str(db), "--json"], cwd=ROOT, capture_output=True, text=True)
    published_at = time.perf_counter()
    after = json.loads(proc.stdout or "{}").get("data_version")
    result.update({"load_s": published_at - start, "old_version": before, "new_version": after,
                   "load_exit": proc.returncode})
    # every worker serves the new version: 40 consecutive /health answers agree
    streak, deadline = 0, published_at + 30
    while time.perf_counter() < deadline and streak < 40:
        v = requests.get(url + "/health", timeout=10).json().get("data_version")
        streak = streak + 1 if v == after else 0
        time.sleep(0.02)
    result["seconds_until_all_workers_new"] = (time.perf_counter() - published_at) if streak >= 40 else None


PHASES = ("single_user", "ramp_up", "concurrent", "during_publish")


def combine(runs: list[dict]) -> dict:
    """Several runs in one report: per phase and request type the median of each run's
    percentiles (the machines are noisy), the requests and errors summed; the slowest
    switch to a new version and the largest RSS; each run's own report under ``runs``."""
    out = {k: runs[0][k] for k in ("workers", "threads", "users", "think_seconds", "first_page_load")}
    out["runs"] = runs
    for phase in PHASES:
        kinds = dict.fromkeys(k for r in runs for k in r.get(phase, {}))
        out[phase] = {}
        for kind in kinds:
            rows = [r[phase][kind] for r in runs if kind in r.get(phase, {})]
            out[phase][kind] = {"n": sum(x["n"] for x in rows), "errors": sum(x["errors"] for x in rows),
                                **{p: statistics.median(x[p] for x in rows)
                                   for p in ("p50_ms", "p95_ms", "p99_ms")}}
    out["concurrent_errors"] = sum(r["concurrent_errors"] for r in runs)
    out["during_publish_errors"] = sum(r["during_publish_errors"] for r in runs)
    out["failures_sample"] = [f for r in runs for f in r["failures_sample"]][:20]
    switches = [r["publish_during_run"].get("seconds_until_all_workers_new") for r in runs]
    out["publish_during_run"] = {**runs[-1]["publish_during_run"],
                                 "seconds_until_all_workers_new": None if None in switches else max(switches),
                                 "load_exit": max(r["publish_during_run"].get("load_exit", 0) for r in runs)}
    for key in ("rss_mb_per_worker", "rss_mb_per_worker_after_publish"):
        out[key] = {f"run{i + 1}-{pid}": v for i, r in enumerate(runs) for pid, v in r[key].items()}
    return out


def run_once(args, think: tuple[float, float]) -> dict:
    """One cold run: a fresh gunicorn, users and warehouse copy; the report of it."""
    month_dir = next(iter(sorted(WORK.glob("month_*"))), None)
    # a private copy, so the publish during the run always has something new to load
    run_dir = WORK / "dashboard_run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    target = args.db.resolve()
    shutil.copyfile(target, run_dir / target.name)
    db = run_dir / "warehouse.duckdb"
    os.symlink(target.name, db)
    app_dir = WORK / "app"
    shutil.rmtree(app_dir, ignore_errors=True)
    app_dir.mkdir(parents=True)
    users = create_users(app_dir / "app.sqlite3", n_ocmw=len(MUNICIPALITIES))
    # a cold start: the workers' shared drawings begin empty in the run's own directory
    server = Server(db, app_dir / "app.sqlite3", support.free_port(),
                    {"LEEFLOON_SHARED_CACHE_DIR": str(app_dir / "cache")})
    report: dict = {"workers": int(os.environ.get("LEEFLOON_WORKERS", "2")),
                    "threads": int(os.environ.get("LEEFLOON_THREADS", "4")), "users": args.users,
                    "think_seconds": list(think)}
    try:
        report["first_page_load"] = first_page_bytes(server.url)

        single = Recorder()
        s = new_session()
        login(s, server.url, "analist")
        rng = random.Random(1)
        post = lambda payload: s.post(server.url + "/_dash-update-component", json=payload,  # noqa: E731
                                      timeout=60)
        with ThreadPoolExecutor(max_workers=6) as pool:
            for i in range(args.single_requests):
                # every other page with its sections one at a time: each callback's own cost
                nis, period = rng.choice(MUNICIPALITIES), rng.choice(PERIODS)
                whole = open_page(single, "municipality_page", post, pool if i % 2 == 0 else None,
                                  f"/gemeente/{nis}", f"?period={period}")
                if i % 2 == 0:
                    single.samples.setdefault("whole_page", []).append(whole)
        report["single_user"] = single.summary()

        # the users' sessions: first as they are ("concurrent"), then while a new warehouse
        # is loaded and published beside them ("during_publish")
        # the users arrive over RAMP_UP seconds and log in (a password hash each, on
        # purpose slow); that phase is reported on its own, then the steady run is timed
        rec = Recorder()
        rec.phase = "ramp_up"
        stop = threading.Event()
        threads = [threading.Thread(target=session_script,
                                    args=(rec, server.url, users[i % len(users)], random.Random(i), stop,
                                          think, RAMP_UP))
                   for i in range(args.users)]
        for t in threads:
            t.start()
        time.sleep(RAMP_UP + 5)
        rec.phase = "concurrent"
        time.sleep(args.seconds)
        report["rss_mb_per_worker"] = server.rss_mb()
        publish: dict = {}
        if month_dir is not None:
            rec.phase = "during_publish"
            publish_during(db, month_dir, server.url, publish)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        report["ramp_up"] = rec.summary("ramp_up")
        report["concurrent"] = rec.summary("concurrent")
        report["concurrent_errors"] = rec.error_count("concurrent")
        report["during_publish"] = rec.summary("during_publish")
        report["during_publish_errors"] = rec.error_count("during_publish")
        report["failures_sample"] = rec.failures[:20]
        report["publish_during_run"] = publish
        # a retired version stays open while a query still runs on it (dashboard/db.py)
        report["rss_mb_per_worker_after_publish"] = server.rss_mb()
    finally:
        server.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
    return report


def positive(kind):
    """An argparse type: a number above 0."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0, got {text}")
        return value
    return parse


def seconds_range(text: str) -> tuple[float, float]:
    """``MIN-MAX`` (or one number) seconds, 0 <= MIN <= MAX."""
    lo, _, hi = text.partition("-")
    try:
        bounds = (float(lo), float(hi or lo))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not MIN-MAX seconds: {text!r}") from None
    if not 0 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"need 0 <= MIN <= MAX, got {text!r}")
    return bounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=WORK / "dashboard" / "warehouse.duckdb")
    parser.add_argument("--users", type=positive(int), default=20)
    parser.add_argument("--seconds", type=positive(float), default=60)
    parser.add_argument("--single-requests", type=positive(int), default=60)
    parser.add_argument("--runs", type=positive(int), default=3,
                        help="cold runs; the report gives the median of their percentiles")
    parser.add_argument("--think", type=seconds_range, default="3-8",
                        help="seconds a user pauses before each action, MIN-MAX (0 = none: a stress test)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dashboard.json")
    args = parser.parse_args()
    think = args.think
    WORK.mkdir(parents=True, exist_ok=True)
    if not args.db.exists():
        src = ROOT / "bench" / "work" / "gen_default_csv"
        if not (src / ".complete").exists():
            raise SystemExit(f"no warehouse at {args.db}; run bench/bench_etl.py first or pass --db")
        subprocess.run([sys.executable, "-m", "etl", "load", str(src), "--db", str(args.db)], cwd=ROOT, check=True)
    runs = [run_once(args, think) for _ in range(args.runs)]
    report = runs[0] if len(runs) == 1 else combine(runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str))
    print_table(report)
    print(f"report: {args.out}")
    return 0


def print_table(r: dict) -> None:
    think = r.get("think_seconds", [0, 0])
    print(f"\nDashboard benchmark: gunicorn {r['workers']} workers x {r['threads']} threads, "
          f"{r['users']} concurrent users pausing {think[0]:g}-{think[1]:g} s before each action")
    print(f"{'request type':28} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for title, block in (("single user", r.get("single_user", {})),
                         (f"{r['users']} users arriving and logging in", r.get("ramp_up", {})),
                         (f"{r['users']} concurrent users", r.get("concurrent", {})),
                         ("the same, while a new warehouse is loaded and published",
                          r.get("during_publish", {}))):
        print(f"-- {title}")
        for kind, s in block.items():
            print(f"{kind:28} {s['n']:6d} {s['errors']:4d} {s['p50_ms']:8.0f} {s['p95_ms']:8.0f} {s['p99_ms']:8.0f}")
    pub = r.get("publish_during_run") or {}
    if pub:
        print(f"publish during run: load {pub.get('load_s', 0):.1f} s, all workers on the new version after "
              f"{pub.get('seconds_until_all_workers_new')} s")
    print(f"first page load: {r['first_page_load']['total_bytes'] / 1024:.0f} KiB gzip-compressed")
    print("RSS per worker (MB): " + ", ".join(f"{v:.0f}" for v in r.get("rss_mb_per_worker", {}).values())
          + "; right after the publish, with the old version still open: "
          + ", ".join(f"{v:.0f}" for v in r.get("rss_mb_per_worker_after_publish", {}).values()))


if __name__ == "__main__":
    sys.exit(main())
