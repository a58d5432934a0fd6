"""Corrections: stored beside the extraction, applied to a copy, re-checked at once, never lossy."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select

from extractor.api import extract
from extractor.review.corrected import CorrectionError, parse_cell_value
from extractor.review.corrections import add_correction, corrected_document
from extractor.sinks.base import ReportResult
from extractor.sinks.corrections import ReportNotFound, all_corrections
from extractor.sinks.migrations import reports
from extractor.sinks.sql import SqlSink
from extractor.synth import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated PDFs with one relation broken on purpose each (seed 3): index 3 breaks R2 (2021),
    index 2 is a 2019 report whose narrative states its year with a published count."""
    return generate(4, ["2019", "2021"], ["pdf"], 3, tmp_path_factory.mktemp("broken"), break_relation=True)


def _store(folder: Path, path: Path) -> tuple[Engine, int]:
    report = extract(path)
    sink = SqlSink(f"sqlite:///{folder / 'review.db'}")
    sink.write_report(ReportResult(path.name, report.source.sha256, report.source.extractor_version, report))
    with sink.engine.connect() as conn:
        report_id = conn.execute(select(reports.c.id)).scalar_one()
    return sink.engine, report_id


@pytest.fixture
def db(tmp_path: Path, generated: list[Path]) -> tuple[Engine, int]:
    return _store(tmp_path, generated[3])


def _check(view: dict[str, Any], check_id: str) -> dict[str, Any]:
    return next(c for c in view["checks"] if c["id"] == check_id)


def _r2_repair(view: dict[str, Any]) -> tuple[str, int]:
    """The result_open cell of the failing column and the value that makes R2 hold there."""
    req = view["tables"]["requests"]
    for col in req["result_total"]:
        parts = sum((cols[col] or 0) for row, cols in req.items()
                    if row not in ("new_requests", "carried_over", "result_total", "carried_forward", "result_open"))
        wanted = (req["result_total"][col] or 0) - parts
        if (req["result_open"][col] or 0) != wanted and col != "total":
            return f"tables.requests.result_open.{col}", wanted
    raise AssertionError("no failing R2 column")


