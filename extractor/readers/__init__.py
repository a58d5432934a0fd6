"""One reader per format behind one interface, found by the media type sniffed from the bytes.

Each reader module exposes `read(path: Path, data: bytes, settings: Settings) -> Document` and
raises only `ExtractorError` subclasses for files it cannot read.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from ..errors import EmptyFile, FileTooLarge, UnreadableFile, UnsupportedFormat
from ..model import Document
from ..settings import Settings
from .charset import decode_bytes, utf16_guess
from .mdsyntax import looks_like_markdown

Reader = Callable[[Path, bytes, Settings], Document]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
JSON = "application/json"

# marker's markdown opens with its first page marker, "{0}------…": markdown, not JSON
_MARKER_PAGE_START = re.compile(rb"\{\d{1,4}\}-{3,}")

# media type -> module under extractor.readers that reads it
READER_MODULES: dict[str, str] = {
    PDF: "pdf",
    DOCX: "docx",
    HTML: "html",
    TEXT: "text",
    MARKDOWN: "markdown",
    DOC: "doc",
    PNG: "image",
    JPEG: "image",
    TIFF: "image",
}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _looks_like_html(head: bytes) -> bool:
    sample = head[:4096].lower()
    return any(tag in sample for tag in (b"<html", b"<!doctype html", b"<body", b"<table", b"<div", b"<p>", b"<meta"))


def _looks_like_markdown(data: bytes) -> bool:
    """Markdown-shaped text (pipe tables, headings, page markers), for .md and .txt alike."""
    sample = data[:65536]
    text, _encoding = decode_bytes(sample)  # a character cut at the end decodes as U+FFFD: harmless here
    return looks_like_markdown(text)


def _is_text(data: bytes) -> bool:
    """Text in UTF-8, UTF-16 (with BOM) or GB18030 with few control bytes."""
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in sample:
        utf16 = utf16_guess(sample)  # BOM-less UTF-16 (Windows "Unicode" text): NULs on one parity
        if utf16 is None:
            return False
        try:
            sample[: len(sample) // 2 * 2].decode(utf16)
            return True
        except UnicodeDecodeError as exc:
            return exc.start > len(sample) - 4  # a surrogate pair cut by the sample boundary
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start > len(sample) - 4:  # a multi-byte character cut by the sample boundary
                return True
    return False


def detect_media_type(data: bytes) -> str | None:
    """The media type from content (magic bytes), never from the file name."""
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError, RuntimeError):
            # a truncated or damaged package that still names Word parts in its local headers is a
            # broken DOCX (the reader says so), not an unknown format
            return DOCX if b"word/document.xml" in data or b"[Content_Types].xml" in data[:4096] else None
        return DOCX if "word/document.xml" in names else None
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if _is_text(data):
        head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if head[:1] in (b"{", b"[") and not _MARKER_PAGE_START.match(head):
            return JSON  # e.g. a gold or report JSON lying beside the documents: not a report
        if _looks_like_markdown(data):
            return MARKDOWN  # before HTML: converter markdown embeds <table> blocks
        return HTML if _looks_like_html(data) else TEXT
    return None


def read_document(path: Path, settings: Settings) -> Document:
    """Read any supported file into a Document, or raise an ExtractorError naming the reason."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise FileTooLarge(str(path), f"file is {size} bytes, over the limit of {settings.max_file_bytes}")
        with path.open("rb") as fh:  # never more than the limit, even if the file grows meanwhile
            data = fh.read(settings.max_file_bytes + 1)
    except OSError as exc:  # permissions, a folder, a symlink loop, a vanished file
        raise UnreadableFile(str(path), f"the file cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise EmptyFile(str(path), "the file is empty")
    if len(data) > settings.max_file_bytes:
        raise FileTooLarge(str(path), f"file is over the limit of {settings.max_file_bytes} bytes")
    media_type = detect_media_type(data)
    if media_type is None:
        raise UnsupportedFormat(str(path), "not a PDF, DOCX, HTML or text file (content not recognised)")
    module_name = READER_MODULES.get(media_type)
    if module_name is None:
        raise UnsupportedFormat(str(path), f"{media_type} files are not supported yet")
    module = importlib.import_module(f"{__name__}.{module_name}")
    reader: Reader = module.read
    return reader(path, data, settings)
