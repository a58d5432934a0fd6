"""Measurement 4: batch throughput into SQLite with one and two worker processes, and worker memory.

N generated text-PDF reports (made in two spawned processes to halve the wait) are converted
twice, each time into a fresh SQLite database: workers=1, then workers=2. A tiny warm-up batch
first starts the forkserver, so neither run pays for it. Peak RSS per worker is VmHWM read from
/proc/<pid>/status of the worker processes, sampled while the batch runs.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .common import TEMPLATES, TEXT_ONLY, Workspace, log, ratio, stdout_to_stderr

SAMPLE_EVERY_S = 0.2
PROC = Path("/proc")


def _generate_chunk(n: int, seed: int, out_dir: Path) -> list[Path]:
    from extractor.synth import generate

    return generate(n, list(TEMPLATES), ["pdf"], seed, out_dir, without=TEXT_ONLY)


def generate_pdfs(ws: Workspace, n: int) -> list[Path]:
    """n distinct generated PDFs under root/batch, made by two processes with different seeds."""
    halves = [n - n // 2, n // 2]
    ctx = mp.get_context("spawn")  # leaves the forkserver to the batch pool
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        futures = [pool.submit(_generate_chunk, k, ws.seed + 100 + i, ws.root / "batch")
                   for i, k in enumerate(halves) if k]
        return [p for f in futures for p in f.result()]


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def _parent_of(pid: int) -> int | None:
    stat = _read(PROC / str(pid) / "stat")
    fields = stat.rsplit(")", 1)[-1].split()
    return int(fields[1]) if len(fields) > 1 else None


def _vm_hwm_kb(pid: int) -> int | None:
    for line in _read(PROC / str(pid) / "status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


class WorkerRssSampler:
    """Polls the worker processes below this one and keeps each one's last VmHWM (its peak RSS).

    Workers are descendants that are neither the forkserver (a direct child started with
    `multiprocessing.forkserver`) nor the resource tracker.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.me = os.getpid()
        self.peak_kb: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _workers(self) -> list[int]:
        parents = {int(e.name): _parent_of(int(e.name)) for e in os.scandir(PROC) if e.name.isdigit()}
        found, frontier = [], [self.me]
        while frontier:
            parent = frontier.pop()
            for pid, ppid in parents.items():
                if ppid == parent:
                    frontier.append(pid)
                    found.append((pid, ppid))
        workers = []
        for pid, ppid in found:
            cmdline = _read(PROC / str(pid) / "cmdline")
            if "resource_tracker" in cmdline or (ppid == self.me and "forkserver" in cmdline):
                continue
            workers.append(pid)
        return workers

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            for pid in self._workers():
                kb = _vm_hwm_kb(pid)
                if kb:
                    self.peak_kb[pid] = max(kb, self.peak_kb.get(pid, 0))

    def __enter__(self) -> WorkerRssSampler:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self.enabled:
            self._thread.join()


def _one_run(paths: list[Path], db: Path, workers: int) -> dict[str, Any]:
    from extractor.batch import run_batch
    from extractor.batch.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S

    use_proc = (PROC / "self" / "status").exists()
    with WorkerRssSampler(enabled=use_proc) as sampler, stdout_to_stderr():
        start = time.monotonic()
        summary = run_batch(paths, f"sqlite:///{db}", workers=workers, timeout_s=DEFAULT_TIMEOUT_S,
                            memory_mb=DEFAULT_MEMORY_MB, progress=False)
        elapsed = time.monotonic() - start
    out: dict[str, Any] = {
        "workers": workers,
        "reports": summary.done,
        "failed": summary.failed,
        "skipped": summary.skipped,
        "elapsed_s": round(elapsed, 2),
        "reports_per_hour": round(3600 * summary.done / elapsed) if elapsed else 0,
        "failures": [f"{f.file}: {f.code}: {f.reason}" for f in summary.failures[:10]],
    }
    if use_proc:
        out["peak_rss_mb_per_worker"] = sorted(round(kb / 1024, 1) for kb in sampler.peak_kb.values())
        out["rss_method"] = f"VmHWM of each worker process from /proc/<pid>/status, sampled every {SAMPLE_EVERY_S} s"
    else:
        kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out["peak_rss_mb_per_worker"] = [round(kb / 1024, 1)]
        out["rss_method"] = "resource.getrusage(RUSAGE_CHILDREN).ru_maxrss: largest reaped child, not per worker"
    log(f"batch: workers={workers}: {summary.done} reports in {elapsed:.1f} s")
    return out


def measure(ws: Workspace, n: int) -> dict[str, Any]:
    """Reports per hour with 1 and 2 workers, the speed-up, and peak RSS per worker."""
    start = time.monotonic()
    paths = generate_pdfs(ws, n)
    generate_s = time.monotonic() - start
    log(f"batch: generated {len(paths)} PDFs in {generate_s:.1f} s")
    db_dir = ws.root / "batch-db"
    db_dir.mkdir(exist_ok=True)
    _one_run(paths[:2], db_dir / "warmup.db", workers=1)
    runs = [_one_run(paths, db_dir / f"workers{w}.db", workers=w) for w in (1, 2)]
    return {
        "valid": all(r["failed"] == 0 and r["reports"] == len(paths) for r in runs),
        "n": len(paths),
        "sink": "sqlite",
        "generate_s": round(generate_s, 1),
        "runs": runs,
        "speedup_2_over_1": ratio(runs[1]["reports_per_hour"], runs[0]["reports_per_hour"]),
    }
