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

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..mapping.values import looks_like_value
from ..model import Cell, Table, TextSource


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


def _is_label(text: str) -> bool:
    return bool(text) and not looks_like_value(text)


@dataclass
class _Builder:
    n_cols: int
    above_part: Sequence[Slot | None] | None
    spans: list[_Span] = field(default_factory=list)
    by_ident: dict[int, _Span] = field(default_factory=dict)
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
                    and self.one_cell_above(above, c - 1, c)
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
    rows: Sequence[RawRow], above_part: Sequence[Slot | None] | None = None, line_index: int | None = None
) -> Table:
    """The grid of one pipe table (one part of a printed table), merged cells restored."""
    n_cols = max((len(row.cells) for row in rows), default=0)
    builder = _Builder(n_cols, above_part)
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
