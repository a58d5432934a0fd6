"""run_batch: discover files, skip what the sink already holds, extract the rest, stream results.

The sink is written only from this process, one result at a time, as results arrive; that is what
makes a killed run resumable: every stored result is complete and keyed by (sha256, version).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import api, model_sets
from ..model import Report
from ..settings import DEFAULT_SETTINGS, Settings
from ..sinks import FailureRecord, ReportResult, Sink, open_sink
from .discover import Skipped, discover
from .pool import LocalPool
from .progress import BatchProgress
from .worker import ExtractFn, Outcome, Task

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MEMORY_MB = 4096


@dataclass(frozen=True)
class FailingChecks:
    file: str
    sha256: str
    check_ids: tuple[str, ...]


@dataclass
class BatchSummary:
    """What a batch did; `exit_code` follows the CLI contract (0 all extracted, 1 some failed)."""

    discovered: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0  # already in the sink from an earlier run
    ignored: list[Skipped] = field(default_factory=list)  # not candidates: unreadable, duplicate, …
    failures: list[FailureRecord] = field(default_factory=list)
    failing_checks: list[FailingChecks] = field(default_factory=list)
    elapsed_s: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def describe(self) -> str:
        """A few lines for people (stderr): counts, then one line per failure with its reason."""
        lines = [f"{self.done} extracted, {self.failed} failed, {self.skipped} already done, "
                 f"{len(self.ignored)} not taken ({self.elapsed_s:.1f} s)"]
        if self.failing_checks:
            lines.append(f"{len(self.failing_checks)} reports with failing checks")
        lines += [f"FAILED {f.file}: {f.stage}/{f.code}: {f.reason}" for f in self.failures]
        lines += [f"skipped {s.path}: {s.reason}" for s in self.ignored if s.code != "duplicate"]
        return "\n".join(lines)


def _stream(tasks: list[Task], extract_fn: ExtractFn, settings: Settings, workers: int,
            timeout_s: float | None, memory_mb: int | None, dask_address: str | None) -> Iterator[Outcome]:
    if dask_address:
        from .dask_backend import run_dask

        yield from run_dask(tasks, extract_fn, settings, address=dask_address, timeout_s=timeout_s,
                            memory_mb=memory_mb, n_workers=workers if dask_address == "local" else 2)
        return
    with LocalPool(extract_fn, settings, workers=workers, timeout_s=timeout_s, memory_mb=memory_mb) as pool:
        yield from pool.run(tasks)


def _store(outcome: Outcome, sink: Sink, summary: BatchSummary, version: str) -> None:
    if outcome.report_json is not None:
        report = Report.model_validate_json(outcome.report_json)
        sink.write_report(ReportResult(outcome.path, outcome.sha256, version, report))
        summary.done += 1
        failing = tuple(c.id for c in report.checks if c.status == "fail")
        if failing:
            summary.failing_checks.append(FailingChecks(outcome.path, outcome.sha256, failing))
    else:
        record = FailureRecord(outcome.path, outcome.sha256, version, outcome.stage, outcome.code, outcome.reason)
        sink.write_failure(record)
        summary.failed += 1
        summary.failures.append(record)


def skip_key(path: str) -> str:
    """The key of a path that was never read as a report: derived from the path, so it can never
    meet a content hash (nor replace the record of a file that was read)."""
    return hashlib.sha256(f"path:{Path(path).absolute()}".encode()).hexdigest()


def _record_skips(skipped: list[Skipped], sink: Sink, version: str) -> None:
    """Files the batch will not read (empty, unreadable, not a report format, a link loop) are
    stored as failures of the `discover` stage, so the database accounts for every path given.
    Duplicates are not: their content is stored under the file they repeat."""
    for skip in skipped:
        if skip.code == "duplicate":
            continue
        sink.write_failure(FailureRecord(skip.path, skip_key(skip.path), version, "discover", skip.code, skip.reason))


def run_batch(
    paths: Iterable[str | Path],
    sink_url_or_path: str | Path | Sink,
    *,
    workers: int | None = None,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    dask_address: str | None = None,
    extract_fn: ExtractFn = api.extract,
    progress: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
    retry_failed: bool = False,
) -> BatchSummary:
    """Extract every report file under `paths` into one sink; the batch goes on past any failure.

    `extract_fn` must be importable by name (a module-level function) because it runs in other
    processes. `workers` defaults to os.cpu_count() (for Dask "local": the LocalCluster size, 2).
    `retry_failed` runs files again whose earlier attempt is stored as a failure.
    """
    start = time.monotonic()
    found = discover(paths)
    summary = BatchSummary(discovered=len(found.files), ignored=list(found.skipped))
    sink = open_sink(sink_url_or_path) if isinstance(sink_url_or_path, str | Path) else sink_url_or_path
    try:
        version = model_sets.extraction_version(settings)
        _record_skips(found.skipped, sink, version)
        done = sink.done_keys(include_failures=not retry_failed)
        tasks = [Task(f.path, f.sha256, f.media_type) for f in found.files if (f.sha256, version) not in done]
        summary.skipped = len(found.files) - len(tasks)
        n_workers = workers or (2 if dask_address == "local" else os.cpu_count() or 1)
        with BatchProgress(len(tasks), enabled=progress) as bar:
            for outcome in _stream(tasks, extract_fn, settings, n_workers, timeout_s, memory_mb, dask_address):
                _store(outcome, sink, summary, version)
                bar.advance(outcome.ok)
    finally:
        if isinstance(sink_url_or_path, str | Path):
            sink.close()
    summary.elapsed_s = time.monotonic() - start
    return summary
