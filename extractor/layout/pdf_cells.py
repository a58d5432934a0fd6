"""Cell text rebuilt from the page's characters, not from PyMuPDF's `Table.extract()`.

`extract()` groups characters into words before it knows the cell, so full-width punctuation and
decimal points land on a line of their own ("961716\\n." for 96171.6). Here every character is
placed in the one cell that holds most of its box, grouped into text lines by baseline, ordered by
x, and the lines of a cell are joined without inserting anything: a wrapped header ("商业企" /
"业") and a vertical label ("三" / "、" / "本" …) both come out as the words they print.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import BBox

# CJK ideographs, CJK and full-width punctuation, and the curly quotes Chinese text uses.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f\U00020000-\U0003ffff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Char:
    """One character of the text layer: its text, box, baseline and font size."""

    text: str
    bbox: BBox
    baseline: float
    size: float


def _overlap_share(inner: BBox, outer: BBox) -> float:
    """Share of `inner`'s area that lies inside `outer` (1.0 for a zero-area box inside it)."""
    x0, y0 = max(inner[0], outer[0]), max(inner[1], outer[1])
    x1, y1 = min(inner[2], outer[2]), min(inner[3], outer[3])
    area = (inner[2] - inner[0]) * (inner[3] - inner[1])
    if area <= 0:
        cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
        return 1.0 if outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3] else 0.0
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return (x1 - x0) * (y1 - y0) / area


def normalize_cell_text(text: str) -> str:
    """Drop whitespace between CJK characters, collapse other runs to one space, strip the ends.

    Chinese prints no spaces between words, so a gap there is layout ("结 果维持", "第二十条 第（一）项");
    spaces elsewhere ("3. 其他", "251000 元") are kept as one space.
    """
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


def join_cell_lines(lines: Sequence[str]) -> str:
    """Join a cell's text lines without inserting anything, except one space between Latin words."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _ASCII_LETTER.fullmatch(out[-1]) and _ASCII_LETTER.fullmatch(line[0]):
            out += " "
        out += line
    return out


def text_of_chars(chars: Sequence[Char], baseline_tolerance: float) -> str:
    """Chars of one cell as text: grouped into lines by baseline (top to bottom), each line by x.

    `baseline_tolerance` is a share of the font size: characters whose baselines differ by less
    sit on one line, so a low full-width "、" or "." stays with its line.
    """
    ordered = sorted(chars, key=lambda c: (c.baseline, c.bbox[0]))
    lines: list[list[Char]] = []
    for char in ordered:
        if lines:
            head = lines[-1][0]
            if abs(char.baseline - head.baseline) <= baseline_tolerance * max(head.size, char.size):
                lines[-1].append(char)
                continue
        lines.append([char])
    texts = ["".join(c.text for c in sorted(line, key=lambda c: c.bbox[0])).strip() for line in lines]
    return normalize_cell_text(join_cell_lines(texts))


class CellIndex:
    """Finds, for a character, the cell that holds it: bisect on the grid edges, then an overlap test.

    Scanning every cell for every character is quadratic on a 26-row table; the grid of all
    distinct cell edges maps a character centre to one slot, and the slot to its cell.
    """

    def __init__(self, cells: Sequence[BBox], snap: float) -> None:
        self._cells = list(cells)
        self._xs = _distinct(sorted(v for c in cells for v in (c[0], c[2])), snap)
        self._ys = _distinct(sorted(v for c in cells for v in (c[1], c[3])), snap)
        self._slots: dict[tuple[int, int], int] = {}
        for index, (x0, y0, x1, y1) in enumerate(self._cells):
            for row in range(self._slot(self._ys, y0 + snap), self._slot(self._ys, y1 - snap) + 1):
                for col in range(self._slot(self._xs, x0 + snap), self._slot(self._xs, x1 - snap) + 1):
                    self._slots.setdefault((row, col), index)

    @staticmethod
    def _slot(edges: list[float], value: float) -> int:
        return bisect.bisect_right(edges, value) - 1

    def cell_of(self, char: Char, min_overlap: float) -> int | None:
        """Index of the cell holding at least `min_overlap` of the character's box, if any."""
        cx = (char.bbox[0] + char.bbox[2]) / 2
        cy = (char.bbox[1] + char.bbox[3]) / 2
        index = self._slots.get((self._slot(self._ys, cy), self._slot(self._xs, cx)))
        if index is None or _overlap_share(char.bbox, self._cells[index]) < min_overlap:
            return None
        return index


def _distinct(values: list[float], snap: float) -> list[float]:
    """Sorted values with near-duplicates (closer than `snap`) folded into the first."""
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > snap:
            out.append(value)
    return out


def cell_texts(
    chars: Sequence[Char],
    cells: Sequence[BBox],
    *,
    min_overlap: float,
    baseline_tolerance: float,
    snap: float,
) -> list[str]:
    """The text of every cell (same order as `cells`) from the characters lying mostly inside it."""
    index = CellIndex(cells, snap)
    members: list[list[Char]] = [[] for _ in cells]
    for char in chars:
        found = index.cell_of(char, min_overlap)
        if found is not None:
            members[found].append(char)
    return [text_of_chars(group, baseline_tolerance) for group in members]
