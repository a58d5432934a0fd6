"""Disclosure channels: the generic channel words every report uses, and the kind of each mention.

The learned model finds new names ("“平潭发布”公众号"); the gazetteer backs it up for the generic
words and decides the contract's `kind`, which the model does not predict.
"""

from __future__ import annotations

import re

import jieba

from .segment import setup_jieba

PlatformKind = str  # one of KINDS
KINDS: tuple[str, ...] = ("website", "gazette", "social_media", "app", "board", "media", "other")

# Generic channel words (the README's label list) plus names the spec itself cites.
GENERIC_PLATFORMS: tuple[str, ...] = (
    "政府门户网站", "区政府门户网站", "市政府门户网站", "县政府门户网站", "镇政府门户网站", "门户网站",
    "政府网站", "区政府网站", "市政府网站", "县政府网站", "部门网站", "政务服务网", "政府网站平台",
    "政府公报", "区政府公报", "市政府公报", "数字公报",
    "政务新媒体", "新媒体", "新媒体账号", "政务微信", "政务微博", "微信公众号", "公众号", "视频号", "微博",
    "官方微博", "新浪微博", "微信", "抖音", "抖音号", "今日头条", "头条号", "快手", "社交媒体账号",
    "移动客户端", "手机APP", "手机客户端", "APP", "微媒体",
    "政务公开栏", "公开栏", "公告栏", "宣传栏", "电子显示屏", "电子触摸屏", "LED屏", "LED显示屏", "信息公开栏",
    "宣传手册", "网上办事大厅", "线上办事大厅",
    "报刊", "报纸", "电台", "电视台", "电视广播", "广播电视", "新闻网站", "商业网站",
    "政府信息公开专栏", "政务公开专栏", "信息公开专栏", "政府信息公开平台", "信息公开平台", "政务公开平台",
    "政务服务平台", "12345热线", "政务服务热线", "便民服务平台",
)
# Proper names of channels the spec cites: quoted, the quotes are part of the mention ("“云上叶县”").
NAMED_PLATFORMS: tuple[str, ...] = ("云上叶县", "随申办", "上海发布")

_KIND_RULES: tuple[tuple[str, str], ...] = (
    (r"公报", "gazette"),
    (r"客户端|APP|app|App|随申办|云上", "app"),
    (r"公众号|视频号|微博|微信|新媒体|抖音|头条|快手|社交媒体|发布”?$|上海发布", "social_media"),
    (r"公开栏|公告栏|宣传栏|显示屏|触摸屏|LED|电子屏|宣传手册", "board"),
    (r"报》?$|报刊|报纸|电台|电视|广播|媒体|《", "media"),
    (r"网站|门户|网$|服务网|信息网|手机门户", "website"),
)


def platform_kind(name: str) -> PlatformKind:
    """Kind from the channel word that ends (or names) the mention; "other" for columns and platforms."""
    for pattern, kind in _KIND_RULES:
        if re.search(pattern, name):
            return kind
    return "other"


def platform_name(mention: str) -> str:
    """The name a user searches for: “云上叶县” → 云上叶县, 《平潭时报》 → 平潭时报, “平潭发布”公众号 → 平潭发布."""
    name = re.sub(r"\s+", "", mention)  # a PDF line break inside the mention is not part of the name
    quoted = re.match(r"[“\"「《]([^”\"」》]+)[”\"」》]", name)
    if quoted:  # “平潭发布”公众号 → 平潭发布: the quoted part is the name
        return quoted.group(1)
    return name.strip("“”\"《》「」'‘’")


_GENERIC_WORDS = frozenset(GENERIC_PLATFORMS)
# A Latin word is not cut: "APP" in "APP store" is not the channel word.
_GAZ_RE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted((re.escape(p) for p in GENERIC_PLATFORMS + NAMED_PLATFORMS),
                                                          key=len, reverse=True)) + r")(?!\s?[A-Za-z])")


_QUOTED_BEFORE = re.compile(r"[“\"][^”“\"。，；]{1,16}[”\"]$")
_PRESS = re.compile(r"《[^》《]{1,16}(?:公报|报|时报|日报|政报)》")
_PLACE_WORDS = "区市县镇"


