"""A reviewed report: R6/R7 against the corrected previous year, the list summary kept in step with
corrections made outside the app, and the same list and corrections on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import store
from sqlalchemy import Engine, select

from extractor.model import Report
from extractor.review.corrections import add_correction
from extractor.review.queries import ListFilter, list_reports, next_to_review, status_counts
from extractor.review.reviewed import review_report
from extractor.review.web import create_app
from extractor.sinks.migrations import metadata, review_state
from extractor.sinks.review_state import set_reviewed, stale_report_ids
from extractor.sinks.sql import SqlSink

Extracted = Callable[[Path], Report]
COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
           "legal_service_org", "other_org", "total")


def _previous_year(report: Report) -> Report:
    """The same agency a year earlier, whose carried-forward row is this year's carried-over row."""
    tables = {t: {r: dict(c) for r, c in rows.items()} for t, rows in report.tables.items()}
    tables["requests"]["carried_forward"] = dict(tables["requests"]["carried_over"])
    year = (report.report.year or 2024) - 1
    return report.model_copy(update={
        "source": report.source.model_copy(update={"sha256": "0" * 63 + "1", "file": "prev.pdf"}),
        "report": report.report.model_copy(update={"year": year}),
        "tables": tables,
    })


def _status(checks: list[dict[str, object]], check_id: str) -> object:
    return next((c["status"] for c in checks if c["id"] == check_id), None)


def test_r6_reads_the_previous_years_corrected_view(engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> None:
    current = extracted(broken_pdfs[3])
    this_year = store(engine, current, str(broken_pdfs[3]))
    last_year = store(engine, _previous_year(current), "prev.pdf")
    reviewed = review_report(engine, this_year)
    assert reviewed.prev_report_id == last_year
    assert _status(reviewed.view["checks"], "R6") == "pass" and _status(reviewed.view["checks"], "R7") is not None
    old = current.tables["requests"]["carried_over"]["natural_person"] or 0
    add_correction(engine, last_year, "tables.requests.carried_forward.natural_person", old + 3)
    after = review_report(engine, this_year)
    r6 = next(c for c in after.view["checks"] if c["id"] == "R6")
    assert r6["status"] == "fail" and f"carried_over {old:g} ≠ 2023 carried_forward {old + 3:g}" in r6["message"]
    assert "R6" in after.failing
    assert after.cells["tables.requests.carried_over.natural_person"].failing == ("R6", )
    assert _status(review_report(engine, last_year).view["checks"], "R6") is None  # no 2022 report: no R6


def test_corrections_made_by_a_script_reach_the_list_when_the_app_starts(
        engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> None:
    report_id = store(engine, extracted(broken_pdfs[3]), str(broken_pdfs[3]))
    view = review_report(engine, report_id).view
    req = view["tables"]["requests"]
    add_correction(engine, report_id, "tables.requests.result_total.commercial_enterprise",
                   (req["result_total"]["commercial_enterprise"] or 0) + 5)
    add_correction(engine, report_id, "tables.requests.result_total.total", (req["result_total"]["total"] or 0) + 5)
    assert stale_report_ids(engine) == [report_id]
    assert list_reports(engine, ListFilter(status="fail"), 10).rows[0].failing == ("R2",)  # the summary is behind
    create_app(engine)
    assert stale_report_ids(engine) == []
    # R2 holds in both columns now; R1 (一＋二 = 三（七）＋四) no longer does, nor R8 (the narrative restates
    # the completed requests as the old total): what the list shows
    assert list_reports(engine, ListFilter(status="fail"), 10).rows[0].failing == ("R1", "R8")
    assert status_counts(engine)["corrected"] == 1
    _counts_agree_with_the_list(engine)


def _counts_agree_with_the_list(engine: Engine) -> None:
    """The header's counts (taken from the small sides) are the totals of the list's own filters."""
    counts = status_counts(engine)
    assert counts["all"] == list_reports(engine, ListFilter(), 10).total
    for status in ("todo", "fail", "corrected"):
        assert counts[status] == list_reports(engine, ListFilter(status=status), 10).total, status


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    sink = SqlSink(pg_url)
    with sink.engine.begin() as conn:
        metadata.drop_all(conn)
    sink.close()
    sink = SqlSink(pg_url)
    yield sink.engine
    sink.close()


def test_the_list_and_corrections_work_the_same_on_postgresql(
        pg_engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> None:
    ids = [store(pg_engine, extracted(p), str(p)) for p in broken_pdfs]
    page = list_reports(pg_engine, ListFilter(), 2)
    assert page.total == 4 and page.pages == 2 and len(page.rows) == 2
    assert all(row.failing and row.n_warnings >= 0 for row in page.rows)
    assert list_reports(pg_engine, ListFilter(year=extracted(broken_pdfs[0]).report.year), 10).total >= 1
    first = next_to_review(pg_engine)
    assert first in ids
    set_reviewed(pg_engine, first, True)  # no summary row yet: nothing to mark
    review_report(pg_engine, first)
    assert set_reviewed(pg_engine, first, True)
    assert next_to_review(pg_engine, first) not in (None, first)
    add_correction(pg_engine, ids[3], "tables.requests.new_requests.natural_person", "12", note="<b>核对</b>")
    reviewed = review_report(pg_engine, ids[3])
    assert reviewed.view["tables"]["requests"]["new_requests"]["natural_person"] == 12
    assert list_reports(pg_engine, ListFilter(status="corrected"), 10).rows[0].id == ids[3]
    with pg_engine.connect() as conn:
        assert conn.execute(select(review_state.c.n_corrections).where(review_state.c.report_id == ids[3])).scalar() == 1
    _counts_agree_with_the_list(pg_engine)
