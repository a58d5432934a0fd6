"""The one public entry point: `extract(path) -> Report`."""

from __future__ import annotations

from pathlib import Path

from .model import Report
from .settings import DEFAULT_SETTINGS, Settings


def extract(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Extract one report file. Raises `ExtractorError` (naming file and reason) when no report can be made."""
    from .pipeline import run

    return run(Path(path), settings)
