"""``make bench``: the ETL and dashboard benchmarks, one JSON report and one table.

    python bench/run.py [--quick]

The full run loads Flanders 2019-2025 (twice, medians) and once ten times that (the
10x target: about 40M benefit rows, generated once into bench/work, ~7 GB), then the
dashboard on a warehouse this code loads anew; it takes about 20 minutes. --quick uses
a smaller delivery (60,000 persons, and twice that for the scale run) and a 20-second
load run, to check that the benchmarks work; the figures in the closing notes come from
the full run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    etl_args = (["--persons", "60000", "--repeats", "1", "--scale", "2"] if args.quick
                else ["--repeats", "2", "--scale", "10"])
    subprocess.run([sys.executable, "bench/bench_etl.py", *etl_args], cwd=ROOT, check=True)
    persons = "60000" if args.quick else "default"
    db = ROOT / "bench" / "work" / f"dashboard_{persons}" / "warehouse.duckdb"
    # built by this code every time: a warehouse of older model SQL would make the load
    # published during the dashboard run a full build instead of a monthly one
    shutil.rmtree(db.parent, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "etl", "load", str(ROOT / "bench" / "work" / f"gen_{persons}_csv"),
                    "--db", str(db)], cwd=ROOT, check=True)
    dash_args = ["--db", str(db)] + (["--seconds", "20", "--single-requests", "20", "--runs", "1"]
                                     if args.quick else [])
    subprocess.run([sys.executable, "bench/bench_dashboard.py", *dash_args], cwd=ROOT, check=True)
    report = {name: json.loads((RESULTS / f"{name}.json").read_text()) for name in ("etl", "dashboard")}
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2))
    print(f"\nall results: {RESULTS / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