def test_a_corrected_cell_turns_its_relation_green(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    before = corrected_document(engine, report_id)
    assert _check(before.view, "R2")["status"] == "fail" and not before.corrected
    path, value = _r2_repair(before.view)
    row_total = path.rsplit(".", 1)[0] + ".total"
    old_total = before.view["tables"]["requests"]["result_open"]["total"]
    bump = value - before.view["tables"]["requests"]["result_open"][path.rsplit(".", 1)[1]]
    add_correction(engine, report_id, path, str(value), note="read from the page image")
    add_correction(engine, report_id, row_total, old_total + bump)  # the row total moved with it (R3)
    after = corrected_document(engine, report_id)
    assert _check(after.view, "R2")["status"] == "pass"
    assert _check(after.view, "R3")["status"] == "pass"
    assert after.view["provenance"][path]["confidence"] == 1.0 and after.view["provenance"][path]["raw"] == str(value)
    # the extraction itself is untouched: the stored document still fails R2
    assert _check(after.stored.document, "R2")["status"] == "fail"
    stored = all_corrections(engine)
    assert [c.path for c in stored] == [path, row_total] and stored[0].note == "read from the page image"
    assert stored[0].old_value == before.view["tables"]["requests"]["result_open"][path.rsplit(".", 1)[1]]


@pytest.mark.parametrize("entry, expected", [("1,234", 1234), ("３５", 35), (" 7 ", 7), ("96171.6", 96171.6),
                                             ("-3", -3), ("", None), ("-", None), (12, 12)])
def test_cell_entries_are_read_as_printed(entry: Any, expected: Any) -> None:
    assert parse_cell_value(entry) == expected


@pytest.mark.parametrize("path, value, message", [
    ("tables.requests.new_requests.total", "twelve", "not a number"),
    ("tables.requests.new_requests.total", "12件3", "not a number"),
    ("tables.requests.no_such_row.total", 1, "not a cell"),
    ("tables.proactive.regulations.new_made", 1, "not a cell"),  # a 2019 column in a 2021 report
    ("report.year", 1850, "not a report year"),
    ("report.template", "2020", "template is one of"),
    ("narrative.published.99", {"value": 1}, "no such published item"),
    ("narrative.platforms.new", {"kind": "website"}, "needs a name"),
    ("checks.0.status", "pass", "not a correctable field"),
])
def test_bad_corrections_are_refused_with_a_reason_and_store_nothing(
        db: tuple[Engine, int], path: str, value: Any, message: str) -> None:
    engine, report_id = db
    with pytest.raises(CorrectionError, match=message):
        add_correction(engine, report_id, path, value)
    assert all_corrections(engine) == []


def test_a_correction_on_a_deleted_report_says_so(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    with engine.begin() as conn:
        conn.execute(delete(reports).where(reports.c.id == report_id))
    with pytest.raises(ReportNotFound, match=f"report {report_id} is not in the database"):
        add_correction(engine, report_id, "report.year", 2024)


def test_concurrent_corrections_of_one_cell_are_both_kept_and_the_last_applies(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    path = "tables.requests.new_requests.natural_person"
    barrier = threading.Barrier(2)

    def correct(value: int) -> None:
        barrier.wait()
        add_correction(engine, report_id, path, value)

    threads = [threading.Thread(target=correct, args=(v,)) for v in (101, 202)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = all_corrections(engine)
    assert sorted(c.new_value for c in stored) == [101, 202]
    last = max(stored, key=lambda c: c.id)
    assert corrected_document(engine, report_id).view["tables"]["requests"]["new_requests"]["natural_person"] == last.new_value


def test_narrative_items_are_added_edited_and_removed_by_key(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    view = corrected_document(engine, report_id)
    extracted = len(view.view["narrative"]["published"])
    assert extracted > 0
    added = add_correction(engine, report_id, "narrative.published.new",
                           {"value": "125", "unit": "条", "channel": "政府门户网站", "text": "公开信息125条"})
    assert added.path.startswith("narrative.published.a")
    add_correction(engine, report_id, added.path, {"value": 126})
    add_correction(engine, report_id, "narrative.published.0", None)
    after = corrected_document(engine, report_id)
    published = after.view["narrative"]["published"]
    assert len(published) == extracted  # one removed, one added
    assert published[-1]["value"] == 126 and published[-1]["unit"] == "条" and published[-1]["span"] is None
    assert published[-1]["text"] == "公开信息125条"  # a text the reviewer wrote stays as written
    assert after.item_keys["published"][-1] == added.path.rsplit(".", 1)[1]
    assert "0" not in after.item_keys["published"]
    with pytest.raises(CorrectionError, match="no such published item"):
        add_correction(engine, report_id, "narrative.published.0", {"value": 1})  # already removed


def test_year_and_template_corrections_recheck_and_rekey(tmp_path: Path, generated: list[Path]) -> None:
    engine, report_id = _store(tmp_path, generated[2])
    view = corrected_document(engine, report_id).view
    year = view["report"]["year"]
    stated = [y["year"] for y in view["narrative"]["count_years"]]
    assert stated, "the generated narrative states its year with a count"
    assert _check(view, "R9")["status"] == "pass"
    add_correction(engine, report_id, "report.year", year + 1)
    after = corrected_document(engine, report_id).view
    assert _check(after, "R9")["status"] == "fail"
    assert any(w["code"] == "year_mismatch" for w in after["warnings"])
    assert view["report"]["template"] == "2019"
    add_correction(engine, report_id, "report.template", "2021")
    table2 = corrected_document(engine, report_id).view["tables"]["proactive"]
    assert set(table2["admin_license"]) == {"decisions"} and "amount_wan_yuan" in table2["admin_fees"]
    assert table2["admin_license"]["decisions"] == view["tables"]["proactive"]["admin_license"]["decisions"]
    assert table2["regulations"]["issued"] is None  # a 2021 column the 2019 report never printed


def test_a_hand_added_count_without_text_keeps_its_text_in_step_with_its_number(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    added = add_correction(engine, report_id, "narrative.published.new", {"value": "40", "unit": "期"})
    add_correction(engine, report_id, added.path, {"value": 41})
    extracted_item = corrected_document(engine, report_id).view["narrative"]["published"][0]
    add_correction(engine, report_id, "narrative.published.0", {"value": extracted_item["value"] + 1})
    published = corrected_document(engine, report_id).view["narrative"]["published"]
    assert published[-1]["text"] == "41期"
    assert published[0]["text"] == extracted_item["text"]  # an extracted item keeps the words printed in the report


def test_a_form_sending_the_generated_text_back_unchanged_still_lets_it_follow_the_number(db: tuple[Engine, int]) -> None:
    engine, report_id = db
    added = add_correction(engine, report_id, "narrative.published.new", {"value": "40", "unit": "期"})
    add_correction(engine, report_id, added.path, {"value": "41", "unit": "期", "text": "40期"})  # the edit form's fields
    assert corrected_document(engine, report_id).view["narrative"]["published"][-1]["text"] == "41期"
    add_correction(engine, report_id, added.path, {"value": "42", "unit": "期", "text": "第四十二期"})  # written by hand
    assert corrected_document(engine, report_id).view["narrative"]["published"][-1]["text"] == "第四十二期"
