"""A ruled grid read cell by cell with the recogniser alone, when the grid can be trusted to say
where the text is.

A grid is trusted when (1) it was found from ruling lines (grid.find_ruled_grids: at least
`ocr_min_table_rows` × `ocr_min_table_cols` slots, merged cells closed to rectangles) and (2) its
cells agree with it: at most `ocr_grid_max_doubtful_share` of the cells that hold text are
doubtful. A cell is doubtful when its ink touches a ruling line (a seal or text running over a
rule: the grid cuts through something), when its ink cannot be cut into text lines, or when the
recogniser reads one of its crops with a confidence under `ocr_text_score` or as nothing at all.
A trusted grid's doubtful cells are read again by detection on the cell alone; an untrusted grid
sends the whole page back to full-page OCR (`page.py`), exactly as before this path existed.
"""

from __future__ import annotations

import math

import numpy as np

from ..settings import Settings
from .cell_crops import EDGE_RULE_PT, CellCut, InkMaps, cut_grid
from .cells import FilledCell, Piece, join_pieces, repair_numeric_columns, tidy_cell_text
from .engine import tidy_text
from .grid import Grid
from .recognizer import Reading, detect_lines, read_lines

DETECT_MARGIN_PX = 16  # paper added around a cell before detecting in it (the detector needs context)


def _doubtful(cut: CellCut, readings: list[Reading], settings: Settings) -> bool:
    return cut.uncut or any(r.score < settings.ocr_text_score or not r.text.strip() for r in readings)


def _detect_in_cell(maps: InkMaps, cut: CellCut, scale: float, settings: Settings) -> list[Piece]:
    """Detection + recognition on one cell's interior (inside its rules), as page pieces."""
    x0, y0, x1, y1 = cut.cell.box
    inset = max(int(math.ceil(EDGE_RULE_PT * maps.px_per_pt)), 2)
    ix0, iy0 = max(int(math.floor(x0)) + inset, 0), max(int(math.floor(y0)) + inset, 0)
    ix1, iy1 = int(math.ceil(x1)) - inset, int(math.ceil(y1)) - inset
    if ix1 <= ix0 or iy1 <= iy0:
        return []
    region = maps.gray[iy0:iy1, ix0:ix1]
    m = DETECT_MARGIN_PX
    padded = np.pad(region, ((m, m), (m, m)), constant_values=255)
    pieces = []
    for box in detect_lines(padded, scale, settings):
        bx0, by0, bx1, by1 = box.bbox
        pieces.append(Piece(tidy_cell_text(box.text), (bx0 - m + ix0, by0 - m + iy0, bx1 - m + ix0, by1 - m + iy0),
                            box.score))
    return pieces


def read_ruled_grid(maps: InkMaps, grid: Grid, det_scale: float, settings: Settings) -> list[FilledCell] | None:
    """Every cell of `grid` with its text, or None when the grid is not trusted (see module docstring)."""
    cuts = cut_grid(maps, grid)
    owners = [k for k, cut in enumerate(cuts) for _ in cut.lines]
    readings = read_lines([line.image for cut in cuts for line in cut.lines], settings)
    per_cell: list[list[Reading]] = [[] for _ in cuts]
    for k, reading in zip(owners, readings, strict=True):
        per_cell[k].append(reading)
    with_text = [k for k, cut in enumerate(cuts) if not cut.blank]
    doubtful = {k for k in with_text if _doubtful(cuts[k], per_cell[k], settings)}
    if with_text and len(doubtful) > settings.ocr_grid_max_doubtful_share * len(with_text):
        return None
    filled: list[FilledCell] = []
    for k, cut in enumerate(cuts):
        if k in doubtful:
            pieces = _detect_in_cell(maps, cut, det_scale, settings)
        else:
            pieces = [Piece(tidy_cell_text(tidy_text(r.text)), line.box, r.score)
                      for line, r in zip(cut.lines, per_cell[k], strict=True)]
        pieces = [p for p in pieces if p.text]
        filled.append(FilledCell(cut.cell, pieces, join_pieces(pieces)))
    repair_numeric_columns(filled, grid.n_cols, settings.ocr_numeric_column_share)
    return filled
