"""extract_narrative: sections → sentences → model → published counts, channels, problems, fixes, fees.

Every `text` handed out is sliced from `full.text` by offsets mapped back through normalisation,
so it is verbatim even when the model saw folded (simplified, pinyin-free) text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..layout.sections import Section
from ..layout.text import FullText
from ..model import FeeStatement, Narrative, PlatformMention, PublishedCount, TextItem, Warning
from .gazetteer import platform_kind, platform_name
from .model_io import DEFAULT_MODEL_DIR, SentencePrediction, SpanPrediction, load_model, predict
from .normalize import normalize
from .restated import count_kind, zero_statements
from .segment import Sentence, split_sentences
from .types import NarrativeResult, RestatedCount, YearMention
from .values import COUNT_RE, parse_count, parse_money, parse_year

PROSE_SECTIONS = ("overview", "proactive", "requests", "review_litigation", "problems", "other")
_PUBLISH_VERB = re.compile(r"公开|发布|发表|推送|刊登|刊发|编发|编印|公布|召开|举办|更新|播发|解读|推出")
_FIX_PART = re.compile(r"改进|整改|措施|下一步|今后|努力方向|工作打算")
_FEE_WORDS = re.compile(r"处理费|收费|收取.{0,8}费|费用")
_NO_FEE = re.compile(r"(未|没有|不|无|暂不|免|减免)(产生|收取|收|发生)?.{0,12}(费|费用)|费用?.{0,4}(为|共计)?\s*0\s*元")
_WORTH_MODEL = re.compile(r"\d|[“《]|网|号|微博|微信|公报|媒体|栏|屏|平台|电视|电台|报|费|申请|复议|诉讼|客户端|APP")
_HEADING_END = re.compile(r"[。；;！？!?]$")


@dataclass(frozen=True)
class _Item:
    """A sentence placed in the full text, with its section, normalisation and prediction."""

    section: str
    start: int  # offset of the sentence in full.text
    sentence: Sentence
    prediction: SentencePrediction
    fix_part: bool
    origin: tuple[int, ...]
    norm: str  # the normalised sentence the model saw; prediction offsets index it

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start + self.origin[start], self.start + self.origin[max(end - 1, start)] + (end > start)


def _sentences(full: FullText, sections: list[Section]) -> list[tuple[str, int, Sentence, bool]]:
    out: list[tuple[str, int, Sentence, bool]] = []
    for section in sections:
        if section.key not in PROSE_SECTIONS or section.end <= section.start:
            continue
        body = full.text[section.start : section.end]
        in_fix_part = False
        for sentence in split_sentences(body, enumerations=section.key == "problems"):
            heading = not _HEADING_END.search(sentence.text) and len(sentence.text) < 40
            if section.key == "problems" and _FIX_PART.search(sentence.text) and (heading or len(sentence.text) < 30):
                in_fix_part = True
            if heading and not re.search(r"\d", sentence.text):
                continue
            if not _is_prose(sentence.text):
                continue
            out.append((section.key, section.start + sentence.start, sentence, in_fix_part))
    return out


def _is_prose(text: str) -> bool:
    """Table rows flattened into text (tabs, mostly digits) are not prose."""
    if "\t" in text:
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    digits = len(re.findall(r"\d", text))
    return han >= 4 and digits <= han


def _empty(message: str) -> NarrativeResult:
    return NarrativeResult(narrative=Narrative(), warnings=[Warning(code="narrative_empty", message=message)])


def extract_narrative(full: FullText, sections: list[Section], report_year: int | None,
                      model_dir: Path = DEFAULT_MODEL_DIR) -> NarrativeResult:
    """Narrative items of one report; empty lists and a "narrative_empty" warning when there is no prose."""
    placed = _sentences(full, sections or [])
    if not placed:
        return _empty("no narrative prose found in the report's sections")
    normalised = [normalize(sentence.text) for _, _, sentence, _ in placed]
    # Only sentences that can hold a span or matter for a category go through the model (speed).
    wanted = [i for i, (key, _, _, _) in enumerate(placed) if key == "problems" or _WORTH_MODEL.search(normalised[i].text)]
    scored = predict(load_model(model_dir), [normalised[i].text for i in wanted])
    predictions = [SentencePrediction((), {})] * len(placed)
    for index, prediction in zip(wanted, scored, strict=True):
        predictions[index] = prediction
    items = [_Item(key, start, sentence, prediction, fix_part, norm.origin, norm.text)
             for (key, start, sentence, fix_part), norm, prediction in zip(placed, normalised, predictions, strict=True)]
    narrative = Narrative()
    restated: list[RestatedCount] = []
    years: list[YearMention] = []
    seen_platforms: set[str] = set()
    for item in items:
        published = _published(full, item)
        narrative.published.extend(published)
        for span in item.prediction.spans:
            start, end = item.span(span.start, span.end)
            text, folded = full.text[start:end], item.norm[span.start : span.end]
            if span.label == "PLATFORM" and platform_name(text) not in seen_platforms:
                seen_platforms.add(platform_name(text))
                narrative.platforms.append(PlatformMention(name=platform_name(text), kind=platform_kind(folded),
                                                           text=text, page=full.page_of(start)))
            elif span.label == "YEAR" and (year := parse_year(folded)) is not None:
                tied = any(p.year == year and p.span[0] > start for p in published)
                years.append(YearMention(year, text, start, full.page_of(start), tied))
        if item.section == "problems":
            _problem_or_fix(full, item, narrative)
        restated.extend(_restated(full, item))
        if narrative.fees.text is None:
            narrative.fees = _fee(full, item) or narrative.fees
    return NarrativeResult(narrative=narrative, warnings=[], restated=restated, years=years)


def _published(full: FullText, item: _Item) -> list[PublishedCount]:
    """COUNT spans of a sentence about publishing, each with its channel and year."""
    pred = item.prediction
    if pred.has("REQUEST_STATS") or pred.has("FEE") or item.section in ("problems",):
        return []
    if not (pred.has("PUBLISHED") or _PUBLISH_VERB.search(item.norm)):
        return []
    platforms = [s for s in pred.spans if s.label == "PLATFORM"]
    norm_text = item.norm
    year_spans = [s for s in pred.spans if s.label == "YEAR" and not _inside_title(norm_text, s.start)]
    counts = [s for s in pred.spans if s.label == "COUNT"]
    if _PUBLISH_VERB.search(norm_text):  # the NER can miss a count in a publishing sentence
        taken = {(s.start, s.end) for s in pred.spans}
        counts += [SpanPrediction(m.start(), m.end(), "COUNT") for m in COUNT_RE.finditer(norm_text)
                   if m.group("unit") in ("条", "篇", "期") and (m.start(), m.end()) not in taken
                   and not any(s.start < m.end() and m.start() < s.end for s in pred.spans)]
    out: list[PublishedCount] = []
    for span in sorted(counts, key=lambda s: s.start):
        start, end = item.span(span.start, span.end)
        parsed = parse_count(item.norm[span.start : span.end])
        if parsed is None:
            continue
        before = [p for p in platforms if p.end <= span.start]
        channel_span = before[-1] if before else None
        channel = None
        if channel_span is not None:
            c0, c1 = item.span(channel_span.start, channel_span.end)
            channel = platform_name(full.text[c0:c1])
        year = None
        prior_years = [y for y in year_spans if y.end <= span.start]
        if prior_years:
            year = parse_year(item.norm[prior_years[-1].start : prior_years[-1].end])
        out.append(PublishedCount(value=parsed.value, unit=parsed.unit, qualifier=parsed.qualifier, scale=parsed.scale,
                                  channel=channel, year=year, text=full.text[start:end], page=full.page_of(start),
                                  span=(start, end)))
    return out


def _inside_title(text: str, offset: int) -> bool:
    """A year inside 《…》 names a document, not the period of a count."""
    opened = text.rfind("《", 0, offset)
    return opened != -1 and text.rfind("》", opened, offset) == -1


def _problem_or_fix(full: FullText, item: _Item, narrative: Narrative) -> None:
    """The section's part decides, unless the classifier is confident of the other category."""
    pred = item.prediction
    problem, fix = pred.cats.get("PROBLEM", 0.0), pred.cats.get("FIX", 0.0)
    is_fix = (item.fix_part and problem < 0.8) or (not item.fix_part and fix >= 0.8 and problem < 0.5)
    if not is_fix and problem < 0.5 and not item.sentence.enumerated and fix < 0.5:
        return  # neither, e.g. a report-wide remark
    target = narrative.fixes if is_fix else narrative.problems
    target.append(TextItem(text=item.sentence.text, page=full.page_of(item.start)))


