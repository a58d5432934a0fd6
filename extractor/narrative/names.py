"""How far a channel's name extends: the longest name the report prints for it.

A mention found in a sentence is shaped by the annotation guidelines (a level word alone stays,
"区政府门户网站"; a place prefix is left out). The name a report gives its portal is longer:
"[place][级别]人民政府/政府 + channel word" ("大同市云冈区人民政府网站", "东城区政府公报"). A place
counts as part of the name when it is

- one of the report's own places, read from its agency and title ("北京市东城区人民政府" → 北京市,
  东城区, 北京市东城区, and the short forms 北京, 东城), or
- a place word of the general shape (two or more characters before 省/市/区/县/镇/乡/旗/州/街道)
  that jieba starts a word at and that is not a collective or zone word ("全区", "实验区", "开发区").

The tail of a longer place ("实验区" of "平潭综合实验区") is not a place: such a prefix stays out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import jieba

from .gazetteer import ACCOUNT_NAME_ENDS, GENERIC_PLATFORMS, LEVEL_WORDS, SECTOR_WORDS, starts_word
from .normalize import normalize
from .segment import setup_jieba
from .words import FUNCTION_WORDS as _FUNCTION_WORDS
from .words import (
    PUBLISH_VERBS,
    USE_VERBS,
    department_run_before,
    is_column_kind,
    is_name_run,
    name_run_before,
    names_a_collective,
    opens_clause,
    stops_name,
)

_LEVEL = r"(?:特别行政区|自治区|自治州|自治县|街道|省|市|州|盟|县|区|旗|镇|乡)"
# A place token: a stem and a level word. Stems hold no agency or channel words ("公安局荔湾区" is not a place).
_STEM = r"(?:(?!人民|政府|网站|门户|办公|委员|管委|管理)[\u4e00-\u9fff]){1,7}?"
_PLACE_TOKEN = re.compile(rf"{_STEM}{_LEVEL}")
_AGENCY_WORD = re.compile(r"[局委办厅院会部所处室站队]|中心|公司|集团")
# Words of the place shape that name a kind of zone or a collective, not a place.
_NOT_PLACES = frozenset({
    "实验区", "示范区", "开发区", "高新区", "新区", "园区", "保税区", "自贸区", "综合区", "景区", "辖区", "城区", "市区",
    "郊区", "社区", "小区", "片区", "街区", "山区", "老区", "县区", "县市区", "市县区", "市县", "省市", "乡镇", "镇街", "街镇",
    "城市", "地市", "区县", "全区", "全市", "全县", "全省", "全镇", "全乡", "本区", "本市", "本县", "本省", "本镇", "我区", "我市",
    "我县", "我省", "我镇", "各区", "各市", "各县", "各省", "各镇", "各乡", "该区", "该市", "该县", "其他地区", "地区", "灾区",
    "经开区", "高新技术开发区", "经济开发区", "综合实验区", "试验区", "功能区", "集聚区", "产业园区", "工业园区",
})
# Channel words a place name can open: the government's own site or gazette, printed after 政府/人民政府.
# ... and a place's own press and broadcast ("杭州电台", "青山日报", "青山县融媒体中心").
# ... and a department's site or periodical named after its sector ("杭州教育网", "X教育杂志").
_SECTOR = "|".join(sorted(SECTOR_WORDS, key=len, reverse=True))
_OWN_CHANNEL = re.compile(r"(?:人民)?政府(?:门户网站?|网站|官网|官方网站|网|公报|采购网|信息公开(?:平台|网站|专栏|网))|门户网站?|政务(?:服务)?网|"
                          rf"(?:广播)?电视台|电台|日报|融媒体中心|(?:{_SECTOR})(?:门户网站|官方网站|网站|官网|杂志|网)")
# A department's site is printed after the department's name, place first: "X市市场监督管理局政务外网",
# "X县教育局门户网站". The department is a sector word and an agency word (局/委员会/委/厅/办).
_DEPARTMENT = re.compile(rf"(?:{_SECTOR})(?:(?!专栏|栏目|网站|平台|门户)[\u4e00-\u9fff]){{0,4}}?(?:委员会|局|委|厅)")
_DEPARTMENT_CHANNEL = re.compile(r"政务外网|门户网站?|官方网站|网站|官网|子网站|子站")
_MAX_DEPARTMENT = 12
_LEVEL_CHARS = "省市区县镇乡"
_MAX_PLACE = 14  # characters of place chain looked at before a channel word


# A development or pilot zone reporting as an agency of its own: its whole name, up to the year or its committee.
_OWN_ZONE = re.compile(r"([\u4e00-\u9fff]{2,20}?(?:开发区|高新区|新区|实验区|示范区|保税区|自贸区|园区))"
                       r"(?=\d{4}|$|管委会|管理委员会|工作委员会|政府信息公开)")


def report_places(*names: str | None) -> frozenset[str]:
    """The places a report names itself by, from its agency and title ("北京市东城区人民政府" → 北京市, 东城区,
    北京市东城区, 北京, 东城); whole-chain prefixes only, so a zone's tail ("实验区") is never one."""
    places: set[str] = set()
    for name in names:
        if not name:
            continue
        compact = re.sub(r"^\d{4}\s*年度?", "", normalize(re.sub(r"\s+", "", name)).text)
        tokens: list[str] = []
        position = 0
        while match := _PLACE_TOKEN.match(compact, position):
            token = match.group()
            if _AGENCY_WORD.search(token[:-1]) or token in _NOT_PLACES:
                break
            tokens.append(token)
            position = match.end()
        for i in range(len(tokens)):
            for j in range(i + 1, len(tokens) + 1):
                places.add("".join(tokens[i:j]))
        zone = _OWN_ZONE.match(compact)
        if zone and not tokens:
            places.add(zone.group(1))  # a zone's own report names its sites after it ("X高新技术产业开发区政务网")
        for token in tokens:
            stem = re.sub(rf"{_LEVEL}$", "", token)
            if len(stem) >= 2 and token[len(stem):] in ("省", "市", "县", "区", "州", "旗"):
                places.add(stem)  # 淮安市 → 淮安, 广东省 → 广东: "淮安政府网站", "广东广播电视台"
    return frozenset(places)


