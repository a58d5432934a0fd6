"""What a one-file `xxgk extract` imports: nothing it does not use (timings are in benchmarks/cold_start.py).

Each case runs in a fresh interpreter, as a user's command does, and lists the modules loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.synth import generate

# Heavy libraries a text PDF never needs: the trainer (scikit-learn, SciPy), OCR (OpenCV, ONNX,
# rapidocr), PyMuPDF's layout add-ons, databases, spaCy's command line, jieba's pkg_resources.
NOT_FOR_A_TEXT_PDF = ("sklearn", "scipy", "joblib", "cv2", "onnxruntime", "rapidocr", "pymupdf.layout",
                      "pymupdf4llm", "sqlalchemy", "psycopg", "dask", "spacy.cli", "weasel", "requests", "httpx",
                      "pkg_resources", "docx", "lxml", "rich", "extractor.ocr")
NOT_FOR_HELP = ("pydantic", "numpy", "spacy", "pymupdf", "jieba", "extractor.model", "extractor.pipeline")

_RUN_CLI = """
import json, sys
sys.argv = ["xxgk", *sys.argv[1:]]
from extractor.cli_app import app
try:
    app()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _cli(*args: str) -> tuple[str, dict[str, object]]:
    done = subprocess.run([sys.executable, "-c", _RUN_CLI, *args], capture_output=True, text=True, check=False)
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def _loaded(modules: object, names: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cold")
    return generate(1, ["2021"], ["pdf"], seed=5, out_dir=folder, variants=["wrapped_headers"])[0]


def test_extracting_a_text_pdf_imports_no_trainer_ocr_or_layout_model(text_pdf: Path) -> None:
    stdout, state = _cli("extract", str(text_pdf))
    assert state["exit"] == 0
    report = json.loads(stdout)
    gold = json.loads(text_pdf.with_name(text_pdf.stem + ".gold.json").read_text(encoding="utf-8"))
    assert report["tables"]["requests"] == gold["tables"]["requests"]  # the label model ran (numpy)
    assert report["narrative"]["published"]  # jieba and spaCy ran
    assert _loaded(state["modules"], NOT_FOR_A_TEXT_PDF) == []


@pytest.mark.parametrize(("args", "forbidden"), [
    (("--help",), NOT_FOR_HELP),
    (("--version",), NOT_FOR_HELP),
    (("extract", "--help"), tuple(n for n in NOT_FOR_HELP if n != "pydantic")),  # typer reads parameters with pydantic
])
def test_help_and_version_import_no_pipeline(args: tuple[str, ...], forbidden: tuple[str, ...]) -> None:
    stdout, state = _cli(*args)
    assert state["exit"] == 0 and stdout.strip()
    assert _loaded(state["modules"], forbidden) == []
