"""Words that bound a channel's name from the left: prepositions, verbs of using, publishing and setting up
a channel, counting and time words. A name is the run of other words before its channel word.

Shared by the gazetteer (topic columns) and names.py (owners, accounts, qualifiers); kept apart so that
neither imports the other's module for them.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import jieba

from .segment import setup_jieba

# The verbs of publishing (making public, issuing, printing, posting, broadcasting, holding an event; 制发 is
# table 2's 本年制发件数: documents issued this year, which are public), shared by the category rule and the
# published-count rule (model_io.py, published.py) and by the name rules here.
PUBLISH_VERBS = "公开|发布|发表|推送|刊登|刊发|刊载|编发|编印|印发|公布|召开|举办|更新|播发|播出|推出|上传|转载|张贴|公示|制作|编辑|出刊|制发|推文|发文|发稿|播报"
# The verbs of using a channel, which open the clause that names it ("通过|X网站发布", "依托|A、B等平台").
USE_VERBS = "通过|依托|利用|借助|运用|依靠|经由"
# Words that open a clause before a name and are never part of it ("在|莲湖区…", "通过|大同市…").
FUNCTION_CHARS = frozenset("在于对向从和及与的了将已均并等为是有把被以所其各该本全共我经由至到")
# The verbs of using and managing a channel that prose puts right before its name ("规范|乡人民政府网站",
# "优化|县政府门户网站", "依托|东湖区政府网站"): never the stem of a place.
FUNCTION_WORDS = frozenset({
    "通过", "依托", "利用", "开展", "清理", "借助", "按照", "根据", "围绕", "运用", "结合", "加强", "做好", "发挥", "充分", "持续", "进一步",
    "登录", "关注", "访问", "登陆", "优化", "完善", "强化", "规范", "建设", "推进", "提升", "管理", "维护", "更新", "升级",
    "整合", "运营", "打造", "开通", "搭建", "改版", "统筹", "监管", "巡查", "检查", "指导", "建立", "设立", "开设", "使用",
    "报送", "上报", "转载", "推送", "发布", "公开", "形成", "继续", "充分利用", "充分发挥", "充分运用", "积极运用", "积极利用",
    "主要", "同时", "并且", "以及", "其中", "全面"})

# Words that open or qualify a clause and are never part of a channel's name: counting and time words
# ("全年|累计|共计"), verbs of receiving and answering ("收到|回复"), kinds of content and of handling it
# ("原创|转发"), verbs of setting up or showing a channel ("开设|张贴|滚动播放") and adverbs of manner
# ("及时|定期"). With the verbs of using and publishing they bound a name from the left.
_CLAUSE_WORDS = frozenset({
    "汇总", "归集", "梳理", "汇编", "全年", "今年", "年内", "本年", "当年", "全年度", "年度", "累计", "合计", "共计", "总计", "收到", "接收", "接到", "回复", "答复",
    "受理", "办理", "原创", "转发", "策划", "转帖", "点赞", "评论", "留言", "阅读", "浏览", "发送", "上线", "开设", "设立", "开辟",
    "增设", "新增", "设置", "张贴", "播放", "滚动", "刊播", "播出", "制作", "编发", "及时", "定期", "不定期", "认真", "切实",
    "不断", "积极", "集中", "专门", "丰富", "拓展", "调整", "健全", "用好", "管好", "建好", "办好", "开展", "实现", "保持",
    "确保", "坚持", "注重", "重点", "主动", "同步", "分别", "此外", "另外", "目前", "首页", "页面", "位置", "醒目", "显著",
    "组织", "动员", "引导", "发动", "覆盖", "设有", "均有", "还有", "进行", "做到", "落实", "每月", "每周", "每季度", "每年",
    # words that refer or relate instead of naming ("相关|专栏", "上述|平台") and the items of a list ("一是|…")
    "相关", "有关", "其他", "其它", "各类", "相应", "上述", "以上", "下列", "首先", "其次", "最后", "其一", "其二",
    # quantifiers of a part ("部分|社区公开栏") and verbs that start an improvement ("推动|专区", "建成|村级…")
    "部分", "个别", "多个", "所有", "一些", "少数", "推动", "建成", "新建", "加快", "深化", "扩大", "实施", "完成", "打通",
    "实行", "抓好", "聚焦", "依法", "创新", "探索", "构建", "畅通", "督促", "要求", "推行", "提高", "加大", "增强", "改进",
    "改善", "细化", "分解", "压实", "明确", "制定", "推广", "用足", "做实", "做细", "做优", "提质", "升级", "利用好",
    # prepositions of two characters ("针对|基层政务公开专区")
    "针对", "对于", "关于", "依据", "基于", "为了", "面向", "经过", "随着", "立足", "除了", "包括", "涉及",
    "统一", "配备", "配置", "安装", "辖区", "负责", "抽查", "督查", "核查", "排查", "所在",
    # verbs of securing and drafting ("保障|街道门户网站的运行", "拟定|…管理办法"); 保障 inside a department's
    # name ("社会保障局") is a field word department_run_before continues over
    "保障", "拟定", "起草", "修订",
    # verbs of putting channels together ("组成|新媒体矩阵", "组建|…")
    "组成", "组建", "联合", "联动", "回应", "充实", "链接", "参加", "参与", "规整", "整合"})
# measure words after a number ("12 个|社区公开栏") count the channels, they do not name them
_MEASURE = frozenset("个家处块座所类项批")
# a count written in Chinese numerals ("每周更新|一次|村务公开栏", "两个|专栏") or a frequency ("每周")
_NUMERAL_COUNT = re.compile(r"^(?:[一二两三四五六七八九十百千几多各]+[次个期条件篇场轮批项家处块级]?|每[天日周月季年])$")
_LIST_ITEM = re.compile(r"^[一二三四五六七八九十]+是$")
_PUBLISH_WORD = re.compile(rf"^(?:{PUBLISH_VERBS})$")
_RUN_MARK = re.compile(r"[，,。；;：:、（）()“”\"《》！？!?\s]")
_COLLECTIVE = re.compile(r"^[全各本我该其每此][\u4e00-\u9fff]?$|^[全各本我该其每此](?:区|市|县|省|镇|乡|村|街道|社区|单位|部门)")


# A word that ends in a channel word is another channel ("网站|政务公开专栏"), never part of this one's name.
_CHANNEL_END = re.compile(r"(?:网站|门户|平台|公众号|微博|微信|APP|客户端|专栏|栏目)$|^..+网$")


def opens_clause(word: str) -> bool:
    """A verb, preposition, clause word or list item: what precedes a name and is never its first word ("保障|街道…")."""
    return word in FUNCTION_WORDS or word in _CLAUSE_WORDS or (len(word) == 1 and word in FUNCTION_CHARS) \
        or bool(_LIST_ITEM.match(word))  # "一是|旗政府网站"


def stops_name(word: str) -> bool:
    """A word no channel name holds: a verb of use or publishing, a clause or time word, a number, a collective."""
    return (word in FUNCTION_WORDS or word in _CLAUSE_WORDS or bool(_PUBLISH_WORD.match(word))
            or (len(word) == 1 and word in FUNCTION_CHARS) or bool(re.search(r"\d", word))
            or bool(_COLLECTIVE.match(word)) or bool(_CHANNEL_END.search(word)) or bool(_LIST_ITEM.match(word))
            or word in _MEASURE or bool(_NUMERAL_COUNT.match(word))
            or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", word))


def name_run_before(sentence: str, start: int, limit: int, channels: Collection[str] = ()) -> int:
    """Start of the run of name words that ends at `start`, within its clause: jieba's words back to a clause
    mark, a word no name holds ("通过|东林镇人民政府", "累计|发布") or another channel word, at most `limit` characters."""
    setup_jieba()
    clause = max((m.end() for m in _RUN_MARK.finditer(sentence, 0, start)), default=0)
    words: list[tuple[int, str]] = []
    position = clause
    for word in jieba.cut(sentence[clause:start], HMM=False):
        words.append((position, word))
        position += len(word)
    begin = start
    stopped = False
    for index in range(len(words) - 1, -1, -1):
        offset, word = words[index]
        # jieba without its HMM leaves an unknown stretch as single characters ("用|好|镇"): two of them can
        # still spell a word no name holds
        pair = words[index - 1][1] + word if index > 0 and len(word) == 1 and len(words[index - 1][1]) == 1 else ""
        # a site word ends the run ("…保障局|网|政府信息公开专栏"), but not the 网 of 网信 ("网|信办")
        site = word == "网" and sentence[offset + 1 : offset + 2] != "信"
        if start - offset > limit or stops_name(word) or word in channels or (pair and stops_name(pair)) or site:
            stopped = True
            break
        begin = offset
    # a conjunction jieba glued to the first word after another word ("政府网站|和县…"): it joins, it does not name
    if stopped and begin < start and sentence[begin] in "和及与或" and begin > clause:
        begin += 1
    # "我|县|网信办": a level word after a deictic or collective character is "our county", not a place's name
    if begin < start and sentence[begin] in "省市区县镇乡村" and sentence[begin - 1 : begin] in tuple("我本该各全其每此"):
        begin += 1
    return begin


# Words that say what kind of column a site has, not which one ("一级栏目", "空白栏目", "品牌栏目", "重点专栏"):
# a column is named by its topic ("公平竞争审查栏目"), these name none.
_COLUMN_KIND = re.compile(r"(?:[一二三四五六七八九十\d]+级|空白|品牌|特色|重点|相关|专题|主题|常设|新增|新设|各类|各个|部分|全部|多个|原有|现有|已有|对应|"
                          r"[一二三四五六七八九十两\d]+个)+")


# "政务公开栏目" is the generic disclosure column, which the guidelines leave unlabelled (a site's part, not a named
# column); its 专栏 forms are gazetteer words of their own.
_GENERIC_DISCLOSURE = re.compile(r"[\d次个]*(?:政务|政府信息|政务信息|信息|政府)公开")
_KIND_AT_END = re.compile(rf"(?:{_COLUMN_KIND.pattern})$")
_GENERIC_AT_END = re.compile(rf"(?:{_GENERIC_DISCLOSURE.pattern})$")


def ends_in_column_kind(qualifier: str) -> bool:
    """Does the word nearest the column word say what kind of column it is ("相关|栏目", "重点|专栏")?"""
    return bool(_KIND_AT_END.search(qualifier))


def is_column_kind(qualifier: str, column_word: str = "") -> bool:
    """Is the word before a column word a kind of column (or the generic disclosure one) rather than its topic?
    Before 栏目 the generic one may follow a verb the name run did not stop at ("定期检查|政府信息公开栏目")."""
    if column_word == "栏目" and _GENERIC_AT_END.search(qualifier):
        return True
    # a kind word nearest the column word decides: "清理|空白栏目" is a kind whatever the run took before it
    return ends_in_column_kind(qualifier) or bool(_GENERIC_DISCLOSURE.fullmatch(qualifier))


# Words that name a department's field and are verbs of use elsewhere (FUNCTION_WORDS): "城乡建设局",
# "市场监督管理局", "发展和改革委员会", "行政审批服务局", "城市管理执法局".
_DEPARTMENT_FIELDS = ("建设", "管理", "监管", "服务", "发展", "改革", "规划", "执法", "审批", "保障", "监督")


_PLACE_FIRST = re.compile(r"[\u4e00-\u9fff]{2,4}[省市县区州旗]")


def _department_joint(sentence: str, begin: int) -> str | None:
    """The joint before a department name's run that the name continues over: "和" or a field word."""
    if sentence[begin - 1 : begin] == "和":
        # not before a name of its own, place first ("X宣传和|黄龙县市场监管局…" joins two channels)
        return None if _PLACE_FIRST.match(sentence, begin) else "和"
    return next((w for w in _DEPARTMENT_FIELDS if sentence.endswith(w, 0, begin)), None)


