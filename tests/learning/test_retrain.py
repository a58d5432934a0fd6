"""The loop's mechanics on a few generated local-template reports: corrections → a new model set that
reads the family's other reports better, reproducibly, selected by --models; bad input refused."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from reviewing import correct_from_gold, gold_of, store
from typer.testing import CliRunner

from extractor.api import extract
from extractor.cli_app import app
from extractor.errors import ModelError
from extractor.evaluate import score_cells
from extractor.learning.holdout import LOOP_EVALUATION_SEED
from extractor.learning.retrain import train_from_corrections
from extractor.learning.sources import TrainingInputError, from_db, from_json
from extractor.model_sets import LABELS, NARRATIVE, check_model_set, part_dir
from extractor.settings import Settings
from extractor.synth import generate

FAMILY = 1
FORMATS = ["html", "txt", "docx"]


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("loop")
    docs = generate(6, ["2019", "2021"], FORMATS, 1415, folder / "docs", family=FAMILY)  # 12 rows tell their labels
    db = folder / "reviewed.db"
    correct_from_gold(store(docs, db))
    reports, _ = from_db(f"sqlite:///{db}")
    meta = train_from_corrections(reports, [LABELS], folder / "set-a", seed=0)
    return {"folder": folder, "db": db, "docs": docs, "reports": reports, "meta": meta, "set": Path(meta["path"])}


def _cells(doc: Path, settings: Settings) -> tuple[int, int]:
    right, total, _, _ = score_cells(extract(doc, settings), gold_of(doc))
    return right, total


def test_the_new_set_reads_other_reports_of_the_family_better(loop: dict[str, Any], tmp_path: Path) -> None:
    others = generate(4, ["2019", "2021"], FORMATS, LOOP_EVALUATION_SEED, tmp_path, family=FAMILY, variants=[])
    assert not {gold_of(d)["report"]["agency"] for d in others} & {gold_of(d)["report"]["agency"] for d in loop["docs"]}
    before = [_cells(d, Settings()) for d in others]
    after = [_cells(d, Settings(model_dir=loop["set"])) for d in others]
    right_before, right_after = sum(r for r, _ in before), sum(r for r, _ in after)
    total = sum(t for _, t in before)
    assert right_before < total  # the shipped model does not know the wording
    # six corrected reports already fix most of it (the benchmark measures twenty: ≥ 99.5%)
    assert total - right_after <= (total - right_before) / 3, (right_before, right_after, total)
    versions = {extract(d, s).source.extractor_version for d in others[:1] for s in (Settings(), Settings(model_dir=loop["set"]))}
    assert len(versions) == 2  # a report says which model set read it; batch resume keys on it


def test_the_meta_records_base_model_data_hash_and_correction_samples(loop: dict[str, Any]) -> None:
    meta = json.loads((loop["set"] / LABELS / "meta.json").read_text(encoding="utf-8"))
    shipped = json.loads((Path(__file__).resolve().parents[2] / "models" / "labels-v1" / "meta.json").read_text(encoding="utf-8"))
    assert meta["base_model"]["data_hash"] == shipped["data_hash"] != meta["data_hash"]
    assert meta["corrections"]["samples"] == meta["corrections"]["mislabelled_rows"] + meta["corrections"]["extra_rows"] > 0
    assert meta["extra_rows"] == meta["corrections"]["samples"] + meta["corrections"]["context_rows"]
    assert meta["metrics"]["held_out_accuracy"] >= 0.95
    tsv = (loop["set"] / "samples" / "labels.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 1 + meta["extra_rows"]


@pytest.mark.model
def test_retraining_twice_gives_the_same_bytes(loop: dict[str, Any], tmp_path: Path) -> None:
    again = train_from_corrections(loop["reports"], [LABELS], tmp_path / "set-b", seed=0)
    assert again["id"] == loop["meta"]["id"]
    first, second = loop["set"], Path(again["path"])
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert hashlib.sha256((first / name).read_bytes()).digest() == hashlib.sha256((second / name).read_bytes()).digest(), name


def test_a_new_correction_makes_a_new_version(loop: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XXGK_MODEL_HOME", str(tmp_path))
    fewer = train_from_corrections(loop["reports"][:1], [LABELS], None, seed=0)
    assert Path(fewer["path"]).parent == tmp_path and Path(fewer["path"]).name == f"corrections-{fewer['id']}"
    assert fewer["labels"]["corrections"]["samples"] < loop["meta"]["labels"]["corrections"]["samples"]
    assert fewer["id"] != loop["meta"]["id"] and (loop["set"] / "meta.json").is_file()  # the older version stays


def test_model_set_selection(loop: dict[str, Any], tmp_path: Path) -> None:
    assert part_dir(Settings(), LABELS) is None
    assert part_dir(Settings(model_dir=loop["set"]), LABELS) == loop["set"] / LABELS
    assert part_dir(Settings(model_dir=loop["set"]), NARRATIVE) is None  # a labels-only set keeps the shipped narrative model
    with pytest.raises(ModelError, match="not found"):
        check_model_set(tmp_path / "nothing")
    with pytest.raises(ModelError, match="is not a model set"):
        check_model_set(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(loop["docs"][0]), "--models", str(tmp_path)])
    assert result.exit_code == 2 and "is not a model set" in result.output
    shipped = runner.invoke(app, ["extract", str(loop["docs"][0])])
    chosen = runner.invoke(app, ["extract", str(loop["docs"][0])], env={"XXGK_MODELS": str(loop["set"])})
    assert shipped.exit_code == chosen.exit_code == 0
    gold = gold_of(loop["docs"][0])["tables"]
    assert json.loads(chosen.stdout)["tables"] == json.loads(shipped.stdout)["tables"] or json.loads(chosen.stdout)["tables"]["requests"] == gold["requests"]


def test_a_database_without_corrections_says_so(tmp_path: Path, loop: dict[str, Any]) -> None:
    store(loop["docs"][:1], tmp_path / "plain.db")
    with pytest.raises(TrainingInputError, match="1 reports and no corrections"):
        from_db(f"sqlite:///{tmp_path / 'plain.db'}")
    with pytest.raises(TrainingInputError, match="no such database file"):
        from_db(f"sqlite:///{tmp_path / 'missing.db'}")
    result = CliRunner().invoke(app, ["train", "--from-db", f"sqlite:///{tmp_path / 'plain.db'}"])
    assert result.exit_code == 1 and "no corrections" in result.output


def test_a_moved_source_is_named_and_found_with_sources(loop: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(loop["db"]) as original, sqlite3.connect(db) as copy:
        original.backup(copy)  # the database runs in WAL mode: a file copy could miss recent rows
    moved = tmp_path / "moved"
    shutil.copytree(loop["docs"][0].parent, moved)
    shutil.move(loop["docs"][0].parent, tmp_path / "gone")
    try:
        with pytest.raises(TrainingInputError, match=f"source document '{loop['docs'][0].name}' not found"):
            from_db(f"sqlite:///{db}")
        found, missing = from_db(f"sqlite:///{db}", [moved])
        assert missing == [] and {r.source.parent for r in found} == {moved}
    finally:
        shutil.move(tmp_path / "gone", loop["docs"][0].parent)


def _export(loop: dict[str, Any], folder: Path) -> None:
    """The review app's export: each corrected report as JSON with its corrections list."""
    folder.mkdir()
    for report in loop["reports"]:
        data = dict(report.corrected) | {"corrections": [dict(c) | {"applied": True} for c in report.corrections]}
        (folder / f"{report.source.stem}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_json_export_without_its_sources_names_the_missing_file(loop: dict[str, Any], tmp_path: Path) -> None:
    _export(loop, tmp_path / "export")
    with pytest.raises(TrainingInputError, match=f"source document '{loop['reports'][0].source.name}' not found"):
        from_json(tmp_path / "export")
    found, _ = from_json(tmp_path / "export", [loop["docs"][0].parent])
    assert [r.sha256 for r in found] == sorted((r.sha256 for r in loop["reports"]), key=[r.sha256 for r in found].index)
    by_sha = {r.sha256: r for r in loop["reports"]}
    for report in found:  # the extraction is recovered from the corrections' old values
        assert report.extracted["tables"] == by_sha[report.sha256].extracted["tables"]
    result = CliRunner().invoke(app, ["train", "--from-json", str(tmp_path / "export"), "--sources", str(loop["docs"][0].parent),
                                      "--out", str(tmp_path / "from-json")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == loop["meta"]["id"]  # the same corrections, the same model set


def test_evaluation_documents_are_never_learned_from(loop: dict[str, Any], tmp_path: Path) -> None:
    report = loop["reports"][0]
    renamed = tmp_path / f"synth_2026_0000_2021_{report.source.suffix.lstrip('.')}{report.source.suffix}"
    shutil.copy(report.source, renamed)
    held = type(report)(report.origin, report.sha256, renamed, report.extracted, report.corrected, report.corrections)
    with pytest.raises(TrainingInputError, match="generated evaluation set of seed 2026"):
        train_from_corrections([held], [LABELS], tmp_path / "never")
