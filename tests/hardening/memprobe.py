"""Peak resident memory of batch worker processes, sampled from /proc while a batch runs.

Workers are forked by multiprocessing's forkserver, so they are grandchildren of the process that
started the batch, and `getrusage(RUSAGE_CHILDREN)` never sees them. The probe polls /proc every
`interval` seconds for every descendant of this process and keeps each one's VmHWM (the kernel's
high-water mark of its resident set, which only grows), so a sample taken at any time before a
worker exits is its peak so far; a worker that peaks and dies between two samples (a kill on
timeout) is the one case a sample can miss, and the runner's RLIMIT_AS cap still bounds it.
A process whose parent runs the forkserver counts as a worker.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType


def _children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _hwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _is_forkserver(pid: int) -> bool:
    try:
        return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class WorkerMemoryProbe:
    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_kb: dict[int, int] = {}  # worker pid -> VmHWM
        self.other_peak_kb: dict[int, int] = {}  # other descendants (forkserver, CLI process)
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memprobe", daemon=True)

    def __enter__(self) -> WorkerMemoryProbe:
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _sample(self) -> None:
        tree = _children_by_parent()
        stack = [(child, os.getpid()) for child in tree.get(os.getpid(), [])]
        forkservers: set[int] = set()
        while stack:
            pid, parent = stack.pop()
            if _is_forkserver(pid) and parent not in forkservers:
                forkservers.add(pid)
            hwm = _hwm_kb(pid)
            if hwm is not None:
                bucket = self.peak_kb if parent in forkservers else self.other_peak_kb
                bucket[pid] = max(bucket.get(pid, 0), hwm)
            stack.extend((child, pid) for child in tree.get(pid, []))
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    @property
    def max_worker_mb(self) -> float:
        return max(self.peak_kb.values(), default=0) / 1024
