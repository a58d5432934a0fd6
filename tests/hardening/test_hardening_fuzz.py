"""A short, deterministic fuzz run of every reader, and the regression files fuzzing produced."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import fuzz
from extractor.errors import ExtractorError
from extractor.readers import read_document
from extractor.settings import Settings

REGRESSIONS = Path(__file__).parent / "regressions"
EXPECTED: dict[str, list[str]] = json.loads((REGRESSIONS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("target", fuzz.TARGETS)
def test_mutation_fuzz_finds_no_crash(target: str, tmp_path: Path) -> None:
    result = fuzz.run_mutator(target, seconds=2.0, seed=20240101, artifacts=tmp_path, hang_s=10.0)
    assert result.executions > 0
    assert not result.crashes, [Path(p).with_suffix(".txt").read_text() for p in result.crashes]
    assert not result.hangs


def test_atheris_harness_runs(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "extractor.fuzz", "--seconds", "3", "--targets", "text",
                           "--artifacts", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    assert "0 crashes/hangs" in proc.stdout


def test_mutator_is_deterministic() -> None:
    import random

    pool = [b"%PDF-1.7 hello world", b"<html><body>x</body></html>"]
    first = [fuzz.mutate(pool[0], random.Random(5), pool) for _ in range(3)]
    again = [fuzz.mutate(pool[0], random.Random(5), pool) for _ in range(3)]
    assert first == again


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_regression_file(name: str) -> None:
    start = time.monotonic()
    try:
        read_document(REGRESSIONS / name, Settings())
        code = "ok"
    except ExtractorError as exc:
        code = exc.code
    except Exception as exc:  # noqa: BLE001 - pipeline stages beyond the reader run in test_hardening_batch
        pytest.fail(f"{name}: {type(exc).__name__}: {exc}")
    if code == "ok":
        from extractor.api import extract

        try:
            extract(REGRESSIONS / name)
        except ExtractorError as exc:
            code = exc.code
    assert code in EXPECTED[name]
    assert time.monotonic() - start < 20


def test_every_regression_file_has_an_expectation() -> None:
    files = {p.name for p in REGRESSIONS.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)
