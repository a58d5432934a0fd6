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
import spacy.about
from spacy.language import Language
from spacy.tokens import Doc

from .. import resources
from . import segment  # noqa: F401  (registers the tokenizer before spacy.load)
from .gazetteer import gazetteer_spans, is_column_not_board, is_learned_channel, quoted_extent
from .sequence import SequenceModel, part_scores
from .values import COUNT_RE, MONEY_RE, YEAR_RE, snap_count, snap_money
from .words import PUBLISH_VERBS

MODEL_VERSION = resources.NARRATIVE_VERSION  # the folder is named in extractor/resources.py
REPO_ROOT = resources.SOURCE_ROOT  # training data (and ../shared) sit beside a source checkout
DEFAULT_MODEL_DIR = resources.model_dir(resources.NARRATIVE_FOLDER)  # installed or checkout models/
CAT_THRESHOLD = 0.5
RULE_SCORE = 0.9  # the score a category gets when a guideline rule (not the classifier) sets it
_LOCK = threading.Lock()
_SITE_WORD = re.compile(r"网站|门户|政府公报")
# Units of published items that a publishing sentence's printed count is taken with even when the NER misses it.
_ITEM_UNITS = frozenset({"条", "篇", "期"})
# A learned mention that joins two channels or opens with a verb is no name: "移动版和微信", "形成以市政府网站".
_JOINED = re.compile(r"[和及与或以]|形成|通过|依托|利用")
# A channel mention has no inner clause punctuation, balanced quotes, and ends in a channel word.
_PLATFORM_SHAPE = re.compile(
    r"(?:[“《][^”》，、。；：,;:]{1,16}[”》])?[^“”《》，、。；：,;:\s]{0,14}"
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
    if _minor(trained_with) != _minor(spacy.about.__version__):
        raise NarrativeModelError(
            f"narrative model in {model_dir} was trained with spaCy {trained_with}, this is spaCy "
            f"{spacy.about.__version__}: retrain with `xxgk train`"
        )
    with _LOCK:
        return spacy.load(model_dir / "pipeline")


@lru_cache(maxsize=4)
def load_sequence_model(model_dir: Path = DEFAULT_MODEL_DIR) -> SequenceModel:
    """The report-order model (sequence.json) trained with the pipeline in `model_dir`."""
    path = model_dir / "sequence.json"
    if not path.is_file():
        raise NarrativeModelError(f"report-order model {path} not found: retrain with `xxgk train narrative`")
    return SequenceModel.load(path)


def report_parts(sequence: SequenceModel, predictions: list[SentencePrediction]) -> list[str]:
    """The part (before/problem/fix/after) of each sentence of one report, in report order."""
    return sequence.decode([part_scores(p.cats) for p in predictions])


def _resolve(text: str, raw: list[SpanPrediction], published: bool) -> tuple[SpanPrediction, ...]:
    """Snap model spans to printed forms, add rule YEARs and gazetteer channels, drop overlaps."""
    candidates: list[tuple[int, int, str, int]] = []  # start, end, label, priority (lower wins)
    for span in raw:
        if span.label == "COUNT":
            snapped = snap_count(text, span.start, span.end)
        elif span.label == "MONEY":
            snapped = snap_money(text, span.start, span.end)
        elif span.label == "PLATFORM":
            end = span.end + 1 if text[span.end - 1 : span.end] == "网" and text.startswith("站", span.end) else span.end
            shaped = _PLATFORM_SHAPE.fullmatch(text[span.start : end]) and not is_column_not_board(text, end) \
                and not _JOINED.search(text[span.start : end]) and is_learned_channel(text, span.start, end)
            snapped = quoted_extent(text, span.start, end) if shaped else None
        else:
            continue  # YEAR comes from the rule below: every NNNN年 is one
        if snapped:
            candidates.append((*snapped, span.label, 2 if span.label == "PLATFORM" else 1))
    gazetteer = gazetteer_spans(text)
    # A learned name that wraps a channel word ("平潭官方微博" around "官方微博") beats the bare word.
    # Not for websites: a place before 政府门户网站 stays out of the span (annotation guidelines).
    candidates = [(s, e, label, 1 if label == "PLATFORM" and any(
        s <= g0 and g1 <= e and e - s > g1 - g0 and not _SITE_WORD.search(text[g0:g1]) for g0, g1 in gazetteer) else prio)
        for s, e, label, prio in candidates]
    candidates += [(m.start(), m.end(), "YEAR", 0) for m in YEAR_RE.finditer(text)]
    candidates += [(m.start(), m.end(), "MONEY", 3) for m in MONEY_RE.finditer(text)]  # every printed 元 amount
    candidates += [(s, e, "PLATFORM", 1) for s, e in gazetteer]
    if published:  # a publishing sentence: printed item counts the NER missed still count
        candidates += [(m.start(), m.end(), "COUNT", 3) for m in COUNT_RE.finditer(text) if m.group("unit") in _ITEM_UNITS]
    chosen: list[tuple[int, int, str]] = []
    for start, end, label, _ in sorted(candidates, key=lambda c: (c[3], c[0], c[0] - c[1])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, label))
    return tuple(SpanPrediction(s, e, label) for s, e, label in sorted(chosen))


