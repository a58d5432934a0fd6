"""DOCX reader: body paragraphs and tables in document order, tables as true grids.

python-docx opens the package and parses its XML (its parser has resolve_entities=False and
no network access), but its table API repeats a merged cell's text in every slot it covers, so
the grid is rebuilt here from w:gridSpan and w:vMerge.
"""

from __future__ import annotations

import contextlib
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from docx.oxml.parser import parse_xml
from lxml import etree

from ..errors import CorruptFile, ZipMemberTooLarge
from ..model import Cell, Document, Line, Table, TextSource
from ..settings import Settings
from . import DOCX, sha256_of
from .textnorm import clean_text, join_fragments

# Word allows 63 columns; a hostile w:gridSpan / w:gridBefore must not build a huge grid.
_MAX_GRID_SPAN = 1000
_UNZIP_CHUNK = 1 << 20

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent")
_CUSTOM_XML, _SMART_TAG = _w("customXml"), _w("smartTag")
_T, _TAB, _BR, _CR, _SYM, _NB_HYPHEN = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("sym"), _w("noBreakHyphen")
_VAL = _w("val")
# Wrappers whose content belongs to the parent flow (content controls, custom XML, smart tags).
_TRANSPARENT = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG})
# Inside a paragraph: deleted text, properties, and drawings/text boxes (whose mc:AlternateContent
# holds the same text twice) are not part of the paragraph's own text.
_PRUNE = frozenset(
    {_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("drawing"), _w("pict"), _w("object"),
     f"{{{_MC}}}AlternateContent", _w("instrText"), _w("delText"), _w("fldData")}
)  # fmt: skip

_MAIN_CONTENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)

# What python-docx and zipfile raise on damaged packages (NotImplementedError and RuntimeError
# come from unsupported zip compression methods and encrypted members; OSError and LZMAError from a
# bzip2 or LZMA member whose compressed stream is broken).
_PACKAGE_ERRORS = (
    PackageNotFoundError,
    KeyError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    lzma.LZMAError,
)

# ---------------------------------------------------------------- paragraphs


def _flow(parent: etree._Element) -> Iterator[etree._Element]:
    """Block children (w:p, w:tbl, w:tr, w:tc) in order, looking through content controls."""
    for child in parent:
        if child.tag in _TRANSPARENT:
            yield from _flow(child)
        else:
            yield child


def paragraph_lines(p: etree._Element) -> list[str]:
    """A paragraph's visible text, split at line breaks (w:br, w:cr) like HTML's <br>."""
    parts: list[list[str]] = [[]]
    stack: list[etree._Element] = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _PRUNE:
            continue
        if tag == _T:
            parts[-1].append(el.text or "")
        elif tag == _TAB:
            parts[-1].append("\t")
        elif tag in (_BR, _CR):
            parts.append([])
        elif tag == _NB_HYPHEN:
            parts[-1].append("-")
        elif tag == _SYM:
            code = el.get(_w("char"))
            if code:
                with contextlib.suppress(ValueError):
                    parts[-1].append(chr(int(code, 16)))
        else:
            stack.extend(reversed(el))
    texts = ["\t".join(clean_text(cell) for cell in "".join(part).split("\t")) for part in parts]
    return [text.strip("\t") for text in texts if text.strip()]


# ---------------------------------------------------------------- tables


@dataclass
class _Slot:
    """A cell being built: grows downward while w:vMerge continues it."""

    row: int
    col: int
    col_span: int
    row_span: int = 1
    fragments: list[str] = field(default_factory=list)


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return min(max(1, int(el.get(_VAL) or default)), _MAX_GRID_SPAN)
    except ValueError:
        return default


def _grid_before(tr: etree._Element) -> int:
    """Grid columns skipped before a row's first cell (rows that start indented)."""
    el = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")
    if el is None:
        return 0
    try:
        return min(max(0, int(el.get(_VAL) or 0)), _MAX_GRID_SPAN)
    except ValueError:
        return 0


