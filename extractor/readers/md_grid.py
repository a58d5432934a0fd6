"""Pipe-table rows → a grid of spanning cells, the structure the HTML reader gets from colspan.

A pipe table cannot say that a cell spans; converters write a merged cell's text into every slot
it covers instead (pymupdf4llm fills a covered slot from the left, else from above, and names the
covered slots of its header row "Col2", "Col3"; Docling repeats the text in every slot). Read
naively, "|行政许可|9487|9487|9487|" is three values where the page printed one.

A repeated text is therefore read back as one spanning cell, under rules that can only remove
copies a converter made, never a printed value:

- a label repeated to the right extends to the right: in a row with values (its label cells
  span), or where the row above is one cell over both columns, or where nothing explains it
  otherwise; in a header row (no values) under two different cells it is instead the lower part
  of the cell above ("其他|其他" under "法人或其他组织|总计": 总计 spans two header rows);
- a label equal to the cell directly above (same columns) is that cell continued downwards;
- a value (or blank) repeated to the right is one value only where the row above is one cell
  over both columns (a spanned header "本年处理决定数量"): distinct columns above mean distinct
  printed values, so "0|0" under "商业企业|科研机构" stays two zeros. Values never span rows.

The first row of a part that continues an earlier part is read against that part's last row
(`Slot`s), so a placeholder there is the continuation of the cell above it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..mapping.values import looks_like_value as _looks_like_value
from ..model import Cell, Table, TextSource

_MIN_COPIED_COLUMNS = 2  # see _copied_columns


@dataclass(frozen=True)
class RawCell:
    text: str
    placeholder: bool = False  # a converter's filler for a covered slot ("Col3" in a header row)


@dataclass(frozen=True)
class RawRow:
    cells: tuple[RawCell, ...]
    page: int | None = None


@dataclass(frozen=True)
class Slot:
    """What covers one column of a row: cells with the same `ident` are one merged cell."""

    ident: int
    text: str
    col: int
    col_span: int
    label: bool


@dataclass(eq=False)
class _Span:
    row: int
    col: int
    text: str  # what the cell prints
    match: str  # the text repeated copies are compared with (a continued cell prints "")
    label: bool
    page: int | None
    continued: bool = False  # the lower part of a cell of the previous table part
    row_span: int = 1
    col_span: int = 1

    def slot(self) -> Slot:
        return Slot(id(self), self.match, self.col, self.col_span, self.label)


@functools.lru_cache(maxsize=8192)
def looks_like_value(text: str) -> bool:
    """mapping.values.looks_like_value, cached: a table repeats the same few texts many times."""
    return _looks_like_value(text)


def _is_label(text: str) -> bool:
    return bool(text) and not looks_like_value(text)


@dataclass
class _Builder:
    n_cols: int
    above_part: Sequence[Slot | None] | None
    spans: list[_Span] = field(default_factory=list)
    by_ident: dict[int, _Span] = field(default_factory=dict)
    value_cols: set[int] = field(default_factory=set)
    copied_cols: set[int] = field(default_factory=set)  # slots that repeat their left neighbour in every row
    copied_until: int = 0  # ... in the rows before this one
    owner: list[list[_Span | None]] = field(default_factory=list)

    def slots_above(self, r: int) -> Sequence[Slot | None] | None:
        if r == 0:
            return self.above_part
        return [span.slot() if span is not None else None for span in self.owner[r - 1]]

    def one_cell_above(self, above: Sequence[Slot | None] | None, left: int, right: int) -> bool:
        if above is None or right >= len(above):
            return False
        a, b = above[left], above[right]
        return a is not None and b is not None and a.ident == b.ident

    def copied(self, r: int, c: int) -> bool:
        return r < self.copied_until and c in self.copied_cols

    def new(self, r: int, c: int, text: str, page: int | None) -> None:
        span = self.add(_Span(r, c, text, text, _is_label(text), page))
        self.owner[r][c] = span

    def add(self, span: _Span) -> _Span:
        self.spans.append(span)
        self.by_ident[id(span)] = span
        return span

    def extend_right(self, span: _Span, r: int, c: int) -> None:
        span.col_span += 1
        self.owner[r][c] = span

    def fits_below(self, slot: Slot | None, r: int, c: int, cells: Sequence[RawCell], first_is_copy: bool) -> bool:
        """The cells of row r under `slot` are all copies of it (or placeholders)."""
        if slot is None or not slot.label or slot.col != c or c + slot.col_span > self.n_cols:
            return False
        for k in range(c, c + slot.col_span):
            cell = cells[k]
            if self.owner[r][k] is not None:
                return False
            copy = cell.placeholder or cell.text == slot.text
            if k == c and first_is_copy:
                copy = True
            elif k > c and not copy:
                copy = _is_label(cell.text) and cell.text == cells[k - 1].text
            if not copy:
                return False
        return True

    def continue_below(self, slot: Slot, r: int, page: int | None) -> None:
        """Row r's slots under `slot` belong to the cell above (or to the previous part's cell)."""
        span = self.by_ident.get(slot.ident) if r > 0 else None
        if span is None:  # the cell is in the previous part: a continued cell the stitcher joins
            span = self.add(_Span(r, slot.col, "", slot.text, True, page, continued=True, col_span=slot.col_span))
        else:
            span.row_span += 1
        for k in range(slot.col, slot.col + slot.col_span):
            self.owner[r][k] = span

    def add_row(self, r: int, row: RawRow) -> None:
        cells = list(row.cells) + [RawCell("")] * (self.n_cols - len(row.cells))
        self.owner.append([None] * self.n_cols)
        above = self.slots_above(r)
        has_values = any(not cell.placeholder and cell.text and looks_like_value(cell.text) for cell in cells)
        for c, cell in enumerate(cells):
            if self.owner[r][c] is not None:
                continue
            left = self.owner[r][c - 1] if c > 0 else None
            fresh_left = left if left is not None and left.row == r and not left.continued else None
            slot_above = above[c] if above is not None and c < len(above) else None
            text = cell.text
            if cell.placeholder or (_is_label(text) and fresh_left is not None and fresh_left.label and text == fresh_left.match):
                self._copy_or_placeholder(r, c, cell, cells, fresh_left, slot_above, above, has_values, row.page)
            elif not _is_label(text):  # a value or a blank
                if (
                    fresh_left is not None
                    and not fresh_left.label
                    and fresh_left.match == text
                    and (self.one_cell_above(above, c - 1, c) or self.copied(r, c))
                ):
                    self.extend_right(fresh_left, r, c)
                else:
                    self.new(r, c, text, row.page)
            elif slot_above is not None and slot_above.text == text and self.fits_below(slot_above, r, c, cells, False):
                self.continue_below(slot_above, r, row.page)
            else:
                self.new(r, c, text, row.page)

    def _copy_or_placeholder(
        self,
        r: int,
        c: int,
        cell: RawCell,
        cells: Sequence[RawCell],
        fresh_left: _Span | None,
        slot_above: Slot | None,
        above: Sequence[Slot | None] | None,
        has_values: bool,
        page: int | None,
    ) -> None:
        if cell.placeholder and fresh_left is not None and not fresh_left.label and self.copied(r, c):
            self.extend_right(fresh_left, r, c)
            return
        if cell.placeholder and ((has_values and c in self.value_cols) or (slot_above is not None and not slot_above.label)):
            self.new(r, c, "", page)  # in a column of values (of this part, or of the part above): a blank
            return
        label_left = fresh_left is not None and fresh_left.label
        right_ok = label_left and (above is None or self.one_cell_above(above, c - 1, c) or has_values)
        if fresh_left is not None and right_ok and has_values:
            self.extend_right(fresh_left, r, c)
        elif slot_above is not None and self.fits_below(slot_above, r, c, cells, True):
            self.continue_below(slot_above, r, page)
        elif fresh_left is not None and label_left:
            self.extend_right(fresh_left, r, c)
        else:
            self.new(r, c, "" if cell.placeholder else cell.text, page)


def build_table(
    rows: Sequence[RawRow],
    above_part: Sequence[Slot | None] | None = None,
    line_index: int | None = None,
    expected_value_columns: int | None = None,
) -> Table:
    """The grid of one pipe table (one part of a printed table), merged cells restored.

    `above_part`: the last row of the part this one continues on the same grid;
    `expected_value_columns`: how many value columns the table it continues has (another grid)."""
    n_cols = max((len(row.cells) for row in rows), default=0)
    copied, copied_until = _copied_columns(rows, expected_value_columns)
    builder = _Builder(n_cols, above_part, value_cols=_raw_value_columns(rows), copied_cols=copied, copied_until=copied_until)
    for r, row in enumerate(rows):
        builder.add_row(r, row)
    cells = [
        Cell(row=s.row, col=s.col, text=s.text, row_span=s.row_span, col_span=s.col_span, page=s.page)
        for s in sorted(builder.spans, key=lambda s: (s.row, s.col))
    ]
    return Table(
        n_rows=len(rows),
        n_cols=n_cols,
        cells=cells,
        page=rows[0].page if rows else None,
        source=TextSource.MARKDOWN,
        line_index=line_index,
    )


def _raw_value_columns(rows: Sequence[RawRow]) -> set[int]:
    """Columns right of the last label of a row that holds a value, over the rows without
    placeholders (a placeholder may be a blank value or a covered label slot: the other rows say)."""
    columns: set[int] = set()
    for row in rows:
        if any(cell.placeholder for cell in row.cells):
            continue
        if not any(cell.text and looks_like_value(cell.text) for cell in row.cells):
            continue
        labels_end = max((i + 1 for i, cell in enumerate(row.cells) if _is_label(cell.text)), default=0)
        columns.update(range(labels_end, len(row.cells)))
    return columns


def _copied_columns(rows: Sequence[RawRow], expected_value_columns: int | None) -> tuple[set[int], int]:
    """Value slots that are the right half of their left neighbour's cell in every row.

    A converter that laid a finer grid over a table (pymupdf4llm does when two tables with other
    column edges share a page region) splits each value cell in two: its header row names the
    right half "Col11" after a value, and every other row repeats the left half's text there. One
    such column could be a blank printed next to a zero in an all-zero table, so the pattern
    must hold for at least two columns of the part, or the part must have exactly twice the
    value columns of the table it continues (`expected_value_columns`), paired consistently in
    every row (`_halved_columns`). Returns the columns and the row where the
    pattern stops holding (a heading row drawn into the grid starts another table).
    """
    limit = _next_heading_row(rows)
    if limit < 2:
        return set(), limit
    first, body = rows[0].cells, rows[1:limit]
    found: set[int] = set()
    for c in range(1, len(first)):
        left = first[c - 1]
        if not first[c].placeholder or left.placeholder or _is_label(left.text):
            continue
        pairs = [(row.cells[c - 1].text, row.cells[c].text) for row in body if c < len(row.cells)]
        if all(a == b for a, b in pairs if not (_is_label(a) or _is_label(b))):
            found.add(c)
    halved = _halved_columns(rows[:limit], expected_value_columns)
    if halved:  # every value column halved: covers the pairs the header shows and the ones it hides
        return halved | found, limit
    return (found if len(found) >= _MIN_COPIED_COLUMNS else set()), limit


def _halved_columns(rows: Sequence[RawRow], expected: int | None) -> set[int]:
    """The right halves of a part whose value columns are exactly twice those of the table it
    continues, when every row agrees: each pair holds one text (a value twice, or two blanks),
    and the first row shows no value in a right half that differs from its left."""
    if not expected:
        return set()
    columns = sorted(_raw_value_columns(rows))
    if len(columns) != 2 * expected or columns != list(range(columns[0], columns[0] + len(columns))):
        return set()
    rights = columns[1::2]
    for index, row in enumerate(rows):
        for c in rights:
            if c >= len(row.cells):
                return set()
            left, right = row.cells[c - 1], row.cells[c]
            if _is_label(left.text) or _is_label(right.text):
                continue
            if index == 0 and right.placeholder:
                continue  # pymupdf4llm names the covered half of a header-row cell "Col11"
            if left.text != right.text or left.placeholder != right.placeholder:
                return set()
    return set(rights)


def _next_heading_row(rows: Sequence[RawRow]) -> int:
    """The first row after the first that is one text over the whole width (a heading the
    converter drew into the grid: another table starts there), else the row count."""
    for index, row in enumerate(rows[1:], start=1):
        texts = {cell.text for cell in row.cells if not cell.placeholder}
        if len(texts) == 1 and _is_label(next(iter(texts))) and len(row.cells) > 1:
            return index
    return len(rows)


def last_row_slots(table: Table) -> list[Slot | None]:
    """What covers each column of the table's last row: the context of a continuing part."""
    last = table.n_rows - 1
    slots: list[Slot | None] = [None] * table.n_cols
    for cell in table.cells:
        if cell.row <= last < cell.row + cell.row_span:
            slot = Slot(id(cell), cell.text, cell.col, cell.col_span, _is_label(cell.text))
            for k in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                slots[k] = slot
    return slots


