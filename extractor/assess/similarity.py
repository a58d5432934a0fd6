"""Copy-paste (雷同): how much of a report's prose is found again in another report, and where.

Prose is compared masked (numbers, years and the agency's own name folded, extractor/assess/prose.py),
as character shingles. Candidate pairs come from MinHash LSH (datasketch) over the whole batch, so
hundreds of reports are not compared pair by pair; the same agency's previous year is always
compared. For each pair the exact share of shingles found in the other report (containment) is the
score, and the shared passages — runs of sentences found in both — are listed with their offsets in
both reports. Wording used by more than `boilerplate_share` of the batch's agencies is the common
template (when the batch has enough agencies to tell): a pair is copying only when, besides the
overall share, at least `distinct_min` of the wording that is NOT common template is shared too, so
two reports that only follow the same provincial template are not flagged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from .config import CopyConfig
from .prose import Sentence, sentences
from .sources import ReportItem
from .verdict import SharedPassage, SimilarPair

_NUM_PERM = 64
_LSH_THRESHOLD = 0.3  # Jaccard at which a pair becomes a candidate; containment is computed exactly after
_SENTENCE_MATCH = 0.8  # share of a sentence's shingles found in the other report for the sentence to match


@dataclass
class _Prose:
    item: ReportItem
    sentences: list[Sentence]
    shingles: list[set[str]] = field(default_factory=list)  # per sentence
    all: set[str] = field(default_factory=set)
    scored: set[str] = field(default_factory=set)  # all minus boilerplate

    @property
    def chars(self) -> int:
        return sum(len(s.masked) for s in self.sentences)


def _shingles(text: str, k: int) -> set[str]:
    return {text[i : i + k] for i in range(len(text) - k + 1)} if len(text) >= k else {text}


@dataclass(frozen=True)
class SimilarityIndex:
    """The batch's prose, its boilerplate and its candidate pairs."""

    prose: dict[str, _Prose]  # by sha256 + file
    boilerplate: frozenset[str]
    candidates: frozenset[tuple[str, str]]


def key_of(item: ReportItem) -> str:
    return f"{item.sha256}|{item.file}"


def build_index(items: Sequence[ReportItem], config: CopyConfig) -> SimilarityIndex:
    prose: dict[str, _Prose] = {}
    for item in items:
        found = sentences(item.report)
        p = _Prose(item, found, [_shingles(s.masked, config.shingle_chars) for s in found])
        p.all = set().union(*p.shingles) if p.shingles else set()
        prose[key_of(item)] = p
    agencies: dict[str, set[str]] = defaultdict(set)
    for key, p in prose.items():
        owner = p.item.agency_key or key
        for shingle in p.all:
            agencies[shingle].add(owner)
    n_agencies = len({p.item.agency_key or k for k, p in prose.items()})
    boilerplate: frozenset[str] = frozenset()
    if n_agencies >= config.boilerplate_min_agencies:
        limit = config.boilerplate_share * n_agencies
        boilerplate = frozenset(s for s, owners in agencies.items() if len(owners) > limit)
    lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=_NUM_PERM)
    for key in sorted(prose):
        p = prose[key]
        p.scored = p.all - boilerplate
        if p.scored:
            lsh.insert(key, _minhash(p.scored))
    candidates: set[tuple[str, str]] = set()
    for key in sorted(prose):
        if prose[key].scored:
            for other in lsh.query(_minhash(prose[key].scored)):
                if other != key:
                    candidates.add((min(key, other), max(key, other)))
    return SimilarityIndex(prose, boilerplate, frozenset(candidates))


def _minhash(shingles: set[str]) -> MinHash:
    m = MinHash(num_perm=_NUM_PERM, seed=1)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return m


def containment(index: SimilarityIndex, a: str, b: str) -> float:
    """Share of a's shingles found in b."""
    mine = index.prose[a].all
    return len(mine & index.prose[b].all) / len(mine) if mine else 0.0


def distinct_containment(index: SimilarityIndex, a: str, b: str) -> float:
    """Share of a's shingles outside the batch's common template found in b (0 when a has none)."""
    mine = index.prose[a].scored
    return len(mine & index.prose[b].all) / len(mine) if mine else 0.0


def is_copy(index: SimilarityIndex, a: str, b: str, level: float, config: CopyConfig) -> bool:
    """a's prose is in b at `level` or more, and so is a fair share of its non-template wording."""
    return containment(index, a, b) >= level and distinct_containment(index, a, b) >= config.distinct_min


def compare_pair(index: SimilarityIndex, a: str, b: str, relation: str, config: CopyConfig) -> SimilarPair:
    """The containment of a in b, per section, and the passages of a found in b."""
    pa, pb = index.prose[a], index.prose[b]
    by_text: dict[str, Sentence] = {}
    for s in pb.sentences:
        by_text.setdefault(s.masked, s)
    matched: list[Sentence | None] = []  # the b sentence each a sentence matches, or None
    for sentence, shingles in zip(pa.sentences, pa.shingles, strict=True):
        if not shingles - index.boilerplate:
            matched.append(None)
            continue
        other = by_text.get(sentence.masked)
        if other is None and len(shingles & pb.all) >= _SENTENCE_MATCH * len(shingles):
            other = _best(shingles, pb)
        matched.append(other)
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for sentence, other in zip(pa.sentences, matched, strict=True):
        totals[sentence.section] += len(sentence.masked)
        if other is not None:
            hits[sentence.section] += len(sentence.masked)
    passages = _passages(pa, matched)
    passages.sort(key=lambda p: (-p.chars, p.section, p.span))
    item, other_item = pa.item, pb.item
    return SimilarPair(
        file=item.file, agency=item.report.report.agency, year=item.year,
        other_file=other_item.file, other_agency=other_item.report.report.agency, other_year=other_item.year,
        relation="previous_year" if relation == "previous_year" else "other_agency",
        containment=round(containment(index, a, b), 4),
        distinct=round(distinct_containment(index, a, b), 4),
        sections={k: round(hits[k] / totals[k], 4) for k in totals if totals[k]},
        passages=passages[: config.max_passages])


def _best(shingles: set[str], other: _Prose) -> Sentence | None:
    scored = [(len(shingles & s), -i) for i, s in enumerate(other.shingles)]
    if not scored:
        return None
    overlap, neg_index = max(scored)
    return other.sentences[-neg_index] if overlap else None


def _passages(pa: _Prose, matched: list[Sentence | None]) -> list[SharedPassage]:
    """Runs of consecutive matched sentences of one section, each with where it sits in the other report."""
    out: list[SharedPassage] = []
    run: list[tuple[Sentence, Sentence]] = []

    def close() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        section_text = pa.item.report.sections[first[0].section]
        same_other = first[1].section == last[1].section and last[1].end > first[1].start
        out.append(SharedPassage(
            section=first[0].section, span=(first[0].start, last[0].end),
            text=section_text[first[0].start : last[0].end],
            other_section=first[1].section,
            other_span=(first[1].start, last[1].end if same_other else first[1].end),
            chars=sum(len(s.masked) for s, _ in run)))
        run.clear()

    for sentence, other in zip(pa.sentences, matched, strict=True):
        if other is None or (run and run[-1][0].section != sentence.section):
            close()
        if other is not None:
            run.append((sentence, other))
    close()
    return out
