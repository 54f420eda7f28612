"""ETL benchmark: the full load against a bare DuckDB ``read_csv`` ingest of the same files.

    python bench/bench_etl.py [--persons N] [--repeats R] [--scale 10] [--out bench/results/etl.json]

Generates a delivery with ``python -m etl generate`` (Flanders 2019-2025 scale by
default, kept in bench/work between runs), then alternates R runs of each:
- bare: ``CREATE TABLE ... AS SELECT * FROM read_csv(files)`` for both feeds into a new file;
- etl:  ``python -m etl load DIR --db new.duckdb`` (validation, core, marts, publish).
Both run as child processes with the same DuckDB thread and memory settings; the
report gives medians of wall time, rows per second, peak RSS and the ratio, and the
load's own time per stage (``stage_seconds`` of ``load --json``) against the bare ingest.
Then, on the last full warehouse:
- incremental: loading one more month (a generated 2026-01 delivery) into it, against
  the full load;
- export: ``python -m etl export --level municipality --period <last year>``.
With ``--scale S`` it also loads, once, a delivery generated for S times the persons
(kept in bench/work too): its time against the 1x median of the same run, and its peak
RSS. DuckDB spills to the build's temp directory beyond ``LEEFLOON_DUCKDB_MEMORY_LIMIT``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from etl.generate import DEFAULT_PERSONS  # noqa: E402
WORK = ROOT / "bench" / "work"

BARE = """
import sys, duckdb
db, benefit, work, threads, memory = sys.argv[1:6]
con = duckdb.connect(db, config={"threads": int(threads), "memory_limit": memory})
con.execute("CREATE TABLE benefit AS SELECT * FROM read_csv(?)", [benefit.split(",")])
con.execute("CREATE TABLE work AS SELECT * FROM read_csv(?)", [work.split(",")])
con.execute("CHECKPOINT")
con.close()
"""


def run_child(cmd: list[str], env: dict, stdout: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of a child process; its output to ``stdout``."""
    start = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024


def delivery(persons: int | None, fmt: str = "csv") -> Path:
    name = f"gen_{persons or 'default'}_{fmt}"
    out = WORK / name
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "etl", "generate", "--out", str(out), "--format", fmt]
        if persons:
            cmd += ["--persons", str(persons)]
        print(f"generating {name} ...", file=sys.stderr)
        subprocess.run(cmd, cwd=ROOT, check=True)
        (out / ".complete").touch()
    return out


def next_month_delivery(persons: int | None) -> Path:
    """One month after the default delivery (2026-01), generated on its own."""
    out = WORK / f"month_{persons or 'default'}"
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "etl", "generate", "--out", str(out), "--start", "2026-01",
               "--end", "2026-01", "--seed", "7"]
        if persons:
            cmd += ["--persons", str(persons)]
        subprocess.run(cmd, cwd=ROOT, check=True)
        (out / ".complete").touch()
    return out


def last_complete_year(db: Path) -> str:
    import duckdb

    with duckdb.connect(str(db.resolve()), read_only=True) as con:
        last = con.execute("SELECT value FROM meta WHERE key = 'last_month'").fetchone()[0]
    year = int(last[:4])
    return str(year if last.endswith("-12") else year - 1)


def count_rows(files: list[Path]) -> int:
    import duckdb

    with duckdb.connect() as con:
        return con.execute("SELECT count(*) FROM read_csv(?)", [[str(f) for f in files]]).fetchone()[0]


def load_stages(cmd: list[str], env: dict, runs: list, stages: list) -> None:
    """Run ``etl load --json``; keep its wall time and RSS, and its time per stage."""
    output = WORK / "load_report.json"
    runs.append(run_child(cmd, env, stdout=output))
    stages.append(json.loads(output.read_text())["stage_seconds"])


def stage_medians(stages: list[dict]) -> dict[str, float]:
    return {name: statistics.median(run[name] for run in stages) for name in stages[0]}


