"""Fixtures over one generated region (6 agencies × 3 years, txt/html/pdf), extracted once into
SQLite; shared by tests/assess and tests/exports (each conftest imports them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractor.assess import AssessConfig, Assessment, ReportItem, assess_items, load_config, load_database
from extractor.synth import generate_region

REGION_SEED = 1
_MADE: dict[str, tuple[Path, str]] = {}


@pytest.fixture(scope="session")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(folder of documents + golds, database URL); made once per session even though two conftests
    (tests/assess, tests/exports) register this fixture."""
    from extractor.batch import run_batch

    if "region" in _MADE:
        return _MADE["region"]
    folder = tmp_path_factory.mktemp("region")
    docs = folder / "docs"
    generate_region(docs, seed=REGION_SEED)
    url = f"sqlite:///{folder / 'region.db'}"
    run_batch([docs], url, workers=2, timeout_s=120, memory_mb=3072, dask_address=None, progress=False)
    _MADE["region"] = (docs, url)
    return docs, url


@pytest.fixture(scope="session")
def region_items(region: tuple[Path, str]) -> list[ReportItem]:
    return load_database(region[1])


@pytest.fixture(scope="session")
def config() -> AssessConfig:
    return load_config()


@pytest.fixture(scope="session")
def region_assessment(region_items: list[ReportItem], config: AssessConfig) -> Assessment:
    return assess_items(region_items, config)


def _gold_of(file: str) -> dict[str, Any]:
    path = Path(file)
    data: dict[str, Any] = json.loads(path.with_name(path.name.split(".")[0] + ".gold.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def gold_of() -> Callable[[str], dict[str, Any]]:
    """The gold record beside a generated document (its "assessment" block is the expected verdict)."""
    return _gold_of
