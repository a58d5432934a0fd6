"""Page pictures of paged inputs (PDF, scans as images) for people to look at, in the readers' coordinates.

A box the pipeline reports (`provenance[...].bbox`, in points on the page) lands on the same spot
of the picture at `zoom` pixels per point: PDFs are rendered by PyMuPDF; images are scaled the way
the image reader measures them (one pixel is 72 / `Settings.image_assumed_dpi` points). HTML,
DOCX and text have no pages: asking for one is `NotPaged`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf
from PIL import Image, ImageOps

from ..errors import CorruptFile, EncryptedFile, ExtractorError, ImageTooLarge, UnreadableFile
from ..settings import Settings
from . import JPEG, PDF, PNG, TIFF, detect_media_type

pymupdf: Any = _pymupdf  # PyMuPDF ships no type hints
PageSize = tuple[float, float]  # width, height in points


class NotPaged(ExtractorError):
    """The file has no pages to show (HTML, DOCX, text): show its running text instead."""

    code = "not_paged"
    stage = "render"


class PageOutOfRange(ExtractorError):
    code = "page_out_of_range"
    stage = "render"


def _data(path: Path, settings: Settings) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(str(path), f"the file cannot be read ({exc.strerror or exc})") from exc
    if len(data) > settings.max_file_bytes:
        raise UnreadableFile(str(path), f"file is over the limit of {settings.max_file_bytes} bytes")
    return data


def _open_pdf(path: Path, data: bytes) -> Any:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        raise CorruptFile(str(path), f"not a readable PDF: {exc}") from exc
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise EncryptedFile(str(path), "the PDF is encrypted and cannot be opened without a password")
    return doc


def _pdf_sizes(path: Path, data: bytes, _settings: Settings) -> list[PageSize]:
    with _open_pdf(path, data) as doc:
        return [(page.rect.width, page.rect.height) for page in doc]


def _pdf_render(path: Path, data: bytes, number: int, zoom: float, _settings: Settings) -> bytes:
    with _open_pdf(path, data) as doc:
        if not 1 <= number <= doc.page_count:
            raise PageOutOfRange(str(path), f"page {number} does not exist (the PDF has {doc.page_count})")
        try:
            pixmap = doc[number - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        except (RuntimeError, ValueError) as exc:
            raise CorruptFile(str(path), f"page {number} cannot be drawn: {exc}") from exc
        png: bytes = pixmap.tobytes("png")
        return png


def _frames(path: Path, data: bytes, settings: Settings) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > settings.max_image_pixels:
                raise ImageTooLarge(str(path), f"{image.width}x{image.height} pixels, over the limit")
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(str(path), f"image too large to decode safely ({exc})") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile(str(path), f"the image cannot be decoded ({exc})") from exc


def _image_sizes(path: Path, data: bytes, settings: Settings) -> list[PageSize]:
    image = _frames(path, data, settings)
    scale = 72.0 / settings.image_assumed_dpi
    sizes = []
    for index in range(int(getattr(image, "n_frames", 1))):
        image.seek(index)
        frame = ImageOps.exif_transpose(image)
        sizes.append((frame.width * scale, frame.height * scale))
    return sizes


def _image_render(path: Path, data: bytes, number: int, zoom: float, settings: Settings) -> bytes:
    image = _frames(path, data, settings)
    count = int(getattr(image, "n_frames", 1))
    if not 1 <= number <= count:
        raise PageOutOfRange(str(path), f"page {number} does not exist (the image has {count})")
    image.seek(number - 1)
    frame = ImageOps.exif_transpose(image).convert("RGB")
    factor = zoom * 72.0 / settings.image_assumed_dpi
    size = (max(1, round(frame.width * factor)), max(1, round(frame.height * factor)))
    out = io.BytesIO()
    frame.resize(size, Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


_SIZES: dict[str, Callable[[Path, bytes, Settings], list[PageSize]]] = {
    PDF: _pdf_sizes, PNG: _image_sizes, JPEG: _image_sizes, TIFF: _image_sizes}
_RENDER: dict[str, Callable[[Path, bytes, int, float, Settings], bytes]] = {
    PDF: _pdf_render, PNG: _image_render, JPEG: _image_render, TIFF: _image_render}


def page_sizes(path: Path, settings: Settings) -> list[PageSize]:
    """Each page's (width, height) in points; `NotPaged` for HTML, DOCX and text."""
    data = _data(path, settings)
    media_type = detect_media_type(data)
    sizes = _SIZES.get(media_type or "")
    if sizes is None:
        raise NotPaged(str(path), f"{media_type or 'this file'} has no pages to draw")
    return sizes(path, data, settings)


def render_page(path: Path, page: int, zoom: float, settings: Settings) -> bytes:
    """PNG of one page (1-based) at `zoom` pixels per point."""
    data = _data(path, settings)
    media_type = detect_media_type(data)
    render = _RENDER.get(media_type or "")
    if render is None:
        raise NotPaged(str(path), f"{media_type or 'this file'} has no pages to draw")
    return render(path, data, page, zoom, settings)
