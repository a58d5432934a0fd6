"""Pipe-table rows → merged cells: a converter's copies become spans, printed values never do."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.model import Table
from extractor.readers.md_grid import RawCell, RawRow, build_table, last_row_slots, restore_header_spans

PLACEHOLDER = "\x00"  # marks a converter placeholder slot in these tests ("Col3" in a header row)


def _rows(*rows: Sequence[str]) -> list[RawRow]:
    return [
        RawRow(tuple(RawCell("", True) if text == PLACEHOLDER else RawCell(text) for text in row))
        for row in rows
    ]


def _layout(table: Table) -> list[tuple[int, int, str, int, int]]:
    """(row, col, text, row_span, col_span) of every cell, in order."""
    return [(c.row, c.col, c.text, c.row_span, c.col_span) for c in table.cells]


def _row_values(table: Table, row: int) -> list[str]:
    return [c.text for c in table.cells if c.row == row]


def test_a_value_repeated_under_a_spanned_header_is_one_cell() -> None:
    table = build_table(_rows(
        ["第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项"],
        ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
        ["行政许可", "3120", "3120", "3120"],
        ["行政处罚", "76", "76", "76"],
    ))
    assert _layout(table) == [
        (0, 0, "第二十条第（五）项", 1, 4),
        (1, 0, "信息内容", 1, 1), (1, 1, "本年处理决定数量", 1, 3),
        (2, 0, "行政许可", 1, 1), (2, 1, "3120", 1, 3),
        (3, 0, "行政处罚", 1, 1), (3, 1, "76", 1, 3),
    ]  # fmt: skip


def test_equal_values_under_distinct_headers_stay_separate_values() -> None:
    table = build_table(_rows(
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "4", "4", "12"],
    ))
    assert _row_values(table, 1) == ["规章", "0", "0", "0"]
    assert _row_values(table, 2) == ["行政规范性文件", "4", "4", "12"]


def test_a_first_row_without_a_header_above_never_merges_values() -> None:
    table = build_table(_rows(["一、本年新收政府信息公开申请数量", "0", "0", "0", "0"]))
    assert _row_values(table, 0) == ["一、本年新收政府信息公开申请数量", "0", "0", "0", "0"]


def test_placeholders_in_the_header_row_extend_the_label_to_their_left() -> None:
    table = build_table(_rows(
        ["行政复议", PLACEHOLDER, PLACEHOLDER, "行政诉讼", PLACEHOLDER, PLACEHOLDER],
        ["维持", "纠正", "总计", "维持", "纠正", "总计"],
    ))
    assert _layout(table)[:2] == [(0, 0, "行政复议", 1, 3), (0, 3, "行政诉讼", 1, 3)]


def test_left_fill_of_a_tall_header_cell_is_read_as_that_cell_continued() -> None:
    """pymupdf4llm fills a covered slot from the left first: "其他|其他" under "…|总计"."""
    table = build_table(_rows(
        ["自然人", "法人或其他组织", "法人或其他组织", "总计"],
        ["自然人", "商业企业", "其他", "其他"],
        ["5", "1", "0", "6"],
    ))
    assert _layout(table) == [
        (0, 0, "自然人", 2, 1), (0, 1, "法人或其他组织", 1, 2), (0, 3, "总计", 2, 1),
        (1, 1, "商业企业", 1, 1), (1, 2, "其他", 1, 1),
        (2, 0, "5", 1, 1), (2, 1, "1", 1, 1), (2, 2, "0", 1, 1), (2, 3, "6", 1, 1),
    ]  # fmt: skip


def test_a_row_label_spanning_columns_under_finer_cells_above() -> None:
    table = build_table(_rows(
        ["（五）不予处理", "5.要求行政机关确认", "0", "0"],
        ["（六）其他处理", "（六）其他处理", "2", "2"],
    ))
    assert _layout(table)[4:] == [(1, 0, "（六）其他处理", 1, 2), (1, 2, "2", 1, 1), (1, 3, "2", 1, 1)]


def test_a_group_label_repeated_down_the_rows_is_one_tall_cell() -> None:
    table = build_table(_rows(
        ["（三）不予公开", "1.属于国家秘密", "0"],
        ["（三）不予公开", "2.其他法律行政法规禁止公开", "1"],
        ["（四）无法提供", "1.本机关不掌握相关政府信息", "3"],
    ))
    assert (0, 0, "（三）不予公开", 2, 1) in _layout(table)
    assert (2, 0, "（四）无法提供", 1, 1) in _layout(table)


def test_values_never_span_rows() -> None:
    table = build_table(_rows(["甲", "7"], ["乙", "7"]))
    assert [c.row_span for c in table.cells] == [1, 1, 1, 1]


def test_a_continuing_part_reads_its_placeholders_against_the_part_above() -> None:
    upper = build_table(_rows(
        ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握", "2"],
        ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息", "0"],
    ))
    lower = build_table(_rows([PLACEHOLDER, PLACEHOLDER, "3.补正后仍不明确", "1"]), last_row_slots(upper))
    # both placeholders are the lower parts of the tall cells above: empty cells of their columns
    assert _layout(lower) == [(0, 0, "", 1, 1), (0, 1, "", 1, 1), (0, 2, "3.补正后仍不明确", 1, 1), (0, 3, "1", 1, 1)]


def test_a_placeholder_in_a_value_column_is_a_blank() -> None:
    """pymupdf4llm names a blank header-row cell "Col4" too; other rows show the column holds values."""
    table = build_table(_rows(
        ["5.要求行政机关确认", PLACEHOLDER, "—", PLACEHOLDER],
        ["（六）其他处理", "1", "0", "1"],
    ))
    assert _row_values(table, 0) == ["5.要求行政机关确认", "", "—", ""]


def test_a_finer_grid_that_halves_every_value_cell_is_undone() -> None:
    table = build_table(_rows(
        ["6.属于四类过程性信息", "3", PLACEHOLDER, "0", PLACEHOLDER, "3", PLACEHOLDER],
        ["7.属于行政执法案卷", "2", "2", "1", "1", "3", "3"],
    ))
    assert _row_values(table, 0) == ["6.属于四类过程性信息", "3", "0", "3"]
    assert _row_values(table, 1) == ["7.属于行政执法案卷", "2", "1", "3"]


def test_one_halved_looking_column_is_not_enough() -> None:
    """A blank beside a zero in an all-zero table looks like one halved cell: it stays a blank."""
    table = build_table(_rows(["8.属于行政查询事项", "0", PLACEHOLDER, "0"], ["4.保护第三方合法权益", "0", "0", "0"]))
    assert _row_values(table, 1) == ["4.保护第三方合法权益", "0", "0", "0"]


def test_empty_header_slots_become_spans_but_a_blank_data_row_keeps_its_blanks() -> None:
    table = restore_header_spans(build_table(_rows(
        ["行政复议", "", "", "行政诉讼", "", ""],
        ["", "", "", "直接起诉", "", ""],
        ["维持", "纠正", "总计", "维持", "纠正", "总计"],
        ["", "1", "1", "", "", "0"],
    )))
    assert _layout(table)[:3] == [(0, 0, "行政复议", 2, 3), (0, 3, "行政诉讼", 1, 3), (1, 3, "直接起诉", 1, 3)]
    assert len([c for c in table.cells if c.row == 3]) == 6
    blank_row = restore_header_spans(build_table(_rows(["信息内容", "本年制发件数", "现行有效件数"], ["规章", "", ""], ["行政规范性文件", "3", "9"])))
    assert _row_values(blank_row, 1) == ["规章", "", ""]


def test_a_continuation_on_a_grid_of_twice_the_value_columns_is_halved() -> None:
    """The part it continues has 2 value columns; this one 4, each pair holding one text."""
    rows = _rows(
        ["4.保护第三方合法权益", PLACEHOLDER, PLACEHOLDER, "0", PLACEHOLDER],
        ["5.属于三类内部事务信息", "1", "1", "", ""],
        ["6.属于四类过程性信息", "", "", "0", "0"],
    )
    table = build_table(rows, expected_value_columns=2)
    assert _row_values(table, 1) == ["5.属于三类内部事务信息", "1", ""]
    assert _row_values(table, 2) == ["6.属于四类过程性信息", "", "0"]
    # the same rows continuing a table of four value columns are four columns
    assert _row_values(build_table(rows, expected_value_columns=4), 1) == ["5.属于三类内部事务信息", "1", "1", "", ""]
    # and a pair that disagrees in one row is no halved cell
    mixed = _rows(["甲", "1", "1", "0", "0"], ["乙", "2", "0", "3", "3"])
    assert _row_values(build_table(mixed, expected_value_columns=2), 1) == ["乙", "2", "0", "3", "3"]
