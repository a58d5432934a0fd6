"""OCR of one region of a PDF page: a table pasted into a text PDF as a picture.

The page keeps its text layer; only the picture's rectangle is rendered and read, and what comes
back is moved from the clip's frame into the page's points, so provenance boxes match the page.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pymupdf as _pymupdf

from ..model import BBox, Line, Table
from ..settings import Settings
from .page import ocr_image

pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in extractor/readers/pdf.py


def _shift(box: BBox | None, dx: float, dy: float) -> BBox | None:
    if box is None:
        return None
    return (round(box[0] + dx, 2), round(box[1] + dy, 2), round(box[2] + dx, 2), round(box[3] + dy, 2))


def region_dpi(clip: BBox, settings: Settings) -> int:
    """`ocr_dpi`, lowered when the clip's longest side would pass `ocr_max_side_px`."""
    longest = max(clip[2] - clip[0], clip[3] - clip[1], 1.0)
    return max(int(min(settings.ocr_dpi, settings.ocr_max_side_px * 72.0 / longest)), 1)


def ocr_pdf_region(page: Any, clip: BBox, page_number: int,
                   settings: Settings) -> tuple[list[Line], list[Table]]:
    """Lines and tables inside `clip` (page points, displayed page), boxes in the page's points.

    Table `line_index` values are local to the returned lines, as `ocr_image` gives them.
    """
    dpi = region_dpi(clip, settings)
    pix = page.get_pixmap(clip=pymupdf.Rect(clip), dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    if pix.width == 0 or pix.height == 0:
        return [], []
    image = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    scale = 72.0 / dpi
    lines, tables = ocr_image(np.ascontiguousarray(image), page_number, scale, settings)
    # ocr_image boxes are pixel x scale from the image's corner; the pixmap's corner is the
    # clip's top-left rounded to the page's pixel grid: (pix.x, pix.y) pixels at this dpi.
    dx, dy = pix.x * scale, pix.y * scale
    moved_lines = [line.model_copy(update={"bbox": _shift(line.bbox, dx, dy)}) for line in lines]
    moved_tables = [
        table.model_copy(update={
            "bbox": _shift(table.bbox, dx, dy),
            "cells": [cell.model_copy(update={"bbox": _shift(cell.bbox, dx, dy)}) for cell in table.cells],
        })
        for table in tables
    ]
    return moved_lines, moved_tables
