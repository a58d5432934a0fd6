"""Batch conversion: many files, worker processes with limits, results streamed into one sink."""

from __future__ import annotations

from .discover import Discovery, FoundFile, Skipped, discover
from .runner import BatchSummary, FailingChecks, run_batch

__all__ = ["BatchSummary", "Discovery", "FailingChecks", "FoundFile", "Skipped", "discover", "run_batch"]
