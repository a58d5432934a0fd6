"""Where a cell or a narrative item is in a document's running text, for inputs without pages.

HTML, DOCX and text keep no box per cell, only its printed text (`provenance[...].raw`). Their
running text holds each table row as one line, fields separated by tabs, so a cell is found as its
row's line (the one that prints the row's label from the schema) and the field in its column's
position; table 4 is the line of value fields under its column headings. This only points a
reviewer at the place: when a line cannot be matched the cell has no span, and nothing else changes.
Narrative items without a span are found by their verbatim text (line breaks allowed between characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .. import schema

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(r"^(\d+)、")
_LABEL_COLUMNS = {"proactive": 1, "requests": 3}  # label columns of the official grid before the values


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"')
    return _ORDINAL.sub(r"\1.", _SPACE.sub("", text))


def _is_label(field: str, wanted: set[str]) -> bool:
    """The field prints one of the row's labels, perhaps with the guidance in brackets after it."""
    text = _norm(field)
    return text in wanted or any(text.startswith(w + "(") for w in wanted)


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _fields(start: int, line: str) -> list[tuple[int, str]]:
    out, offset = [], start
    for part in line.split("\t"):
        out.append((offset, part))
        offset += len(part) + 1
    return out


def _row_labels(template: str | None) -> dict[tuple[str, str], tuple[str, ...]]:
    tpl: schema.TemplateVersion = "2019" if template == "2019" else "2021"
    labels: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in schema.proactive(tpl).rows:
        labels[("proactive", row.key)] = (row.label, *row.aliases)
    for row in schema.requests().rows:
        labels[("requests", row.key)] = (row.label, *row.aliases)
    return labels


def _columns(table: str, row: str, template: str | None) -> tuple[str, ...]:
    tpl: schema.TemplateVersion = "2019" if template == "2019" else "2021"
    if table == "proactive":
        return schema.proactive(tpl).columns_of(row)
    return tuple(c.key for c in schema.requests().columns)


def cell_spans(text: str, tables: Mapping[str, Mapping[str, Mapping[str, Any]]], template: str | None,
               raws: Mapping[str, str | None] | None = None) -> dict[str, tuple[Span, bool]]:
    """Cell path → (character range, exact). Exact: the cell's own field, holding the text the extraction
    read there (`raws`, the provenance's raw text, when given); not exact: its row's label, where the row
    is found but its fields cannot be told apart (a flattened page lost its blanks or its tabs)."""
    lines = _lines(text)
    spans: dict[str, tuple[Span, bool]] = {}
    used: set[int] = set()
    for (table, row), names in _row_labels(template).items():
        if row not in tables.get(table, {}):
            continue
        wanted = {_norm(n) for n in names}
        columns = _columns(table, row, template)
        for number, (start, line) in enumerate(lines):
            if number in used:
                continue
            fields = _fields(start, line)
            at = next((i for i, (_, f) in enumerate(fields) if _is_label(f, wanted)), None)
            if at is None:
                continue
            used.add(number)
            label = (fields[at][0], fields[at][0] + len(fields[at][1]))
            values = _value_fields(fields, at, len(columns), _LABEL_COLUMNS.get(table, 1))
            for index, col in enumerate(columns):
                path = f"tables.{table}.{row}.{col}"
                field = values[index] if values else None
                agrees = field is not None and (raws is None or (raws.get(path) or "").strip() == field[1].strip())
                spans[path] = ((field[0], field[0] + len(field[1])), True) if field and agrees else (label, False)
            break
    for path, span in _review_spans(lines).items():
        field_text = text[span[0]:span[1]].strip()
        if raws is None or (raws.get(path) or "").strip() == field_text:
            spans[path] = (span, True)
    return spans


def _value_fields(fields: list[tuple[int, str]], at: int, n_columns: int, label_columns: int) -> list[tuple[int, str]] | None:
    """The value fields after the label at `at`: exactly one per column, or a full grid row whose label
    spans the empty label columns after it; None when the count does not fit (a field was lost)."""
    after = fields[at + 1:]
    if len(after) == n_columns:
        return after
    if len(fields) == label_columns + n_columns and at < label_columns and all(not f for _, f in fields[at + 1:label_columns]):
        return fields[label_columns:]
    return None


def _review_spans(lines: list[tuple[int, str]]) -> dict[str, Span]:
    """Table 4: the first line of 15 tab-separated fields after a line of its column headings."""
    groups = [g.key for g in schema.review_litigation().groups]
    columns = [c.key for c in schema.review_litigation().columns]
    first_heading = _norm(schema.review_litigation().columns[0].label)
    for index, (_, line) in enumerate(lines[:-1]):
        heads = [_norm(f) for f in line.split("\t")]
        if heads.count(first_heading) != len(groups):
            continue
        start, values = lines[index + 1]
        fields = _fields(start, values)
        if len(fields) != len(groups) * len(columns):
            return {}
        paths = [f"tables.review_litigation.{g}.{c}" for g in groups for c in columns]
        return {p: (offset, offset + len(f)) for p, (offset, f) in zip(paths, fields, strict=True)}
    return {}


def text_span(text: str, quote: str | None, near: int | None = None) -> Span | None:
    """Where `quote` is printed in `text` (the occurrence nearest `near`), letting line breaks and spaces
    sit between its characters; None when it is not there."""
    if not quote or not quote.strip():
        return None
    pattern = r"\s*".join(re.escape(ch) for ch in quote.strip() if not ch.isspace())
    found = [m.span() for m in re.finditer(pattern, text)]
    if not found:
        return None
    if near is None:
        return found[0]
    return min(found, key=lambda s: abs(s[0] - near))
