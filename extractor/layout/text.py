"""The document's running text as one string, with a map from character offsets back to pages."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from ..model import Document

_FOOTER = re.compile(r"^\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*$|^\s*第\s*\d{1,3}\s*页(\s*共\s*\d+\s*页)?\s*$")


def is_page_footer(text: str) -> bool:
    """Page numbers such as "- 4 -", "—4—" or "第 4 页" that sit between two table rows."""
    return bool(_FOOTER.match(text))


def normalize_label(text: str) -> str:
    """Fold the punctuation drift of real reports: full-width forms, curly quotes, stray spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class FullText:
    """`text` is the lines joined by newlines; `page_of(offset)` gives the page of any offset."""

    text: str
    line_starts: tuple[int, ...]
    line_pages: tuple[int | None, ...]

    @classmethod
    def of(cls, doc: Document) -> FullText:
        starts: list[int] = []
        pages: list[int | None] = []
        parts: list[str] = []
        offset = 0
        for line in doc.lines:
            starts.append(offset)
            pages.append(line.page)
            parts.append(line.text)
            offset += len(line.text) + 1
        return cls(text="\n".join(parts), line_starts=tuple(starts), line_pages=tuple(pages))

    def page_of(self, offset: int) -> int | None:
        if not self.line_starts:
            return None
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(index, 0)]
