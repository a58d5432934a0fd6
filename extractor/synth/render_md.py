"""Markdown in the shapes document converters write when they read a report's PDF.

The document is laid out on pages first (as the PDF renderer does: a table row that does not fit
starts a new page, page_split forces a cut inside table 3), then written in one converter's style:

- pymupdf4llm (`md_fill`): pipe tables whose covered slots are filled from the left, else from
  above (PyMuPDF's `fill_empty`), header slots with no text named "Col3"; bold headings; lines
  wrapped as on the page; "- 2 -" page footers kept; "--- end of page=1 ---" page markers;
- Docling (`md_repeat`): a merged cell's text repeated in every slot it covers; "## " headings;
  "<!-- page break -->" markers; page footers dropped as furniture;
- MinerU (`md_html_tables`): tables as one-line HTML <table> with rowspan/colspan; "# "
  headings; an image link for the seal; "<!-- page 3 -->" markers;
- marker (none of those): covered slots empty; "{2}------" page markers (0-based).

`md_row_groups` writes one pipe table per row group under a made-up empty header row, as some
pipelines do. A table cut by a page keeps a spanning label's text in its larger part and an
empty box in the other, as the PDF shows it. All choices are the layout's: no randomness here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from extractor.synth.report import SynthReport
from extractor.synth.tables import Cell, Grid

_PAGE_LINES = 42.0  # what one page holds, in body lines
_WRAP = 30  # characters per printed line (pymupdf4llm keeps the page's line breaks)
_WEIGHT = {"title": 3.0, "heading": 2.0}
_ROW_LINES = 1.6
_MIN_ROWS_ON_PAGE = 3  # a table starting with fewer rows left on the page starts on the next one


@dataclass(frozen=True)
class _Piece:
    grid: Grid
    start: int  # first grid row
    stop: int  # one past the last grid row


Item = tuple[str, "str | _Piece"]  # ("title"|"heading"|"para", text) or ("table", piece) or ("page", "")


def _paragraph_lines(text: str) -> float:
    return max(1.0, len(text) / _WRAP) + 0.5


def _row_groups(grid: Grid) -> list[int]:
    """Rows that open a new row group: a caption or header row, or a row whose first label
    starts in the first two columns (table 3's 一/二/三…/（三）…)."""
    starts: list[int] = []
    for r, cells in enumerate(grid.rows()):
        if not cells:
            continue
        first = cells[0]
        if r == 0 or first.kind in ("caption", "note") or (first.kind == "label" and first.col <= 1):
            starts.append(r)
    return starts


def _paginate(report: SynthReport) -> list[Item]:
    """Blocks in reading order with ("page", "") items where a page ends; tables in pieces."""
    items: list[Item] = []
    used = 0.0

    def new_page() -> None:
        nonlocal used
        items.append(("page", ""))
        used = 0.0

    for kind, payload in report.blocks:
        if isinstance(payload, Grid):
            grid = payload
            if used + _MIN_ROWS_ON_PAGE * _ROW_LINES > _PAGE_LINES:
                new_page()
            groups = set(_row_groups(grid)) if report.layout.has("md_row_groups") else set()
            start = 0
            for r in range(grid.n_rows):
                forced = r == grid.split_before and r > start
                if r > start and (used + _ROW_LINES > _PAGE_LINES or forced):
                    items.append(("table", _Piece(grid, start, r)))
                    new_page()
                    start = r
                elif r > start and r in groups:
                    items.append(("table", _Piece(grid, start, r)))
                    start = r
                used += _ROW_LINES
            items.append(("table", _Piece(grid, start, grid.n_rows)))
            used += 1.0
            continue
        weight = _WEIGHT.get(kind) or _paragraph_lines(payload)
        if used + weight > _PAGE_LINES:
            new_page()
        items.append((kind, payload))
        used += weight
    return items


# ---------------------------------------------------------------- tables


def _slots(piece: _Piece) -> list[list[str | None]]:
    """Text at each slot of the piece: a cell's text at its origin, None where a span covers.

    A span cut by the piece's top edge restarts there; its text sits in its larger part."""
    grid, a, b = piece.grid, piece.start, piece.stop
    n_cols = len(grid.widths)
    out: list[list[str | None]] = [[None] * n_cols for _ in range(b - a)]
    for cell in grid.cells:
        top, bottom = max(cell.row, a), min(cell.row + cell.rowspan, b)
        if top >= bottom:
            continue
        inside = bottom - top
        outside = cell.rowspan - inside
        holds_text = inside > outside or (inside == outside and cell.row >= a)
        out[top - a][cell.col] = cell.text if holds_text else ""
    return out


def _covering(piece: _Piece) -> list[list[str]]:
    """Every slot with the text of the cell (or cut part) covering it: Docling's repetition."""
    slots = _slots(piece)
    grid, a = piece.grid, piece.start
    out = [[s or "" for s in row] for row in slots]
    for cell in grid.cells:
        top, bottom = max(cell.row, a), min(cell.row + cell.rowspan, piece.stop)
        if top >= bottom:
            continue
        text = slots[top - a][cell.col] or ""
        for r in range(top, bottom):
            for c in range(cell.col, cell.col + cell.colspan):
                out[r - a][c] = text
    return out


def _pymupdf_fill(slots: list[list[str | None]], names: bool = True) -> tuple[list[str], list[list[str]]]:
    """PyMuPDF's Table.to_markdown: header names from the first row ("Col3" where empty), then
    None slots filled from the left, then from above. names=False: a made-up header row stays empty."""
    header = [text if text or not names else f"Col{i + 1}" for i, text in enumerate(slots[0])]
    cells = [list(row) for row in slots]
    for row in cells:
        for c in range(len(row) - 1):
            if row[c + 1] is None:
                row[c + 1] = row[c]
    for c in range(len(cells[0]) if cells else 0):
        for r in range(len(cells) - 1):
            if cells[r + 1][c] is None:
                cells[r + 1][c] = cells[r][c]
    return [text or "" for text in header], [[text or "" for text in row] for row in cells[1:]]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _pipe_line(cells: list[str]) -> str:
    return "|" + "|".join(_md_cell(c) for c in cells) + "|"


def _pipe_table(piece: _Piece, style: str, row_groups: bool) -> list[str]:
    n_cols = len(piece.grid.widths)
    if row_groups:  # a made-up empty header row over the group's rows
        slots: list[list[str | None]] = [[""] * n_cols, *_slots(piece)]
    else:
        slots = _slots(piece)
    if style == "fill":
        header, body = _pymupdf_fill(slots, names=not row_groups)
    else:
        rows = _covering(piece) if style == "repeat" else [[s or "" for s in row] for row in _slots(piece)]
        if row_groups:
            rows = [[""] * n_cols, *rows]
        header, body = rows[0], rows[1:]
    return [_pipe_line(header), "|" + "|".join(["---"] * n_cols) + "|", *(_pipe_line(row) for row in body)]


def _html_table(piece: _Piece) -> str:
    slots = _slots(piece)
    grid, a = piece.grid, piece.start
    spans: dict[tuple[int, int], Cell] = {}
    for cell in grid.cells:
        top, bottom = max(cell.row, a), min(cell.row + cell.rowspan, piece.stop)
        if top < bottom:
            spans[(top - a, cell.col)] = Cell(cell.text, top - a, cell.col, bottom - top, cell.colspan)
    rows = []
    for r, row in enumerate(slots):
        tds = []
        for c, text in enumerate(row):
            if text is None:
                continue
            cell = spans[(r, c)]
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            tds.append(f"<td{attrs}>{escape(text.replace(chr(10), ''))}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<html><body><table>" + "".join(rows) + "</table></body></html>"


# ---------------------------------------------------------------- text


def _wrapped(text: str) -> list[str]:
    """Lines of about _WRAP characters, never cutting a run of digits or Latin letters."""
    lines: list[str] = []
    line = ""
    for i, ch in enumerate(text):
        line += ch
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if len(line) >= _WRAP and not (ch.isascii() and ch.isalnum() and nxt.isascii() and nxt.isalnum()):
            lines.append(line)
            line = ""
    if line:
        lines.append(line)
    return lines


def _style(report: SynthReport) -> str:
    layout = report.layout
    if layout.has("md_html_tables"):
        return "html"
    if layout.has("md_fill"):
        return "fill"
    if layout.has("md_repeat"):
        return "repeat"
    return "plain"


def _page_marker(style: str, ended: int) -> list[str]:
    """The marker written after page `ended` (1-based) closes."""
    if style == "fill":
        return [f"--- end of page={ended - 1} ---"]
    if style == "repeat":
        return ["<!-- page break -->"]
    if style == "html":
        return [f"<!-- page {ended + 1} -->"]
    return ["{" + str(ended) + "}" + "-" * 48]


def render(report: SynthReport, path: Path) -> None:
    style = _style(report)
    markers = report.layout.has("md_page_markers")
    row_groups = report.layout.has("md_row_groups") and style != "html"
    out: list[str] = []
    if markers and style == "plain":
        out += ["{0}" + "-" * 48, ""]
    elif markers and style == "html":
        out += ["<!-- page 1 -->", ""]
    page = 1
    for kind, payload in _paginate(report):
        if isinstance(payload, _Piece):
            if style == "html":
                out.append(_html_table(payload))
            else:
                out.extend(_pipe_table(payload, style, row_groups))
        elif kind == "page":
            if style != "repeat":  # Docling drops page footers as furniture
                out.append(report.footer.format(n=page))
            if markers:
                out += ["", *_page_marker(style, page)]
            page += 1
        elif kind == "title":
            out.extend(f"# {line}" for line in payload.split("\n"))
        elif kind == "heading":
            out.append(f"**{payload}**" if style == "fill" else f"## {payload}")
        elif style == "fill":
            out.append("\n\n".join(_wrapped(payload)))
        else:
            out.append(payload)
        out.append("")
    if style == "html":
        seal = hashlib.sha256(report.name.encode("utf-8")).hexdigest()[:32]
        out += [f"![](images/{seal}.jpg)", ""]
    if style != "repeat":
        out.append(report.footer.format(n=page))
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")
