"""``python -m etl load``: a delivery into a new warehouse version, published atomically.

Data contract section 2: every row is loaded or quarantined, a re-delivered file
changes nothing, a (feed, month) in the delivery replaces what was loaded before,
and readers never see a half-built warehouse.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from etl import build, disclosure, peers, reference_tables, sources, warehouse
from etl.feeds import FEED_COLUMNS
from etl.sqlfiles import read_sql, run_sql
from etl.stage_clock import StageClock


class UsageError(Exception):
    """Bad arguments: nothing was read."""


@dataclass
class FileReport:
    path: str
    feed: str | None
    sha256: str
    outcome: str = "loaded"
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    file_format: str | None = None
    months: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def public(self) -> dict:
        keys = ("path", "feed", "sha256", "outcome", "rows_in", "rows_loaded", "rows_quarantined",
                "quarantine_reasons", "error")
        return {k: asdict(self)[k] for k in keys}


@dataclass
class LoadReport:
    published: bool
    data_version: str | None
    files: list[FileReport]
    notes: list[str] = field(default_factory=list)
    replaced: list[dict] = field(default_factory=list)
    error: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def any_rejected(self) -> bool:
        return any(f.outcome == "rejected" for f in self.files)

    def exit_code(self) -> int:
        if self.error or (self.any_rejected and not self.published):
            return 2
        return 1 if self.any_rejected else 0

    def to_json(self) -> dict:
        return {
            "published": self.published,
            "data_version": self.data_version,
            "files": [f.public() for f in self.files],
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


def load(paths: list[Path], db: Path = warehouse.DEFAULT_DB, progress=None) -> LoadReport:
    """Load the files under ``paths`` as one delivery into the warehouse at ``db``."""
    for setting in (build.part_rows, peers.peers_k, disclosure.suppression_k, warehouse.threads,
                    warehouse.memory_limit):
        try:
            setting()  # a bad setting is said before anything is read
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    try:
        found, notes = sources.discover(paths)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    if not found:
        raise UsageError("no benefit_* or work_* files found in " + ", ".join(map(str, paths)))
    progress = progress or _NoProgress()
    progress.start(sum(src.path.stat().st_size for src in found) * 2)

    reports: list[FileReport] = []
    known = _loaded_hashes(db)
    seen: set[str] = set()
    to_load: list[tuple[sources.SourceFile, FileReport]] = []
    clock = StageClock()
    with clock.stage("scan_files"), ThreadPoolExecutor(max_workers=warehouse.threads()) as pool:
        # hashing releases the GIL: the files are scanned side by side, one per core
        for src in pool.map(sources.scan, found):
            progress.advance(src.path.stat().st_size)
    for src in found:
        report = FileReport(path=str(src.path), feed=src.feed, sha256=src.sha256)
        reports.append(report)
        if src.sha256 in known or src.sha256 in seen:
            report.outcome = "unchanged"
            report.warnings.append(f"{src.path}: already loaded (same sha256), nothing changes")
        else:
            to_load.append((src, report))
        seen.add(src.sha256)

    current = warehouse.published_target(db)
    current_version = _data_version_of(current) if current else None
    if not to_load:
        progress.close()
        return LoadReport(published=False, data_version=current_version, files=reports, notes=notes)

    started = datetime.now(timezone.utc)
    data_version = _new_version(started, known | {r.sha256 for _, r in to_load})
    building = warehouse.start_build(db, data_version)
    try:
        report = _build(building, data_version, started, to_load, reports, notes, progress, clock)
        if report.published:
            warehouse.publish(db, building)
        else:
            report.data_version = current_version
        return report
    finally:
        progress.close()
        warehouse.remove_stale_builds(db)


def _build(building, data_version, started, to_load, reports, notes, progress, clock) -> LoadReport:
    load_id = uuid.uuid4().hex
    con = warehouse.connect_for_build(building)
    try:
        with clock.stage("read_and_validate"):
            run_sql(con, "base/schema.sql")
            run_sql(con, "staging/macros.sql")
            facts = reference_tables.write(con)
            sources.create_macros(con)
            con.execute("CREATE OR REPLACE TEMP TABLE delivery_file (file_seq INTEGER, sha256 VARCHAR, "
                        "path VARCHAR, feed VARCHAR)")
            validated: set[str] = set()
            for seq, (src, rep) in enumerate(to_load):
                try:
                    rep.rows_in = sources.read_raw(con, src, seq)
                    rep.file_format = src.file_format
                    con.execute("INSERT INTO delivery_file VALUES (?, ?, ?, ?)",
                                [seq, src.sha256, str(src.path), src.feed])
                    _validate(con, src.feed, first=src.feed not in validated)
                    validated.add(src.feed)
                except sources.FileRejected as exc:
                    rep.outcome, rep.error, rep.file_format = "rejected", str(exc), src.file_format
                rep.warnings += src.warnings
                progress.advance(src.path.stat().st_size)
        if all(rep.outcome == "rejected" for _, rep in to_load):
            return LoadReport(published=False, data_version=None, files=reports, notes=notes)

        progress.stage("checking duplicate keys")
        with clock.stage("replace_months"):
            for feed in FEED_COLUMNS:
                if feed not in validated:  # no file of this feed: an empty table
                    sources.show_no_rows(con, feed)
                    _validate(con, feed, first=True)
            run_sql(con, "staging/duplicate_candidates.sql")
            if con.execute("SELECT count(*) FROM duplicate_candidate").fetchone()[0]:
                run_sql(con, "staging/duplicates.sql")
            replaced = []
            for feed in FEED_COLUMNS:
                replaced += _apply_feed(con, feed, load_id)
            _count_outcomes(con, to_load, replaced)
            for feed in FEED_COLUMNS:  # free memory before the models are built
                con.execute(f"DROP TABLE validated_{feed}")

        loaded_at = started.strftime("%Y-%m-%dT%H:%M:%SZ")
        progress.stage("building core and marts")
        delivered = [m for _, rep in to_load for m in rep.months]
        build.build_models(con, data_version, loaded_at, facts,
                           changed_from=min(delivered) if delivered else None, replaced=bool(replaced),
                           clock=clock)
        finished = datetime.now(timezone.utc)
        for rep in reports:
            _record_manifest(con, load_id, data_version, rep, started, finished)
        progress.stage("checking and publishing")
        with clock.stage("data_tests"):
            build.check(con)
            con.execute("CHECKPOINT")
        return LoadReport(published=True, data_version=data_version, files=reports, notes=notes,
                          replaced=replaced, stage_seconds=clock.seconds)
    finally:
        con.close()


def _validate(con: duckdb.DuckDBPyConnection, feed: str, first: bool) -> None:
    """Validate the file just read (``raw_<feed>``) into ``validated_<feed>``, then drop
    it: a load holds the raw text of one file at a time."""
    verb = f"CREATE OR REPLACE TEMP TABLE validated_{feed} AS" if first else f"INSERT INTO validated_{feed}"
    con.execute(f"{verb}\n{read_sql(f'staging/stg_{feed}.sql')}")
    sources.drop_raw(con, feed)


def _apply_feed(con: duckdb.DuckDBPyConnection, feed: str, load_id: str) -> list[dict]:
    """Replace the (feed, month)s the delivery holds and keep its quarantined rows."""
    base, validated = f"{feed}_month", f"validated_{feed}"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE replaced_months AS
        WITH new AS (SELECT ref_month, count(*) AS rows_after FROM {validated}
                     WHERE reason IS NULL GROUP BY ref_month)
        SELECT n.ref_month, coalesce(o.rows_before, 0) AS rows_before, n.rows_after
        FROM new n
        LEFT JOIN (SELECT ref_month, count(*) AS rows_before FROM {base}
                   WHERE ref_month IN (SELECT ref_month FROM new) GROUP BY ref_month) o
          ON o.ref_month = n.ref_month
        """
    )
    con.execute(f"DELETE FROM {base} WHERE ref_month IN (SELECT ref_month FROM replaced_months)")
    columns = [c for c in con.execute(f"SELECT * FROM {base} LIMIT 0").fetchdf().columns
               if c not in ("source_sha256", "source_line")]
    select = ", ".join(f"c.{c}" for c in columns)
    con.execute(
        f"""
        INSERT INTO {base}
        SELECT {select}, f.sha256, c.line
        FROM {validated} c JOIN delivery_file f USING (file_seq)
        WHERE c.reason IS NULL
        """
    )
    con.execute(
        f"""
        INSERT INTO quarantine
        SELECT ?, f.sha256, f.path, ?, c.line, c.reason, c.field, c.person_id,
               CASE WHEN c.month_idx IS NOT NULL THEN c.ref_month END, c.record
        FROM {validated} c JOIN delivery_file f USING (file_seq)
        WHERE c.reason IS NOT NULL
        """,
        [load_id, feed],
    )
    con.execute("INSERT INTO load_replacement SELECT ?, ?, ref_month, rows_before, rows_after "
                "FROM replaced_months WHERE rows_before > 0", [load_id, feed])
    rows = con.execute("SELECT ref_month, rows_before, rows_after FROM replaced_months "
                       "WHERE rows_before > 0 ORDER BY ref_month").fetchall()
    return [{"feed": feed, "ref_month": m, "rows_before": b, "rows_after": a} for m, b, a in rows]


