"""The md format: converter-shaped markdown, one converter's shape per document, other formats untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.synth import FORMATS, generate, layout, supported
from extractor.synth.report import build

MD_VARIANTS = ("md_html_tables", "md_fill", "md_repeat", "md_row_groups", "md_page_markers")


def test_markdown_shapes_belong_to_the_md_format_only() -> None:
    assert set(MD_VARIANTS) <= set(supported("md"))
    for fmt in FORMATS:
        if fmt != "md":
            assert not set(MD_VARIANTS) & set(supported(fmt)), fmt


def test_other_formats_keep_every_choice_of_their_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each format's documents are those of the generator before md existed, seed for seed."""
    now = {fmt: [build("x", 11, i, t, fmt) for i in range(12) for t in ("2019", "2021")] for fmt in FORMATS if fmt != "md"}
    monkeypatch.setattr(layout, "VARIANTS", tuple(v for v in layout.VARIANTS if v not in MD_VARIANTS))
    before = {fmt: [build("x", 11, i, t, fmt) for i in range(12) for t in ("2019", "2021")] for fmt in now}
    for fmt, reports in now.items():
        for new, old in zip(reports, before[fmt], strict=True):
            assert (new.layout, new.blocks, new.title, new.gold) == (old.layout, old.blocks, old.title, old.gold)


def test_a_document_has_one_table_style() -> None:
    for i in range(80):
        chosen = set(build("x", 5, i, "2021", "md").layout.variants)
        assert len(chosen & {"md_html_tables", "md_fill", "md_repeat"}) <= 1
        assert not ("md_html_tables" in chosen and "md_row_groups" in chosen)
    forced = build("x", 5, 0, "2021", "md", variants=["md_html_tables", "md_fill", "md_row_groups"])
    assert forced.layout.variants == ("md_html_tables",)


def _render(tmp_path: Path, variants: list[str]) -> str:
    (path,) = generate(1, ["2021"], ["md"], seed=9, out_dir=tmp_path, variants=variants)
    return path.read_text(encoding="utf-8")


def test_pymupdf4llm_shape_repeats_merged_cells_and_names_empty_header_slots(tmp_path: Path) -> None:
    text = _render(tmp_path, ["md_fill", "md_page_markers"])
    license_row = next(line for line in text.splitlines() if line.startswith("|行政许可|"))
    value = license_row.split("|")[2]
    assert license_row == f"|行政许可|{value}|{value}|{value}|"  # one value written into its three slots
    assert "|Col2|" in text and "--- end of page=0 ---" in text
    assert "**一、总体情况**" in text


def test_mineru_shape_writes_html_tables_and_page_comments(tmp_path: Path) -> None:
    text = _render(tmp_path, ["md_html_tables", "md_page_markers"])
    assert text.count("<table>") >= 3 and 'rowspan="' in text and 'colspan="' in text
    assert not re.search(r"^\|", text, re.MULTILINE)
    assert "<!-- page 2 -->" in text and re.search(r"^!\[\]\(images/[0-9a-f]+\.jpg\)$", text, re.MULTILINE)


def test_row_groups_put_each_group_under_an_empty_header(tmp_path: Path) -> None:
    text = _render(tmp_path, ["md_row_groups"])
    assert text.count("|||||\n|---|---|---|---|") >= 6  # table 2: caption, header and rows per group
    assert "{1}" + "-" * 48 not in text  # no page markers without md_page_markers


def test_docling_shape_repeats_text_over_rows_and_drops_page_footers(tmp_path: Path) -> None:
    text = _render(tmp_path, ["md_repeat", "md_page_markers", "vertical_labels"])
    rows = [line for line in text.splitlines() if line.startswith("|三<br>、<br>本")]
    assert len(rows) >= 10  # the tall group label written into every row it spans (on its page)
    assert "<!-- page break -->" in text
    assert not re.search(r"^[-—]\s?\d+\s?[-—]$", text, re.MULTILINE)