def _place_tokens(text: str) -> list[str] | None:
    """jieba's words of `text` grouped into place tokens, each ending in a level word ("莲湖"+"区",
    "合"+"溪"+"县", "大同市", "临夏"+"回族"+"自治州"); None when a word that is not part of a name sits
    inside ("主要"+"通过"…)."""
    setup_jieba()
    tokens: list[str] = []
    current = ""
    for word in jieba.cut(text, HMM=False):
        if opens_clause(word):
            return None  # "规范|乡…", "形成|以|市…": a verb or a preposition, not a name
        # the nationalities of an autonomous area are part of its name (宪法 art. 112: 自治区、自治州、自治县)
        ethnic = current and (word.endswith("族") or re.fullmatch("(?:[\u4e00-\u9fff]{1,4}族)+" + _LEVEL, word))
        if len(word) > 1 and current and not re.fullmatch(_LEVEL, word) and not ethnic:
            return None  # a second word joined to a stem: not one name
        current += word
        if re.search(rf"{_LEVEL}$", word):
            tokens.append(current)
            current = ""
    return None if current or not tokens else tokens


def _one_character_county(token: str) -> bool:
    """A county named by one character ("沛县", "叶县"): jieba's dictionary knows it as a place name (ns); collectives
    ("全县", "本县") are not tagged so."""
    return len(token) == 2 and token[-1] in "县旗" and token in _dictionary_counties()


@functools.cache
def _dictionary_counties() -> frozenset[str]:
    """The two-character words ending in 县/旗 that jieba's dictionary tags ns (place name), read from its
    dictionary file: importing jieba.posseg for its tag table would load its HMM tables too (~0.2 s of a cold start)."""
    with jieba.dt.get_dict_file() as dictionary:
        text = dictionary.read().decode("utf-8")
    return frozenset(re.findall(r"^(.[县旗]) \d+ ns$", text, re.MULTILINE))


# A channel word ends right before "和县…": there 和 joins two channels ("党建网和|县政府门户网站"), it names no county.
_CHANNEL_CHAR_BEFORE = re.compile(r"(?:网|站|号|台|报|栏|屏|博|信|端|APP|平台|专栏|栏目|公报)$")


