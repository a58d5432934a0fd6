"""Table structure from an upright page image: ruled grids first, text alignment as the fallback.

Ruled tables: the ruling lines are isolated with OpenCV morphology (an opening with a long thin
kernel keeps only strokes longer than any character), their positions give the elementary row
and column boundaries, and a boundary that has no ink between two neighbouring slots merges them
into one cell (row_span / col_span). Borderless tables: OCR boxes are grouped into visual rows,
and the x-extents of the boxes give the column bands. All positions are image pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from ..settings import Settings
from .engine import OcrBox, PixelBox

Mask = NDArray[np.uint8]

RULE_MIN_H_PT = 20.0  # a horizontal stroke at least this long is a rule, not a character
RULE_MIN_V_PT = 11.0  # vertical rules must survive rows as short as ~12 pt
RULE_MERGE_PT = 4.0  # rule positions closer than this are one rule (double or thick borders)
TEXT_SIDE_PT = 1.0  # how far beside a candidate rule (past its blur) to look for the rest of its glyphs
TEXT_STROKE_SHARE = 0.3  # a candidate rule inked on its sides along more than this share is a text stroke
BORDER_PRESENT_SHARE = 0.5  # share of a slot boundary covered by ink for it to count as a border
ROW_GAP_FACTOR = 2.5  # borderless rows further apart than this many text heights end a table


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: PixelBox


@dataclass(frozen=True)
class Grid:
    """Cell rectangles over elementary boundaries `xs` × `ys`; `ruled` is False for aligned text."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    ruled: bool

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def box(self) -> PixelBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


# ------------------------------------------------------------------ ruled tables


def rule_masks(binary: Mask, px_per_pt: float) -> tuple[Mask, Mask]:
    """Horizontal and vertical rule masks: long strokes only, small breaks bridged, text strokes dropped."""
    h_len = max(int(RULE_MIN_H_PT * px_per_pt), 10)
    v_len = max(int(RULE_MIN_V_PT * px_per_pt), 8)
    bridge = max(int(2 * px_per_pt), 2)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 3)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, bridge)))
    h_mask, v_mask = np.asarray(horizontal, dtype=np.uint8), np.asarray(vertical, dtype=np.uint8)
    rest = np.asarray(cv2.bitwise_and(binary, cv2.bitwise_not(cv2.bitwise_or(h_mask, v_mask))), dtype=np.uint8)
    return _drop_text_strokes(h_mask, rest, px_per_pt, True), _drop_text_strokes(v_mask, rest, px_per_pt, False)


def _drop_text_strokes(mask: Mask, rest: Mask, px_per_pt: float, horizontal: bool) -> Mask:
    """Remove "rules" that are aligned strokes of a text line (科研机 at 150 dpi blurs into a bar).

    A ruling line has cell padding on at least one side; a stroke inside a text line has the rest
    of its glyphs right against it on both sides (above and below; left and right for a vertical
    one). A candidate inked on both sides, just past its own blur, along more than
    TEXT_STROKE_SHARE of its length is text, not a rule.
    """
    gap, band = 2, max(int(round(TEXT_SIDE_PT * px_per_pt)), 2)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = mask.copy()
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if horizontal:
            before, after = rest[max(y - gap - band, 0):max(y - gap, 0), x:x + w], rest[y + h + gap:y + h + gap + band, x:x + w]
            axis, length = 0, w
        else:
            before, after = rest[y:y + h, max(x - gap - band, 0):max(x - gap, 0)], rest[y:y + h, x + w + gap:x + w + gap + band]
            axis, length = 1, h
        if not before.size or not after.size:
            continue
        both = np.minimum(before.max(axis=axis), after.max(axis=axis))
        if np.count_nonzero(both) > TEXT_STROKE_SHARE * length:
            box = out[y:y + h, x:x + w]
            box[labels[y:y + h, x:x + w] == i] = 0
    return out


def _segments(mask: Mask, horizontal: bool) -> list[tuple[float, int, int]]:
    """Each connected rule as (position across it, start, end along it)."""
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[tuple[float, int, int]] = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if horizontal:
            out.append((float(centroids[i][1]), x, x + w))
        else:
            out.append((float(centroids[i][0]), y, y + h))
    return out


def _cluster(values: Sequence[float], tolerance: float) -> list[float]:
    """Sorted cluster means of 1-D positions; neighbours closer than `tolerance` join."""
    clusters: list[list[float]] = []
    for v in sorted(values):
        if clusters and v - clusters[-1][-1] <= tolerance:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    return [sum(c) / len(c) for c in clusters]


