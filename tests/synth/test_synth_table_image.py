"""The table_image variant: a text PDF whose three tables are pictures with no text layer under them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pymupdf as _pymupdf
import pytest

from extractor.synth import generate, layout, supported
from extractor.synth.report import build

pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in extractor/readers/pdf.py


def _pictures(doc: Any) -> list[tuple[int, Any]]:
    return [(page.number, pymupdf.Rect(info["bbox"])) for page in doc for info in page.get_image_info()]


def test_tables_become_pictures_and_the_prose_keeps_its_text(tmp_path: Path) -> None:
    first = generate(2, ["2019", "2021"], ["pdf"], seed=3, out_dir=tmp_path / "a", variants=["table_image"])
    again = generate(2, ["2019", "2021"], ["pdf"], seed=3, out_dir=tmp_path / "b", variants=["table_image"])
    plain = generate(2, ["2019", "2021"], ["pdf"], seed=3, out_dir=tmp_path / "c", variants=[])
    for path, same, text_pdf in zip(first, again, plain, strict=True):
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(same.read_bytes()).digest()
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
        assert gold["variants"] == ["table_image"]
        with pymupdf.open(path) as doc, pymupdf.open(text_pdf) as ref:
            pictures = _pictures(doc)
            assert len(pictures) >= 3  # three tables, one picture per page a table touches
            for number, rect in pictures:
                page = doc[number]
                assert page.get_text("words", clip=rect) == []  # nothing of the table is text
                assert page.get_drawings() == []  # the rules went with it: no vector grid left
                # the same place on the text version holds the table's cells as text
                assert len(ref[number].get_text("words", clip=rect)) >= 5
                assert ref[number].find_tables(strategy="lines_strict").tables
            text = "".join(page.get_text() for page in doc)
            assert "二、主动公开政府信息情况" in text and "三、收到和处理政府信息公开申请情况" in text
            assert "信息内容" not in text and "申请人情况" not in text  # table headers are pictures only
            assert _pictures(ref) == []


def test_only_pdf_shows_it_and_the_mix_rarely_does() -> None:
    assert "table_image" in supported("pdf")
    assert all("table_image" not in supported(fmt) for fmt in ("docx", "html", "html-flat", "txt", "scan"))
    shown = sum(build("x", 11, i, "2021", "pdf").layout.has("table_image") for i in range(200))
    assert 10 <= shown <= 50  # odds 0.15
    assert not any(build("x", 11, i, "2021", "docx").layout.has("table_image") for i in range(50))


def test_earlier_seeds_keep_their_other_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variant is drawn from a side generator: every other choice of a seed stays as it was."""
    with_it = [build("x", 2026, i, "2019", "pdf") for i in range(30)]
    # the generator as it was before table_image existed
    monkeypatch.setitem(layout._SUPPORTED, "pdf", layout._SUPPORTED["pdf"] - {"table_image"})
    monkeypatch.setattr(layout, "_LATE", {})
    without = [build("x", 2026, i, "2019", "pdf") for i in range(30)]
    assert any(r.layout.has("table_image") for r in with_it)
    for new, old in zip(with_it, without, strict=True):
        assert tuple(v for v in new.layout.variants if v != "table_image") == old.layout.variants
        assert new.gold["tables"] == old.gold["tables"] and new.blocks == old.blocks


def test_without_leaves_a_variant_out_and_keeps_every_other_choice() -> None:
    """Speed sets drop the OCR variant; the other documents of the seed stay exactly as they were."""
    mixed = [build(f"d{i}", 11, i, "2021", "pdf") for i in range(40)]
    text_only = [build(f"d{i}", 11, i, "2021", "pdf", without=["table_image"]) for i in range(40)]
    assert any(r.layout.has("table_image") for r in mixed)
    assert not any(r.layout.has("table_image") for r in text_only)
    for a, b in zip(mixed, text_only, strict=True):
        assert [v for v in a.layout.variants if v != "table_image"] == list(b.layout.variants)
        assert a.gold["tables"] == b.gold["tables"] and a.blocks == b.blocks
