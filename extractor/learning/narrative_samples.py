"""Corrected narrative items → sentences in the narrative training format, and the retrained model.

Each corrected item (a published count, a platform, a problem, a fix, the fee statement; added,
edited or removed) is found in the report's sentences as the narrative stage reads them, and its
sentence becomes one record in the shape of training_data/narrative (text, character spans, cats):

- the spans are the annotators' rules of the hand-written corpus (YEAR, COUNT, MONEY, channel
  words), with the reviewer's platforms forced in and removed platforms hidden; a published count
  the reviewer added or edited is a COUNT span in a PUBLISHED sentence;
- the categories are the shipped model's, changed where the reviewer said otherwise: a removed
  published count leaves the sentence not PUBLISHED unless another published count stays in it, a
  removed problem or fix makes the sentence a negative of that category, an added one a positive.

An item that cannot be found in exactly one place is skipped with a note (a guessed span would
teach the wrong thing). Sentences of the narrative development set (../shared/narrative) are never
learned from: a corrected sentence that is a (near-)copy of one is dropped, the set is read for nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..layout.sections import split_sections
from ..layout.text import FullText
from ..narrative.corpus import CATS, Record, rule_spans, write_jsonl
from ..narrative.extract import ReportSentence, report_sentences
from ..narrative.gazetteer import gazetteer_spans, quoted_extent
from ..narrative.model_io import CAT_THRESHOLD, load_model, predict
from ..narrative.values import COUNT_RE
from ..readers import read_document
from ..settings import Settings
from .holdout import copies_of_development_sentences
from .sources import CorrectedReport

KINDS = ("published", "platforms", "problems", "fixes")
Progress = Any


@dataclass
class _Sentence:
    """What the corrections say about one sentence (offsets into its normalised text)."""

    forced: list[tuple[int, int]] = field(default_factory=list)  # platforms the reviewer named
    hidden: list[tuple[int, int]] = field(default_factory=list)  # platforms the reviewer removed
    counts: list[tuple[int, int]] = field(default_factory=list)  # published counts added or edited
    unpublished: bool = False  # a published count was removed here
    cats: dict[str, int] = field(default_factory=dict)


def _norm_span(sentence: ReportSentence, start: int, end: int) -> tuple[int, int] | None:
    """Full-text offsets → offsets in the sentence's normalised text, when the span lies inside it."""
    inside = [i for i, offset in enumerate(sentence.origin[:-1]) if start <= offset < end]
    return (inside[0], inside[-1] + 1) if inside else None


def _occurrences(sentences: Sequence[ReportSentence], text: str) -> list[tuple[int, tuple[int, int]]]:
    """Every (sentence index, normalised span) where `text` is printed."""
    found: list[tuple[int, tuple[int, int]]] = []
    if not text:
        return found
    for index, sentence in enumerate(sentences):
        at = sentence.text.find(text)
        while at != -1:
            span = _norm_span(sentence, sentence.text_origin[at], sentence.text_origin[at + len(text) - 1] + 1)
            if span:
                found.append((index, span))
            at = sentence.text.find(text, at + 1)
    return found


def _by_span(sentences: Sequence[ReportSentence], item: dict[str, Any]) -> list[tuple[int, tuple[int, int]]]:
    """Where an item with a stored span (a published count as extracted) is, else where its text is printed once."""
    span = item.get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        for index, sentence in enumerate(sentences):
            found = _norm_span(sentence, int(span[0]), int(span[1]))
            if found:
                return [(index, found)]
    return _occurrences(sentences, str(item.get("text") or ""))


# Channel words a quoted name is glued to ("“云上X”客户端"): the guidelines keep them in the span.
_GLUED_CHANNEL = re.compile(r"微信公众号|公众号|视频号|抖音号|政务号|客户端|APP|App|app|微博|网站|平台")


def _platform_extent(sentence: ReportSentence, span: tuple[int, int]) -> tuple[int, int]:
    """A named channel in the guidelines' shape: its quotes and the channel word glued after them."""
    start, end = span
    for g0, g1 in gazetteer_spans(sentence.norm):
        if g0 <= start and end <= g1:
            return g0, g1
    if sentence.norm.startswith("”", end):
        start, end = quoted_extent(sentence.norm, start, end)
        glued = _GLUED_CHANNEL.match(sentence.norm, end)
        if glued:
            end = glued.end()
    return start, end


