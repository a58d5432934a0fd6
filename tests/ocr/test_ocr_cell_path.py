"""The cell path: a trusted ruled grid read cell by cell by the recogniser alone (extractor/ocr/cell_*.py).

The page is our own table 4-like grid drawn with PyMuPDF — a vertical label one character per
line, a wrapped label, blank cells, dash cells, numbers — rasterised, skewed and noised like a scan.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pymupdf
import pytest
from numpy.typing import NDArray

from extractor.ocr import cell_read, ocr_image, page, strips
from extractor.ocr.cell_crops import cut_grid, ink_maps
from extractor.ocr.cell_read import read_ruled_grid
from extractor.ocr.grid import find_ruled_grids
from extractor.ocr.raster import binarize, deskew
from extractor.ocr.recognizer import _batches, _line_crops, detection_scale, read_lines
from extractor.settings import Settings

pytestmark = pytest.mark.ocr

DPI = 200
SETTINGS = Settings()
LEFT, TOP, ROW_H = 60.0, 120.0, 24.0
WIDTHS = (34.0, 150.0, 56.0, 56.0, 56.0, 56.0)
# (row, col, row_span, text lines); a cell not listed is blank
CELLS: list[tuple[int, int, int, list[str]]] = [
    (0, 0, 4, list("行政复议")),  # one character per line, like a vertical label
    (0, 1, 1, ["结果维持"]), (0, 2, 1, ["12"]), (0, 3, 1, ["-"]), (0, 4, 1, ["0"]),
    (1, 1, 1, ["结果纠正"]), (1, 2, 1, ["7"]), (1, 4, 1, ["-"]), (1, 5, 1, ["305"]),
    (2, 1, 2, ["要求行政机关确认或重新", "出具已获取信息"]), (2, 2, 2, ["46"]), (2, 5, 2, ["1"]),
]
EXPECTED = {(r, c): "".join(lines) for r, c, _, lines in CELLS}


def _xs() -> list[float]:
    xs = [LEFT]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    return xs


def table_pdf(crossing: bool = False, rules: bool = True) -> bytes:
    """The grid of CELLS; with `crossing`, a line of text runs over the rules of every row; without
    `rules`, the same text is printed with no ruling lines at all (a borderless table)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=420)
    font = pymupdf.Font("cjk")
    page.insert_font(fontname="cjk", fontbuffer=font.buffer)
    page.insert_text((LEFT, TOP - 30), "四、政府信息公开行政复议情况", fontname="cjk", fontsize=13)
    xs, size = _xs(), 9.0
    listed = {(r, c): (rs, lines) for r, c, rs, lines in CELLS}
    for r in range(4):
        for c in range(len(WIDTHS)):
            if any(r0 < r < r0 + rs and c0 == c for (r0, c0), (rs, _) in listed.items()):
                continue
            rs, lines = listed.get((r, c), (1, []))
            rect = pymupdf.Rect(xs[c], TOP + r * ROW_H, xs[c + 1], TOP + (r + rs) * ROW_H)
            if rules:
                page.draw_rect(rect, color=(0, 0, 0), width=0.8)
            lead = size * 1.25
            top = rect.y0 + (rect.height - len(lines) * lead) / 2 + size
            for i, line in enumerate(lines):
                x = rect.x0 + (rect.width - font.text_length(line, fontsize=size)) / 2
                page.insert_text((x, top + i * lead), line, fontname="cjk", fontsize=size)
    if crossing:
        for r in range(4):
            page.insert_text((xs[2] + 20, TOP + r * ROW_H + 16), "跨越表格线的文字印章", fontname="cjk", fontsize=size)
    page.insert_text((LEFT, TOP + 4 * ROW_H + 40), "本年度未发生因政府信息公开引起的行政复议案件。", fontname="cjk", fontsize=11)
    doc.subset_fonts()
    return doc.tobytes()


