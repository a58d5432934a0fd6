"""Text lines of a prose strip found by the ink's row projection, so the recogniser can read them
without the detector.

After deskew the lines of a paragraph are horizontal bands of ink separated by blank rows of
paper: the row projection finds them, and the column projection of each band cuts it where a wide
blank run separates two texts. Detection costs about as much as recognising the strip, and on
prose it only rediscovers these bands. A strip is cut this way only when its bands look like one
line of text each (a glyph high, all about the same height); anything else (a borderless table,
lines that touch, a stroke on its own, a stamp) returns None and the strip keeps detection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .engine import PixelBox

Gray = NDArray[np.uint8]

MIN_INK_AREA_PX = 4  # connected ink smaller than this is scanner noise, not a glyph
MIN_GLYPH_PT = 4.0  # glyphs lower than this are not report text ...
MAX_GLYPH_PT = 28.0  # ... nor higher than this (a title is ~22 pt)
GLYPH_PERCENTILE = 90  # the strip's glyph height: this percentile of its ink pieces' heights
LINE_HEIGHTS = (0.4, 1.5)  # a band lower or higher than this many glyph heights is not one line of text
SPLIT_GAP = 1.0  # a blank run this many line heights wide inside a band separates two texts
MAX_PIECES = 2  # a band cut into more pieces than this is a row of a table: detection reads it
CROP_PAD = 0.25  # paper around a line crop, in line heights


@dataclass(frozen=True)
class TextLine:
    """One line crop for the recogniser and the ink box it covers (pixels of the page)."""

    image: Gray
    box: PixelBox


def _glyph_ink(ink: Gray) -> tuple[Gray, float]:
    """`ink` (255 = ink) without specks of scanner noise, which would join or invent bands, and the
    typical height of its glyphs. Lines that touch make a band of two glyph heights, but no glyph
    taller; connected pieces are parts of glyphs at worst (三 is three), so a high percentile of
    their heights is a glyph's."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= MIN_INK_AREA_PX
    heights = stats[1:, cv2.CC_STAT_HEIGHT][keep[1:]]
    glyph = float(np.percentile(heights, GLYPH_PERCENTILE)) if heights.size else 0.0
    return np.where(keep[labels], 255, 0).astype(np.uint8), glyph


def ink_runs(profile: NDArray[np.bool_], max_gap: float) -> list[tuple[int, int]]:
    """(start, end) runs of True in `profile`, runs separated by at most `max_gap` False entries joined."""
    idx = np.flatnonzero(profile)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > max_gap + 1)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks] + 1, [idx[-1] + 1]))
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def cut_text_lines(ink: Gray, paper: Gray, box: tuple[int, int, int, int], px_per_pt: float) -> list[TextLine] | None:
    """The text lines of the strip `box` (x0, y0, x1, y1) of the page, or None when its ink is not
    plain lines of text (see module docstring). `ink` is the page's ink (255), `paper` its grey
    pixels; both have grids painted out."""
    x0, y0, x1, y1 = box
    region, glyph = _glyph_ink(ink[y0:y1, x0:x1])
    bands = ink_runs(np.asarray(region.any(axis=1)), 0)
    if not bands:
        return []  # specks only: nothing to read
    if not MIN_GLYPH_PT * px_per_pt <= glyph <= MAX_GLYPH_PT * px_per_pt:
        return None
    low, high = LINE_HEIGHTS
    if any(not low * glyph <= b - a <= high * glyph for a, b in bands):
        return None
    median = float(np.median([b - a for a, b in bands]))
    pad = int(math.ceil(CROP_PAD * median))
    h, w = paper.shape
    out: list[TextLine] = []
    for k, (top, bottom) in enumerate(bands):
        pieces = ink_runs(np.asarray(region[top:bottom].any(axis=0)), SPLIT_GAP * median)
        if len(pieces) > MAX_PIECES:
            return None
        above = y0 + (bands[k - 1][1] if k else 0)  # the crop never reaches into the next line's ink
        below = y0 + (bands[k + 1][0] if k + 1 < len(bands) else y1 - y0)
        for left, right in pieces:
            px0, py0, px1, py1 = x0 + left, y0 + top, x0 + right, y0 + bottom
            cy0, cy1 = max(py0 - pad, above, 0), min(py1 + pad, below, h)
            cx0, cx1 = max(px0 - pad, 0), min(px1 + pad, w)
            crop = cv2.copyMakeBorder(paper[cy0:cy1, cx0:cx1], pad - (py0 - cy0), pad - (cy1 - py1),
                                      pad - (px0 - cx0), pad - (cx1 - px1), cv2.BORDER_CONSTANT, value=255)
            out.append(TextLine(image=np.asarray(crop, dtype=np.uint8), box=(float(px0), float(py0), float(px1), float(py1))))
    return out
