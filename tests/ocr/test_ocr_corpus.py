"""A real report page (huaian_szfgs_2024.pdf page 5) rasterised, its text layer dropped, and OCR'd.

The page holds the tail of table 3 (merged label cells both ways) and the whole of table 4; the
text layer of the original is the reference for every number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from extractor.ocr import ocr_pdf_page
from extractor.settings import Settings

pytestmark = pytest.mark.ocr

TABLE4_ROW = ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


@pytest.fixture(scope="module")
def pages(corpus_dir: Path) -> tuple[pymupdf.Page, pymupdf.Page]:
    """(original page with its text layer, image-only copy rendered at 200 dpi)."""
    original = pymupdf.open(corpus_dir / "huaian_szfgs_2024.pdf")[4]
    pix = original.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    page = scan.new_page(width=original.rect.width, height=original.rect.height)
    page.insert_image(page.rect, stream=pix.tobytes("png"))
    return original, pymupdf.open("pdf", scan.tobytes())[0]


def test_table4_row_and_table3_numbers_read_exactly(pages: tuple[pymupdf.Page, pymupdf.Page]) -> None:
    original, scan = pages
    assert not scan.get_text().strip()
    lines, tables = ocr_pdf_page(scan, 5, Settings())
    assert len(tables) == 2
    table3, table4 = tables

    rows4 = [[c.text for c in row if c is not None and c.text] for row in table4.grid()]
    assert TABLE4_ROW in rows4
    assert table4.n_cols == 15
    assert {(c.row, c.col_span, c.text) for c in table4.cells if c.col_span > 1} >= {
        (0, 5, "行政复议"), (0, 10, "行政诉讼"), (1, 5, "未经复议直接起诉"), (1, 5, "复议后起诉")}

    # every number of the table-3 fragment, in order, against the original text layer
    layer = original.get_text().split("四、政府信息公开行政复议")[0]
    expected = [t for t in layer.split("\n") if re.fullmatch(r"\d+", t.strip())]
    expected = expected[1:] if expected and expected[0] == "5" else expected  # "- 5 -" is not a cell
    got = [c.text for row in table3.grid() for c in row if c is not None and re.fullmatch(r"\d+", c.text)]
    assert got == expected and len(got) == 12 * 7
    labels = {c.text for c in table3.cells}
    assert "5.要求行政机关确认或重新出具已获取信息" in labels  # a wrapped label joined without a space
    assert all(c.confidence >= 0.5 for c in table3.cells if c.text)
    assert any(ln.text == "五、存在的主要问题及改进情况" and not ln.in_table for ln in lines)
