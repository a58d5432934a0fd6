"""One report as the reviewer sees it: the corrected view, R6/R7 against the agency's previous year
(also corrected), every cell's state, and the summary the report list filters on.

R6/R7 read the previous year's report of the same agency (matched by `reports.agency_norm`, the key
the batch's cross-year checks use) through its own corrected view, so correcting last year's
carried-forward cell changes this year's R6.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from ..agency import normalise_agency
from ..checks.cross_year import CROSS_YEAR_ROWS, CellKey, pair_checks
from ..sinks.migrations import reports
from ..sinks.review_state import save_state
from .cells import CellInfo, attention_count, cell_infos
from .corrections import CorrectedDocument, corrected_document

CROSS_YEAR_IDS = ("R6", "R7")


@dataclass(frozen=True)
class YearView:
    """A corrected view seen by the cross-year checks (`checks.cross_year.YearReport`)."""

    id: int
    agency_norm: str
    year: int
    template: str | None
    sha256: str
    values: Mapping[CellKey, float | None]


def year_view(report_id: int, sha256: str, view: Mapping[str, Any]) -> YearView | None:
    info = view.get("report", {})
    agency, year = normalise_agency(info.get("agency")), info.get("year")
    if agency is None or not isinstance(year, int):
        return None
    values: dict[CellKey, float | None] = {}
    for table, row in CROSS_YEAR_ROWS:
        for col, value in view.get("tables", {}).get(table, {}).get(row, {}).items():
            values[(table, row, col)] = None if value is None else float(value)
    return YearView(report_id, agency, year, info.get("template"), sha256, values)


YearCache = dict[int, YearView | None]  # report id → its corrected YearView, kept by a caller going through many


def previous_year(engine: Engine, current: YearView, cache: YearCache | None = None) -> YearView | None:
    """The same agency's report of the year before, corrected; the smallest sha256 when several (as the batch picks)."""
    with engine.connect() as conn:
        found: list[int] = conn.execute(select(reports.c.id).where(reports.c.agency_norm == current.agency_norm,
                                                        reports.c.year == current.year - 1,
                                                        reports.c.id != current.id)
                             .order_by(reports.c.sha256)).scalars().all()  # type: ignore[assignment]
    for report_id in found:
        if cache is not None and report_id in cache:
            prev = cache[report_id]
        else:
            doc = corrected_document(engine, report_id)
            prev = year_view(report_id, doc.stored.sha256, doc.view)
        if prev is not None and prev.agency_norm == current.agency_norm and prev.year == current.year - 1:
            return prev
    return None


@dataclass(frozen=True)
class ReviewedReport:
    doc: CorrectedDocument
    view: dict[str, Any]  # the corrected view with R6/R7 (when a previous year is stored) among its checks
    prev_report_id: int | None
    cells: dict[str, CellInfo]

    @property
    def failing(self) -> list[str]:
        return [c["id"] for c in self.view["checks"] if c["status"] == "fail"]

    @property
    def attention(self) -> int:
        return attention_count(self.view, self.cells)

    @property
    def corrected_paths(self) -> set[str]:
        stale = set(self.doc.stale)
        return {c.path for c in self.doc.corrections if c.id not in stale}


def review_report(engine: Engine, report_id: int, save: bool = True, cache: YearCache | None = None) -> ReviewedReport:
    """Load, correct and check one report; `save` refreshes its line in the review list."""
    doc = corrected_document(engine, report_id)
    view = dict(doc.view)
    checks = [c for c in view["checks"] if c["id"] not in CROSS_YEAR_IDS]
    prev_id: int | None = None
    current = year_view(report_id, doc.stored.sha256, view)
    prev = previous_year(engine, current, cache) if current is not None else None
    if cache is not None:
        cache[report_id] = current
    if current is not None and prev is not None:
        prev_id = prev.id
        checks += [c.model_dump() for c in pair_checks(current, prev)]
    view["checks"] = checks
    stale = set(doc.stale)
    corrected = {c.path for c in doc.corrections if c.id not in stale}
    reviewed = ReviewedReport(doc, view, prev_id, cell_infos(view, corrected, doc.stored.document))
    if save:
        save_state(engine, report_id, doc.stored.sha256, reviewed.failing, reviewed.attention, len(doc.corrections))
    return reviewed
