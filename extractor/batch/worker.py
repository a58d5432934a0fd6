"""What runs inside a worker process: one file in, one Outcome out, never an exception.

The worker caps its own address space (RLIMIT_AS) so a runaway file raises MemoryError there
instead of exhausting the machine, ignores Ctrl-C (the parent decides), and asks the kernel to kill
it when its parent dies, so a SIGKILLed batch leaves no orphans behind.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import ExtractorError
from ..model import Report
from ..settings import Settings

ExtractFn = Callable[[Path, Settings], Report]

TIMEOUT = "timeout"
MEMORY_LIMIT = "memory_limit"
WORKER_CRASHED = "worker_crashed"
INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str
    media_type: str


@dataclass(frozen=True)
class Outcome:
    """A report (as its contract JSON, cheap to pickle) or a failure with stage, code and reason."""

    path: str
    sha256: str
    report_json: str | None
    stage: str = ""
    code: str = ""
    reason: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.report_json is not None


def failure(task: Task, stage: str, code: str, reason: str, seconds: float = 0.0) -> Outcome:
    return Outcome(task.path, task.sha256, None, stage, code, reason, seconds)


def execute(task: Task, extract_fn: ExtractFn, settings: Settings) -> Outcome:
    """Call the per-file function and turn every way it can fail into a recorded Outcome."""
    start = time.perf_counter()
    try:
        report = extract_fn(Path(task.path), settings)
        return Outcome(task.path, task.sha256, report.to_json(), seconds=time.perf_counter() - start)
    except ExtractorError as exc:
        return failure(task, exc.stage, exc.code, exc.reason, time.perf_counter() - start)
    except MemoryError:
        return failure(task, "extract", MEMORY_LIMIT, "the file needed more memory than the per-file cap",
                       time.perf_counter() - start)
    except Exception as exc:  # a bug in a stage must not stop the batch; it is recorded with its type
        return failure(task, "extract", INTERNAL_ERROR, f"{type(exc).__name__}: {exc}", time.perf_counter() - start)


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space; allocations beyond it raise MemoryError."""
    if not memory_mb:
        return
    import resource

    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent exits (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)


def worker_main(conn: Connection, extract_fn: ExtractFn, settings: Settings, memory_mb: int | None) -> None:
    """Serve tasks from the parent until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    limit_memory(memory_mb)
    while True:
        try:
            task: Task | None = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        outcome = execute(task, extract_fn, settings)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return
        if outcome.code == MEMORY_LIMIT:
            return  # the heap may be fragmented or half-built: start afresh
