"""Text detection only where the page has ink outside its trusted tables.

Detection costs in proportion to the pixels it looks at, and a report page is mostly margins and
tables. The trusted grids are painted out, the remaining ink's rows are grouped into horizontal
strips (paragraphs, titles, page numbers; small gaps bridged), and each strip, trimmed to its ink
and padded with paper, is detected on its own at the page's detection scale.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..settings import Settings
from .engine import OcrBox, PixelBox
from .recognizer import detect_lines

Gray = NDArray[np.uint8]

STRIP_GAP_PT = 18.0  # ink rows closer than this belong to one strip (a paragraph's line spacing)
STRIP_PAD_PT = 6.0  # paper kept around a strip's ink: the detector needs some context
GRID_MARGIN_PX = 3  # painted-out grids are widened by this much (their outer rule's thickness)


def ink_strips(ink: Gray, px_per_pt: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) around the horizontal bands of `ink` (255 = ink), top to bottom."""
    rows = np.flatnonzero(ink.max(axis=1))
    if rows.size == 0:
        return []
    gap, pad = STRIP_GAP_PT * px_per_pt, int(round(STRIP_PAD_PT * px_per_pt))
    breaks = np.flatnonzero(np.diff(rows) > gap)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks] + 1, [rows[-1] + 1]))
    h, w = ink.shape
    out: list[tuple[int, int, int, int]] = []
    for top, bottom in zip(starts, ends, strict=True):
        cols = np.flatnonzero(ink[top:bottom].max(axis=0))
        out.append((max(int(cols[0]) - pad, 0), max(int(top) - pad, 0),
                    min(int(cols[-1]) + 1 + pad, w), min(int(bottom) + pad, h)))
    return out


def detect_outside(gray: Gray, binary: Gray, grid_boxes: Sequence[PixelBox], det_scale: float, px_per_pt: float,
                   settings: Settings) -> list[OcrBox]:
    """Detected and recognised text lines of the page outside `grid_boxes` (page pixels)."""
    paper = gray.copy()
    ink = binary.copy()
    m = GRID_MARGIN_PX
    for x0, y0, x1, y1 in grid_boxes:
        ys, ye = max(int(y0) - m, 0), int(np.ceil(y1)) + m + 1
        xs, xe = max(int(x0) - m, 0), int(np.ceil(x1)) + m + 1
        paper[ys:ye, xs:xe] = 255
        ink[ys:ye, xs:xe] = 0
    boxes: list[OcrBox] = []
    for x0, y0, x1, y1 in ink_strips(ink, px_per_pt):
        for box in detect_lines(paper[y0:y1, x0:x1], det_scale, settings):
            quad = tuple((x + x0, y + y0) for x, y in box.quad)
            boxes.append(OcrBox(quad=quad, text=box.text, score=box.score))
    return boxes
