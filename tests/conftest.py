"""Shared fixtures: the real data in ../shared, skipped with a reason on a user's clone and
required in CI (CI=true): a golden test that cannot find its data fails there instead of passing
silently as a skip. XXGK_SHARED_DIR points the tests at another copy of ../shared."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_ENV = "XXGK_SHARED_DIR"


def shared_root() -> Path:
    override = os.environ.get(SHARED_ENV, "").strip()
    return Path(override) if override else REPO_ROOT.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def need_shared(relative: str) -> Path:
    """The path ../shared/`relative`; when it is missing, skip with the reason, or fail under CI=true."""
    path = shared_root() / relative
    if not path.exists():
        missing = f"../shared/{relative} is not present ({path})"
        if in_ci():
            pytest.fail(f"../shared is required in CI: {missing}; check it out beside the repository "
                        f"or set {SHARED_ENV}", pytrace=False)
        pytest.skip(f"{missing}: it exists only in the project's workspace and CI")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    need_shared("corpus")
    return shared_root()


@pytest.fixture(scope="session")
def shared_path() -> Callable[[str], Path]:
    """need_shared as a fixture: shared_path("narrative/real_sentences.jsonl")."""
    return need_shared


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
