"""Recovered tables and flattened text → labelled rows of value tokens, sorted into the three tables.

Both inputs end in the same shape, `Row`: a label (its own text plus the merged group cells to its
left), the value tokens in printed order and, for grids whose columns can be trusted, every slot
by column index (so a blank cell stays in its column). Rows are assigned to table 2, 3 or 4 by the
anchors their text carries ("第二十条", "申请人情况", "行政复议"), not by page position, which
also joins a table continued on the next page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..layout.text import is_page_footer
from ..model import BBox, Cell, Document, Table
from .normalize import normalize_label
from .values import looks_like_value

Kind = Literal["proactive", "requests", "review_litigation"]
KINDS: tuple[Kind, ...] = ("proactive", "requests", "review_litigation")


@dataclass(frozen=True)
class Token:
    """One printed value cell, or a chunk of run-together digits in flattened text."""

    raw: str
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = 1.0
    col: int | None = None


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a row without values: its grid column, span, text and box (PDF only)."""

    col: int
    span: int
    text: str
    bbox: BBox | None = None


@dataclass
class Row:
    label: str
    context: str = ""
    values: list[Token] = field(default_factory=list)
    slots: dict[int, Token] | None = None  # column index -> token, blanks included (trusted grids)
    header_cells: list[HeaderCell] = field(default_factory=list)
    kind: Kind | None = None
    page: int | None = None
    from_grid: bool = True
    # tab-flattened text: every field after the last label field, blanks included
    fields_after_label: list[Token] | None = None
    # running text (a page dump): its chunks may hold several cells, and blank cells left no trace
    glued: bool = False

    @property
    def text(self) -> str:
        return (self.context + self.label).strip()

    @property
    def has_values(self) -> bool:
        return any(t.raw.strip() for t in self.values)

    @property
    def has_cells(self) -> bool:
        """Values, or cells printed blank (a table of zeros left empty is still a table)."""
        blanks = any(not t.raw.strip() for t in (self.slots or {}).values()) or bool(self.fields_after_label)
        return self.has_values or (bool(self.label) and blanks)


def anchor_kind(text: str) -> Kind | None:
    """The table a row's text opens, if it is one of the tables' unmistakable header phrases."""
    t = normalize_label(text)
    if "第二十条" in t or t.startswith("信息内容"):
        return "proactive"
    if "勾稽" in t or "申请人情况" in t or ("自然人" in t and "法人" in t):
        return "requests"
    if ("行政复议" in t and ("行政诉讼" in t or "起诉" in t)) or "未经复议" in t or "复议后起诉" in t:
        return "review_litigation"
    return None


def _cell_token(cell: Cell, table: Table) -> Token:
    return Token(raw=cell.text, page=cell.page or table.page, bbox=cell.bbox, confidence=cell.confidence, col=cell.col)


def grid_rows(table: Table) -> list[Row]:
    """Rows of one grid: label cells joined, merged cells from above kept as group context."""
    grid = table.grid()
    active_spans: dict[int, Cell] = {}  # column -> merged label cell still covering the current row
    rows: list[Row] = []
    for r, slots in enumerate(grid):
        for col in list(active_spans):
            span_cell = active_spans[col]
            if span_cell.row + span_cell.row_span <= r:
                del active_spans[col]
        labels: list[str] = []
        context: list[str] = []
        values: list[Token] = []
        slot_tokens: dict[int, Token] = {}
        header: list[HeaderCell] = []
        page: int | None = None
        for c, cell in enumerate(slots):
            if cell is None:
                covering = active_spans.get(c)
                if covering is not None and covering.row < r and not looks_like_value(covering.text):
                    context.append(covering.text)
                continue
            page = page or cell.page
            text = cell.text.strip()
            header.append(HeaderCell(c, cell.col_span, text, cell.bbox))
            if text == "" or looks_like_value(text):
                token = _cell_token(cell, table)
                slot_tokens[c] = token
                if text:
                    values.append(token)
            else:
                labels.append(text)
                if cell.row_span > 1:
                    active_spans[c] = cell
        context_text = "".join(dict.fromkeys(context))
        trailing: list[Token] | None = None
        if not table.reliable_columns:
            label_cols = [h.col for h in header if h.text and not looks_like_value(h.text)]
            after = label_cols[-1] + 1 if label_cols else 0
            trailing = [slot_tokens[c] for c in sorted(slot_tokens) if c >= after]
        rows.append(
            Row(
                label="".join(labels),
                context=context_text,
                values=values,
                slots=slot_tokens if table.reliable_columns else None,
                header_cells=header,
                page=page or table.page,
                from_grid=True,
                fields_after_label=trailing,
            )
        )
    return rows


