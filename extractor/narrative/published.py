"""Published counts: which COUNT spans of a sentence count items the agency published, with channel and year.

The spec asks for every count of items published (value, unit, qualifier, scale, channel, year), each
mention of a breakdown kept. The annotation guidelines say what is not published: requests and their
outcomes, review and litigation cases, trainings, inspections, complaints, 建议/提案 counts, views and
followers, stock counts. Each rule group below names the general pattern it encodes: the words that
govern a count (a publishing verb, or a word that says the count is of something else), the shape of
a list of counts, and the table-3 wording a sentence of request outcomes uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..layout.text import FullText
from ..model import PublishedCount
from .gazetteer import platform_name
from .model_io import NOT_PUBLISHING, PUBLISHED_UNITS, SentencePrediction, SpanPrediction
from .values import COUNT_RE, parse_count, parse_year
from .words import PUBLISH_VERBS

# The verbs of publishing (model_io.PUBLISH_VERBS) and 解读: an interpretation published is an item
# (guidelines' PUBLISHED: "interpretations").
# A channel's new items are published ones: "门户网站新增信息14129条" (新增 before an item noun; "新增用户" is no item).
PUBLISH_VERB = re.compile(rf"{PUBLISH_VERBS}|解读|新增(?=信息|文件|稿件|内容|政策)")
# Clause punctuation: a count is governed by the words of its own clause (a bracket opens an aside).
CLAUSE_MARKS = "，,。；;：:（("
# Words of a request's outcome (table 3's row words, 答复/办结/结转, 依申请): counts after them are requests
# even without "申请" in the clause.
_ANSWERED = re.compile(r"答复|予以公开|部分公开|不予公开|无法提供|不予处理|结转|公开申请|申请公开|依申请|办结")
# In a sentence that restates requests, a clause with these words counts requests, reviews or lawsuits
# even when "公开" is in it ("因政府信息公开被申请行政复议5件").
_REQUEST_CLAUSE = re.compile(r"申请|复议|诉讼|答复|办结|结转|维持|纠正|受理")
# The outcome rows of table 3; a sentence naming two of them restates request outcomes.
_OUTCOMES = re.compile(r"予以公开|部分公开|不予公开|无法提供|不予处理")
# The words that open a breakdown of the previous sentence's count ("…公开政府信息301条。其中工作动态48条，…").
_BREAKDOWN = re.compile(r"^(?:其中|包括|分别为|具体为|主要为)")
# 个 counts accounts, units and tasks as often as items, so it is a published unit only after a noun of a
# published item: documents, interpretation material, information items, decisions made public
# ("解读政策文件23个", "解读材料58个", "公开重大决策事项12个"; guidelines' PUBLISHED: documents, interpretations),
# or right after the publishing verb itself ("办事指南共发布2670个").
_ITEM_NOUN_BEFORE = re.compile(rf"(?:文件|材料|信息|事项|产品|稿件|视频|图解|解读|(?:{PUBLISH_VERBS})(?:共|累计|共计)?)\s*$")
# An aside that breaks down the count before it: "（其中…", "（含…", "（包括…".
_BREAKDOWN_IN_ASIDE = re.compile(r"其中|包括|含")
# The result of a 建议/提案 made public is an item ("公开人大代表建议办理结果45件"), like "…办理信息5条" and
# the replies themselves ("办理意见", "复文").
_ITEM_AFTER_ACTIVITY = re.compile(r"信息|结果|意见|复文")  # "公开…建议提案办理意见66件": the replies are items

SpanOf = Callable[[int, int], tuple[int, int]]  # offsets in the normalised sentence → offsets in the full text


def last_clause(text: str) -> str:
    """The last clause of a sentence: what a kept line break may have cut off from the next one."""
    return text[max(text.rfind(mark) for mark in CLAUSE_MARKS) + 1 :]


def published_counts(full: FullText, norm: str, pred: SentencePrediction, span_of: SpanOf, after_published: bool = False,
                     lead_in: str = "", run: bool = False) -> list[PublishedCount]:
    """COUNT spans of a sentence about publishing, each with its channel and year.

    `norm` is the sentence the model read and `span_of` maps its offsets to the full text.
    `after_published`: the sentence before, in the same paragraph, stated published counts; a sentence
    opened by "其中", or the next part of a "；" run (`run`), then continues its list. `lead_in`: the start
    of the first clause, when a kept line break cut it off into the sentence before.
    """
    if pred.has("FEE"):
        return []
    # A sentence that restates requests can open with what was published ("全年主动公开政府信息5230条，处理
    # 依申请公开6件…"): there a count is published only by a publishing verb of its own clause (the request
    # clauses are blocked by their own words), never by the sentence's category or an earlier list.
    requests = pred.has("REQUEST_STATS")
    breakdown = after_published and not requests and (run or bool(_BREAKDOWN.match(norm)))
    if not ((pred.has("PUBLISHED") and not requests) or PUBLISH_VERB.search(norm) or breakdown):
        return []
    if len(_OUTCOMES.findall(norm)) >= 2:
        return []  # "其中予以公开5件，部分公开1件…": the outcomes of requests (table 3's rows), not publications
    platforms = [s for s in pred.spans if s.label == "PLATFORM"]
    year_spans = [s for s in pred.spans if s.label == "YEAR" and not _inside_title(norm, s.start)]
    counts = [s for s in pred.spans if s.label == "COUNT"]
    # The NER can miss a count in a publishing sentence: a printed one whose own clause publishes counts.
    printed = [(m, SpanPrediction(m.start(), m.end(), "COUNT")) for m in COUNT_RE.finditer(norm)
               if not any(s.start < m.end() and m.start() < s.end for s in pred.spans)]
    backup = {span for m, span in printed if _published_unit(norm, m.start(), m.group("unit"))}
    # 个 after another noun is published only as the next item of a list counted in 个 ("政策文件40个，人事任免
    # 14个，公告公示94个"): the items of one list are of one kind
    by_list = {span for m, span in printed if m.group("unit") == "个" and span not in backup}
    out: list[PublishedCount] = []
    # end of the previous count and whether it was published; a breakdown sentence starts in its list
    previous: tuple[int, bool] | None = (0, True) if breakdown else None
    list_unit: str | None = None  # the counting word of the last published count
    for span in sorted([*counts, *backup, *by_list], key=lambda s: s.start):
        parsed = parse_count(norm[span.start : span.end])
        if parsed is None or _inside_quotes(norm, span.start):
            continue  # "“民营经济32条”" names a policy
        continued = not requests and ((previous is not None and previous[1] and _continues_list(norm, previous[0], span.start))
                                      or _listed_after_publishing_lead(norm, span.start))
        if span in by_list and not (continued and list_unit == parsed.unit):
            continue
        published, list_publishes = _published_clause(norm, span, continued, lead_in, requests)
        previous = (span.end, list_publishes)
        if not published:
            continue
        list_unit = parsed.unit
        start, end = span_of(span.start, span.end)
        before = [p for p in platforms if p.end <= span.start]
        channel = None
        if before:  # the channel named last before the count is the one it was published through
            c0, c1 = span_of(before[-1].start, before[-1].end)
            channel = platform_name(full.text[c0:c1])
        prior_years = [y for y in year_spans if y.end <= span.start]
        year = parse_year(norm[prior_years[-1].start : prior_years[-1].end]) if prior_years else None
        out.append(PublishedCount(value=parsed.value, unit=parsed.unit, qualifier=parsed.qualifier, scale=parsed.scale,
                                  channel=channel, year=year, text=full.text[start:end], page=full.page_of(start),
                                  span=(start, end)))
    return out


def _published_unit(text: str, start: int, unit: str) -> bool:
    """Can a count with this counting word be of published items (个 only after an item noun)?"""
    return unit in PUBLISHED_UNITS or (unit == "个" and bool(_ITEM_NOUN_BEFORE.search(text, 0, start)))


def _clause_start(text: str, offset: int) -> int:
    """Where the clause holding `offset` begins: after the last clause mark, stepping over a bracketed aside
    that closed before it ("共发布县政府（县政府办）公文72篇": the verb before the aside governs the count)."""
    end = offset
    while True:
        mark = max(text.rfind(m, 0, end) for m in CLAUSE_MARKS)
        if mark == -1 or text[mark] not in "（(" or not re.search(r"[）)]", text[mark:offset]):
            return mark + 1
        end = mark


def _continues_list(text: str, previous_end: int, start: int) -> bool:
    """Is the count at `start` the next item of the list the previous count is in: in the same clause or
    the clause right after it ("发布要闻384条，行业动态1462条", "发布380条财政资金信息，其中专项资金152条")?"""
    begins = _clause_start(text, start)  # over a closed aside: "…2905条,微博(X)6128条"
    between = text[previous_end:begins].rstrip(CLAUSE_MARKS + " \t\u3000")  # "，(其中…" is one break
    between = re.sub(r"[，,（(]?\s*(?:其中|包括|含)$", "", between)  # "8659条，其中：概况类信息7条"
    # clauses in between that are themselves counted items keep the list going ("文件40个，人事任免14个，
    # 领域信息8000余条": the middle item is not taken, the list still runs)
    return all(_counted_item(piece) for piece in re.split(f"[{re.escape(CLAUSE_MARKS)}]", between)[1:])


def _listed_after_publishing_lead(text: str, start: int) -> bool:
    """Is the count an item of a list that a publishing lead opens with a colon ("主动公开政府信息的主要类别有：机构
    职能类信息2条，政策文件类信息27条", "公开类型包括：政策文件25条、规划计划6条")? Every clause between the colon and
    the count's own clause is a counted item; a lead about requests opens no published list."""
    colon = max(text.rfind("：", 0, start), text.rfind(":", 0, start))
    if colon == -1:
        return False
    lead = text[max(text.rfind(m, 0, colon) for m in "，,。；;") + 1 : colon]
    if not PUBLISH_VERB.search(lead) or _ANSWERED.search(lead) or _REQUEST_CLAUSE.search(lead):
        return False
    between = text[colon + 1 : max(text.rfind(m, 0, start) for m in CLAUSE_MARKS) + 1].rstrip(CLAUSE_MARKS)
    return all(_counted_item(piece) for piece in re.split(f"[{re.escape(CLAUSE_MARKS)}]", between) if piece)


def _counted_item(clause: str) -> bool:
    """Is a clause a list item: a few words and a count at its end ("人事任免14个")?"""
    found = list(COUNT_RE.finditer(clause.rstrip()))
    return bool(found) and found[-1].end() == len(clause.rstrip()) and found[-1].start() <= 16


def _last_word_does_not_publish(governing: str) -> bool:
    """The word nearest the count decides: "废止…文件10件", "组织培训6次" are not published, "建议和提案办理
    结果信息公开400条" is (the publishing verb comes after the non-publishing word), and so is "提案办理
    信息5条" (information items about the activity are what is counted)."""
    last = None
    for match in re.finditer(rf"{NOT_PUBLISHING.pattern}|{PUBLISH_VERB.pattern}", governing):
        last = match
    if last is None or not NOT_PUBLISHING.fullmatch(last.group()):
        return False
    return not _ITEM_AFTER_ACTIVITY.search(governing[last.end() :])


def _inside_quotes(text: str, offset: int) -> bool:
    """A number inside “…” or 《…》 is part of a name ("“民营经济32条”", "《若干措施30条》")."""
    return any(text.rfind(opening, 0, offset) > text.rfind(closing, 0, offset) for opening, closing in (("“", "”"), ("《", "》")))


def _published_clause(text: str, span: SpanPrediction, continued: bool, lead_in: str = "",
                      requests: bool = False) -> tuple[bool, bool]:
    """(Is the count published, does its list go on publishing): a count is published when the words that
    govern it publish, a publishing verb in its own clause or, for the next item of a list ("发布要闻384条，
    行业动态1462条"), the list's verb; unless the words right before it say otherwise ("组织培训6次",
    "答复1259件": a training and requests, COUNT but not PUBLISHED by the guidelines). An item kept out
    that way does not end its list. In a sentence restating requests (`requests`) a clause with a request, review
    or lawsuit word publishes nothing ("因政府信息公开被申请行政复议5件")."""
    begins = _clause_start(text, span.start)
    if text[begins - 1 : begins] in ("（", "(") and _BREAKDOWN_IN_ASIDE.match(text, begins):
        # "…发布信息8453条（其中建设工程3638条、…）": the aside breaks down the count its clause published
        outer = _clause_start(text, begins - 1)
        continued = continued or bool(PUBLISH_VERB.search(text, outer, begins))
    clause_end = min((i for i in (text.find(mark, span.end) for mark in CLAUSE_MARKS) if i != -1), default=len(text))
    governing = text[max(begins, span.start - 12) : span.start]  # the words right before the count
    publishes = continued or bool(PUBLISH_VERB.search(text, begins, clause_end))
    blocked = bool(_ANSWERED.search(text[begins : span.start])) or _last_word_does_not_publish(governing) \
        or (requests and bool(_REQUEST_CLAUSE.search(text, begins, span.start)))  # a sentence restating requests
    if begins == 0 and lead_in:  # the clause began in the fragment before
        blocked = blocked or _last_word_does_not_publish((lead_in + text[: span.start])[-12:])
        # "…发" / "布短视频18期": a verb cut in two
        publishes = publishes or bool(PUBLISH_VERB.search(lead_in + text[:clause_end]))
    return publishes and not blocked, publishes


def _inside_title(text: str, offset: int) -> bool:
    """A year inside 《…》 names a document, not the period of a count."""
    opened = text.rfind("《", 0, offset)
    return opened != -1 and text.rfind("》", opened, offset) == -1
