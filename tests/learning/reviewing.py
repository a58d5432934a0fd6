"""Shared by the learning tests: store generated reports in SQLite and correct them as a reviewer would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from extractor.api import extract
from extractor.review.corrections import add_correction, corrected_document
from extractor.sinks.base import ReportResult
from extractor.sinks.migrations import reports
from extractor.sinks.sql import SqlSink
from extractor.synth.reviewer import narrative_corrections, table_corrections


def gold_of(doc: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text(encoding="utf-8"))
    return data


def store(docs: list[Path], db: Path) -> Engine:
    sink = SqlSink(f"sqlite:///{db}")
    for doc in docs:
        report = extract(doc)
        sink.write_report(ReportResult(str(doc), report.source.sha256, report.source.extractor_version, report))
    return sink.engine


def correct_from_gold(engine: Engine, narrative: bool = False) -> int:
    """A reviewer's corrections of every wrong cell (and narrative item), through add_correction (the web app's path)."""
    made = 0
    with engine.connect() as conn:
        stored = [(r.id, Path(r.file)) for r in conn.execute(select(reports.c.id, reports.c.file).order_by(reports.c.id))]
    for report_id, doc in stored:
        current = corrected_document(engine, report_id)
        wanted = table_corrections(current.view, gold_of(doc))
        if narrative:
            wanted += narrative_corrections(current.view, current.item_keys, gold_of(doc))
        for path, value in wanted:
            add_correction(engine, report_id, path, value)
            made += 1
    return made
