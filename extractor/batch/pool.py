"""A small process pool that can kill: one long-lived worker per slot, a wall-clock deadline per file.

concurrent.futures cannot stop a running task, and PyMuPDF has no per-call timeout, so a hung file
is handled by killing its worker and starting a fresh one; the other slots keep going.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from ..settings import Settings
from .worker import MEMORY_LIMIT, TIMEOUT, WORKER_CRASHED, ExtractFn, Outcome, Task, failure, worker_main


def default_start_method() -> str:
    """forkserver where available (cheap restarts, no inherited threads), else spawn."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    started: float = 0.0
    done: int = 0  # tasks this process has finished


# A worker's memory grows over a long run (the 5,000-report benchmark: 1.37 GB peak at 2,500 reports, 1.72 GB at
# 5,000), so each process is replaced after this many files; a forkserver restart costs a few seconds of model
# loading, well under 1 % of what 500 files take.
TASKS_PER_WORKER = 500


class LocalPool:
    """Runs `extract_fn` on tasks in `workers` processes and yields Outcomes as they complete."""

    def __init__(self, extract_fn: ExtractFn, settings: Settings, *, workers: int, timeout_s: float | None,
                 memory_mb: int | None, start_method: str | None = None,
                 tasks_per_worker: int | None = TASKS_PER_WORKER) -> None:
        self.extract_fn = extract_fn
        self.tasks_per_worker = tasks_per_worker
        self.settings = settings
        self.workers = max(1, workers)
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.ctx: BaseContext = mp.get_context(start_method or default_start_method())
        if self.ctx.get_start_method() == "forkserver":
            # children fork from a server that has these imported already: restarts cost ms, not s
            self.ctx.set_forkserver_preload(["extractor.batch.worker", extract_fn.__module__])
        self._slots: list[_Slot] = []

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop idle workers politely and kill busy ones."""
        for slot in self._slots:
            with contextlib.suppress(OSError, ValueError):
                if slot.task is None and slot.process.is_alive():
                    slot.conn.send(None)
            self._stop(slot, kill=slot.task is not None)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=5)
        self._slots = []

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(child, self.extract_fn, self.settings, self.memory_mb),
            name="xxgk-worker", daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    @staticmethod
    def _stop(slot: _Slot, kill: bool) -> None:
        if kill and slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.conn.close()

    def _dead_outcome(self, slot: _Slot, task: Task) -> Outcome:
        slot.process.join(timeout=5)
        code = slot.process.exitcode
        elapsed = time.monotonic() - slot.started
        if code == -signal.SIGKILL and self.memory_mb:  # the kernel's OOM killer, most likely
            return failure(task, "extract", MEMORY_LIMIT, "worker was killed (out of memory)", elapsed)
        name = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return failure(task, "extract", WORKER_CRASHED, f"worker process died ({name})", elapsed)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task in completion order; idle workers stay up for the next call."""
        pending = deque(tasks)
        slots = self._slots
        while len(slots) < min(self.workers, len(pending)):
            slots.append(self._start())
        try:
            while pending or any(s.task for s in slots):
                for i, slot in enumerate(slots):
                    if slot.task is None and pending:
                        if not slot.process.is_alive():
                            self._stop(slot, kill=True)
                            slots[i] = slot = self._start()
                        slot.task = pending.popleft()
                        slot.started = time.monotonic()
                        slot.deadline = slot.started + self.timeout_s if self.timeout_s else float("inf")
                        slot.conn.send(slot.task)
                busy = [s for s in slots if s.task is not None]
                if not busy:
                    continue
                wait_for = min(s.deadline for s in busy) - time.monotonic()
                ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy],
                                 timeout=None if wait_for == float("inf") else max(0.0, wait_for)))
                now = time.monotonic()
                for i, slot in enumerate(slots):
                    task = slot.task
                    if task is None:
                        continue
                    if slot.conn in ready or slot.process.sentinel in ready:
                        outcome: Outcome | None = None
                        with contextlib.suppress(EOFError, OSError):
                            if slot.conn.poll():
                                outcome = slot.conn.recv()
                        slot.task = None
                        if outcome is None:
                            yield self._dead_outcome(slot, task)
                            self._stop(slot, kill=True)
                            slots[i] = self._start() if pending else slot
                            continue
                        yield outcome
                        slot.done += 1
                        worn = self.tasks_per_worker is not None and slot.done >= self.tasks_per_worker
                        if outcome.code == MEMORY_LIMIT or (worn and pending):
                            if worn:
                                with contextlib.suppress(OSError, ValueError):
                                    slot.conn.send(None)  # the worker's own way out: finish and exit
                            self._stop(slot, kill=False)
                            slots[i] = self._start() if pending else slot
                    elif now >= slot.deadline:
                        self._stop(slot, kill=True)
                        slot.task = None
                        yield failure(task, "extract", TIMEOUT,
                                      f"no result within {self.timeout_s:g} s; the worker was killed",
                                      now - slot.started)
                        slots[i] = self._start() if pending else slot
        finally:
            for slot in slots:
                if slot.task is not None:  # abandoned mid-task (the consumer stopped): kill it
                    self._stop(slot, kill=True)
                    slot.task = None
