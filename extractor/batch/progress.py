"""A rich progress bar on stderr (stdout may carry JSON), silent when stderr is not a terminal."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class BatchProgress:
    """Counts files as they finish; a no-op when disabled, so callers never branch on it."""

    def __init__(self, total: int, enabled: bool = True, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.total = total
        self.failed = 0

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
                console=self.console, transient=False)
            self._progress.__enter__()
            self._task = self._progress.add_task("extract", total=self.total, failed=0)
        return self

    def advance(self, ok: bool) -> None:
        if not ok:
            self.failed += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, failed=self.failed)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)