# A sentence without a digit or a channel cue holds no COUNT/MONEY/PLATFORM: the NER can skip it. The cues are
# the characters the gazetteer's channel words (gazetteer.py) are made of.
_NER_CANDIDATE = re.compile(r"\d|[“《「]|网|号|微|公报|报|媒体|栏|屏|平台|电视|电台|广播|客户端|APP|App|app|门户|手册|大厅|热线")
_CLAUSE_END = frozenset("，,；;：:。！？!?、")
# Category definitions of the annotation guidelines that the printed words settle on their own.
# A rule only raises a category the classifier missed; it never lowers one.
# Requests, review and litigation: table 3's and table 4's own words (the official template).
REQUEST_CUE = re.compile(r"申请|复议|诉讼|予以公开|部分公开|不予公开|无法提供|不予处理|答复")
_PUBLISH_NEAR_COUNT = re.compile(rf"(?:{PUBLISH_VERBS}|出版)[^，。；;：:]{{0,24}}?$")
# Words that say a count is not of published items (annotation guidelines: reviews, trainings, inspections,
# received requests, complaints and 诉求, 建议/提案, views and followers; table 2's 本年废止 / 现行有效
# columns count abolished and standing documents, not ones published this year).
NOT_PUBLISHING = re.compile(r"审查|审核|培训|检查|督查|受理|收到|接到|接收|投诉|咨询|诉求|留言|来信|办件|建议|提案|评估|访问|浏览|关注|粉丝|"
                            r"废止|现行有效")
# Counting words of published items, issues and events (annotation guidelines' unit list; 部 counts
# regulations and documents, "规章4部"). Not 个/项/次 alone: they count accounts, tasks and visits as often.
PUBLISHED_UNITS = frozenset({"条", "篇", "期", "件", "份", "部", "场", "批次", "场次", "条次", "篇次"})
# A fee statement: none charged ("未收取…费"), an amount in 元, or the pre-2019 "予以减免" (guidelines' FEE).
_FEE_STATEMENT = re.compile(
    r"(?:未|没有|不|无|暂不|免)(?:产生|收取|收|发生)?[^，。；]{0,10}(?:处理费|费用|收费)|"
    r"(?:处理费|收费)[^，。；]{0,8}\d+(?:\.\d+)?\s*元|予以减免")
_FEE_RULE_ONLY = re.compile(r"规定|办法|标准|要求")  # a sentence about the fee rules only is not FEE
# A counted request, review or litigation statement (REQUEST_STATS), not a 建议/提案 count.
_REQUEST_SUBJECT = re.compile(r"政府信息公开申请|依申请公开|信息公开(?:行政)?复议|信息公开(?:行政)?诉讼|行政复议|行政诉讼")
_COUNTED_REQUEST = re.compile(r"\d+\s*(?:件|宗|起)")


# The lead sentence of the fixes is FIX by definition ("针对上述问题，…采取以下措施。", "下一步，…").
_FIX_LEAD = re.compile(
    r"^(?:\d{4}\s*年度?[，,]?\s*)?(?:下一步|今后|针对(?:上述|以上|存在的?|[^，。；]{0,16}(?:问题|不足)))|"
    r"(?:采取|做好|抓好|从)(?:以下|如下)[^，。；]{0,8}(?:措施|工作|方面)|(?:改进|整改)措施[。：:]?$")


