"""OCR of a synthetic scanned table page: our own labels and numbers, drawn, rasterised, skewed, noised.

The page mimics table 2 (2021 template) and table 4 with merged cells both ways, so the grid shape,
the spans and every number can be asserted exactly.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest
from numpy.typing import NDArray

from extractor.model import Document, Table, TextSource
from extractor.ocr import ocr_image, ocr_pdf_page
from extractor.readers import PNG, detect_media_type
from extractor.readers.image import read as read_image
from extractor.settings import Settings

pytestmark = pytest.mark.ocr

SETTINGS = Settings()
SCAN_DPI = 200

# (row, col, row_span, col_span, text) on a 4-column grid; widths in points
TABLE_A_COLS = (150.0, 110.0, 110.0, 110.0)
TABLE_A: list[tuple[int, int, int, int, str]] = [
    (0, 0, 1, 4, "第二十条第（一）项"),
    (1, 0, 1, 1, "信息内容"), (1, 1, 1, 1, "本年制发件数"), (1, 2, 1, 1, "本年废止件数"), (1, 3, 1, 1, "现行有效件数"),
    (2, 0, 1, 1, "规章"), (2, 1, 1, 1, "5"), (2, 2, 1, 1, "0"), (2, 3, 1, 1, "37"),
    (3, 0, 1, 1, "行政规范性文件"), (3, 1, 1, 1, "12"), (3, 2, 1, 1, "3"), (3, 3, 1, 1, "160"),
    (4, 0, 1, 4, "第二十条第（五）项"),
    (5, 0, 1, 1, "信息内容"), (5, 1, 1, 3, "本年处理决定数量"),
    (6, 0, 1, 1, "行政许可"), (6, 1, 1, 3, "447"),
    (7, 0, 1, 1, "行政处罚"), (7, 1, 1, 3, "1286"),
    (8, 0, 1, 4, "第二十条第（八）项"),
    (9, 0, 1, 1, "信息内容"), (9, 1, 1, 3, "本年收费金额（单位：万元）"),
    (10, 0, 1, 1, "行政事业性收费"), (10, 1, 1, 3, "96171.6"),
]
TABLE_B_COLS = (80.0, 80.0, 80.0, 80.0, 80.0, 80.0)
TABLE_B: list[tuple[int, int, int, int, str]] = [
    (0, 0, 2, 1, "类别"), (0, 1, 1, 5, "行政复议"),
    (1, 1, 1, 1, "结果维持"), (1, 2, 1, 1, "结果纠正"), (1, 3, 1, 1, "其他结果"), (1, 4, 1, 1, "尚未审结"),
    (1, 5, 1, 1, "总计"),
    (2, 0, 1, 1, "件数"), (2, 1, 1, 1, "72"), (2, 2, 1, 1, "64"), (2, 3, 1, 1, "178"), (2, 4, 1, 1, "37"),
    (2, 5, 1, 1, "351"),
]
ROW_H = 26.0


def _draw_table(page: pymupdf.Page, left: float, top: float, widths: tuple[float, ...],
                spec: list[tuple[int, int, int, int, str]]) -> float:
    """Draw every cell's border and centred text; returns the table's bottom edge."""
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    for row, col, rs, cs, text in spec:
        rect = pymupdf.Rect(xs[col], top + row * ROW_H, xs[col + cs], top + (row + rs) * ROW_H)
        page.draw_rect(rect, color=(0, 0, 0), width=0.8)
        size = 10.5
        width = pymupdf.Font("cjk").text_length(text, fontsize=size)
        page.insert_text((rect.x0 + (rect.width - width) / 2, rect.y0 + rect.height / 2 + size * 0.35), text,
                         fontname="cjk", fontsize=size)
    n_rows = max(r + rs for r, _, rs, _, _ in spec)
    return top + n_rows * ROW_H


def vector_page_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((72, 80), "二、主动公开政府信息情况", fontname="cjk", fontsize=14)
    bottom = _draw_table(page, 72, 100, TABLE_A_COLS, TABLE_A)
    page.insert_text((72, bottom + 40), "四、政府信息公开行政复议、行政诉讼情况", fontname="cjk", fontsize=14)
    _draw_table(page, 72, bottom + 60, TABLE_B_COLS, TABLE_B)
    doc.subset_fonts()
    return doc.tobytes()


def scanned(data: bytes, angle: float = 1.0, seed: int = 7) -> NDArray[np.uint8]:
    """The page as a 200-dpi grey scan, rotated by `angle` degrees, with sensor noise."""
    page = pymupdf.open("pdf", data)[0]
    pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    noise = np.random.default_rng(seed).normal(0, 12, img.shape)
    return np.clip(img.astype(np.float64) * 0.92 + 10 + noise, 0, 255).astype(np.uint8)


def image_pdf(image: NDArray[np.uint8]) -> bytes:
    ok, png = cv2.imencode(".png", image)
    assert ok
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=png.tobytes())
    return doc.tobytes()


def texts(table: Table) -> list[list[str | None]]:
    return [[c.text if c else None for c in row] for row in table.grid()]


def spans(table: Table) -> set[tuple[int, int, int, int]]:
    return {(c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.row_span > 1 or c.col_span > 1}


def expected_texts(spec: list[tuple[int, int, int, int, str]], n_cols: int) -> list[list[str | None]]:
    n_rows = max(r + rs for r, _, rs, _, _ in spec)
    grid: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
    for r, c, _, _, text in spec:
        grid[r][c] = text
    return grid


def normalise(text: str | None) -> str | None:
    """OCR may return half-width brackets and colons for full-width ones; compare content only."""
    if text is None:
        return None
    return text.translate(str.maketrans("()：:", "（）：："))


def assert_tables_read(tables: list[Table]) -> None:
    assert [(t.n_rows, t.n_cols) for t in tables] == [(11, 4), (3, 6)]
    a, b = tables
    assert spans(a) == {(0, 0, 1, 4), (4, 0, 1, 4), (5, 1, 1, 3), (6, 1, 1, 3), (7, 1, 1, 3), (8, 0, 1, 4),
                        (9, 1, 1, 3), (10, 1, 1, 3)}
    assert spans(b) == {(0, 0, 2, 1), (0, 1, 1, 5)}
    got_a = [[normalise(t) for t in row] for row in texts(a)]
    assert got_a == [[normalise(t) for t in row] for row in expected_texts(TABLE_A, 4)]
    assert texts(b) == expected_texts(TABLE_B, 6)
    assert all(t.source == TextSource.OCR for t in tables)
    assert all(0.5 <= c.confidence <= 1.0 for t in tables for c in t.cells)


@pytest.fixture(scope="module")
def scan() -> NDArray[np.uint8]:
    return scanned(vector_page_pdf())


def test_skewed_noisy_scan_pdf_reads_grid_and_numbers(scan: NDArray[np.uint8]) -> None:
    page = pymupdf.open("pdf", image_pdf(scan))[0]
    assert not page.get_text().strip()  # image only: no text layer to fall back on
    lines, tables = ocr_pdf_page(page, 3, SETTINGS)
    assert_tables_read(tables)
    fee = next(c for c in tables[0].cells if c.text == "96171.6")
    assert fee.page == 3 and fee.bbox is not None
    # the cell was drawn at x 222..552 pt, y 360..386 pt before the 1° rotation about the centre
    x0, y0, x1, y1 = fee.bbox
    assert abs(x0 - 222) < 12 and abs(x1 - 552) < 12 and abs(y0 - 360) < 12 and abs(y1 - 386) < 12
    titles = [ln.text for ln in lines if not ln.in_table]
    assert titles[0] == "二、主动公开政府信息情况"
    assert tables[0].line_index is not None and lines[tables[0].line_index].in_table


def test_png_through_image_reader(scan: NDArray[np.uint8], tmp_path: Path) -> None:
    ok, png = cv2.imencode(".png", scan)
    assert ok
    data = png.tobytes()
    assert detect_media_type(data) == PNG
    doc: Document = read_image(tmp_path / "scan.png", data, SETTINGS)
    assert doc.source == TextSource.OCR and doc.media_type == PNG and doc.ocr_pages == [1]
    h, w = scan.shape
    assert doc.pages[0].width == pytest.approx(w * 72 / SETTINGS.image_assumed_dpi)
    assert doc.pages[0].height == pytest.approx(h * 72 / SETTINGS.image_assumed_dpi)
    assert_tables_read(doc.tables)


def test_blank_page_invents_nothing() -> None:
    blank = scanned(_blank_pdf(), angle=0.0)
    lines, tables = ocr_image(blank, 1, 72 / SCAN_DPI, SETTINGS)
    assert lines == [] and tables == []


def _blank_pdf() -> bytes:
    doc = pymupdf.open()
    doc.new_page(width=595, height=842)
    return doc.tobytes()
