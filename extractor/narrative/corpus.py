"""Training corpus: hand-written sentence files → JSONL (real_sentences shape + "doc") → spaCy DocBin.

Spans of the hand-written files are proposed by the same rules the README's annotators used
(YEAR/COUNT/MONEY regexes, channel words) and corrected inline by the author ("~", [[…]], {{…}}).
The train/dev split is by document id, never by sentence, so boilerplate cannot leak across.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from itertools import groupby
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import DocBin

from .gazetteer import gazetteer_spans
from .sequence import PART_CATS, PARTS
from .values import COUNT_RE, MONEY_RE, YEAR_RE, parse_count, parse_money

CATS: tuple[str, ...] = ("PROBLEM", "FIX", "FEE", "PUBLISHED", "REQUEST_STATS")
LABELS: tuple[str, ...] = ("COUNT", "PLATFORM", "MONEY", "YEAR")
_CAT_CODES = {"B": "PROBLEM", "X": "FIX", "F": "FEE", "P": "PUBLISHED", "R": "REQUEST_STATS"}
_DOC_HEAD = re.compile(r"^##\s*doc\s+(?P<doc>\S+)\s*\|\s*(?P<agency>[^|]*)\|\s*(?P<year>\d{4})")
_MARKUP = re.compile(r"\[\[(?P<force>.+?)\]\]|\{\{(?P<hide>.+?)\}\}|~")
Record = dict[str, Any]


def _span(start: int, end: int, label: str, text: str) -> Record:
    value: int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    if label == "COUNT":
        parsed = parse_count(text[start:end])
        if parsed:
            value, unit, qualifier = parsed.value, parsed.unit, parsed.qualifier
    elif label == "MONEY":
        value, unit = parse_money(text[start:end]), "元"
    elif label == "YEAR":
        value = int(re.sub(r"\D", "", text[start:end]))
    return {"start": start, "end": end, "label": label, "value": value, "unit": unit, "qualifier": qualifier}


def rule_spans(text: str, forced: list[tuple[int, int]], hidden: list[tuple[int, int]], blocked: set[int]) -> list[Record]:
    """The annotators' rules: YEAR, COUNT (not 人次), MONEY, channel words; earlier kinds win overlaps."""
    found: list[tuple[int, int, str]] = [(s, e, "PLATFORM") for s, e in forced]
    found += [(m.start(), m.end(), "YEAR") for m in YEAR_RE.finditer(text)]
    for match in COUNT_RE.finditer(text):
        if match.start("num") not in blocked and match.group("unit") != "人次":
            found.append((match.start(), match.end(), "COUNT"))
    found += [(m.start(), m.end(), "MONEY") for m in MONEY_RE.finditer(text) if m.start("num") not in blocked]
    for start, end in gazetteer_spans(text):
        if not any(h0 <= start < h1 for h0, h1 in hidden):
            found.append((start, end, "PLATFORM"))
    chosen: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, label))
    return [_span(s, e, label, text) for s, e, label in sorted(chosen)]


def parse_marked(line: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]], set[int]]:
    """Strip the author's markup; return clean text, forced platform spans, hidden ranges, blocked numbers."""
    out: list[str] = []
    forced: list[tuple[int, int]] = []
    hidden: list[tuple[int, int]] = []
    blocked: set[int] = set()
    cursor = 0
    length = 0
    for match in _MARKUP.finditer(line):
        chunk = line[cursor : match.start()]
        out.append(chunk)
        length += len(chunk)
        if match.group("force") is not None or match.group("hide") is not None:
            inner = match.group("force") or match.group("hide")
            (forced if match.group("force") is not None else hidden).append((length, length + len(inner)))
            out.append(inner)
            length += len(inner)
        else:  # "~": the next number is not a COUNT/MONEY (skip an optional qualifier)
            rest = line[match.end() :]
            lead = re.match(r"[近约逾超]?\s*", rest)
            blocked.add(length + (lead.end() if lead else 0))
        cursor = match.end()
    out.append(line[cursor:])
    return "".join(out), forced, hidden, blocked


