"""Which PDF pages and regions need OCR, and the calls into the optional `extractor.ocr` module."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..layout.pdf_cells import Char
from ..model import BBox, Line, Table
from ..settings import DEFAULT_SETTINGS, Settings
from .pymupdf_core import pymupdf as _pymupdf

pymupdf: Any = _pymupdf  # untyped library: one Any alias
PdfPage = Any

_GARBAGE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


def inside(bbox: BBox, area: BBox) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _covered_by_images(page: PdfPage) -> float:
    """Share of the page area covered by images (summed, capped at 1)."""
    rect = page.rect
    area = float(rect.width * rect.height)
    if area <= 0:
        return 0.0
    covered = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & rect
        if not box.is_empty:
            covered += float(box.width * box.height)
    return min(covered / area, 1.0)


def page_needs_ocr(page: PdfPage, settings: Settings = DEFAULT_SETTINGS, text: str | None = None) -> bool:
    """True for a page whose text layer is missing, unmapped (CID/garbage), or under one big scan.

    A page with little text is a scan only when images cover it: a blank separator page is not
    worth an OCR pass. `text` lets the reader pass the text it already extracted.
    """
    if text is None:
        text = page.get_text("text")
    visible = [ch for ch in text if not ch.isspace()]
    if visible:
        garbage = sum(1 for ch in visible if _GARBAGE.match(ch))
        if garbage / len(visible) >= settings.ocr_garbage_share:
            return True
        if len(visible) >= settings.ocr_min_text_chars:
            return False
    return _covered_by_images(page) >= settings.ocr_image_cover


def picture_regions(page: PdfPage, chars: Sequence[Char], settings: Settings) -> list[BBox]:
    """Pictures on a text page worth reading: large (`ocr_region_min_cover`) and with at most
    `ocr_region_max_chars` text-layer characters over them (a table pasted in as an image).

    Boxes are in the displayed page's points, like `chars`; top to bottom, overlaps dropped.
    """
    if not page.get_images():  # resource lookup only: no content stream is interpreted
        return []
    rect = page.rect
    area = float(rect.width * rect.height)
    rotated = page.rotation != 0
    found: list[BBox] = []
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"])
        box = (box * page.rotation_matrix if rotated else box) & rect
        if box.is_empty or box.width * box.height < settings.ocr_region_min_cover * area:
            continue
        bbox: BBox = (float(box.x0), float(box.y0), float(box.x1), float(box.y1))
        over = sum(1 for ch in chars if not ch.text.isspace() and inside(ch.bbox, bbox))
        if over > settings.ocr_region_max_chars or any(_overlaps(bbox, other) for other in found):
            continue
        found.append(bbox)
    return sorted(found, key=lambda b: (b[1], b[0]))


def _overlaps(a: BBox, b: BBox) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def ocr_regions(
    page: PdfPage, regions: Sequence[BBox], number: int, settings: Settings
) -> list[tuple[BBox, list[Line], list[Table]]] | None:
    """Each region's lines and tables, or None when OCR is off or its package cannot be imported.

    The OCR package is imported here, not at module load: a text PDF never pays for onnxruntime.
    """
    if not settings.ocr_enabled:
        return None
    try:
        from ..ocr.regions import ocr_pdf_region
    except ImportError:  # onnxruntime/OpenCV unavailable: the page is recorded in ocr_pages, unread
        return None

    return [(region, *ocr_pdf_region(page, region, number, settings)) for region in regions]


def ocr_page(page: PdfPage, number: int, settings: Settings) -> tuple[list[Line], list[Table]] | None:
    """Lines and tables of a whole page read by OCR, or None when OCR is off or unavailable."""
    if not settings.ocr_enabled:
        return None
    try:
        from ..ocr import ocr_pdf_page
    except ImportError:  # onnxruntime/OpenCV unavailable: the page is recorded in ocr_pages, unread
        return None

    return ocr_pdf_page(page, number, settings)