def scanned(data: bytes, angle: float = 0.8) -> NDArray[np.uint8]:
    page = pymupdf.open("pdf", data)[0]
    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
    h, w = img.shape
    img = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
    noise = np.random.default_rng(3).normal(0, 6, img.shape)
    return np.clip(img.astype(np.float64) + noise, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def scan() -> NDArray[np.uint8]:
    return scanned(table_pdf())


def test_cells_are_cut_blank_stacked_or_into_lines(scan: NDArray[np.uint8]) -> None:
    up = deskew(scan, SETTINGS).image
    binary = binarize(up)
    maps = ink_maps(up, binary, DPI / 72)
    (grid,) = find_ruled_grids(binary, DPI / 72, SETTINGS, maps.masks)
    cuts = {(c.cell.row, c.cell.col): c for c in cut_grid(maps, grid)}
    assert {k for k, c in cuts.items() if not c.blank} == set(EXPECTED)  # blank cells never reach the recogniser
    assert not any(c.uncut for c in cuts.values())
    (stack,) = cuts[(0, 0)].lines  # four glyphs one under another become one line, laid side by side
    assert stack.image.shape[1] > 3 * stack.image.shape[0]
    assert len(cuts[(2, 1)].lines) == 2  # a wrapped label: one crop per line
    glyph_px = 9.0 * 0.8 * DPI / 72
    for cut in cuts.values():  # a dash's crop is a glyph tall, not a sliver
        assert all(line.image.shape[0] >= glyph_px for line in cut.lines)


def test_the_cell_path_reads_every_cell_and_keeps_provenance(scan: NDArray[np.uint8]) -> None:
    lines, tables = ocr_image(scan, 2, 72 / DPI, SETTINGS)
    (table,) = tables
    got = {(c.row, c.col): c.text for c in table.cells if c.text}
    assert got == EXPECTED
    xs = _xs()
    for cell in table.cells:
        x0, y0, x1, y1 = cell.bbox or (0, 0, 0, 0)
        # drawn at xs[col]..xs[col+span], TOP + row*ROW_H ...; the 0.8° skew moves corners by a few points
        assert abs(x0 - xs[cell.col]) < 8 and abs(x1 - xs[cell.col + cell.col_span]) < 8
        assert abs(y0 - (TOP + cell.row * ROW_H)) < 8 and abs(y1 - (TOP + (cell.row + cell.row_span) * ROW_H)) < 8
        assert cell.page == 2
        if cell.text:  # the recogniser's own confidence, not the source default
            assert 0.5 <= cell.confidence <= 1.0 and cell.confidence != SETTINGS.ocr_confidence
    prose = [ln.text for ln in lines if not ln.in_table]
    assert prose == ["四、政府信息公开行政复议情况", "本年度未发生因政府信息公开引起的行政复议案件。"]


def test_text_over_the_rules_sends_the_page_to_full_page_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    image = scanned(table_pdf(crossing=True))
    up = deskew(image, SETTINGS).image
    binary = binarize(up)
    maps = ink_maps(up, binary, DPI / 72)
    (grid,) = find_ruled_grids(binary, DPI / 72, SETTINGS, maps.masks)
    assert read_ruled_grid(maps, grid, detection_scale(up.shape), SETTINGS) is None  # not trusted
    calls = _Calls(monkeypatch)
    assert ocr_image(image, 1, 72 / DPI, SETTINGS) == ocr_image(image, 1, 72 / DPI, Settings(ocr_cell_path=False))
    assert len(calls.full_page) == 2 and calls.strips == [] and calls.cells == []  # once per setting


class _Calls:
    """Counts the OCR stages a page went through: full-page engine calls and detector calls by region."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full_page: list[tuple[int, ...]] = []
        self.strips: list[tuple[int, ...]] = []
        self.cells: list[tuple[int, ...]] = []
        for module, name, seen in ((page, "recognize", self.full_page), (strips, "detect_lines", self.strips),
                                   (cell_read, "detect_lines", self.cells)):
            monkeypatch.setattr(module, name, self._spy(getattr(module, name), seen))

    @staticmethod
    def _spy(real: Any, seen: list[tuple[int, ...]]) -> Any:
        def spy(image: NDArray[np.uint8], *args: Any) -> Any:
            seen.append(image.shape)
            return real(image, *args)

        return spy


def test_a_ruled_scan_takes_the_cell_path(scan: NDArray[np.uint8], monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    _, tables = ocr_image(scan, 1, 72 / DPI, SETTINGS)
    assert {(c.row, c.col): c.text for c in tables[0].cells if c.text} == EXPECTED
    assert calls.full_page == [] and calls.cells == []  # no whole-page engine call, no cell needed detection
    assert calls.strips == []  # the heading and the sentence are plain lines: cut by projection, not detected


def test_without_projected_lines_only_the_prose_strips_are_detected(scan: NDArray[np.uint8],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _Calls(monkeypatch)
    lines, _ = ocr_image(scan, 1, 72 / DPI, Settings(ocr_projected_lines=False))
    assert calls.full_page == [] and calls.cells == []
    # detection ran only on the two prose strips (the heading above the table, the sentence below)
    assert len(calls.strips) == 2
    assert sum(h * w for h, w in calls.strips) < 0.1 * scan.shape[0] * scan.shape[1]
    assert [ln.text for ln in lines if not ln.in_table] == ["四、政府信息公开行政复议情况", "本年度未发生因政府信息公开引起的行政复议案件。"]


def test_a_page_without_ruling_lines_is_detected_only_where_it_has_ink(monkeypatch: pytest.MonkeyPatch) -> None:
    image = scanned(table_pdf(rules=False))
    calls = _Calls(monkeypatch)
    lines, _ = ocr_image(image, 1, 72 / DPI, SETTINGS)
    assert calls.full_page == [] and calls.cells == [] and calls.strips
    assert sum(h * w for h, w in calls.strips) < 0.5 * image.shape[0] * image.shape[1]
    # the page's text is still read, every number of the borderless table included, as the full-page path reads it
    numbers = {text for text in EXPECTED.values() if text.isdigit()}
    words = {word for line in lines for word in line.text.split()}
    assert numbers <= words
    full_page, _ = ocr_image(image, 1, 72 / DPI, Settings(ocr_cell_path=False))
    assert numbers <= {word for line in full_page for word in line.text.split()}
    digits = sorted(ch for ln in lines for ch in ln.text if ch.isdigit())
    assert digits == sorted(ch for ln in full_page for ch in ln.text if ch.isdigit())  # no digit invented or lost


def test_a_narrow_box_is_turned_only_when_it_is_a_vertical_run_of_glyphs() -> None:
    paper = np.full((400, 400), 255, dtype=np.uint8)
    paper[300:304, 100:112] = 0  # a dash whose detected box came out 12 × 20
    quads = [np.array([[100, 292], [112, 292], [112, 312], [100, 312]], dtype=np.float32),  # the dash
             np.array([[200, 20], [230, 20], [230, 150], [200, 150]], dtype=np.float32),  # a four-glyph label
             np.array([[20, 20], [150, 20], [150, 50], [20, 50]], dtype=np.float32)]  # a line of text
    dash, label, line = _line_crops(paper, quads)
    assert dash.shape == (20, 12) and label.shape == (30, 130) and line.shape == (30, 130)


def test_the_same_scan_gives_the_same_output(scan: NDArray[np.uint8]) -> None:
    first = ocr_image(scan, 1, 72 / DPI, SETTINGS)
    again = ocr_image(scan.copy(), 1, 72 / DPI, SETTINGS)
    assert first == again
    assert [c.model_dump_json() for c in first[1][0].cells] == [c.model_dump_json() for c in again[1][0].cells]


def test_recogniser_batches_group_similar_widths() -> None:
    widths = [48, 900, 52, 50, 880, 300, 49]
    batches = _batches(widths, 16)
    assert sorted(i for b in batches for i in b) == list(range(len(widths)))
    assert [[widths[i] for i in b] for b in batches] == [[48, 49, 50, 52], [300], [880, 900]]
    assert all(len(b) <= 2 for b in _batches([50] * 5, 2))


def test_the_recogniser_alone_reads_a_line_crop() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=30)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((8, 20), "行政许可 96171.6", fontname="cjk", fontsize=12)
    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
    line = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width).copy()
    (reading,) = read_lines([line], SETTINGS)
    assert reading.text.replace(" ", "") == "行政许可96171.6" and reading.score > 0.9


def test_the_recogniser_keeps_its_buffers_and_reads_the_same() -> None:
    from extractor.ocr.recognizer import _stage

    crop = np.full((40, 120), 255, dtype=np.uint8)
    cv2.putText(crop, "305", (10, 30), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    before = read_lines([crop], SETTINGS)
    rec = _stage(SETTINGS, "rec")
    assert rec.session.session.get_session_options().enable_cpu_mem_arena
    assert _stage(SETTINGS, "rec") is rec and read_lines([crop], SETTINGS) == before
