"""Markdown written by document converters (MinerU, marker, Docling, pymupdf4llm, PP-Structure).

Many users already ran a converter over their reports. Its markdown keeps the tables as pipe
tables or as HTML <table> blocks, one printed table often cut into one piece per page or per row
group, merged cells written into every slot they cover, placeholder header rows ("Col2", empty,
"---"), and page markers of the converter's own. This reader turns that back into the Document
the other readers produce:

- pipe tables → grids with merged cells restored (`md_grid`); HTML blocks → the HTML reader's
  grid code; pieces with only page furniture between them → stitched by `layout.stitch`;
- lines outside tables → running text, heading marks, emphasis and link syntax removed;
- `page` from the converter's page markers where there are any, else None.

Parsing is by line and lenient on purpose: a GFM parser drops the cells of a row beyond its
header's count, and converter rows are ragged; here no printed cell is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFile, HtmlTooLarge, LimitExceeded
from ..layout.stitch import continues_in_reading_order, merge_tables
from ..layout.text import is_page_footer
from ..model import Document, Line, Table, TextSource
from ..settings import Settings
from . import MARKDOWN, sha256_of
from . import mdsyntax as md
from .charset import decoded_lines
from .html import tables_of_fragment
from .html_images import ImageRef, read_image_tables
from .md_grid import RawCell, RawRow, build_table, last_row_slots, restore_header_spans, value_column_count

# A page number as converters leave it: "- 2 -", or "- 2" when the closing dash was dropped
# (pymupdf4llm). Only used to decide that nothing but page furniture separates two table parts.
_LOOSE_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*\d{1,3}\s*[-—–－]?\s*$")
# Header cells a converter writes where the table had none: "Col3" (pymupdf4llm), "Column 3",
# "Unnamed: 2" (pandas), or a dash run.
_PLACEHOLDER = re.compile(r"^(?:col(?:umn)?\s*\d+|unnamed:\s*\d+|:?-{3,}:?)$", re.IGNORECASE)
_MAX_TABLE_SLOTS = 1_000_000  # rows x columns of one pipe table; a report's largest table has ~500
_FRONT_MATTER_LINES = 60  # a YAML front matter block closes within this many lines


@dataclass
class _Part:
    """One table as written: pipe rows, or a grid from an HTML block."""

    line_index: int
    furniture_before: bool  # only page furniture since the previous table part
    rows: list[RawRow] | None = None
    html: Table | None = None

    @property
    def n_cols(self) -> int:
        if self.html is not None:
            return self.html.n_cols
        return max((len(row.cells) for row in self.rows or []), default=0)


@dataclass
class _Parse:
    path: Path
    settings: Settings
    lines: list[Line] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    page: int | None = None
    furniture_only: bool = False  # nothing but page furniture since the last table part

    def text_line(self, text: str, furniture: bool) -> None:
        self.lines.append(Line(text=text, page=self.page))
        if not furniture:
            self.furniture_only = False

    def table_lines(self, texts: list[str], pages: list[int | None]) -> int:
        start = len(self.lines)
        self.lines.extend(Line(text=t, page=p, in_table=True) for t, p in zip(texts, pages, strict=True) if t.strip())
        return start

    def add_part(self, part: _Part) -> None:
        self.parts.append(part)
        self.furniture_only = True


def _first_page(raw_lines: list[str]) -> int | None:
    """The page of the text before the first marker: 1 when markers end or break pages, the page
    before a first "start" marker, None without markers."""
    for line in raw_lines:
        marker = md.page_marker(line)
        if marker is not None:
            kind, number = marker
            if kind == "start":
                assert number is not None
                return number - 1 if number > 1 else None
            return 1
    if any(md.is_page_rule(line) for line in raw_lines):
        return 1
    return None


def _next_page(page: int | None, marker: tuple[str, int | None]) -> int | None:
    kind, number = marker
    if kind == "start":
        return number
    if kind == "end":
        return None if number is None else number + 1
    return (page or 1) + 1


def _pipe_rows(lines: list[str], page: int | None, header: bool) -> list[RawRow]:
    rows: list[RawRow] = []
    for index, line in enumerate(lines):
        cells = [md.inline_text(cell) for cell in md.split_pipe_row(line)]
        if header and index == 0:
            raw = [RawCell("", True) if _PLACEHOLDER.match(text) else RawCell(text) for text in cells]
            if all(cell.placeholder or not cell.text for cell in raw):
                continue  # a header row the converter made up: it printed nothing
            rows.append(RawRow(tuple(raw), page))
        else:
            rows.append(RawRow(tuple(RawCell(text) for text in cells), page))
    return rows


def _html_block(state: _Parse, raw_lines: list[str], start: int) -> int:
    """An HTML block holding a table, to its closing tag or (as CommonMark ends HTML blocks) a
    blank line; returns the index after it."""
    depth, end = 0, start
    while end < len(raw_lines):
        line = raw_lines[end]
        if end > start and not line.strip():
            break
        depth += md.table_depth_change(line)
        end += 1
        if depth <= 0:
            break
    markup = "\n".join(raw_lines[start:end])
    if len(markup.encode("utf-8")) > state.settings.max_html_bytes:
        raise HtmlTooLarge(str(state.path), f"an HTML table block is over the limit of {state.settings.max_html_bytes} bytes")
    try:
        found = tables_of_fragment(state.path, markup)
    except CorruptFile:
        found = []  # an HTML block lxml cannot parse at all holds no table we can read
    for table, texts in found:
        paged = table.model_copy(
            update={"page": state.page, "cells": [c.model_copy(update={"page": state.page}) for c in table.cells]}
        )
        index = state.table_lines(texts, [state.page] * len(texts))
        state.add_part(_Part(index, state.furniture_only, html=paged.model_copy(update={"line_index": index})))
    return end


def _pipe_block(state: _Parse, raw_lines: list[str], start: int, header: bool) -> int:
    end = start + (2 if header else 0)
    body: list[str] = [raw_lines[start]] if header else []
    while end < len(raw_lines) and md.is_pipe_row(raw_lines[end]) and md.page_marker(raw_lines[end]) is None:
        body.append(raw_lines[end])
        end += 1
    rows = _pipe_rows(body, state.page, header)
    slots = len(rows) * max((len(row.cells) for row in rows), default=0)
    if slots > _MAX_TABLE_SLOTS:
        raise LimitExceeded(str(state.path), f"a pipe table has more than {_MAX_TABLE_SLOTS} cells ({slots})")
    if rows:
        texts = ["\t".join(cell.text for cell in row.cells) for row in rows]
        index = state.table_lines(texts, [row.page for row in rows])
        state.add_part(_Part(index, state.furniture_only, rows=rows))
    return end


def _is_bare_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|")


def _skip_front_matter(raw_lines: list[str]) -> int:
    if raw_lines and raw_lines[0].strip() == "---":
        for index in range(1, min(len(raw_lines), _FRONT_MATTER_LINES)):
            if raw_lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _parse(state: _Parse, raw_lines: list[str]) -> None:
    """One pass over the lines: text, tables, images and page markers in reading order."""
    state.page = _first_page(raw_lines)
    i = _skip_front_matter(raw_lines)
    in_comment = False
    previous_blank = True
    while i < len(raw_lines):
        line = raw_lines[i]
        blank = not line.strip()
        if in_comment:
            in_comment = "-->" not in line
            i += 1
            continue
        marker = md.page_marker(line)
        if marker is not None:
            state.page = _next_page(state.page, marker)
        elif previous_blank and md.is_page_rule(line):
            state.page = (state.page or 1) + 1
        elif md.opens_table(line):
            i = _html_block(state, raw_lines, i)
            previous_blank = False
            continue
        elif md.is_pipe_row(line) and i + 1 < len(raw_lines) and md.is_separator_row(raw_lines[i + 1]):
            i = _pipe_block(state, raw_lines, i, header=True)
            previous_blank = False
            continue
        elif _is_bare_pipe_row(line) and i + 1 < len(raw_lines) and _is_bare_pipe_row(raw_lines[i + 1]):
            i = _pipe_block(state, raw_lines, i, header=False)
            previous_blank = False
            continue
        elif "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True  # a comment over several lines (Azure's page header and footer notes)
        elif not blank and not md.is_fence(line) and not (not previous_blank and md.is_setext_underline(line)):
            _text(state, line)
        previous_blank = blank
        i += 1


def _text(state: _Parse, line: str) -> None:
    sources = md.images(line)
    if sources:
        state.images.extend(ImageRef(len(state.lines), src) for src in sources)
        state.furniture_only = False
    raw = md.strip_comments(line).strip()
    if is_page_footer(raw) or _LOOSE_PAGE_NUMBER.match(raw):
        state.text_line(raw, furniture=True)  # before block_text, which would read "- 4 -" as a list item
        return
    text = md.block_text(raw)
    if text:
        state.text_line(text, furniture=is_page_footer(text) or bool(_LOOSE_PAGE_NUMBER.match(text)))


def _tables(state: _Parse) -> list[Table]:
    """Each part as a grid, continued parts stitched; a part is read against the last row of the
    table it continues, so its placeholders and repeated cells resolve to the cells above."""
    merged: list[Table] = []
    from_pipes: list[bool] = []
    for part in state.parts:
        joinable = bool(merged) and part.furniture_before and merged[-1].n_cols == part.n_cols
        if part.html is not None:
            table = part.html
        else:
            context = last_row_slots(merged[-1]) if joinable else None
            expected = value_column_count(merged[-1]) if merged and part.furniture_before and not joinable else None
            table = build_table(part.rows or [], context, part.line_index, expected)
        if merged and continues_in_reading_order(merged[-1], table, part.furniture_before, state.settings):
            merged[-1] = merge_tables(merged[-1], table, state.settings)
            from_pipes[-1] = from_pipes[-1] and part.html is None
        else:
            if merged and part.furniture_before:
                # the same printed table on a grid of other columns (a converter drew each page's
                # grid anew): column numbers mean nothing across the two, so values go by order
                table = table.model_copy(update={"reliable_columns": False})
            merged.append(table)
            from_pipes.append(part.html is None)
    return [restore_header_spans(t) if pipes else t for t, pipes in zip(merged, from_pipes, strict=True)]


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """Read converter markdown into lines (running text and one line per table row) and grids."""
    state = _Parse(path, settings)
    _parse(state, decoded_lines(path, data))
    tables = _tables(state)
    lines, tables = read_image_tables(path, state.images, state.lines, tables, settings)
    return Document(
        path=str(path),
        media_type=MARKDOWN,
        sha256=sha256_of(data),
        source=TextSource.MARKDOWN,
        lines=lines,
        tables=tables,
    )
