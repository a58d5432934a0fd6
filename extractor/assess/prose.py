"""The prose of a report as sentences with offsets, and the masked form used to compare wording.

`report.sections` holds each section's text with its tables flattened into it; table rows (tab
fields, short label lines, digit runs) are left out here, so only what a clerk wrote is compared.
Masking folds what changes from year to year or body to body in a copied text — numbers, years,
the agency's own name, spaces — so "last year's text with new numbers" compares as equal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..model import Report

_END = re.compile(r"[。！？；!?;]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*%?")
_SPACE = re.compile(r"\s+")
_MIN_SENTENCE = 8  # CJK characters after a leading ordinal; shorter pieces are headings or fragments
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
NUMBER_MARK = "#"
AGENCY_MARK = "＠"


@dataclass(frozen=True)
class Sentence:
    section: str
    start: int  # offsets in report.sections[section]
    end: int
    text: str  # verbatim
    masked: str


@cache
def _table_labels() -> tuple[str, ...]:
    """Every printed label of the template tables (extractor/schema), masked: a piece of prose that
    is part of one is table text (a wrapped header cell with a comma), not a clerk's sentence."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(_CJK.findall(node)) >= 4:
            found.add(_core(mask(node)))

    for entry in resources.files("extractor.schema").iterdir():
        if entry.name.endswith(".json"):
            walk(json.loads(entry.read_text(encoding="utf-8")))
    found.add(_core(mask("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")))
    return tuple(sorted(found))


def _core(masked: str) -> str:
    """A masked sentence without its leading ordinal and its punctuation, for label matching."""
    return re.sub(r"[^\w#＠]", "", _ORDINAL.sub("", masked))


def _is_table_text(masked: str) -> bool:
    core = _core(masked)
    return any(core in label for label in _table_labels())


def _is_table_line(line: str) -> bool:
    """A flattened table row or a cell line: tab fields, or short and without sentence punctuation."""
    if "\t" in line:
        return True
    bare = line.strip()
    if not bare:
        return True
    digits = sum(ch.isdigit() for ch in bare)
    return (len(bare) <= 24 and not re.search(r"[，。；：,;:]", bare)) or digits > len(bare) * 0.4


def mask(text: str, agency_names: tuple[str, ...] = ()) -> str:
    """Text folded for comparison: NFKC, no spaces, numbers → #, the agency's own names → ＠."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    for name in agency_names:
        if name:
            folded = folded.replace(name, AGENCY_MARK)
    return _NUMBER.sub(NUMBER_MARK, folded)


def agency_names(report: Report) -> tuple[str, ...]:
    """The agency's name as printed and its usual short forms, longest first."""
    name = report.report.agency
    if not name:
        return ()
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    forms = {folded, folded.replace("人民政府", "政府")}
    return tuple(sorted((f for f in forms if len(f) >= 3), key=len, reverse=True))


def sentences(report: Report, sections: tuple[str, ...] | None = None) -> list[Sentence]:
    """Prose sentences of the report, section by section, with offsets into each section's text."""
    names = agency_names(report)
    out: list[Sentence] = []
    for key, text in report.sections.items():
        if sections is not None and key not in sections:
            continue
        offset = 0
        kept: list[tuple[int, str]] = []  # (start, line) of prose lines, joined when a sentence wraps
        for line in text.split("\n"):
            if not _is_table_line(line):
                kept.append((offset, line))
            offset += len(line) + 1
        out.extend(_cut(key, text, kept, names))
    return out


def _cut(section: str, text: str, lines: list[tuple[int, str]], names: tuple[str, ...]) -> list[Sentence]:
    """Sentences across consecutive prose lines (PDF text wraps mid-sentence), cut after 。；！？."""
    out: list[Sentence] = []
    start: int | None = None
    last_end = 0

    def emit(end: int) -> None:
        nonlocal start
        if start is None:
            return
        raw = text[start:end]
        stripped = raw.strip()
        masked = mask(stripped, names)
        if len(_CJK.findall(_ORDINAL.sub("", stripped))) >= _MIN_SENTENCE and not _is_table_text(masked):
            lead = start + (len(raw) - len(raw.lstrip()))
            out.append(Sentence(section, lead, lead + len(stripped), stripped, masked))
        start = None

    for line_start, line in lines:
        if start is not None and line_start > last_end + 1:  # a table row came between: end the sentence
            emit(last_end)
        position = 0
        for match in _END.finditer(line):
            if start is None:
                start = line_start + position
            emit(line_start + match.end())
            position = match.end()
        if start is None and position < len(line) and line[position:].strip():
            start = line_start + position
        last_end = line_start + len(line)
    emit(last_end)
    return out
