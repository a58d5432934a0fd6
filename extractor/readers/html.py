"""HTML reader: visible text in reading order, and every data <table> as a true grid.

Report pages come from CMS templates (TRS, Word exports) that wrap the report in navigation
and sometimes in layout tables; header cells are split over several <p> or <br> ("商业</p><p>
企业") and padded with &nbsp; runs. The grid keeps rowspan/colspan so later stages see the
structure the page shows, not a guess from flattened text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import CorruptFile, HtmlTooDeep, HtmlTooLarge
from ..model import Cell, Document, Line, Table, TextSource
from ..settings import Settings
from . import HTML, sha256_of
from .charset import decode_bytes
from .html_images import ImageRef, read_image_tables
from .textnorm import clean_text, join_fragments

# Bytes searched for a charset declaration (the HTML spec prescans 1024; CMS heads run longer).
_PRESCAN_BYTES = 8192
# HTML caps colspan at 1000; a hostile value must not allocate a huge grid.
_MAX_COLSPAN = 1000
# Grid slots one table may cover (rowspan x colspan summed); a report's largest table has ~500.
_MAX_TABLE_SLOTS = 1_000_000

_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg", "math"}
)
_BLOCK_TAGS = frozenset(
    {
        "html", "body", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "section", "article", "header",
        "footer", "nav", "aside", "main", "blockquote", "address", "form", "fieldset", "legend", "figure",
        "figcaption", "center", "hr", "br", "pre", "option", "details", "summary",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# ---------------------------------------------------------------- walking the tree


@dataclass
class _Fragments:
    """Text split at block boundaries: each finished fragment is one visible block of text."""

    items: list[str] = field(default_factory=list)
    _buffer: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self._buffer.append(text)

    def pre(self, text: str) -> None:
        """Preformatted text keeps its line breaks (and tabs: flattened tables live in <pre>)."""
        self.brk()
        for part in text.splitlines():
            part = re.sub(r"[ \xa0\u3000]+", " ", part).strip()
            if part:
                self.items.append(part)

    def brk(self) -> None:
        if self._buffer:
            raw = "".join(self._buffer)
            text = clean_text(raw)
            self._buffer.clear()
            # a block holding only &nbsp; is kept as an empty line: in a page flattened to one
            # cell per paragraph it is a blank cell, and its position matters
            if text or "\xa0" in raw or "\u3000" in raw:
                self.items.append(text)


def _tag(el: etree._Element) -> str | None:
    """Lower-case tag name, or None for comments, PIs and entities."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _link_gap(el: etree._Element) -> str | None:
    """Links set side by side (a menu, a breadcrumb, a list of related pages) are separate items, even where the
    source breaks the line between them (which clean_text would drop between two Chinese characters)."""
    after = el.getnext()
    if _tag(el) == "a" and after is not None and _tag(after) == "a" and not (el.tail or "").strip() and el.tail:
        return " "
    return None


def _walk(
    root: etree._Element,
    sink: _Fragments,
    on_table: Callable[[etree._Element], bool] | None,
    on_image: Callable[[etree._Element], None] | None = None,
) -> None:
    """Depth-first in document order, iteratively (no Python recursion limit to hit).

    `on_table(el)` returns True when it consumed a data table; otherwise the table's cells are
    walked as ordinary blocks (layout tables).
    """
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = _tag(el)
        if closing:
            if tag in _BLOCK_TAGS:
                sink.brk()
            if el is not root:
                sink.add(_link_gap(el) or el.tail)
            continue
        stack.append((el, True))
        if tag is None or tag in _SKIP_TAGS or _hidden(el):
            continue
        if tag in _BLOCK_TAGS:
            sink.brk()
        if tag == "table" and on_table is not None and on_table(el):
            continue
        if tag == "img" and on_image is not None:
            on_image(el)
        if tag == "pre":
            sink.pre(el.text_content())
            continue
        sink.add(el.text)
        stack.extend((child, False) for child in reversed(el))


class _PageBuilder:
    """Collects the page's lines and tables; table rows land after the text that precedes them."""

    def __init__(self) -> None:
        self.sink = _Fragments()
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.images: list[ImageRef] = []

    def flush(self) -> None:
        self.sink.brk()
        self.lines.extend(Line(text=text) for text in self.sink.items)
        self.sink.items.clear()

    def on_image(self, el: etree._Element) -> None:
        """Remember where a picture stood: it may be a table pasted as an image."""
        src = (el.get("src") or "").strip()
        if src:
            self.flush()
            self.images.append(ImageRef(len(self.lines), src))

    def on_table(self, el: etree._Element) -> bool:
        """Consume a data table (grid + one in_table line per row); leave layout tables to the walk."""
        if _is_layout_table(el):
            return False
        table, row_texts = _build_table(el)
        if table is None:
            return True
        self.flush()
        first = len(self.lines)
        self.lines.extend(Line(text=text, in_table=True) for text in row_texts if text.strip())
        start = first if len(self.lines) > first else None
        self.tables.append(table.model_copy(update={"line_index": start}))
        return True


# ---------------------------------------------------------------- tables


