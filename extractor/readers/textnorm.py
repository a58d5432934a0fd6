"""Cell and block text shared by the markup readers (HTML, DOCX): whitespace and wrapped fragments."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def clean_text(raw: str) -> str:
    """Collapse whitespace (&nbsp; and U+3000 included) and strip the ends.

    A run containing a newline between two CJK characters is source formatting, not a space a
    reader sees (CSS segment-break rules), so it is removed.
    """

    def repl(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        inner_break = "\n" in match.group(0) and start > 0 and end < len(raw)
        if inner_break and _is_cjk(raw[start - 1]) and _is_cjk(raw[end]):
            return ""
        return " "

    return _WS.sub(repl, raw).strip()


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def join_fragments(fragments: Iterable[str]) -> str:
    """Join the wrapped pieces of one cell: no separator at all, except a space between two
    Latin letters or digits, so "商业"+"企业" is "商业企业" but "151"+"3" never becomes "1513"."""
    out = ""
    for fragment in fragments:
        if not fragment:
            continue
        if out and _latin(out[-1]) and _latin(fragment[0]):
            out += " "
        out += fragment
    return out
