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


def test_opt_in_variants_are_never_drawn_and_leave_the_rest_of_a_seed_alone(tmp_path: Path) -> None:
    plain = generate(12, ["2019", "2021"], ["txt", "html-flat"], seed=9, out_dir=tmp_path / "plain")
    again = generate(12, ["2019", "2021"], ["txt", "html-flat"], seed=9, out_dir=tmp_path / "again")
    added = generate(12, ["2019", "2021"], ["txt", "html-flat"], seed=9, out_dir=tmp_path / "added",
                     add_variants=["negative_change"])
    assert not any({"negative_change", "run_together"} & set(_gold(d)["variants"]) for d in plain)
    assert [d.read_bytes() for d in plain] == [d.read_bytes() for d in again]
    for before, after in zip(plain, added, strict=True):
        old, new = _gold(before), _gold(after)
        assert new["variants"] == old["variants"] + (["negative_change"] if old["report"]["template"] == "2019" else [])
        assert new["report"] == old["report"]
        if old["report"]["template"] == "2021":  # no signed column: the document is the same
            assert after.read_bytes() == before.read_bytes()
            continue
        # the values are the seed's own except the signed column (which cells print blank may move)
        for row, cols in old["tables"]["proactive"].items():
            for col, value in cols.items():
                got = new["tables"]["proactive"][row][col]
                if col != "items_change" and value is not None and got is not None:
                    assert got == value, (before.name, row, col)


def test_negative_change_prints_signed_items_change(tmp_path: Path) -> None:
    docs = generate(6, ["2019"], ["txt"], seed=3, out_dir=tmp_path, variants=["negative_change"])
    changes = [cols["items_change"] for d in docs for cols in _gold(d)["tables"]["proactive"].values()
               if "items_change" in cols and cols["items_change"] is not None]
    assert any(c < 0 for c in changes)
    text = "".join(d.read_text("utf-8") for d in docs)
    assert re.search(r"\t[-－−]\d+\t", text)  # a minus printed in the 本年增/减 field


def test_run_together_glues_each_table_into_one_run(tmp_path: Path) -> None:
    (doc,) = generate(1, ["2019"], ["txt"], seed=5, out_dir=tmp_path, variants=["run_together"])
    text = doc.read_text("utf-8")
    assert "\t" not in text and text.count("\n") == 1  # the whole page on one line, as a page dump
    gold = _gold(doc)["tables"]["proactive"]["admin_license"]
    printed = "".join(str(v) for v in gold.values() if v is not None)
    assert "行政许可" + printed in text
    assert "run_together" not in supported("pdf") and "negative_change" not in supported("txt", "2021")
