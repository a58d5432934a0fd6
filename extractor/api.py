"""The public entry points: `extract(path) -> Report`, and what a person needs to look at the source
beside it (`page_sizes`, `render_page`, `running_text`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import BBox, Report
from .settings import DEFAULT_SETTINGS, Settings

PageSize = tuple[float, float]  # width, height in points


def extract(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Extract one report file. Raises `ExtractorError` (naming file and reason) when no report can be made."""
    from .pipeline import run

    return run(Path(path), settings)


def page_sizes(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> list[PageSize]:
    """(width, height) in points of each page of a PDF or image; raises `NotPaged` for HTML, DOCX and text.

    These are the coordinates of `provenance[...].bbox`.
    """
    from .readers.render import page_sizes as sizes

    return sizes(Path(path), settings)


def render_page(path: str | Path, page: int, zoom: float = 2.0, settings: Settings = DEFAULT_SETTINGS) -> bytes:
    """A PNG of page `page` (1-based) at `zoom` pixels per point: a bbox (x0, y0, x1, y1) lands at bbox × zoom.

    Raises `NotPaged` for inputs without pages, `PageOutOfRange`, or the `ExtractorError` of an unreadable file.
    """
    from .readers.render import render_page as render

    return render(Path(path), page, zoom, settings)


@dataclass(frozen=True)
class TextLine:
    """One line of the running text: its character range and, for paged inputs, where it is printed."""

    start: int
    end: int
    page: int | None
    bbox: BBox | None


@dataclass(frozen=True)
class RunningText:
    """The document's running text, the string `narrative.*.span` offsets point into."""

    text: str
    lines: tuple[TextLine, ...]

    def boxes(self, start: int, end: int) -> list[tuple[int, BBox]]:
        """(page, line box) of every printed line that the character range [start, end) touches."""
        return [(line.page, line.bbox) for line in self.lines
                if line.start < end and start < max(line.end, line.start + 1)
                and line.page is not None and line.bbox is not None]


def running_text(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> RunningText:
    """Read the file as the pipeline does and give its running text (lines joined by newlines).

    It reads the whole document (OCR included for scanned pages), so a caller showing it more than
    once keeps it. Raises the `ExtractorError` of an unreadable file.
    """
    from .layout.text import FullText
    from .readers import read_document

    doc = read_document(Path(path), settings)
    full = FullText.of(doc)
    lines = tuple(TextLine(start, start + len(line.text), line.page, line.bbox)
                  for start, line in zip(full.line_starts, doc.lines, strict=True))
    return RunningText(full.text, lines)


def null_kind(raw: str | None) -> str:
    """How the mapping stage reads a cell's printed text: `value`, or why it gives null — `blank`, `dash`,
    `unreadable`, or `absent` (nothing printed at all)."""
    from .mapping.values import parse_value

    parsed = parse_value(raw)
    return "value" if parsed.null_reason is None else str(parsed.null_reason)
