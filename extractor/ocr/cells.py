"""OCR boxes into grid cells: assignment, reading-order joining and numeric repair.

A box whose centre lies in a cell belongs to it; a box that runs across column boundaries (the
detector joined neighbouring cells) is split at whitespace, or by character position when it has
none. Numeric repair is deliberately narrow: only a cell that looks numeric, in a column that is
numeric, has OCR confusables mapped (O→0, l→1, '，'→'.' inside a number, stray spaces dropped);
a label is never touched, and a number is never made up from nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..settings import Settings
from .engine import OcrBox, PixelBox, glyph_weight, is_cjk
from .grid import Grid, GridCell

NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_CONFUSABLES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_NUMERIC_CHARS = set("0123456789.-，,Ool I|") | set("０１２３４５６７８９．－")


@dataclass
class Piece:
    """Part of one OCR box's text placed in one cell."""

    text: str
    box: PixelBox
    score: float


@dataclass
class FilledCell:
    cell: GridCell
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""

    @property
    def score(self) -> float | None:
        return min((p.score for p in self.pieces), default=None)


def join_pieces(pieces: Sequence[Piece]) -> str:
    """Reading order (visual lines top-down, left to right); no separator next to CJK text."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.box[1] + p.box[3]) / 2):
        if lines:
            last = lines[-1]
            top, bottom = min(p.box[1] for p in last), max(p.box[3] for p in last)
            if min(bottom, piece.box[3]) - max(top, piece.box[1]) >= 0.5 * min(bottom - top, piece.box[3] - piece.box[1]):
                last.append(piece)
                continue
        lines.append([piece])
    text = ""
    for line in lines:
        for piece in sorted(line, key=lambda p: p.box[0]):
            if text and not (is_cjk(text[-1]) or is_cjk(piece.text[0])):
                text += " "
            text += piece.text
    return text


def _split_box(box: OcrBox, cells: Sequence[GridCell]) -> list[tuple[int, Piece]]:
    """Spread a box's text over the cells its x-positions fall in (proportional glyph widths)."""
    x0, y0, x1, y1 = box.bbox
    cy = (y0 + y1) / 2
    text = box.text
    total = sum(glyph_weight(ch) for ch in text) or 1.0
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    by_char = len(tokens) < 2
    if by_char:
        tokens = [(i, ch) for i, ch in enumerate(text)]
    out: dict[int, list[tuple[float, float, str]]] = {}
    for start, token in tokens:
        before = sum(glyph_weight(ch) for ch in text[:start])
        width = sum(glyph_weight(ch) for ch in token)
        tx0 = x0 + (x1 - x0) * before / total
        tx1 = x0 + (x1 - x0) * (before + width) / total
        index = _cell_at(cells, (tx0 + tx1) / 2, cy)
        if index is not None:
            out.setdefault(index, []).append((tx0, tx1, token))
    pieces: list[tuple[int, Piece]] = []
    for index, parts in out.items():
        joined = ("" if by_char else " ").join(t for _, _, t in parts)
        pieces.append((index, Piece(joined, (parts[0][0], y0, parts[-1][1], y1), box.score)))
    return pieces


def _cell_at(cells: Sequence[GridCell], x: float, y: float) -> int | None:
    for i, cell in enumerate(cells):
        cx0, cy0, cx1, cy1 = cell.box
        if cx0 <= x <= cx1 and cy0 <= y <= cy1:
            return i
    return None


def _crossed_cells(cells: Sequence[GridCell], box: OcrBox) -> int:
    """How many cells of the box's row take a real share (a quarter) of its width."""
    x0, y0, x1, y1 = box.bbox
    cy = (y0 + y1) / 2
    width = max(x1 - x0, 1.0)
    return sum(1 for c in cells if c.box[1] <= cy <= c.box[3] and (min(c.box[2], x1) - max(c.box[0], x0)) / width > 0.25)


def fill_cells(grid: Grid, boxes: Sequence[OcrBox], settings: Settings) -> list[FilledCell]:
    """Every grid cell with the OCR text that falls in it."""
    filled = [FilledCell(cell) for cell in grid.cells]
    for box in boxes:
        if _crossed_cells(grid.cells, box) > 1:
            for split_index, piece in _split_box(box, grid.cells):
                filled[split_index].pieces.append(piece)
            continue
        index = _cell_at(grid.cells, *box.center)
        if index is not None:
            filled[index].pieces.append(Piece(box.text, box.bbox, box.score))
    for f in filled:
        f.pieces = [Piece(tidy_cell_text(p.text), p.box, p.score) for p in f.pieces]
        f.text = join_pieces(f.pieces)
    repair_numeric_columns(filled, grid.n_cols, settings.ocr_numeric_column_share)
    return filled


def tidy_cell_text(text: str) -> str:
    """Drop spaces OCR inserts between digits ("96 171.6"); keep them between words."""
    return re.sub(r"(?<=[\d.，])\s+(?=[\d.，])", "", text.strip())


def numeric_reading(text: str) -> str | None:
    """The number a numeric-looking OCR string stands for, or None when it is not one."""
    if not text or any(ch not in _NUMERIC_CHARS for ch in text):
        return None
    candidate = text.translate(_FULLWIDTH_DIGITS).translate(_CONFUSABLES).replace(" ", "")
    candidate = re.sub(r"(?<=\d)，(?=\d)", ".", candidate)
    return candidate if NUMBER_RE.match(candidate) else None


def repair_numeric_columns(filled: list[FilledCell], n_cols: int, share: float) -> None:
    """Apply `numeric_reading` in columns whose cells, from the first number-like one down, are
    mostly number-like and include at least one clean number; headers above are left alone."""
    for col in range(n_cols):
        column = sorted((f for f in filled if f.cell.col == col and f.cell.col_span == 1 and f.text),
                        key=lambda f: f.cell.row)
        readings = [numeric_reading(f.text) if len(f.pieces) == 1 else None for f in column]
        first = next((i for i, r in enumerate(readings) if r is not None), None)
        if first is None or not any(NUMBER_RE.match(f.text) for f in column[first:]):
            continue
        body = readings[first:]
        if sum(1 for r in body if r is not None) / len(body) < share:
            continue
        for f, reading in zip(column[first:], body, strict=True):
            if reading is not None:
                f.text = reading
