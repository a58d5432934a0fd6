"""Whole reports through the same pipeline whatever the input: scan vs text layer, .doc vs .docx."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pymupdf
import pytest

from extractor.api import extract
from extractor.readers.doc import find_soffice
from extractor.settings import Settings
from extractor.synth import generate


def _rasterise(source: Path, target: Path, dpi: int = 200) -> None:
    """An image-only copy of a PDF: every page replaced by its picture."""
    with pymupdf.open(source) as doc, pymupdf.open() as out:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=pix.tobytes("png"))
        out.save(target)


@pytest.mark.ocr
def test_a_rasterised_real_report_gives_the_cells_of_its_text_version(corpus_dir: Path, tmp_path: Path) -> None:
    text_version = extract(corpus_dir / "hongze_2023.pdf")
    scan = tmp_path / "hongze_2023_scan.pdf"
    _rasterise(corpus_dir / "hongze_2023.pdf", scan)
    scanned = extract(scan)
    assert scanned.source.ocr_pages == [1, 2, 3, 4, 5]
    assert scanned.report.agency == text_version.report.agency and scanned.report.year == text_version.report.year
    differences = [
        f"{table}.{row}.{col}: text {value!r}, scan {scanned.tables[table][row][col]!r}"
        for table, rows in text_version.tables.items()
        for row, cols in rows.items()
        for col, value in cols.items()
        if scanned.tables[table][row][col] != value
    ]
    assert differences == []


def test_a_doc_made_by_libreoffice_extracts_like_its_docx(tmp_path: Path) -> None:
    soffice = find_soffice(Settings())
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    docx = generate(1, ["2019"], ["docx"], seed=21, out_dir=tmp_path)[0]
    profile = (tmp_path / "lo_profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=120,
    )
    doc = docx.with_suffix(".doc")
    from_docx, from_doc = extract(docx), extract(doc)
    assert from_doc.source.media_type == "application/msword"
    assert from_doc.tables == from_docx.tables
    assert from_doc.report == from_docx.report
    assert [c.status for c in from_doc.checks] == [c.status for c in from_docx.checks]
