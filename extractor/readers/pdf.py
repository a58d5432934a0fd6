"""PDF reader: text lines in reading order and ruled tables rebuilt cell by cell (PyMuPDF).

Per page: one `find_tables()` on the ruling lines (the ONNX layout model is off unless asked
for), one rawdict extraction reusing the table finder's text page, cell text rebuilt from those
characters (`layout.pdf_cells`), then tables continued over page breaks are stitched
(`layout.stitch`). Pages without a usable text layer are listed in `Document.ocr_pages` and
handed to `extractor.ocr` when that module is installed. On a page that has one, a large picture
with no text over it (a table pasted in as an image) is OCR'd on its own, and what it holds is
placed among the page's lines at its top edge; such a page is listed in `ocr_pages` too.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    ExtractorError,
    TooManyPages,
)
from ..layout.pdf_cells import CellIndex, Char, cell_texts
from ..layout.stitch import stitch_tables
from ..model import BBox, Cell, Document, Line, Page, Table, TextSource
from ..settings import Settings
from . import PDF, sha256_of
from .pdf_limits import check_page, check_streams
from .pdf_ocr import inside, ocr_page, ocr_regions, page_needs_ocr, picture_regions
from .pymupdf_core import enable_layout, mupdf
from .pymupdf_core import pymupdf as _pymupdf  # PyMuPDF without its layout add-ons (pymupdf_core.py)

# PyMuPDF ships no annotations: its module, documents and pages are handled as Any.
pymupdf: Any = _pymupdf
PdfDocument = Any
PdfPage = Any

# What PyMuPDF raises on damaged input: its own FileDataError (a RuntimeError), ValueError for
# malformed objects, and MuPDF's C++ errors surfacing as FzErrorBase.
_PDF_ERRORS: tuple[type[Exception], ...] = (RuntimeError, ValueError, mupdf.FzErrorBase)

# The text page find_tables builds; reused when it has none to hand over.
_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT | pymupdf.TEXT_ACCURATE_BBOXES | pymupdf.TEXT_MEDIABOX_CLIP

_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_FILE_NAME = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf|xlsx?|et)$|^microsoft word\s*-", re.IGNORECASE)
_PLACEHOLDER_TITLES = frozenset({"无标题", "文档", "新建文档", "untitled", "document"})


@dataclass
class _RawLine:
    text: str
    bbox: BBox
    baseline: float


@dataclass
class _PageContent:
    """One page's lines (reading order), tables (line_index local to the page) and OCR need."""

    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    needs_ocr: bool = False
    pictures: list[BBox] = field(default_factory=list)  # image regions to OCR on a text page


# ---------------------------------------------------------------- opening


def _configure_layout(settings: Settings) -> None:
    """Switch PyMuPDF's ONNX layout model off unless asked for (~10x the ruling-line cost)."""
    if settings.use_layout_model:
        enable_layout()
    # NotImplementedError: pymupdf4llm is absent (or left out), so the layout model is off anyway.
    with contextlib.suppress(NotImplementedError):
        pymupdf.use_layout(settings.use_layout_model)


def _open(path: Path, data: bytes, settings: Settings) -> PdfDocument:
    """Open the bytes or raise the ExtractorError that names why they cannot be read."""
    name = str(path)
    if not data:
        raise EmptyFile(name, "the file is empty")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except _PDF_ERRORS as exc:
        raise CorruptFile(name, f"not a readable PDF: {exc}") from exc
    try:
        if doc.needs_pass and not doc.authenticate(""):
            raise EncryptedFile(name, "the PDF is encrypted and cannot be opened without a password")
        if doc.is_repaired and b"%%EOF" not in data[-settings.pdf_eof_tail_bytes :]:
            raise CorruptFile(
                name, "the PDF is truncated: no end-of-file marker and a broken cross-reference table"
            )
        if doc.page_count == 0:
            raise CorruptFile(name, "the PDF has no pages")
        if doc.page_count > settings.max_pages:
            raise TooManyPages(
                name, f"the PDF has {doc.page_count} pages, over the limit of {settings.max_pages}"
            )
        check_streams(doc, name, settings)
    except ExtractorError:
        doc.close()
        raise
    except _PDF_ERRORS as exc:
        doc.close()
        raise CorruptFile(name, f"the PDF structure cannot be read: {exc}") from exc
    return doc


def meaningful_title(metadata: dict[str, Any] | None) -> str | None:
    """The metadata title when it names the document, not a file name or a placeholder."""
    title = " ".join(str((metadata or {}).get("title") or "").split())
    if len(title) < 4 or title.lower() in _PLACEHOLDER_TITLES or _FILE_NAME.search(title):
        return None
    return title if _HAS_CJK.search(title) else None


# ---------------------------------------------------------------- one page


