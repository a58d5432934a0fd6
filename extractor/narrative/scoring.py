"""Scoring the narrative model: P/R/F1 per span label and per sentence category.

`xxgk evaluate narrative` scores the real sentences of ../shared/narrative: a DEVELOPMENT set (rules
were once tuned while it was measured), never trained on and never read by training, which scores
only its own dev split. The evaluation reports the sentences of the ../shared/corpus reports apart
from the rest. Categories PROBLEM/FIX are scored as the pipeline reads a report: in order, decided by
the report-order model, unless `in_context=False`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .corpus import CATS, LABELS, Record, read_jsonl, reports_of
from .model_io import (
    DEFAULT_MODEL_DIR,
    REPO_ROOT,
    SentencePrediction,
    load_model,
    load_sequence_model,
    predict,
    report_parts,
)
from .normalize import normalize
from .sequence import SequenceModel
from .values import parse_count, parse_money

SHARED_DIR = REPO_ROOT.parent / "shared"
REAL_SENTENCES = SHARED_DIR / "narrative" / "real_sentences.jsonl"  # the development set
CORPUS_DIR = SHARED_DIR / "corpus"
SOURCE_GROUPS = ("corpus", "other")


def part_f1(reports: list[list[Record]], predicted: list[list[str]]) -> float:
    """Mean of PROBLEM and FIX F1 when the parts decide the two categories."""
    f1s = []
    for cat, part in (("PROBLEM", "problem"), ("FIX", "fix")):
        tp = fp = fn = 0
        for report, parts in zip(reports, predicted, strict=True):
            for record, guess in zip(report, parts, strict=True):
                truth = bool(record["cats"].get(cat))
                tp += truth and guess == part
                fp += guess == part and not truth
                fn += truth and guess != part
        f1s.append(prf(tp, fp, fn)["f1"])
    return sum(f1s) / len(f1s)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def _span_key(record_text: str, start: int, end: int, label: str) -> tuple[Any, ...]:
    """COUNT is right only with its value and unit; other labels by exact offsets."""
    if label == "COUNT":
        parsed = parse_count(record_text[start:end])
        return (start, end, label, parsed.value if parsed else None, parsed.unit if parsed else None)
    if label == "MONEY":
        return (start, end, label, parse_money(record_text[start:end]))
    return (start, end, label)


def _decided_by_parts(records: list[Record], predictions: list[SentencePrediction],
                     sequence: SequenceModel) -> list[SentencePrediction]:
    """PROBLEM/FIX decided by each sentence's part of its report, as the pipeline does without headings."""
    out: list[SentencePrediction] = []
    cursor = 0
    for report in reports_of(records):
        chunk = predictions[cursor : cursor + len(report)]
        cursor += len(report)
        for prediction, part in zip(chunk, report_parts(sequence, chunk), strict=True):
            cats = {**prediction.cats, "PROBLEM": float(part == "problem"), "FIX": float(part == "fix")}
            out.append(SentencePrediction(prediction.spans, cats))
    return out


def score(model_dir: Path, records: list[Record], in_context: bool = True) -> dict[str, Any]:
    """P/R/F1 per span label and per category over `records` (the system: model + post-processing).

    With `in_context`, consecutive records of one report (`doc`, else `source`) are read as a report
    in order: PROBLEM/FIX then come from the report-order model, as in the pipeline. Without it,
    every sentence is classified alone.
    """
    nlp = load_model(model_dir)
    normalised = [normalize(r["text"]) for r in records]
    predictions = predict(nlp, [n.text for n in normalised])
    if in_context:
        predictions = _decided_by_parts(records, predictions, load_sequence_model(model_dir))
    counts = {name: [0, 0, 0] for name in (*LABELS, *CATS)}
    for record, norm, prediction in zip(records, normalised, predictions, strict=True):
        text = record["text"]
        gold = set()
        for s in record["spans"]:
            key = (s["start"], s["end"], s["label"], s["value"], s["unit"]) if s["label"] == "COUNT" else (
                (s["start"], s["end"], s["label"], s["value"]) if s["label"] == "MONEY" else (s["start"], s["end"], s["label"]))
            gold.add(key)
        pred = set()
        for span in prediction.spans:
            start, end = norm.source_span(span.start, span.end)
            pred.add(_span_key(text, start, end, span.label))
        for label in LABELS:
            g = {k for k in gold if k[2] == label}
            p = {k for k in pred if k[2] == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p - g)
            counts[label][2] += len(g - p)
        for cat in CATS:
            truth, guess = bool(record["cats"].get(cat)), prediction.has(cat)
            counts[cat][0] += truth and guess
            counts[cat][1] += guess and not truth
            counts[cat][2] += truth and not guess
    return {"sentences": len(records), "spans": {k: prf(*counts[k]) for k in LABELS},
            "cats": {k: prf(*counts[k]) for k in CATS}}


def source_group(record: Record, corpus_files: frozenset[str]) -> str:
    """"corpus" when the sentence's source names a file of the corpus folder, else "other"."""
    source = str(record.get("source", ""))
    return "corpus" if any(f"corpus/{name}" in source for name in corpus_files) else "other"


def corpus_file_names(corpus_dir: Path = CORPUS_DIR) -> frozenset[str]:
    """The report files of the corpus folder (gold files left out); empty when the folder is absent."""
    if not corpus_dir.is_dir():
        return frozenset()
    return frozenset(p.name for p in corpus_dir.iterdir() if p.is_file() and not p.name.endswith(".json")
                     and p.suffix not in (".md", ".tsv"))


def evaluate_narrative(path: Path = REAL_SENTENCES, model_dir: Path = DEFAULT_MODEL_DIR,
                       in_context: bool = True, corpus_dir: Path = CORPUS_DIR) -> dict[str, Any]:
    """Score the installed model on annotated sentences (default: the development set), in all and per source.

    `by_source` splits the sentences of the corpus reports (their source names a file of `corpus_dir`)
    from the others, each scored as whole reports in order.
    """
    records = read_jsonl(path)
    scores = score(model_dir, records, in_context=in_context)
    files = corpus_file_names(corpus_dir)
    scores["by_source"] = {}
    for group in SOURCE_GROUPS:
        subset = [r for r in records if source_group(r, files) == group]
        if subset:
            scores["by_source"][group] = score(model_dir, subset, in_context=in_context)
    return scores


def render_narrative_scores(scores: dict[str, Any]) -> str:
    """The per-label P/R/F1 table `xxgk evaluate narrative` prints, with F1 per source group."""
    groups = scores.get("by_source", {})
    head = f"{'label':<14} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}" + "".join(
        f" {'F1 ' + g:>10} {'n':>5}" for g in groups)
    counts = ", ".join(f"{g} {s['sentences']}" for g, s in groups.items())
    lines = [f"{scores['sentences']} sentences" + (f" ({counts})" if counts else ""), head]
    for kind in ("spans", "cats"):
        for label, s in scores[kind].items():
            row = f"{label:<14} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['support']:>8}"
            for g in groups.values():
                row += f" {g[kind][label]['f1']:>10.3f} {g[kind][label]['support']:>5}"
            lines.append(row)
    return "\n".join(lines)
