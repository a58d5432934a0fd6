"""Loading the trained narrative pipeline and running it on sentences, with deterministic post-processing.

The model decides *which* spans and categories; the regexes of values.py fix the printed
boundaries and the gazetteer backs up channel words, so the output text is always the printed form.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import segment  # noqa: F401  (registers the tokenizer before spacy.load)
from .gazetteer import gazetteer_spans
from .values import COUNT_RE, YEAR_RE, snap_count, snap_money

MODEL_VERSION = "0.1.0"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / f"narrative-{MODEL_VERSION}"
CAT_THRESHOLD = 0.5
_LOCK = threading.Lock()
_ITEM_UNITS = frozenset({"条", "篇", "期"})
# A channel mention has no inner clause punctuation, balanced quotes, and ends in a channel word.
_PLATFORM_SHAPE = re.compile(
    r"(?:[“《][^”》，、。；：]{1,16}[”》])?[^“”《》，、。；：\s]{0,14}"
    r"(?:网站|网|号|微博|微信|公报|报》?|台|栏|屏|专栏|栏目|平台|门户|APP|客户端|媒体|账号|专区|》|”)"
)


class NarrativeModelError(RuntimeError):
    """The narrative model is missing or was trained with another spaCy version."""


@dataclass(frozen=True)
class SpanPrediction:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class SentencePrediction:
    spans: tuple[SpanPrediction, ...]
    cats: dict[str, float]

    def has(self, cat: str) -> bool:
        return self.cats.get(cat, 0.0) >= CAT_THRESHOLD


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def read_meta(model_dir: Path) -> dict[str, object]:
    meta_path = model_dir / "meta.json"
    if not meta_path.is_file() or not (model_dir / "pipeline").is_dir():
        raise NarrativeModelError(f"narrative model not found in {model_dir}: run `xxgk train` (train_narrative) first")
    meta: dict[str, object] = json.loads(meta_path.read_text(encoding="utf-8"))
    return meta


@lru_cache(maxsize=4)
def load_model(model_dir: Path = DEFAULT_MODEL_DIR) -> Language:
    """The spaCy pipeline, after checking it was trained with this spaCy minor version."""
    meta = read_meta(model_dir)
    trained_with = str(meta.get("spacy_version", ""))
    if _minor(trained_with) != _minor(spacy.__version__):
        raise NarrativeModelError(
            f"narrative model in {model_dir} was trained with spaCy {trained_with}, this is spaCy "
            f"{spacy.__version__}: retrain with `xxgk train`"
        )
    with _LOCK:
        return spacy.load(model_dir / "pipeline")


def _resolve(text: str, raw: list[SpanPrediction], published: bool) -> tuple[SpanPrediction, ...]:
    """Snap model spans to printed forms, add rule YEARs and gazetteer channels, drop overlaps."""
    candidates: list[tuple[int, int, str, int]] = []  # start, end, label, priority (lower wins)
    for span in raw:
        if span.label == "COUNT":
            snapped = snap_count(text, span.start, span.end)
        elif span.label == "MONEY":
            snapped = snap_money(text, span.start, span.end)
        elif span.label == "PLATFORM":
            snapped = (span.start, span.end) if _PLATFORM_SHAPE.fullmatch(text[span.start : span.end]) else None
        else:
            continue  # YEAR comes from the rule below: every NNNN年 is one
        if snapped:
            candidates.append((*snapped, span.label, 2 if span.label == "PLATFORM" else 1))
    candidates += [(m.start(), m.end(), "YEAR", 0) for m in YEAR_RE.finditer(text)]
    candidates += [(s, e, "PLATFORM", 1) for s, e in gazetteer_spans(text)]
    if published:  # a publishing sentence: printed item counts the NER missed still count
        candidates += [(m.start(), m.end(), "COUNT", 3) for m in COUNT_RE.finditer(text) if m.group("unit") in _ITEM_UNITS]
    chosen: list[tuple[int, int, str]] = []
    for start, end, label, _ in sorted(candidates, key=lambda c: (c[3], c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, label))
    return tuple(SpanPrediction(s, e, label) for s, e, label in sorted(chosen))


def predict(nlp: Language, texts: list[str]) -> list[SentencePrediction]:
    """Spans and category scores for each sentence (texts already normalised)."""
    results: list[SentencePrediction] = []
    for doc in nlp.pipe(texts, batch_size=64):
        raw = [SpanPrediction(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        cats = dict(doc.cats)
        results.append(SentencePrediction(_resolve(doc.text, raw, cats.get("PUBLISHED", 0.0) >= CAT_THRESHOLD), cats))
    return results
