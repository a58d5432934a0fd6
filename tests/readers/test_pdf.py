"""PDF reader: cell text from characters, merged cells, stitching, errors, OCR hook.

Synthetic PDFs are drawn here with PyMuPDF (an embedded CJK font, ruled cells); the real reports
of ../shared/corpus are checked against their hand-made gold files.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf
import pytest

from extractor.errors import CorruptFile, EmptyFile, EncryptedFile, LimitExceeded
from extractor.layout.pdf_cells import Char, normalize_cell_text, text_of_chars
from extractor.model import Document, Line, Table, TextSource
from extractor.readers import PDF, sha256_of
from extractor.readers import pdf as pdf_reader
from extractor.settings import Settings

pymupdf: Any = _pymupdf  # PyMuPDF ships no annotations
CJK = pymupdf.Font("cjk")
SETTINGS = Settings()
FAKE_PATH = Path("synthetic.pdf")

# A cell to draw: (x0, y0, x1, y1) and its printed lines, top to bottom.
Drawn = tuple[tuple[float, float, float, float], Sequence[str]]


# ---------------------------------------------------------------- building synthetic PDFs


def _page(doc: Any) -> Any:
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="cjk", fontbuffer=CJK.buffer)
    return page


def _text(page: Any, x: float, y: float, text: str, size: float = 9) -> None:
    page.insert_text((x, y), text, fontname="cjk", fontsize=size)


def _cells(page: Any, cells: Sequence[Drawn], size: float = 9) -> None:
    """Ruled cells (a merged cell is one bigger box), each line of text set inside its box."""
    for (x0, y0, x1, y1), lines in cells:
        page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=(0, 0, 0), width=0.8)
        for index, line in enumerate(lines):
            _text(page, x0 + 3, y0 + 4 + size * (index + 1) * 1.25, line, size)


def _row(y0: float, y1: float, texts: Sequence[Sequence[str]], xs: Sequence[float]) -> list[Drawn]:
    return [((xs[i], y0, xs[i + 1], y1), texts[i]) for i in range(len(texts))]


def _bytes(doc: Any) -> bytes:
    doc.subset_fonts()
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def _read(data: bytes, settings: Settings = SETTINGS) -> Document:
    return pdf_reader.read(FAKE_PATH, data, settings)


XS = (72.0, 200.0, 300.0, 400.0)


def _split_table_pdf(*, between: str | None = None, orphan: bool = False) -> bytes:
    """A 3-column table: three rows at the bottom of page 1, the rest at the top of page 2."""
    doc = pymupdf.open()
    one = _page(doc)
    _text(one, 72, 100, "一、总体情况")
    cells = _row(690, 715, [["项目"], ["数量"], ["金额"]], XS)
    cells += _row(715, 740, [["甲类"], ["1"], ["2.5"]], XS)
    cells += _row(740, 765, [["乙类"], ["3"], ["4"]], XS)
    _cells(one, cells)
    _text(one, 280, 810, "- 1 -")
    if between:
        _text(one, 72, 785, between)
    two = _page(doc)
    rows = [["丙类"], ["5"], ["6"]], [["丁类"], ["7"], ["-3"]]
    cells = _row(72, 97, rows[0], XS) + ([] if orphan else _row(97, 122, rows[1], XS))
    _cells(two, cells)
    _text(two, 72, 180, "二、后续正文")
    _text(two, 280, 810, "- 2 -")
    return _bytes(doc)


# ---------------------------------------------------------------- cell text


def test_decimal_sign_and_wrapped_header_cells_read_verbatim() -> None:
    doc = pymupdf.open()
    page = _page(doc)
    xs = (72.0, 160.0, 220.0, 280.0)
    cells = _row(100, 130, [["信息内容"], ["商业企", "业"], ["科研机", "构"]], xs)
    cells += _row(130, 150, [["行政事业性收费"], ["96171.6"], ["-3"]], xs)
    cells += _row(150, 170, [["第二十条 第（一）项"], ["1. 其他"], ["12"]], xs)
    _cells(page, cells)
    document = _read(_bytes(doc))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 3)
    texts = [[cell.text if cell else None for cell in row] for row in table.grid()]
    assert texts[0] == ["信息内容", "商业企业", "科研机构"]
    assert texts[1] == ["行政事业性收费", "96171.6", "-3"]
    # spaces between CJK characters are layout; a space after a Latin "." is kept
    assert texts[2] == ["第二十条第（一）项", "1. 其他", "12"]


def test_vertical_label_and_merged_cells_get_spans() -> None:
    doc = pymupdf.open()
    page = _page(doc)
    label = list("三、本年度")
    cells: list[Drawn] = [((72, 100, 110, 220), label)]  # one box over four rows: a vertical label
    cells += [((110, 100 + 30 * i, 220, 130 + 30 * i), [f"（{n}）项"]) for i, n in enumerate("一二三四")]
    cells += [((220, 100 + 30 * i, 280, 130 + 30 * i), [str(i)]) for i in range(4)]
    cells += [((72, 220, 220, 250), ["四、合计"]), ((220, 220, 280, 250), ["6"])]
    _cells(page, cells)
    table = _read(_bytes(doc)).tables[0]
    grid = table.grid()
    assert (table.n_rows, table.n_cols) == (5, 3)
    label_cell = grid[0][0]
    assert label_cell is not None
    assert (label_cell.text, label_cell.row_span, label_cell.col_span) == ("三、本年度", 4, 1)
    total = grid[4][0]
    assert total is not None and (total.text, total.col_span) == ("四、合计", 2)
    assert grid[1][0] is None and grid[4][1] is None  # covered slots


def test_lines_in_reading_order_with_table_flags_and_line_index() -> None:
    document = _read(_split_table_pdf())
    texts = [line.text for line in document.lines]
    assert texts[0] == "一、总体情况"
    assert texts.index("- 1 -") < texts.index("丙类")  # page 1's footer before page 2's rows
    table = document.tables[0]
    assert table.line_index is not None
    assert document.lines[table.line_index].text == "项目"
    assert all(line.in_table for line in document.lines if line.text in {"甲类", "2.5", "丁类"})
    assert not any(line.in_table for line in document.lines if line.text in {"一、总体情况", "- 2 -"})
    assert [(p.number, p.width, p.height) for p in document.pages] == [(1, 595, 842), (2, 595, 842)]


def _char(text: str, x: float, baseline: float, size: float = 10) -> Char:
    low = text in "、.，"  # punctuation glyphs sit low in the em box
    top = baseline - (2 if low else size * 0.8)
    return Char(text, (x, top, x + size, baseline + 1), baseline, size)


def test_chars_to_text_keeps_low_punctuation_on_its_line() -> None:
    digits = [_char(c, 6 * i, 100, 6) for i, c in enumerate("96171")]
    decimal = [_char(".", 30, 100.4, 6), _char("6", 33, 100, 6)]
    assert text_of_chars(list(reversed(digits + decimal)), 0.5) == "96171.6"
    label = [_char(c, 10, 100 + 15 * i) for i, c in enumerate("三、本年")]
    assert text_of_chars(label, 0.5) == "三、本年"
    line = [_char(c, 10 * i, 100) for i, c in enumerate("二、上年")]
    assert text_of_chars(list(reversed(line)), 0.5) == "二、上年"


def test_normalize_cell_text() -> None:
    assert normalize_cell_text(" 结 果\n维持 ") == "结果维持"
    assert normalize_cell_text("3.  其他") == "3. 其他"
    assert normalize_cell_text("251000 元") == "251000 元"


def test_rotated_page_is_read() -> None:
    doc = pymupdf.open()
    page = _page(doc)
    _cells(
        page,
        _row(100, 125, [["项目"], ["数量"], ["金额"]], XS) + _row(125, 150, [["甲类"], ["1"], ["2"]], XS),
    )
    page.set_rotation(90)
    document = _read(_bytes(doc))
    assert (document.pages[0].width, document.pages[0].height) == (842, 595)
    assert {"项目", "甲类", "2"} <= {line.text for line in document.lines}


# ---------------------------------------------------------------- stitching through the reader


def test_table_split_by_page_footer_is_stitched() -> None:
    document = _read(_split_table_pdf())
    assert len(document.tables) == 1
    table = document.tables[0]
    assert (table.n_rows, table.n_cols) == (5, 3)
    rows = [[cell.text if cell else None for cell in row] for row in table.grid()]
    assert [row[0] for row in rows] == ["项目", "甲类", "乙类", "丙类", "丁类"]
    assert rows[4] == ["丁类", "7", "-3"]
    assert {cell.page for cell in table.cells} == {1, 2}
    assert table.page == 1


def test_text_between_the_parts_keeps_two_tables() -> None:
    document = _read(_split_table_pdf(between="注：以上为上半部分"))
    assert [t.n_rows for t in document.tables] == [3, 2]


def test_orphan_last_row_joins_the_table_above() -> None:
    document = _read(_split_table_pdf(orphan=True))
    assert len(document.tables) == 1
    last = document.tables[0].grid()[-1]
    assert [cell.text if cell else None for cell in last] == ["丙类", "5", "6"]
    assert all(cell is not None and cell.page == 2 for cell in last)


def test_label_cut_by_page_break_is_joined() -> None:
    doc = pymupdf.open()
    one = _page(doc)
    cells = _row(700, 725, [["（三）其他"], ["1.甲"], ["1"]], XS)
    cells += _row(725, 750, [["（四）无"], ["1.乙"], ["2"]], XS)
    _cells(one, cells)
    _text(one, 280, 810, "- 1 -")
    two = _page(doc)
    cells = [((XS[0], 72, XS[1], 122), ["法提供"])]
    cells += _row(72, 97, [["2.丙"], ["3"]], XS[1:]) + _row(97, 122, [["3.丁"], ["4"]], XS[1:])
    _cells(two, cells)
    table = _read(_bytes(doc)).tables[0]
    grid = table.grid()
    assert table.n_rows == 4
    cut = grid[1][0]
    assert cut is not None
    assert (cut.text, cut.row_span, cut.page) == ("（四）无法提供", 3, 1)
    assert [cell.text if cell else None for cell in grid[3]] == [None, "3.丁", "4"]


# ---------------------------------------------------------------- errors


def test_encrypted_pdf_is_reported() -> None:
    doc = pymupdf.open()
    _text(_page(doc), 72, 100, "机密")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    with pytest.raises(EncryptedFile, match="encrypted"):
        _read(data)


def test_owner_password_only_opens() -> None:
    doc = pymupdf.open()
    _text(_page(doc), 72, 100, "公开")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="y")
    assert [line.text for line in _read(data).lines] == ["公开"]


def test_truncated_pdf_is_corrupt() -> None:
    data = _split_table_pdf()
    with pytest.raises(CorruptFile, match="truncated|not a readable PDF"):
        _read(data[: len(data) // 2])


def test_garbage_after_header_is_corrupt() -> None:
    with pytest.raises(CorruptFile, match="not a readable PDF"):
        _read(b"%PDF-1.7\n" + b"\x00garbage" * 10)


def test_zero_byte_body_is_empty() -> None:
    with pytest.raises(EmptyFile, match="empty"):
        _read(b"")


def test_zero_pages_is_corrupt() -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    with pytest.raises(CorruptFile, match="no pages"):
        _read(out)


def test_page_limit() -> None:
    with pytest.raises(LimitExceeded, match="2 pages, over the limit of 1"):
        _read(_split_table_pdf(), Settings(max_pages=1))


# ---------------------------------------------------------------- metadata and OCR


def test_document_fields_and_title() -> None:
    doc = pymupdf.open()
    _text(_page(doc), 72, 100, "正文")
    doc.set_metadata({"title": "某区2024年政府信息公开工作年度报告"})
    data = _bytes(doc)
    document = _read(data)
    assert document.media_type == PDF
    assert document.sha256 == sha256_of(data)
    assert document.source is TextSource.TEXT_LAYER
    assert document.title == "某区2024年政府信息公开工作年度报告"
    assert document.ocr_pages == []


@pytest.mark.parametrize("title", ["", "Microsoft Word - 报告.docx", "报告.pdf", "untitled", "Annual report"])
def test_meaningless_titles_are_dropped(title: str) -> None:
    assert pdf_reader.meaningful_title({"title": title}) is None


def _scanned_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pixmap.clear_with(230)
    page.insert_image(page.rect, pixmap=pixmap)
    return _bytes(doc)


def test_page_needs_ocr() -> None:
    scanned = pymupdf.open(stream=_scanned_pdf(), filetype="pdf")
    assert pdf_reader.page_needs_ocr(scanned[0])
    text_doc = pymupdf.open(stream=_split_table_pdf(), filetype="pdf")
    assert not pdf_reader.page_needs_ocr(text_doc[0])
    assert pdf_reader.page_needs_ocr(text_doc[0], SETTINGS, text="\ufffd" * 40)  # unmapped CID glyphs
    blank = pymupdf.open()
    blank.new_page()
    assert not pdf_reader.page_needs_ocr(blank[0])


def test_ocr_pages_use_the_ocr_module(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def ocr_pdf_page(page: Any, page_number: int, settings: Settings) -> tuple[list[Line], list[Table]]:
        calls.append(page_number)
        return [Line(text="识别文字", page=page_number, bbox=(72, 72, 200, 90))], []

    fake = types.ModuleType("extractor.ocr")
    fake.ocr_pdf_page = ocr_pdf_page  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.ocr", fake)
    document = _read(_scanned_pdf())
    assert calls == [1]
    assert document.ocr_pages == [1]
    assert [line.text for line in document.lines] == ["识别文字"]


def test_ocr_pages_recorded_without_the_ocr_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "extractor.ocr", None)  # import raises ImportError
    document = _read(_scanned_pdf())
    assert document.ocr_pages == [1]
    assert document.lines == []


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def huaian(corpus_dir: Path) -> Document:
    path = corpus_dir / "huaian_szfgs_2024.pdf"
    return pdf_reader.read(path, path.read_bytes(), SETTINGS)


@pytest.fixture(scope="module")
def hongze(corpus_dir: Path) -> Document:
    path = corpus_dir / "hongze_2023.pdf"
    return pdf_reader.read(path, path.read_bytes(), SETTINGS)


def load_gold(corpus: Path, name: str) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads((corpus / f"{name}.gold.json").read_text(encoding="utf-8"))
    return gold


def _texts(table: Table) -> list[str]:
    return [cell.text for cell in sorted(table.cells, key=lambda c: (c.row, c.col))]


def _table_with(document: Document, label: str) -> Table:
    return next(t for t in document.tables if label in _texts(t))


def test_huaian_tables_recovered_and_stitched(huaian: Document) -> None:
    assert len(huaian.pages) == 6 and huaian.ocr_pages == []
    assert len(huaian.tables) == 3  # tables 2 (p3→4), 3 (p4→5) and 4
    requests = _table_with(huaian, "（一）予以公开")
    texts = _texts(requests)
    assert "四、结转下年度继续办理" in texts
    assert {cell.page for cell in requests.cells} == {4, 5}
    assert requests.n_cols == 10
    for label in ("商业企业", "科研机构", "三、本年度办理结果", "（四）无法提供", "（七）总计"):
        assert label in texts
    assert "法提供" not in texts and "（四）无" not in texts


def test_huaian_values_match_gold(huaian: Document, corpus_dir: Path) -> None:
    gold = load_gold(corpus_dir, "huaian_szfgs_2024")
    fee = str(gold["tables"]["proactive"]["admin_fees"]["amount_wan_yuan"])
    proactive = _table_with(huaian, "行政事业性收费")
    fee_cell = next(c for c in proactive.cells if c.row == _row_of(proactive, "行政事业性收费") and c.col > 0)
    assert fee_cell.text == fee
    review = gold["tables"]["review_litigation"]
    expected = [
        str(review[group][col])
        for group in ("review", "litigation_direct", "litigation_after_review")
        for col in ("upheld", "corrected", "other", "pending", "total")
    ]
    table4 = next(t for t in huaian.tables if t.n_cols == 15)
    assert [cell.text if cell else None for cell in table4.grid()[-1]] == expected


def _row_of(table: Table, label: str) -> int:
    return next(cell.row for cell in table.cells if cell.text == label)


def test_huaian_requests_rows_align_with_gold(huaian: Document, corpus_dir: Path) -> None:
    gold = load_gold(corpus_dir, "huaian_szfgs_2024")["tables"]["requests"]
    table = _table_with(huaian, "（一）予以公开")
    grid = table.grid()
    columns = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    )
    for key, label in (("result_open", "（一）予以公开"), ("carried_forward", "四、结转下年度继续办理")):
        values = [cell.text if cell else None for cell in grid[_row_of(table, label)][3:]]
        assert values == [str(gold[key][col]) for col in columns]


def test_hongze_requests_table_stitched(hongze: Document, corpus_dir: Path) -> None:
    gold = load_gold(corpus_dir, "hongze_2023")["tables"]
    requests = _table_with(hongze, "（一）予以公开")
    assert {cell.page for cell in requests.cells} == {3, 4}
    texts = _texts(requests)
    assert "四、结转下年度继续办理" in texts and "（四）无法提供" in texts
    fee = str(gold["proactive"]["admin_fees"]["amount_wan_yuan"])
    proactive = _table_with(hongze, "行政事业性收费")
    assert {cell.page for cell in proactive.cells} == {2, 3}
    assert fee in _texts(proactive)


def test_corpus_reading_is_fast(corpus_dir: Path) -> None:
    import time

    path = corpus_dir / "huaian_szfgs_2024.pdf"
    data = path.read_bytes()
    start = time.perf_counter()
    document = pdf_reader.read(path, data, SETTINGS)
    per_page = (time.perf_counter() - start) / len(document.pages)
    assert per_page < 0.25  # target 0.1 s/page; slack for a loaded CI machine
