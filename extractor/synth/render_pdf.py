"""A4 PDF with an embedded, subset CJK font, ruled tables drawn line by line, and page footers.

Tables are laid out row by row: a row that does not fit starts a new page, and a spanning label
cut by the page edge is drawn as two boxes with its text in the first, as word processors do. The
page_split variant forces such a cut inside table 3. Metadata is fixed and no file id is written,
so the bytes depend on the seed only.

The table_image variant pastes each table back in as a picture of itself, as reports made by
copying a spreadsheet into a word processor do: the table's rectangle is rasterised, everything
drawn there (text and rules) is redacted away, and the picture is inserted in its place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf

from extractor.synth.report import SynthReport
from extractor.synth.tables import Cell, Grid

pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in extractor/readers/pdf.py

_W, _H = pymupdf.paper_size("a4")
_LEFT, _RIGHT, _TOP, _BOTTOM = 56.0, _W - 56.0, 64.0, _H - 70.0
_FOOTER_Y = _H - 40.0
_BODY, _HEAD, _TITLE = 10.5, 11.0, 15.0
_PAD = 2.0
_NO_LINE_START = frozenset("，。、；：？！）》”’")  # kept on the line before, as CJK typesetting does
_FIXED_DATE = "D:20240101000000+00'00'"
_PICTURE_DPI = 200  # table_image: the resolution of the pasted picture
_PICTURE_MARGIN = 2.0  # table_image: points around the table's rules, inside the picture


@dataclass
class _Seg:
    page: int
    top: float
    bottom: float


@dataclass
class _Page:
    """What one page will carry, recorded first and drawn at the end.

    PyMuPDF invalidates Page objects when another page is inserted, so drawing waits until the
    layout has decided how many pages there are.
    """

    texts: list[tuple[float, float, str, float]]
    rects: list[Any]
    tables: list[Any]  # the outline of each table part this page carries


class _Writer:
    """Page cursor over one document: wraps text, starts pages, records what each page shows."""

    def __init__(self, footer: str) -> None:
        self.font = pymupdf.Font("cjk")
        self.footer = footer
        self.pages: list[_Page] = []
        self._advance: dict[str, float] = {}
        self.y = _TOP
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(_Page([], [], []))
        self.y = _TOP

    def width(self, text: str, size: float) -> float:
        """Advance width from a per-character cache: measuring through MuPDF per call is slow."""
        total = 0.0
        for ch in text:
            adv = self._advance.get(ch)
            if adv is None:
                adv = self._advance[ch] = float(self.font.glyph_advance(ord(ch)))
            total += adv
        return total * size

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Greedy character wrap, honouring explicit line breaks."""
        lines: list[str] = []
        for part in text.split("\n"):
            line = ""
            for ch in part:
                if line and ch not in _NO_LINE_START and self.width(line + ch, size) > width:
                    lines.append(line)
                    line = ""
                line += ch
            lines.append(line)
        return lines

    def put(self, page: int, x: float, top: float, text: str, size: float) -> None:
        self.pages[page].texts.append((x, top + size * 0.9, text, size))

    def paragraph(self, text: str, size: float, indent: float = 0.0, center: bool = False,
                  gap: float = 4.0) -> None:
        lead = size * 1.6
        for i, line in enumerate(self.wrap(text, _RIGHT - _LEFT - indent, size)):
            if self.y + lead > _BOTTOM:
                self.new_page()
            shift = indent if i == 0 else 0.0
            x = (_W - self.width(line, size)) / 2 if center else _LEFT + shift
            self.put(len(self.pages) - 1, x, self.y, line, size)
            self.y += lead
        self.y += gap

    def finish(self, table_images: bool = False, dates: tuple[str, str] = (_FIXED_DATE, _FIXED_DATE)) -> bytes:
        """Draw the recorded pages; the TextWriter embeds the CJK font once, subset at the end."""
        doc = pymupdf.open()
        for i, content in enumerate(self.pages):
            page = doc.new_page(width=_W, height=_H)
            if content.rects:
                shape = page.new_shape()
                for rect in content.rects:
                    shape.draw_rect(rect)
                shape.finish(color=(0, 0, 0), width=0.5)
                shape.commit()
            label = self.footer.format(n=i + 1)
            content.texts.append(((_W - self.width(label, 9.0)) / 2, _FOOTER_Y, label, 9.0))
            writer = pymupdf.TextWriter(page.rect)
            for x, y, text, size in content.texts:
                writer.append((x, y), text, font=self.font, fontsize=size)
            writer.write_text(page)
            if table_images:
                _paste_as_pictures(page, content.tables)
        doc.set_metadata({"title": "", "author": "", "subject": "", "keywords": "", "creator": "",
                          "producer": "xxgk-synth", "creationDate": dates[0], "modDate": dates[1]})
        doc.subset_fonts()
        data: bytes = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
        doc.close()
        return data


