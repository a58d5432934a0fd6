"""extract_narrative: sections → sentences → model → published counts, channels, problems, fixes, fees.

Every `text` handed out is sliced from `full.text` by offsets mapped back through normalisation,
so it is verbatim even when the model saw folded (simplified, pinyin-free) text. Published counts are
decided in published.py, channel names in names.py; each rule group here names the general pattern it
encodes (the spec's report structure, the template's wording, the annotation guidelines), none is
taken from one report's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..layout.sections import Section
from ..layout.text import FullText
from ..model import FeeStatement, Narrative, PlatformMention, TextItem, Warning
from .gazetteer import channel_word, platform_kind, platform_name
from .model_io import (
    DEFAULT_MODEL_DIR,
    SentencePrediction,
    SpanPrediction,
    load_model,
    load_sequence_model,
    predict,
    report_parts,
)
from .names import bare_mentions, introduced_names, mention_extent, report_places
from .normalize import normalize
from .published import last_clause, published_counts
from .restated import count_kind, zero_statements
from .segment import Sentence, split_sentences, unwrap, wrap_width
from .types import NarrativeResult, RestatedCount, YearMention
from .values import COUNT_RE, MONEY_RE, parse_count, parse_money, parse_year
from .words import FUNCTION_CHARS, FUNCTION_WORDS, ends_in_column_kind

PROSE_SECTIONS = ("overview", "proactive", "requests", "review_litigation", "problems", "other")
# Before section 一 a report says where it is published ("本年度报告的电子版可在X门户网站下载"): channels only.
PREFACE = "preface"
# Section 五's structure (report-format spec: "problems, then fixes", "(一)主要问题 (二)改进措施",
# "…及改进情况/措施"): the words that open its fix part, its leads and its sub-heads.
_FIX_PART = re.compile(r"改进|整改|措施|下一步|今后|努力方向|工作打算")
# A sentence that opens the improvement part ("针对上述问题，…", "下一步，…", "2025年，我区将从…").
_FIX_OPENER = re.compile(r"^(?:\d{4}\s*年度?[，,]?\s*)?(?:下一步|今后|针对(?!性)|改进措施|整改措施|改进情况|整改情况|"
                         r"(?:我们|[我本][区县市局镇委办街]?)?(?:将|拟)(?:从|采取|着力|重点|进一步|继续|以|围绕))")
# Fees (spec: 信息处理费 charged or the statement that none was charged).
_FEE_WORDS = re.compile(r"处理费|收费|收取.{0,8}费|费用")
_NO_FEE = re.compile(r"(未|没有|不|无|暂不|免|减免)(产生|收取|收|发生)?.{0,12}(费|费用)|费用?.{0,4}?(为|共计)?\s*(?<![\d.])0\s*元")
# Sentences that can hold a span or a category the pipeline reads (speed: the rest skip the model).
_WORTH_MODEL = re.compile(r"\d|[“《]|网|号|微博|微信|公报|媒体|栏|屏|平台|电视|电台|报|费|申请|复议|诉讼|客户端|APP")
# Sentence ends (the guidelines cut sentences at 。；; ! ? only): a line without one is a heading or a cut sentence.
_HEADING_END = re.compile(r"[。；;！？!?]$")
_TOPIC_AFTER = re.compile(r"\s*(?:建设|管理)")  # the template's sub-head "（四）政府信息公开平台建设"
# A site's back office or management system is where staff work, not where the public reads ("政府网站后台").
_BACK_OFFICE_AFTER = re.compile(r"\s*(?:后台|管理系统|管理后台)")
# A lead that announces the items without stating one ("…但也存在一些问题和不足。", "…将重点做好以下工作：").
_LEAD_ONLY = re.compile(r"(?:(?:存在|还有|仍有|也有)[^，。；：]{0,4}(?:一些|一定的?|以下|如下|不少|诸多|许多|若干)"
                        r"[^，。；：]{0,10}(?:问题|不足|差距|短板|弱项|薄弱环节|地方)(?:和不足)?|"
                        r"(?:以下|如下)[^，。；：]{0,10}(?:工作|措施|方面|几点))[。：:]?$")
# A short line that only names a part of section 五, with or without a full stop.
_SUBHEAD = re.compile(r"^.{0,24}(?:存在的?(?:主要)?(?:问题|不足)|(?:问题|不足)(?:及|和)?(?:改进|整改)(?:情况|措施)?|"
                      r"改进(?:情况|措施)|整改(?:情况|措施)|如何整改的?|工作打算|努力方向)[。：:]?$")


@dataclass(frozen=True)
class _Item:
    """A sentence placed in the full text, with its section, normalisation and prediction."""

    section: str
    sentence: Sentence  # text: the sentence with the layout's line breaks joined
    prediction: SentencePrediction
    fix_part: bool
    origin: tuple[int, ...]  # offset in full.text of each character of `norm`, plus one end slot
    norm: str  # the normalised sentence the model saw; prediction offsets index it
    continues: bool  # follows the previous sentence inside one paragraph
    part: str | None = None  # report-order model's part, when no section-五 heading decides

    @property
    def start(self) -> int:
        return self.origin[0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[max(end - 1, start)] + (end > start)


@dataclass(frozen=True)
class _Placed:
    section: str
    sentence: Sentence
    origin: tuple[int, ...]  # offset in full.text of each character of sentence.text, plus one end slot
    fix_part: bool
    continues: bool


def _sentences(full: FullText, sections: list[Section]) -> list[_Placed]:
    out: list[_Placed] = []
    width = wrap_width(full.text)
    for section in sections:
        if section.key not in (*PROSE_SECTIONS, PREFACE) or section.end <= section.start:
            continue
        body, body_origin = unwrap(full.text[section.start : section.end], width)
        in_fix_part = False
        previous_end: int | None = None
        for sentence in split_sentences(body, enumerations=section.key == "problems"):
            continues = previous_end is not None and "\n" not in body[previous_end : sentence.start]
            previous_end = sentence.end
            # A short line without a full stop is a heading; outside section 五 (whose items and
            # sub-heads this decides) not when a comma shows a sentence cut by a line break the
            # layout kept ("…同步运用“X通”APP、抖音等渠道发布信息，形成"): its channels and counts count.
            heading = not _HEADING_END.search(sentence.text) and len(sentence.text) < 40 and (
                section.key == "problems" or not re.search("[，,]", sentence.text))
            if section.key == "problems":
                if _FIX_OPENER.search(sentence.text) or (heading and _FIX_PART.search(sentence.text)):
                    in_fix_part = True
                if heading or _SUBHEAD.search(sentence.text) or _LEAD_ONLY.search(sentence.text):
                    continue  # "（一）存在的主要问题", "对2023年存在的问题如何整改的", "…但仍存在一些不足。"
            if heading and not re.search(r"\d", sentence.text):
                continue
            if not _is_prose(sentence.text):
                continue
            origin = tuple(section.start + body_origin[i] for i in range(sentence.start, sentence.end + 1))
            out.append(_Placed(section.key, sentence, origin, in_fix_part, continues))
    return out


@dataclass(frozen=True)
class ReportSentence:
    """A prose sentence as the narrative model reads it, placed in the full text (training from corrections)."""

    section: str
    text: str  # as printed, line breaks joined
    text_origin: tuple[int, ...]  # offset in full.text of each character of `text`, plus one end slot
    norm: str  # what the model reads
    origin: tuple[int, ...]  # offset in full.text of each character of `norm`, plus one end slot


def report_sentences(full: FullText, sections: list[Section]) -> list[ReportSentence]:
    """The sentences `extract_narrative` gives the model, in report order."""
    placed = _sentences(full, sections or [Section("overview", "", 0, len(full.text), full.text, 0)])
    out: list[ReportSentence] = []
    for p in placed:
        norm = normalize(p.sentence.text)
        out.append(ReportSentence(p.section, p.sentence.text, p.origin, norm.text, tuple(p.origin[i] for i in norm.origin)))
    return out


# A web page's menu: short runs of Chinese set apart by spaces, with no punctuation ("首页 政务公开 政策文件库").
_MENU = re.compile(r"[\u4e00-\u9fff]{2,10}(?: [\u4e00-\u9fff]{2,10}){2,}")


def _is_prose(text: str) -> bool:
    """Table rows flattened into text (tabs, mostly digits) and menus are not prose."""
    if "\t" in text or (_MENU.search(text) and not re.search(r"[。，,；;：:、！？!?]", text)):
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    digits = len(re.findall(r"\d", text))
    return han >= 4 and digits <= han


def _empty(message: str) -> NarrativeResult:
    return NarrativeResult(narrative=Narrative(), warnings=[Warning(code="narrative_empty", message=message)])


def extract_narrative(full: FullText, sections: list[Section], report_year: int | None,
                      model_dir: Path = DEFAULT_MODEL_DIR, agency: str | None = None,
                      title: str | None = None) -> NarrativeResult:
    """Narrative items of one report; empty lists and a "narrative_empty" warning when there is no prose.

    `agency` and `title` name the report's places, the evidence for how far a portal's name extends
    ("大同市云冈区人民政府网站", not "政府网站").
    """
    # No section heading found (an older or free-form report): all of the text is read as prose.
    placed = _sentences(full, sections or [Section("overview", "", 0, len(full.text), full.text, 0)])
    if not placed:
        return _empty("no narrative prose found in the report's sections")
    normalised = [normalize(p.sentence.text) for p in placed]
    section_five = [p for p in placed if p.section == "problems"]
    headed = any(p.fix_part for p in section_five)
    # Only sentences that can hold a span or matter for a category go through the model (speed);
    # without section 五 every sentence may be a problem or a fix, so every one does.
    wanted = [i for i, p in enumerate(placed)
              if not section_five or p.section == "problems" or _WORTH_MODEL.search(normalised[i].text)]
    scored = predict(load_model(model_dir), [normalised[i].text for i in wanted])
    predictions = [SentencePrediction((), {})] * len(placed)
    for index, prediction in zip(wanted, scored, strict=True):
        predictions[index] = prediction
    # No heading or lead opens the fixes (or section 五 was not found): the report's order decides.
    parts: list[str | None] = [None] * len(placed)
    if not headed:
        parts = list(report_parts(load_sequence_model(model_dir), predictions))
    items = [_Item(p.section, p.sentence, prediction, p.fix_part or part == "fix",
                   tuple(p.origin[i] for i in norm.origin), norm.text, p.continues, None if section_five else part)
             for p, norm, prediction, part in zip(placed, normalised, predictions, parts, strict=True)]
    narrative = Narrative()
    restated: list[RestatedCount] = []
    years: list[YearMention] = []
    seen_platforms: set[str] = set()
    places = report_places(agency, title)
    introduced = introduced_names(full.text)
    after_published = False
    previous_item: _Item | None = None
    for item in items:
        # A sentence cut by a kept line break ("…编印政府" / "公报8期，…") continues the previous fragment's clause.
        cut = previous_item is not None and previous_item.section == item.section \
            and not _HEADING_END.search(previous_item.sentence.text)
        lead_in = last_clause(previous_item.norm) if cut and previous_item is not None else ""
        # "…信息公开年报1条；部门工作动态信息54条；…": the parts of a "；" run are one list
        run = previous_item is not None and previous_item.sentence.text.rstrip().endswith(("；", ";"))
        published = [] if item.section == "problems" else published_counts(
            full, item.norm, item.prediction, item.span, after_published and item.continues, lead_in, run)
        after_published = bool(published)
        previous_item = item
        narrative.published.extend(published)
        _item_platforms(full, item, places, introduced, narrative, seen_platforms)
        for span in item.prediction.spans:
            start, end = item.span(span.start, span.end)
            if span.label == "YEAR" and (year := parse_year(item.norm[span.start : span.end])) is not None:
                tied = any(p.year == year and p.span is not None and p.span[0] > start for p in published)
                years.append(YearMention(year, full.text[start:end], start, full.page_of(start), tied))
        restated.extend(_restated(full, item))
        if narrative.fees.text is None:
            narrative.fees = _fee(full, item) or narrative.fees
    _problems_and_fixes(full, [item for item in items if item.section == "problems" or item.part in ("problem", "fix")],
                        narrative)
    for item in _preface_items(full, sections, model_dir):
        _item_platforms(full, item, places, introduced, narrative, seen_platforms)
    return NarrativeResult(narrative=narrative, warnings=[], restated=restated, years=years)


def _preface_items(full: FullText, sections: list[Section], model_dir: Path) -> list[_Item]:
    """The prose before section 一, read for channels only (it states no counts, problems or fees)."""
    if not sections or sections[0].heading_at <= 0:
        return []
    preface = Section(PREFACE, "", 0, sections[0].heading_at, full.text[: sections[0].heading_at], 0)
    placed = [p for p in _sentences(full, [preface]) if _WORTH_MODEL.search(p.sentence.text)]
    normalised = [normalize(p.sentence.text) for p in placed]
    predictions = predict(load_model(model_dir), [n.text for n in normalised]) if placed else []
    return [_Item(p.section, p.sentence, prediction, False, tuple(p.origin[i] for i in norm.origin), norm.text,
                  p.continues, None) for p, norm, prediction in zip(placed, normalised, predictions, strict=True)]


def _item_platforms(full: FullText, item: _Item, places: frozenset[str], introduced: frozenset[str],
                    narrative: Narrative, seen: set[str]) -> None:
    """The channels one sentence names: the model's PLATFORM spans and the report's introduced names used bare,
    each at the longest extent the report prints (names.mention_extent), a column printed right after its site
    joined to it."""
    extents: list[tuple[int, int]] = []
    for span in item.prediction.spans:
        if span.label != "PLATFORM":
            continue
        if _TOPIC_AFTER.match(item.norm, span.end) and span.start <= 1:
            continue  # the template's sub-head "（四）政府信息公开平台建设" names a topic, not a channel used
        if _BACK_OFFICE_AFTER.match(item.norm, span.end):
            continue
        extents.append(mention_extent(item.norm, span.start, span.end, places))
    extents += [mention_extent(item.norm, start, end, places)
                for start, end in bare_mentions(item.norm, introduced, [(s.start, s.end) for s in item.prediction.spans])]
    for begin, end in _site_columns_joined(item.norm, extents):
        for part_begin, part_end in _account_parts(item.norm, begin, end):
            _add_platform(full, item, part_begin, part_end, narrative, seen)


# Account words printed back to back ("微信微博抖音", "政务微博微信") are one mention of as many channels: a name each.
# 微信视频号 and 微信小程序 are one product each, not 微信 beside another channel.
_ACCOUNT_RUN_WORD = re.compile(r"(?:政务|官方)?(?:微信视频号|微信视频|微信小程序|微博|微信公众号|微信|抖音|视频号|头条号|快手)")


def _account_parts(sentence: str, begin: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    position = begin
    while position < end and (word := _ACCOUNT_RUN_WORD.match(sentence, position, end)) is not None:
        parts.append(word.span())
        position = word.end()
    return parts if position == end and len(parts) >= 2 else [(begin, end)]


_SITE_END = re.compile(r"(?:网站|官网|门户|网|平台)$")
_COLUMN_AFTER = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:专栏|栏目|专区)")


def _site_columns_joined(sentence: str, extents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A column printed right after its site is a channel named by both ("县政府门户网站政府信息公开专栏",
    "X省商务厅门户网站公示公告栏目"): the report names where the column is, as it names a portal's place.
    The site and the column stay channels of their own too: readers name either."""
    joined: list[tuple[int, int]] = []
    parts: list[tuple[int, int]] = []  # the site and the column of a joined mention
    for begin, end in sorted(set(extents)):
        column = _COLUMN_AFTER.match(sentence, end) if _SITE_END.search(sentence, 0, end) else None
        if column is not None and not any(c in FUNCTION_CHARS for c in column.group()) \
                and not any(column.group().startswith(w) for w in FUNCTION_WORDS) \
                and not ends_in_column_kind(column.group(1)):  # "网站|相关栏目" names no column
            parts += [(begin, end), (end, column.end())]
            end = column.end()
        joined.append((begin, end))
    return sorted({e for e in joined if not any(o != e and o[0] <= e[0] and e[1] <= o[1] for o in joined)} | set(parts))