def _cell_props(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """(gridSpan, vMerge state, legacy hMerge state); states are "restart", "continue" or None."""
    tc_pr = tc.find(_w("tcPr"))
    if tc_pr is None:
        return 1, None, None
    span = _int_attr(tc_pr.find(_w("gridSpan")), 1)
    states: list[str | None] = []
    for name in ("vMerge", "hMerge"):
        el = tc_pr.find(_w(name))
        states.append(None if el is None else (el.get(_VAL) or "continue"))
    return span, states[0], states[1]


def _cell_fragments(tc: etree._Element) -> list[str]:
    """Every line of the cell's paragraphs (nested tables included, row by row)."""
    out: list[str] = []
    for child in _flow(tc):
        if child.tag == _P:
            out.extend(paragraph_lines(child))
        elif child.tag == _TBL:
            for tr in _flow(child):
                if tr.tag == _TR:
                    out.extend(join_fragments(_cell_fragments(c)) for c in _flow(tr) if c.tag == _TC)
    return out


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return [tr for tr in _flow(tbl) if tr.tag == _TR]


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [tc for tc in _flow(tr) if tc.tag == _TC]


def is_layout_table(tbl: etree._Element) -> bool:
    """A table that holds other tables, or has a single cell, frames content rather than data."""
    if tbl.find(f".//{_TBL}") is not None:
        return True
    return sum(len(_cells(tr)) for tr in _rows(tbl)) <= 1


def build_table(tbl: etree._Element) -> tuple[Table | None, list[str]]:
    """Grid from w:gridBefore, w:gridSpan and w:vMerge; each merged cell stored once.

    Returns the table (None when it has no cells) and one tab-joined text per row.
    """
    rows = _rows(tbl)
    slots: list[_Slot] = []
    open_by_col: dict[int, _Slot] = {}  # vertically merged cells that a "continue" may extend
    for r, tr in enumerate(rows):
        col = _grid_before(tr)
        previous: _Slot | None = None
        for tc in _cells(tr):
            span, v_merge, h_merge = _cell_props(tc)
            fragments = _cell_fragments(tc)
            if h_merge == "continue" and previous is not None:
                previous.col_span += span
                previous.fragments.extend(fragments)
                col += span
                continue
            above = open_by_col.get(col)
            if v_merge == "continue" and above is not None and above.row + above.row_span == r:
                above.row_span += 1
                above.fragments.extend(fragments)  # normally empty; never lose text if not
                previous = above
            else:
                previous = _Slot(row=r, col=col, col_span=span, fragments=fragments)
                slots.append(previous)
                for c in range(col, col + span):
                    open_by_col.pop(c, None)
                if v_merge == "restart":
                    open_by_col[col] = previous
            col += span
    if not slots:
        return None, []
    n_cols = max(s.col + s.col_span for s in slots)
    cells = [
        Cell(row=s.row, col=s.col, text=join_fragments(s.fragments), row_span=s.row_span, col_span=s.col_span)
        for s in slots
    ]
    row_texts = ["\t".join(c.text for c in cells if c.row == r) for r in range(len(rows))]
    return Table(n_rows=len(rows), n_cols=n_cols, cells=cells, source=TextSource.DOCX), row_texts


# ---------------------------------------------------------------- body


@dataclass
class _Builder:
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def blocks(self, parent: etree._Element) -> None:
        """Paragraphs and tables of a body (or a layout-table cell) in document order."""
        for child in _flow(parent):
            if child.tag == _P:
                self.lines.extend(Line(text=text) for text in paragraph_lines(child))
            elif child.tag == _TBL:
                self.table(child)

    def table(self, tbl: etree._Element) -> None:
        if is_layout_table(tbl):
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    self.blocks(tc)
            return
        table, row_texts = build_table(tbl)
        if table is None:
            return
        first = len(self.lines)
        self.lines.extend(Line(text=text, in_table=True) for text in row_texts if text.strip())
        start = first if len(self.lines) > first else None
        self.tables.append(table.model_copy(update={"line_index": start}))


def _inflated_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> int:
    """Bytes a member really inflates to, read in 1 MiB steps and stopped just past `cap`.

    zipfile also verifies the CRC at the end, so a member whose declared size lies is caught here.
    """
    total = 0
    with zf.open(info) as member:
        while total <= cap and (chunk := member.read(_UNZIP_CHUNK)):
            total += len(chunk)
    return total


def _check_zip(path: Path, data: bytes, settings: Settings) -> None:
    """Reject broken archives and zip bombs before python-docx inflates every part in memory.

    Checks the member count, every member's declared size and the declared total, then inflates
    each member in bounded steps to check the actual sizes (declared sizes can lie).
    """
    name = str(path)
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > settings.max_zip_members:
                raise ZipMemberTooLarge(
                    name, f"the DOCX has {len(infos)} zip members, over the limit of {settings.max_zip_members}"
                )
            declared = 0
            for info in infos:
                if info.file_size > settings.max_zip_member_bytes:
                    raise ZipMemberTooLarge(
                        name, f"zip member {info.filename!r} declares {info.file_size} bytes, over the limit "
                        f"of {settings.max_zip_member_bytes}"
                    )
                declared += info.file_size
            if declared > settings.max_zip_total_bytes:
                raise ZipMemberTooLarge(
                    name, f"DOCX unpacks to {declared} bytes, over the limit of {settings.max_zip_total_bytes}"
                )
            if "word/document.xml" not in {info.filename for info in infos}:
                raise CorruptFile(name, "the zip archive has no word/document.xml, so it is not a DOCX")
            actual = 0
            for info in infos:
                size = _inflated_size(zf, info, settings.max_zip_member_bytes)
                if size > settings.max_zip_member_bytes:
                    raise ZipMemberTooLarge(
                        name, f"zip member {info.filename!r} inflates past {settings.max_zip_member_bytes} bytes"
                    )
                actual += size
                if actual > settings.max_zip_total_bytes:
                    raise ZipMemberTooLarge(
                        name, f"DOCX inflates past {settings.max_zip_total_bytes} bytes in all"
                    )
    except _PACKAGE_ERRORS as exc:
        raise CorruptFile(name, f"not a readable zip archive ({type(exc).__name__}: {exc})") from exc


def _open(path: Path, data: bytes) -> tuple[etree._Element, str | None, dict[str, str]]:
    """The w:body element, the core-properties title and its dates (docx:created, docx:modified, ISO 8601)."""
    try:
        package = OpcPackage.open(BytesIO(data))
        part = package.main_document_part
        if part.content_type not in _MAIN_CONTENT_TYPES:
            raise CorruptFile(str(path), f"the main part is {part.content_type}, not a Word document")
        root = parse_xml(part.blob)  # works for .docm/.dotx parts python-docx does not model
        properties = package.core_properties
        title = properties.title
        dates = {f"docx:{name}": value.isoformat() for name in ("created", "modified")
                 if (value := getattr(properties, name, None)) is not None}
    except CorruptFile:
        raise
    except _PACKAGE_ERRORS as exc:
        raise CorruptFile(str(path), f"the DOCX package is broken ({type(exc).__name__}: {exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(str(path), f"the DOCX contains malformed XML ({exc})") from exc
    body = root.find(_w("body"))
    if body is None:
        raise CorruptFile(str(path), "word/document.xml has no w:body")
    return body, (title.strip() or None) if title else None, dates


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """Read a DOCX into lines (paragraphs, then one line per table row) and table grids."""
    _check_zip(path, data, settings)
    body, title, dates = _open(path, data)
    builder = _Builder()
    builder.blocks(body)
    return Document(
        path=str(path),
        media_type=DOCX,
        sha256=sha256_of(data),
        source=TextSource.DOCX,
        pages=[],
        lines=builder.lines,
        tables=builder.tables,
        title=title,
        metadata=dates,
    )
