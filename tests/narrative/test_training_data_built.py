"""The shipped training JSONL are the build of their sources: an installation trains on them without rebuilding."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import resources
from extractor.narrative import train
from extractor.narrative.corpus import parse_written, read_jsonl
from extractor.narrative.templates import generate


def test_shipped_jsonl_are_the_build_of_their_sources() -> None:
    written = [r for path in sorted((train.DATA_DIR / "written").glob("*.txt")) for r in parse_written(path)]
    assert written and read_jsonl(train.DATA_DIR / "written.jsonl") == written
    assert read_jsonl(train.DATA_DIR / "generated.jsonl") == generate(train.GENERATED_COUNT, seed=0)


def test_an_installation_reads_its_training_data_without_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a wheel the data folder is site-packages (maybe read-only): build_corpus writes nothing there."""
    folder = tmp_path / "narrative"
    (folder / "written").mkdir(parents=True)
    source = train.DATA_DIR / "written" / "a_county.txt"
    (folder / "written" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "written.jsonl").write_text('{"text": "shipped"}\n', encoding="utf-8")
    monkeypatch.setattr(train, "DATA_DIR", folder)
    monkeypatch.setattr(resources, "is_source_tree", lambda *_: False)
    counts = train.build_corpus(folder)
    assert counts["written"] == 1
    assert (folder / "written.jsonl").read_text(encoding="utf-8") == '{"text": "shipped"}\n'
    assert not (folder / "generated.jsonl").exists()
    monkeypatch.setattr(resources, "is_source_tree", lambda *_: True)
    assert train.build_corpus(folder)["written"] > 1  # a checkout rebuilds from written/*.txt
