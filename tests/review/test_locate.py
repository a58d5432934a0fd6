"""Cells and narrative items found in the running text of inputs without pages (HTML, DOCX, text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractor import api
from extractor.model import Report
from extractor.review.locate import cell_spans, text_span


@pytest.mark.parametrize("index", [0, 1, 2], ids=["html", "docx", "txt"])
def test_a_placed_cell_is_exactly_its_printed_field(index: int, text_docs: list[Path],
                                                     extracted: Callable[[Path], Report]) -> None:
    report = extracted(text_docs[index])
    text = api.running_text(text_docs[index]).text
    raws = {path: prov.raw for path, prov in report.provenance.items()}
    exact = {p: s for p, (s, is_exact) in cell_spans(text, report.tables, report.report.template, raws).items() if is_exact}
    unchecked = {p: s for p, (s, is_exact) in cell_spans(text, report.tables, report.report.template).items() if is_exact}
    for path, (start, end) in unchecked.items():  # placed by position alone, each field is the one read
        assert text[start:end].strip() == (report.provenance[path].raw or "").strip(), path
    assert exact == unchecked
    assert len(exact) >= 180  # of 207 cells; the unprinted （六） row never has a field
    assert "tables.requests.result_total.total" in exact and "tables.review_litigation.review.total" in exact


def test_a_row_whose_fields_ran_together_points_at_its_label() -> None:
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3 0 0 0 0 0 3\n"
    tables = {"requests": {"new_requests": {"natural_person": 3, "total": 3}}}
    spans = cell_spans(text, tables, "2021")
    (start, end), exact = spans["tables.requests.new_requests.total"]
    assert not exact and text[start:end] == "一、本年新收政府信息公开申请数量"


def test_quoted_text_is_found_across_line_breaks() -> None:
    text = "二是政策解读\n形式较为单一。\n三是栏目更新不及时。"
    assert text_span(text, "二是政策解读形式较为单一。") == (0, 14)
    assert text_span(text, "四是没有写过的话") is None and text_span(text, "  ") is None
