"""Where batch results go: JSON Lines, a folder of wide CSVs, or a SQL database.

`open_sink` picks one from a spec string, so the CLI passes the user's text through unchanged.
"""

from __future__ import annotations

from pathlib import Path

from .base import FailureRecord, Key, ReportResult, Sink, SinkError

__all__ = ["FailureRecord", "Key", "ReportResult", "Sink", "SinkError", "open_sink"]


def open_sink(spec: str | Path) -> Sink:
    """`sqlite:///x.db` / `postgresql://…` → SQL; `*.jsonl` → JSON Lines; a folder or `*/` → CSV."""
    text = str(spec)
    if "://" in text:
        from .sql import SqlSink

        if not text.startswith(("sqlite", "postgresql")):
            raise SinkError(f"{text}: only sqlite:/// and postgresql:// databases are supported")
        return SqlSink(text)
    path = Path(text)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        from .jsonl import JsonlSink

        return JsonlSink(path)
    if path.suffix == "" or path.is_dir() or text.endswith(("/", "\\")):
        from .csv import CsvSink

        return CsvSink(path)
    raise SinkError(f"{text}: give a .jsonl file, a folder for CSV, or a sqlite:/// or postgresql:// URL")
