"""The generator's promises: same seed same bytes, gold that obeys R1–R4, formats that carry the data."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from extractor import schema
from extractor.synth import FORMATS, generate, write_samples

ALL_FORMATS = list(FORMATS)
TEMPLATES = ["2019", "2021"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _gold(doc: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text("utf-8"))
    return data


def _n(v: Any) -> float:
    return float(v or 0)


def _relations(tables: dict[str, Any]) -> dict[str, bool]:
    """R1–R4 written out longhand from the spec, independent of extractor.synth.gold."""
    req, rev = tables["requests"], tables["review_litigation"]
    cols = [c.key for c in schema.requests().columns]
    result_parts = [k for k in schema.REQUESTS_PRINTED_ORDER
                    if k not in ("new_requests", "carried_over", "result_total", "carried_forward")]
    return {
        "R1": all(_n(req["new_requests"][c]) + _n(req["carried_over"][c])
                  == _n(req["result_total"][c]) + _n(req["carried_forward"][c]) for c in cols),
        # other and other_* are never both printed, so summing all of them is the printed sum
        "R2": all(_n(req["result_total"][c]) == sum(_n(req[k][c]) for k in result_parts) for c in cols),
        "R3": all(_n(row["total"]) == sum(_n(row[c]) for c in cols[:-1]) for row in req.values()),
        "R4": all(_n(g["total"]) == _n(g["upheld"]) + _n(g["corrected"]) + _n(g["other"]) + _n(g["pending"])
                  for g in rev.values()),
    }


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate(10, TEMPLATES, ALL_FORMATS, seed=7, out_dir=tmp_path_factory.mktemp("a"))


def test_same_seed_gives_identical_bytes_for_every_format(batch: list[Path], tmp_path: Path) -> None:
    again = generate(10, TEMPLATES, ALL_FORMATS, seed=7, out_dir=tmp_path)
    assert [p.name for p in again] == [p.name for p in batch]
    assert {p.suffix for p in again} == {".pdf", ".docx", ".html", ".txt"}
    for first in batch[0].parent.iterdir():
        assert _sha(first) == _sha(tmp_path / first.name), first.name


def test_another_seed_gives_other_reports(batch: list[Path], tmp_path: Path) -> None:
    other = generate(2, TEMPLATES, ["txt"], seed=8, out_dir=tmp_path)
    assert _gold(other[0])["report"] != _gold(batch[0])["report"] or _sha(other[0]) != _sha(batch[0])


def test_gold_has_every_schema_key_and_obeys_r1_to_r4(batch: list[Path]) -> None:
    for doc in batch:
        gold = _gold(doc)
        template = gold["report"]["template"]
        assert gold["file"] == doc.name
        skeleton = schema.empty_tables(template)
        assert {t: {r: set(c) for r, c in rows.items()} for t, rows in gold["tables"].items()} == \
               {t: {r: set(c) for r, c in rows.items()} for t, rows in skeleton.items()}
        assert _relations(gold["tables"]) == {"R1": True, "R2": True, "R3": True, "R4": True}
        assert gold["checks"] == {"R1": "pass", "R2": "pass", "R3": "pass", "R4": "pass"}
        req = gold["tables"]["requests"]
        single = any(v is not None for v in req["other"].values())
        split = any(req[k][c] is not None for k in ("other_no_correction", "other_fee_unpaid", "other_misc")
                    for c in req[k])
        assert not (single and split), "（六） printed both ways"


def test_break_relation_fails_exactly_one_relation(tmp_path: Path) -> None:
    seen = set()
    for doc in generate(12, TEMPLATES, ["txt", "html"], seed=3, out_dir=tmp_path, break_relation=True):
        gold = _gold(doc)
        failing = [rid for rid, status in gold["checks"].items() if status == "fail"]
        assert len(failing) == 1, (doc.name, gold["checks"])
        actual = _relations(gold["tables"])
        assert [rid for rid, ok in actual.items() if not ok] == failing
        seen.add(failing[0])
    assert len(seen) >= 3  # the broken relation varies across documents


def test_pdf_text_layer_carries_agency_and_table_labels(batch: list[Path]) -> None:
    for doc in (p for p in batch if p.suffix == ".pdf"):
        gold = _gold(doc)
        with pymupdf.open(doc) as pdf:
            text = re.sub(r"\s", "", "".join(page.get_text() for page in pdf))  # wrapped/vertical labels
            fonts = [f for page in pdf for f in page.get_fonts()]
        assert gold["report"]["agency"] in text
        for label in ("信息内容", "申请人情况", "予以公开", "结转下年度继续办理", "行政复议", "尚未审结"):
            assert label in text, label
        assert any("Droid" in f[3] and f[1] == "ttf" for f in fonts), "the CJK font is embedded"


def test_page_split_puts_table3_on_two_pages(tmp_path: Path) -> None:
    (doc,) = generate(1, ["2021"], ["pdf"], seed=5, out_dir=tmp_path, variants=["page_split"])
    with pymupdf.open(doc) as pdf:
        first = next(i for i, page in enumerate(pdf) if "一、本年新收政府信息公开申请数量" in page.get_text())
        last = next(i for i, page in enumerate(pdf) if "四、结转下年度继续办理" in page.get_text())
        footer = pdf[first].get_text().strip().splitlines()[-1]
    assert last > first
    assert str(first + 1) in footer
    assert _gold(doc)["variants"] == ["page_split"]


def test_docx_has_real_merged_cells_and_fixed_zip_times(batch: list[Path]) -> None:
    for doc in (p for p in batch if p.suffix == ".docx"):
        with zipfile.ZipFile(doc) as z:
            xml = z.read("word/document.xml").decode("utf-8")
            assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert "2024-01-01T00:00:00Z" in z.read("docProps/core.xml").decode("utf-8")
        assert xml.count("<w:tbl>") == 3
        assert 'w:vMerge w:val="restart"' in xml and "<w:gridSpan" in xml


def test_html_flat_and_gbk(tmp_path: Path) -> None:
    table, flat = generate(2, ["2021"], ["html", "html-flat"], seed=9, out_dir=tmp_path, variants=["gbk"])
    for doc in (table, flat):
        raw = doc.read_bytes()
        assert b'<meta charset="gbk">' in raw
        text = raw.decode("gbk")
        assert _gold(doc)["report"]["agency"] in text
        assert _gold(doc)["variants"] == ["gbk"]
    assert 'rowspan="' in table.read_bytes().decode("gbk")
    assert "<table" not in flat.read_bytes().decode("gbk")


def test_narrative_gold_is_found_verbatim_in_the_text(tmp_path: Path) -> None:
    for doc in generate(8, TEMPLATES, ["txt"], seed=21, out_dir=tmp_path):
        text = doc.read_text("utf-8")
        narrative = _gold(doc)["narrative"]
        for item in [*narrative["platforms"]["required"], *narrative["problems"], *narrative["fixes"]]:
            assert item in text, (doc.name, item)
        assert narrative["published"] and all(p["value"] > 0 for p in narrative["published"])
        fees = narrative["fees"]
        assert (f"{fees['amount_yuan']}元" in text) if fees["charged"] else ("费" in text)
        for path, value in narrative["restated"].items():
            table, row, col = path.split(".")
            assert _n(_gold(doc)["tables"][table][row][col]) == value
            assert str(value) in text


def test_write_samples_writes_both_templates_in_four_formats(tmp_path: Path) -> None:
    docs = write_samples(tmp_path)
    assert len(docs) == 8
    assert len(list(tmp_path.glob("*.gold.json"))) == 8
    combos = {(_gold(d)["report"]["template"], d.suffix) for d in docs}
    assert combos == {(t, s) for t in TEMPLATES for s in (".pdf", ".docx", ".html", ".txt")}


def test_bytes_do_not_depend_on_the_process_hash_seed(batch: list[Path], tmp_path: Path) -> None:
    """Set or dict order leaking into the output would only show up across processes."""
    code = ("import sys; from pathlib import Path; from extractor.synth import generate; "
            "generate(10, ['2019', '2021'], sys.argv[2].split(','), seed=7, out_dir=Path(sys.argv[1]))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path), ",".join(ALL_FORMATS)], check=True, env=env)
    for first in batch[0].parent.iterdir():
        assert _sha(first) == _sha(tmp_path / first.name), first.name
