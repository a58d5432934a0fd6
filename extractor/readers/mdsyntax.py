"""The markdown that document converters write, as patterns: shared by sniffing and the reader.

Converters (MinerU, marker, Docling, pymupdf4llm, PP-Structure, OCR services) write GitHub pipe
tables or HTML <table> blocks, ATX headings, and page markers of their own. This module knows
their shapes; it decides nothing about tables or text.
"""

from __future__ import annotations

import html
import re

from .textnorm import clean_text, join_fragments

# "| a | b |" — a line holding at least one unescaped pipe between two cells
_PIPE = re.compile(r"(?<!\\)\|")
# "|---|:--:|", "--- | ---", "| --- |": a delimiter row (at least one pipe, or two dash cells)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+|$)(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_HTML_DOCUMENT_START = re.compile(r"^\s*(?:<!doctype|<\?xml|<html[\s>]|<head[\s>]|<meta[\s>])", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<table[\s>]", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<(/?)table[\s>]", re.IGNORECASE)

# ---------------------------------------------------------------- page markers
# marker: "{3}------…" opens page index 3 (0-based)
_MARKER_PAGE = re.compile(r"^\s*\{(?P<n>\d{1,4})\}-{3,}\s*$")
# "<!-- page 3 -->", "<!-- Page: 3 -->", "<!-- page_number=3 -->": the page that follows
_COMMENT_PAGE = re.compile(r"^\s*<!--\s*page(?:[ _-]?(?:number|no|num))?\s*[:=]?\s*\"?(?P<n>\d{1,4})\"?\s*-->\s*$", re.IGNORECASE)
# pymupdf4llm page_separators: "--- end of page=2 ---" (0-based index of the page that ended)
_END_OF_PAGE = re.compile(r"^\s*-{2,}\s*end of page\s*=\s*(?P<n>\d{1,4})\s*-{2,}\s*$", re.IGNORECASE)
# Docling's placeholder, Azure Document Intelligence, generic: "<!-- page break -->", "<!-- PageBreak -->"
_PAGE_BREAK = re.compile(r"^\s*(?:<!--\s*page[\s_-]?break\s*-->|\f)\s*$", re.IGNORECASE)
# a page rule written between pages: five or more dashes alone on a line (after a blank line)
_PAGE_RULE = re.compile(r"^\s*-{5,}\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# ---------------------------------------------------------------- inline syntax
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\([^)]*\)")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*\\])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?!\*)")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+])\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_SYNTAX_CHARS = re.compile(r"[!\[*_`<&\\]")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


def is_pipe_row(line: str) -> bool:
    return bool(_PIPE.search(line)) and bool(line.strip())


def is_separator_row(line: str) -> bool:
    return "|" in line and "-" in line and bool(_SEPARATOR.match(line))


def heading_text(line: str) -> str | None:
    """The text of an ATX heading line ("## 一、总体情况" → "一、总体情况"), else None."""
    match = _ATX_HEADING.match(line)
    return match.group("text") if match else None


def is_setext_underline(line: str) -> bool:
    return bool(_SETEXT_UNDERLINE.match(line))


def is_fence(line: str) -> bool:
    return bool(_FENCE.match(line))


def opens_table(line: str) -> bool:
    return bool(_TABLE_OPEN.search(line))


def table_depth_change(line: str) -> int:
    """<table> opened minus </table> closed on a line (nested tables count)."""
    return sum(-1 if match.group(1) else 1 for match in _TABLE_TAG.finditer(line))


def starts_like_html_document(text: str) -> bool:
    return bool(_HTML_DOCUMENT_START.match(text))


def page_marker(line: str) -> tuple[str, int | None] | None:
    """("start", page), ("end", page) or ("break", None) for a converter's page marker, else None.

    Pages are 1-based in the result: marker's "{3}----" starts page 4 and pymupdf4llm's
    "end of page=3" ends page 4 (both count from 0); "<!-- page 4 -->" starts page 4.
    """
    if match := _MARKER_PAGE.match(line):
        return "start", int(match.group("n")) + 1
    if match := _COMMENT_PAGE.match(line):
        return "start", int(match.group("n"))
    if match := _END_OF_PAGE.match(line):
        return "end", int(match.group("n")) + 1
    if _PAGE_BREAK.match(line):
        return "break", None
    return None


def is_page_rule(line: str) -> bool:
    return bool(_PAGE_RULE.match(line))


def images(line: str) -> list[str]:
    """The sources of the image links on a line ("![](images/p3.jpg)" → "images/p3.jpg")."""
    return [match.group("src") for match in _IMAGE.finditer(line)]


def strip_comments(text: str) -> str:
    return _COMMENT.sub("", text)


def inline_text(raw: str) -> str:
    """A line or cell of markdown as the words a reader sees: images, links, emphasis, code
    marks, inline tags, entities and backslash escapes removed; <br> pieces joined as the HTML
    reader joins wrapped cell text ("商业企<br>业" → "商业企业")."""
    if not _SYNTAX_CHARS.search(raw):  # most lines and cells: plain words
        return clean_text(raw)
    text = _IMAGE.sub("", raw)
    text = _LINK.sub(lambda m: m.group("text"), text)
    pieces = _BREAK_TAG.split(text)
    out: list[str] = []
    for piece in pieces:
        piece = _TAG.sub("", piece)
        piece = _CODE.sub(lambda m: m.group(1), piece)
        for _ in range(2):  # "***x***" is strong inside emphasis
            piece = _STRONG.sub(lambda m: m.group(2), piece)
        piece = _EMPHASIS.sub(lambda m: m.group(1), piece)
        piece = _ESCAPE.sub(lambda m: m.group(1), piece)
        out.append(clean_text(html.unescape(piece)))
    return join_fragments(out)


def block_text(line: str) -> str:
    """Running text of one line: heading marks, quote marks and bullets removed, then inline."""
    heading = heading_text(line)
    if heading is not None:
        line = heading
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
    line = _BULLET.sub("", line, count=1)
    return inline_text(line)


def split_pipe_row(line: str) -> list[str]:
    """The raw cells of a pipe row, outer pipes removed; "\\|" stays inside its cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.replace("\\|", "|") for cell in _PIPE.split(body)]


def looks_like_markdown(text: str) -> bool:
    """Markdown-shaped text: a pipe table, an ATX heading, a converter's page marker, or a run
    of pipe rows. A file that opens like an HTML document stays HTML; tab text has none of these."""
    if starts_like_html_document(text):
        return False
    lines = text.split("\n")
    pipe_run = 0
    for index, line in enumerate(lines):
        if heading_text(line) is not None and heading_text(line):
            return True
        if "\f" not in line and page_marker(line) is not None:  # a form feed alone is plain text's
            return True
        if is_pipe_row(line):
            if index + 1 < len(lines) and is_separator_row(lines[index + 1]) and not is_separator_row(line):
                return True
            pipe_run = pipe_run + 1 if line.strip().startswith("|") and line.strip().endswith("|") else 0
            if pipe_run >= 3:
                return True
        else:
            pipe_run = 0
    return False