def parse_written(path: Path) -> list[Record]:
    """One hand-written file → records; every sentence carries its document id."""
    records: list[Record] = []
    doc, agency, year = "", "", 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        head = _DOC_HEAD.match(raw)
        if head:
            doc, agency, year = head.group("doc"), head.group("agency").strip(), int(head.group("year"))
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        codes, _, body = raw.partition(" ")
        text, forced, hidden, blocked = parse_marked(body.strip())
        cats = {cat: int(code in codes) for code, cat in _CAT_CODES.items()}
        records.append({"text": text, "doc": doc, "agency": agency, "year": year, "source": f"written:{path.name}",
                        "spans": rule_spans(text, forced, hidden, blocked), "cats": {c: cats[c] for c in CATS}})
    return records


def read_jsonl(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: Iterable[Record]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def is_dev(doc_id: str, dev_share: int = 5) -> bool:
    """Fixed split by document id: a stable hash, so adding documents never moves old ones."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % dev_share == 0


def to_docbin(nlp: Language, records: Iterable[Record]) -> tuple[DocBin, int]:
    """DocBin with entities and cats; returns it and how many spans could not align to tokens."""
    store = DocBin(store_user_data=False)
    misaligned = 0
    for record in records:
        doc = nlp.make_doc(record["text"])
        ents: list[Any] = []
        for span in record["spans"]:
            ent = doc.char_span(span["start"], span["end"], label=span["label"], alignment_mode="strict")
            if ent is None:
                misaligned += 1
                ent = doc.char_span(span["start"], span["end"], label=span["label"], alignment_mode="expand")
            if ent is not None and all(ent.end <= e.start or ent.start >= e.end for e in ents):
                ents.append(ent)
        doc.ents = sorted(ents, key=lambda e: e.start)
        doc.cats = {cat: float(record["cats"].get(cat, 0)) for cat in CATS}
        if "part" in record:  # a sentence of a report in order: which part of the report it is in
            doc.cats.update({cat: float(part == record["part"]) for part, cat in zip(PARTS, PART_CATS, strict=True)})
        store.add(doc)
    return store, misaligned


def iter_training_files(root: Path) -> Iterator[Path]:
    yield from sorted(root.glob("*.jsonl"))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def near_copies(ours: Sequence[str], held_out: Sequence[str], threshold: float = 0.75) -> list[tuple[str, float]]:
    """Our sentences that are (near-)copies of held-out ones: similarity ratio ≥ `threshold`, or one contains
    a held-out sentence of ten or more characters. Training data must be our own wording, never the test set's."""
    held = [(text, text.rstrip("。；;"), _bigrams(text)) for text in held_out]
    found: list[tuple[str, float]] = []
    for sentence in dict.fromkeys(ours):
        grams = _bigrams(sentence)
        best = 0.0
        for text, core, other in held:
            if not grams or not other or len(grams & other) < 0.5 * min(len(grams), len(other)):
                continue  # too few shared character pairs to be a copy
            best = max(best, 1.0 if len(core) >= 10 and core in sentence else SequenceMatcher(None, sentence, text).ratio())
        if best >= threshold:
            found.append((sentence, round(best, 2)))
    return found


def in_report_order(record: Record) -> bool:
    """Hand-written documents keep report order; template sentences do not."""
    return str(record.get("source", "")).startswith("written")


def reports_of(records: list[Record]) -> list[list[Record]]:
    """Consecutive records of one report (training `doc`, or the test set's `source`), in order."""
    return [list(group) for _, group in groupby(records, key=lambda r: r.get("doc") or r.get("source"))]


def part_flags(report: list[Record]) -> list[tuple[bool, bool]]:
    """(PROBLEM, FIX) of each sentence of a report: what the report-order model is fitted on."""
    return [(bool(r["cats"].get("PROBLEM")), bool(r["cats"].get("FIX"))) for r in report]
