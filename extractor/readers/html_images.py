"""Tables pasted into a web page as pictures: <img> files saved beside the page, read by OCR.

Only local files inside the page's own folder are opened (no network, no path escaping), only
when OCR is enabled and the page lacks some of its data tables, and only images big enough to
hold a table. What OCR returns is placed where the <img> stood, with page and box cleared: for
HTML inputs the contract keeps provenance to the raw text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..model import Line, Table
from ..settings import Settings

_MIN_TABLE_IMAGE_PIXELS = 120_000  # smaller pictures are logos and icons, not tables


@dataclass(frozen=True)
class ImageRef:
    line_index: int  # where the <img> stood in the page's lines
    src: str


def local_image(page_path: Path, src: str) -> Path | None:
    """The file an <img src> names, if it is a local file inside the page's folder."""
    parsed = urlparse(src)
    if parsed.scheme not in ("", "file") or parsed.netloc:
        return None
    folder = page_path.resolve().parent
    candidate = (folder / unquote(parsed.path)).resolve()
    if not candidate.is_relative_to(folder) or not candidate.is_file():
        return None
    return candidate


def _unplaced(lines: list[Line], tables: list[Table]) -> tuple[list[Line], list[Table]]:
    """OCR output without page or box (HTML provenance is the raw text only)."""
    plain_lines = [line.model_copy(update={"page": None, "bbox": None}) for line in lines]
    plain_tables = [
        table.model_copy(
            update={
                "page": None,
                "bbox": None,
                "cells": [c.model_copy(update={"page": None, "bbox": None}) for c in table.cells],
            }
        )
        for table in tables
    ]
    return plain_lines, plain_tables


def ocr_image_file(path: Path, settings: Settings) -> tuple[list[Line], list[Table]]:
    """Lines and tables of one image file, or nothing when it is small, too big or unreadable."""
    import cv2
    import numpy as np

    if path.stat().st_size > settings.max_file_bytes:
        return [], []
    image = cv2.imdecode(np.frombuffer(path.read_bytes(), dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        return [], []
    pixels = int(image.shape[0]) * int(image.shape[1])
    if pixels < _MIN_TABLE_IMAGE_PIXELS or pixels > settings.max_image_pixels:
        return [], []
    from ..ocr import ocr_image

    lines, tables = ocr_image(np.asarray(image, dtype=np.uint8), 1, 72.0 / settings.image_assumed_dpi, settings)
    return _unplaced(lines, tables)


def merge_image_tables(
    lines: list[Line], tables: list[Table], found: list[tuple[int, list[Line], list[Table]]]
) -> tuple[list[Line], list[Table]]:
    """Insert each image's lines where the <img> stood and keep all tables in document order."""
    merged_lines: list[Line] = []
    merged_tables: list[Table] = []
    cursor = 0
    shifts: list[tuple[int, int]] = []  # (original line index, lines inserted before it)
    for position, image_lines, image_tables in sorted(found, key=lambda item: item[0]):
        merged_lines.extend(lines[cursor:position])
        start = len(merged_lines)
        merged_lines.extend(image_lines)
        merged_tables.extend(t.model_copy(update={"line_index": start}) for t in image_tables)
        shifts.append((position, len(image_lines)))
        cursor = position
    merged_lines.extend(lines[cursor:])
    for table in tables:
        index = table.line_index
        if index is not None:
            index += sum(n for position, n in shifts if position <= index)
        merged_tables.append(table.model_copy(update={"line_index": index}))
    merged_tables.sort(key=lambda t: t.line_index if t.line_index is not None else len(merged_lines))
    return merged_lines, merged_tables


def read_image_tables(
    page_path: Path, refs: list[ImageRef], lines: list[Line], tables: list[Table], settings: Settings
) -> tuple[list[Line], list[Table]]:
    """The page's lines and tables with those of its table pictures added."""
    if not settings.ocr_enabled or not refs or len(tables) >= 3:
        return lines, tables
    found: list[tuple[int, list[Line], list[Table]]] = []
    for ref in refs:
        image_path = local_image(page_path, ref.src)
        if image_path is None:
            continue
        image_lines, image_tables = ocr_image_file(image_path, settings)
        if image_tables:
            found.append((ref.line_index, image_lines, image_tables))
    return merge_image_tables(lines, tables, found) if found else (lines, tables)


__all__ = ["ImageRef", "read_image_tables"]
