"""Variant switches and number formatting: each habit shows up in the document and in the gold."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from extractor.synth import generate, supported
from extractor.synth.narrative import count_text


def _gold(doc: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text("utf-8"))
    return data


def _nulls(gold: dict[str, Any]) -> int:
    req = gold["tables"]["requests"]
    printed = [r for k, r in req.items() if k != "other" and not k.startswith("other_")]
    return sum(v is None for r in printed for v in r.values())


def test_count_text_states_what_it_prints() -> None:
    rng = random.Random(1)
    for value in [0, 7, 23, 199, 579, 5531, 32140, 321000, 1_234_567] * 20:
        text, stated = count_text(rng, value, "条")
        assert text.endswith("条")
        number = float(re.search(r"\d+(?:\.\d+)?", text).group())  # type: ignore[union-attr]
        assert stated == round(number * (10000 if "万" in text else 1))
        assert abs(stated - value) <= max(value * 0.1, 10)


def test_requested_variants_are_applied_and_recorded(tmp_path: Path) -> None:
    wanted = ["wrapped_headers", "punctuation_drift", "extra_rows", "guidance_parens"]
    (doc,) = generate(1, ["2021"], ["txt"], seed=4, out_dir=tmp_path, variants=wanted)
    text = doc.read_text("utf-8")
    assert _gold(doc)["variants"] == wanted
    assert "商业企\n业" in text
    assert "规章（设区的市" in text or "规章(设区的市" in text
    assert "其他主动公开文件" in text or "行政确认" in text
    assert "_extra" not in json.dumps(_gold(doc))


def test_unsupported_variants_are_not_claimed(tmp_path: Path) -> None:
    (doc,) = generate(1, ["2019"], ["docx"], seed=4, out_dir=tmp_path, variants=["page_split", "dash"])
    assert _gold(doc)["variants"] == ["dash"]
    assert "page_split" not in supported("txt") and "vertical_labels" in supported("pdf")
    with pytest.raises(ValueError, match="unknown variants"):
        generate(1, ["2019"], ["txt"], seed=4, out_dir=tmp_path, variants=["sideways"])


def test_blank_and_dash_cells_are_null_in_gold(tmp_path: Path) -> None:
    plain = generate(6, ["2019", "2021"], ["txt"], seed=2, out_dir=tmp_path / "plain", variants=[])
    assert all(_nulls(_gold(d)) == 0 for d in plain)
    blank = generate(6, ["2019", "2021"], ["txt"], seed=2, out_dir=tmp_path / "blank",
                     variants=["blank_zero", "dash"])
    assert sum(_nulls(_gold(d)) for d in blank) > 0
    assert any(re.search(r"\t[-—](\t|$)", d.read_text("utf-8"), re.M) for d in blank)


@pytest.mark.parametrize(("template", "variants", "single"), [
    ("2021", [], False), ("2021", ["split_other"], True), ("2019", [], True), ("2019", ["split_other"], False),
])
def test_other_row_printed_split_or_single(tmp_path: Path, template: str, variants: list[str],
                                           single: bool) -> None:
    (doc,) = generate(1, [template], ["txt"], seed=6, out_dir=tmp_path, variants=variants)
    req = _gold(doc)["tables"]["requests"]
    assert all((v is not None) == single for v in req["other"].values())
    assert all((v is None) == single for v in req["other_misc"].values())
    assert ("3.其他" in doc.read_text("utf-8")) != single


def test_year_and_title_follow_the_template(tmp_path: Path) -> None:
    for doc in generate(6, ["2019", "2021"], ["txt"], seed=12, out_dir=tmp_path):
        gold = _gold(doc)
        year = gold["report"]["year"]
        assert (year in (2019, 2020)) == (gold["report"]["template"] == "2019")
        first_lines = "".join(doc.read_text("utf-8").splitlines()[:2])
        assert gold["report"]["agency"] in first_lines and f"{year}年" in first_lines
