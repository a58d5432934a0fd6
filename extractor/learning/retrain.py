"""Corrected reports → samples → a new model set (`xxgk train --from-db/--from-json`).

A model set is its own folder: `labels/` (and `narrative/` when asked), each the shipped model's
training data plus the samples the corrections gave, trained with the shipped recipe and seed, with
a meta.json that names the base model, the data hash (correction samples included), how many
samples came from corrections and the held-out accuracy; `samples/` keeps the derived samples for
inspection. The folder name is a hash of everything that went in, so the same corrections and
seed give the same folder, byte for byte, and any new correction gives a new version beside the
old one (nothing is overwritten but an identical rebuild).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import model_sets
from ..mapping import classifier, label_data
from ..mapping.normalize import normalize_label
from ..settings import DEFAULT_SETTINGS, Settings
from .holdout import evaluation_set_of
from .label_samples import LabelSample, derive_label_samples, printed_rows
from .sources import CorrectedReport, TrainingInputError

SET_PREFIX = "corrections-"
Progress = Callable[[str], None]


@dataclass
class LabelSampleSet:
    samples: list[LabelSample] = field(default_factory=list)  # kept, deduplicated, sorted
    abstained: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # texts dropped: two meanings, or another meaning in the shipped data

    def rows(self) -> list[tuple[str, str]]:
        return [(s.text, s.label) for s in self.samples]

    def count(self, *reasons: str) -> int:
        return sum(1 for s in self.samples if s.reason in reasons)


def _shipped_meanings() -> dict[str, set[str]]:
    meanings: dict[str, set[str]] = defaultdict(set)
    for text, label in label_data.build_training_set(classifier.DEFAULT_DATA_DIR):
        meanings[normalize_label(text)].add(label)
    return meanings


def collect_label_samples(reports: Sequence[CorrectedReport], settings: Settings = DEFAULT_SETTINGS,
                          context: bool = True, progress: Progress | None = None) -> LabelSampleSet:
    """Label samples of every report, one per distinct (text, key); a text with two meanings teaches nothing."""
    out = LabelSampleSet()
    found: list[LabelSample] = []
    for report in reports:
        if progress:
            progress(f"reading {report.source.name}")
        derived = derive_label_samples(report, printed_rows(report.source, settings))
        found += [s for s in derived.samples if context or s.reason != "context"]
        out.abstained += derived.abstained
    by_text: dict[str, dict[str, LabelSample]] = defaultdict(dict)
    for sample in found:  # a (text, label) is recorded once: as a correction if any report corrected it, else as context
        seen = by_text[normalize_label(sample.text)]
        if sample.label not in seen or (seen[sample.label].reason == "context" and sample.reason != "context"):
            seen[sample.label] = sample
    shipped = _shipped_meanings()
    for text, labels in sorted(by_text.items()):
        other = shipped.get(text, set()) - set(labels)
        if len(labels) > 1 or other:
            out.conflicts.append(f"{text}: {' / '.join(sorted(set(labels) | other))}")
            continue
        out.samples.append(next(iter(labels.values())))
    out.samples.sort(key=lambda s: (s.label, normalize_label(s.text), s.text))
    return out


def _hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _tsv(samples: Sequence[LabelSample]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["# text", "label", "reason", "first seen in"])
    for s in samples:
        writer.writerow([s.text, s.label, s.reason, s.origin])
    return buffer.getvalue()


def _shipped_label_meta() -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((classifier.DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    return {k: meta.get(k) for k in ("name", "version", "data_hash", "seed")} | {
        "held_out_accuracy": meta.get("metrics", {}).get("held_out_accuracy")}


def train_from_corrections(
    reports: Sequence[CorrectedReport],
    models: Sequence[str] = (model_sets.LABELS,),
    out: Path | None = None,
    seed: int = 0,
    context: bool = True,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
    narrative_overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train a new model set from corrected reports; returns its meta (also written to <set>/meta.json)."""
    if not classifier.DEFAULT_DATA_DIR.is_dir():  # an installation built without the xxgk_training_data package
        raise TrainingInputError(f"the shipped training data is not at {classifier.DEFAULT_DATA_DIR}: training from "
                                 "corrections adds to it; reinstall xxgk from a wheel that ships it, or use a source checkout")
    unknown = [m for m in models if m not in model_sets.PARTS]
    if unknown or not models:
        raise TrainingInputError(f"--models takes {', '.join(model_sets.PARTS)}; not {', '.join(unknown) or 'nothing'}")
    kept: list[CorrectedReport] = []
    held_out: list[str] = []
    for report in reports:
        evaluation = evaluation_set_of(report.source, report.sha256)
        if evaluation:
            held_out.append(f"{report.origin}: in {evaluation}; not learned from")
        else:
            kept.append(report)
    if not kept:
        raise TrainingInputError("every corrected report is in an evaluation set:\n" + "\n".join(held_out))
    started = time.perf_counter()
    labels = collect_label_samples(kept, settings, context, progress) if model_sets.LABELS in models else LabelSampleSet()
    narrative_records: list[dict[str, Any]] = []
    narrative_notes: list[str] = []
    if model_sets.NARRATIVE in models:
        from .narrative_samples import collect_narrative_records

        narrative_records, narrative_notes = collect_narrative_records(kept, settings, progress)
    timings: dict[str, Any] = {"samples_s": round(time.perf_counter() - started, 1)}
    if model_sets.LABELS in models and not labels.count("corrected", "extra_row"):
        raise TrainingInputError(
            "no label sample: none of the corrected cells could be traced to a printed row whose label the "
            f"extraction mapped wrong ({len(labels.abstained)} corrected rows abstained; see `abstained` with --verbose)")
    if model_sets.NARRATIVE in models and not narrative_records:
        raise TrainingInputError("no narrative sample: no corrected narrative item could be found in its report's sentences")

    content = {"models": sorted(models), "seed": seed, "labels": labels.rows(), "narrative": narrative_records,
               "base": _shipped_label_meta()}
    set_id = _hash(content)[:12]
    target = out if out is not None else model_sets.user_model_home() / f"{SET_PREFIX}{set_id}"
    (target / "samples").mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {
        "id": set_id, "seed": seed, "models": sorted(models),
        "reports": {"corrected": len(reports), "learned_from": len(kept), "held_out": held_out},
    }
    if model_sets.LABELS in models:
        if progress:
            progress(f"training the label classifier on the shipped data + {len(labels.samples)} correction samples")
        (target / "samples" / "labels.tsv").write_text(_tsv(labels.samples), encoding="utf-8")
        started = time.perf_counter()
        label_meta = classifier.train(out_dir=target / model_sets.LABELS, seed=seed, extra_rows=labels.rows())
        timings["labels_train_s"] = round(time.perf_counter() - started, 1)
        label_meta["base_model"] = _shipped_label_meta()
        label_meta["corrections"] = {
            "samples": labels.count("corrected", "extra_row"), "mislabelled_rows": labels.count("corrected"),
            "extra_rows": labels.count("extra_row"), "context_rows": labels.count("context"),
            "abstained_rows": len(labels.abstained), "conflicting_texts": len(labels.conflicts),
            "samples_hash": _hash(labels.rows()),
        }
        (target / model_sets.LABELS / "meta.json").write_text(json.dumps(label_meta, ensure_ascii=False, indent=2) + "\n",
                                                               encoding="utf-8")
        meta[model_sets.LABELS] = label_meta
        meta["label_details"] = {"abstained": labels.abstained, "conflicts": labels.conflicts}
    if model_sets.NARRATIVE in models:
        from .narrative_samples import train_narrative_set

        if progress:
            progress(f"training the narrative model on the shipped data + {len(narrative_records)} corrected sentences (about 80 s)")
        narrative_meta = train_narrative_set(narrative_records, target / model_sets.NARRATIVE, target / "samples",
                                             seed, narrative_overrides)
        timings["narrative_train_s"] = narrative_meta.pop("train_seconds", None)
        meta[model_sets.NARRATIVE] = narrative_meta
        meta["narrative_details"] = {"notes": narrative_notes}
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta | {"path": str(target), "timings": timings}
