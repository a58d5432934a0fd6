"""The scan format: an image-only PDF with recorded, seeded degradation; same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pymupdf

from extractor.synth import generate


def test_scan_is_image_only_deterministic_and_records_its_degradation(tmp_path: Path) -> None:
    first = generate(1, ["2021"], ["scan"], seed=9, out_dir=tmp_path / "a")[0]
    second = generate(1, ["2021"], ["scan"], seed=9, out_dir=tmp_path / "b")[0]
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    with pymupdf.open(first) as doc:
        assert doc.page_count >= 2
        assert all(page.get_text().strip() == "" for page in doc)  # no text layer at all
        assert all(page.get_images() for page in doc)
    gold = json.loads(first.with_name(first.stem + ".gold.json").read_text(encoding="utf-8"))
    scan = gold["scan"]
    assert scan["dpi"] in (150, 200, 250, 300)
    assert abs(scan["angle"]) <= 1.5
