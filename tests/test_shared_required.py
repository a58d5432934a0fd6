"""Tests that need ../shared skip on a user's clone but fail in CI: a golden test cannot pass silently.

Each case runs pytest in a subprocess with XXGK_SHARED_DIR pointing at a folder that does not
exist, once as a user's clone (no CI) and once with CI=true.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# one test per way of reaching ../shared: the corpus fixture (module-scoped use), the narrative
# test set (shared_path), and a helper given the corpus folder (batch fakes)
NEEDS_SHARED = [
    "tests/test_corpus_golden.py::test_report_identity",
    "tests/narrative/test_narrative_real_sentences.py::test_training_data_holds_no_copy_of_a_test_sentence",
    "tests/batch/test_batch_fakes.py::test_gold_report_uses_the_corpus_tables",
]


def _pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["XXGK_SHARED_DIR"] = str(tmp_path / "no-shared-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *NEEDS_SHARED],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def _count(summary: str, outcome: str) -> int:
    """The number pytest's last line gives for an outcome ("7 skipped", "3 errors"), else 0."""
    match = re.search(rf"(\d+) {outcome}\b", summary.strip().splitlines()[-1] if summary.strip() else "")
    return int(match.group(1)) if match else 0


@pytest.mark.slow
def test_missing_shared_skips_with_a_reason_on_a_clone(tmp_path: Path) -> None:
    run = _pytest(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert _count(run.stdout, "skipped") >= len(NEEDS_SHARED) and _count(run.stdout, "passed") == 0
    assert "is not present" in run.stdout and "exists only in the project's workspace" in run.stdout


@pytest.mark.slow
def test_missing_shared_fails_in_ci(tmp_path: Path) -> None:
    run = _pytest(tmp_path, ci=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert _count(run.stdout, "skipped") == 0 and _count(run.stdout, "passed") == 0, run.stdout
    errors = _count(run.stdout, "errors") + _count(run.stdout, "error")
    assert errors >= len(NEEDS_SHARED), run.stdout
    assert run.stdout.count("../shared is required in CI: ../shared/") >= len(NEEDS_SHARED)


def test_no_test_skips_on_shared_by_itself() -> None:
    """Every test reaches ../shared through conftest (shared_dir, corpus_dir, shared_path), which
    knows about CI; a test's own skip on a missing shared path would pass silently in CI."""
    own_skips = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name in ("conftest.py", Path(__file__).name):
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"(skipif|skip)\(([^)]*)\)", text):
            if "shared" in match.group(2) or "CORPUS" in match.group(2) or "REAL_SENTENCES" in match.group(2):
                own_skips.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]}")
        if re.search(r'"shared"\s*/', text) and "skip" in text:
            own_skips.append(f"{path.relative_to(ROOT)}: builds a ../shared path and skips somewhere")
    assert own_skips == []