def _add_platform(full: FullText, item: _Item, begin: int, end: int, narrative: Narrative, seen: set[str]) -> None:
    """A channel once per name. `text` is the longest mention the report prints for it ("“平潭发布”公众号",
    "某某县人民政府门户网站"); `name` is what a user searches for: a quoted name alone (the contract's
    "云上叶县", the corpus gold's "平潭发布"), else the printed mention without brackets."""
    start, stop = item.span(begin, end)
    text = full.text[start:stop]
    name = platform_name(text)
    if not name or name in seen:
        return
    seen.add(name)
    folded = item.norm[begin:end]
    narrative.platforms.append(PlatformMention(name=name, kind=platform_kind(folded), text=text, page=full.page_of(start),
                                               channel=channel_word(folded)))


def _problems_and_fixes(full: FullText, items: list[_Item], narrative: Narrative) -> None:
    """Section 五 in order: the section's part decides, unless the classifier is confident of the other category.

    An item opened by a list marker ("一是", "（二）", "2.") keeps the plain sentences that follow it in
    the same paragraph ("三是继续加强业务指导培训。实行…跟班学习制度…"): one item per marker.
    """
    open_item: tuple[list[TextItem], int, bool] | None = None  # list, index, part of the item still open
    listed: tuple[list[TextItem], bool] | None = None  # the list a "；" run is adding to, and its part
    for item in items:
        if open_item is not None and item.continues and not item.sentence.enumerated and open_item[2] == item.fix_part:
            target, index, _ = open_item
            target[index] = TextItem(text=target[index].text + item.sentence.text, page=target[index].page)
            continue
        pred = item.prediction
        problem, fix = pred.cats.get("PROBLEM", 0.0), pred.cats.get("FIX", 0.0)
        if item.part is not None:  # no section 五 found: the part is the only evidence there is
            if _LEAD_ONLY.search(item.sentence.text) or _SUBHEAD.search(item.sentence.text):
                open_item = listed = None
                continue  # "…将着力做好以下工作。" announces the items, it is not one
            problem, fix = float(item.part == "problem"), float(item.part == "fix")
        # Before the heading or lead that opens the fixes, a sentence is a problem: "…待进一步提升" reads
        # like a fix to the classifier but states a shortcoming.
        is_fix = item.fix_part and problem < 0.8
        in_run = listed is not None and item.continues and listed[1] == item.fix_part
        if not is_fix and problem < 0.5 and not item.sentence.enumerated and fix < 0.5 and not in_run:
            open_item = listed = None
            continue  # neither, e.g. a report-wide remark
        if in_run and listed is not None and not item.sentence.enumerated and max(problem, fix) < 0.5:
            target = listed[0]  # "如：A；B；C。": a part of a "；" run is an item of the run's list
        else:
            target = narrative.fixes if is_fix else narrative.problems
        target.append(TextItem(text=item.sentence.text, page=full.page_of(item.start)))
        open_item = (target, len(target) - 1, item.fix_part) if item.sentence.enumerated else None
        listed = (target, item.fix_part) if item.sentence.text.endswith(("；", ";")) else None


