"""Reviewers' corrections, stored beside the extraction and never over it.

A correction names a report (the file's sha256 and the report row that was reviewed), a dotted path
into the report JSON, the value seen and the value meant. Every correction is a new row: two people
correcting one cell both stay recorded, and the later one (higher id) is the one that applies.
What a path may name and how corrections combine is `extractor.review.corrected`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from .base import SinkError
from .migrations import corrections, reports

ADDED_ITEM = "new"  # a path ending in ".new" adds an item; the stored path then names it by its id


@dataclass(frozen=True)
class Correction:
    id: int
    sha256: str
    report_id: int | None
    path: str
    old_value: Any
    new_value: Any
    note: str | None
    created_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "report_id": self.report_id, "path": self.path,
                "old_value": self.old_value, "new_value": self.new_value, "note": self.note,
                "created_at": self.created_at.isoformat()}


@dataclass(frozen=True)
class StoredDocument:
    """A stored report row: its identity and the extracted document (the output contract's JSON)."""

    id: int
    sha256: str
    file: str
    document: dict[str, Any]


class ReportNotFound(SinkError):
    """The report is not (or no longer) in the database."""


def _row_to_correction(row: Any) -> Correction:
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return Correction(row.id, row.sha256, row.report_id, row.path, row.old_value, row.new_value, row.note, created)


def load_document(engine: Engine, report_id: int) -> StoredDocument:
    with engine.connect() as conn:
        row = conn.execute(select(reports.c.id, reports.c.sha256, reports.c.file, reports.c.document)
                           .where(reports.c.id == report_id)).first()
    if row is None:
        raise ReportNotFound(f"report {report_id} is not in the database (deleted, or never stored)")
    return StoredDocument(row.id, row.sha256, row.file, row.document)


def corrections_for(engine: Engine, sha256: str) -> list[Correction]:
    """Every correction of one file, oldest first (the order they apply in)."""
    with engine.connect() as conn:
        rows = conn.execute(select(corrections).where(corrections.c.sha256 == sha256).order_by(corrections.c.id)).all()
    return [_row_to_correction(r) for r in rows]


def all_corrections(engine: Engine) -> list[Correction]:
    with engine.connect() as conn:
        rows = conn.execute(select(corrections).order_by(corrections.c.id)).all()
    return [_row_to_correction(r) for r in rows]


def corrected_shas(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(select(corrections.c.sha256).distinct())}


def insert_correction(engine: Engine, report_id: int, path: str, old_value: Any, new_value: Any,
                      note: str | None) -> Correction:
    """Store one correction in its own transaction; a path ending in `.new` is renamed `.a<id>` (the item's key)."""
    now = datetime.now(UTC)
    try:
        with engine.begin() as conn:
            sha = conn.execute(select(reports.c.sha256).where(reports.c.id == report_id)).scalar()
            if sha is None:
                raise ReportNotFound(f"report {report_id} is not in the database (deleted, or never stored)")
            new_id: int = conn.execute(corrections.insert().values(
                sha256=sha, report_id=report_id, path=path, old_value=old_value, new_value=new_value,
                note=note, created_at=now).returning(corrections.c.id)).scalar_one()
            if path.endswith("." + ADDED_ITEM):
                path = f"{path.removesuffix(ADDED_ITEM)}a{new_id}"
                conn.execute(update(corrections).where(corrections.c.id == new_id).values(path=path))
    except IntegrityError as exc:  # the report vanished between the check and the insert
        raise ReportNotFound(f"report {report_id} was deleted while the correction was being saved") from exc
    return Correction(new_id, sha, report_id, path, old_value, new_value, note, now)
