"""Tables pasted into a text PDF as pictures (report-format variant 8) are read by OCR, region by region.

The generator's table_image variant replaces each table by a picture of itself; the prose keeps its
text layer. The reader OCRs only the pictures, so every gold cell must come back, the pages with
pictures are listed in ocr_pages, and a PDF without pictures is never OCR'd.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf
import pytest

from extractor import pipeline
from extractor.api import extract
from extractor.evaluate import score_cells
from extractor.layout.pdf_cells import Char
from extractor.model import Document, Report, TextSource
from extractor.readers import pdf as pdf_reader
from extractor.readers import read_document
from extractor.settings import Settings
from extractor.synth import generate

pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in extractor/readers/pdf.py

pytestmark = pytest.mark.ocr

SEED = 3


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
    return data


def _pictures(path: Path) -> dict[int, list[Any]]:
    """Page number (1-based) → rectangles of the pictures on it."""
    out: dict[int, list[Any]] = {}
    with pymupdf.open(path) as doc:
        for page in doc:
            for info in page.get_image_info():
                out.setdefault(page.number + 1, []).append(pymupdf.Rect(info["bbox"]))
    return out


@pytest.fixture(scope="module")
def read_and_extracted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Document, Report]]:
    """Both templates, each read once: the reader's Document is kept from the extraction's own run."""
    folder = tmp_path_factory.mktemp("table_image")
    paths = generate(2, ["2019", "2021"], ["pdf"], seed=SEED, out_dir=folder, variants=["table_image"])
    documents: list[Document] = []

    def keep(path: Path, settings: Settings) -> Document:
        documents.append(read_document(path, settings))
        return documents[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "read_document", keep)
        reports = [extract(path) for path in paths]
    return list(zip(paths, documents, reports, strict=True))


@pytest.fixture(scope="module")
def extracted(read_and_extracted: list[tuple[Path, Document, Report]]) -> list[tuple[Path, Report]]:
    return [(path, report) for path, _, report in read_and_extracted]


def test_the_tables_are_pictures_without_a_text_layer(extracted: list[tuple[Path, Report]]) -> None:
    for path, _ in extracted:
        pictures = _pictures(path)
        assert sum(len(rects) for rects in pictures.values()) >= 3
        with pymupdf.open(path) as doc:
            for number, rects in pictures.items():
                assert all(doc[number - 1].get_text("words", clip=rect) == [] for rect in rects)
                assert doc[number - 1].find_tables(strategy="lines_strict").tables == []


def test_every_gold_cell_is_read_from_the_pictures(extracted: list[tuple[Path, Report]]) -> None:
    for path, report in extracted:
        right, total, wrong, _ = score_cells(report, _gold(path))
        assert right == total, (path.name, wrong[:10])
        assert report.report.template == _gold(path)["report"]["template"]


def test_pages_with_pictures_are_listed_and_cells_point_into_the_pictures(
    extracted: list[tuple[Path, Report]],
) -> None:
    for path, report in extracted:
        pictures = _pictures(path)
        assert report.source.ocr_pages == sorted(pictures)
        located = [p for key, p in report.provenance.items() if key.startswith("tables.") and p.bbox is not None]
        assert located
        for prov in located:
            assert prov.page in pictures
            x = (prov.bbox[0] + prov.bbox[2]) / 2  # type: ignore[index]
            y = (prov.bbox[1] + prov.bbox[3]) / 2  # type: ignore[index]
            assert any(rect.contains(pymupdf.Point(x, y)) for rect in pictures[prov.page]), (prov, pictures)


def test_a_text_pdf_is_not_ocrd(tmp_path: Path) -> None:
    (path,) = generate(1, ["2021"], ["pdf"], seed=SEED, out_dir=tmp_path, variants=[])
    report = extract(path)
    assert report.source.ocr_pages == []
    right, total, _, _ = score_cells(report, _gold(path))
    assert right == total


def test_ocr_disabled_lists_the_pages_and_reads_no_pictures(tmp_path: Path) -> None:
    (path,) = generate(1, ["2021"], ["pdf"], seed=SEED, out_dir=tmp_path, variants=["table_image"])
    doc = pdf_reader.read(path, path.read_bytes(), Settings(ocr_enabled=False))
    assert doc.ocr_pages == sorted(_pictures(path))
    assert doc.tables == []
    assert any("主动公开政府信息情况" in line.text for line in doc.lines)  # the prose is still read


def _page_with(image_rect: Any, text_in_image: str | None = None) -> Any:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((72, 80), "一、总体情况" * 4, fontname="cjk", fontsize=11)
    pixmap = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.clear_with(200)
    page.insert_image(image_rect, pixmap=pixmap, keep_proportion=False)
    if text_in_image:
        page.insert_text((image_rect.x0 + 10, image_rect.y0 + 20), text_in_image, fontname="cjk", fontsize=11)
    return doc, page


@pytest.mark.parametrize(("rect", "text", "chosen"), [
    (pymupdf.Rect(56, 300, 539, 420), None, True),  # a table-sized picture with nothing over it
    (pymupdf.Rect(400, 700, 500, 800), None, False),  # a seal: under ocr_region_min_cover
    (pymupdf.Rect(56, 300, 539, 420), "图上有文字层的说明文字", False),  # a picture under real text
])
def test_picture_regions_triage(rect: Any, text: str | None, chosen: bool) -> None:
    doc, page = _page_with(rect, text)
    chars = [Char(c["c"], tuple(c["bbox"]), 0.0, 11.0)
             for block in page.get_text("rawdict")["blocks"] for line in block.get("lines", [])
             for span in line["spans"] for c in span["chars"]]
    found = pdf_reader.picture_regions(page, chars, Settings())
    assert found == ([(rect.x0, rect.y0, rect.x1, rect.y1)] if chosen else [])
    doc.close()


def test_ocr_tables_sit_under_their_headings(read_and_extracted: list[tuple[Path, Document, Report]]) -> None:
    for _, doc, _ in read_and_extracted:
        assert len(doc.tables) == 3  # table 3 cut by the page break is stitched back into one
        assert all(table.source is TextSource.OCR for table in doc.tables)
        headings = [i for i, line in enumerate(doc.lines)
                    if not line.in_table and line.text.startswith(("二、", "三、", "四、"))]
        starts = [t.line_index for t in doc.tables]
        assert len(headings) == 3 and None not in starts
        # reading order: heading, its table, the next heading, ...
        assert headings[0] < starts[0] < headings[1] < starts[1] < headings[2] < starts[2]  # type: ignore[operator]
