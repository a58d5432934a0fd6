"""Smoke test of the benchmark suite: `run.py --quick --only pdf` on 2 generated PDFs, no corpus."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
Main = Callable[[Sequence[str] | None], dict[str, Any]]


@pytest.fixture()
def bench_main(monkeypatch: pytest.MonkeyPatch) -> Main:
    monkeypatch.syspath_prepend(str(ROOT))
    from benchmarks.run import main

    return main


def test_quick_pdf_writes_ratio_fields(bench_main: Main, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    bench_main(["--quick", "--only", "pdf", "--corpus", str(tmp_path / "no-corpus"), "--out", str(out)])

    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"cpu_count", "python", "libraries", "date"} <= set(data["meta"])
    pdf = data["results"]["pdf"]
    assert "skipped" in pdf["corpus"]
    generated = pdf["generated"]
    assert generated["files"] == 2
    assert generated["ratio_vs_pymupdf"] is not None and generated["ratio_vs_pymupdf"] > 0
    assert generated["extract_s_per_page"] > 0 and generated["pymupdf_s_per_page"] > 0
    assert set(generated["stage_share"]) >= {"read", "sections", "rows", "mapping", "checks", "narrative"}
    assert "Text PDF" in out.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_quick_cold_start_times_fresh_processes_against_baselines(bench_main: Main, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    bench_main(["--quick", "--only", "cold", "--out", str(out)])

    cold = json.loads(out.read_text(encoding="utf-8"))["results"]["cold"]
    assert cold["pdf_pages"] == 5 and cold["reps"] == 2
    assert cold["extracted_agency"]  # the timed command really extracted the report
    for name in ("extract", "help", "version", "python", "pymupdf_get_text"):
        assert cold[name]["wall_s"] > 0 and cold[name]["cpu_s"] > 0
    assert cold["extract"]["wall_s"] > cold["python"]["wall_s"]
    assert cold["extract_ratio_vs_pymupdf_get_text"] > 0 and cold["warm_extract_s"] > 0
    assert "Cold start" in out.with_suffix(".md").read_text(encoding="utf-8")


def test_note_and_load_average_survive_an_update_of_another_measurement(bench_main: Main, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    no_corpus = str(tmp_path / "no-corpus")
    bench_main(["--quick", "--only", "pdf", "--corpus", no_corpus, "--out", str(out), "--note", "ran at a smaller size"])
    bench_main(["--quick", "--only", "formats", "--corpus", no_corpus, "--out", str(out), "--update"])

    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["notes"] == {"pdf": "ran at a smaller size"}  # the later run had no note and kept the earlier one
    assert set(meta["loadavg"]) == {"pdf", "formats"}
    notes = out.with_suffix(".md").read_text(encoding="utf-8").split("## Notes", 1)[1]
    assert "- pdf: load average" in notes and "ran at a smaller size" in notes and "- formats: load average" in notes
