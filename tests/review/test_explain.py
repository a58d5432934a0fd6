"""Verdicts told in Chinese: the messages the checks really write (R5–R9, "not assessable") become the
sentences a reviewer reads, with the printed labels of the cells they name; unknown messages pass through."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.checks.cross_year import check_r6, check_r7
from extractor.checks.from_json import checks_from_report_json
from extractor.checks.narrative import check_restated, check_year
from extractor.model import Report
from extractor.review.cells import cell_infos
from extractor.review.explain import reasons
from extractor.review.messages import warning_title


@dataclass(frozen=True)
class Restated:
    kind: str
    value: int | float
    text: str


@dataclass(frozen=True)
class StatedYear:
    year: int
    text: str
    page: int | None = None


def _document(broken_pdfs: list[Path], extracted: Callable[[Path], Report]) -> dict[str, Any]:
    return extracted(broken_pdfs[3]).model_dump(mode="json")  # a 2021 report


def _values(doc: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
    return {(t, r, c): v for t, rows in doc["tables"].items() for r, cols in rows.items() for c, v in cols.items()}


def test_r5_names_the_cell_and_what_was_printed(broken_pdfs: list[Path], extracted: Callable[[Path], Report]) -> None:
    doc = _document(broken_pdfs, extracted)
    doc["tables"]["requests"]["new_requests"]["natural_person"] = 2.5
    doc["provenance"]["tables.requests.new_requests.natural_person"]["raw"] = "2.5"
    r5 = next(c for c in checks_from_report_json(doc) if c.id == "R5")
    assert r5.status == "fail"
    lines = reasons(r5.model_dump(), cell_infos(doc, []))
    assert lines == ["表三 一、本年新收政府信息公开申请数量 · 自然人：原文「2.5」不是有效的件数（非负整数）"]


def test_an_unreadable_cell_makes_r1_not_assessable_in_words(
        broken_pdfs: list[Path], extracted: Callable[[Path], Report]) -> None:
    doc = _document(broken_pdfs, extracted)
    doc["tables"]["requests"]["new_requests"]["natural_person"] = None
    doc["provenance"]["tables.requests.new_requests.natural_person"]["raw"] = "l2"
    r1 = next(c for c in checks_from_report_json(doc) if c.id == "R1")
    assert r1.status == "not_assessable"
    assert reasons(r1.model_dump(), cell_infos(doc, [])) == ["所需单元格为空、横线或未取值，无法判断"]


def test_cross_year_failures_say_both_years_numbers(broken_pdfs: list[Path], extracted: Callable[[Path], Report]) -> None:
    doc = _document(broken_pdfs, extracted)
    cur = _values(doc)
    prev = copy.deepcopy(cur)
    prev[("requests", "carried_forward", "natural_person")] = (cur[("requests", "carried_over", "natural_person")] or 0) + 3
    prev[("proactive", "normative_docs", "in_force")] = (cur[("proactive", "normative_docs", "in_force")] or 0) + 5
    cells = cell_infos(doc, [])
    r6 = check_r6(cur, prev, 2024)
    a = cur[("requests", "carried_over", "natural_person")]
    assert reasons(r6.model_dump(), cells)[0] == (
        f"自然人列：本年“上年结转” {a} ≠ 2023 年度“结转下年度继续办理” {a + 3}")
    r7 = check_r7(cur, prev, 2024)
    now, issued, repealed = (cur[("proactive", "normative_docs", k)] for k in ("in_force", "issued", "repealed"))
    before = now + 5
    assert reasons(r7.model_dump(), cells) == [
        f"行政规范性文件：现行有效件数 {now} ≠ 2023 年度现行有效 {before} ＋ 本年制发 {issued} − 本年废止 {repealed} ＝ "
        f"{before + issued - repealed}"]
    blank = {k: None for k in cur}
    assert reasons(check_r6(cur, blank, 2024).model_dump(), cells) == ["与 2023 年度报告没有可对照的单元格"]


def test_narrative_checks_quote_the_sentence_and_the_years() -> None:
    tables = {"requests": {"new_requests": {"total": 12}}}
    r8 = check_restated([Restated("requests_received", 15, "共收到政府信息公开申请15件")], tables)
    assert r8 is not None and r8.status == "fail"
    assert reasons(r8.model_dump(), {}) == ["正文「共收到政府信息公开申请15件」说 15，表格中 requests.new_requests.total ＝ 12"]
    r9, _warnings = check_year([StatedYear(2023, "2023年共发布信息120条"), StatedYear(2022, "2022年公开文件8件")], 2024)
    assert r9 is not None and reasons(r9.model_dump(), {}) == [
        "正文在公开数量处写的是 2023 年，本报告为 2024 年度", "正文在公开数量处写的是 2022 年，本报告为 2024 年度"]
    unknown, _ = check_year([StatedYear(2023, "2023年共发布信息120条")], None)
    assert unknown is not None and reasons(unknown.model_dump(), {}) == ["报告年度未知，请先更正报告年度"]


def test_passes_say_nothing_and_unknown_messages_pass_through() -> None:
    assert reasons({"id": "R8", "status": "pass", "message": "1 restated number(s) agree"}, {}) == []
    odd = {"id": "R9", "status": "fail", "message": "something new the checks learned to say"}
    assert reasons(odd, {}) == ["something new the checks learned to say"]


def test_warning_titles_name_the_missing_part() -> None:
    assert warning_title("section_missing", "section problems not found") == "未找到“五、存在的主要问题及改进情况”部分"
    assert warning_title("table_missing", "table review_litigation not found; its cells are null") == (
        "未找到表格“四、政府信息公开行政复议、行政诉讼情况”，其单元格为空")
    assert warning_title("year_mismatch", "narrative says 2023 in a 2024 report") == "正文所述年份与报告年度不一致"
    assert warning_title("new_code", "whatever") == "new_code"
