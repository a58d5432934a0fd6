"""The bundled sample reports (both templates as PDF, DOCX, HTML, TXT) extract with every cell right."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from extractor.evaluate import evaluate_folder
from extractor.synth import write_samples


def test_every_sample_cell_template_agency_and_year(tmp_path: Path) -> None:
    written = write_samples(tmp_path)
    assert sorted(p.suffix for p in written if not p.name.endswith(".gold.json")) == sorted(
        [".pdf", ".docx", ".html", ".txt"] * 2
    )
    with contextlib.redirect_stdout(io.StringIO()):
        scores = evaluate_folder(tmp_path)
    assert scores["failures"] == []
    assert scores["cells"]["right"] == scores["cells"]["total"], scores["worst_cells"]
    assert scores["template_accuracy"] == scores["agency_accuracy"] == scores["year_accuracy"] == 1.0
