"""Cross-page stitching as pure functions on model.Table, plus the real cut label of huaian_szfgs_2024."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from extractor.layout.stitch import column_edges, columns_match, continues, merge_tables, stitch_tables
from extractor.model import Cell, Line, Page, Table
from extractor.readers import pdf as pdf_reader
from extractor.settings import Settings

SETTINGS = Settings()
PAGES = [Page(number=n, width=595, height=842) for n in (1, 2, 3)]
XS = (72.0, 200.0, 300.0, 400.0)
ROW_H = 25.0


def _table(page: int, top: float, rows: Sequence[Sequence[str]], xs: Sequence[float] = XS) -> Table:
    """A plain grid, one cell per slot, rows ROW_H high from `top`."""
    cells = [
        Cell(
            row=r,
            col=c,
            text=text,
            page=page,
            bbox=(xs[c], top + r * ROW_H, xs[c + 1], top + (r + 1) * ROW_H),
        )
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    bottom = top + len(rows) * ROW_H
    return Table(
        n_rows=len(rows), n_cols=len(xs) - 1, cells=cells, page=page, bbox=(xs[0], top, xs[-1], bottom)
    )


def _footer(page: int, text: str = "- 1 -") -> Line:
    return Line(text=text, page=page, bbox=(280, 800, 310, 812))


def _texts(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in table.grid()]


UPPER = _table(1, 690, [["项目", "数量", "金额"], ["甲类", "1", "2"]])
LOWER = _table(2, 72, [["乙类", "3", "4"]])


def test_column_edges() -> None:
    assert column_edges(UPPER) == list(XS)


def test_continues_over_a_page_footer_only() -> None:
    assert continues(UPPER, LOWER, [_footer(1), _footer(2, "- 2 -")], PAGES, SETTINGS)


def test_prose_between_the_parts_stops_stitching() -> None:
    note = Line(text="注：单位为件", page=1, bbox=(72, 760, 200, 772))
    assert not continues(UPPER, LOWER, [note], PAGES, SETTINGS)


def test_a_table_ending_mid_page_does_not_continue() -> None:
    high = _table(1, 300, [["项目", "数量", "金额"]])
    assert not continues(high, LOWER, [], PAGES, SETTINGS)


def test_a_table_starting_low_on_the_next_page_does_not_continue() -> None:
    low = _table(2, 400, [["乙类", "3", "4"]])
    assert not continues(UPPER, low, [], PAGES, SETTINGS)


def test_pages_must_be_consecutive() -> None:
    later = _table(3, 72, [["乙类", "3", "4"]])
    assert not continues(UPPER, later, [], PAGES, SETTINGS)


def test_columns_must_line_up() -> None:
    shifted = _table(2, 72, [["乙类", "3", "4"]], xs=(120.0, 250.0, 350.0, 500.0))
    assert not columns_match(UPPER, shifted, SETTINGS.table_stitch_edge_tolerance_pt)
    nudged = _table(2, 72, [["乙类", "3", "4"]], xs=(70.0, 202.0, 301.0, 402.0))
    assert columns_match(UPPER, nudged, SETTINGS.table_stitch_edge_tolerance_pt)


def test_merge_renumbers_rows_and_keeps_cell_pages() -> None:
    merged = merge_tables(UPPER, LOWER, SETTINGS)
    assert (merged.n_rows, merged.n_cols, merged.page, merged.bbox) == (3, 3, 1, UPPER.bbox)
    assert _texts(merged)[2] == ["乙类", "3", "4"]
    moved = [cell for cell in merged.cells if cell.row == 2]
    assert all(cell.page == 2 and cell.bbox is not None and cell.bbox[1] == 72 for cell in moved)


def test_continuation_with_fewer_column_rules_is_placed_on_the_finer_grid() -> None:
    lower = _table(2, 72, [["信息内容", "本年处理决定数量"], ["行政处罚", "12"]], xs=(72.0, 200.0, 400.0))
    assert continues(UPPER, lower, [], PAGES, SETTINGS)
    merged = merge_tables(UPPER, lower, SETTINGS)
    assert merged.n_cols == 3
    header = merged.grid()[2]
    assert header[1] is not None and (header[1].text, header[1].col_span) == ("本年处理决定数量", 2)
    assert header[2] is None


def _cut(upper_label: Cell, lower_label: Cell) -> Table:
    """UPPER with `upper_label` in column 0, over a two-row part whose column 0 is `lower_label`."""
    covered = range(upper_label.row, upper_label.row + upper_label.row_span)
    kept = [c for c in UPPER.cells if c.col > 0 or c.row not in covered]
    upper = UPPER.model_copy(update={"cells": [*kept, upper_label]})
    rest = [c for c in _table(2, 72, [["", "3", "4"], ["", "5", "6"]]).cells if c.col > 0]
    lower = Table(n_rows=2, n_cols=3, cells=[lower_label, *rest], page=2, bbox=(XS[0], 72, XS[-1], 122))
    if lower_label.row_span == 1:
        lower.cells.append(_label(2, 1, "丙", 1, 97))
    return merge_tables(upper, lower, SETTINGS)


def _label(page: int, row: int, text: str, row_span: int, top: float) -> Cell:
    bbox = (XS[0], top, XS[1], top + row_span * ROW_H)
    return Cell(row=row, col=0, text=text, row_span=row_span, page=page, bbox=bbox)


def test_label_cut_by_the_break_is_joined() -> None:
    merged = _cut(_label(1, 1, "（四）无", 1, 715), _label(2, 0, "法提供", 2, 72))
    first = merged.grid()[1][0]
    assert first is not None and (first.text, first.row_span, first.page) == ("（四）无法提供", 3, 1)
    assert merged.grid()[2][0] is None and merged.grid()[3][0] is None


def test_empty_continuation_of_a_spanning_label_extends_it() -> None:
    merged = _cut(_label(1, 0, "三、本年度办理结果", 2, 690), _label(2, 0, "", 2, 72))
    first = merged.grid()[0][0]
    assert first is not None and (first.text, first.row_span) == ("三、本年度办理结果", 4)


@pytest.mark.parametrize("text", ["（五）不予处理", "1.信访举报投诉类申请", "12"])
def test_a_new_label_or_number_at_the_top_stays_its_own_cell(text: str) -> None:
    merged = _cut(_label(1, 1, "（四）无法提供", 1, 715), _label(2, 0, text, 2, 72))
    below = merged.grid()[2][0]
    assert below is not None and below.text == text


def test_single_row_cells_on_both_sides_are_never_joined() -> None:
    merged = _cut(_label(1, 1, "（四）无", 1, 715), _label(2, 0, "", 1, 72))
    assert merged.grid()[2][0] is not None


def test_stitch_chains_three_pages_and_keeps_other_tables() -> None:
    middle = _table(2, 72, [[f"行{r}", str(r), str(r)] for r in range(30)])  # fills page 2
    last = _table(3, 72, [["尾行", "9", "9"]])
    other = _table(3, 400, [["另表", "0", "0"]])
    lines = [Line(text="另一张表", page=3, bbox=(72, 380, 150, 392))]
    stitched = stitch_tables([other, last, middle, UPPER], lines, PAGES, SETTINGS)
    assert [t.n_rows for t in stitched] == [2 + 30 + 1, 1]
    assert {cell.page for cell in stitched[0].cells} == {1, 2, 3}
    assert _texts(stitched[0])[-1] == ["尾行", "9", "9"]


def test_huaian_cut_label_and_fee_table(corpus_dir: Path) -> None:
    path = corpus_dir / "huaian_szfgs_2024.pdf"
    document = pdf_reader.read(path, path.read_bytes(), SETTINGS)
    cut = [cell for table in document.tables for cell in table.cells if cell.text.startswith("（四）无")]
    assert len(cut) == 1
    assert (cut[0].text, cut[0].row_span, cut[0].page) == ("（四）无法提供", 3, 4)
    vertical = next(c for t in document.tables for c in t.cells if c.text == "三、本年度办理结果")
    assert vertical.row_span == 22  # 11 rows on page 4, 11 on page 5
    # table 2 runs from page 3 (4 columns) onto page 4 (2 column rules): one table of 4 columns
    proactive = next(t for t in document.tables if any(c.text == "行政事业性收费" for c in t.cells))
    assert proactive.n_cols == 4 and {c.page for c in proactive.cells} == {3, 4}
    fee = next(c for c in proactive.cells if c.page == 4 and c.row == proactive.n_rows - 1 and c.col == 1)
    assert fee.col_span == 3
