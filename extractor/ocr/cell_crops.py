"""Cut a ruled grid's cells into recogniser inputs: blank cells, text lines, vertical labels.

A cell's own ruling lines (the rule pixels along its edges, from the same morphology that found
the grid) are removed from its ink, so what is left is its text; a "rule" found inside a cell is a
bar of aligned glyph strokes and stays text. Per cell:

- no ink (beyond specks) → blank: nothing is sent to the recogniser and the cell stays empty;
- the ink's row profile is cut into bands; bands closer than one glyph height are one text line
  (so 三 or 二, whose strokes are separate bands, stay one glyph);
- a stack of glyph-sized pieces (a narrow cell wrapped one character per line, 结/果/维/持, or a
  vertical label) is laid side by side into one line image: one-character-per-line wrapping and
  top-to-bottom writing read in the same order;
- otherwise each band is one line crop (a wrapped label gives several, joined later);
- ink taller than a line that no gap splits, or ink that touches the cell's rules (a seal, text
  running over a rule), is not cut: the cell is flagged for detection on its own crop.

Every crop is padded with paper and at least one glyph high, so a lone "-" or "0" is read at the
size the recogniser expects rather than stretched from a sliver. Positions are upright page pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from .engine import PixelBox
from .grid import Grid, GridCell, rule_masks

Gray = NDArray[np.uint8]

MIN_INK_AREA_PX = 4  # connected ink smaller than this is a speck of scanner noise, not a glyph
EDGE_RULE_PT = 1.0  # a cell's own rules reach this far into it from its boundary (half a thick rule + skew)
GLYPH_PERCENTILE = 80  # the grid's glyph height: this percentile of its text bands' heights
LINE_MERGE = 1.2  # bands whose union is at most this many glyph heights are one line (or one glyph)
UNCUT_LINE = 1.6  # a band taller than this many glyph heights holds lines no gap separates
STACK_GLYPH_WIDTH = 1.4  # pieces no wider than this many glyph heights, stacked, are one char per line
CROP_PAD = 0.3  # paper around a crop, in glyph heights
STACK_GAP = 0.2  # gap between the glyphs of a vertical label laid side by side, in glyph heights
WORD_GAP = 1.5  # a blank run this many glyph heights wide inside a line separates two texts ("0    0")


@dataclass(frozen=True)
class InkMaps:
    """The upright page as the cell cutter sees it."""

    gray: Gray  # the upright grey page
    binary: Gray  # ink = 255
    rules: Gray  # the ruling lines, slightly widened (255)
    masks: tuple[Gray, Gray]  # horizontal and vertical rule masks, as grid.find_ruled_grids takes them
    px_per_pt: float


@dataclass(frozen=True)
class LineCrop:
    """One recogniser input cut from a cell and the ink box it covers (upright page pixels)."""

    image: Gray
    box: PixelBox


@dataclass(frozen=True)
class CellCut:
    """A cell's text lines, or the reason it must be read by detection instead."""

    cell: GridCell
    lines: tuple[LineCrop, ...] = ()
    uncut: bool = False  # ink present but not cut into lines (see module docstring)

    @property
    def blank(self) -> bool:
        return not self.lines and not self.uncut


@dataclass(frozen=True)
class _CellInk:
    cell: GridCell
    origin: tuple[int, int]  # (x, y) of the interior's top-left in page pixels
    mask: Gray  # kept ink inside the interior (255), specks dropped
    paper: Gray  # the interior's grey pixels with the cell's own rules painted white
    touches_rule: bool


def ink_maps(gray: Gray, binary: Gray, px_per_pt: float) -> InkMaps:
    """The page's ruling lines, found once for the grid finder and the cell cutter."""
    h_mask, v_mask = rule_masks(binary, px_per_pt)
    rules = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((3, 3), np.uint8))
    return InkMaps(gray=gray, binary=binary, rules=np.asarray(rules, dtype=np.uint8), masks=(h_mask, v_mask),
                   px_per_pt=px_per_pt)


