"""readers/image.py and the engine's process hygiene: frames, limits, corrupt input, no network, clean stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from extractor.errors import CorruptFile, LimitExceeded
from extractor.ocr.engine import get_engine
from extractor.readers import JPEG, TIFF, detect_media_type, read_document
from extractor.readers.image import read
from extractor.settings import Settings

SETTINGS = Settings()
REPO = Path(__file__).resolve().parents[2]


def _label_image() -> Image.Image:
    """A small 200-dpi grey image of one table-like line, drawn with an embedded CJK font."""
    doc = pymupdf.open()
    page = doc.new_page(width=260, height=60)
    page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    page.insert_text((20, 36), "行政许可 447", fontname="cjk", fontsize=14)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    return Image.frombytes("L", (pix.width, pix.height), pix.samples)


def _encode(frames: list[Image.Image], fmt: str) -> bytes:
    out = BytesIO()
    frames[0].save(out, format=fmt, save_all=len(frames) > 1, append_images=frames[1:])
    return out.getvalue()


@pytest.mark.ocr
def test_multipage_tiff_one_page_per_frame(tmp_path: Path) -> None:
    text = _label_image()
    blank = Image.new("L", text.size, 255)
    data = _encode([blank, text], "TIFF")
    assert detect_media_type(data) == TIFF
    path = tmp_path / "scan.tif"
    path.write_bytes(data)
    doc = read_document(path, SETTINGS)
    assert [p.number for p in doc.pages] == [1, 2] and doc.ocr_pages == [1, 2]
    assert doc.pages[1].width == pytest.approx(text.width * 72 / 200)
    assert [(ln.page, ln.text) for ln in doc.lines] == [(2, "行政许可447")]


@pytest.mark.ocr
def test_jpeg_and_blank_png() -> None:
    data = _encode([_label_image()], "JPEG")
    assert detect_media_type(data) == JPEG
    doc = read(Path("label.jpg"), data, SETTINGS)
    assert [ln.text for ln in doc.lines] == ["行政许可447"]
    noisy_blank = np.clip(np.random.default_rng(1).normal(235, 6, (800, 600)), 0, 255).astype(np.uint8)
    empty = read(Path("blank.png"), _encode([Image.fromarray(noisy_blank)], "PNG"), SETTINGS)
    assert len(empty.pages) == 1 and empty.lines == [] and empty.tables == []


def test_corrupt_and_oversized_images() -> None:
    png = _encode([Image.new("L", (400, 300), 255)], "PNG")
    with pytest.raises(CorruptFile):
        read(Path("broken.png"), png[:60] + b"\0" * 40, SETTINGS)
    with pytest.raises(CorruptFile):
        read(Path("junk.png"), b"\x89PNG\r\n\x1a\n" + b"junk" * 20, SETTINGS)
    with pytest.raises(LimitExceeded, match="over the limit of 100000"):
        read(Path("big.png"), png, Settings(max_image_pixels=100_000))


def test_engine_is_built_once() -> None:
    assert get_engine(SETTINGS) is get_engine(Settings())


@pytest.mark.ocr
def test_offline_and_stdout_clean() -> None:
    """A fresh process with sockets disabled OCRs an image; stdout carries only our JSON."""
    script = r"""
import json, socket, sys
def refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
import numpy as np, pymupdf
from extractor.ocr import ocr_image
from extractor.settings import Settings
doc = pymupdf.open(); page = doc.new_page(width=200, height=50)
page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
page.insert_text((10, 30), "重复申请 25", fontname="cjk", fontsize=14)
pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
lines, tables = ocr_image(img, 1, 72 / 200, Settings())
print(json.dumps([ln.text for ln in lines], ensure_ascii=False))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["重复申请25"]
