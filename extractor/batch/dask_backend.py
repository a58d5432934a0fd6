"""The same per-file work on a dask.distributed cluster, results streamed back as they complete.

Each dask task isolates its file in a one-slot LocalPool (same timeout, memory cap and failure
codes as the local runner). That needs non-daemonic dask workers: the LocalCluster made here sets
`distributed.worker.daemon: False`; on a remote cluster with daemonic workers the file runs inside
the dask worker itself, without the kill-on-timeout or memory cap.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from ..settings import Settings
from .pool import LocalPool
from .worker import ExtractFn, Outcome, Task, execute

_POOL: tuple[tuple[object, ...], LocalPool] | None = None


def _pool_for(extract_fn: ExtractFn, settings: Settings, timeout_s: float | None,
              memory_mb: int | None) -> LocalPool:
    """One isolated worker per dask worker process, kept between tasks (starting one costs ~0.5 s)."""
    global _POOL
    config = (extract_fn, settings.model_dump_json(), timeout_s, memory_mb)
    if _POOL is None or _POOL[0] != config:
        if _POOL is not None:
            _POOL[1].close()
        _POOL = (config, LocalPool(extract_fn, settings, workers=1, timeout_s=timeout_s, memory_mb=memory_mb))
        atexit.register(_POOL[1].close)
    return _POOL[1]


def run_task(task: Task, extract_fn: ExtractFn, settings: Settings, timeout_s: float | None,
             memory_mb: int | None) -> Outcome:
    """One file, isolated in a child process when the dask worker may have children."""
    if mp.current_process().daemon:
        return execute(task, extract_fn, settings)
    return next(iter(_pool_for(extract_fn, settings, timeout_s, memory_mb).run([task])))


def run_dask(tasks: Iterable[Task], extract_fn: ExtractFn, settings: Settings, *, address: str,
             timeout_s: float | None, memory_mb: int | None, n_workers: int = 2) -> Iterator[Outcome]:
    """Yield Outcomes in completion order; `address="local"` starts (and stops) a LocalCluster."""
    import dask
    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        if address == "local":
            stack.enter_context(dask.config.set({"distributed.worker.daemon": False}))
            cluster = stack.enter_context(LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None))  # type: ignore[no-untyped-call]
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        else:
            client = stack.enter_context(Client(address))  # type: ignore[no-untyped-call]
        futures = [client.submit(run_task, t, extract_fn, settings, timeout_s, memory_mb,
                                 key=f"xxgk-{t.sha256}", pure=False) for t in tasks]
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            outcome: Outcome = future.result()
            yield outcome
            future.release()