def _interior(cell: GridCell, inset: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = cell.box
    h, w = shape[:2]
    ix0, iy0 = max(int(math.floor(x0)) + inset, 0), max(int(math.floor(y0)) + inset, 0)
    ix1, iy1 = min(int(math.ceil(x1)) - inset, w), min(int(math.ceil(y1)) - inset, h)
    return ix0, iy0, max(ix1, ix0), max(iy1, iy0)


def _cell_ink(maps: InkMaps, cell: GridCell) -> _CellInk:
    """The cell's text ink (its border rules excluded, specks dropped), and whether it touches them.

    Only rule pixels in a band along the cell's edges are the cell's own rules; a "rule" further
    inside is a bar of aligned glyph strokes (text at low resolution) and stays ink. Ink that
    reaches the edge rules was cut off from something beyond them (a seal, text over a rule).
    """
    x0, y0, x1, y1 = _interior(cell, 1, maps.binary.shape)
    region = maps.binary[y0:y1, x0:x1]
    if region.size == 0 or not region.any():
        empty = np.zeros((max(y1 - y0, 0), max(x1 - x0, 0)), np.uint8)
        return _CellInk(cell, (x0, y0), empty, empty, False)
    band = max(int(math.ceil(EDGE_RULE_PT * maps.px_per_pt)), 2) + 1
    edge_rules = maps.rules[y0:y1, x0:x1].copy()
    edge_rules[band:-band, band:-band] = 0
    text = cv2.bitwise_and(region, cv2.bitwise_not(edge_rules))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= MIN_INK_AREA_PX
    mask = np.where(keep[labels], 255, 0).astype(np.uint8)
    grown = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    touches = bool(np.count_nonzero(cv2.bitwise_and(grown, edge_rules)) > 0)
    paper = maps.gray[y0:y1, x0:x1].copy()
    paper[edge_rules > 0] = 255
    return _CellInk(cell, (x0, y0), mask, paper, touches)


def _bands(mask: Gray) -> list[tuple[int, int]]:
    """Runs of rows that hold ink, as (top, bottom) with bottom exclusive."""
    rows = np.flatnonzero(mask.max(axis=1))
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks] + 1, [rows[-1] + 1]))
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def glyph_height(masks: Sequence[Gray], px_per_pt: float) -> float:
    """A grid's typical glyph height in pixels, from the bands of all its cells (5–24 pt bounds)."""
    heights = [b - a for m in masks for a, b in _bands(m)]
    low, high = 5.0 * px_per_pt, 24.0 * px_per_pt
    if not heights:
        return low
    return float(min(max(np.percentile(heights, GLYPH_PERCENTILE), low), high))


def _pieces(mask: Gray, glyph: float) -> list[tuple[int, int, int, int]]:
    """Bands merged into lines (or glyphs), each as its ink box (x0, y0, x1, y1) in mask pixels."""
    merged: list[tuple[int, int]] = []
    for top, bottom in _bands(mask):
        if merged and bottom - merged[-1][0] <= LINE_MERGE * glyph:
            merged[-1] = (merged[-1][0], bottom)
        else:
            merged.append((top, bottom))
    out: list[tuple[int, int, int, int]] = []
    for top, bottom in merged:
        cols = np.flatnonzero(mask[top:bottom].max(axis=0))
        out.append((int(cols[0]), top, int(cols[-1]) + 1, bottom))
    return out


def _split_at_gaps(mask: Gray, box: tuple[int, int, int, int], glyph: float) -> list[tuple[int, int, int, int]]:
    """A line cut where a blank run wider than WORD_GAP glyphs separates two texts.

    Without this, two values in one cell (a missing rule) would reach the recogniser as one crop,
    which may read "0    0" as "00"; apart, they are joined with a space like detected boxes.
    """
    x0, y0, x1, y1 = box
    cols = np.flatnonzero(mask[y0:y1, x0:x1].max(axis=0)) + x0
    breaks = np.flatnonzero(np.diff(cols) > WORD_GAP * glyph)
    starts = np.concatenate(([cols[0]], cols[breaks + 1]))
    ends = np.concatenate((cols[breaks] + 1, [cols[-1] + 1]))
    out: list[tuple[int, int, int, int]] = []
    for a, b in zip(starts, ends, strict=True):
        rows = np.flatnonzero(mask[y0:y1, a:b].max(axis=1)) + y0
        out.append((int(a), int(rows[0]), int(b), int(rows[-1]) + 1))
    return out


