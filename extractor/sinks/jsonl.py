"""JSON Lines sink: one complete line per report, appended atomically enough to survive SIGKILL.

Each line is written with one `os.write` on an O_APPEND descriptor, then fsync'd. A crash can at
worst leave a trailing line without its newline; opening the file again truncates it away. Failures
go to a sidecar `<name>.failures.jsonl` with the same discipline, so report lines keep one shape.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

from .base import FailureRecord, Key, ReportResult, SinkError


def repair_partial_line(path: Path) -> int:
    """Truncate a trailing line that has no newline (a write cut by a crash); returns bytes removed."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as fh:
        # scan back from the end in blocks for the last newline
        pos, block = size, 65536
        keep = 0
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            idx = chunk.rfind(b"\n")
            if idx >= 0:
                keep = start + idx + 1
                break
            pos = start
        if keep == size:
            return 0
        fh.truncate(keep)
        fh.flush()
        os.fsync(fh.fileno())
    return size - keep


class _AppendLog:
    """An append-only file of complete lines; a failed write leaves no partial line behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.repaired_bytes = repair_partial_line(path)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def append(self, line: str) -> None:
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        before = os.fstat(self._fd).st_size
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, f"short write ({written} of {len(data)} bytes)")
            os.fsync(self._fd)
        except OSError as exc:
            self._rollback(before)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise SinkError(f"{self.path}: disk full, the last line was not written ({exc.strerror})") from exc
            raise SinkError(f"{self.path}: cannot write ({exc})") from exc

    def _rollback(self, size: int) -> None:
        try:
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
        except OSError:
            pass  # the next open repairs a partial line anyway

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


class JsonlSink:
    """`results.jsonl` holds the contract JSON of each report; `results.failures.jsonl` the failures."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.failures_path = self.path.with_name(self.path.stem + ".failures.jsonl")
        self._reports = _AppendLog(self.path)
        self._failures = _AppendLog(self.failures_path)

    @property
    def repaired_bytes(self) -> int:
        return self._reports.repaired_bytes + self._failures.repaired_bytes

    def done_keys(self, include_failures: bool = True) -> set[Key]:
        keys = {(d["source"]["sha256"], d["source"]["extractor_version"]) for d in _read_lines(self.path)}
        if include_failures:
            keys |= {(d["sha256"], d["extractor_version"]) for d in _read_lines(self.failures_path)}
        return keys

    def write_report(self, result: ReportResult) -> None:
        self._reports.append(result.report.to_json())

    def write_failure(self, failure: FailureRecord) -> None:
        record = {
            "file": failure.file, "sha256": failure.sha256, "extractor_version": failure.extractor_version,
            "stage": failure.stage, "code": failure.code, "reason": failure.reason,
        }
        self._failures.append(json.dumps(record, ensure_ascii=False))

    def close(self) -> None:
        self._reports.close()
        self._failures.close()
