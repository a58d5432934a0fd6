"""Cross-page table stitching: one printed table cut by page breaks becomes one `Table` again.

A table that ends near the bottom of page N continues on page N+1 when the next table starts near
the top, nothing but a page number ("- 4 -") lies between them, and the columns line up (same
count, or one set of column edges contained in the other: a continuation may lack a column rule).
Cells keep their own page and bbox; rows are renumbered. A label cell cut by the break
("（四）无" | "法提供", or a vertical label whose lower half is an empty cell) is joined back.

Inputs without page geometry (markdown written by a document converter) have the same cuts: a
converter writes one table per page, sometimes one per row group. Those parts are joined
with the same column test and the same cut-label join, where "nothing but a
page number between them" is decided by the reader, which knows its page markers
(`continues_in_reading_order`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Cell, Line, Page, Table
from ..settings import Settings
from .pdf_cells import join_cell_lines
from .text import is_page_footer

# A label that opens a row group: "一、", "（四）", "(4)", "1.", "2、", "3．".
_ORDINAL_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+\s*[、.．])"
)
_NUMBER = re.compile(r"^[-+−]?\d[\d,，]*(?:\.\d+)?$")


def column_edges(table: Table) -> list[float] | None:
    """Left edge of every column plus the right edge of the table; None without cell boxes."""
    lefts: dict[int, float] = {}
    right: float | None = None
    for cell in table.cells:
        if cell.bbox is None:
            continue
        lefts[cell.col] = min(lefts.get(cell.col, cell.bbox[0]), cell.bbox[0])
        if cell.col + cell.col_span == table.n_cols:
            right = cell.bbox[2] if right is None else max(right, cell.bbox[2])
    if right is None or len(lefts) != table.n_cols:
        return None
    return [lefts[col] for col in range(table.n_cols)] + [right]


def _contained(inner: Sequence[float], outer: Sequence[float], tolerance: float) -> bool:
    return all(any(abs(a - b) <= tolerance for b in outer) for a in inner)


def columns_match(upper: Table, lower: Table, tolerance: float) -> bool:
    """Same outer edges, and the same column count or one edge set inside the other."""
    up, low = column_edges(upper), column_edges(lower)
    if up is None or low is None:
        return upper.n_cols == lower.n_cols
    if abs(up[0] - low[0]) > tolerance or abs(up[-1] - low[-1]) > tolerance:
        return False
    return upper.n_cols == lower.n_cols or _contained(low, up, tolerance) or _contained(up, low, tolerance)


def _only_footers_between(upper: Table, lower: Table, lines: Sequence[Line]) -> bool:
    """True when every line below `upper` on its page and above `lower` on its page is a page number."""
    assert upper.bbox is not None and lower.bbox is not None
    for line in lines:
        if line.bbox is None or line.in_table:
            continue
        middle = (line.bbox[1] + line.bbox[3]) / 2
        below_upper = line.page == upper.page and middle > upper.bbox[3]
        above_lower = line.page == lower.page and middle < lower.bbox[1]
        if (below_upper or above_lower) and line.text.strip() and not is_page_footer(line.text):
            return False
    return True


def continues(
    upper: Table, lower: Table, lines: Sequence[Line], pages: Sequence[Page], settings: Settings
) -> bool:
    """Whether `lower` (top of the next page) is the rest of `upper` (bottom of its page)."""
    if upper.page is None or lower.page is None or upper.bbox is None or lower.bbox is None:
        return False
    if lower.page != upper.page + 1:
        return False
    heights = {page.number: page.height for page in pages}
    height = heights.get(upper.page)
    if height is None or height - upper.bbox[3] > settings.table_stitch_max_gap_pt:
        return False
    if lower.bbox[1] > settings.table_stitch_max_gap_pt:
        return False
    if not columns_match(upper, lower, settings.table_stitch_edge_tolerance_pt):
        return False
    return _only_footers_between(upper, lower, lines)


def _union_edges(a: Sequence[float], b: Sequence[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in sorted([*a, *b]):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _nearest(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _remap_columns(table: Table, edges: Sequence[float]) -> list[Cell]:
    """Cells placed on a finer column grid by their own x-extent."""
    cells: list[Cell] = []
    for cell in table.cells:
        if cell.bbox is None:
            cells.append(cell)
            continue
        col = _nearest(edges, cell.bbox[0])
        end = _nearest(edges, cell.bbox[2])
        cells.append(cell.model_copy(update={"col": col, "col_span": max(1, end - col)}))
    return cells


def merge_tables(upper: Table, lower: Table, settings: Settings) -> Table:
    """`lower` appended under `upper`, on a common column grid, with cut label cells joined."""
    upper_cells, lower_cells, n_cols = list(upper.cells), list(lower.cells), upper.n_cols
    if upper.n_cols != lower.n_cols:
        up, low = column_edges(upper), column_edges(lower)
        if up is not None and low is not None:
            edges = _union_edges(up, low, settings.table_stitch_edge_tolerance_pt)
            upper_cells, lower_cells = _remap_columns(upper, edges), _remap_columns(lower, edges)
            n_cols = len(edges) - 1
        else:
            n_cols = max(upper.n_cols, lower.n_cols)
    shifted = [cell.model_copy(update={"row": cell.row + upper.n_rows}) for cell in lower_cells]
    upper_cells, shifted = _join_cut_cells(upper_cells, shifted, upper.n_rows)
    return upper.model_copy(
        update={
            "n_rows": upper.n_rows + lower.n_rows,
            "n_cols": n_cols,
            "cells": upper_cells + shifted,
            "reliable_columns": upper.reliable_columns and lower.reliable_columns,
        }
    )


def _is_cut_label(above: Cell, below: Cell) -> bool:
    """A cell at the top of the continuation that is the rest of the cell above the break.

    One of the two must span several rows (a group label), and the lower part must either be
    empty or text that does not open a row of its own (no ordinal, not a number).
    """
    if above.row_span == 1 and below.row_span == 1:
        return False
    text = below.text.strip()
    if not text:
        return True
    return bool(above.text.strip()) and not _ORDINAL_START.match(text) and not _NUMBER.match(text)


def _join_cut_cells(upper: list[Cell], lower: list[Cell], boundary: int) -> tuple[list[Cell], list[Cell]]:
    """Join each label cell cut by the page break (same columns, touching at `boundary`)."""
    ending = {(c.col, c.col_span): i for i, c in enumerate(upper) if c.row + c.row_span == boundary}
    kept: list[Cell] = []
    for cell in lower:
        index = ending.get((cell.col, cell.col_span)) if cell.row == boundary else None
        if index is None or not _is_cut_label(upper[index], cell):
            kept.append(cell)
            continue
        above = upper[index]
        upper[index] = above.model_copy(
            update={
                "text": join_cell_lines([above.text, cell.text]),
                "row_span": above.row_span + cell.row_span,
            }
        )
    return upper, kept


def stitch_tables(
    tables: Sequence[Table], lines: Sequence[Line], pages: Sequence[Page], settings: Settings
) -> list[Table]:
    """Tables in document order, each run of page-continued parts merged into one."""
    ordered = sorted(
        tables, key=lambda t: (t.page if t.page is not None else 0, t.bbox[1] if t.bbox is not None else 0.0)
    )
    merged: list[Table] = []
    last_part: list[Table] = []  # the part of merged[i] printed last: where a continuation attaches
    for table in ordered:
        if (
            merged
            and _is_last_on_page(last_part[-1], ordered)
            and continues(last_part[-1], table, lines, pages, settings)
        ):
            merged[-1] = merge_tables(merged[-1], table, settings)
            last_part[-1] = table
        else:
            merged.append(table)
            last_part.append(table)
    return merged


def _is_last_on_page(table: Table, tables: Sequence[Table]) -> bool:
    """No other table starts below `table` on its page (only the last one can continue)."""
    if table.bbox is None:
        return False
    return not any(
        other.page == table.page and other.bbox is not None and other.bbox[1] > table.bbox[1]
        for other in tables
        if other is not table
    )



def continues_in_reading_order(upper: Table, lower: Table, furniture_only_between: bool, settings: Settings) -> bool:
    """Whether `lower` is the rest of `upper` in an input without page geometry (markdown).

    The reader says whether only page furniture (blank lines, page markers, page numbers) lies
    between the two; then, as across PDF pages, the columns must match (without boxes: the same
    column count). Join with `merge_tables`, which also joins cut label cells.
    """
    return furniture_only_between and columns_match(upper, lower, settings.table_stitch_edge_tolerance_pt)
