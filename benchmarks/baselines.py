"""The raw-library baselines: what reading a file costs with no extraction logic on top.

PDF: PyMuPDF with the layout model off, `get_text()` and `find_tables()` on every page (the work
our PDF reader cannot avoid). DOCX: python-docx paragraphs and table cells. HTML: lxml parse and
text. TXT: decoding the bytes. Markdown: decoding plus markdown-it-py's CommonMark + GFM-table
parse (the tokens a markdown library gives; no grid, no merged cells).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def pymupdf_pages(path: Path) -> int:
    """Text and ruled tables of every page with raw PyMuPDF; returns the page count."""
    import pymupdf

    pymupdf.use_layout(False)
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()
            page.find_tables()
        return int(doc.page_count)


def _docx(path: Path) -> int:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return 1 if texts else 0


def _html(path: Path) -> int:
    import lxml.html

    lxml.html.parse(str(path)).getroot().text_content()
    return 1


def _txt(path: Path) -> int:
    path.read_bytes().decode("utf-8", errors="replace")
    return 1


def _markdown(path: Path) -> int:
    from markdown_it import MarkdownIt

    MarkdownIt("commonmark").enable("table").parse(path.read_bytes().decode("utf-8", errors="replace"))
    return 1


RAW_READERS: dict[str, Callable[[Path], int]] = {
    ".pdf": pymupdf_pages,
    ".docx": _docx,
    ".html": _html,
    ".htm": _html,
    ".txt": _txt,
    ".md": _markdown,
}


def time_raw(path: Path) -> float:
    """Seconds the raw library takes to read this file (its format's baseline above)."""
    start = time.perf_counter()
    RAW_READERS[path.suffix.lower()](path)
    return time.perf_counter() - start
