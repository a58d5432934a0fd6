"""`train_narrative` and `evaluate_narrative`: the commands `xxgk train` / `xxgk evaluate` call.

Training is configuration (training_data/narrative/config.cfg); this module only builds the
DocBins, runs spaCy's trainer single-threaded with a fixed seed, and records what was trained.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
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
from .model_io import DEFAULT_MODEL_DIR, MODEL_VERSION, REPO_ROOT, load_model, predict
from .normalize import normalize
from .segment import blank_pipeline
from .templates import generate

DATA_DIR = REPO_ROOT / "training_data" / "narrative"
BUILD_DIR = DATA_DIR / ".build"  # intermediate DocBins and spaCy runs: git-ignored
REAL_SENTENCES = REPO_ROOT.parent / "shared" / "narrative" / "real_sentences.jsonl"
GENERATED_COUNT = 1500


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
    train_records = [r for r in records if not is_dev(r["doc"])]
    dev_records = [r for r in records if is_dev(r["doc"])]
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    nlp = blank_pipeline()
    misaligned = 0
    for name, subset in (("train", train_records), ("dev", dev_records)):
        store, bad = to_docbin(nlp, subset)
        store.to_disk(BUILD_DIR / f"{name}.spacy")
        misaligned += bad
    run_dir = BUILD_DIR / f"run-seed{seed}"
    shutil.rmtree(run_dir, ignore_errors=True)
    settings = {"paths.train": str(BUILD_DIR / "train.spacy"), "paths.dev": str(BUILD_DIR / "dev.spacy"),
                "system.seed": seed, **(overrides or {})}
    started = time.perf_counter()
    with threadpool_limits(limits=1):
        spacy_train(config, output_path=run_dir, overrides=settings, use_gpu=-1)
    seconds = time.perf_counter() - started
    shutil.rmtree(out_dir / "pipeline", ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(run_dir / "model-last", out_dir / "pipeline")
    meta: dict[str, Any] = {
        "name": "narrative", "version": MODEL_VERSION, "spacy_version": spacy.about.__version__, "seed": seed,
        "data_hash": _data_hash([*files, config]), "train_sentences": len(train_records),
        "dev_sentences": len(dev_records), "misaligned_spans": misaligned, "train_seconds": round(seconds, 1),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    load_model.cache_clear()
    meta["metrics"] = {"dev": score(out_dir, dev_records)}
    if REAL_SENTENCES.is_file():
        meta["metrics"]["real_sentences"] = score(out_dir, read_jsonl(REAL_SENTENCES))
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


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


def score(model_dir: Path, records: list[Record]) -> dict[str, Any]:
    """P/R/F1 per span label and per category over `records` (the system: model + post-processing)."""
    nlp = load_model(model_dir)
    normalised = [normalize(r["text"]) for r in records]
    predictions = predict(nlp, [n.text for n in normalised])
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


def evaluate_narrative(path: Path = REAL_SENTENCES, model_dir: Path = DEFAULT_MODEL_DIR) -> dict[str, Any]:
    """Score the installed model on annotated sentences (default: the real-sentence test set)."""
    return score(model_dir, read_jsonl(path))
