"""Local template families: new wording for the same values, new to the shipped label model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.mapping import classifier, label_data
from extractor.mapping.normalize import normalize_label
from extractor.synth import generate
from extractor.synth.local import local_template, printed_labels


def _gold(doc: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text(encoding="utf-8"))
    return data


def test_a_family_changes_the_wording_and_nothing_else(tmp_path: Path) -> None:
    plain = generate(4, ["2019", "2021"], ["txt", "html"], 7, tmp_path / "plain")
    local = generate(4, ["2019", "2021"], ["txt", "html"], 7, tmp_path / "local", family=2)
    for a, b in zip(plain, local, strict=True):
        assert b.name.startswith("local2_7_") and a.name.startswith("synth_7_")
        gold_a, gold_b = _gold(a), _gold(b)
        assert gold_a["tables"] == gold_b["tables"] and gold_a["narrative"] == gold_b["narrative"]
        assert gold_b["variants"] == [*gold_a["variants"], "local_template"]
        assert a.read_bytes() != b.read_bytes()


def test_every_report_of_a_family_prints_its_wording(tmp_path: Path) -> None:
    template = local_template(3)
    for doc in generate(4, ["2019", "2021"], ["txt"], 11, tmp_path, family=3):
        text = doc.read_text(encoding="utf-8")
        assert template.request_bodies["result_open"] in text and template.extra_request_row in text
        assert "予以公开" not in text.split("申请人情况")[1].split("四、")[0]  # the official row name is gone
        withheld = [text.index(template.request_bodies[k]) for k in template.withheld_order]
        assert withheld == sorted(withheld)  # the 不予公开 reasons in the family's order


def test_family_wording_is_new_to_the_shipped_label_model() -> None:
    known = {normalize_label(t) for t, _ in label_data.build_training_set(classifier.DEFAULT_DATA_DIR)}
    for family in (1, 2, 3):
        assert not {normalize_label(t) for t in printed_labels(family)} & known
    assert local_template(1) == local_template(1) and local_template(1) != local_template(2)