def assign_kinds(rows: list[Row], start: Kind | None = None) -> Kind | None:
    """Label each row with the table it belongs to; returns the kind open after the last row."""
    current = start
    for row in rows:
        kind = anchor_kind(row.text)
        if kind is None and not row.has_values:
            for header_cell in row.header_cells:
                kind = kind or anchor_kind(header_cell.text)
        if kind is not None:
            current = kind
        row.kind = current
    return current


def document_grid_rows(doc: Document) -> list[Row]:
    """All grid rows of the document in order, each assigned to a table (or None)."""
    rows: list[Row] = []
    current: Kind | None = None
    for table in doc.tables:
        table_rows = grid_rows(table)
        current = assign_kinds(table_rows, start=current)
        rows.extend(table_rows)
    return rows


# ---------------------------------------------------------------- flattened text

_TEXTUAL_SUFFIX = re.compile(r"^\s*(年|月|日|号|%|％|周|季度)")
_GLUED_YEAR = re.compile(r"(?<=[\d\-—–－−])(?:19|20)\d\d$")  # a year after other digits or a dash
_ORDINAL_AFTER = re.compile(r"^[.、．](?=\s*[^\d\s])")
_DASH_CHARS = r"\-—–－−"  # escaped for character classes
_NUMBER_BODY = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:万元|元)?"
_VALUE_TOKEN = re.compile(
    rf"\+{_NUMBER_BODY}"  # a number with a plus sign
    rf"|[{_DASH_CHARS}]+(?:{_NUMBER_BODY})?"  # dash cells, or a minus: glued to digits before it, a cell boundary
    rf"|(?<![\d.,]){_NUMBER_BODY}",  # a number
    re.MULTILINE,
)
_ROW_MARKER = re.compile(r"(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d\s*[.、．](?=\s*\D))")


def _flat_tokens(text: str) -> list[tuple[str, str]]:
    """("text"|"num", string) pieces; digits glued to a following "2." ordinal are split off;
    a run of dashes ("-", "—", "——") is printed null cells, and a minus glued to digits starts
    a new chunk ("120-3117" → "120", "-3117"): which is which is left to the candidates."""
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for match in _VALUE_TOKEN.finditer(text):
        start, end = match.span()
        chunk = match.group(0)
        after = text[end:]
        if chunk[-1].isdigit():
            year = _GLUED_YEAR.search(chunk) if after.startswith("年") else None
            if year is not None:  # a dump glued the next sentence's year to the cells: "…—002019年，"
                chunk, end = chunk[: year.start()], end - 4
            elif _TEXTUAL_SUFFIX.match(after):
                continue  # "2024年", "12月": part of the words
            if _ORDINAL_AFTER.match(after) and "." not in chunk and not chunk.endswith("元"):
                # the last digit opens the next label ("…70000072.没有…" → "7000007" + "2.没有…")
                if len(chunk) == 1:
                    continue
                chunk, end = chunk[:-1], end - 1
        if start > cursor:
            pieces.append(("text", text[cursor:start]))
        pieces.append(("num", chunk))
        cursor = end
    if cursor < len(text):
        pieces.append(("text", text[cursor:]))
    return pieces