def positive(text: str) -> int:
    """An argparse type: a whole number above 0."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0, got {text!r}")
    return int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=positive, default=None,
                        help="persons to generate (default: generator's)")
    parser.add_argument("--repeats", type=positive, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "etl.json")
    parser.add_argument("--scale", type=positive, default=1,
                        help="also load a delivery this many times larger, once (10: the 10x target)")
    args = parser.parse_args()

    src = delivery(args.persons)
    benefit = sorted(src.glob("benefit_*.csv"))
    work = sorted(src.glob("work_*.csv"))
    benefit_rows, work_rows = count_rows(benefit), count_rows(work)
    threads = os.environ.get("LEEFLOON_DUCKDB_THREADS", str(os.cpu_count() or 2))
    memory = os.environ.get("LEEFLOON_DUCKDB_MEMORY_LIMIT", "3GB")
    env = {**os.environ, "LEEFLOON_DUCKDB_THREADS": threads, "LEEFLOON_DUCKDB_MEMORY_LIMIT": memory}
    runs: dict[str, list[tuple[float, int]]] = {"bare": [], "etl": [], "incremental": [], "export": []}
    stages: dict[str, list[dict]] = {"etl": [], "incremental": [], "scaled": []}
    scratch = WORK / "scratch"
    month = next_month_delivery(args.persons)
    for i in range(args.repeats):
        for kind in ("bare", "etl"):
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir(parents=True)
            db = scratch / "warehouse.duckdb"
            if kind == "bare":
                cmd = [sys.executable, "-c", BARE, str(db), ",".join(map(str, benefit)),
                       ",".join(map(str, work)), threads, memory]
                runs[kind].append(run_child(cmd, env))
            else:
                cmd = [sys.executable, "-m", "etl", "load", str(src), "--db", str(db), "--json"]
                load_stages(cmd, env, runs[kind], stages[kind])
            print(f"run {i + 1}/{args.repeats} {kind}: {runs[kind][-1][0]:.2f} s", file=sys.stderr)
    db = scratch / "warehouse.duckdb"  # the last full ETL run
    period = last_complete_year(db)
    for i in range(args.repeats):
        cmd = [sys.executable, "-m", "etl", "export", "--db", str(db), "--level", "municipality",
               "--period", period, "--out", str(scratch / "export.csv")]
        runs["export"].append(run_child(cmd, env))
    keep = scratch / "full.duckdb"
    shutil.copyfile(db.resolve(), keep)
    for i in range(args.repeats):
        target = db.resolve()
        shutil.copyfile(keep, target)  # the full warehouse again, without the extra month
        cmd = [sys.executable, "-m", "etl", "load", str(month), "--db", str(db), "--json"]
        load_stages(cmd, env, runs["incremental"], stages["incremental"])
        print(f"run {i + 1}/{args.repeats} incremental: {runs['incremental'][-1][0]:.2f} s", file=sys.stderr)
    if args.scale > 1:
        # one run at scale: its time against the median of the 1x runs above, its peak RSS
        big = delivery((args.persons or DEFAULT_PERSONS) * args.scale)
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        cmd = [sys.executable, "-m", "etl", "load", str(big), "--db", str(scratch / "warehouse.duckdb"),
               "--json"]
        runs["scaled"] = []
        load_stages(cmd, env, runs["scaled"], stages["scaled"])
        print(f"run at {args.scale}x: {runs['scaled'][0][0]:.2f} s", file=sys.stderr)
        scaled_rows = count_rows(sorted(big.glob("benefit_*.csv")))
    shutil.rmtree(scratch, ignore_errors=True)

    def summary(kind):
        times = [t for t, _ in runs[kind]]
        return {
            "median_s": statistics.median(times),
            "runs_s": times,
            "rows_per_s": (benefit_rows + work_rows) / statistics.median(times),
            "peak_rss_mb": max(r for _, r in runs[kind]) / 2**20,
        }

    report = {
        "benefit_rows": benefit_rows,
        "work_rows": work_rows,
        "files": len(benefit) + len(work),
        "repeats": args.repeats,
        "duckdb_threads": int(threads),
        "duckdb_memory_limit": memory,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "bare_read_csv": summary("bare"),
        "etl_load": summary("etl"),
    }
    report["ratio_etl_to_bare"] = report["etl_load"]["median_s"] / report["bare_read_csv"]["median_s"]
    report["incremental_month"] = summary("incremental")
    report["ratio_incremental_to_full"] = (report["incremental_month"]["median_s"]
                                           / report["etl_load"]["median_s"])
    report["export_municipality_year"] = summary("export")
    bare_s = report["bare_read_csv"]["median_s"]
    report["etl_stages"] = {
        name: {"median_s": seconds, "ratio_to_bare": seconds / bare_s}
        for name, seconds in stage_medians(stages["etl"]).items()
    }
    report["incremental_stages_s"] = stage_medians(stages["incremental"])
    if args.scale > 1:
        report["scaled"] = {"scale": args.scale, "benefit_rows": scaled_rows, **summary("scaled")}
        report["ratio_scaled_to_1x"] = report["scaled"]["median_s"] / report["etl_load"]["median_s"]
        report["scaled_stages_s"] = stages["scaled"][0]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))

    print(f"\nETL benchmark: {benefit_rows:,} benefit rows + {work_rows:,} work rows, "
          f"{args.repeats} runs each, medians")
    print(f"{'measure':32} {'bare read_csv':>14} {'full ETL':>14}")
    b, e = report["bare_read_csv"], report["etl_load"]
    print(f"{'wall time (s)':32} {b['median_s']:14.2f} {e['median_s']:14.2f}")
    print(f"{'rows per second':32} {b['rows_per_s']:14,.0f} {e['rows_per_s']:14,.0f}")
    print(f"{'peak RSS (MB)':32} {b['peak_rss_mb']:14.0f} {e['peak_rss_mb']:14.0f}")
    print(f"{'ratio ETL / bare (target <= 2.0)':32} {report['ratio_etl_to_bare']:29.2f}")
    print(f"\n{'stage of the full ETL':32} {'median (s)':>14} {'x bare':>14} {'one more month':>16}")
    for name, stage in report["etl_stages"].items():
        incremental = report["incremental_stages_s"].get(name)
        print(f"{name.replace('_', ' '):32} {stage['median_s']:14.2f} {stage['ratio_to_bare']:14.2f} "
              f"{'' if incremental is None else f'{incremental:.2f}':>16}")
    outside = e["median_s"] - sum(stage["median_s"] for stage in report["etl_stages"].values())
    print(f"{'outside the stages (start, publish)':32} {outside:14.2f}\n")
    print(f"{'one more month into the full warehouse (s)':44} {report['incremental_month']['median_s']:17.2f}")
    print(f"{'ratio incremental / full load':44} {report['ratio_incremental_to_full']:17.2f}")
    print(f"{'export --level municipality, one year (s)':44} "
          f"{report['export_municipality_year']['median_s']:17.2f}")
    if args.scale > 1:
        sc = report["scaled"]
        rows = sc["benefit_rows"]
        label = f"full ETL at {args.scale}x, {rows:,} benefit rows (s)"
        print(f"{label:44} {sc['median_s']:17.2f}")
        label = f"ratio {args.scale}x / 1x (target <= 11 at 10x)"
        print(f"{label:44} {report['ratio_scaled_to_1x']:17.2f}")
        label = f"peak RSS at {args.scale}x (MB, target <= 4096)"
        print(f"{label:44} {sc['peak_rss_mb']:17.0f}")
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
