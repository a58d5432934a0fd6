"""SQL sink over SQLAlchemy Core: SQLite (WAL) or PostgreSQL, the same rows in both.

Each report goes in with one transaction (report row, its cells, narrative items and checks), so a
killed batch leaves either the whole report or nothing. `dump_rows` gives an engine-independent
view of the data (no surrogate ids, no timestamps) for comparisons and tests.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, select, tuple_
from sqlalchemy.engine import make_url

from ..agency import normalise_agency
from ..model import Check
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


@dataclass(frozen=True)
class StoredReport:
    """A stored report's identity and the cells a caller asked for, keyed (table, row, col)."""

    id: int
    agency_norm: str
    year: int
    template: str | None
    sha256: str
    values: dict[tuple[str, str, str], float | None] = field(default_factory=dict)


def stored_reports(engine: Engine, rows: Collection[tuple[str, str]]) -> list[StoredReport]:
    """Every report with an agency and a year, with its cells in the given (table, row) pairs."""
    values: dict[int, dict[tuple[str, str, str], float | None]] = defaultdict(dict)
    with engine.connect() as conn:
        found = conn.execute(
            select(reports.c.id, reports.c.agency_norm, reports.c.year, reports.c.template, reports.c.sha256)
            .where(reports.c.agency_norm.is_not(None), reports.c.year.is_not(None))).all()
        if rows:
            wanted = tuple_(cells.c.table, cells.c.row).in_(list(rows))
            for c in conn.execute(select(cells.c.report_id, cells.c.table, cells.c.row, cells.c.col, cells.c.value)
                                  .where(wanted)):
                values[c.report_id][(c.table, c.row, c.col)] = c.value
    return [StoredReport(r.id, r.agency_norm, r.year, r.template, r.sha256, values.get(r.id, {})) for r in found]


@dataclass(frozen=True)
class StoredCheck:
    """One check row that belongs to a stored report (and, for R6/R7, names the earlier one)."""

    report_id: int
    check: Check
    prev_report_id: int | None = None


def replace_checks(engine: Engine, check_ids: Collection[str], rows: Sequence[StoredCheck]) -> None:
    """Replace every stored check with one of these ids by `rows`, in one transaction (reruns give the same table)."""
    with engine.begin() as conn:
        conn.execute(delete(checks).where(checks.c.check_id.in_(list(check_ids))))
        if rows:
            conn.execute(checks.insert(), [
                {"report_id": r.report_id, "check_id": r.check.id, "status": r.check.status,
                 "message": r.check.message, "cells": list(r.check.cells), "prev_report_id": r.prev_report_id}
                for r in rows])


def stored_documents(engine: Engine) -> list[tuple[str, str, dict[str, Any]]]:
    """(file, sha256, document JSON) of every stored report; a file extracted by several extractor
    versions gives its newest row only."""
    newest: dict[str, tuple[int, str, str, dict[str, Any]]] = {}
    with engine.connect() as conn:
        for r in conn.execute(select(reports.c.id, reports.c.file, reports.c.sha256, reports.c.document)):
            if r.sha256 not in newest or r.id > newest[r.sha256][0]:
                newest[r.sha256] = (r.id, r.file, r.sha256, r.document)
    return [(file, sha, document) for _id, file, sha, document in sorted(newest.values(), key=lambda t: t[0])]


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