def _paste_as_pictures(page: Any, outlines: list[Any]) -> None:
    """Replace each table outline by a picture of what is drawn there; no text is left under it."""
    boxes = [(outline + (-_PICTURE_MARGIN, -_PICTURE_MARGIN, _PICTURE_MARGIN, _PICTURE_MARGIN)) & page.rect
             for outline in outlines]
    pictures = [page.get_pixmap(clip=box, dpi=_PICTURE_DPI, colorspace=pymupdf.csGRAY, alpha=False)
                for box in boxes]
    for box in boxes:
        page.add_redact_annot(box, fill=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED)
    for box, picture in zip(boxes, pictures, strict=True):
        page.insert_image(box, pixmap=picture, keep_proportion=False)


def _row_heights(w: _Writer, grid: Grid, xs: list[float], size: float) -> list[float]:
    """Each row tall enough for its one-row cells, then stretched for tall spanning cells."""
    lead = size * 1.25
    heights = [size * 1.25 + 2 * _PAD + 4] * grid.n_rows

    def need(c: Cell) -> float:
        return len(w.wrap(c.text, xs[c.col + c.colspan] - xs[c.col] - 2 * _PAD, size)) * lead + 2 * _PAD

    for c in grid.cells:
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need(c))
    for c in grid.cells:
        if c.rowspan > 1:
            short = need(c) - sum(heights[c.row:c.row + c.rowspan])
            if short > 0:
                heights[c.row + c.rowspan - 1] += short
    return heights


def _table(w: _Writer, grid: Grid) -> None:
    size = 9.0 if len(grid.widths) <= 4 else 7.5
    total = sum(grid.widths)
    xs = [_LEFT]
    for width in grid.widths:
        xs.append(xs[-1] + (_RIGHT - _LEFT) * width / total)
    heights = _row_heights(w, grid, xs, size)
    if grid.split_before is None and w.y + sum(heights) > _BOTTOM and sum(heights) < _BOTTOM - _TOP:
        w.new_page()
    rows: list[_Seg] = []
    for r, h in enumerate(heights):
        if w.y + h > _BOTTOM or (r == grid.split_before and w.y > _TOP):
            w.new_page()
        rows.append(_Seg(len(w.pages) - 1, w.y, w.y + h))
        w.y += h
    w.y += 10
    for number in sorted({seg.page for seg in rows}):
        on_page = [seg for seg in rows if seg.page == number]
        w.pages[number].tables.append(pymupdf.Rect(xs[0], on_page[0].top, xs[-1], on_page[-1].bottom))
    for c in grid.cells:
        segs: list[_Seg] = []
        for seg in rows[c.row:c.row + c.rowspan]:
            if segs and segs[-1].page == seg.page:
                segs[-1].bottom = seg.bottom
            else:
                segs.append(_Seg(seg.page, seg.top, seg.bottom))
        x0, x1 = xs[c.col], xs[c.col + c.colspan]
        for seg in segs:
            w.pages[seg.page].rects.append(pymupdf.Rect(x0, seg.top, x1, seg.bottom))
        lines = w.wrap(c.text, x1 - x0 - 2 * _PAD, size)
        first = max(segs, key=lambda seg: seg.bottom - seg.top)  # a cut label sits in its larger part
        lead = size * 1.25
        top = first.top + max(_PAD, (first.bottom - first.top - len(lines) * lead) / 2)
        for i, line in enumerate(lines):
            left = c.kind == "label" and len(lines[0]) > 1  # vertical labels stay centred
            x = x0 + _PAD if left else (x0 + x1 - w.width(line, size)) / 2
            w.put(first.page, x, top + i * lead, line, size)


def render(report: SynthReport, path: Path) -> None:
    w = _Writer(report.footer)
    for kind, payload in report.blocks:
        if isinstance(payload, Grid):
            _table(w, payload)
        elif kind == "title":
            w.paragraph(payload, _TITLE, center=True, gap=12.0)
        elif kind == "heading":
            w.paragraph(payload, _HEAD, indent=2 * _HEAD)
        else:
            w.paragraph(payload, _BODY, indent=2 * _BODY)
    path.write_bytes(w.finish(table_images=report.layout.has("table_image"), dates=_dates(report)))


def _dates(report: SynthReport) -> tuple[str, str]:
    """Region reports are created on their publication day and re-saved weeks later (ModDate); an
    undated one carries no dates at all. Other reports keep the fixed dates of reproducible bytes."""
    if not report.dated:
        return _FIXED_DATE, _FIXED_DATE
    if report.published is None:
        return "", ""
    resaved = report.published + dt.timedelta(days=45)
    return f"D:{report.published:%Y%m%d}093000+08'00'", f"D:{resaved:%Y%m%d}170000+08'00'"
