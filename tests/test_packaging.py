"""A wheel built from this checkout works installed (not editable) outside it: models and data inside, and a
reviewer's corrections train a model set from it (the training data ships as `xxgk_training_data`).

Offline and quick: the wheel is built without build isolation (setuptools is a dev dependency),
installed with --no-deps into a fresh venv that reaches the project venv's libraries through a
.pth file, and run from a folder outside the checkout with its own cache folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from extractor import resources

pytestmark = pytest.mark.slow
ROOT = resources.SOURCE_ROOT
# What the build reads: packaging files, the package, the models (copied, so the checkout stays untouched).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "cli.py", "extractor", "models", "training_data")
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".build")


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv with the wheel installed (not editable) and the project's dependencies reachable."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=_SKIP)
        else:
            shutil.copy2(ROOT / name, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "--disable-pip-version-check", "-q", "-w", str(work / "dist"), str(source)], cwd=work)
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("xxgk-*.whl"))
    venv = work / "venv"
    created = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work).stdout.strip())
    # The project venv's libraries (spaCy, PyMuPDF, ...) without its editable xxgk: a plain path entry
    # does not run the .pth files (the editable finder) that live in that folder.
    (site / "project_libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "-q",
                 str(wheel)], cwd=work)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout, and an environment with a fresh per-user cache folder."""
    folder = tmp_path_factory.mktemp("elsewhere")
    env = {**os.environ, "XXGK_CACHE_DIR": str(folder / "cache"), "PYTHONPATH": ""}
    return folder, env


def test_the_wheel_carries_the_models_and_data(installed: Path) -> None:
    python = installed / "python"
    code = ("import extractor, xxgk_models; from extractor import resources; "
            "print(extractor.__file__); print(resources.models_root()); print(resources.is_source_tree())")
    result = _run([str(python), "-c", code], cwd=installed)
    package, models, is_checkout = result.stdout.split()
    assert not Path(package).is_relative_to(ROOT) and "site-packages" in package
    assert Path(models).name == "xxgk_models" and (Path(models) / resources.LABELS_FOLDER / "inference.npz").is_file()
    assert (Path(models) / resources.NARRATIVE_FOLDER / "pipeline" / "config.cfg").is_file()
    assert is_checkout == "False"


def test_installed_xxgk_extracts_a_generated_report_from_outside_the_checkout(
        installed: Path, outside: tuple[Path, dict[str, str]]) -> None:
    folder, env = outside
    synth = _run([str(installed / "xxgk"), "synth", "--out", "samples", "--n", "1", "--template", "2021",
                  "--formats", "pdf", "--seed", "5", "--variants", "wrapped_headers"], cwd=folder, env=env)
    assert synth.returncode == 0, synth.stderr
    pdf = next((folder / "samples").glob("*.pdf"))
    gold = json.loads(pdf.with_name(pdf.stem + ".gold.json").read_text(encoding="utf-8"))
    site_files = sorted(p for p in installed.parent.rglob("*") if "__pycache__" not in p.parts)
    result = _run([str(installed / "xxgk"), "extract", str(pdf.relative_to(folder))], cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["report"]["agency"] == gold["report"]["agency"]
    assert report["report"]["year"] == gold["report"]["year"]
    assert report["tables"]["requests"]["new_requests"] == gold["tables"]["requests"]["new_requests"]
    assert report["tables"]["proactive"] == gold["tables"]["proactive"]
    assert {c["id"]: c["status"] for c in report["checks"]}["R1"] == "pass"
    assert report["narrative"]["published"] and report["narrative"]["fees"] is not None  # the spaCy model and jieba ran
    assert list((folder / "cache").glob("jieba-dict-*.npz"))  # jieba's dictionary went to the user cache ...
    assert sorted(p for p in installed.parent.rglob("*") if "__pycache__" not in p.parts) == site_files  # ... not the install


def test_installed_version_names_the_models_and_training_needs_a_checkout(
        installed: Path, outside: tuple[Path, dict[str, str]]) -> None:
    folder, env = outside
    version = _run([str(installed / "xxgk"), "--version"], cwd=folder, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.splitlines() == [
        "xxgk 0.1.0",
        f"labels model: {resources.LABELS_FOLDER} (version {resources.LABELS_VERSION})",
        f"narrative model: {resources.NARRATIVE_FOLDER} (version {resources.NARRATIVE_VERSION})",
    ]
    train = _run([str(installed / "xxgk"), "train", "labels"], cwd=folder, env=env)
    assert train.returncode == 1
    assert "source checkout" in train.stderr and "pip install -e" in train.stderr


# Run by the installed interpreter: two generated reports of one local template stored in SQLite and corrected
# the way the review app does (add_correction), so that `xxgk train --from-db` has something to learn.
_REVIEWED_DB = """
import json, sys
from pathlib import Path
from extractor.api import extract
from extractor.review.corrections import add_correction, corrected_document
from extractor.sinks.base import ReportResult
from extractor.sinks.sql import SqlSink
from extractor.synth import generate
from extractor.synth.reviewer import table_corrections
folder = Path(sys.argv[1])
docs = generate(2, ["2021"], ["html"], 1415, folder / "docs", family=1)
sink = SqlSink(f"sqlite:///{folder / 'reviewed.db'}")
made = 0
for number, doc in enumerate(docs, start=1):
    report = extract(doc)
    sink.write_report(ReportResult(str(doc), report.source.sha256, report.source.extractor_version, report))
    gold = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text(encoding="utf-8"))
    for path, value in table_corrections(corrected_document(sink.engine, number).view, gold):
        add_correction(sink.engine, number, path, value)
        made += 1
print(made)
"""


def test_installed_xxgk_trains_a_model_set_from_a_reviewers_corrections(
        installed: Path, outside: tuple[Path, dict[str, str]]) -> None:
    folder, env = outside
    reviewed = _run([str(installed / "python"), "-c", _REVIEWED_DB, str(folder)], cwd=folder, env=env)
    assert reviewed.returncode == 0, reviewed.stderr
    assert int(reviewed.stdout) > 0  # the local template's rows were read wrong and corrected
    train = _run([str(installed / "xxgk"), "train", "--from-db", f"sqlite:///{folder / 'reviewed.db'}",
                  "--out", str(folder / "my-models")], cwd=folder, env=env)
    assert train.returncode == 0, train.stderr
    meta = json.loads(train.stdout)
    assert Path(meta["path"]) == folder / "my-models"
    assert (folder / "my-models" / "meta.json").is_file()
    assert meta["labels"]["corrections"]["samples"] > 0
    data_root = _run([str(installed / "python"), "-c", "from extractor import resources; print(resources.training_data_root())"],
                     cwd=folder, env=env).stdout.strip()
    assert "site-packages" in data_root and Path(data_root).name == "xxgk_training_data"
