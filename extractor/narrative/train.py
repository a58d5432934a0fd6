"""`train_narrative` and `evaluate_narrative`: the commands `xxgk train` / `xxgk evaluate` call.

Training is configuration (training_data/narrative/config.cfg); this module only builds the
DocBins, runs spaCy's trainer single-threaded with a fixed seed, and records what was trained.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from itertools import groupby
from pathlib import Path
from typing import Any

import spacy
import spacy.about
from spacy.cli.train import train as spacy_train
from threadpoolctl import threadpool_limits

from .corpus import (
    CATS,
    LABELS,
    Record,
    is_dev,
    iter_training_files,
    parse_written,
    read_jsonl,
    to_docbin,
    write_jsonl,
)
from .model_io import (
    DEFAULT_MODEL_DIR,
    MODEL_VERSION,
    REPO_ROOT,
    SentencePrediction,
    load_model,
    load_sequence_model,
    predict,
    report_parts,
)
from .normalize import normalize
from .segment import blank_pipeline
from .sequence import PARTS, SequenceModel, gold_parts
from .templates import generate

DATA_DIR = REPO_ROOT / "training_data" / "narrative"
BUILD_DIR = DATA_DIR / ".build"  # intermediate DocBins and spaCy runs: git-ignored
REAL_SENTENCES = REPO_ROOT.parent / "shared" / "narrative" / "real_sentences.jsonl"
GENERATED_COUNT = 1500
# Emission settings tried on the dev reports (weight, floor); ties go to the earlier pair.
EMISSION_GRID = tuple((w, f) for f in (0.02, 0.05, 0.1, 0.2) for w in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0))


def build_corpus(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Regenerate written.jsonl (from written/*.txt) and generated.jsonl (templates, seed 0)."""
    written: list[Record] = []
    for path in sorted((data_dir / "written").glob("*.txt")):
        written.extend(parse_written(path))
    write_jsonl(data_dir / "written.jsonl", written)
    write_jsonl(data_dir / "generated.jsonl", generate(GENERATED_COUNT, seed=0))
    return {"written": len(written), "generated": GENERATED_COUNT}