def _covered(mask: Mask, fixed: float, start: float, end: float, along_x: bool, half_width: int) -> bool:
    """Whether the rule mask has ink along the inner part of one slot boundary."""
    lo, hi = start + (end - start) * 0.2, end - (end - start) * 0.2
    if hi - lo < 1:
        return True
    c = int(round(fixed))
    if along_x:  # a horizontal boundary at y = fixed, x from lo to hi
        band = mask[max(c - half_width, 0): c + half_width + 1, int(lo): int(hi)]
        hits = band.max(axis=0) if band.size else np.zeros(0)
    else:
        band = mask[int(lo): int(hi), max(c - half_width, 0): c + half_width + 1]
        hits = band.max(axis=1) if band.size else np.zeros(0)
    return bool(hits.size) and float(np.count_nonzero(hits)) / hits.size >= BORDER_PRESENT_SHARE


def _merge_slots(xs: Sequence[float], ys: Sequence[float], h_mask: Mask, v_mask: Mask,
                 half_width: int) -> list[GridCell]:
    """Union neighbouring slots with no rule between them, then close unions to rectangles."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(v_mask, xs[c + 1], ys[r], ys[r + 1], False, half_width):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covered(h_mask, ys[r + 1], xs[c], xs[c + 1], True, half_width):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    rects: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            rect = rects.setdefault(find(r * n_cols + c), [r, c, r, c])
            rect[0], rect[1] = min(rect[0], r), min(rect[1], c)
            rect[2], rect[3] = max(rect[2], r), max(rect[3], c)
    merged = _close_rectangles([tuple(v) for v in rects.values()])
    return [GridCell(row=r0, col=c0, row_span=r1 - r0 + 1, col_span=c1 - c0 + 1,
                     box=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
            for r0, c0, r1, c1 in sorted(merged)]


def _close_rectangles(rects: list[tuple[int, ...]]) -> list[tuple[int, int, int, int]]:
    """Merge overlapping slot rectangles (a broken rule can make an L-shaped union) until none overlap."""
    out = [(r[0], r[1], r[2], r[3]) for r in rects]
    changed = True
    while changed:
        changed = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    out[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out


def _grid_in_region(h_mask: Mask, v_mask: Mask, region: tuple[int, int, int, int],
                    px_per_pt: float, settings: Settings) -> Grid | None:
    x, y, w, h = region
    tol = RULE_MERGE_PT * px_per_pt
    h_rules = [(p + y, s + x, e + x) for p, s, e in _segments(h_mask[y:y + h, x:x + w], True)]
    v_rules = [(p + x, s + y, e + y) for p, s, e in _segments(v_mask[y:y + h, x:x + w], False)]
    ys = _cluster([p for p, _, _ in h_rules], tol)
    xs = _cluster([p for p, _, _ in v_rules], tol)
    # open-sided tables: rules running past the outermost crossing rules close the grid there
    if xs and min(s for _, s, _ in h_rules) < xs[0] - tol:
        xs.insert(0, float(min(s for _, s, _ in h_rules)))
    if xs and max(e for _, _, e in h_rules) > xs[-1] + tol:
        xs.append(float(max(e for _, _, e in h_rules)))
    if ys and min(s for _, s, _ in v_rules) < ys[0] - tol:
        ys.insert(0, float(min(s for _, s, _ in v_rules)))
    if ys and max(e for _, _, e in v_rules) > ys[-1] + tol:
        ys.append(float(max(e for _, _, e in v_rules)))
    if len(ys) - 1 < settings.ocr_min_table_rows or len(xs) - 1 < settings.ocr_min_table_cols:
        return None
    cells = _merge_slots(xs, ys, h_mask, v_mask, max(int(1.5 * px_per_pt), 2))
    if len(cells) < settings.ocr_min_table_rows * settings.ocr_min_table_cols:
        return None
    return Grid(xs=tuple(xs), ys=tuple(ys), cells=tuple(cells), ruled=True)


def find_ruled_grids(binary: Mask, px_per_pt: float, settings: Settings,
                     masks: tuple[Mask, Mask] | None = None) -> list[Grid]:
    """Every ruled table on an upright binary page (ink = 255), top to bottom.

    `masks` are the page's `rule_masks` when the caller has them already.
    """
    h_mask, v_mask = masks if masks is not None else rule_masks(binary, px_per_pt)
    joined = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    min_side = 2 * RULE_MIN_H_PT * px_per_pt
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w < min_side or h < min_side / 2:
            continue
        grid = _grid_in_region(h_mask, v_mask, (x, y, w, h), px_per_pt, settings)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


# ------------------------------------------------------------------ borderless tables


def group_rows(boxes: Sequence[OcrBox]) -> list[list[OcrBox]]:
    """Boxes grouped into visual rows (vertical overlap of half the smaller height), each left to right."""
    rows: list[list[OcrBox]] = []
    spans: list[tuple[float, float]] = []
    for box in sorted(boxes, key=lambda b: b.center[1]):
        _, y0, _, y1 = box.bbox
        if rows:
            r0, r1 = spans[-1]
            overlap = min(r1, y1) - max(r0, y0)
            if overlap >= 0.5 * min(r1 - r0, y1 - y0):
                rows[-1].append(box)
                spans[-1] = (min(r0, y0), max(r1, y1))
                continue
        rows.append([box])
        spans.append((y0, y1))
    return [sorted(row, key=lambda b: b.bbox[0]) for row in rows]


def _column_bands(rows: Sequence[Sequence[OcrBox]]) -> list[tuple[float, float]]:
    """Column x-bands from the union of box extents in the rows with the most boxes."""
    typical = sorted(len(r) for r in rows)[len(rows) // 2]
    intervals = sorted((b.bbox[0], b.bbox[2]) for r in rows if len(r) >= typical for b in r)
    bands: list[list[float]] = []
    for x0, x1 in intervals:
        if bands and x0 <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    return [(a, b) for a, b in bands]


def _aligned_grid(rows: Sequence[Sequence[OcrBox]]) -> Grid | None:
    bands = _column_bands(rows)
    if len(bands) < 2:
        return None
    xs = [bands[0][0]] + [(bands[i][1] + bands[i + 1][0]) / 2 for i in range(len(bands) - 1)] + [bands[-1][1]]
    row_spans = [(min(b.bbox[1] for b in r), max(b.bbox[3] for b in r)) for r in rows]
    ys = [row_spans[0][0]] + [(row_spans[i][1] + row_spans[i + 1][0]) / 2 for i in range(len(rows) - 1)]
    ys.append(row_spans[-1][1])
    xs[0] = min(xs[0], min(b.bbox[0] for r in rows for b in r))
    xs[-1] = max(xs[-1], max(b.bbox[2] for r in rows for b in r))
    cells: list[GridCell] = []
    for r, row in enumerate(rows):
        taken: set[int] = set()
        for box in row:
            cols = [c for c, (a, b) in enumerate(bands) if min(b, box.bbox[2]) - max(a, box.bbox[0]) > 0]
            cols = [c for c in cols if c not in taken] or []
            if not cols:
                continue
            c0, c1 = min(cols), max(cols)
            taken.update(range(c0, c1 + 1))
            cells.append(GridCell(row=r, col=c0, row_span=1, col_span=c1 - c0 + 1,
                                  box=(xs[c0], ys[r], xs[c1 + 1], ys[r + 1])))
        for c in range(len(bands)):
            if c not in taken:
                cells.append(GridCell(row=r, col=c, row_span=1, col_span=1, box=(xs[c], ys[r], xs[c + 1], ys[r + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(xs=tuple(xs), ys=tuple(ys), cells=tuple(cells), ruled=False)


def find_aligned_grids(boxes: Sequence[OcrBox], settings: Settings) -> list[Grid]:
    """Borderless tables: runs of consecutive rows that each hold two or more separate boxes."""
    if not boxes:
        return []
    rows = group_rows(boxes)
    text_height = float(np.median([b.height for b in boxes]))
    grids: list[Grid] = []
    run: list[list[OcrBox]] = []

    def close_run() -> None:
        if len(run) >= settings.ocr_min_table_rows:
            grid = _aligned_grid(run)
            if grid is not None and grid.n_cols >= settings.ocr_min_table_cols:
                grids.append(grid)
        run.clear()

    for row in rows:
        tabular = len(row) >= settings.ocr_min_table_cols
        near = bool(run) and row[0].bbox[1] - max(b.bbox[3] for b in run[-1]) <= ROW_GAP_FACTOR * text_height
        if tabular and (near or not run):
            run.append(row)
            continue
        close_run()
        if tabular:
            run.append(row)
    close_run()
    return grids
