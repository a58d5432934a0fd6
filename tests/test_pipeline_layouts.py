"""Whole-report layouts the spec lists: tables in an appendix after section 六, flattened to one
cell per line (no tab grid to recover, so the flat-text path must find them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from extractor.api import extract
from extractor.evaluate import score_cells
from extractor.synth import generate

SECTION_HEADS = re.compile(r"^(?:三、收到|四、(?!结转)|五、)", flags=re.MULTILINE)


def _move_tables_to_appendix(text: str) -> str:
    """Cut the three tab-separated tables out of their sections, flatten them to one cell per line
    (blank cells as empty lines, as a copied web page shows them) and append them after 六."""
    starts = [text.index("第二十条"), text.index("（本列数据"), text.index("行政复议\t")]
    heads = [m.start() for m in SECTION_HEADS.finditer(text)]
    tables: list[str] = []
    for start in sorted(starts, reverse=True):
        end = min(h for h in heads if h > start)
        tables.insert(0, text[start:end])
        text = text[:start] + "详见附件。\n" + text[end:]
    appendix = "".join(tables).replace("\t", "\n")
    return text + "\n附件：政府信息公开情况统计表\n" + appendix


def test_flattened_tables_in_an_appendix(tmp_path: Path) -> None:
    source = next(p for p in generate(1, ["2021"], ["txt"], seed=31, out_dir=tmp_path, variants=[]) if p.suffix == ".txt")
    moved = tmp_path / "appendix.txt"
    moved.write_text(_move_tables_to_appendix(source.read_text(encoding="utf-8")), encoding="utf-8")
    assert "\t" not in moved.read_text(encoding="utf-8").split("附件：")[1]
    gold = json.loads(source.with_name(source.stem + ".gold.json").read_text(encoding="utf-8"))
    report = extract(moved)
    right, total, wrong, _ = score_cells(report, gold)
    assert wrong == [], wrong[:5]
    assert right == total
    assert report.sections["requests"].startswith("详见附件")