def _rule_cats(text: str, spans: tuple[SpanPrediction, ...], cats: dict[str, float]) -> dict[str, float]:
    """Raise PUBLISHED, REQUEST_STATS, FEE and the fixes' lead where the guidelines' definition is met word for word."""
    out = dict(cats)
    if _FIX_LEAD.search(text):
        out["FIX"] = max(out.get("FIX", 0.0), RULE_SCORE)
        if "PART_FIX" in out:
            out["PART_FIX"] = max(out["PART_FIX"], RULE_SCORE)
    requests = bool(REQUEST_CUE.search(text))
    if not requests and not NOT_PUBLISHING.search(text):
        for span in spans:
            if span.label != "COUNT":
                continue
            unit = COUNT_RE.search(text, span.start)
            clause_start = max(text.rfind(ch, 0, span.start) for ch in "，。；;：:") + 1
            if unit and unit.group("unit") in PUBLISHED_UNITS and _PUBLISH_NEAR_COUNT.search(text, clause_start, span.start):
                out["PUBLISHED"] = max(out.get("PUBLISHED", 0.0), RULE_SCORE)
                break
    if _REQUEST_SUBJECT.search(text) and _COUNTED_REQUEST.search(text) and not re.search(r"建议|提案", text):
        out["REQUEST_STATS"] = max(out.get("REQUEST_STATS", 0.0), RULE_SCORE)
    fee = _FEE_STATEMENT.search(text)
    if fee and ("处理费" in text or "收费" in text or "费用" in text) and not (
            _FEE_RULE_ONLY.search(text) and not re.search(r"\d\s*元|未|没有|不收|无", text)):
        out["FEE"] = max(out.get("FEE", 0.0), RULE_SCORE)
    return out


def _candidate_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the runs of clauses that can hold a span; a span never crosses clause punctuation.

    The tok2vec sees one token either side, so the NER on a run of clauses finds what it finds on the
    whole sentence, at a fraction of the cost on long sentences.
    """
    runs: list[tuple[int, int]] = []
    start = 0
    cuts = [i + 1 for i, token in enumerate(doc) if token.text in _CLAUSE_END] + [len(doc)]
    for end in cuts:
        if end > start and _NER_CANDIDATE.search(doc[start:end].text):
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        start = end
    return runs


def predict(nlp: Language, texts: list[str]) -> list[SentencePrediction]:
    """Spans and category scores for each sentence (texts already normalised)."""
    docs = [nlp.make_doc(text) for text in texts]
    pieces = [(index, doc[start].idx, Doc(nlp.vocab, words=[t.text for t in doc[start:end]], spaces=[False] * (end - start)))
              for index, doc in enumerate(docs) for start, end in _candidate_runs(doc)]
    for name, component in nlp.pipeline:  # the costly tok2vec + NER only where a span can be (speed)
        batch = docs if name.startswith("textcat") else [piece for _, _, piece in pieces]
        for _ in component.pipe(batch, batch_size=256):  # type: ignore[attr-defined]
            pass  # components annotate the docs in place
    found: list[list[SpanPrediction]] = [[] for _ in docs]
    for index, offset, piece in pieces:
        found[index] += [SpanPrediction(offset + e.start_char, offset + e.end_char, e.label_) for e in piece.ents]
    results: list[SentencePrediction] = []
    for doc, raw in zip(docs, found, strict=True):
        cats = dict(doc.cats)
        spans = _resolve(doc.text, raw, cats.get("PUBLISHED", 0.0) >= CAT_THRESHOLD)
        cats = _rule_cats(doc.text, spans, cats)
        if cats.get("PUBLISHED", 0.0) >= CAT_THRESHOLD and doc.cats.get("PUBLISHED", 0.0) < CAT_THRESHOLD:
            spans = _resolve(doc.text, raw, True)  # now a publishing sentence: printed item counts count
        results.append(SentencePrediction(spans, cats))
    return results
