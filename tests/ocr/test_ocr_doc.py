"""Legacy .doc through LibreOffice: a round trip DOCX → .doc → reader, and a hung converter killed."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as WordDocument

from extractor.errors import LimitExceeded, UnsupportedFormat
from extractor.model import Cell, Document
from extractor.readers import DOC, detect_media_type, read_document
from extractor.readers import docx as docx_reader
from extractor.readers.doc import convert_to_docx, find_soffice
from extractor.settings import Settings

SETTINGS = Settings()
needs_soffice = pytest.mark.skipif(find_soffice(SETTINGS) is None,
                                   reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")

ROWS = [
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "5", "0", "37"],
    ["行政规范性文件", "12", "3", "160"],
    ["行政事业性收费", "96171.6", "", ""],
]


def _docx_bytes() -> bytes:
    word = WordDocument()
    word.add_paragraph("二、主动公开政府信息情况")
    table = word.add_table(rows=len(ROWS) + 1, cols=4)
    table.style = "Table Grid"
    caption = table.cell(0, 0).merge(table.cell(0, 3))  # a real gridSpan, like "第二十条第（一）项"
    caption.text = "第二十条第（一）项"
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.add_paragraph("三、收到和处理政府信息公开申请情况")
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _cells(doc: Document) -> list[list[tuple[int, int, int, int, str]]]:
    def key(c: Cell) -> tuple[int, int, int, int, str]:
        return (c.row, c.col, c.row_span, c.col_span, c.text)

    return [sorted(key(c) for c in t.cells) for t in doc.tables]


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A real .doc written by LibreOffice from our DOCX (not from our reader's converter)."""
    soffice = find_soffice(SETTINGS)
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    work = tmp_path_factory.mktemp("doc")
    source = work / "report.docx"
    source.write_bytes(_docx_bytes())
    profile = (work / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=120)
    return work / "report.doc", (work / "report.doc").read_bytes()


@needs_soffice
def test_doc_reads_like_its_docx(doc_file: tuple[Path, bytes]) -> None:
    path, data = doc_file
    assert detect_media_type(data) == DOC
    temp_before = set(Path(tempfile.gettempdir()).glob("xxgk_doc_*"))
    from_doc = read_document(path, SETTINGS)
    from_docx = docx_reader.read(Path("report.docx"), _docx_bytes(), SETTINGS)
    assert from_doc.media_type == DOC and from_doc.path == str(path)
    assert _cells(from_doc) == _cells(from_docx)
    assert (0, 0, 1, 4, "第二十条第（一）项") in _cells(from_doc)[0]
    assert any(c.text == "96171.6" for c in from_doc.tables[0].cells)
    assert "二、主动公开政府信息情况" in [ln.text for ln in from_doc.lines]
    assert set(Path(tempfile.gettempdir()).glob("xxgk_doc_*")) == temp_before  # work dir removed


@needs_soffice
def test_second_conversion_reuses_the_private_profile(doc_file: tuple[Path, bytes]) -> None:
    path, data = doc_file
    first = convert_to_docx(path, data, SETTINGS)
    started = time.monotonic()
    second = convert_to_docx(path, data, SETTINGS)
    assert first[:2] == second[:2] == b"PK"
    assert time.monotonic() - started < SETTINGS.libreoffice_timeout_s
    assert list(Path(tempfile.gettempdir()).glob(f"xxgk_lo_{os.getpid()}_*"))


def test_hung_converter_is_killed_at_its_timeout(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    # the wrapper forks a child that would outlive a kill of the wrapper alone
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    settings = Settings(soffice_path=str(fake), libreoffice_timeout_s=1.0)
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="did not convert .* within 1 s"):
        convert_to_docx(tmp_path / "slow.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, settings)
    assert time.monotonic() - started < 10
    child = int(marker.read_text().strip())
    assert _dead(child), "the forked child must die with the process group"


def _dead(pid: int) -> bool:
    """Gone, or a zombie waiting for a reaper (its parent, the wrapper, was killed too)."""
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_missing_soffice_names_the_package(tmp_path: Path) -> None:
    settings = Settings(soffice_path=str(tmp_path / "no-such-soffice"))
    with pytest.raises(UnsupportedFormat, match="libreoffice-writer-nogui"):
        convert_to_docx(tmp_path / "a.doc", b"\xd0\xcf\x11\xe0", settings)