def _is_one_cell_per_line(lines: list[str]) -> bool:
    """Text where each line is a label or a single value (flattened pages, some text layers)."""
    value_lines = mixed = 0
    for line in lines:
        if not line.strip():
            continue
        if looks_like_value(line):
            value_lines += 1
        elif any(kind == "num" for kind, _ in _flat_tokens(line)):
            mixed += 1
    # prose after the table (a restated "行政复议2件") may mix words and numbers on a line or two
    return value_lines >= 3 and mixed * 4 <= value_lines + 2


def _line_rows(lines: list[str], kind: Kind) -> list[Row]:
    """One cell per line: label lines open a row, value and empty lines are its fields in order."""
    rows: list[Row] = []
    label: list[str] = []
    fields: list[Token] = []
    for line in lines:
        text = line.strip()
        if text and not looks_like_value(text):
            if any(f.raw for f in fields):
                rows.append(Row(label="".join(label), values=[f for f in fields if f.raw], kind=kind,
                                from_grid=False, fields_after_label=fields))
                label, fields = [], []
            elif label and (fields or _ROW_MARKER.match(text)):
                # empty cells, or a numbered label, after a label: that label was an all-blank row
                # (or a heading); consecutive label lines with nothing between are one wrapped label
                rows.append(Row(label="".join(label), kind=kind, from_grid=False, fields_after_label=fields))
                label, fields = [], []
            label.append(text)
        elif label:
            fields.append(Token(raw=text))
    if any(f.raw for f in fields):
        rows.append(Row(label="".join(label), values=[f for f in fields if f.raw], kind=kind,
                        from_grid=False, fields_after_label=fields))
    return rows


def flat_rows(text: str, kind: Kind) -> list[Row]:
    """Rows of a table whose cells were flattened into running text (one line, or one cell per line)."""
    lines = [line for line in text.splitlines() if not is_page_footer(line)]
    if _is_one_cell_per_line(lines):
        return [_clean_flat_label(row) for row in _line_rows(lines, kind)]
    body = "\n".join(lines)
    rows: list[Row] = []
    label_parts: list[str] = []
    chunks: list[Token] = []
    for piece_kind, piece in _flat_tokens(body):
        if piece_kind == "num":
            chunks.append(Token(raw=piece))
            continue
        if not piece.strip():
            continue
        if chunks:
            rows.append(Row(label="".join(label_parts).strip(), values=chunks, kind=kind, from_grid=False, glued=True))
            label_parts, chunks = [], []
        label_parts.append(piece)
    if chunks or label_parts:
        rows.append(Row(label="".join(label_parts).strip(), values=chunks, kind=kind, from_grid=False, glued=True))
    return [_clean_flat_label(row) for row in rows]


_IMPOSSIBLE_NUMBER = re.compile(r"^0\d")


def shows_run_together_digits(rows: list[Row]) -> bool:
    """A flattened table whose chunks include numbers no cell prints ("00", "023") lost its cell
    boundaries; otherwise each chunk is one cell and missing cells are blanks."""
    return any(_IMPOSSIBLE_NUMBER.match(t.raw.strip()) for r in rows for t in r.values)


def _clean_flat_label(row: Row) -> Row:
    """Keep the label from the last row marker on ("…其他一、本年新收…" → "一、本年新收…")."""
    label = re.sub(r"\s+", "", row.label)
    markers = list(_ROW_MARKER.finditer(label))
    if markers and row.kind == "requests":
        last = markers[-1]
        # a sub-row after its group heading ("（三）不予公开1.…"): keep the group as context, but not
        # the sub-rows printed blank in between, whose labels ran together with this one in a dump
        # ("（三）不予公开1.属于国家秘密2.其他…4.保护第三方合法权益11")
        groups = [i for i, m in enumerate(markers[:-1]) if not m.group(0)[0].isdigit()]
        row.context = label[markers[groups[-1]].start() : markers[groups[-1] + 1].start()] if groups else ""
        label = label[last.start() :]
    row.label = label
    return row
