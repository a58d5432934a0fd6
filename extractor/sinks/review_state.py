"""The review list's per-report summary (`review_state`): what the corrected view fails, and the "done" mark.

The summary is derived: the review app recomputes it from the extraction and the corrections whenever
a report is corrected or opened, so the list can filter 10,000 reports in SQL without opening a
document. `reviewed_at` is the one thing a reviewer sets here ("checked, nothing more to correct").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select, update

from .migrations import corrections, reports, review_state


@dataclass(frozen=True)
class ReviewState:
    report_id: int
    failing: tuple[str, ...]
    n_fail: int
    n_attention: int
    n_corrections: int
    reviewed_at: datetime | None


def save_state(engine: Engine, report_id: int, sha256: str, failing: Sequence[str], n_attention: int,
               n_corrections: int) -> None:
    """Insert or update the derived part of one report's summary (the reviewed mark is kept)."""
    values = {"sha256": sha256, "failing": " ".join(failing), "n_fail": len(failing), "n_attention": n_attention,
              "n_corrections": n_corrections, "updated_at": datetime.now(UTC)}
    with engine.begin() as conn:
        if conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first() is None:
            return  # deleted meanwhile: nothing to summarise
        found = conn.execute(select(review_state).where(review_state.c.report_id == report_id)).first()
        if found is None:
            conn.execute(review_state.insert().values(report_id=report_id, reviewed_at=None, **values))
        elif (found.failing, found.n_attention, found.n_corrections) != (values["failing"], n_attention, n_corrections):
            conn.execute(update(review_state).where(review_state.c.report_id == report_id).values(**values))


def set_reviewed(engine: Engine, report_id: int, reviewed: bool) -> bool:
    """Set or clear the reviewer's mark; False when the report has no summary row (not opened yet)."""
    with engine.begin() as conn:
        done = conn.execute(update(review_state).where(review_state.c.report_id == report_id)
                            .values(reviewed_at=datetime.now(UTC) if reviewed else None))
    return bool(done.rowcount)


def states(engine: Engine, report_ids: Collection[int]) -> dict[int, ReviewState]:
    if not report_ids:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(select(review_state).where(review_state.c.report_id.in_(list(report_ids)))).all()
    return {r.report_id: ReviewState(r.report_id, tuple(r.failing.split()), r.n_fail, r.n_attention,
                                     r.n_corrections, _aware(r.reviewed_at)) for r in rows}


def stale_report_ids(engine: Engine) -> list[int]:
    """Reports with corrections whose summary is missing or counts a different number of corrections
    (corrected by a script, or re-extracted by a newer version): the app refreshes these at start."""
    counted = (select(corrections.c.sha256, func.count().label("n")).group_by(corrections.c.sha256).subquery())
    query = (select(reports.c.id)
             .join(counted, counted.c.sha256 == reports.c.sha256)
             .outerjoin(review_state, review_state.c.report_id == reports.c.id)
             .where((review_state.c.report_id.is_(None)) | (review_state.c.n_corrections != counted.c.n))
             .order_by(reports.c.id))
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
