"""discover(): recursive, sniffed by content, one entry per content, every skip explained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor.batch import discover
from extractor.readers import PDF, TEXT


def test_walks_folders_sniffs_content_and_drops_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "report.pdf").write_text("这是正文，不是 PDF", encoding="utf-8")  # the name lies
    (tmp_path / "a" / "b" / "scan").write_bytes(b"%PDF-1.7\n%...")  # no suffix at all
    (tmp_path / "a" / "b" / "copy.txt").write_text("这是正文，不是 PDF", encoding="utf-8")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    found = discover([tmp_path])
    by_name = {Path(f.path).name: f.media_type for f in found.files}
    # sorted walk: a/b/copy.txt comes before a/report.pdf, so the copy is the one kept
    assert by_name == {"scan": PDF, "copy.txt": TEXT}
    reasons = {Path(s.path).name: s.code for s in found.skipped}
    assert reasons == {"report.pdf": "duplicate", "junk.bin": "unrecognised", "empty.txt": "unrecognised"}
    dup = next(s for s in found.skipped if s.code == "duplicate")
    assert dup.reason.endswith("copy.txt")


def test_symlink_loops_broken_links_and_fifos_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "r.txt").write_text("年度报告", encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "d" / "dangling")
    os.mkfifo(tmp_path / "d" / "pipe")
    found = discover([tmp_path, tmp_path / "missing"])
    assert [Path(f.path).name for f in found.files] == ["r.txt"]
    codes = sorted((Path(s.path).name, s.code) for s in found.skipped)
    assert codes == [("dangling", "missing"), ("loop", "loop"), ("missing", "missing"), ("pipe", "not_regular")]


def test_unreadable_file_is_recorded_and_the_walk_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("报告二", encoding="utf-8")
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded)
    found = discover([tmp_path])
    assert [Path(f.path).name for f in found.files] == ["ok.txt"]
    assert [(Path(s.path).name, s.code, s.reason) for s in found.skipped] == [
        ("secret.txt", "unreadable", "Permission denied")]
