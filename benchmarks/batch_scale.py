"""Measurement `batch-scale`: a national-sized mix at small scale, into SQLite and PostgreSQL.

N generated reports (default 5,000), 85 % text PDFs and 15 % scans as the real mix has them, are
converted with 2 workers into a fresh SQLite file and then into a fresh PostgreSQL database
(scripts/pg.sh starts a throwaway server on loopback). Per sink: reports/hour, peak RSS per
worker (VmHWM), database size per 1,000 reports. The sink's own write rate is timed separately
(one process writing stored reports back in), because a cluster's workers all stream into it.

From these figures `projection` works out what a 20-worker Dask cluster would take for a
national year of ~120,000 reports. It is a calculation, not a measurement: it assumes the
per-worker rate measured here (2 workers on 2 cores) holds per core, and that the single sink
writer is the only shared resource.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .batch_throughput import WorkerRssSampler
from .common import TEMPLATES, TEXT_ONLY, Workspace, log, stdout_to_stderr

ROOT = Path(__file__).resolve().parents[1]
PG_SCRIPT = ROOT / "scripts" / "pg.sh"
SCAN_SHARE = 0.15
WORKERS = 2
NATIONAL_YEAR = 120_000
CLUSTER_WORKERS = 20
SINK_SAMPLE = 300  # reports written back to time the sink alone


def _generate(n: int, fmt: str, seed: int, out_dir: Path) -> list[Path]:
    from extractor.synth import generate

    return generate(n, list(TEMPLATES), [fmt], seed, out_dir, without=TEXT_ONLY)


def generate_mix(ws: Workspace, n: int, scan_share: float = SCAN_SHARE) -> list[Path]:
    """n distinct reports, scan_share of them scans, made by two spawned processes."""
    scans = round(n * scan_share)
    texts = n - scans
    jobs = [(texts - texts // 2, "pdf", ws.seed + 500), (texts // 2, "pdf", ws.seed + 501),
            (scans - scans // 2, "scan", ws.seed + 502), (scans // 2, "scan", ws.seed + 503)]
    out = ws.root / "scale"
    with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(_generate, k, fmt, seed, out / f"{fmt}-{seed}") for k, fmt, seed in jobs if k]
        return [p for f in futures for p in f.result()]


def _pg(command: str, pg_dir: Path) -> tuple[str | None, str]:
    """Run scripts/pg.sh; (its stdout or None on failure, its stderr)."""
    if not PG_SCRIPT.exists():
        return None, f"{PG_SCRIPT} is missing"
    env = dict(os.environ, XXGK_PG_DIR=str(pg_dir))
    done = subprocess.run(["bash", str(PG_SCRIPT), command], env=env, capture_output=True, text=True, timeout=180)
    return (done.stdout.strip() if done.returncode == 0 else None), done.stderr.strip()


def _db_bytes(url: str) -> int:
    from sqlalchemy import text

    from extractor.sinks.sql import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
                path = Path(url.removeprefix("sqlite:///"))
                return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    finally:
        engine.dispose()


def _run(paths: list[Path], url: str) -> dict[str, Any]:
    from extractor.batch import run_batch
    from extractor.batch.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S
    from extractor.sinks.sql import SqlSink

    SqlSink(url).close()  # the empty, migrated database: its size is not the reports'
    empty = _db_bytes(url)
    with WorkerRssSampler() as sampler, stdout_to_stderr():
        start = time.monotonic()
        summary = run_batch(paths, url, workers=WORKERS, timeout_s=DEFAULT_TIMEOUT_S,
                            memory_mb=DEFAULT_MEMORY_MB, progress=False)
        elapsed = time.monotonic() - start
    size = _db_bytes(url) - empty
    log(f"batch-scale: {url.split(':')[0]}: {summary.done} reports, {summary.failed} failed in {elapsed:.0f} s")
    return {
        "reports": summary.done,
        "failed": summary.failed,
        "failures": [f"{f.file}: {f.code}: {f.reason}" for f in summary.failures[:10]],
        "elapsed_s": round(elapsed, 1),
        "reports_per_hour": round(3600 * summary.done / elapsed) if elapsed else 0,
        "peak_rss_mb_per_worker": sorted(round(kb / 1024, 1) for kb in sampler.peak_kb.values()),
        "db_mb": round(size / 2**20, 1),
        "db_mb_per_1000_reports": round(size / 2**20 / max(summary.done, 1) * 1000, 1),
    }


def sink_write_rate(source_url: str, target_url: str, n: int = SINK_SAMPLE) -> dict[str, Any]:
    """Reports per hour one sink process stores, timed alone: the shared resource of a cluster."""
    from sqlalchemy import select

    from extractor.model import Report
    from extractor.sinks.base import ReportResult
    from extractor.sinks.migrations import reports
    from extractor.sinks.sql import SqlSink, make_engine

    source = make_engine(source_url)
    with source.connect() as conn:
        rows = conn.execute(select(reports.c.file, reports.c.sha256, reports.c.document).limit(n)).all()
    source.dispose()
    results = [ReportResult(r.file, r.sha256, "sink-timing", Report.model_validate(r.document)) for r in rows]
    sink = SqlSink(target_url)
    start = time.perf_counter()
    for result in results:
        sink.write_report(result)
    elapsed = time.perf_counter() - start
    sink.close()
    return {"reports": len(results), "elapsed_s": round(elapsed, 2),
            "reports_per_hour": round(3600 * len(results) / elapsed) if elapsed else 0}


def projection(per_hour_two_workers: float, sink_per_hour: float) -> dict[str, Any]:
    """A 20-worker cluster for a national year, worked out from the measured rates (not measured)."""
    per_worker = per_hour_two_workers / WORKERS
    workers_rate = per_worker * CLUSTER_WORKERS
    rate = min(workers_rate, sink_per_hour)
    return {
        "kind": "calculation from the measured rates, not a measurement",
        "reports": NATIONAL_YEAR,
        "workers": CLUSTER_WORKERS,
        "per_worker_reports_per_hour": round(per_worker),
        "workers_reports_per_hour": round(workers_rate),
        "sink_reports_per_hour": round(sink_per_hour),
        "bound_by": "sink" if sink_per_hour < workers_rate else "workers",
        "hours": round(NATIONAL_YEAR / rate, 1) if rate else None,
        "assumes": "each cluster worker has one core as fast as this machine's, the same 15 % scan share, "
                   "one PostgreSQL sink writer fed over the network as fast as locally",
    }


def measure(ws: Workspace, n: int) -> dict[str, Any]:
    start = time.monotonic()
    paths = generate_mix(ws, n)
    log(f"batch-scale: generated {len(paths)} reports in {time.monotonic() - start:.0f} s")
    out: dict[str, Any] = {"n": len(paths), "scan_share": SCAN_SHARE, "workers": WORKERS,
                           "generate_s": round(time.monotonic() - start, 1)}
    sqlite_url = f"sqlite:///{ws.root / 'scale.db'}"
    out["sqlite"] = _run(paths, sqlite_url)
    pg_dir = Path(f"/tmp/xxgk-pg-{uuid.uuid4().hex[:12]}")  # not under the private workspace: the server runs as postgres
    pg_url, why = _pg("start", pg_dir)
    if pg_url is None:
        _pg("stop", pg_dir)
        out["postgresql"] = {"skipped": f"no PostgreSQL server could be started (scripts/pg.sh: {why[-200:]})"}
        sink = sink_write_rate(sqlite_url, f"sqlite:///{ws.root / 'sink-timing.db'}")
    else:
        try:
            out["postgresql"] = _run(paths, pg_url)
            sink = sink_write_rate(sqlite_url, pg_url)  # a cluster streams into PostgreSQL
        finally:
            _pg("stop", pg_dir)
    out["sink_alone"] = sink
    measured = out["postgresql"] if "reports_per_hour" in out["postgresql"] else out["sqlite"]
    out["projection"] = projection(measured["reports_per_hour"], sink["reports_per_hour"])
    out["valid"] = all(out[s].get("failed", 0) == 0 for s in ("sqlite", "postgresql") if "failed" in out[s])
    return out