def restore_header_spans(table: Table) -> Table:
    """Empty slots of header rows read as the merged cells they are, where a converter left a
    covered slot empty (marker) instead of repeating the text.

    A header row has no value and a label in a value column (right of the labels of a row that
    holds values), so a data row printed blank ("规章| | |") is never one. In a header row
    a run of empty slots lying exactly under a label of the row above continues that label
    downwards; other empty slots right of a label extend it ("行政复议| | | | |行政诉讼").
    """
    value_cols = _value_columns(table)
    spans = [_Span(c.row, c.col, c.text, c.text, _is_label(c.text), c.page, False, c.row_span, c.col_span) for c in table.cells]
    owner: list[list[_Span | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for span in spans:
        for r in range(span.row, min(span.row + span.row_span, table.n_rows)):
            for c in range(span.col, min(span.col + span.col_span, table.n_cols)):
                owner[r][c] = span
    dropped: set[int] = set()
    for r in range(table.n_rows):
        row = [owner[r][c] for c in range(table.n_cols)]
        starts = [s for c, s in enumerate(row) if s is not None and s.row == r and s.col == c]
        if any(not s.label and s.text for s in starts) or not any(s.label and s.col in value_cols for s in starts):
            continue
        for c in range(table.n_cols):
            slot = owner[r][c]
            if slot is None or slot.text or slot.row != r or slot.row_span != 1 or slot.col_span != 1:
                continue
            above = owner[r - 1][c] if r > 0 else None
            if above is not None and above.label and above.col == c and _empty_run(owner, r, c, above.col_span):
                above.row_span += 1
                _claim(owner, r, c, above.col_span, above, dropped)
                continue
            left = owner[r][c - 1] if c > 0 else None
            if left is not None and left.label and left.row == r:
                left.col_span += 1
                _claim(owner, r, c, 1, left, dropped)
    kept = [s for s in spans if id(s) not in dropped]
    cells = [
        Cell(row=s.row, col=s.col, text=s.text, row_span=s.row_span, col_span=s.col_span, page=s.page)
        for s in sorted(kept, key=lambda s: (s.row, s.col))
    ]
    return table.model_copy(update={"cells": cells})


def value_column_count(table: Table) -> int:
    return len(_value_columns(table))


def _value_columns(table: Table) -> set[int]:
    """Columns right of the last label of some row that holds a value."""
    columns: set[int] = set()
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    for cells in by_row.values():
        if not any(c.text and looks_like_value(c.text) for c in cells):
            continue
        labels_end = max((c.col + c.col_span for c in cells if _is_label(c.text)), default=0)
        columns.update(range(labels_end, table.n_cols))
    return columns


def _empty_run(owner: list[list[_Span | None]], r: int, c: int, width: int) -> bool:
    """Slots c..c+width of row r are all single empty cells of their own."""
    if c + width > len(owner[r]):
        return False
    for k in range(c, c + width):
        span = owner[r][k]
        if span is None or span.text or span.row != r or span.row_span != 1 or span.col_span != 1:
            return False
    return True


def _claim(owner: list[list[_Span | None]], r: int, c: int, width: int, span: _Span, dropped: set[int]) -> None:
    for k in range(c, c + width):
        previous = owner[r][k]
        if previous is not None and previous is not span:
            dropped.add(id(previous))
        owner[r][k] = span
