"""Accuracy on a fixed-seed set of generated reports over every non-scan format and variant.

The build fails below 99.5% of cells, or on any silent error (a wrong number rather than a null).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from extractor.evaluate import evaluate_folder
from extractor.synth import generate

FORMATS = ["pdf", "docx", "html", "html-flat", "txt"]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    folder: Path = tmp_path_factory.mktemp("generated")
    generate(40, ["2019", "2021"], FORMATS, seed=2026, out_dir=folder)
    with contextlib.redirect_stdout(io.StringIO()):
        return evaluate_folder(folder)


def test_every_document_extracts(scores: dict) -> None:  # type: ignore[type-arg]
    assert scores["documents"] == 40
    assert scores["failures"] == []


def test_cells_at_least_99_5_percent_and_no_silent_errors(scores: dict) -> None:  # type: ignore[type-arg]
    assert scores["cells"]["accuracy"] >= 0.995, scores["worst_cells"][:10]
    assert scores["cells"]["silent_errors"] == 0, [w for w in scores["worst_cells"] if w["got"] is not None]
    assert scores["cells"]["flagged_errors"] <= 2  # OCR of a pasted table image may misread a dash


def test_per_format_and_template(scores: dict) -> None:  # type: ignore[type-arg]
    assert set(scores["per_format"]) == {"pdf", "docx", "html", "html-flat", "txt"}
    assert all(acc >= 0.99 for acc in scores["per_format"].values()), scores["per_format"]
    assert scores["template_accuracy"] == 1.0
    assert scores["agency_accuracy"] == 1.0 and scores["year_accuracy"] == 1.0
