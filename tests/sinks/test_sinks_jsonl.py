"""JSONL sink: complete lines only; a crash's partial line is cut away; disk full leaves no trace."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
from test_batch_fakes import make_report  # noqa: E402

from extractor.sinks import FailureRecord, ReportResult, SinkError, open_sink  # noqa: E402
from extractor.sinks.jsonl import JsonlSink  # noqa: E402
from extractor.version import __version__  # noqa: E402


def _result(i: int) -> ReportResult:
    sha = f"{i:064x}"
    return ReportResult(f"r{i}.pdf", sha, __version__,
                        make_report(file=f"r{i}.pdf", sha256=sha, agency="淮安市人民政府", year=2020 + i, seed=i))


def test_lines_are_contract_json_and_keys_resume(tmp_path: Path) -> None:
    sink = open_sink(tmp_path / "out.jsonl")
    assert isinstance(sink, JsonlSink)
    sink.write_report(_result(1))
    sink.write_report(_result(2))
    sink.write_failure(FailureRecord("bad.pdf", "f" * 64, __version__, "read", "corrupt", "truncated"))
    sink.close()
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["report"]["year"] for x in lines] == [2021, 2022]
    assert "淮安市人民政府" in lines[0]  # ensure_ascii=False
    again = JsonlSink(tmp_path / "out.jsonl")
    assert again.done_keys() == {(f"{1:064x}", __version__), (f"{2:064x}", __version__), ("f" * 64, __version__)}
    assert ("f" * 64, __version__) not in again.done_keys(include_failures=False)
    again.close()


def test_partial_trailing_line_is_truncated_on_open(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    sink = JsonlSink(path)
    sink.write_report(_result(1))
    sink.close()
    good = path.read_bytes()
    cut = _result(2).report.to_json().encode("utf-8")[:777]  # what a SIGKILL mid-write leaves
    path.write_bytes(good + cut)
    sink = JsonlSink(path)
    assert sink.repaired_bytes == len(cut)
    assert path.read_bytes() == good
    assert sink.done_keys() == {(f"{1:064x}", __version__)}
    sink.write_report(_result(2))
    sink.close()
    assert [json.loads(x)["source"]["sha256"][-1] for x in path.read_text(encoding="utf-8").splitlines()] == ["1", "2"]


def test_disk_full_raises_a_clear_error_and_leaves_no_partial_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.jsonl"
    sink = JsonlSink(path)
    sink.write_report(_result(1))
    before = path.read_bytes()
    real_write = os.write

    def half_then_enospc(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_enospc)
    with pytest.raises(SinkError, match="disk full"):
        sink.write_report(_result(2))
    monkeypatch.undo()
    assert path.read_bytes() == before
    sink.write_report(_result(3))  # space is back: writing goes on cleanly
    sink.close()
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
