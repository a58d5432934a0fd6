"""One page image → lines and tables in page points: the fixed order of the OCR stages.

blank check → deskew → ruled grids → cells of trusted grids by the recogniser alone (cell_read.py)
→ detection + recognition on the inked regions outside them → aligned grids on those boxes → model.
A page without ruled grids (prose, a table without lines) is detected only where it has ink, like
the prose around grids: whole-page detection spends most of its time on margins and white space.
When a ruled grid is not trusted, or `ocr_cell_path` is off, the page takes the full-page path:
one rapidocr call on the whole upright page, every grid filled from its boxes.
Everything is computed on the upright image and mapped back to the original image, then to points,
so provenance boxes match the page as it is stored, skew included.
"""

from __future__ import annotations

import numpy as np
import pymupdf
from numpy.typing import NDArray

from ..model import BBox, Cell, Line, Table, TextSource
from ..settings import Settings
from .cell_crops import InkMaps, ink_maps
from .cell_read import read_ruled_grid
from .cells import FilledCell, Piece, fill_cells, join_pieces
from .engine import OcrBox, PixelBox, recognize
from .grid import Grid, find_aligned_grids, find_ruled_grids, group_rows
from .raster import Deskewed, binarize, choose_dpi, deskew, ink_share, render_page, to_gray
from .recognizer import detection_scale
from .strips import detect_outside


def _inside(box: OcrBox, area: PixelBox) -> bool:
    x, y = box.center
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def _join_row(row: list[OcrBox], max_gap: float) -> list[OcrBox]:
    """Merge boxes of one visual row that the detector split at a small gap ("二、" | "主动公开…")."""
    out: list[OcrBox] = []
    for box in row:
        if out:
            last = out[-1]
            height = min(last.height, box.height)
            if box.bbox[0] - last.bbox[2] <= max_gap * height:
                x0, y0 = min(last.bbox[0], box.bbox[0]), min(last.bbox[1], box.bbox[1])
                x1, y1 = max(last.bbox[2], box.bbox[2]), max(last.bbox[3], box.bbox[3])
                out[-1] = OcrBox(quad=((x0, y0), (x1, y0), (x1, y1), (x0, y1)),
                                 text=join_pieces([Piece(last.text, last.bbox, last.score),
                                                   Piece(box.text, box.bbox, box.score)]),
                                 score=min(last.score, box.score))
                continue
        out.append(box)
    return out


def _to_points(upright: PixelBox, desk: Deskewed, scale: float) -> BBox:
    x0, y0, x1, y1 = desk.to_original(upright)
    return (round(x0 * scale, 2), round(y0 * scale, 2), round(x1 * scale, 2), round(y1 * scale, 2))


def _table(grid: Grid, filled: list[FilledCell], page_number: int, desk: Deskewed, scale: float,
           settings: Settings) -> Table:
    cells = [
        Cell(row=f.cell.row, col=f.cell.col, text=f.text, row_span=f.cell.row_span, col_span=f.cell.col_span,
             page=page_number, bbox=_to_points(f.cell.box, desk, scale),
             confidence=round(f.score, 4) if f.score is not None else settings.ocr_confidence)
        for f in filled
    ]
    return Table(n_rows=grid.n_rows, n_cols=grid.n_cols, cells=cells, page=page_number,
                 bbox=_to_points(grid.box, desk, scale), source=TextSource.OCR,
                 reliable_columns=grid.ruled)


def _read_by_cells(maps: InkMaps, grids: list[Grid], det_scale: float,
                   settings: Settings) -> dict[int, list[FilledCell]] | None:
    """Each ruled grid's cells read from crops ({} when the page has none), or None for the full-page
    path: the cell path is off, or a ruled grid is not trusted (the grid cuts through something)."""
    if not settings.ocr_cell_path:
        return None
    read: dict[int, list[FilledCell]] = {}
    for i, grid in enumerate(grids):
        filled = read_ruled_grid(maps, grid, det_scale, settings)
        if filled is None:
            return None
        read[i] = filled
    return read


def ocr_image(image: NDArray[np.uint8], page_number: int, scale_to_points: float,
              settings: Settings) -> tuple[list[Line], list[Table]]:
    """OCR one page image (grey, BGR or BGRA); boxes come back in points (pixel × scale_to_points).

    A blank image is not sent to the OCR engine and yields no lines: no text is ever invented.
    """
    gray = to_gray(image)
    if ink_share(gray) < settings.ocr_blank_ink_share:
        return [], []
    desk = deskew(gray, settings)
    px_per_pt = 1.0 / scale_to_points
    binary = binarize(desk.image)
    maps = ink_maps(desk.image, binary, px_per_pt)
    grids = find_ruled_grids(binary, px_per_pt, settings, maps.masks)
    det_scale = detection_scale(desk.image.shape)
    by_cells = _read_by_cells(maps, grids, det_scale, settings)
    if by_cells is None:  # the full-page path
        boxes = recognize(desk.image, settings)
        if not boxes:
            return [], []
        by_cells = {}
    else:
        boxes = detect_outside(desk.image, binary, [g.box for g in grids], det_scale, px_per_pt, settings)
    read_grids = [(g, by_cells.get(i)) for i, g in enumerate(grids)]
    free = [b for b in boxes if not any(_inside(b, g.box) for g in grids)]
    read_grids += [(g, None) for g in find_aligned_grids(free, settings)]
    read_grids.sort(key=lambda item: (item[0].ys[0], item[0].xs[0]))

    # reading order: visual rows of free boxes, with each table placed at its top edge
    blocks: list[tuple[float, float, tuple[Grid, list[FilledCell] | None] | OcrBox]] = []
    loose = [b for b in boxes if not any(_inside(b, g.box) for g, _ in read_grids)]
    for row in group_rows(loose):
        row = _join_row(row, settings.ocr_line_join_gap)
        top = min(b.bbox[1] for b in row)
        blocks.extend((top, b.bbox[0], b) for b in row)
    blocks.extend((g.ys[0], g.xs[0], (g, f)) for g, f in read_grids)
    blocks.sort(key=lambda item: (item[0], item[1]))

    lines: list[Line] = []
    tables: list[Table] = []
    for _, _, item in blocks:
        if isinstance(item, OcrBox):
            lines.append(Line(text=item.text, page=page_number, bbox=_to_points(item.bbox, desk, scale_to_points)))
            continue
        grid, filled = item
        if filled is None:
            filled = fill_cells(grid, [b for b in boxes if _inside(b, grid.box)], settings)
        table = _table(grid, filled, page_number, desk, scale_to_points, settings)
        tables.append(table.model_copy(update={"line_index": len(lines)}))
        lines.extend(Line(text=c.text, page=page_number, bbox=c.bbox, in_table=True)
                     for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.text)
    return lines, tables


def ocr_pdf_page(page: pymupdf.Page, page_number: int, settings: Settings) -> tuple[list[Line], list[Table]]:
    """OCR a PDF page that has no usable text layer; boxes in the page's points (pixmap frame)."""
    dpi = choose_dpi(page, settings)
    return ocr_image(render_page(page, dpi), page_number, 72.0 / dpi, settings)
