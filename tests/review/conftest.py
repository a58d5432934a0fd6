"""Reports for the review app's tests: generated PDFs and text formats, extracted once per session,
stored into a fresh database per test (SQLite here; the PostgreSQL fixture comes from the sink tests)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from extractor.api import extract
from extractor.model import Report
from extractor.sinks.base import ReportResult
from extractor.sinks.migrations import reports
from extractor.sinks.sql import SqlSink
from extractor.synth import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sinks"))
from test_sinks_sql import pg_url  # noqa: E402,F401  (the throwaway PostgreSQL server, shared)

Store = Callable[[Engine, Report, str], int]


@pytest.fixture(scope="session")
def broken_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Seed 3, one relation broken each: [3] is a 2021 report failing R2 (its 商业企业 and 总计 columns),
    [2] a 2019 report whose narrative states its year with a published count."""
    return generate(4, ["2019", "2021"], ["pdf"], 3, tmp_path_factory.mktemp("broken"), break_relation=True)


@pytest.fixture(scope="session")
def text_docs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A 2021 report as HTML, DOCX and tab-separated text (seed 5): no pages, running text only."""
    return generate(3, ["2021"], ["html", "docx", "txt"], 5, tmp_path_factory.mktemp("text"))


@pytest.fixture(scope="session")
def extracted() -> Callable[[Path], Report]:
    cache: dict[Path, Report] = {}

    def get(path: Path) -> Report:
        if path not in cache:
            cache[path] = extract(path)
        return cache[path]
    return get


def store(engine: Engine, report: Report, file: str) -> int:
    """Write one report as the batch does (the path as discovered) and return its id."""
    sink = SqlSink(engine)
    sink.write_report(ReportResult(file, report.source.sha256, report.source.extractor_version, report))
    with engine.connect() as conn:
        return int(conn.execute(select(reports.c.id).where(reports.c.sha256 == report.source.sha256)).scalar_one())


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return SqlSink(f"sqlite:///{tmp_path / 'review.db'}").engine
