"""Corrected narrative items → sentences in the narrative training format (and a tiny retraining)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reviewing import correct_from_gold, store
from sqlalchemy import Engine

from extractor.learning.narrative_samples import collect_narrative_records
from extractor.learning.retrain import train_from_corrections
from extractor.learning.sources import CorrectedReport, from_db
from extractor.model_sets import NARRATIVE, part_dir
from extractor.narrative.corpus import CATS, LABELS
from extractor.narrative.normalize import normalize
from extractor.review.corrections import add_correction, corrected_document
from extractor.settings import Settings
from extractor.synth import generate


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> list[CorrectedReport]:
    folder = tmp_path_factory.mktemp("narrative")
    docs = generate(6, ["2019", "2021"], ["txt", "html"], 1415, folder / "docs")
    engine: Engine = store(docs, folder / "reviewed.db")
    assert correct_from_gold(engine, narrative=True) > 0
    first = corrected_document(engine, 1)
    if first.view["narrative"]["problems"]:  # a reviewer who also says the first problem is none
        add_correction(engine, 1, f"narrative.problems.{first.item_keys['problems'][0]}", None)
    found, _ = from_db(f"sqlite:///{folder / 'reviewed.db'}")
    return found


def _changes(report: CorrectedReport, kind: str) -> list[tuple[Any, Any]]:
    return [(c["old_value"], c["new_value"]) for c in report.corrections if c["path"].startswith(f"narrative.{kind}.")]


def test_records_have_the_training_format(corrected: list[CorrectedReport]) -> None:
    records, _ = collect_narrative_records(corrected, Settings())
    assert records
    for record in records:
        assert set(record) >= {"text", "doc", "spans", "cats"} and record["source"] == "correction"
        assert set(record["cats"]) == set(CATS) and set(record["cats"].values()) <= {0, 1}
        for span in record["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(record["text"]) and span["label"] in LABELS


def test_each_correction_says_what_its_sentence_teaches(corrected: list[CorrectedReport]) -> None:
    records, _ = collect_narrative_records(corrected, Settings())
    by_text = {r["text"]: r for r in records}
    checked = 0
    for report in corrected:
        for old, new in _changes(report, "platforms"):
            if old is None and new is not None:  # an added channel is a PLATFORM span wherever it is printed
                holding = [r for r in records if new["name"] in r["text"]]
                for record in holding:
                    start = record["text"].index(new["name"])
                    assert any(s["label"] == "PLATFORM" and s["start"] <= start < s["end"] for s in record["spans"])
                    checked += 1
        for old, new in _changes(report, "problems"):
            if old is not None and new is None:  # a removed problem: its sentence is a negative
                text = normalize(old["text"]).text
                holding = [r for t, r in by_text.items() if t in text or text in t]
                assert holding and all(r["cats"]["PROBLEM"] == 0 for r in holding)
                checked += 1
        for old, new in _changes(report, "fixes"):
            if old is None and new is not None:
                holding = [r for t, r in by_text.items() if new["text"] in t]
                assert all(r["cats"]["FIX"] == 1 and r["cats"]["PROBLEM"] == 0 for r in holding)
                checked += len(holding)
    assert checked >= 3


@pytest.mark.model
@pytest.mark.slow
def test_a_narrative_set_is_trained_with_the_corrections(corrected: list[CorrectedReport], tmp_path: Path) -> None:
    tiny = {"training.max_epochs": 1, "training.max_steps": 30, "training.eval_frequency": 30,
            "components.tok2vec.model.encode.width": 16, "components.tok2vec.model.embed.width": 16}
    meta = train_from_corrections(corrected, [NARRATIVE], tmp_path / "set", seed=0, narrative_overrides=tiny)
    narrative = meta[NARRATIVE]
    assert narrative["extra_sentences"] == narrative["corrections"]["sentences"] > 0
    assert narrative["base_model"]["version"] == narrative["version"] and narrative["data_hash"] != narrative["base_model"]["data_hash"]
    # Compared with the shipped model on training_data's own dev split, never on ../shared (a development set):
    # a 30-step model loses there, and what it lost is named label by label.
    assert narrative["compared_on"].startswith("training_data/narrative dev split")
    assert narrative["lower_than_shipped"]
    assert all(old > new for old, new in narrative["lower_than_shipped"].values())
    assert set(narrative["lower_than_shipped"]) <= set(narrative["metrics"]["dev"]["spans"]) | set(narrative["metrics"]["dev"]["cats"])
    assert "train_seconds" not in (tmp_path / "set" / NARRATIVE / "meta.json").read_text(encoding="utf-8")
    assert part_dir(Settings(model_dir=tmp_path / "set"), NARRATIVE) == tmp_path / "set" / NARRATIVE
    assert (tmp_path / "set" / "samples" / "narrative.jsonl").read_text(encoding="utf-8").count("\n") == narrative["corrections"]["sentences"]
