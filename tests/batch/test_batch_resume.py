"""A batch SIGKILLed part-way and run again ends with exactly the rows of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from test_batch_fakes import fake_extract, write_corpus

from extractor.batch import run_batch
from extractor.sinks.sql import dump_rows

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
N_GOOD, N_CORRUPT = 30, 2

SCRIPT = """
import sys
from extractor.batch import run_batch
from test_batch_fakes import slow_extract
run_batch([sys.argv[1]], sys.argv[2], workers=2, timeout_s=30, memory_mb=2048,
          extract_fn=slow_extract, progress=False)
"""


def _count(kind: str, target: Path) -> int:
    """Stored results so far, read without touching the files the batch is writing."""
    if kind == "sqlite":
        if not target.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as conn:
                return int(conn.execute("select count(*) from reports").fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # schema not created yet
    if kind == "jsonl":
        return target.read_bytes().count(b"\n") if target.exists() else 0
    last = target / "review_litigation.csv"
    return max(0, last.read_bytes().count(b"\n") - 1) if last.exists() else 0


def _spec(kind: str, target: Path) -> str:
    return f"sqlite:///{target}" if kind == "sqlite" else str(target)


def _snapshot(kind: str, target: Path) -> object:
    if kind == "sqlite":
        engine = create_engine(f"sqlite:///{target}")
        rows = dump_rows(engine)
        engine.dispose()
        return rows
    if kind == "jsonl":
        fail = target.with_name(target.stem + ".failures.jsonl")
        return sorted(target.read_text(encoding="utf-8").splitlines()), sorted(
            fail.read_text(encoding="utf-8").splitlines())
    return {p.name: sorted(p.read_text(encoding="utf-8-sig").splitlines()) for p in sorted(target.glob("*.csv"))}


@pytest.mark.parametrize("kind", ["sqlite", "jsonl", "csv"])
def test_sigkill_then_rerun_equals_uninterrupted(tmp_path: Path, kind: str) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, N_GOOD, corrupt=N_CORRUPT)
    names = {"sqlite": "out.db", "jsonl": "out.jsonl", "csv": "csv"}
    killed, clean = tmp_path / "killed" / names[kind], tmp_path / "clean" / names[kind]
    killed.parent.mkdir()
    clean.parent.mkdir()

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), str(REPO)]))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(corpus), _spec(kind, killed)], env=env,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while _count(kind, killed) < 5:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the batch stored nothing within 30 s"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()
    at_kill = _count(kind, killed)
    assert 5 <= at_kill < N_GOOD, "the kill must land part-way through"

    resumed = run_batch([corpus], _spec(kind, killed), workers=2, extract_fn=fake_extract, progress=False)
    assert resumed.skipped >= 5 and resumed.done + resumed.skipped + resumed.failed >= N_GOOD + N_CORRUPT
    run_batch([corpus], _spec(kind, clean), workers=2, extract_fn=fake_extract, progress=False)
    assert _snapshot(kind, killed) == _snapshot(kind, clean)
    assert _count(kind, killed) == N_GOOD
