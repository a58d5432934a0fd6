"""The Dask backend runs the same per-file function and stores the same rows as the local pool."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from test_batch_fakes import fake_extract, write_corpus

from extractor.batch import run_batch
from extractor.sinks.sql import dump_rows


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    engine = create_engine(f"sqlite:///{db}")
    rows = dump_rows(engine)
    engine.dispose()
    return rows


def test_local_cluster_stores_the_same_rows_as_the_local_pool(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 12, corrupt=1, extra={"hang.txt": "mode=sleep\n", "hog.txt": "mode=hog\n"})
    local = run_batch([tmp_path / "in"], f"sqlite:///{tmp_path / 'local.db'}", workers=2, timeout_s=1,
                      memory_mb=1024, extract_fn=fake_extract, progress=False)
    dask = run_batch([tmp_path / "in"], f"sqlite:///{tmp_path / 'dask.db'}", workers=2, timeout_s=1,
                     memory_mb=1024, extract_fn=fake_extract, progress=False, dask_address="local")
    assert (local.done, local.failed) == (dask.done, dask.failed) == (12, 3)
    assert {f.code for f in dask.failures} == {"corrupt", "timeout", "memory_limit"}
    a, b = _rows(tmp_path / "local.db"), _rows(tmp_path / "dask.db")
    assert len(a["reports"]) == 12 and len(a["cells"]) > 12 * 150
    assert a == b
