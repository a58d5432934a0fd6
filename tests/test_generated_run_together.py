"""Run-together and signed cells on generated reports: abstain, never a wrong number.

The generator's opt-in variants make 本年增/减 negative (printed "-", "－", "−" or "+") and glue each
table into one run of text, the way page dumps lose cell boundaries and blank cells. No relation
decides table 2, so many of its cells must stay null; what is emitted must be what was printed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluate import evaluate_folder
from extractor.synth import generate

pytestmark = pytest.mark.slow


def _scores(folder: Path, add: list[str]) -> dict[str, Any]:
    generate(16, ["2019", "2021"], ["txt", "html-flat"], seed=77, out_dir=folder, add_variants=add)
    with contextlib.redirect_stdout(io.StringIO()):
        return evaluate_folder(folder)


def test_run_together_reports_have_no_wrong_cell(tmp_path: Path) -> None:
    scores = _scores(tmp_path, ["negative_change", "run_together"])
    assert scores["failures"] == []
    cells = scores["cells"]
    wrong = [w for w in scores["worst_cells"] if w["got"] is not None]
    assert cells["silent_errors"] == 0 and cells["flagged_errors"] == 0, wrong
    # everything not exact abstained; the relations of tables 3 and 4 still decide most cells
    assert cells["right"] + cells["abstained"] == cells["total"]
    # (measured on this set: table 3 84%, table 4 69%; table 4 loses runs of large numbers and lost blanks)
    assert scores["per_table"]["requests"] > 0.8 and scores["per_table"]["review_litigation"] > 0.6, scores["per_table"]
    assert "run_together" in scores["per_variant"] and "negative_change" in scores["per_variant"]


def test_negative_changes_in_cell_per_field_text_are_exact(tmp_path: Path) -> None:
    scores = _scores(tmp_path, ["negative_change"])
    cells = scores["cells"]
    assert cells["silent_errors"] == 0 and cells["flagged_errors"] == 0
    assert cells["accuracy"] >= 0.995, scores["worst_cells"][:10]
