"""Text outside the trusted tables: found by projection where the ink is plain lines, else detected.

Detection costs in proportion to the pixels it looks at, and a report page is mostly margins and
tables. The trusted grids are painted out, the remaining ink's rows are grouped into horizontal
strips (paragraphs, titles, page numbers; small gaps bridged). A strip whose ink is plain lines of
text is cut into lines by projection (text_lines.py) and read by the recogniser alone, every line
of the page in one batched pass; a strip that is not, or whose lines the recogniser does not read
with confidence, is trimmed to its ink, padded with paper and detected on its own at the page's
detection scale.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..settings import Settings
from .engine import OcrBox, PixelBox, drop_overlap_duplicates, tidy_text
from .recognizer import detect_lines, read_lines
from .text_lines import TextLine, cut_text_lines, ink_runs

Gray = NDArray[np.uint8]
Strip = tuple[int, int, int, int]

STRIP_GAP_PT = 18.0  # ink rows closer than this belong to one strip (a paragraph's line spacing)
STRIP_PAD_PT = 6.0  # paper kept around a strip's ink: the detector needs some context
GRID_MARGIN_PX = 3  # painted-out grids are widened by this much (their outer rule's thickness)


def ink_strips(ink: Gray, px_per_pt: float) -> list[Strip]:
    """Boxes (x0, y0, x1, y1) around the horizontal bands of `ink` (255 = ink), top to bottom."""
    pad = int(round(STRIP_PAD_PT * px_per_pt))
    h, w = ink.shape
    out: list[Strip] = []
    # ink rows closer than STRIP_GAP_PT points belong to one strip (ink_runs bridges that many blank rows, less one)
    for top, bottom in ink_runs(np.asarray(ink.any(axis=1)), STRIP_GAP_PT * px_per_pt - 1):
        cols = np.flatnonzero(ink[top:bottom].max(axis=0))
        out.append((max(int(cols[0]) - pad, 0), max(int(top) - pad, 0),
                    min(int(cols[-1]) + 1 + pad, w), min(int(bottom) + pad, h)))
    return out


def _read_projected(lines: dict[int, list[TextLine]], settings: Settings) -> dict[int, list[OcrBox]]:
    """The projected lines of each strip read in one recogniser pass; a strip with a line read
    with low confidence or as nothing is left out (it goes to detection)."""
    order = [(k, line) for k, strip_lines in lines.items() for line in strip_lines]
    readings = read_lines([line.image for _, line in order], settings)
    out: dict[int, list[OcrBox]] = {k: [] for k in lines}
    failed: set[int] = set()
    for (k, line), reading in zip(order, readings, strict=True):
        text = tidy_text(reading.text)
        if reading.score < settings.ocr_text_score or not text:
            failed.add(k)
            continue
        x0, y0, x1, y1 = line.box
        out[k].append(OcrBox(quad=((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text=text, score=reading.score))
    return {k: drop_overlap_duplicates(boxes) for k, boxes in out.items() if k not in failed}


def detect_outside(gray: Gray, binary: Gray, grid_boxes: Sequence[PixelBox], det_scale: float, px_per_pt: float,
                   settings: Settings) -> list[OcrBox]:
    """Recognised text lines of the page outside `grid_boxes` (page pixels), strip by strip, top to bottom."""
    paper = gray.copy()
    ink = binary.copy()
    m = GRID_MARGIN_PX
    for x0, y0, x1, y1 in grid_boxes:
        ys, ye = max(int(y0) - m, 0), int(np.ceil(y1)) + m + 1
        xs, xe = max(int(x0) - m, 0), int(np.ceil(x1)) + m + 1
        paper[ys:ye, xs:xe] = 255
        ink[ys:ye, xs:xe] = 0
    strips = ink_strips(ink, px_per_pt)
    projected: dict[int, list[TextLine]] = {}
    if settings.ocr_projected_lines:
        for k, strip in enumerate(strips):
            lines = cut_text_lines(ink, paper, strip, px_per_pt)
            if lines is not None:
                projected[k] = lines
    read = _read_projected(projected, settings)
    boxes: list[OcrBox] = []
    for k, (x0, y0, x1, y1) in enumerate(strips):
        if k in read:
            boxes += read[k]
            continue
        for box in detect_lines(paper[y0:y1, x0:x1], det_scale, settings):
            quad = tuple((x + x0, y + y0) for x, y in box.quad)
            boxes.append(OcrBox(quad=quad, text=box.text, score=box.score))
    return boxes