def _is_general_place(text: str) -> bool:
    """A chain of place words ("大同市云冈区"): stems of two or more characters (or a county jieba knows, "沛县"),
    none a zone or collective word ("全区", "实验区"), an agency word or a time word ("全年"+"省")."""
    tokens = _place_tokens(text)
    if tokens is None:
        return False
    for token in tokens:
        stem = re.sub(rf"{_LEVEL}$", "", token)
        if (len(stem) < 2 and not _one_character_county(token)) or not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or token in _NOT_PLACES or _AGENCY_WORD.search(stem) or re.search(r"[年月日度期次\d]$", stem) \
                or any(token.endswith(z) for z in _NOT_PLACES if len(z) > 2):
            return False
    return True


def _opens_name(sentence: str, begin: int, end: int) -> bool:
    """Does a name start at `begin`: jieba starts a word there that is not a preposition or a verb of use?"""
    if begin > 0 and not starts_word(sentence, begin, end):
        return False
    setup_jieba()
    word = next(iter(jieba.cut(sentence[begin:end], HMM=False)), "")
    return not opens_clause(word)


# The provincial-level divisions by their short names, as portals print them without 省/市 ("浙江政务服务网",
# "贵州政务网"): a fixed list (GB/T 2260), so a place before a portal word even without a level word.
PROVINCES = frozenset({
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东",
    "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
    "新疆", "香港", "澳门", "台湾"})


def _place_before(sentence: str, start: int, end: int, places: Iterable[str]) -> int:
    """Start of the longest place name that ends at `start`; `start` itself when there is none."""
    best = start
    known = [p for p in [*places, *PROVINCES] if sentence.startswith(p, start - len(p)) and start - len(p) >= 0]
    for place in known:
        begin = start - len(place)
        if begin == 0 or not re.match(r"[\u4e00-\u9fff]", sentence[begin - 1]) or starts_word(sentence, begin, end):
            best = min(best, begin)
    for begin in range(max(0, start - _MAX_PLACE), best):
        if sentence[begin] in "和及与" and _CHANNEL_CHAR_BEFORE.search(sentence, 0, begin):
            continue
        if _is_general_place(sentence[begin:start]) and _opens_name(sentence, begin, end):
            return begin
    return best


# The owner of a channel is an agency: a government, its office, a street office, a department or a committee
# ("东林镇人民政府微信公众号", "青山区人民政府办公室门户网站", "东林市机关事务管理局网站").
_OWNER_END = re.compile(r"(?:人民政府|政府|办公室|办公厅|办事处|街道|管委会|委员会|中心|[局委厅办部])$")
_MAX_OWNER = 18


def owner_before(sentence: str, start: int, places: Iterable[str] = ()) -> int | None:
    """Start of the agency name printed right before a channel word, or None: a run of name words that ends in
    an agency word and holds more than the agency word ("东林镇人民政府"; not "政府", "街道", "局"). A government
    in it is named by its place or level word only ("细化分解|县人民政府办公室")."""
    begin = name_run_before(sentence, start, _MAX_OWNER, GENERIC_PLATFORMS)
    if _OWNER_END.search(sentence, 0, start):
        begin = department_run_before(sentence, begin, start, _MAX_OWNER, GENERIC_PLATFORMS)
    government = re.compile("(?:人民)?政府").search(sentence, begin, start)
    if government is not None:  # the place before a government is a place (name_extent's rules) or a level word
        head = government.start()
        place = _place_before(sentence, head, start, places)
        if place < head:
            begin = place
        elif head > 0 and sentence[head - 1] in _LEVEL_CHARS and starts_word(sentence, head - 1, start):
            begin = head - 1
        else:
            begin = head
    run = sentence[begin:start]
    if run == "街道" and starts_word(sentence, begin, start) and sentence[begin - 1 : begin] not in tuple("我本该各全其每此"):
        return begin  # the street office's own account, named by its level as "县政府微信公众号" is
    if len(run) >= 3 and not _OWNER_END.search(run) and (_is_general_place(run) or run in places):
        return begin  # a place's own account: "白沙镇微信公众号"
    if len(run) < 3 or not _OWNER_END.search(run) or re.fullmatch("(?:人民)?政府|办公室|办公厅|委员会|管委会|办事处", run):
        return None
    return begin


