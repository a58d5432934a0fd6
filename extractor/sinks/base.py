"""What every sink receives and answers, so the batch runner never knows which one it writes to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Report

Key = tuple[str, str]  # (sha256, extractor_version): the resume key of one file


class SinkError(Exception):
    """A sink cannot store a result (disk full, database gone); the batch stops with this message."""


@dataclass(frozen=True)
class ReportResult:
    """One extracted report plus where it came from (the path as discovered, not the report's own)."""

    file: str
    sha256: str
    extractor_version: str
    report: Report

    @property
    def key(self) -> Key:
        return (self.sha256, self.extractor_version)


@dataclass(frozen=True)
class FailureRecord:
    """One file that gave no report: the stage and stable code say why, `reason` says it in words."""

    file: str
    sha256: str
    extractor_version: str
    stage: str
    code: str
    reason: str

    @property
    def key(self) -> Key:
        return (self.sha256, self.extractor_version)


class Sink(Protocol):
    """Stores results crash-safely: a result is either fully stored or not at all."""

    def done_keys(self, include_failures: bool = True) -> set[Key]:
        """Keys already stored; a rerun skips them (failures too unless a retry is asked for)."""
        ...

    def write_report(self, result: ReportResult) -> None: ...

    def write_failure(self, failure: FailureRecord) -> None: ...

    def close(self) -> None: ...