def _paper_crop(ink: _CellInk, box: tuple[int, int, int, int], pad_x: int, pad_y: int, min_height: float) -> Gray:
    """The grey pixels of `box` (mask pixels) padded with white, at least `min_height` tall.

    Pixels are taken from the cell interior (its rules painted out) only; everything outside it
    is paper, so no rule or neighbouring cell ever enters a crop.
    """
    x0, y0, x1, y1 = box
    extra = max(int(math.ceil((min_height - (y1 - y0)) / 2)), 0)
    ty0, ty1 = y0 - extra - pad_y, y1 + extra + pad_y
    tx0, tx1 = x0 - pad_x, x1 + pad_x
    out = np.full((ty1 - ty0, tx1 - tx0), 255, dtype=np.uint8)
    mh, mw = ink.mask.shape
    sy0, sy1, sx0, sx1 = max(ty0, 0), min(ty1, mh), max(tx0, 0), min(tx1, mw)
    if sy1 > sy0 and sx1 > sx0:
        out[sy0 - ty0:sy1 - ty0, sx0 - tx0:sx1 - tx0] = ink.paper[sy0:sy1, sx0:sx1]
    return out


def _page_box(ink: _CellInk, box: tuple[int, int, int, int]) -> PixelBox:
    ox, oy = ink.origin
    return (float(box[0] + ox), float(box[1] + oy), float(box[2] + ox), float(box[3] + oy))


def _stacked(ink: _CellInk, pieces: list[tuple[int, int, int, int]], glyph: float) -> LineCrop:
    """A vertical stack of glyphs laid out left to right as one line image."""
    pad = int(round(CROP_PAD * glyph))
    height = int(math.ceil(max(glyph, max(b[3] - b[1] for b in pieces))))
    gap = np.full((height, max(int(round(STACK_GAP * glyph)), 1)), 255, dtype=np.uint8)
    parts: list[Gray] = []
    for box in pieces:
        crop = _paper_crop(ink, box, 0, 0, height)[:height]
        if crop.shape[0] < height:
            crop = np.asarray(cv2.copyMakeBorder(crop, 0, height - crop.shape[0], 0, 0, cv2.BORDER_CONSTANT, value=255),
                              dtype=np.uint8)
        parts += [crop, gap]
    line = np.asarray(cv2.copyMakeBorder(np.hstack(parts[:-1]), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255),
                      dtype=np.uint8)
    x0, y0 = min(b[0] for b in pieces), pieces[0][1]
    x1, y1 = max(b[2] for b in pieces), pieces[-1][3]
    return LineCrop(image=np.asarray(line, dtype=np.uint8), box=_page_box(ink, (x0, y0, x1, y1)))


def _cut(ink: _CellInk, glyph: float) -> CellCut:
    if not ink.mask.size or not ink.mask.any():
        return CellCut(ink.cell)
    if ink.touches_rule:
        return CellCut(ink.cell, uncut=True)
    pieces = _pieces(ink.mask, glyph)
    if any(b[3] - b[1] > UNCUT_LINE * glyph for b in pieces):
        return CellCut(ink.cell, uncut=True)
    if len(pieces) >= 2 and all(b[2] - b[0] <= STACK_GLYPH_WIDTH * glyph for b in pieces):
        return CellCut(ink.cell, lines=(_stacked(ink, pieces, glyph),))
    pad = int(round(CROP_PAD * glyph))
    lines = tuple(LineCrop(image=_paper_crop(ink, part, pad, pad, glyph), box=_page_box(ink, part))
                  for box in pieces for part in _split_at_gaps(ink.mask, box, glyph))
    return CellCut(ink.cell, lines=lines)


def cut_grid(maps: InkMaps, grid: Grid) -> list[CellCut]:
    """Every cell of a ruled grid cut into line crops (or marked blank / uncut), in grid order."""
    inks = [_cell_ink(maps, cell) for cell in grid.cells]
    glyph = glyph_height([ink.mask for ink in inks if not ink.touches_rule], maps.px_per_pt)
    return [_cut(ink, glyph) for ink in inks]