# Columns and boards carry the topic or the place they serve ("就业创业服务专栏", "基层政务公开专栏",
# "乡村宣传栏", "政务大厅电子显示屏"): the qualifier before the column or board word is part of its name.
_QUALIFIED = re.compile(r"(?:专栏|专区|专题|栏目|规章库|文件库|公开栏|宣传栏|公告栏|公示栏|告知栏|橱窗|宣传板|公示牌|显示屏|信息屏|"
                        r"电子屏|电子屏幕|触摸屏|LED屏|大屏)$")
_MAX_QUALIFIER = 10


def qualifier_before(sentence: str, start: int, end: int) -> int | None:
    """Start of the topic or place qualifier of a column or board mention, or None (two characters at least)."""
    column = _QUALIFIED.search(sentence, 0, end)
    if column is None or sentence[start : start + 1] in ("“", "《"):
        return None
    begin = name_run_before(sentence, start, _MAX_QUALIFIER, GENERIC_PLATFORMS)
    return begin if start - begin >= 2 and not is_column_kind(sentence[begin:start], column.group()) else None


# Government accounts are named "X发布", "X在线", "X之窗", "X之声", "X融媒" (上海发布, 北京发布…); written
# without quotes right before the channel word ("通过青山发布微信公众号"), the name is still the account's.
_ACCOUNT_SUFFIX = re.compile(rf"(?:{ACCOUNT_NAME_ENDS})$")
_SOCIAL_CHANNEL = re.compile(r"(?:政务|官方){0,2}(?:微信公众号|公众号|微信公众平台|微信订阅号|订阅号|小程序|微博|微信|视频号|抖音号|抖音|头条号|政务号|融媒号|新媒体|"
                             r"快手号|客户端|APP)"
                             r"(?:账号|平台)?")
_SOCIAL_TAIL = re.compile(rf"(?:{_SOCIAL_CHANNEL.pattern})$")
_MAX_ACCOUNT = 8


# Apps are named by their brand ("i青山", "掌上青山", "青山通") right before "APP"/"客户端".
_APP_WORD = re.compile(r"APP|app|App|客户端")
_NOT_APP_NAME = re.compile(r"手机|移动|政务|官方|[在于对向从和及与的了将已均并等为是有把被以所其各该本全共我经由至到]")
_PUBLISH_WORDS = re.compile(r"发布|公开|推送|上传|转载|下载|开通|运营|利用|通过|依托")


def _app_before(sentence: str, start: int, end: int) -> int | None:
    """Start of an unquoted app name right before a bare "APP"/"客户端", or None."""
    for begin in range(max(0, start - _MAX_ACCOUNT), start - 1):
        name = sentence[begin:start]
        # an account-shaped name keeps its suffix ("青山发布APP"); elsewhere a publishing word is the verb
        stem = _ACCOUNT_SUFFIX.sub("", name) if len(name) > 2 else name
        if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", name) and not _NOT_APP_NAME.search(name) \
                and not _PUBLISH_WORDS.search(stem) and _opens_name(sentence, begin, end):
            return begin
    return None


# Words that say whose channel it is, not what it is called ("街道公众号", "政府微信公众号", "本单位微博").
_OWNER_WORDS = re.compile(r"政府|街道|单位|部门|官方|政务|网站|门户|平台|媒体|信息|新闻|[本我各全该其局委办厅镇乡区县市省村]$|^[本我各全该其]")
_NAME_OPENERS = "过托用和及与、，,在向：:"


def _named_after_opener(sentence: str, start: int, end: int) -> int | None:
    """An unquoted account name right after a preposition, a conjunction or a list mark and right before its
    channel word: "通过|健康青山|公众号", "网站和|青山之家|微信公众号"."""
    for begin in range(max(0, start - _MAX_ACCOUNT), start - 1):
        name = sentence[begin:start]
        opened = begin == 0 or sentence[begin - 1] in _NAME_OPENERS or sentence[:begin].endswith(tuple(_FUNCTION_WORDS))
        if opened and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", name) and not _OWNER_WORDS.search(name) \
                and not _PUBLISH_WORDS.search(name) and _all_name_words(name) and _opens_name(sentence, begin, end):
            return begin
    return None


