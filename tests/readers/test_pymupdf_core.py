"""PyMuPDF without its layout add-ons reads exactly what the full import reads; the layout setting still works.

Each case is a fresh interpreter: what matters is which import of PyMuPDF comes first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.synth import generate

_EXTRACT = """
import hashlib, json, sys
if sys.argv[2] == "full-import-first":
    import pymupdf  # noqa: F401  PyMuPDF's own import, with pymupdf.layout and pymupdf4llm
from extractor.api import extract
from extractor.settings import Settings
report = extract(sys.argv[1], Settings(use_layout_model=sys.argv[2] == "layout-model"))
import pymupdf
tools = pymupdf.TOOLS
print(json.dumps({"sha256": hashlib.sha256(report.to_json().encode()).hexdigest(), "agency": report.report.agency,
                  "layout_loaded": "pymupdf.layout" in sys.modules, "onnxruntime": "onnxruntime" in sys.modules,
                  "switches": [tools.mupdf_display_errors(), tools.mupdf_display_warnings(), tools.unset_quad_corrections()]}))
"""


def _extract(pdf: Path, mode: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _EXTRACT, str(pdf), mode], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout  # nothing else on stdout (PyMuPDF's layout hint would be)
    result: dict[str, object] = json.loads(lines[0])
    return result


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("core")
    return generate(2, ["2019", "2021"], ["pdf"], seed=12, out_dir=folder, variants=["page_split", "vertical_labels"])


def test_the_lean_import_reads_what_the_full_import_reads(pdfs: list[Path]) -> None:
    for pdf in pdfs:
        lean = _extract(pdf, "lean")
        full = _extract(pdf, "full-import-first")
        assert lean["layout_loaded"] is False and lean["onnxruntime"] is False
        assert full["layout_loaded"] is True
        assert lean["switches"] == full["switches"]  # the process-wide settings the add-ons' import made
        assert lean["sha256"] == full["sha256"]


@pytest.mark.slow
def test_the_layout_model_setting_still_loads_the_model(pdfs: list[Path]) -> None:
    gold = json.loads(pdfs[1].with_name(pdfs[1].stem + ".gold.json").read_text(encoding="utf-8"))
    with_model = _extract(pdfs[1], "layout-model")
    assert with_model["layout_loaded"] is True and with_model["onnxruntime"] is True
    assert with_model["agency"] == gold["report"]["agency"]


def test_a_damaged_pdf_gives_one_line_and_no_mupdf_chatter(pdfs: list[Path], tmp_path: Path) -> None:
    """MuPDF reports each repair on stderr (with raw bytes of the file); the CLI promises one line per failure."""
    import re

    data = bytearray(pdfs[0].read_bytes())
    for match in re.finditer(rb"stream\r?\n", bytes(data)):  # garbage inside every compressed stream
        data[match.end() + 20 : match.end() + 28] = b"\x8bGARBAGE"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    xxgk = Path(sys.executable).with_name("xxgk")
    done = subprocess.run([str(xxgk), "extract", str(damaged)], capture_output=True, check=False)
    assert done.returncode == 1
    assert done.stderr.decode("utf-8").splitlines() == [
        f"xxgk: {damaged}: no report title, sections or disclosure tables found"]
