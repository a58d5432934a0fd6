"""PNG, JPEG and TIFF (multi-page included): every frame is one page, read by OCR.

Images carry no trustworthy physical size (dpi tags are often the 72/96 defaults of screenshot
tools), so page coordinates assume `Settings.image_assumed_dpi`: one pixel is 72/dpi points, and
a page is `pixels × 72 / image_assumed_dpi` points wide. Pillow (a rapidocr dependency) reads the
header lazily, so the pixel limit is enforced before any frame is decoded. A blank image gives a
Document with pages but no lines, which later stages report as empty; it is not an error.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import CorruptFile, ImageTooLarge, TooManyPages, UnsupportedFormat
from ..model import Document, Line, Page, Table, TextSource
from ..ocr import ocr_image
from ..settings import Settings
from . import detect_media_type, sha256_of

_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def _grey(frame: Image.Image) -> NDArray[np.uint8]:
    """8-bit grey with transparency flattened onto white paper (not the black Pillow would give)."""
    frame = ImageOps.exif_transpose(frame)
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(paper, rgba)
    return np.asarray(frame.convert("L"), dtype=np.uint8)


def _frames(path: Path, data: bytes, settings: Settings) -> list[NDArray[np.uint8]]:
    """Decode every frame, checking frame count and pixel count before decoding each."""
    name = str(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            count = int(getattr(image, "n_frames", 1))
            if count > settings.max_pages:
                raise TooManyPages(name, f"{count} image frames, over the limit of {settings.max_pages}")
            frames: list[NDArray[np.uint8]] = []
            for index in range(count):
                image.seek(index)
                width, height = image.size
                if width * height > settings.max_image_pixels:
                    raise ImageTooLarge(name, f"frame {index + 1} has {width}x{height} pixels, over the limit of "
                                              f"{settings.max_image_pixels}")
                frames.append(_grey(image))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(name, f"image too large to decode safely ({exc})") from exc
    except _DECODE_ERRORS as exc:
        raise CorruptFile(name, f"the image cannot be decoded ({type(exc).__name__}: {exc})") from exc
    return frames


def read(path: Path, data: bytes, settings: Settings) -> Document:
    """OCR every frame; lines and tables carry 1-based page numbers and boxes in points."""
    media_type = detect_media_type(data)
    if media_type is None or not media_type.startswith("image/"):
        raise UnsupportedFormat(str(path), "not a PNG, JPEG or TIFF image")
    scale = 72.0 / settings.image_assumed_dpi
    pages: list[Page] = []
    lines: list[Line] = []
    tables: list[Table] = []
    for number, frame in enumerate(_frames(path, data, settings), start=1):
        height, width = frame.shape
        pages.append(Page(number=number, width=width * scale, height=height * scale))
        page_lines, page_tables = ocr_image(frame, number, scale, settings)
        offset = len(lines)
        lines.extend(page_lines)
        tables.extend(t.model_copy(update={"line_index": t.line_index + offset}) if t.line_index is not None else t
                      for t in page_tables)
    return Document(path=str(path), media_type=media_type, sha256=sha256_of(data), source=TextSource.OCR,
                    pages=pages, lines=lines, tables=tables, ocr_pages=[p.number for p in pages])