def department_run_before(sentence: str, begin: int, start: int, limit: int, channels: Collection[str] = ()) -> int:
    """A department's name run (name_run_before from `start` gave `begin`) continued over its joints: "和" joins
    the two fields of one department ("住房和城乡建设局", "人力资源和社会保障局"), and a field word that is also a
    verb of use ("数字化|建设|管理局") is inside the name when name words precede it."""
    while begin > 1 and (joint := _department_joint(sentence, begin)):
        joined = name_run_before(sentence, begin - len(joint), limit - (start - begin) - len(joint), channels)
        if begin - len(joint) - joined < 2:
            break
        begin = joined
    return begin


# a particle or an auxiliary verb makes a phrase, not a name ("办公场所的宣传栏", "办税流程及可以")
_NOT_IN_A_NAME = frozenset({"的", "地", "得", "可以", "能够", "进行", "予以", "加以", "及", "和", "或"})


def names_a_collective(text: str) -> bool:
    """Does the text start with a collective ("各街道", "全区", "本单位"), which names places or bodies, not a channel?"""
    return bool(_COLLECTIVE.match(text))


def is_name_run(text: str) -> bool:
    """Are all of a list item's words name words ("北京市企业信用信息网", "海报新闻"; not "张贴公告", "及时公开")?"""
    setup_jieba()
    words = [w for w in jieba.cut(text, HMM=False) if w.strip()]
    # "X发布" names an account (the accounts' usual name); a publishing verb anywhere else makes a clause
    inner = words[:-1] if len(words) > 1 and words[-1] == "发布" else words
    return bool(words) and not opens_clause(words[0]) and not any(
        _PUBLISH_WORD.match(w) or re.search(r"\d", w) or w in _NOT_IN_A_NAME for w in inner)