def _fee(full: FullText, item: _Item) -> FeeStatement | None:
    text = item.norm
    if "处理费" not in text and not (item.prediction.has("FEE") and _FEE_WORDS.search(text)):
        return None
    amounts = [parse_money(item.norm[s.start : s.end]) for s in item.prediction.spans if s.label == "MONEY"]
    if not amounts:  # the NER can miss the amount of a fee sentence; the printed one still counts
        amounts = [parse_money(m.group()) for m in MONEY_RE.finditer(text)]
    amount = next((a for a in amounts if a is not None), None)
    charged = not _NO_FEE.search(text) and amount not in (None, 0)
    if _NO_FEE.search(text) or amount == 0:
        return FeeStatement(charged=False, amount_yuan=0, text=item.sentence.text)
    return FeeStatement(charged=charged or None, amount_yuan=amount, text=item.sentence.text)


# The counting words of requests and of review and litigation cases (tables 3 and 4 restated in prose).
_CASE_UNITS = frozenset({"件", "宗", "起", "个"})


def _restated(full: FullText, item: _Item) -> list[RestatedCount]:
    text = item.norm
    if not (item.prediction.has("REQUEST_STATS") or re.search(r"申请|行政复议|行政诉讼", text)):
        return []
    out: list[RestatedCount] = []
    spans = [s for s in item.prediction.spans if s.label == "COUNT"]
    if item.prediction.has("REQUEST_STATS"):  # the NER can miss one: every printed case count of the sentence is one
        spans += [SpanPrediction(m.start(), m.end(), "COUNT") for m in COUNT_RE.finditer(text) if m.group("unit") in _CASE_UNITS
                  and not any(s.start < m.end() and m.start() < s.end for s in item.prediction.spans)]
    for span in sorted(spans, key=lambda s: s.start):
        start, end = item.span(span.start, span.end)
        parsed = parse_count(item.norm[span.start : span.end])
        kind = count_kind(text[: span.start], text[span.end :]) if parsed and parsed.unit in _CASE_UNITS else None
        if parsed and kind:
            out.append(RestatedCount(kind, parsed.value, full.text[start:end], full.page_of(start)))
    if not out:
        for kind, _match in zero_statements(text):
            out.append(RestatedCount(kind, 0, item.sentence.text, full.page_of(item.start)))
    return out
