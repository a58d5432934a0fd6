"""Limits checked on a PDF's objects before MuPDF draws anything: Flate bombs, page boxes, images."""

from __future__ import annotations

import zlib
from typing import Any

from ..errors import ImageTooLarge, PageTooLarge, StreamTooLarge
from ..settings import Settings

PdfDocument = Any
PdfPage = Any

_INFLATE_CHUNK = 1 << 20


def _inflated_size(raw: bytes, cap: int) -> int:
    """Bytes a zlib stream inflates to, counted in chunks and stopped just past `cap`.

    A damaged stream counts what inflated before the damage (MuPDF decides what to do with it).
    """
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    try:
        while pending and total <= cap:
            total += len(inflater.decompress(pending, _INFLATE_CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


def check_streams(doc: PdfDocument, name: str, settings: Settings) -> None:
    """Reject Flate decompression bombs before MuPDF inflates a stream into memory.

    Every stream whose first filter is FlateDecode is inflated here in 1 MiB steps (never held
    whole) and stopped as soon as it passes `max_stream_bytes`; all of them together may not
    pass `max_pdf_inflate_bytes`.
    """
    total = 0
    for xref in range(1, doc.xref_length()):
        if not doc.xref_is_stream(xref):
            continue
        kind, value = doc.xref_get_key(xref, "Filter")
        first = value.strip("[] ").split(" ")[0] if kind in ("name", "array") else ""
        if first not in ("/FlateDecode", "/Fl"):
            continue
        size = _inflated_size(doc.xref_stream_raw(xref) or b"", settings.max_stream_bytes)
        if size > settings.max_stream_bytes:
            raise StreamTooLarge(
                name, f"PDF object {xref} inflates past {settings.max_stream_bytes} bytes (a decompression bomb)"
            )
        total += size
        if total > settings.max_pdf_inflate_bytes:
            raise StreamTooLarge(
                name, f"the PDF's streams inflate past {settings.max_pdf_inflate_bytes} bytes in all"
            )


def check_page(page: PdfPage, number: int, name: str, settings: Settings) -> None:
    """Page boxes and image dimensions within limits, read from the objects before anything is drawn."""
    for box in (page.mediabox, page.rect):
        width, height = abs(float(box.width)), abs(float(box.height))
        if not (width <= settings.max_page_side_pt and height <= settings.max_page_side_pt):  # NaN fails too
            raise PageTooLarge(
                name, f"page {number} is {width:g} x {height:g} pt, over the limit of {settings.max_page_side_pt:g}"
            )
    for image in page.get_images(full=True):
        width, height = int(image[2]), int(image[3])
        if width * height > settings.max_image_pixels:
            raise ImageTooLarge(
                name, f"page {number} holds a {width}x{height} image, over the limit of {settings.max_image_pixels} pixels"
            )
