"""SQL sink over SQLAlchemy Core: SQLite (WAL) or PostgreSQL, the same rows in both.

Each report goes in with one transaction (report row, its cells, narrative items and checks), so a
killed batch leaves either the whole report or nothing. `dump_rows` gives an engine-independent
view of the data (no surrogate ids, no timestamps) for comparisons and tests.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, select
from sqlalchemy.engine import make_url

from ..checks.cross_year import normalise_agency
from .base import FailureRecord, Key, ReportResult, SinkError
from .migrations import cells, checks, failures, migrate, narrative_items, reports
from .rows import cell_rows, narrative_rows


def make_engine(url: str) -> Engine:
    """An engine for a sqlite:/// or postgresql:// URL; SQLite gets WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, the installed driver
    engine = create_engine(parsed)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    return engine


class SqlSink:
    """Writes reports and failures to a database, creating or migrating its schema first."""

    def __init__(self, url_or_engine: str | Engine) -> None:
        self.engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
        self._owns_engine = isinstance(url_or_engine, str)
        self.schema_version = migrate(self.engine)

    def done_keys(self, include_failures: bool = True) -> set[Key]:
        with self.engine.connect() as conn:
            keys = {(r.sha256, r.extractor_version)
                    for r in conn.execute(select(reports.c.sha256, reports.c.extractor_version))}
            if include_failures:
                keys |= {(r.sha256, r.extractor_version)
                         for r in conn.execute(select(failures.c.sha256, failures.c.extractor_version))}
        return keys

    def write_report(self, result: ReportResult) -> None:
        r = result.report
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(select(reports.c.id).where(
                    reports.c.sha256 == result.sha256,
                    reports.c.extractor_version == result.extractor_version)).first()
                if exists is not None:
                    return  # idempotent: the same file and version is stored once
                conn.execute(delete(failures).where(
                    failures.c.sha256 == result.sha256, failures.c.extractor_version == result.extractor_version))
                report_id: int = conn.execute(reports.insert().values(
                    sha256=result.sha256,
                    extractor_version=result.extractor_version,
                    file=result.file,
                    media_type=r.source.media_type,
                    agency=r.report.agency,
                    agency_norm=normalise_agency(r.report.agency),
                    year=r.report.year,
                    template=r.report.template,
                    title=r.report.title,
                    pages=r.source.pages,
                    ocr_pages=list(r.source.ocr_pages),
                    document=r.model_dump(mode="json"),
                    created_at=datetime.now(UTC),
                ).returning(reports.c.id)).scalar_one()
                cell_values = [{"report_id": report_id, **c.__dict__} for c in cell_rows(r)]
                if cell_values:
                    conn.execute(cells.insert(), cell_values)
                items = [{"report_id": report_id, **i} for i in narrative_rows(r)]
                if items:
                    conn.execute(narrative_items.insert(), items)
                check_values = [{"report_id": report_id, "check_id": c.id, "status": c.status,
                                 "message": c.message, "cells": list(c.cells), "prev_report_id": None}
                                for c in r.checks]
                if check_values:
                    conn.execute(checks.insert(), check_values)
        except Exception as exc:  # a database error must name the file and stop the batch cleanly
            if isinstance(exc, SinkError):
                raise
            raise SinkError(f"cannot store {result.file}: {exc}") from exc

    def write_failure(self, failure: FailureRecord) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(failures).where(
                failures.c.sha256 == failure.sha256, failures.c.extractor_version == failure.extractor_version))
            conn.execute(failures.insert().values(
                file=failure.file, sha256=failure.sha256, extractor_version=failure.extractor_version,
                stage=failure.stage, code=failure.code, reason=failure.reason, created_at=datetime.now(UTC)))

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()


def dump_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table as sorted tuples keyed by sha256 instead of ids, without timestamps."""
    with engine.connect() as conn:
        sha = {row.id: row.sha256 for row in conn.execute(select(reports.c.id, reports.c.sha256))}
        out: dict[str, list[tuple[Any, ...]]] = {}
        out["reports"] = _sorted(
            (r.sha256, r.extractor_version, r.file, r.media_type, r.agency, r.agency_norm, r.year, r.template,
             r.title, r.pages, _canon(r.ocr_pages), _canon(r.document))
            for r in conn.execute(select(reports)))
        out["cells"] = _sorted(
            (sha[r.report_id], r.table, r.row, r.col, r.value, r.raw, r.page, _canon(r.bbox), r.confidence)
            for r in conn.execute(select(cells)))
        out["narrative_items"] = _sorted(
            tuple(_canon(v) for v in (sha[r.report_id], r.seq, r.kind, r.value, r.unit, r.qualifier, r.scale,
                                      r.channel, r.year, r.name, r.platform_kind, r.charged, r.text, r.page,
                                      r.span))
            for r in conn.execute(select(narrative_items)))
        out["checks"] = _sorted(
            (sha[r.report_id], r.check_id, r.status, r.message, _canon(r.cells),
             sha.get(r.prev_report_id))
            for r in conn.execute(select(checks)))
        out["failures"] = _sorted(
            (r.file, r.sha256, r.extractor_version, r.stage, r.code, r.reason)
            for r in conn.execute(select(failures)))
    return out


def _canon(value: Any) -> Any:
    """JSON values as stable text so dicts and lists compare the same from both engines."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _sorted(rows: Any) -> list[tuple[Any, ...]]:
    """Rows in a total order even where columns mix None and values."""
    return sorted((tuple(row) for row in rows), key=repr)
