"""Shared fixtures: the real corpus in ../shared (skipped with a reason on a user's clone)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED_DIR / "corpus").is_dir():
        pytest.skip("../shared/corpus is not present (it exists only in the project's workspace and CI)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


def read_gold(corpus: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpus / f"{name}.gold.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def load_gold() -> Callable[[Path, str], dict[str, Any]]:
    """The gold JSON of a corpus document by stem: load_gold(corpus_dir, "hongze_2023")."""
    return read_gold
