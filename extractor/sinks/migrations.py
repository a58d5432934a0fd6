"""The database schema and its ordered migrations, kept with the code that writes it.

Each step has a number and runs once, in its own transaction, recorded in `schema_version`.
Never edit a released step: append a new one. Types are portable: JSONB on PostgreSQL, JSON
(text with JSON1) on SQLite; `value` is a double so both engines return the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

JsonType = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("extractor_version", String(32), nullable=False),
    Column("file", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("agency", Text),
    Column("agency_norm", Text),
    Column("year", Integer),
    Column("template", String(4)),
    Column("title", Text),
    Column("pages", Integer),
    Column("ocr_pages", JsonType),
    Column("document", JsonType, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sha256", "extractor_version", name="uq_reports_key"),
    Index("ix_reports_agency_year", "agency_norm", "year"),
)

cells = Table(
    "cells", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("table", String(32), nullable=False),
    Column("row", String(64), nullable=False),
    Column("col", String(64), nullable=False),
    Column("value", Double),
    Column("raw", Text),
    Column("page", Integer),
    Column("bbox", JsonType),
    Column("confidence", Double),
    UniqueConstraint("report_id", "table", "row", "col", name="uq_cells_key"),
    Index("ix_cells_table_row_col", "table", "row", "col"),
)

narrative_items = Table(
    "narrative_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", Double),
    Column("unit", String(16)),
    Column("qualifier", String(8)),
    Column("scale", Integer),
    Column("channel", Text),
    Column("year", Integer),
    Column("name", Text),
    Column("platform_kind", String(32)),
    Column("charged", Boolean),
    Column("text", Text),
    Column("page", Integer),
    Column("span", JsonType),
    Index("ix_narrative_kind", "kind"),
)

checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("check_id", String(8), nullable=False),
    Column("status", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("cells", JsonType, nullable=False),
    Column("prev_report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE")),  # R6/R7 only
    Index("ix_checks_id_status", "check_id", "status"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("extractor_version", String(32), nullable=False),
    Column("stage", String(32), nullable=False),
    Column("code", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sha256", "extractor_version", name="uq_failures_key"),
)


corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    # keyed by the file's sha256, so a correction outlives re-extraction by a newer extractor version
    Column("sha256", String(64), nullable=False, index=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="SET NULL")),  # the version reviewed
    Column("path", Text, nullable=False),
    Column("old_value", JsonType),
    Column("new_value", JsonType),  # JSON null = "set to null" (blank) or "remove this item"
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


review_state = Table(
    "review_state", metadata,
    # what the review list shows of a report's corrected view, so 10,000 reports list and filter in SQL;
    # derived (recomputed from the extraction and the corrections whenever a report is corrected or viewed)
    # except `reviewed_at`, a reviewer's "done" mark for this version of the report
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("failing", Text, nullable=False),  # failing check ids, "R2 R6"
    Column("n_fail", Integer, nullable=False),
    Column("n_attention", Integer, nullable=False),  # R1–R4 not assessable (abstained cells) + abstained cells
    Column("n_corrections", Integer, nullable=False),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_review_state_fail", "n_fail", "n_attention"),
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[reports, cells, narrative_items, checks, failures])


def _corrections(conn: Connection) -> None:
    metadata.create_all(conn, tables=[corrections])


def _review_state(conn: Connection) -> None:
    metadata.create_all(conn, tables=[review_state])
    # the review list aggregates failing checks per report: an index it can answer from alone
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_checks_status_report ON checks (status, report_id, check_id)"))
    # ... and pages through reports in (agency, year, id) order: the very expressions of review.queries.LIST_ORDER
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_reports_list ON reports (coalesce(agency_norm, ''), coalesce(year, 0), id)"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports, cells, narrative_items, checks, failures", _initial),
    Migration(2, "corrections: reviewers' edits, stored beside the extraction, never over it", _corrections),
    Migration(3, "review_state: the review list's per-report summary; an index for check status per report",
              _review_state),
)

LATEST = MIGRATIONS[-1].version


def migrate(engine: Engine) -> int:
    """Apply the steps the database has not seen yet; returns the schema version it is now at."""
    with engine.begin() as conn:
        schema_version.create(conn, checkfirst=True)
    for step in MIGRATIONS:
        with engine.begin() as conn:
            current = conn.execute(select(func.max(schema_version.c.version))).scalar() or 0
            if step.version <= current:
                continue
            step.apply(conn)
            conn.execute(schema_version.insert().values(
                version=step.version, description=step.description, applied_at=datetime.now(UTC)))
    with engine.connect() as conn:
        version: int = conn.execute(select(func.max(schema_version.c.version))).scalar() or 0
    if version > LATEST:
        raise RuntimeError(f"database schema version {version} is newer than this code ({LATEST}); upgrade xxgk")
    return version