def _fee(full: FullText, item: _Item) -> FeeStatement | None:
    text = item.norm
    if "处理费" not in text and not (item.prediction.has("FEE") and _FEE_WORDS.search(text)):
        return None
    amounts = [parse_money(item.norm[s.start : s.end]) for s in item.prediction.spans if s.label == "MONEY"]
    amount = next((a for a in amounts if a is not None), None)
    charged = not _NO_FEE.search(text) and amount not in (None, 0)
    if _NO_FEE.search(text) or amount == 0:
        return FeeStatement(charged=False, amount_yuan=0, text=item.sentence.text)
    return FeeStatement(charged=charged or None, amount_yuan=amount, text=item.sentence.text)


def _restated(full: FullText, item: _Item) -> list[RestatedCount]:
    text = item.norm
    if not (item.prediction.has("REQUEST_STATS") or re.search(r"申请|行政复议|行政诉讼", text)):
        return []
    out: list[RestatedCount] = []
    for span in item.prediction.spans:
        if span.label != "COUNT":
            continue
        start, end = item.span(span.start, span.end)
        parsed = parse_count(item.norm[span.start : span.end])
        kind = count_kind(text[: span.start], text[span.end :]) if parsed and parsed.unit in ("件", "宗", "起", "个") else None
        if parsed and kind:
            out.append(RestatedCount(kind, parsed.value, full.text[start:end], full.page_of(start)))
    if not out:
        for kind, _match in zero_statements(text):
            out.append(RestatedCount(kind, 0, item.sentence.text, full.page_of(item.start)))
    return out
