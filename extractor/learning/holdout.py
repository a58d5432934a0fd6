"""The evaluation sets never become training data, whoever corrects them.

Three sets measure the project: the real reports of ../shared/corpus (gold checked by hand), the
real sentences of ../shared/narrative (the narrative development set), and the generated sets of
fixed seeds that tests and benchmarks score. A correction of one of their documents is a reviewer's
work like any other, but learning from it would make those numbers lie, so such reports and
sentences are left out, and the training meta says how many. This is the only use training makes
of ../shared: it reads the sets to keep them out and never scores them (a retrained narrative model
is compared with the shipped one on training_data's own dev split).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..resources import SOURCE_ROOT

SHARED_DIR = SOURCE_ROOT.parent / "shared"
# Generated sets that are scored: tests/test_generated_accuracy.py (2026), the README's tables (11, 40 scans,
# 7 narrative), `make bench` (20240607), the correction-loop benchmark's held-out reports (LOOP_EVALUATION_SEED).
LOOP_EVALUATION_SEED = 1302
EVALUATION_SEEDS: frozenset[int] = frozenset({2026, 11, 40, 7, 20240607, LOOP_EVALUATION_SEED})
_GENERATED_NAME = re.compile(r"^(?:synth|local\d+)_(?P<seed>\d+)_\d{4}_")


@cache
def corpus_hashes(corpus: Path = SHARED_DIR / "corpus") -> frozenset[str]:
    """sha256 of every real report of the evaluation corpus (empty where ../shared is not present)."""
    if not corpus.is_dir():
        return frozenset()
    return frozenset(hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(corpus.iterdir())
                     if p.is_file() and not p.name.endswith(".json"))


def evaluation_set_of(source: Path, sha256: str) -> str | None:
    """Which evaluation set a corrected document belongs to, or None when it may be learned from."""
    if sha256 in corpus_hashes():
        return "the real-report corpus (../shared/corpus)"
    match = _GENERATED_NAME.match(source.name)
    if match and int(match.group("seed")) in EVALUATION_SEEDS:
        return f"the generated evaluation set of seed {match.group('seed')}"
    return None


@cache
def _development_sentences() -> tuple[str, ...]:
    from ..narrative.corpus import read_jsonl
    from ..narrative.scoring import REAL_SENTENCES

    return tuple(r["text"] for r in read_jsonl(REAL_SENTENCES)) if REAL_SENTENCES.is_file() else ()


def copies_of_development_sentences(sentences: Iterable[str]) -> set[str]:
    """The sentences that are (near-)copies of a development-set sentence: never trained on."""
    from ..narrative.corpus import near_copies

    return {text for text, _ in near_copies(list(sentences), list(_development_sentences()))}
