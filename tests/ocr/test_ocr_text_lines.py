"""Prose strips cut into text lines by projection (extractor/ocr/text_lines.py), detection kept for the rest.

Pages are drawn with PyMuPDF in our own phrasing, rasterised, skewed and noised like a scan.
"""

from __future__ import annotations

import cv2
import numpy as np
import pymupdf
import pytest
from numpy.typing import NDArray

from extractor.ocr import ocr_image, strips
from extractor.ocr.raster import binarize, deskew
from extractor.ocr.strips import ink_strips
from extractor.ocr.text_lines import cut_text_lines
from extractor.settings import Settings

pytestmark = pytest.mark.ocr

DPI = 200
SETTINGS = Settings()
PARAGRAPH = ["（一）主动公开情况。本年度通过门户网站主动公开政府信息", "1286条，其中政策解读36篇，回应社会关切12次。",
             "（二）依申请公开情况。全年共收到政府信息公开申请45件。"]


def _page(lines: list[str], table_rows: list[list[str]] | None = None, touching: bool = False) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=420)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    lead = 10.5 if touching else 20.0
    for i, line in enumerate(lines):
        page.insert_text((60, 80 + i * lead), line, fontname="cjk", fontsize=11)
    for r, row in enumerate(table_rows or []):  # a borderless table: columns far apart, no rules
        for c, text in enumerate(row):
            page.insert_text((60 + c * 110, 200 + r * 16), text, fontname="cjk", fontsize=9)
    page.insert_text((290, 390), "-2-", fontname="cjk", fontsize=9)
    doc.subset_fonts()
    return doc.tobytes()


def scanned(data: bytes, angle: float = 0.6) -> NDArray[np.uint8]:
    """The page rasterised, turned by `angle` degrees and noised like a scan."""
    pix = pymupdf.open("pdf", data)[0].get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
    h, w = img.shape
    img = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
    noise = np.random.default_rng(5).normal(0, 6, img.shape)
    return np.clip(img.astype(np.float64) + noise, 0, 255).astype(np.uint8)


def _strips(image: NDArray[np.uint8]) -> tuple[NDArray[np.uint8], NDArray[np.uint8], list[tuple[int, int, int, int]]]:
    up = deskew(image, SETTINGS).image
    ink = binarize(up)
    return up, ink, ink_strips(ink, DPI / 72)


def test_a_paragraph_is_cut_into_its_lines() -> None:
    up, ink, found = _strips(scanned(_page(PARAGRAPH)))
    paragraph, number = found
    lines = cut_text_lines(ink, up, paragraph, DPI / 72)
    assert lines is not None and len(lines) == 3
    tops = [line.box[1] for line in lines]
    assert tops == sorted(tops) and min(np.diff(tops)) > 15 * DPI / 72  # one crop per printed line
    glyph = 11 * DPI / 72
    assert all(0.6 * glyph < line.box[3] - line.box[1] < 1.4 * glyph for line in lines)
    assert all(line.image.shape[0] > line.box[3] - line.box[1] for line in lines)  # padded with paper
    assert cut_text_lines(ink, up, number, DPI / 72) is not None  # the page number: one short line


def test_a_borderless_table_and_touching_lines_are_left_to_detection() -> None:
    rows = [["项目", "新收", "办结", "结转"], ["行政许可", "12", "11", "1"], ["行政处罚", "7", "7", "0"]]
    up, ink, found = _strips(scanned(_page(PARAGRAPH[:1], rows)))
    assert cut_text_lines(ink, up, found[1], DPI / 72) is None  # rows of four texts are a table
    up, ink, found = _strips(scanned(_page(PARAGRAPH, touching=True), angle=0.0))
    assert cut_text_lines(ink, up, found[0], DPI / 72) is None  # no blank row between the lines


def test_prose_is_read_without_the_detector_and_as_detection_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    image = scanned(_page(PARAGRAPH))
    detected = [ln.text for ln in ocr_image(image, 1, 72 / DPI, Settings(ocr_projected_lines=False))[0]]
    calls: list[tuple[int, ...]] = []
    real = strips.detect_lines
    monkeypatch.setattr(strips, "detect_lines", lambda img, *a: calls.append(img.shape) or real(img, *a))
    projected = [ln.text for ln in ocr_image(image, 1, 72 / DPI, SETTINGS)[0]]
    assert calls == []
    assert projected == [*PARAGRAPH, "-2-"]
    assert "".join(projected).replace("(", "（").replace(")", "）") == "".join(detected).replace("(", "（").replace(")", "）")


def test_a_strip_of_specks_is_not_read() -> None:
    ink = np.zeros((100, 300), dtype=np.uint8)
    ink[40:42, 50:51] = 255  # two pixels of scanner noise
    assert cut_text_lines(ink, np.full((100, 300), 255, dtype=np.uint8), (0, 0, 300, 100), DPI / 72) == []