def _containing(sentences: Sequence[ReportSentence], text: str) -> list[int]:
    """Sentences that make up an item's text (a problem or fix may join several), or hold it."""
    text = text.strip()
    return [i for i, s in enumerate(sentences) if s.text and (s.text in text or text in s.text)] if text else []


def _final_changes(corrections: Iterable[dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
    """path → (value before the first correction, value after the last) for narrative paths."""
    out: dict[str, tuple[Any, Any]] = {}
    for c in corrections:
        if not str(c["path"]).startswith("narrative."):
            continue
        before = out[c["path"]][0] if c["path"] in out else c.get("old_value")
        out[c["path"]] = (before, c.get("new_value"))
    return out


def _published_spans(sentences: Sequence[ReportSentence], items: Iterable[dict[str, Any]]) -> set[int]:
    """Sentences that keep a published count in the corrected report."""
    return {index for item in items for index, _ in _by_span(sentences, item)[:1]}


def derive_narrative_records(report: CorrectedReport, full: FullText, sentences: Sequence[ReportSentence]) -> tuple[list[Record], list[str]]:
    """Training records of one corrected report, and notes on items that could not be placed."""
    notes: list[str] = []
    touched: dict[int, _Sentence] = {}

    def at(index: int) -> _Sentence:
        return touched.setdefault(index, _Sentence())

    def place(path: str, found: list[tuple[int, tuple[int, int]]]) -> tuple[int, tuple[int, int]] | None:
        if len(found) == 1:
            return found[0]
        notes.append(f"{report.origin}: {path}: {'not found in the sentences' if not found else 'printed more than once'}; skipped")
        return None

    for path, (old, new) in sorted(_final_changes(report.corrections).items()):
        kind = path.split(".")[1]
        if kind == "published":
            moved = isinstance(old, dict) and (new is None or _by_span(sentences, old) != _by_span(sentences, new))
            if moved and isinstance(old, dict) and (where := place(path, _by_span(sentences, old))) is not None:
                at(where[0]).unpublished = True
            if isinstance(new, dict) and (where := place(path, _by_span(sentences, new))) is not None:
                at(where[0]).counts.append(where[1])
        elif kind == "platforms":
            if isinstance(old, dict) and (new is None or old.get("text") != new.get("text")):
                for index, span in _occurrences(sentences, str(old.get("text") or old.get("name") or "")):
                    at(index).hidden.append(_platform_extent(sentences[index], span))
            if isinstance(new, dict):
                found = _occurrences(sentences, str(new.get("text") or new.get("name") or ""))
                if not found:
                    notes.append(f"{report.origin}: {path}: not found in the sentences; skipped")
                for index, span in found:  # a channel is a channel wherever it is named
                    at(index).forced.append(_platform_extent(sentences[index], span))
        elif kind in ("problems", "fixes"):
            cat = "PROBLEM" if kind == "problems" else "FIX"
            old_at = _containing(sentences, str(old.get("text") or "")) if isinstance(old, dict) else []
            new_at = _containing(sentences, str(new.get("text") or "")) if isinstance(new, dict) else []
            for index in old_at:
                if index not in new_at:
                    at(index).cats[cat] = 0
            for index in new_at:
                at(index).cats[cat] = 1
                at(index).cats["FIX" if cat == "PROBLEM" else "PROBLEM"] = 0
            if isinstance(new, dict) and not new_at:
                notes.append(f"{report.origin}: {path}: text not found in the sentences; skipped")
        elif kind == "fees":
            for index in _containing(sentences, str(old.get("text") or "")) if isinstance(old, dict) else []:
                at(index).cats["FEE"] = 0
            for index in _containing(sentences, str(new.get("text") or "")) if isinstance(new, dict) else []:
                at(index).cats["FEE"] = 1
    if not touched:
        return [], notes
    still_published = _published_spans(sentences, report.corrected.get("narrative", {}).get("published", []))
    order = sorted(touched)
    predictions = predict(load_model(), [sentences[i].norm for i in order])
    info = report.corrected.get("report", {})
    records: list[Record] = []
    for index, prediction in zip(order, predictions, strict=True):
        said, text = touched[index], sentences[index].norm
        spans = [s for s in rule_spans(text, said.forced, said.hidden, set())
                 if not any(s["start"] < e and c < s["end"] for c, e in said.counts)]
        spans += [_count_span(text, start, end) for start, end in said.counts]
        cats = {cat: int(prediction.cats.get(cat, 0.0) >= CAT_THRESHOLD) for cat in CATS}
        if said.counts:
            cats["PUBLISHED"] = 1
        elif said.unpublished and index not in still_published:
            cats["PUBLISHED"] = 0
        cats.update(said.cats)
        records.append({"text": text, "doc": f"corr-{report.sha256[:12]}", "agency": info.get("agency") or "",
                        "year": info.get("year") or 0, "source": "correction",
                        "spans": sorted(spans, key=lambda s: s["start"]), "cats": cats})
    return records, notes


def _count_span(text: str, start: int, end: int) -> dict[str, Any]:
    match = COUNT_RE.match(text, start)
    value: Any = None
    unit: str | None = None
    if match:
        from ..narrative.values import parse_count

        parsed = parse_count(text[start:end])
        if parsed:
            value, unit = parsed.value, parsed.unit
    return {"start": start, "end": end, "label": "COUNT", "value": value, "unit": unit, "qualifier": None}


def collect_narrative_records(reports: Sequence[CorrectedReport], settings: Settings,
                              progress: Progress | None = None) -> tuple[list[Record], list[str]]:
    """Records of every report with narrative corrections; development-set sentences are dropped with a note."""
    records: list[Record] = []
    notes: list[str] = []
    for report in reports:
        if not any(str(c["path"]).startswith("narrative.") for c in report.corrections):
            continue
        if progress:
            progress(f"reading the sentences of {report.source.name}")
        doc = read_document(report.source, settings)
        full = FullText.of(doc)
        found, why = derive_narrative_records(report, full, report_sentences(full, split_sections(full.text)))
        records += found
        notes += why
    copies = copies_of_development_sentences(r["text"] for r in records)
    if copies:
        notes.append(f"{len(copies)} corrected sentences are (near-)copies of sentences of the narrative development set (../shared/narrative); not learned from")
    unique: dict[str, Record] = {}
    for record in records:
        if record["text"] not in copies:
            unique.setdefault(record["text"], record)  # a sentence printed in two reports is learned once
    return [unique[text] for text in sorted(unique)], notes


def _drops(shipped: dict[str, Any] | None, retrained: dict[str, Any] | None, tolerance: float = 0.005) -> dict[str, list[float]]:
    """Labels whose F1 on the project's narrative dev split fell by more than `tolerance`: [shipped, retrained]."""
    if not shipped or not retrained:
        return {}
    out: dict[str, list[float]] = {}
    for group in ("spans", "cats"):
        for label, score in shipped.get(group, {}).items():
            new = retrained.get(group, {}).get(label, {}).get("f1")
            if new is not None and score.get("f1") is not None and new < score["f1"] - tolerance:
                out[label] = [score["f1"], new]
    return out


def train_narrative_set(records: Sequence[Record], out_dir: Path, samples_dir: Path, seed: int,
                        overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The shipped narrative training data plus `records`, trained with the shipped recipe into `out_dir`."""
    import contextlib
    import sys

    from ..narrative.model_io import DEFAULT_MODEL_DIR
    from ..narrative.scoring import score
    from ..narrative.train import build_corpus, split_records, train_narrative

    write_jsonl(samples_dir / "narrative.jsonl", records)
    build_corpus()
    with contextlib.redirect_stdout(sys.stderr):  # spaCy's training log
        meta = train_narrative(seed=seed, out_dir=out_dir, overrides=overrides, extra_records=records)
    seconds = meta.pop("train_seconds", None)  # the only thing that differs between two identical trainings
    shipped = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    meta["base_model"] = {k: shipped.get(k) for k in ("name", "version", "data_hash", "seed")}
    digest = hashlib.sha256(str(meta["data_hash"]).encode())
    digest.update(json.dumps(list(records), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    meta["data_hash"] = digest.hexdigest()
    meta["corrections"] = {"sentences": len(records)}
    # Both models on the same sentences: the dev documents of training_data/narrative, which corrections never
    # join (they are trained on, never held out). ../shared is a development set and is never scored here.
    dev = split_records()[1]
    meta["compared_on"] = f"training_data/narrative dev split ({len(dev)} sentences, the project's own held-out documents)"
    meta["lower_than_shipped"] = _drops(score(DEFAULT_MODEL_DIR, dev, in_context=False), meta.get("metrics", {}).get("dev"))
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta | {"train_seconds": seconds}