def _all_name_words(name: str) -> bool:
    """No word of the name is one no name holds (words.stops_name: "积极|运用", "全年|通过", "累计|发布") or a
    numeral ("等|四个")."""
    setup_jieba()
    return not any(stops_name(word) or re.search(r"[一二三四五六七八九十两几个]", word) for word in jieba.cut(name, HMM=False))


def account_before(sentence: str, start: int, end: int) -> int | None:
    """Start of an unquoted account or app name ("青山发布", "i青山", "健康青山") written right before a
    new-media channel word, or None."""
    if _APP_WORD.fullmatch(sentence, start, end):
        return _app_before(sentence, start, end)
    if not _SOCIAL_CHANNEL.fullmatch(sentence, start, end):
        return None
    if not _ACCOUNT_SUFFIX.search(sentence, 0, start):
        return _named_after_opener(sentence, start, end)
    for begin in range(max(0, start - _MAX_ACCOUNT), start - 3):
        name = sentence[begin:start]
        if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", name) and _opens_name(sentence, begin, end) \
                and _all_name_words(name[:-2]) and name[:-2] not in _NOT_PLACES and not _AGENCY_WORD.search(name[:-2]) \
                and not re.search(r"政府|网站|门户|平台|媒体|信息", name):  # "…网站发布" is the verb, not a name
            return begin
    return None


# An account word followed by the account's name, unquoted: "微信东林环境、微博东林环境". Only a name that opens with one
# of the report's own places is taken (an agency names its accounts after its place); it runs to a list mark or a
# word no name holds.
_BARE_ACCOUNT_WORD = re.compile(r"微信|微博|公众号|微信公众号|抖音|抖音号|视频号|头条号|快手号")


_SUFFIX_NAMED_AFTER = re.compile(rf"([\u4e00-\u9fff]{{2,6}}?(?:{ACCOUNT_NAME_ENDS}))(?=[、，,。；;等]|{PUBLISH_VERBS})")


def _place_name_after(sentence: str, end: int, places: Iterable[str]) -> int:
    """End of an account's unquoted name printed right after its channel word, or `end` when there is none."""
    if not _BARE_ACCOUNT_WORD.search(sentence, max(0, end - 5), end) or sentence[end : end + 1] in ("“", "（", "("):
        return end
    place = max((p for p in places if len(p) >= 2 and sentence.startswith(p, end)), key=len, default=None)
    if place is None:  # a name in the accounts' own shape ("官方微信公众号|东林融媒|发布…"), whatever its place
        named = _SUFFIX_NAMED_AFTER.match(sentence, end)
        return named.end(1) if named and is_name_run(named.group(1)[:-2]) else end
    setup_jieba()
    stop = end + len(place)
    tail = re.match(r"[\u4e00-\u9fff]{0,6}", sentence[stop:]).group()  # type: ignore[union-attr]
    bounded = False  # the name ends at a list mark or at a verb ("微博东林环境|发布")
    for word in jieba.cut(tail, HMM=False):
        if stops_name(word) or word in GENERIC_PLATFORMS:
            bounded = True
            break
        stop += len(word)
    bounded = bounded or (stop < len(sentence) and sentence[stop] in "、，,。；;和及与等")
    return stop if bounded and stop - end <= _MAX_ACCOUNT else end


def name_extent(sentence: str, start: int, end: int, places: Iterable[str] = ()) -> tuple[int, int]:
    """The extent of the name a mention belongs to: a place (and "人民") before the government's own
    site or gazette joins it ("通过|大同市云冈区人民政府网站", "编辑发布|东城区政府公报"); anything else
    is the mention as found."""
    if sentence[start : start + 1] in ("“", "《"):
        return start, end
    if _DEPARTMENT_CHANNEL.fullmatch(sentence, start, end):
        for begin in range(max(0, start - _MAX_DEPARTMENT), start - 1):
            if _DEPARTMENT.fullmatch(sentence, begin, start) and _opens_name(sentence, begin, end):
                place = _place_before(sentence, begin, end, places)
                if place == begin and begin > 0 and sentence[begin - 1] in _LEVEL_CHARS and starts_word(sentence, begin - 1, end):
                    return begin - 1, end  # a level word alone stays: "县教育局门户网站"
                return place, end
    level = next((w for w in LEVEL_WORDS if sentence.startswith(w, start)), "")  # the mention's own level word
    body = start + len(level) if level and sentence.startswith(("政府", "人民政府"), start + len(level)) else start
    if not _OWN_CHANNEL.match(sentence, body):
        return start, end
    head = body - 2 if sentence.startswith("人民", body - 2) else body
    begin = _place_before(sentence, head, end, places)
    if begin < head:
        # "中国" before a place is part of many portals' names ("中国东林门户网站", “中国·东林”)
        return (begin - 2 if sentence.startswith("中国", begin - 2) else begin), end
    return start, end


