"""The adversarial corpus generator: large enough, every hostile kind present, deterministic."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from adversarial import CRASH_CODES, Case, build


def _digests(cases: list[Case], root: Path) -> dict[str, str]:
    return {str(c.path.relative_to(root)): hashlib.sha256(c.path.read_bytes()).hexdigest()
            for c in cases if c.path.is_file() and not c.path.is_symlink() and c.kind not in ("unreadable", "encrypted", "encrypted-empty-pw")
            and c.path.stat().st_size < 50 * 1024 * 1024}


def test_corpus_size_and_kinds(adversarial_corpus: tuple[Path, list[Case]]) -> None:
    _corpus, cases = adversarial_corpus
    assert len(cases) >= 200
    kinds = {c.kind for c in cases}
    for kind in ("good", "truncated-pdf", "truncated-docx", "truncated-html", "truncated-txt", "bitflip-pdf",
                 "bitflip-docx", "encrypted", "encrypted-empty-pw", "zero-pages", "too-many-pages", "giant-page",
                 "flate-bomb", "docx-zip-bomb", "pdf-image-bomb", "png-bomb", "docx-entities", "html-charset",
                 "html-one-line-10mb", "html-deep", "garbage", "zip-container", "empty", "symlink-folder-loop",
                 "symlink-self-loop", "unreadable", "file-too-large"):
        assert kind in kinds, kind
    assert all(not (c.expect & CRASH_CODES) for c in cases)
    assert sum(c.good for c in cases) >= 20


@pytest.mark.slow
def test_corpus_is_deterministic(adversarial_corpus: tuple[Path, list[Case]], tmp_path: Path) -> None:
    corpus, cases = adversarial_corpus
    again = build(tmp_path)
    assert _digests(cases, corpus) == _digests(again, tmp_path / "corpus")