def _starts_word(sentence: str, offset: int, end: int) -> bool:
    """Does jieba begin a word at `offset`? "加强|区政府网站" yes; "全区|政府网站", "实验区|政府…" no."""
    if offset == 0:
        return True
    setup_jieba()
    left = max(0, offset - 6)
    position = left
    for word in jieba.cut(sentence[left:end], HMM=False):
        if position == offset:
            return True
        if position > offset:
            return False
        position += len(word)
    return position == offset


# A named press or broadcast outlet or site right after a preposition or list comma: "在平潭电视台播出",
# "通过岚山日报、…", "在商业网站转载". A bare place word ("县电视台") is too short to be a name.
_NAME_CHAR = r"(?:(?![在于对向从和及与的了将已均并等为是有把被以所其各该本全共])[\u4e00-\u9fff])"
_NAMED_OUTLET = re.compile(
    rf"(?<=[在过、和及与，,托用助]){_NAME_CHAR}{{2,6}}?(?:电视台|广播电台|日报|晚报|时报|新闻网|信息网)|"
    rf"(?:(?<=[在过、和及与，,托用助])|^)[市区县省]?{_NAME_CHAR}{{1,3}}?[委局办厅]网站|"
    r"中国[·•]?[\u4e00-\u9fff]{2,4}?网(?![站络民友页点格])"  # portals named "中国X网": 中国平潭网, 中国政府网
)


# Government accounts are named "X发布", "X在线", "X之窗"…: quoted, such a name is the channel itself.
# A quoted name glued to a column or site word is one span: “张江高新区”专栏, “环境保护”栏目, “上海科技”网站.
_ACCOUNT_NAME = re.compile(r"“[^“”。，；]{1,16}”(?:栏目|专栏|专区|网站|平台)|“[^“”。，；]{1,12}(?:发布|在线|之窗|之声|政务|融媒|头条)”")


def quoted_extent(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A channel word that ends a quoted name takes the whole name, quotes included.

    "“云上叶县”" and "“平潭12345便民服务平台”" are one span each (the guidelines keep the quotes); a
    generic word merely put in quotes ("“政府信息公开专栏”") stays the word.
    """
    if not sentence.startswith("”", end):
        return start, end
    opening = sentence.rfind("“", 0, start + 1)
    if opening == -1 or start - opening > 16 or re.search(r"[”，。；、,;]", sentence[opening + 1 : start]):
        return start, end
    if opening + 1 == start and sentence[start:end] in _GENERIC_WORDS:
        return start, end
    return opening, end + 1


def is_column_not_board(sentence: str, end: int) -> bool:
    """"政务公开栏目" is a column of a site, not the notice board "政务公开栏"."""
    return sentence[end - 1 : end] == "栏" and sentence.startswith("目", end)


def gazetteer_spans(sentence: str) -> list[tuple[int, int]]:
    """Channel words in a sentence, shaped by the README's rules.

    A quoted name glued in front joins the span ("“平潭发布”公众号"); a 区/市/县 that belongs to a
    longer place name stays out ("实验区政府门户网站" → "政府门户网站"); 《…报》 titles are press.
    """
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PRESS.finditer(sentence)]
    spans += [(m.start(), m.end()) for m in _ACCOUNT_NAME.finditer(sentence)
              if not any(s < m.end() and m.start() < e for s, e in spans)]
    spans += [(m.start(), m.end()) for m in _NAMED_OUTLET.finditer(sentence)
              if not any(s < m.end() and m.start() < e for s, e in spans) and sentence[m.start() - 1] != "《"]
    for match in _GAZ_RE.finditer(sentence):
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in spans):
            continue
        if sentence.startswith("”", end):
            start, end = quoted_extent(sentence, start, end)
        elif quoted := _QUOTED_BEFORE.search(sentence, 0, start):
            start = quoted.start()
        elif sentence[start] in _PLACE_WORDS and not _starts_word(sentence, start, end):
            start += 1
        if is_column_not_board(sentence, end):
            continue
        spans.append((start, end))
    # “平潭发布” inside “平潭发布”公众号: the longer mention is the one span.
    kept = sorted(sp for sp in spans if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans))
    merged: list[tuple[int, int]] = []
    for start, end in kept:  # bare channel words written together ("政务微博微信") are one mention
        if merged and merged[-1][1] == start and not re.search(r"[“”《》\"]", sentence[merged[-1][0] : end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