_GOVERNMENT_SITE = re.compile(r"(?:人民)?政府(?:门户网站?|网站|官网|官方网站)")
_AGENCY_CHAR_BEFORE = re.compile(r"(?:[局委厅]|中心)$")
_BARE_SITE = re.compile(r"门户网站?|官方网站|网站|官网|政务外网|子网站|子站")


def _after_leading_verb(sentence: str, start: int, end: int) -> int:
    """A learned span that opens with a verb or clause word ("答复|官网", "通过|…") starts after it."""
    if sentence[start : start + 1] in ("“", "《", "（", "("):
        return start
    setup_jieba()
    for word in jieba.cut(sentence[start:end], HMM=False):  # "定期|维护|网站": every opening verb
        if not opens_clause(word) or end - start - len(word) < 2:
            break
        start += len(word)
    return start


def mention_extent(sentence: str, start: int, end: int, places: Iterable[str] = ()) -> tuple[int, int]:
    """The longest name the report prints for a mention (the blind sets' convention): the portal's place
    (name_extent), else the agency that owns a site or an account ("东林镇人民政府微信公众号", "X县人民政府办公室
    门户网站"), else an account's own unquoted name ("青山融媒微信公众号"), else a column's or board's topic or
    place ("就业服务专栏", "乡村宣传栏"). A learned prefix before an account word is kept only when it is a
    run of name words ("全年通过|…" is not)."""
    start = _after_leading_verb(sentence, start, end)
    begin, stop = _with_bracketed_aside(sentence, *_mention_extent(sentence, start, end, places))
    return _owner_after_use_verb(sentence, begin, stop), stop


# A site named right after the verb that uses it: the words between are its owner's name however the report writes
# it ("通过|东湖生态旅游风景区官方网站", "在|保税区政务网站", "通过|政府信息公开门户网站", "从|科右中旗政府门户网站"): the
# verb bounds the name from the left as firmly as a clause mark does.
_USE_VERB_BEFORE = re.compile(rf"(?:{USE_VERBS}|在|从|登录|访问|于)$")
_SITE_AT_END = re.compile(r"(?:门户网站?|官方网站|网站|官网)$")
_MAX_SITE_OWNER = 24
_GOVERNMENT_OWN_SITE = re.compile(r"(?:自治[区州县]|[省市区县镇乡旗州盟])?(?:人民)?政府(?:门户网站?|网站|官网|官方网站)")


def _owner_after_use_verb(sentence: str, begin: int, end: int) -> int:
    if not _SITE_AT_END.search(sentence, begin, end) or sentence[begin : begin + 1] in ("“", "《") \
            or _GOVERNMENT_OWN_SITE.fullmatch(sentence, begin, end):
        return begin  # a government's own site: name_extent decided its place ("实验区|政府门户网站")
    for head in range(begin - 1, max(-1, begin - _MAX_SITE_OWNER), -1):
        if sentence[head] in "，,。；;：:、！？!?“”《》\n" or (
                sentence[head] in "和及与" and _CHANNEL_CHAR_BEFORE.search(sentence, 0, head)):
            return begin  # "党建网和|县政府门户网站": 和 joins two channels
        if _USE_VERB_BEFORE.search(sentence, 0, head):
            run = sentence[head:begin]
            return head if is_name_run(run) and not names_a_collective(run) else begin
    return begin


def _with_bracketed_aside(sentence: str, begin: int, end: int) -> tuple[int, int]:
    """A short bracketed aside inside a name belongs to it: "区管委会(区政府)网站", "县(市、区)政府门户网站",
    "园区(街道)公示栏": the aside names the same body again, and the name words before it are the name's start."""
    if sentence[begin - 1 : begin] not in (")", "）"):
        return begin, end
    aside = re.search(r"[(（]([\u4e00-\u9fff、]{1,5})[)）]$", sentence[max(0, begin - 8) : begin])
    if aside is None:
        return begin, end
    opening = begin - len(aside.group())
    head = name_run_before(sentence, opening, _MAX_OWNER, GENERIC_PLATFORMS)
    return (head, end) if head < opening else (begin, end)


