"""A web page whose table was pasted as a picture saved beside it reads like the table itself."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pymupdf
import pytest

from extractor.api import extract
from extractor.evaluate import score_cells
from extractor.model import Table
from extractor.readers.html_images import local_image
from extractor.synth import generate

FONT = pymupdf.Font("cjk")


def _draw(table: Table, path: Path) -> None:
    """A ruled picture of a grid at 200 dpi: each cell a box with its text."""
    col_w, row_h = 46.0, 22.0
    width, height = 20 + col_w * table.n_cols, 20 + row_h * table.n_rows
    with pymupdf.open() as doc:
        page = doc.new_page(width=width, height=height)
        page.insert_font(fontname="F0", fontbuffer=FONT.buffer)
        for cell in table.cells:
            rect = pymupdf.Rect(10 + cell.col * col_w, 10 + cell.row * row_h,
                                10 + (cell.col + cell.col_span) * col_w, 10 + (cell.row + cell.row_span) * row_h)
            page.draw_rect(rect, color=(0, 0, 0), width=0.8)
            if cell.text:
                page.insert_textbox(rect, cell.text, fontname="F0", fontsize=7, align=1)
        path.write_bytes(page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).tobytes("png"))


@pytest.mark.ocr
def test_table_4_as_an_image_beside_the_page(tmp_path: Path) -> None:
    page = next(p for p in generate(1, ["2021"], ["html"], seed=8, out_dir=tmp_path) if p.suffix == ".html")
    html = page.read_text(encoding="utf-8")
    from extractor.readers import html as html_reader
    from extractor.settings import Settings

    tables = html_reader.read(page, page.read_bytes(), Settings()).tables
    review = next(t for t in tables if any("复议后起诉" in c.text for c in t.cells))
    _draw(review, tmp_path / "table4.png")
    blocks = re.findall(r"<table.*?</table>", html, flags=re.DOTALL)
    target = next(b for b in blocks if "复议后起诉" in b)
    page.write_text(html.replace(target, '<p><img src="table4.png" alt=""></p>'), encoding="utf-8")

    with contextlib.redirect_stdout(io.StringIO()):
        report = extract(page)
    gold = json.loads(page.with_name(page.stem + ".gold.json").read_text(encoding="utf-8"))
    assert report.tables["review_litigation"] == gold["tables"]["review_litigation"]
    right, total, wrong, _ = score_cells(report, gold)
    assert wrong == [] and right == total
    prov = report.provenance["tables.review_litigation.review.total"]
    assert prov.page is None and prov.bbox is None and prov.raw is not None


def test_only_local_files_inside_the_page_folder_are_opened(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "report.html"
    (tmp_path / "pages" / "t.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"png")
    assert local_image(page, "t.png") == (tmp_path / "pages" / "t.png").resolve()
    assert local_image(page, "../secret.png") is None
    assert local_image(page, "https://example.invalid/t.png") is None
    assert local_image(page, "//cdn.example.invalid/t.png") is None
    assert local_image(page, "missing.png") is None
