"""SQL sink: migrations recorded, one transaction per report, identical rows on SQLite and PostgreSQL."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
from test_batch_cross_year import assert_cross_year, populate  # noqa: E402
from test_batch_fakes import make_report  # noqa: E402

from extractor.sinks import FailureRecord, ReportResult, SinkError, open_sink  # noqa: E402
from extractor.sinks.migrations import (  # noqa: E402
    LATEST,
    cells,
    checks,
    metadata,
    narrative_items,
    reports,
    schema_version,
)
from extractor.sinks.sql import SqlSink, dump_rows  # noqa: E402
from extractor.version import __version__  # noqa: E402

PG_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pg.sh"


def _pg_binaries() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or shutil.which("initdb") is not None


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """XXGK_TEST_PG_URL if set, else a throwaway server from scripts/pg.sh (stopped afterwards)."""
    if os.environ.get("XXGK_TEST_PG_URL"):
        yield os.environ["XXGK_TEST_PG_URL"]
        return
    if not _pg_binaries():
        pytest.skip("no PostgreSQL binaries (apt-get install postgresql-15); set XXGK_TEST_PG_URL to use a server")
    env = dict(os.environ, XXGK_PG_DIR=f"/tmp/xxgk-pg-{uuid.uuid4().hex[:12]}")
    done = subprocess.run(["bash", str(PG_SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        subprocess.run(["bash", str(PG_SCRIPT), "stop"], env=env, capture_output=True, timeout=60)
        pytest.fail(f"scripts/pg.sh start failed: {done.stderr}")
    try:
        yield done.stdout.strip()
    finally:
        subprocess.run(["bash", str(PG_SCRIPT), "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture
def pg_sink(pg_url: str) -> Iterator[SqlSink]:
    """A clean schema per test: drop everything the migrations made, then migrate afresh."""
    sink = SqlSink(pg_url)
    with sink.engine.begin() as conn:
        metadata.drop_all(conn)  # every table the migrations made, in dependency order
    sink.close()
    sink = SqlSink(pg_url)
    yield sink
    sink.close()


def _result(i: int, **kw: object) -> ReportResult:
    sha = f"{i:064x}"
    report = make_report(file=f"r{i}.pdf", sha256=sha, agency="淮安市人民政府", year=2020 + i, seed=i,
                         **kw)  # type: ignore[arg-type]
    return ReportResult(f"in/r{i}.pdf", sha, __version__, report)


def _fill(sink: SqlSink) -> None:
    sink.write_report(_result(1))
    sink.write_report(_result(2, template="2019", cells={"proactive.gov_procurement.amount_yuan": 75394432.52}))
    sink.write_report(_result(1))  # the same key again: stored once
    sink.write_failure(FailureRecord("in/bad.pdf", "f" * 64, __version__, "read", "corrupt", "截断的 PDF"))
    populate(sink)


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_sqlite_schema_rows_and_wal(tmp_path: Path) -> None:
    sink = open_sink(f"sqlite:///{tmp_path / 'x.db'}")
    assert isinstance(sink, SqlSink)
    _fill(sink)
    e = sink.engine
    with e.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(select(schema_version.c.version)).scalars().all() == list(range(1, LATEST + 1))
        doc = conn.execute(select(reports.c.document).where(reports.c.sha256 == f"{1:064x}")).scalar_one()
        money = conn.execute(select(cells.c.value).where(
            cells.c.row == "gov_procurement", cells.c.col == "amount_yuan")).scalars().all()
        prov = conn.execute(select(cells.c.raw, cells.c.page, cells.c.bbox).where(
            cells.c.row == "new_requests", cells.c.col == "natural_person")).first()
    assert _count(e, reports) == 8
    assert doc["report"]["agency"] == "淮安市人民政府" and doc["tables"]["requests"]["carried_forward"]
    assert 75394432.52 in money
    assert prov is not None and prov.page == 3 and prov.bbox == [72.1, 210.4, 98.0, 222.9]
    assert _count(e, narrative_items) == 8 * 5  # published, platform, problem, fix, fee
    assert _count(e, checks) == 8 * 5
    assert sink.done_keys(include_failures=False) == sink.done_keys() - {("f" * 64, __version__)}
    # every canonical cell is a row, null ones included: table 2 has 10 cells (2021) or 22 (2019)
    per_report = {"2021": 10 + 26 * 7 + 15, "2019": 22 + 26 * 7 + 15}
    with e.connect() as conn:
        templates = conn.execute(select(reports.c.template)).scalars().all()
    assert _count(e, cells) == sum(per_report[t] for t in templates)
    sink.close()


def test_a_report_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sink = SqlSink(f"sqlite:///{tmp_path / 'x.db'}")
    import extractor.sinks.sql as sql

    def broken(_report: object) -> list[dict[str, object]]:
        raise RuntimeError("disk went away mid-report")

    monkeypatch.setattr(sql, "narrative_rows", broken)
    with pytest.raises(SinkError, match="in/r1.pdf"):
        sink.write_report(_result(1))
    assert (_count(sink.engine, reports), _count(sink.engine, cells)) == (0, 0)
    monkeypatch.undo()
    sink.write_report(_result(1))
    assert _count(sink.engine, reports) == 1
    sink.close()


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    SqlSink(url).close()
    sink = SqlSink(url)
    assert sink.schema_version == LATEST
    assert _count(sink.engine, schema_version) == LATEST
    sink.close()


def test_postgresql_stores_the_same_rows_as_sqlite(tmp_path: Path, pg_sink: SqlSink) -> None:
    lite = SqlSink(f"sqlite:///{tmp_path / 'x.db'}")
    _fill(lite)
    _fill(pg_sink)
    with pg_sink.engine.connect() as conn:
        kind = conn.execute(text(
            "select data_type from information_schema.columns where table_name='reports' and column_name='document'"
        )).scalar()
    assert kind == "jsonb"
    a, b = dump_rows(lite.engine), dump_rows(pg_sink.engine)
    assert {k: len(v) for k, v in a.items()} == {k: len(v) for k, v in b.items()}
    assert a == b
    lite.close()


def test_cross_year_on_postgresql(pg_sink: SqlSink) -> None:
    populate(pg_sink)
    assert_cross_year(pg_sink.engine)