def _mention_extent(sentence: str, start: int, end: int, places: Iterable[str]) -> tuple[int, int]:
    begin, stop = name_extent(sentence, start, end, places)
    if (begin, stop) != (start, end) or sentence[start : start + 1] in ("“", "《", "（", "("):
        return begin, stop
    social = _SOCIAL_TAIL.search(sentence, start, end)
    if social is not None:
        core = social.start()
        while (earlier := _SOCIAL_TAIL.search(sentence, start, core)) is not None and earlier.start() < core:
            core = earlier.start()  # account words back to back ("政务微博微信") are one run; its owner is before it
        found = owner_before(sentence, core, places)
        if sentence.endswith("新媒体", 0, end):  # the generic 政务新媒体 has an owner ("市政府|…"), never a brand name
            return (found if found is not None else start), end
        if found is None:
            found = account_before(sentence, core, end)
        if found is None and core > start and name_run_before(sentence, core, _MAX_OWNER, GENERIC_PLATFORMS) <= start:
            found = start  # the model's name for the account, all of it name words
        if found is None and core == start:
            return start, _place_name_after(sentence, end, places)
        if found is None and sentence[start:end] in GENERIC_PLATFORMS:
            found = start  # a channel word of its own ("政务新媒体公众号") is not cut to its account word
        return (found if found is not None else core), end
    if _GOVERNMENT_SITE.fullmatch(sentence, start, end) and _AGENCY_CHAR_BEFORE.search(sentence, 0, start):
        found = owner_before(sentence, start, places)  # "X省地震局|政府网站": a department's site on the government's platform
        if found is not None:
            return found, end
    site = re.search(rf"(?:{_BARE_SITE.pattern})$", sentence[start:end])
    if site is not None and (site.start() == 0 or _OWNER_END.search(sentence, start, start + site.start())) \
            and not sentence.endswith("政府", 0, start + site.start()):  # a government's site: name_extent decides
        found = owner_before(sentence, start + site.start(), places)  # "X市政务服务和|数据管理局网站": the whole agency
        if found is not None and found <= start:
            return found, end
    if (found := qualifier_before(sentence, start, end)) is not None:
        return found, end
    return start, end


# A report introduces a channel once by its quoted name and the channel word ("“X”门户网站", "“X”微信公众号")
# and may name it bare afterwards ("X同步公开信息…"): the quoted name is the channel's name everywhere in
# that report (annotation guidelines: a quoted name glued to a generic channel word is the name).
_INTRODUCED = re.compile(r"“([^“”。，,；;、：:\s]{2,12})”(?=门户网站|官方网站|网站|官网|微信公众号|公众号|微博|客户端|APP)")


# A quoted topic ("“政府信息公开”网站", "“互联网+政务服务”平台") is no brand: its words recur bare as topics.
_TOPIC_WORDS = re.compile(r"公开|服务|互联网|信息|政策|工作|[+＋]")


def introduced_names(text: str) -> frozenset[str]:
    """Names the report quotes right before a site or account word, anywhere in its text (title page included)."""
    return frozenset(m.group(1) for m in _INTRODUCED.finditer(normalize(text).text)
                     if m.group(1) not in GENERIC_PLATFORMS and not _TOPIC_WORDS.search(m.group(1)))


def bare_mentions(sentence: str, names: Iterable[str], taken: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Unquoted recurrences of introduced names that no other span covers and that start a word."""
    spans = list(taken)
    found: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), sentence):
            start, end = match.span()
            if sentence[start - 1 : start] == "“" or any(s < end and start < e for s, e in [*spans, *found]):
                continue
            if starts_word(sentence, start, end) and sentence[end : end + 1] not in _LEVEL_CHARS + "村街州" \
                    and (end == len(sentence) or starts_word(sentence, end, len(sentence))):
                found.append((start, end))  # the whole word: "东林政务" but not inside "东林政务区"
    return sorted(found)