def _count_outcomes(con, to_load, replaced) -> None:
    replaced_keys = {(r["feed"], r["ref_month"]) for r in replaced}
    for seq, (src, rep) in enumerate(to_load):
        if rep.outcome == "rejected":
            continue
        validated = f"validated_{src.feed}"
        counts = con.execute(
            f"SELECT coalesce(reason, ''), count(*) FROM {validated} WHERE file_seq = ? GROUP BY ALL",
            [seq],
        ).fetchall()
        rep.rows_loaded = sum(n for r, n in counts if r == "")
        rep.quarantine_reasons = {r: n for r, n in sorted(counts) if r}
        rep.rows_quarantined = sum(rep.quarantine_reasons.values())
        rep.months = [m for (m,) in con.execute(
            f"SELECT DISTINCT ref_month FROM {validated} WHERE file_seq = ? AND reason IS NULL ORDER BY 1",
            [seq]).fetchall()]
        if any((src.feed, m) in replaced_keys for m in rep.months):
            rep.outcome = "replaced"


def _record_manifest(con, load_id, data_version, rep: FileReport, started, finished) -> None:
    con.execute(
        "INSERT INTO load_manifest VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, data_version, rep.path, rep.feed, rep.file_format, rep.sha256, rep.outcome,
         rep.rows_in, rep.rows_loaded, rep.rows_quarantined, json.dumps(rep.quarantine_reasons),
         json.dumps(rep.months), json.dumps(rep.warnings), rep.error,
         started.replace(tzinfo=None), finished.replace(tzinfo=None)],
    )


def _loaded_hashes(db: Path) -> set[str]:
    target = warehouse.published_target(db)
    if target is None:
        return set()
    with duckdb.connect(str(target), read_only=True) as con:
        rows = con.execute("SELECT sha256 FROM load_manifest WHERE outcome IN ('loaded', 'replaced')"
                           ).fetchall()
    return {sha for (sha,) in rows}


def _data_version_of(target: Path) -> str | None:
    with duckdb.connect(str(target), read_only=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return row[0] if row else None


def _new_version(when: datetime, hashes: set[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()[:8]
    return f"{when:%Y%m%dT%H%M%SZ}-{digest}"


class _NoProgress:
    def start(self, total: int) -> None: ...
    def advance(self, n: int) -> None: ...
    def stage(self, text: str) -> None: ...
    def close(self) -> None: ...
