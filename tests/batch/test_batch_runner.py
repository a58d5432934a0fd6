"""run_batch with the local process pool: failures are recorded, everything good still lands."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from sqlalchemy import create_engine, select
from test_batch_fakes import fake_extract, pid_extract, write_corpus

from extractor.batch import run_batch
from extractor.batch.pool import LocalPool
from extractor.batch.worker import Task
from extractor.settings import Settings
from extractor.sinks.migrations import failures, reports
from extractor.version import __version__


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _stored(db: Path) -> tuple[set[str], dict[str, tuple[str, str, str]]]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        done = {r.sha256 for r in conn.execute(select(reports.c.sha256))}
        failed = {r.sha256: (r.stage, r.code, r.file) for r in conn.execute(select(failures))}
    engine.dispose()
    return done, failed


def test_corrupt_files_fail_and_every_good_file_lands(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "in", 38, corrupt=2)  # 2 of 40 = 5 % corrupt
    db = tmp_path / "out.db"
    summary = run_batch([tmp_path / "in"], f"sqlite:///{db}", workers=2, timeout_s=20, memory_mb=2048,
                        extract_fn=fake_extract, progress=False)
    good = {_sha(p) for p in paths if p.suffix == ".txt"}
    bad = {_sha(p) for p in paths if p.suffix == ".pdf"}
    done, failed = _stored(db)
    assert (summary.discovered, summary.done, summary.failed, summary.skipped) == (40, 38, 2, 0)
    assert done == good
    assert set(failed) == bad
    assert {v[:2] for v in failed.values()} == {("read", "corrupt")}
    assert summary.exit_code == 1
    assert {f.code for f in summary.failures} == {"corrupt"}
    # seeds 0, 5, 10 … carry a failing R1 in the fake reports
    assert sorted(Path(f.file).name for f in summary.failing_checks)[:2] == ["report_000.txt", "report_005.txt"]
    assert all(f.check_ids == ("R1",) for f in summary.failing_checks)


def test_rerun_skips_what_is_done(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6, corrupt=1)
    db = f"sqlite:///{tmp_path / 'out.db'}"
    first = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False)
    second = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False)
    assert (first.done, first.failed) == (6, 1)
    assert (second.done, second.failed, second.skipped) == (0, 0, 7)
    third = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False, retry_failed=True)
    assert (third.done, third.failed, third.skipped) == (0, 1, 6)
    done, failed = _stored(tmp_path / "out.db")
    assert (len(done), len(failed)) == (6, 1)  # the retried failure replaced, not duplicated


def test_hanging_file_times_out_while_others_land(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6, extra={"hang.txt": "mode=sleep\n"})
    db = tmp_path / "out.db"
    start = time.monotonic()
    summary = run_batch([tmp_path / "in"], f"sqlite:///{db}", workers=2, timeout_s=1.5, memory_mb=2048,
                        extract_fn=fake_extract, progress=False)
    assert time.monotonic() - start < 15  # the 60 s sleep was cut short
    assert (summary.done, summary.failed) == (6, 1)
    (record,) = summary.failures
    assert (Path(record.file).name, record.stage, record.code) == ("hang.txt", "extract", "timeout")
    assert "1.5 s" in record.reason
    done, failed = _stored(db)
    assert len(done) == 6 and [v[1] for v in failed.values()] == ["timeout"]


def test_memory_hog_and_crash_are_recorded(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 5, extra={"hog.txt": "mode=hog\n", "crash.txt": "mode=crash\n",
                                            "bug.txt": "mode=bug\n"})
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "in"], out, workers=2, timeout_s=20, memory_mb=1024,
                        extract_fn=fake_extract, progress=False)
    codes = {Path(f.file).name: f.code for f in summary.failures}
    assert codes == {"hog.txt": "memory_limit", "crash.txt": "worker_crashed", "bug.txt": "internal_error"}
    assert summary.done == 5
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(x)["source"]["extractor_version"] == __version__ for x in lines)
    failure_lines = (tmp_path / "out.failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["code"] for x in failure_lines) == ["internal_error", "memory_limit",
                                                                     "worker_crashed"]


def test_csv_sink_through_the_runner(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 4, corrupt=1)
    summary = run_batch([tmp_path / "in"], tmp_path / "csv", workers=1, extract_fn=fake_extract, progress=False)
    assert (summary.done, summary.failed) == (4, 1)
    requests_csv = (tmp_path / "csv" / "requests.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(requests_csv) == 5
    assert len((tmp_path / "csv" / "failures.csv").read_text(encoding="utf-8-sig").splitlines()) == 2


def test_summary_describes_failures_for_people(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 2, corrupt=1)
    (tmp_path / "in" / "junk.bin").write_bytes(bytes(range(256)))
    summary = run_batch([tmp_path / "in"], tmp_path / "o.jsonl", workers=1, extract_fn=fake_extract, progress=False)
    text = summary.describe()
    assert text.splitlines()[0].startswith("2 extracted, 1 failed, 0 already done, 1 not taken")
    assert "FAILED " in text and "read/corrupt: no cross-reference table" in text
    assert "junk.bin: content is not a known document format" in text


def test_progress_bar_draws_on_a_terminal_and_is_silent_otherwise() -> None:
    from io import StringIO

    from rich.console import Console

    from extractor.batch.progress import BatchProgress

    tty = StringIO()
    with BatchProgress(3, console=Console(file=tty, force_terminal=True, width=100)) as bar:
        for ok in (True, False, True):
            bar.advance(ok)
    assert bar.enabled and "3/3" in tty.getvalue() and "1 failed" in tty.getvalue()
    pipe = StringIO()
    with BatchProgress(3, console=Console(file=pipe)) as quiet:
        quiet.advance(True)
    assert not quiet.enabled and pipe.getvalue() == ""


def _model_set(folder: Path, data_hash: str) -> Path:
    """The smallest folder `check_model_set` accepts: a labels/meta.json like `xxgk train --from-db` writes."""
    (folder / "labels").mkdir(parents=True)
    (folder / "labels" / "meta.json").write_text(json.dumps({"name": "labels", "data_hash": data_hash}), encoding="utf-8")
    return folder


def test_rerun_with_another_model_set_extracts_again(tmp_path: Path) -> None:
    from extractor.model_sets import extraction_version
    from extractor.settings import Settings

    write_corpus(tmp_path / "in", 4, corrupt=0)
    db = f"sqlite:///{tmp_path / 'out.db'}"
    corrected = Settings(model_dir=_model_set(tmp_path / "set-a", "aaa"))
    shipped = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False)
    with_set = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False, settings=corrected)
    again = run_batch([tmp_path / "in"], db, workers=2, extract_fn=fake_extract, progress=False, settings=corrected)
    assert (shipped.done, with_set.done, with_set.skipped, again.done, again.skipped) == (4, 4, 0, 0, 4)

    engine = create_engine(db)
    with engine.connect() as conn:
        versions = sorted({r.extractor_version for r in conn.execute(select(reports.c.extractor_version))})
    engine.dispose()
    assert versions == sorted([__version__, extraction_version(corrected)])
    assert extraction_version(corrected).startswith(f"{__version__}+models.")
    other = Settings(model_dir=_model_set(tmp_path / "set-b", "bbb"))
    assert extraction_version(other) != extraction_version(corrected)  # a set trained on other data is another key


def test_a_worker_is_replaced_after_its_share_of_files(tmp_path: Path) -> None:
    paths = [p for p in write_corpus(tmp_path / "in", 7) if p.suffix == ".txt"]
    tasks = [Task(str(p), _sha(p), "text/plain") for p in paths]
    with LocalPool(pid_extract, Settings(), workers=1, timeout_s=20, memory_mb=2048, tasks_per_worker=3) as pool:
        outcomes = list(pool.run(tasks))
    assert all(o.ok for o in outcomes) and len(outcomes) == 7
    pids = [p.with_suffix(".pid").read_text(encoding="utf-8") for p in paths]
    assert len(set(pids)) == 3  # files 1-3, 4-6 and 7 each read by a fresh process: none lost on the way
