"""The OCR stages without the OCR engine: deskew, ruled and aligned grids, cell filling, numeric repair."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from extractor.ocr.cells import Piece, fill_cells, join_pieces, numeric_reading
from extractor.ocr.engine import OcrBox, drop_overlap_duplicates, tidy_text
from extractor.ocr.grid import find_aligned_grids, find_ruled_grids
from extractor.ocr.raster import binarize, deskew, estimate_skew
from extractor.settings import Settings

SETTINGS = Settings()
PX_PER_PT = 200 / 72  # the test images are drawn as 200-dpi pages


def _ruled_page() -> NDArray[np.uint8]:
    """A 4×4 grid at 200 dpi: row 0 merged across all columns, column 0 merged over rows 1-2."""
    img = np.full((1200, 1000), 255, np.uint8)
    xs, ys = [100, 400, 600, 800, 900], [100, 170, 240, 310, 380]
    for y in (ys[0], ys[1], ys[4]):
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 3)
    for y in (ys[2], ys[3]):  # no rule under column 0 between rows 1 and 2
        cv2.line(img, (xs[1] if y == ys[2] else xs[0], y), (xs[-1], y), 0, 3)
    for x in (xs[0], xs[-1]):
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 3)
    for x in xs[1:-1]:  # no rules inside row 0
        cv2.line(img, (x, ys[1]), (x, ys[-1]), 0, 3)
    cv2.putText(img, "1234", (450, 220), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)  # text is not a rule
    return img


def _box(text: str, x0: float, y0: float, x1: float, y1: float, score: float = 0.99) -> OcrBox:
    return OcrBox(quad=((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text=text, score=score)


def _rotate(img: NDArray[np.uint8], angle: float) -> NDArray[np.uint8]:
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), borderValue=255)  # type: ignore[no-any-return]


def test_ruled_grid_with_row_and_column_spans() -> None:
    grids = find_ruled_grids(binarize(_ruled_page()), PX_PER_PT, SETTINGS)
    assert len(grids) == 1
    grid = grids[0]
    assert (grid.n_rows, grid.n_cols) == (4, 4)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(0, 0)] == (1, 4) and spans[(1, 0)] == (2, 1)
    assert (2, 0) not in spans and (0, 1) not in spans
    assert len(grid.cells) == 1 + 1 + 3 + 3 + 4


@pytest.mark.parametrize("angle", [-2.5, -1.0, 0.7, 1.0])
def test_skew_from_rulings_and_from_text(angle: float) -> None:
    ruled = _rotate(_ruled_page(), -angle)  # cv2 turns counter-clockwise: -angle runs downhill for angle > 0
    assert estimate_skew(ruled, SETTINGS) == pytest.approx(angle, abs=0.1)
    text = np.full((1200, 1000), 255, np.uint8)
    for i in range(18):
        cv2.putText(text, f"xxgk report line {i:02d} ABCDEFGHIJ", (80, 120 + 55 * i), cv2.FONT_HERSHEY_SIMPLEX,
                    1.0, 0, 2)
    assert estimate_skew(_rotate(text, -angle), SETTINGS) == pytest.approx(angle, abs=0.15)
    upright = deskew(ruled, SETTINGS)
    assert abs(estimate_skew(upright.image, SETTINGS)) < 0.1
    # the grid found upright, mapped back, covers the skewed rules as they lie on the page
    grid = find_ruled_grids(binarize(upright.image), PX_PER_PT, SETTINGS)[0]
    ys, xs = np.nonzero(binarize(ruled))
    mapped = upright.to_original(grid.box)
    assert mapped == pytest.approx((xs.min(), ys.min(), xs.max(), ys.max()), abs=6)


def test_fill_cells_splits_a_box_across_columns_and_repairs_numbers() -> None:
    grid = find_ruled_grids(binarize(_ruled_page()), PX_PER_PT, SETTINGS)[0]
    boxes = [
        _box("第二十条", 300, 120, 500, 150),
        _box("规章", 200, 180, 300, 210, 0.8),
        _box("行政许可", 200, 330, 320, 360),
        _box("4O7", 450, 180, 540, 210),  # an O for a 0 in a numeric column
        _box("12", 450, 250, 520, 280),
        _box("l3", 450, 330, 520, 360),
        _box("96171，6", 620, 180, 780, 210),
        _box("0", 620, 250, 660, 280),
        _box("5 6", 650, 330, 870, 360),  # one box over two cells: split at the space
        _box("0", 820, 180, 860, 210),
        _box("1", 820, 250, 860, 280),
    ]
    filled = {(f.cell.row, f.cell.col): f for f in fill_cells(grid, boxes, SETTINGS)}
    assert filled[(0, 0)].text == "第二十条"
    assert filled[(1, 0)].text == "规章" and filled[(1, 0)].score == 0.8
    assert filled[(1, 1)].text == "407" and filled[(3, 1)].text == "13"
    assert filled[(1, 2)].text == "96171.6"
    assert filled[(3, 2)].text == "5" and filled[(3, 3)].text == "6"
    assert filled[(3, 0)].text == "行政许可"
    assert filled[(2, 1)].score == 0.99 and filled[(2, 2)].text == "0"


def test_numeric_reading_is_narrow() -> None:
    assert numeric_reading("4O7") == "407"
    assert numeric_reading("96171，6") == "96171.6"
    assert numeric_reading("96 171.6") == "96171.6"
    assert numeric_reading("１２") == "12"
    assert numeric_reading("I|") == "11"
    assert numeric_reading("规章") is None
    assert numeric_reading("Oil") is None
    assert numeric_reading("") is None


def test_labels_are_never_repaired() -> None:
    """A column of labels stays text even when one label happens to look like 'lO'."""
    grid = find_ruled_grids(binarize(_ruled_page()), PX_PER_PT, SETTINGS)[0]
    boxes = [_box("lO", 820, 180, 860, 210), _box("规章", 820, 250, 880, 280), _box("其他", 820, 330, 880, 360)]
    filled = {(f.cell.row, f.cell.col): f for f in fill_cells(grid, boxes, SETTINGS)}
    assert filled[(1, 3)].text == "lO"


def test_cjk_joins_without_separators() -> None:
    pieces = [Piece("5.要求行政机关确认或重新出", (0, 0, 300, 20), 0.9), Piece("具已获取信息", (0, 25, 120, 45), 0.9)]
    assert join_pieces(pieces) == "5.要求行政机关确认或重新出具已获取信息"
    assert join_pieces([Piece("Total", (0, 0, 50, 20), 1), Piece("2024", (60, 0, 100, 20), 1)]) == "Total 2024"
    assert tidy_text(" 2. 没有现成信息 ") == "2.没有现成信息"
    assert tidy_text("(七) 总计") == "(七)总计"
    assert tidy_text("- 5 -") == "- 5 -"


def test_borderless_table_from_alignment() -> None:
    boxes = [_box("二、主动公开政府信息情况", 100, 50, 500, 80)]
    for r, (label, a, b) in enumerate([("信息内容", "本年制发件数", "现行有效件数"), ("规章", "5", "37"),
                                       ("行政规范性文件", "12", "160"), ("行政许可", "447", "")]):
        y = 120 + 45 * r
        boxes.append(_box(label, 100, y, 100 + 28 * len(label), y + 28))
        boxes.append(_box(a, 400, y, 400 + 18 * len(a), y + 28))
        if b:
            boxes.append(_box(b, 650, y, 650 + 18 * len(b), y + 28))
    boxes.append(_box("三、收到和处理政府信息公开申请情况", 100, 500, 600, 530))
    grids = find_aligned_grids(boxes, SETTINGS)
    assert len(grids) == 1 and (grids[0].n_rows, grids[0].n_cols) == (4, 3) and not grids[0].ruled
    inside = [b for b in boxes if grids[0].box[1] <= b.center[1] <= grids[0].box[3]]
    filled = {(f.cell.row, f.cell.col): f.text for f in fill_cells(grids[0], inside, SETTINGS)}
    assert filled[(2, 0)] == "行政规范性文件" and filled[(3, 1)] == "447" and filled[(3, 2)] == ""


def test_overlapping_boxes_do_not_read_a_glyph_twice() -> None:
    left, right = _box("行政许可4", 42, 51, 240, 122), _box("447", 209, 62, 290, 111)
    assert [b.text for b in drop_overlap_duplicates([left, right])] == ["行政许可", "447"]
    # a sliver of overlap between two real numbers removes nothing
    assert [b.text for b in drop_overlap_duplicates([_box("11", 0, 0, 40, 30), _box("1", 35, 0, 50, 30)])] == ["11", "1"]