def _own_rows(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return rows


def _own_cells(row: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = row.xpath("./td | ./th")
    return cells


def _is_layout_table(table: etree._Element) -> bool:
    """A table holding other tables, or a single cell, frames the page rather than data."""
    if table.xpath(".//table"):
        return True
    cells = [cell for row in _own_rows(table) for cell in _own_cells(row)]
    return len(cells) <= 1


def _span(value: str | None, limit: int) -> int:
    """rowspan/colspan as an int in 1..limit; junk such as "2px" or "" counts as 1 (0 = to the end)."""
    match = re.match(r"\s*(\d+)", value or "")
    if match is None:
        return 1
    number = int(match.group(1))
    if number == 0:
        return limit
    return max(1, min(number, limit))


def cell_text(cell: etree._Element) -> str:
    """The cell's <p>/<br>/<div> pieces joined without separators; &nbsp; padding removed."""
    fragments = _Fragments()
    _walk(cell, fragments, None)
    fragments.brk()
    return join_fragments(fragments.items)


class _GridTooLarge(Exception):
    """A table whose spans cover more slots than _MAX_TABLE_SLOTS (a span bomb)."""


def _build_table(table: etree._Element) -> tuple[Table | None, list[str]]:
    """Expand rowspan/colspan into a grid; each cell is stored once at its top-left slot.

    Also returns one tab-joined text per row (the cells that start in that row), for Lines.
    """
    rows = _own_rows(table)
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    row_texts: list[str] = []
    for r, row in enumerate(rows):
        col = 0
        texts: list[str] = []
        for td in _own_cells(row):
            while (r, col) in occupied:
                col += 1
            row_span = _span(td.get("rowspan"), len(rows) - r)
            col_span = _span(td.get("colspan"), _MAX_COLSPAN)
            text = cell_text(td)
            if len(occupied) + row_span * col_span > _MAX_TABLE_SLOTS:
                raise _GridTooLarge(f"a table's cells span more than {_MAX_TABLE_SLOTS} grid slots")
            for dr in range(row_span):
                for dc in range(col_span):
                    occupied.add((r + dr, col + dc))
            cells.append(Cell(row=r, col=col, text=text, row_span=row_span, col_span=col_span))
            texts.append(text)
            col += col_span
        row_texts.append("\t".join(texts))
    if not cells:
        return None, []
    n_cols = max(c.col + c.col_span for c in cells)
    return Table(n_rows=len(rows), n_cols=n_cols, cells=cells, source=TextSource.HTML), row_texts


# ---------------------------------------------------------------- entry point


def declared_charset(data: bytes) -> str | None:
    """The charset named by <meta charset>, <meta http-equiv=content-type> or <?xml encoding?>."""
    match = _CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    label = match.group(1) or match.group(2)
    return label.decode("ascii", errors="replace")


def _depth(root: etree._Element, limit: int) -> int:
    """Element nesting depth, counted iteratively and stopped just past `limit`."""
    deepest = 0
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend((child, depth + 1) for child in el)
    return deepest


def _parse(path: Path, text: str) -> etree._Element:
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
        collect_ids=False,
    )
    try:
        root: etree._Element = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        raise CorruptFile(str(path), f"the HTML could not be parsed ({exc})") from exc
    # Without huge_tree libxml2 stops at a nesting depth of 256 and silently drops the rest.
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise HtmlTooDeep(str(path), "the HTML nests elements too deeply to parse safely (libxml2 limit)")
    return root


def _title(root: etree._Element) -> str | None:
    titles: list[etree._Element] = root.xpath("//title")
    if not titles:
        return None
    return clean_text(titles[0].text_content()) or None


def tables_of_fragment(path: Path, markup: str) -> list[tuple[Table, list[str]]]:
    """The data tables of an HTML fragment (a <table> block inside markdown), with each table's
    row texts; the same grid and layout-table rules as for a whole page."""
    found: list[tuple[Table, list[str]]] = []

    def on_table(el: etree._Element) -> bool:
        if _is_layout_table(el):
            return False
        table, row_texts = _build_table(el)
        if table is not None:
            found.append((table, row_texts))
        return True

    try:
        _walk(_parse(path, markup), _Fragments(), on_table)
    except _GridTooLarge as exc:
        raise HtmlTooLarge(str(path), str(exc)) from exc
    return found


_DATE_META_NAME = re.compile(r"date|time|pub", re.IGNORECASE)


def _date_meta(root: etree._Element) -> dict[str, str]:
    """<meta name|property=… content=…> whose name speaks of a date or time, keyed "html:<name>"."""
    found: dict[str, str] = {}
    for meta in root.xpath("//meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content and len(content) <= 100 and _DATE_META_NAME.search(name):
            found.setdefault(f"html:{name}", content)
    return found


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """Read an HTML page into lines in reading order and grids for its data tables."""
    if len(data) > settings.max_html_bytes:
        raise HtmlTooLarge(
            str(path), f"HTML is {len(data)} bytes, over the limit of {settings.max_html_bytes}"
        )
    text, _encoding = decode_bytes(data, declared_charset(data))
    root = _parse(path, text)
    if _depth(root, settings.max_html_depth) > settings.max_html_depth:
        raise HtmlTooDeep(str(path), f"the HTML nests elements deeper than {settings.max_html_depth}")
    body = root.find("body")
    start = body if body is not None else root

    page = _PageBuilder()
    try:
        _walk(start, page.sink, page.on_table, page.on_image)
    except _GridTooLarge as exc:
        raise HtmlTooLarge(str(path), str(exc)) from exc
    page.flush()
    lines, tables = read_image_tables(path, page.images, page.lines, page.tables, settings)

    return Document(
        path=str(path),
        media_type=HTML,
        sha256=sha256_of(data),
        source=TextSource.HTML,
        pages=[],
        lines=lines,
        tables=tables,
        title=_title(root),
        metadata=_date_meta(root),
    )
