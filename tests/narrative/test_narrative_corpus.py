"""extract_narrative on real reports of the shared corpus against their gold narrative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.checks.narrative import check_restated, check_year
from extractor.layout.sections import split_sections
from extractor.layout.text import FullText
from extractor.narrative import NarrativeResult, extract_narrative
from extractor.narrative.model_io import DEFAULT_MODEL_DIR

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "meta.json").is_file(), reason="narrative model not trained")


def _run(path: Path, year: int) -> tuple[FullText, NarrativeResult]:
    text = path.read_text(encoding="utf-8")
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    return full, extract_narrative(full, split_sections(text), year)


def test_xindian_2024(corpus_dir: Path) -> None:
    gold = json.loads((corpus_dir / "xindian_2024.gold.json").read_text(encoding="utf-8"))["narrative"]
    full, result = _run(corpus_dir / "xindian_2024.txt", 2024)
    narrative = result.narrative
    got = {(p.value, p.unit) for p in narrative.published}
    assert {(p["value"], p["unit"]) for p in gold["published"]} <= got
    for item in narrative.published:
        assert full.text[item.span[0] : item.span[1]] == item.text
    names = {p.name for p in narrative.platforms}
    assert set(gold["platforms"]["required"]) <= names
    for needle in gold["problems"]:
        assert any(needle in item.text for item in narrative.problems), needle
    for needle in gold["fixes"]:
        assert any(needle in item.text for item in narrative.fixes), needle
    assert narrative.fees.charged is False and narrative.fees.amount_yuan == 0
    check, warnings = check_year([y for y in result.years if y.tied_to_count], 2024)
    assert check is not None and check.status == "fail"
    assert [w.code for w in warnings] == ["year_mismatch"]
    assert "2023" in warnings[0].message


def test_pingtan_2019(corpus_dir: Path) -> None:
    full, result = _run(corpus_dir / "pingtan_2019_page.txt", 2019)
    narrative = result.narrative
    assert any(p.value == 2599 and p.unit == "条" for p in narrative.published)
    assert {"政府门户网站", "微信公众号"} <= {p.name for p in narrative.platforms}
    assert narrative.problems and narrative.fixes
    for item in [*narrative.problems, *narrative.fixes]:
        assert item.text in full.text
    check, _ = check_year([y for y in result.years if y.tied_to_count], 2019)
    assert check is None or check.status == "pass"


def test_empty_sections_warn_instead_of_raising() -> None:
    full = FullText(text="", line_starts=(0,), line_pages=(None,))
    result = extract_narrative(full, [], 2024)
    assert result.narrative.published == [] and result.narrative.problems == []
    assert [w.code for w in result.warnings] == ["narrative_empty"]
    assert check_restated(result.restated, {}) is None
    assert check_year([y for y in result.years if y.tied_to_count], 2024) == (None, [])


def test_traditional_mirror_text_is_normalised() -> None:
    text = "一、总体情况\n2024年，本機關通過政府門戶網站主動公(gong)開政府資訊1200條。\n"
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    result = extract_narrative(full, split_sections(text), 2024)
    assert [(p.value, p.unit, p.text) for p in result.narrative.published] == [(1200, "条", "1200條")]
    assert result.narrative.platforms and result.narrative.platforms[0].text in text


def test_restated_requests_checked_against_table() -> None:
    text = "三、收到和处理政府信息公开申请情况\n全年共收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。\n"
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    result = extract_narrative(full, split_sections(text), 2024)
    kinds = {(r.kind, r.value) for r in result.restated}
    assert ("requests_received", 34) in kinds and ("carried_over", 2) in kinds
    tables = {"requests": {"new_requests": {"total": 34}, "carried_over": {"total": 3}}}
    check = check_restated(result.restated, tables)
    assert check is not None and check.status == "fail"