def _data_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train_narrative(seed: int = 0, out_dir: Path | None = None, config: Path | None = None,
                    overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train NER + textcat reproducibly and write `<out_dir>/pipeline` plus `meta.json`; returns the meta."""
    out_dir = out_dir or DEFAULT_MODEL_DIR
    config = config or DATA_DIR / "config.cfg"
    files = list(iter_training_files(DATA_DIR))
    records = [r for path in files for r in read_jsonl(path)]
    for report in _reports([r for r in records if _in_order(r)]):
        for record, state in zip(report, gold_parts(_flags(report)), strict=True):
            record["part"] = PARTS[state]  # the textcat also learns the part: the report-order model's evidence
    train_records = [r for r in records if not is_dev(r["doc"])]
    dev_records = [r for r in records if is_dev(r["doc"])]
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"seed{seed}-", dir=BUILD_DIR))  # two trainings never share files
    nlp = blank_pipeline()
    misaligned = 0
    for name, subset in (("train", train_records), ("dev", dev_records)):
        store, bad = to_docbin(nlp, subset)
        store.to_disk(work / f"{name}.spacy")
        misaligned += bad
    run_dir = work / "run"
    settings = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                "system.seed": seed, **(overrides or {})}
    started = time.perf_counter()
    with threadpool_limits(limits=1):
        spacy_train(config, output_path=run_dir, overrides=settings, use_gpu=-1)
    seconds = time.perf_counter() - started
    shutil.rmtree(out_dir / "pipeline", ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(run_dir / "model-last", out_dir / "pipeline")
    shutil.rmtree(work, ignore_errors=True)
    meta: dict[str, Any] = {
        "name": "narrative", "version": MODEL_VERSION, "spacy_version": spacy.about.__version__, "seed": seed,
        "data_hash": _data_hash([*files, config]), "train_sentences": len(train_records),
        "dev_sentences": len(dev_records), "misaligned_spans": misaligned, "train_seconds": round(seconds, 1),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    load_model.cache_clear()
    sequence = fit_sequence(out_dir, train_records, dev_records)
    sequence.save(out_dir / "sequence.json")
    load_sequence_model.cache_clear()
    meta["report_order"] = {"emission_weight": sequence.emission_weight, "floor": sequence.floor,
                            "reports": len(_reports([r for r in train_records if _in_order(r)]))}
    meta["metrics"] = {"dev": score(out_dir, dev_records, in_context=False),
                       "dev_reports": score(out_dir, [r for r in dev_records if _in_order(r)])}
    if REAL_SENTENCES.is_file():
        real = read_jsonl(REAL_SENTENCES)
        meta["metrics"]["real_sentences"] = score(out_dir, real)
        meta["metrics"]["real_sentences_isolated"] = score(out_dir, real, in_context=False)
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def _in_order(record: Record) -> bool:
    """Hand-written documents keep report order; template sentences do not."""
    return str(record.get("source", "")).startswith("written")


def _reports(records: list[Record]) -> list[list[Record]]:
    """Consecutive records of one report (training `doc`, or the test set's `source`), in order."""
    return [list(group) for _, group in groupby(records, key=lambda r: r.get("doc") or r.get("source"))]


def _flags(report: list[Record]) -> list[tuple[bool, bool]]:
    return [(bool(r["cats"].get("PROBLEM")), bool(r["cats"].get("FIX"))) for r in report]


def _part_f1(reports: list[list[Record]], predicted: list[list[str]]) -> float:
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
        f1s.append(_prf(tp, fp, fn)["f1"])
    return sum(f1s) / len(f1s)


def fit_sequence(model_dir: Path, train_records: list[Record], dev_records: list[Record]) -> SequenceModel:
    """Report-order transitions from the training reports; the emission weight that best fits the dev reports."""
    base = SequenceModel.fit([_flags(report) for report in _reports([r for r in train_records if _in_order(r)])])
    dev_reports = _reports([r for r in dev_records if _in_order(r)])
    if not dev_reports:
        return base
    nlp = load_model(model_dir)
    dev_predictions = [predict(nlp, [normalize(r["text"]).text for r in report]) for report in dev_reports]
    def fit_on_dev(setting: tuple[float, float]) -> float:
        model = base.with_emissions(*setting)
        return _part_f1(dev_reports, [report_parts(model, p) for p in dev_predictions])

    scores = [fit_on_dev(setting) for setting in EMISSION_GRID]
    best = max(range(len(EMISSION_GRID)), key=lambda i: (scores[i], -i))
    return base.with_emissions(*EMISSION_GRID[best])


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def _span_key(record_text: str, start: int, end: int, label: str) -> tuple[Any, ...]:
    """COUNT is right only with its value and unit; other labels by exact offsets."""
    from .values import parse_count, parse_money

    if label == "COUNT":
        parsed = parse_count(record_text[start:end])
        return (start, end, label, parsed.value if parsed else None, parsed.unit if parsed else None)
    if label == "MONEY":
        return (start, end, label, parse_money(record_text[start:end]))
    return (start, end, label)


def _in_report_order(records: list[Record], predictions: list[SentencePrediction],
                     sequence: SequenceModel) -> list[SentencePrediction]:
    """PROBLEM/FIX decided by each sentence's part of its report, as the pipeline does without headings."""
    out: list[SentencePrediction] = []
    cursor = 0
    for report in _reports(records):
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
        predictions = _in_report_order(records, predictions, load_sequence_model(model_dir))
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
    return {"sentences": len(records), "spans": {k: _prf(*counts[k]) for k in LABELS},
            "cats": {k: _prf(*counts[k]) for k in CATS}}


def evaluate_narrative(path: Path = REAL_SENTENCES, model_dir: Path = DEFAULT_MODEL_DIR,
                       in_context: bool = True) -> dict[str, Any]:
    """Score the installed model on annotated sentences (default: the real-sentence test set)."""
    return score(model_dir, read_jsonl(path), in_context=in_context)


def render_narrative_scores(scores: dict[str, Any]) -> str:
    """The per-label P/R/F1 table `xxgk evaluate narrative` prints."""
    lines = [f"{scores['sentences']} sentences", f"{'label':<14} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for group in ("spans", "cats"):
        for label, s in scores[group].items():
            lines.append(f"{label:<14} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['support']:>8}")
    return "\n".join(lines)