def _chars_and_lines(raw: dict[str, Any], matrix: Any = None) -> tuple[list[Char], list[_RawLine]]:
    """Every character (for cell text) and every non-blank text line (spans joined).

    `matrix` maps unrotated text coordinates to the displayed page, where find_tables works.
    """

    def box(values: Any) -> BBox:
        rect = pymupdf.Rect(values) if matrix is None else pymupdf.Rect(values) * matrix
        return (float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))

    def baseline_of(origin: Any) -> float:
        return float(origin[1] if matrix is None else (pymupdf.Point(origin) * matrix).y)

    chars: list[Char] = []
    lines: list[_RawLine] = []
    for block in raw.get("blocks", []):
        for line in block.get("lines", []):
            parts: list[str] = []
            baseline = 0.0
            for span in line["spans"]:
                size = float(span["size"])
                for c in span["chars"]:
                    baseline = baseline_of(c["origin"])
                    chars.append(Char(c["c"], box(c["bbox"]), baseline, size))
                    parts.append(c["c"])
            text = "".join(parts).strip()
            if text:
                lines.append(_RawLine(text, box(line["bbox"]), baseline))
    return chars, lines


def _spans(tab: Any, snap: float) -> list[tuple[int, int, int, int, BBox]]:
    """(row, col, row_span, col_span, bbox) of each PyMuPDF cell; `None` slots are covered slots."""
    rows = tab.rows
    tops = [row.bbox[1] for row in rows]
    lefts: list[float] = []
    for col in range(tab.col_count):
        xs = [row.cells[col][0] for row in rows if col < len(row.cells) and row.cells[col] is not None]
        lefts.append(min(xs) if xs else float("inf"))
    out: list[tuple[int, int, int, int, BBox]] = []
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            row_span = sum(1 for top in tops[r:] if top < box[3] - snap)
            col_span = sum(1 for left in lefts[c:] if left < box[2] - snap)
            out.append((r, c, max(row_span, 1), max(col_span, 1), tuple(box)))
    return out


def _table(tab: Any, chars: Sequence[Char], number: int, settings: Settings) -> Table:
    spans = _spans(tab, settings.table_grid_snap_pt)
    texts = cell_texts(
        chars,
        [s[4] for s in spans],
        min_overlap=settings.char_in_cell_overlap,
        baseline_tolerance=settings.cell_baseline_tolerance,
        snap=settings.table_grid_snap_pt,
    )
    cells = [
        Cell(
            row=r,
            col=c,
            row_span=rs,
            col_span=cs,
            text=text,
            page=number,
            bbox=box,
            confidence=settings.text_confidence,
        )
        for (r, c, rs, cs, box), text in zip(spans, texts, strict=True)
    ]
    return Table(
        n_rows=tab.row_count,
        n_cols=tab.col_count,
        cells=cells,
        page=number,
        bbox=tuple(tab.bbox),
        source=TextSource.TEXT_LAYER,
    )


def _visual_rows(lines: list[_RawLine], overlap: float) -> list[list[_RawLine]]:
    """Lines grouped into rows that share most of their height, top to bottom, each left to right."""
    rows: list[list[_RawLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        if rows:
            last = rows[-1][-1]
            shared = min(last.bbox[3], line.bbox[3]) - max(last.bbox[1], line.bbox[1])
            shorter = min(last.bbox[3] - last.bbox[1], line.bbox[3] - line.bbox[1])
            if shorter > 0 and shared >= overlap * shorter:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda ln: ln.bbox[0]) for row in rows]


def _reading_order(
    lines: list[_RawLine], tables: list[Table], settings: Settings
) -> list[tuple[_RawLine, int | None]]:
    """Lines top to bottom; inside a table, cell by cell (row, then column), each cell top to bottom.

    Returns each line with the index of the table that holds it (None for running text).
    """
    loose: list[_RawLine] = []
    held: list[list[_RawLine]] = [[] for _ in tables]
    for line in lines:
        owner = next(
            (i for i, t in enumerate(tables) if t.bbox is not None and inside(line.bbox, t.bbox)), None
        )
        (loose if owner is None else held[owner]).append(line)
    units: list[tuple[float, list[tuple[_RawLine, int | None]]]] = [
        (row[0].bbox[1], [(ln, None) for ln in row]) for row in _visual_rows(loose, settings.line_row_overlap)
    ]
    for i, table in enumerate(tables):
        if table.bbox is None:
            continue
        index = CellIndex([c.bbox for c in table.cells if c.bbox is not None], settings.table_grid_snap_pt)
        boxed = [c for c in table.cells if c.bbox is not None]

        def key(line: _RawLine, boxed: list[Cell] = boxed, index: CellIndex = index) -> tuple[float, ...]:
            probe = Char(line.text, line.bbox, line.baseline, 0.0)
            found = index.cell_of(probe, 0.0)
            if found is None:
                return (float("inf"), 0.0, line.bbox[1], line.bbox[0])
            return (boxed[found].row, boxed[found].col, line.baseline, line.bbox[0])

        units.append((table.bbox[1], [(ln, i) for ln in sorted(held[i], key=key)]))
    units.sort(key=lambda unit: unit[0])
    return [item for _, items in units for item in items]


