"""`train_narrative`: what `xxgk train narrative` runs.

Training is configuration (training_data/narrative/config.cfg); this module only builds the
DocBins, runs spaCy's trainer single-threaded with a fixed seed, fits the report-order model,
and records what was trained with its scores on its own dev split (scoring.py). It reads nothing
outside training_data/: the real sentences of ../shared are scored by `xxgk evaluate narrative` only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import spacy
import spacy.about
from spacy.cli.train import train as spacy_train
from threadpoolctl import threadpool_limits

from .. import resources
from .corpus import (
    Record,
    in_report_order,
    is_dev,
    iter_training_files,
    parse_written,
    part_flags,
    read_jsonl,
    reports_of,
    to_docbin,
    write_jsonl,
)
from .model_io import (
    MODEL_VERSION,
    load_model,
    load_sequence_model,
    predict,
    report_parts,
)
from .normalize import normalize
from .scoring import part_f1, score
from .segment import USERDICT, blank_pipeline
from .sequence import PARTS, SequenceModel, gold_parts
from .templates import generate

DATA_DIR = resources.training_data_root() / "narrative"
# Intermediate DocBins and spaCy runs: git-ignored inside a checkout; an installed package's folders may be
# read-only, so there they go to the user's cache.
BUILD_DIR = DATA_DIR / ".build" if resources.is_source_tree() else resources.user_cache_dir() / "narrative-build"
# The saved pipeline's config names its DocBins by this path whatever BUILD_DIR is: the same data and seed
# give the same bytes in a checkout and in an installation.
_STABLE_BUILD_NAME = "training_data/narrative/.build"
GENERATED_COUNT = 1500
# Emission settings tried on the dev reports (weight, floor); ties go to the earlier pair.
EMISSION_GRID = tuple((w, f) for f in (0.02, 0.05, 0.1, 0.2) for w in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0))


def build_corpus(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Regenerate written.jsonl (from written/*.txt) and generated.jsonl (templates, seed 0) in a checkout.

    An installed package ships both files already built from the same sources (a test keeps them in step),
    and its folder may be read-only: there they are read as they are and nothing is written.
    """
    if data_dir == DATA_DIR and not resources.is_source_tree():
        return {"written": len(read_jsonl(data_dir / "written.jsonl")), "generated": GENERATED_COUNT}
    written: list[Record] = []
    for path in sorted((data_dir / "written").glob("*.txt")):
        written.extend(parse_written(path))
    write_jsonl(data_dir / "written.jsonl", written)
    write_jsonl(data_dir / "generated.jsonl", generate(GENERATED_COUNT, seed=0))
    return {"written": len(written), "generated": GENERATED_COUNT}


def _data_hash(paths: Sequence[Path | Traversable]) -> str:
    """Training files by name and bytes (the user dictionary may sit inside an installed package)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def split_records(files: Sequence[Path] | None = None) -> tuple[list[Record], list[Record]]:
    """The training data's (train, dev) records; the dev split is the project's own held-out documents."""
    records = [r for path in (files if files is not None else iter_training_files(DATA_DIR)) for r in read_jsonl(path)]
    for report in reports_of([r for r in records if in_report_order(r)]):
        for record, state in zip(report, gold_parts(part_flags(report)), strict=True):
            record["part"] = PARTS[state]  # the textcat also learns the part: the report-order model's evidence
    return [r for r in records if not is_dev(r["doc"])], [r for r in records if is_dev(r["doc"])]


def train_narrative(seed: int = 0, out_dir: Path | None = None, config: Path | None = None,
                    overrides: dict[str, Any] | None = None, extra_records: Sequence[Record] = ()) -> dict[str, Any]:
    """Train NER + textcat reproducibly and write `<out_dir>/pipeline` plus `meta.json`; returns the meta.

    `extra_records` (sentences from reviewers' corrections, extractor/learning) are trained on, never held out.
    """
    out_dir = out_dir or resources.training_output_dir(resources.NARRATIVE_FOLDER)  # the checkout's models/
    config = config or DATA_DIR / "config.cfg"
    files = list(iter_training_files(DATA_DIR))
    train_records, dev_records = split_records(files)
    train_records += list(extra_records)
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
    # The saved config names the DocBins it was trained from; name them without the temp folder and the
    # checkout's location, so the same data and seed give the same bytes anywhere.
    saved = out_dir / "pipeline" / "config.cfg"
    stable = f"{_STABLE_BUILD_NAME}/seed{seed}"
    saved.write_text(saved.read_text(encoding="utf-8").replace(str(work), stable), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    meta: dict[str, Any] = {
        "name": "narrative", "version": MODEL_VERSION, "spacy_version": spacy.about.__version__, "seed": seed,
        "data_hash": _data_hash([*files, config, USERDICT]), "train_sentences": len(train_records),
        "dev_sentences": len(dev_records), "misaligned_spans": misaligned, "train_seconds": round(seconds, 1),
        **({"extra_sentences": len(extra_records)} if extra_records else {}),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    load_model.cache_clear()
    sequence = fit_sequence(out_dir, train_records, dev_records)
    sequence.save(out_dir / "sequence.json")
    load_sequence_model.cache_clear()
    meta["report_order"] = {"emission_weight": sequence.emission_weight, "floor": sequence.floor,
                            "reports": len(reports_of([r for r in train_records if in_report_order(r)]))}
    meta["metrics"] = {"dev": score(out_dir, dev_records, in_context=False),
                       "dev_reports": score(out_dir, [r for r in dev_records if in_report_order(r)])}
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def fit_sequence(model_dir: Path, train_records: list[Record], dev_records: list[Record]) -> SequenceModel:
    """Report-order transitions from the training reports; the emission weight and floor that best fit the dev reports."""
    training_reports = reports_of([r for r in train_records if in_report_order(r)])
    base = SequenceModel.fit([part_flags(report) for report in training_reports])
    dev_reports = reports_of([r for r in dev_records if in_report_order(r)])
    if not dev_reports:
        return base
    nlp = load_model(model_dir)
    dev_predictions = [predict(nlp, [normalize(r["text"]).text for r in report]) for report in dev_reports]

    def fit_on_dev(setting: tuple[float, float]) -> float:
        model = base.with_emissions(*setting)
        return part_f1(dev_reports, [report_parts(model, p) for p in dev_predictions])

    scores = [fit_on_dev(setting) for setting in EMISSION_GRID]
    best = max(range(len(EMISSION_GRID)), key=lambda i: (scores[i], -i))
    return base.with_emissions(*EMISSION_GRID[best])


