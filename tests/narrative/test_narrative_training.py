"""Training is reproducible: the same seed and data give the same model bytes and metrics (a tiny, short run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.narrative.train import DATA_DIR, train_narrative

TINY = {"training.max_epochs": 1, "training.max_steps": 30, "training.eval_frequency": 30,
        "components.tok2vec.model.encode.width": 16, "components.tok2vec.model.embed.width": 16}


@pytest.mark.model
@pytest.mark.slow
def test_same_seed_same_metrics(tmp_path: Path) -> None:
    if not (DATA_DIR / "written.jsonl").is_file():
        pytest.skip("training data not built")
    first = train_narrative(seed=3, out_dir=tmp_path / "a", overrides=TINY)
    second = train_narrative(seed=3, out_dir=tmp_path / "b", overrides=TINY)
    assert first["metrics"] == second["metrics"]
    assert first["data_hash"] == second["data_hash"]
    assert (tmp_path / "a" / "meta.json").is_file()
    # Every file of the two pipelines (weights, config, vocab, spaCy's meta) and the report-order model, byte for
    # byte; only our meta.json differs (it records the training time).
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file() and p != tmp_path / "a" / "meta.json")
    assert len(files) > 5 and any(p.name == "model" for p in files)
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file() and p != tmp_path / "b" / "meta.json") == files