def _read_page(page: PdfPage, number: int, settings: Settings) -> _PageContent:
    finder = page.find_tables(strategy=settings.table_strategy, use_layout=settings.use_layout_model)
    # find_tables works on a derotated copy of a rotated page: its text page is gone with the copy.
    rotated = page.rotation != 0
    reuse = finder is not None and not rotated
    textpage = finder.textpage if reuse else page.get_textpage(flags=_TEXT_FLAGS)
    raw = page.get_text("rawdict", textpage=textpage)
    chars, raw_lines = _chars_and_lines(raw, page.rotation_matrix if rotated else None)
    found = finder.tables if finder is not None else []
    tables = [
        _table(tab, chars, number, settings) for tab in found if tab.col_count >= settings.table_min_cols
    ]
    content = _PageContent()
    for raw, owner in _reading_order(raw_lines, tables, settings):
        if owner is not None and tables[owner].line_index is None:
            tables[owner] = tables[owner].model_copy(update={"line_index": len(content.lines)})
        content.lines.append(Line(text=raw.text, page=number, bbox=raw.bbox, in_table=owner is not None))
    content.tables = tables
    content.needs_ocr = page_needs_ocr(page, settings, "".join(ch.text for ch in chars))
    if not content.needs_ocr:
        content.pictures = picture_regions(page, chars, settings)
    return content


def _with_ocr(content: _PageContent, page: PdfPage, number: int, settings: Settings) -> _PageContent:
    """The page as the OCR module reads it, when installed; otherwise the text layer as it is."""
    result = ocr_page(page, number, settings)
    if result is None:
        return content
    lines, tables = result
    placed: list[Table] = []
    for table in tables:
        if table.bbox is not None:
            first = next(
                (i for i, ln in enumerate(lines) if ln.bbox is not None and inside(ln.bbox, table.bbox)),
                None,
            )
            table = table.model_copy(update={"line_index": first})
        placed.append(table)
    return _PageContent(lines=list(lines), tables=placed, needs_ocr=True)


def _insertion_point(lines: Sequence[Line], tables: Sequence[Table], top: float) -> int:
    """Index of the first line at or below `top`, moved past the rest of a table it falls inside."""
    at = next((i for i, ln in enumerate(lines) if ln.bbox is not None and ln.bbox[1] >= top), len(lines))
    starts = {t.line_index for t in tables}
    while 0 < at < len(lines) and lines[at].in_table and lines[at - 1].in_table and at not in starts:
        at += 1
    return at


def _with_pictures(content: _PageContent, page: PdfPage, number: int, settings: Settings) -> _PageContent:
    """The text layer plus what OCR reads in each picture, placed in reading order at its top edge."""
    found = ocr_regions(page, content.pictures, number, settings)
    if found is None:
        return content
    lines = list(content.lines)
    tables = list(content.tables)
    for region, region_lines, region_tables in found:
        if not region_lines:
            continue
        at = _insertion_point(lines, tables, region[1])
        shift = len(region_lines)
        tables = [
            t if t.line_index is None or t.line_index < at
            else t.model_copy(update={"line_index": t.line_index + shift})
            for t in tables
        ]
        tables.extend(
            t.model_copy(update={"line_index": None if t.line_index is None else t.line_index + at})
            for t in region_tables
        )
        lines[at:at] = region_lines
    tables.sort(key=lambda t: (t.line_index is None, t.line_index or 0))
    return _PageContent(lines=lines, tables=tables, needs_ocr=False, pictures=content.pictures)


# ---------------------------------------------------------------- the document


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """Read a PDF into a Document, or raise an ExtractorError naming why it cannot be read."""
    _configure_layout(settings)
    doc = _open(path, data, settings)
    pages: list[Page] = []
    lines: list[Line] = []
    tables: list[Table] = []
    ocr_pages: list[int] = []
    try:
        for index in range(doc.page_count):
            number = index + 1
            try:
                page = doc.load_page(index)
                check_page(page, number, str(path), settings)
                content = _read_page(page, number, settings)
                if content.needs_ocr:
                    ocr_pages.append(number)
                    content = _with_ocr(content, page, number, settings)
                elif content.pictures:
                    ocr_pages.append(number)
                    content = _with_pictures(content, page, number, settings)
                pages.append(Page(number=number, width=page.rect.width, height=page.rect.height))
            except _PDF_ERRORS as exc:
                raise CorruptFile(str(path), f"page {number} cannot be read: {exc}") from exc
            offset = len(lines)
            lines.extend(content.lines)
            for table in content.tables:
                start = None if table.line_index is None else table.line_index + offset
                tables.append(table.model_copy(update={"line_index": start}))
        title = meaningful_title(doc.metadata)
        dates = {f"pdf:{key}": str(value) for key in ("creationDate", "modDate")
                 if (value := (doc.metadata or {}).get(key))}
    finally:
        doc.close()
    return Document(
        path=str(path),
        media_type=PDF,
        sha256=sha256_of(data),
        source=TextSource.TEXT_LAYER,
        pages=pages,
        lines=lines,
        tables=stitch_tables(tables, lines, pages, settings),
        ocr_pages=ocr_pages,
        title=title,
        metadata=dates,
    )
