"""Fixtures of the hardening suite: the adversarial corpus (built once per session) and a peak-memory probe."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/ has no __init__.py: import the sibling modules

from adversarial import Case, build  # noqa: E402
from memprobe import WorkerMemoryProbe  # noqa: E402


@pytest.fixture(scope="session")
def adversarial_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    """(corpus folder, cases) — the full corpus; tests pick `case.in_subset` for the quick run."""
    out = tmp_path_factory.mktemp("adversarial")
    return out / "corpus", build(out)


@pytest.fixture
def memory_probe() -> Iterator[WorkerMemoryProbe]:
    with WorkerMemoryProbe() as probe:
        yield probe
