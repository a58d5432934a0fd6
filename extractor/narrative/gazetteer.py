"""Disclosure channels: the generic channel words, the shapes of named channels, and each mention's kind.

The learned model finds new names ("“平潭发布”公众号"); the gazetteer backs it up with the generic
channel words and the general shapes names take, and decides the contract's `kind`, which the model
does not predict. Every entry group below says which general pattern it encodes; none is a name taken
from one report (names come from the shapes: quotes, 《》, list context, outlet suffixes).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import jieba

from .segment import setup_jieba
from .words import (
    PUBLISH_VERBS,
    USE_VERBS,
    department_run_before,
    is_column_kind,
    is_name_run,
    name_run_before,
    names_a_collective,
)

PlatformKind = str  # one of KINDS
KINDS: tuple[str, ...] = ("website", "gazette", "social_media", "app", "board", "media", "other")

# Websites. 《政府信息公开条例》 art. 23 names 政府网站 as a disclosure channel; 《政府网站发展指引》
# (国办发〔2017〕47号) names 政府门户网站, 部门网站 and the 集约化平台 they run on; 官网/官方网站 are the
# everyday words for an agency's own site; 政务服务网 is the online service portal (国办 "互联网+政务服务").
_WEBSITES = ("政府门户网站", "门户网站", "政府网站", "部门网站", "官方网站", "官网", "政府网站平台",
             "政府网站集约化平台", "集约化平台", "政务服务网", "政府信息公开网站", "信息公开网站", "政府信息网站", "政府官网", "政府官方网站",
             # the 政务外网 (national e-government extranet) is where an agency's own site is hosted.
             "政务外网",
             # "门户网" is the portal written without 站 ("县人民政府门户网"); every level's government runs a 政府采购网
             # where procurement is published (政府采购法 art. 11: 政府采购信息 in the media the finance department names)
             "门户网", "政府门户网", "政府采购网")
# Gazettes: 条例 art. 23 names 政府公报; its digital edition is the 数字公报/电子公报.
_GAZETTES = ("政府公报", "数字公报", "电子公报")
# New media: 《关于推进政务新媒体健康有序发展的意见》 (国办发〔2018〕123号) defines 政务新媒体 as
# 政务微博, 政务微信 (公众号/公众平台), 政务客户端 and accounts on other platforms (头条号, 抖音号, 快手号,
# 视频号); 微信群 is the village/community group the grassroots-disclosure guidance uses.
_NEW_MEDIA: tuple[str, ...] = ("政务新媒体", "新媒体", "新媒体账号", "新媒体平台", "新媒体公众号", "政务新媒体公众号", "政务微信", "政务微博", "微信公众号", "公众号",
              "微信公众平台", "视频号", "微信视频号", "微博", "官方微博", "官方微信", "官方微信公众号", "官方公众号", "官方抖音",
              "官方抖音号", "官方视频号", "官方头条号", "官方快手号", "抖音公众号", "新浪微博", "微信", "微信群", "抖音", "抖音号",
              "今日头条", "头条号", "快手", "快手号", "社交媒体账号", "移动客户端", "手机客户端", "政务客户端", "手机APP", "App", "app",
              "APP",
              # the 123号 guidance's "other platforms": the content platforms agencies open accounts on
              "百家号", "人民号", "澎湃号", "企鹅号", "网易号", "搜狐号", "美篇", "小红书", "哔哩哔哩", "学习强国",
              # WeChat's two account types (服务号/订阅号) and mini programs, which agencies run as 政务新媒体 too
              "微信订阅号", "订阅号", "微信服务号", "小程序", "微信小程序")
# Accounts are hosted by a platform company whose name reports print before the account word ("新浪政务微博").
_NEW_MEDIA += tuple(f"{host}{word}" for host in ("新浪", "腾讯") for word in ("政务微博", "官方微博", "政务官方微博"))
# A 政务号 is a government account on a content platform (抖音政务号, 头条政务号: the 123号 guidance's "other platforms").
_NEW_MEDIA += ("政务号", "抖音政务号", "头条政务号", "快手政务号", "微博政务号", "短视频平台", "融媒号",
               # the 123号 guidance's 政务新媒体矩阵: an agency's accounts run together
               "新媒体矩阵", "政务新媒体矩阵")
# The government as the owner word of its accounts ("运用政府微博、微信"), as 政务/官方 are.
_NEW_MEDIA += ("政府微博", "政府微信", "政府微信公众号", "政府公众号")
# Both owner words before one account word ("官方政务微信", "政务官方微博").
_NEW_MEDIA += tuple(f"{a}{b}{word}" for a, b in (("官方", "政务"), ("政务", "官方")) for word in ("微信", "微博", "微信公众号"))
# The 123号 guidance speaks of an agency's 政务微博/政务微信 and their 账号 (accounts): an account word keeps the
# 政务/官方 before it and the 账号/号/公众平台 after it ("政务微博账号", "官方微信公众平台", "抖音账号").
_NEW_MEDIA += tuple(dict.fromkeys(
    f"{owner}{word}{tail}" for owner in ("", "政务", "官方") for word in ("微博", "微信", "抖音", "快手", "头条")
    for tail in ("账号", "号", "公众账号", "公众平台", "公众号") if not (word == "微信" and tail == "号")))
_NEW_MEDIA += tuple(f"{owner}{word}" for owner in ("政务", "官方") for word in ("视频号", "公众号", "抖音", "抖音号", "微信公众平台",
                                                                             "账号", "新媒体账号"))
# Offline boards and screens: 条例 art. 25 names 信息公告栏 and 电子信息屏 at the consultation places; the
# grassroots standardisation guidance uses 政务公开栏 / 村务公开栏; leaflets (宣传手册) are handed out there.
_BOARDS = ("政务公开栏", "政务公开宣传栏", "信息公开宣传栏", "公开宣传栏", "公开栏", "公告栏", "信息公告栏", "宣传栏", "信息公开栏", "政府信息公开栏", "公示栏", "村务公开栏", "宣传板", "公示牌", "电子显示屏", "电子信息屏",
           "电子屏", "电子屏幕", "显示屏幕", "LED屏幕", "电子触摸屏", "触摸屏", "LED屏", "LED显示屏", "宣传手册", "宣传册", "户外大屏", "电子大屏", "LED大屏",
           # the board that tells (告知栏) and the glass-fronted showcase (橱窗) are notice boards too
           "告知栏", "信息告知栏", "公开告知栏", "宣传橱窗", "公示橱窗", "公开橱窗", "橱窗", "宣传展板")
# Press and broadcast: 条例 art. 23 names 报刊、广播、电视 (报刊 is short for 报纸刊物; a 杂志 is a 刊物). ("广播电视" is left out and "广播" is not taken
# before 电视/局/站: they are also a sector and an agency name, "广播电视局", "文化广播电视体育和旅游局".)
_MEDIA = ("报刊", "新闻报刊", "报纸刊物", "报纸", "杂志", "电台", "电视台", "广播电台", "电视广播", "广播", "新闻媒体", "新闻网站",
          "传统媒体",  # the press and broadcast of art. 23, as reports group them against 新媒体
          # the county-level media centres (县级融媒体中心) that merged a county's paper, radio, TV and accounts
          "融媒体中心",
          # the central news units (中央主要新闻单位) reports name when they republished a policy: their names are
          # fixed words, printed without 《》, and the State Council's portal 中国政府网 (国办发〔2017〕47号)
          "新华社", "新华网", "人民网", "央视网", "中国新闻社", "中新社", "中央电视台", "中央广播电视总台", "中国政府网")
# A department's site and periodical are named after its sector ("教育网站", "教育门户网站", "卫健委官网",
# "X教育网", "X教育杂志"): the sector words are the short names of the government's working departments
# (国务院组成部门 and the local 政府工作部门 that mirror them). The sector word is part of the channel's
# name (annotation guidelines: the longest name the report prints).
SECTOR_WORDS: tuple[str, ...] = (
    "教育", "科技", "工信", "公安", "民政", "司法", "财政", "人社", "人力资源和社会保障", "自然资源", "生态环境", "环保",
    "住建", "住房和城乡建设", "城乡建设", "交通", "交通运输", "水利", "水务", "农业农村", "农业", "商务", "文旅",
    "文化和旅游", "文化旅游", "文化", "旅游", "卫生健康", "卫健", "卫生", "健康", "应急", "应急管理", "审计", "国资",
    "市场监管", "市场监督管理", "统计", "医保", "医疗保障", "林业", "林草", "体育", "税务", "发改", "发展改革", "发展和改革",
    "民族宗教", "退役军人", "信访", "气象", "人防", "粮食", "城管", "城市管理", "规划", "国土", "扶贫", "乡村振兴", "金融",
    "数据", "经信", "科学技术", "消防", "海关", "邮政", "政法",
    # the party committee's organisation department runs the 党建网 where grassroots bodies publish 党务 and 政务
    "党建")
_SECTOR = "|".join(sorted(SECTOR_WORDS, key=len, reverse=True))
# "网" alone ends a site's name ("教育网") but not 网上/网络/网页/网民…
_NOT_SITE_AFTER_NET = "(?![站络页民友格点上内外群红店购吧课速])"
# Infrastructure sectors name physical networks with 网 ("交通网", "水网", "数据网"): for them only the site words count.
_NETWORK_SECTORS = r"(?!(?:交通运输|交通|水利|水务|邮政|数据|城乡建设|规划)网)"
_SECTOR_CHANNEL = re.compile(rf"(?:{_SECTOR})(?:门户网站|官方网站|网站|官网|杂志)|{_NETWORK_SECTORS}(?:{_SECTOR})网{_NOT_SITE_AFTER_NET}")
# A government's or its disclosure office's site printed as "…网" (条例 art. 23 政府网站): "X市政府网",
# "X政府信息公开网", "政务公开网".
_GOVERNMENT_NET = re.compile(rf"(?:政府信息公开|信息公开|政务公开|(?:人民)?政府|政务)网{_NOT_SITE_AFTER_NET}")
# 条例 art. 23 lists 广播、电视 as channels: "电视" ("广播电视") is one when it is an item of a channel list ("利用电视、报纸"),
# not the sector word of "电视台"/"广播电视局"/"电视剧".
_LISTED_TV = re.compile(r"(?<=[、，,用过在和及与挥])(?:广播电视|电视)(?=[、，,和及与等])")
# Grassroots boards carry the affairs they publish, often several at once (条例 art. 25 公开栏; the
# 基层政务公开 standardisation guidance's 党务、政务、村务、财务公开): "党务政务村务公开栏", "村务、财务公开栏".
_AFFAIRS = r"(?:党务|政务|村务|居务|村[（(]居[）)]务|财务|事务|政府|信息)"
_BOARD_CHAIN = re.compile(rf"{_AFFAIRS}(?:[、和及]?{_AFFAIRS})*(?:(?:(?:公开|公示)(?:宣传)?|宣传)栏(?!目)|"
                          r"(?:公开|公示)(?:电子显示屏|电子信息屏|电子屏|显示屏|LED屏|LED显示屏))")
# Columns, platforms and hotlines: the template's section 一 asks for 政府信息公开平台 building; national
# rules ask portals for a 政府信息公开专栏 and for 规章库 / 行政规范性文件库 (国办发〔2018〕37号); the 12345
# hotline (国办发〔2020〕53号) and the online service hall answer and publish on the agency's behalf;
# 条例 art. 25 puts consultation places in the 政务服务场所 (the 政务(服务)大厅, online and in person), and
# portals keep a 政策文件库 / 政府文件库 of every current document (国办发〔2018〕37号).
_COLUMNS = ("政府信息公开专栏", "政务公开专栏", "信息公开专栏", "公开专栏", "政务公开专区", "政府信息公开专区", "信息公开专区", "政府信息公开平台", "信息公开平台",
            "政务公开平台", "政务服务平台", "便民服务平台", "网上办事大厅", "线上办事大厅", "规章库", "行政规范性文件库",
            "规范性文件库", "政策文件库", "12345热线", "12345政务服务热线", "12345政务服务便民热线", "12345投诉热线", "12345便民热线",
            "12345市民热线", "12345便民服务热线", "政务服务热线",
            "政务服务便民热线", "政务大厅", "政务服务大厅", "网上政务大厅", "网上政务服务大厅", "政府文件库", "文件库",
            # the SMS platform pushes notices to residents' phones (条例 art. 23: other ways the public learns of them)
            "短信平台")
GENERIC_PLATFORMS: tuple[str, ...] = _WEBSITES + _GAZETTES + _NEW_MEDIA + _BOARDS + _MEDIA + _COLUMNS

# The kind follows the channel word that ends (or names) the mention.
_KIND_RULES: tuple[tuple[str, str], ...] = (
    (r"公报|政报", "gazette"),
    (r"客户端|APP|app|App", "app"),
    (r"公众号|公众平台|视频号|微博|微信|新媒体|抖音|头条|快手|社交媒体|百家号|人民号|澎湃号|企鹅号|网易号|搜狐号|美篇|小红书|哔哩哔哩|"
     r"学习强国|账号|政务号|融媒号|发布”?$", "social_media"),
    (r"公开栏|公告栏|宣传栏|公示栏|告知栏|橱窗|展板|宣传板|公示牌|显示屏|信息屏|触摸屏|电子屏|LED|宣传手册", "board"),
    (r"报》?$|报刊|报纸|杂志|刊物|电台|电视|卫视|广播|媒体|新华社|新闻社|中新社|《", "media"),
    (r"网站|门户|官网|网$|服务网|信息网|手机门户|信箱", "website"),
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
    quoted = re.match(r"[“\"「《（(]([^”\"」》）)]+)[”\"」》）)]", name)
    if quoted:  # “平潭发布”公众号 → 平潭发布: the quoted part is the name
        return quoted.group(1)
    after = _ACCOUNT_THEN_NAME.fullmatch(name)
    if after:  # 微信公众号“青山东石” → 青山东石
        return after.group()[after.group().index("“") + 1 : -1]
    bare = _ACCOUNT_THEN_BARE_NAME.fullmatch(name)
    if bare:  # 官方微信公众号东林融媒 → 东林融媒: a name in the accounts' own shape
        return bare.group(1)
    return name.strip("“”\"《》「」'‘’（）()")


_GENERIC_BY_LENGTH = sorted(GENERIC_PLATFORMS, key=len, reverse=True)


def channel_word(mention: str) -> str | None:
    """The generic channel word a mention is of ("“平潭发布”公众号" → 公众号); None for a bare proper name."""
    compact = re.sub(r"\s+", "", mention)
    unquoted = re.sub(r"[“\"「《][^”\"」》]*[”\"」》]", "", compact)
    for word in _GENERIC_BY_LENGTH:
        if word in unquoted:
            return word
    return None


_GENERIC_WORDS = frozenset(GENERIC_PLATFORMS)
# A Latin word is not cut: "APP" in "APP store" is not the channel word.
_GAZ_RE = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(p) for p in _GENERIC_BY_LENGTH) + r")(?!\s?[A-Za-z])")


_QUOTED_BEFORE = re.compile(r"[“\"][^”“\"。，；]{1,16}[”\"]$")
# Press and gazette titles are printed in 《》: 《X日报》, 《X政府公报》, 《X政报》.
# (a bare 报 needs a name of two characters: 《年报》 is the annual report itself)
_PRESS = re.compile(r"《(?:[^》《]{0,16}公报|[^》《]{1,16}(?:时报|日报|政报|网|网站)|[^》《]{2,16}报)》")  # 《X网》 names a site
# The administrative level words a channel word can carry ("区政府门户网站", "省政府网站").
LEVEL_WORDS = ("自治区", "自治州", "自治县", "中央", *"省市区县镇乡旗州盟")


def starts_word(sentence: str, offset: int, end: int) -> bool:
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


# Named press, broadcast outlets and department sites right after a preposition or a list comma: outlet
# names end in their kind ("X电视台", "X卫视", "X日报", "X简报", "X新闻网"), department sites in the department's short
# name ("市科技局网站", "局官网"). A bare place word ("县电视台") is too short to be a name.
_NAME_CHAR = r"(?:(?![在于对向从和及与的了将已均并等为是有把被以所其各该本全共])[\u4e00-\u9fff])"
# The verbs of use that open such a mention are not part of the name ("通过|委网站", "利用|区日报").
_NO_VERB = r"(?!通过|依托|利用|借助|运用|经由|登录|登陆)"
# The kind words press and broadcast outlets' names end in.
_PRESS_KINDS = "电视台|广播电台|卫视|日报|晚报|时报|晨报|都市报|商报|周报|简报"
_NAMED_OUTLET = re.compile(
    rf"(?:(?<=[在过、和及与，,；;托用助于])|^){_NO_VERB}{_NAME_CHAR}{{2,6}}?(?:{_PRESS_KINDS}|(?:新闻|信息)网(?!站|上(?:公开|发布|办理|申请)))|"
    rf"(?:(?<=[在过、和及与，,托用助年])|^){_NO_VERB}[市区县省]?{_NAME_CHAR}{{1,6}}?[委局办厅](?:网站|官网)|"
    # The department's own short name is its agency word, with or without its level: "局官网", "省局官网".
    rf"(?:(?<=[在过、和及与，,托用助年])|^)[市区县省]?[委局厅](?:门户网站|官方网站|网站|官网)"
)


# The kind word an outlet's name ends in; the name before it holds no channel word or verb.
# (The leftmost match wins: "X广播电视台" ends in the kind 广播电视台, not 电视台.)
_OUTLET_KIND = re.compile(rf"(?:广播电视台|{_PRESS_KINDS}|新闻网|信息网|门户网站|官方网站|网站|官网)$")


# A named site whose name ends in its kind ("X服务网", "X信用网", "X政务网", "X信息网") right after a verb of using
# or updating a channel ("更新|X服务网有关信息", "依托|X政务网"): the whole name is the channel (条例 art. 23 政府网站).
_USE_VERB = "|".join(f"(?<={verb})" for verb in ("更新", "维护", "运营", "依托", "通过", "利用", "登录", "借助", "访问", "运用"))
_NOT_IN_NAME = re.compile(rf"网|站|平台|媒体|{PUBLISH_VERBS}|维护|开展|加强")  # "编发|教育简报": the verb, not the name
_NAMED_SITE = re.compile(rf"(?:{_USE_VERB}){_NAME_CHAR}{{2,10}}?(?:服务网|信用网|政务网|信息网|新闻网){_NOT_SITE_AFTER_NET}")


# A named site opening its clause and publishing there ("，数字东林网站发布工作动态42条"): the name is all name words and
# not an owner word (政府/部门/单位 name whose site it is, and other rules take the owner).
_CLAUSE_SITE = re.compile(rf"(?:(?<=[，,；;。：:])|^){_NAME_CHAR}{{2,6}}?(?:网站|官网)(?=(?:共|累计|全年|共计)?(?:{PUBLISH_VERBS}))")
_OWNER_NAME_END = re.compile(r"(?:政府|部门|单位|门户|政务|机关|[省市区县镇乡委局办厅])$")


def _clause_sites(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CLAUSE_SITE.finditer(sentence)
            if not any(s < m.end() and m.start() < e for s, e in spans)
            and not _OWNER_NAME_END.search(m.group()[: -2]) and not _NOT_IN_NAME.search(m.group()[: -2])
            and _all_name_words(sentence, m.start(), m.end())]


# Government accounts are named "X发布", "X在线", "X之窗"…: quoted, such a name is the channel itself.
# A quoted name glued to a column or site word is one span: “X”专栏, “X”栏目, “X”网站; a quoted name that
# ends in a channel word is one too: “X统一公开平台”, “X规章库”.
_ACCOUNT_NAME = re.compile(r"“[^“”。，,；;]{1,16}”(?:专题专栏|专题栏目|专题(?:网页|页面)?(?!活动|培训|会|讲座|学习|教育|调研|研讨|部署|宣传|实践|工作|(?:政府)?信息|文件|政策|新闻|报道|内容)|栏目|专栏|专区|[省市区县州旗]?(?:人民)?政府(?:门户)?网站|门户网站|网站|平台|[^“”。，,；;、]{1,4}账号|(?:官方|公众)?(?:微信公众号|微信公众平台|微信订阅号|微信号|微博号|微信|微博)|公众号|订阅号|政务号|小程序|"
                           r"抖音号|视频号|头条号|快手号|客户端)|“[^“”。，,；;、]{1,12}(?:发布|在线|之窗|之声|政务|融媒|头条)”|"
                           r"“[^“”。，,；;]{1,16}(?:平台|网站|网|专栏|公众号|客户端|APP|库)”")
# The last words of an account's own name (上海发布, X在线, X之窗, X之声, X融媒), shared with names.py.
ACCOUNT_NAME_ENDS = "发布|在线|之窗|之声|融媒"
# The account words an account's name may follow ("微信公众号平台“X”" too).
_ACCOUNT_WORD_BEFORE_NAME = (r"(?:官方|政务)?(?:微信公众号|微信公众平台|公众号|微信订阅号|订阅号|微信号|微信|微博|抖音号|视频号|头条号|快手号)"
                             r"(?:平台|账号)?")
# An account named in quotes right after its channel word is one mention: "微信公众号“X”", "官方微信“X街道办事处”";
# unquoted, a name in the accounts' own shape is too ("官方微信公众号东林融媒").
_ACCOUNT_THEN_NAME = re.compile(rf"{_ACCOUNT_WORD_BEFORE_NAME}“[^“”。，,；;：、]{{2,20}}”")
_ACCOUNT_THEN_BARE_NAME = re.compile(rf"{_ACCOUNT_WORD_BEFORE_NAME}([\u4e00-\u9fff]{{2,6}}?(?:{ACCOUNT_NAME_ENDS}))")
# An account named in brackets right after its channel word: "微信公众号（X）", "抖音号(X)".
_BRACKETED_ACCOUNT = re.compile(r"(?:(?<=公众号)|(?<=微信号)|(?<=抖音号)|(?<=视频号)|(?<=头条号)|(?<=快手号)|(?<=微博)|(?<=微信))"
                                r"[（(][\u4e00-\u9fffA-Za-z0-9]{2,10}[）)]")
# Only a new-media account has followers or subscribers (粉丝, 关注用户, 订阅), so a quoted name whose
# followers are counted right after it is an account: "“X”粉丝…", "“X”有关注用户…", "“X”的订阅量…".
_FOLLOWED_ACCOUNT = re.compile(r"“[^“”。，,；;：、]{2,12}”(?=(?:共有|拥有|累计|有|的)?(?:粉丝|关注用户|关注人数|订阅用户|订阅量))")
# A quoted item of a list that names channels is a channel too: "利用“X”、微信公众号、视频号等平台",
# "“X”、“Y”等品牌栏目". The list's class word after 等 says what its items are.
_QUOTED_ITEM = re.compile(r"“[^“”。，,；;：、]{2,16}”")
_LIST_CLASS = re.compile(r"^[^，。；：]{0,12}?等[^，。；：]{0,6}?(?:平台|渠道|栏目|专栏|媒体|账号|公众号|载体|阵地|途径|媒介)|"
                         # "“X”和“Y”两个重点专栏": the list counted and classed right after its last item
                         r"^(?:[两二三四五六七八九十\d]+个)?(?:重点|特色|专题|主题)?(?:专栏|栏目|专区)")
_CLAUSE = re.compile(r"[^，,。；;：:]+")
# The government service hotlines by their numbers (12345 国办发〔2020〕53号, 12315 market supervision, 12366 tax,
# 12369 environment…), with the name printed after the number ("12345市民服务热线", "12345在线"); a number followed by a
# counting word is a count ("12345件").
# a platform named where something is published on it ("在市公共信用信息服务平台公示…", "通过某某政务服务平台发布…")
_PUBLISHED_ON_PLATFORM = re.compile(
    rf"(?:(?<=在)|(?<=通过)|(?<=依托)|(?<=利用)|(?<=借助))(?![全各本我该其每此])[^\s，,。；;、：:“”《》（）()\d的和及与等在对向从了将已均并为是把被]{{2,14}}?平台(?=上?(?:{PUBLISH_VERBS}))")
# the public's question platforms named by their place ("问政某省", "问政某市"), not "网络问政" or "问政于民"
_ASK_PLATFORM = re.compile(r"(?<![网络在线])问政(?!于|平台|栏目|活动|工作|节目|服务)[\u4e00-\u9fff]{2,3}?(?:平台|栏目)?(?=[、，,。；;等和及与”]|$)")
# quoted items listed as topics ("以“A”、“B”等方面为重点"): what is published, not where
_TOPIC_LIST_AFTER = re.compile(r"(?:[、和及与]?“[^“”。，,；;]{1,16}”)*等?[^，。；：“”]{0,4}?(?:方面|领域|内容|事项|主题|话题)")
_HOTLINE = re.compile(r"(?<![\d.])123\d\d(?:[\u4e00-\u9fff]{0,8}?(?:热线|平台|在线)|(?![\d.%]|\s*[件条个次篇期项人万余多]))")
# The leaders' mailboxes on a government's site answer the public (市长信箱, 局长信箱, 领导信箱).
_MAILBOX = re.compile(r"(?:[省市区县州镇乡]长|局长|厅长|主任|书记|领导|咨询|民意)信箱")
# the list's class right after its last quoted item: "“X”和“Y”两个重点专栏"
_COUNTED_CLASS = re.compile(r"(?:[两二三四五六七八九十\d]+个)?(?:重点|特色|专题|主题)?(?:专栏|栏目|专区)")


def _joined_items(sentence: str, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Are two spans neighbouring items of one list: only "、" or a conjunction between them?"""
    (_, first_end), (second_start, _) = sorted((one, other))
    return bool(re.fullmatch(r"[、和及与]|及其|以及", sentence[first_end:second_start]))


def _listed_quoted_names(sentence: str, channel_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted items of an enumeration ("、" or adjacent quotes) whose clause names channels."""
    found: list[tuple[int, int]] = []
    for clause in _CLAUSE.finditer(sentence):
        items = [m for m in _QUOTED_ITEM.finditer(sentence, clause.start(), clause.end())]
        # joined by "、", by nothing, or by a conjunction ("“X”和“Y”两个专栏")
        # the quotes are the whole item ("、“X”规划、" lists a plan named by its quoted part, not the quote)
        listed = [m for m in items if (re.match(r"[、和及与等“，,。；;]|$", sentence[m.end() : m.end() + 1])
                                       or _COUNTED_CLASS.match(sentence, m.end()))
                  and (re.match(r"(?:[、和及与]?“)|、", sentence[m.end() : m.end() + 2])
                       or re.search(r"(?:”[和及与]?|、)$", sentence[max(0, m.start() - 2) : m.start()]))]
        if not listed:
            continue
        # a channel that is an item of the same list ("“X”、微信公众号"), not one elsewhere in the clause
        # ("在X日报发布…“甲”、“乙”等工作动态" lists headlines)
        joined = any(clause.start() <= s and e <= clause.end() and not any(m.start() <= s < m.end() for m in items)
                     and any(_joined_items(sentence, (m.start(), m.end()), (s, e)) for m in listed)
                     for s, e in channel_spans)
        if joined or _LIST_CLASS.search(sentence[listed[-1].end() : clause.end()]):
            found += [(m.start(), m.end()) for m in listed]
    return found


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


_NOT_BROADCAST = re.compile(r"电视|局|站|体育|事业")


def is_column_not_board(sentence: str, end: int) -> bool:
    """"政务公开栏目" is a column of a site, not the notice board "政务公开栏"."""
    return sentence[end - 1 : end] == "栏" and sentence.startswith("目", end)


def _party_committee_before(sentence: str, start: int, end: int) -> int:
    """The level's party committee that runs a sector site joins its name: "市委|党建网", "县委|党建网"."""
    if start >= 2 and re.fullmatch(r"[省市区县州盟旗镇乡]委", sentence[start - 2 : start]) and starts_word(sentence, start - 2, end):
        return start - 2
    return start


# Channels a level word names the owner of: the government's sites and gazettes, and the service portal a level
# runs ("省政务服务网", "市政务网").
_LEVELLED_CHANNEL = re.compile(r"(?:人民)?政府|政务(?:服务)?网|政务(?:服务)?大厅|政务服务中心")


def _with_level_word(sentence: str, start: int, end: int) -> int:
    """A level word right before "政府…" or "政务(服务)网" that jieba starts a word at is part of the mention: "加强|区政府
    门户网站", "省政府网站", "及|省政务服务网"; one that ends a longer place name is not ("实验区政府门户网站" → "政府门户网站")."""
    head = start - 2 if sentence.startswith("人民政府", start - 2) else start  # "县人民政府网站"
    if not _LEVELLED_CHANNEL.match(sentence, head):
        return start
    for level in LEVEL_WORDS:  # the longest first: "自治区|政府采购网", "中央|政府采购网", "旗|人民政府公报"
        if sentence.endswith(level, 0, head) and starts_word(sentence, head - len(level), end):
            owner = head - len(level)
            # the level's party committee and government run the site together: "市委市政府门户网站"
            return owner - len(level) - 1 if sentence.endswith(level + "委", 0, owner) else owner
    return start


def gazetteer_spans(sentence: str) -> list[tuple[int, int]]:
    """Channel words in a sentence, shaped by the annotation guidelines' rules.

    A quoted name glued in front joins the span ("“平潭发布”公众号"); a level word joins it when it is
    a word of its own ("区政府门户网站") and stays out when it ends a longer place name; 《…报》 titles
    are press; quoted items of a channel list are channels.
    """
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PRESS.finditer(sentence)]
    spans += [(m.start(), m.end()) for m in _ACCOUNT_THEN_NAME.finditer(sentence)]
    spans += [(m.start(), m.end()) for m in _ACCOUNT_NAME.finditer(sentence)
              if not any(s < m.end() and m.start() < e for s, e in spans) and m.group()[1:-1] not in _GENERIC_WORDS
              and not (m.group().endswith("”") and _TOPIC_LIST_AFTER.match(sentence, m.end()))]
    spans += [(m.start(), m.end()) for m in _NAMED_OUTLET.finditer(sentence)
              if not any(s < m.end() and m.start() < e for s, e in spans) and sentence[m.start() - 1] != "《"
              and not _NOT_IN_NAME.search(_OUTLET_KIND.sub("", m.group())) and _all_name_words(sentence, m.start(), m.end())]
    spans += [(m.start(), m.end()) for m in _NAMED_SITE.finditer(sentence)  # a name holds no channel word or verb
              if not any(s < m.end() and m.start() < e for s, e in spans) and not _NOT_IN_NAME.search(m.group()[:-3])]
    spans += [(_with_level_word(sentence, m.start(), m.end()), m.end()) for m in _BOARD_CHAIN.finditer(sentence)
              if not any(s < m.end() and m.start() < e for s, e in spans)]
    spans += [sp for sp in _agency_sites(sentence) if not any(s < sp[1] and sp[0] < e for s, e in spans)]
    spans += [(m.start(), m.end()) for m in [*_HOTLINE.finditer(sentence), *_MAILBOX.finditer(sentence),
                                             *_PUBLISHED_ON_PLATFORM.finditer(sentence), *_ASK_PLATFORM.finditer(sentence)]
              if not any(s < m.end() and m.start() < e for s, e in spans)]
    spans += _clause_sites(sentence, spans)
    spans += [(_party_committee_before(sentence, m.start(), m.end()), m.end())
              for m in [*_SECTOR_CHANNEL.finditer(sentence), *_LISTED_TV.finditer(sentence)]
              if not any(s < m.end() and m.start() < e for s, e in spans) and starts_word(sentence, m.start(), m.end())]
    for match in _GOVERNMENT_NET.finditer(sentence):  # "市|政府网": jieba joins the level word to 政府
        start = _with_level_word(sentence, match.start(), match.end())
        if not any(s < match.end() and start < e for s, e in spans) and (
                start < match.start() or starts_word(sentence, start, match.end())):
            spans.append((start, match.end()))
    for match in _GAZ_RE.finditer(sentence):
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in spans):
            continue
        if sentence.startswith("”", end):
            start, end = quoted_extent(sentence, start, end)
        elif quoted := _QUOTED_BEFORE.search(sentence, 0, start):
            start = quoted.start()
        else:
            start = _with_level_word(sentence, start, end)
        if match.group() == "广播" and _NOT_BROADCAST.match(sentence, end):
            continue
        if match.group() == "融媒体中心" and _NEXT_TO_CHANNEL_AFTER.match(sentence, end):
            continue  # "X融媒体中心|微信公众号": the centre owns the account named after it
        if match.group() == "报刊" and sentence[end : end + 1] in ("发", "登", "载", "出") \
                and not sentence.startswith(("发布", "发表"), end):
            continue  # "简报|刊发", "日报|刊登": the verb 刊X, not the press
        if is_column_not_board(sentence, end):
            continue  # "政务公开栏目" names a site's column by its topic, not the notice board (guidelines)
        if sentence.startswith("平台", end) and not match.group().endswith("平台"):
            end += 2  # "微信公众号平台", "微博平台": the platform of the channel is one mention
        spans.append((start, end))
    spans += [(s, e) for s, e in _listed_quoted_names(sentence, spans)
              if not any(s0 < e and s < e0 for s0, e0 in spans)]
    spans += [(m.start(), m.end()) for m in _FOLLOWED_ACCOUNT.finditer(sentence)
              if not any(s0 < m.end() and m.start() < e0 for s0, e0 in spans)]
    spans += [(m.start(), m.end()) for m in _BRACKETED_ACCOUNT.finditer(sentence)
              if not any(s0 < m.end() and m.start() < e0 for s0, e0 in spans)]
    spans += [sp for sp in _topic_columns(sentence) if not any(s0 < sp[1] and sp[0] < e0 for s0, e0 in spans)]
    spans += [sp for sp in _listed_sites(sentence, spans) if not any(s0 < sp[1] and sp[0] < e0 for s0, e0 in spans)]
    listed = _listed_names(sentence, spans)
    spans = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b and (a, b) != sp for a, b in listed)]
    spans += [sp for sp in listed if not any(s0 < sp[1] and sp[0] < e0 for s0, e0 in spans)]
    # A channel word inside a document's title ("《关于加强政府网站建设的通知》") names the document's topic;
    # a quoted role ("发挥网站“第一平台”和“主阵地”作用") names what a channel is for.
    spans = [sp for sp in spans if not in_document_title(sentence, *sp) and not _quoted_role(sentence, *sp)]
    spans = _back_to_back_accounts(sentence, spans)
    # “平潭发布” inside “平潭发布”公众号: the longer mention is the one span.
    return sorted(sp for sp in spans if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans))


# Account words printed back to back name the pair of accounts together ("政务微博微信", "微博微信公众号"): the
# guidelines keep such a run as one mention.
_ACCOUNT_WORD = re.compile(r"(?:政务|官方)?(?:微博|微信)(?:公众号|公众平台)?")


def _back_to_back_accounts(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and merged[-1][1] == start and _ACCOUNT_WORD.fullmatch(sentence, *merged[-1]) \
                and _ACCOUNT_WORD.fullmatch(sentence, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# What a channel is for, in quotes: an ordinal ("“第一平台”") or quoted words followed by 作用/地位/功能
# ("“主阵地”作用", "“桥梁纽带”功能"); and how work is organised, quoted before 机制/模式/制度 ("“交叉读网”工作机制").
# A quoted name is a brand, a role or a way of working is not.
_ROLE_AFTER = re.compile(r"(?:[和、与及]“[^“”。，,；;]{1,10}”)*(?:的)?(?:作用|地位|功能|定位|角色|(?:工作)?(?:机制|模式|制度))")


def _quoted_role(sentence: str, start: int, end: int) -> bool:
    if sentence[start : start + 1] != "“":
        return False
    close = sentence.find("”", start)
    if close == -1:
        return False
    return bool(re.match(r"第[一二三四五六七八九十]", sentence[start + 1 : close])) or bool(_ROLE_AFTER.match(sentence, close + 1))


# Items of a list of outlets that end in 网 are named sites ("通过X晚报、X网、今日头条、Y网等多渠道发布"): a list
# item (after "、" or a verb of use, before "、" or 等) next to another channel of the list. Physical and
# generic networks (互联网, 电网, 政务外网) are none.
_LISTED_SITE = re.compile(rf"(?:(?<=[、和及与])|(?<=通过)|(?<=利用)|(?<=依托)|(?<=借助)|(?<=在)){_NAME_CHAR}{{2,7}}?网(?=[、等和及与])")
_NOT_A_SITE = re.compile(r"(?:互联|物联|局域|外|内|专|电|管|路|水|光|宽带|骨干|政务外)网$")


def _listed_sites(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in _LISTED_SITE.finditer(sentence):
        item = (match.start(), match.end())
        if _NOT_A_SITE.search(match.group()) or _NOT_IN_NAME.search(match.group()[:-1]) \
                or not _all_name_words(sentence, *item):
            continue
        if any(_joined_items(sentence, item, other) for other in [*spans, *found]):
            found.append(item)
    return found


# Names printed without quotes as items of a list of channels: "通过X县人民政府网站、每日东林、公示栏等方式",
# "在青山壹点、东林视频等新媒体平台发布", "依托市委党建网、东林报、市政府门户网站等媒体". What makes a list one of channels:
# - its class after 等 is a kind of channel (等媒体, 等新媒体, 等线上客户端, 等多个平台);
# - its class is a way (等方式/渠道/途径/形式, 等便于公众知晓的方式) and a channel is one of its items;
# - it is what something is published through ("通过|A、B、C|等?|发布…"): a verb of use before its first item and a
#   publishing verb after its last, with a channel among its items or every item named like a place of publication
#   ("通过市图书馆、市档案馆、市政务服务中心公开", the reading points the regulations name: 条例 art. 25).
# An item is a run of name words that names no content or event. An item a channel word covers only in part is the
# whole item ("安化政务网" over "政务网"): the list shows where the name begins.
# (not 等网站: "链接到国家X委、X市政府等网站" lists the agencies whose sites are linked)
_CHANNEL_CLASS = re.compile(r"^等[^，。；：、\d]{0,6}?(?:平台|媒体|账号|公众号|客户端|载体|阵地)"
                            r"(?!功能|建设|管理|内容|服务|栏目|板块|模块|技术|系统)")  # "等网站功能" classes functions
_WAY_CLASS = re.compile(r"^等[^，。；：、\d]{0,10}?(?:方式|渠道|途径|形式)")
# "A、B、C 3个政府信息查阅点": the list counted and classed as places or channels right after its last item
_COUNTED_CHANNELS = re.compile(r"^\s*[\d两二三四五六七八九十]+\s*个[^，。；：、\d]{0,8}?(?:查阅点|查阅场所|查阅室|公开点|服务点|平台|渠道|阵地|载体|窗口)")  # "等线上渠道", "等便于公众知晓的方式"
_USE_BEFORE = re.compile(rf"(?:{USE_VERBS}|在)$")
_USE_VERB_IN = re.compile(rf"{USE_VERBS}|(?<![所存现实])在")
_PUBLISHED_AFTER = re.compile(rf"^(?:等(?:[^，。；：、\d]{{0,6}}?(?:方式|渠道|途径|形式|平台|媒体|载体))?)?(?:向社会|向公众|向群众|及时|主动|集中|全面|广泛|共|累计|全年|共计)*"
                              rf"(?:{PUBLISH_VERBS}|宣传|刊播|展示|播放|推介)")
_PLACE_OF_PUBLICATION = re.compile(r"(?:馆|中心|大厅|窗口|查阅点|服务点|站|屏|栏|网|报|台|号)$")
_CONTENT = re.compile(r"信息|动态|文件|政策|解读|活动|会|公告|通知|报告|指南|目录|数据|访谈|讲座|培训|座谈|走访|宣传|资料|材料|稿件|"
                      r"新闻$|[\dA-Za-z]")
# an item named for the medium it is printed on or shown in is one whatever its topic ("宣传横幅", "企业信用信息网")
_MEDIUM_END = re.compile(r"(?:横幅|屏幕|屏|海报|手册|折页|展板|栏|牌|网)$")
_BODY_END = re.compile(r"(?:政府|区委|县委|市委|办事处|居委会|村委会|街道|社区|[局委厅办部院室处村镇乡区县市省])$")
_MAX_LISTED_NAME = 14
_LEVELS = frozenset((*LEVEL_WORDS, "街道", "社区", "乡镇", "村", "镇街"))
_JOINER = re.compile(r"、|以及|及|和|与")
# where a list without 等 ends: the publishing verb after its last item ("…、县政务服务中心|公开…")
_LAST_ITEM_VERB = re.compile(rf"(?:向社会|向公众|及时|主动|集中|全面|广泛)*(?:{PUBLISH_VERBS})")
_LAST_ITEM_COUNT = re.compile(r"\s*[\d两二三四五六七八九十]+\s*个")


def _list_items(sentence: str, start: int, end: int, channel_ends: Collection[int] = ()) -> tuple[list[tuple[int, int]], str]:
    """The items of a "、" list in sentence[start:end] and the words after its last item: the first item runs back
    to its clause's start, the last one to 等, else to the publishing verb after it (a list with neither keeps its
    last item out). 和/及/与 join items only right after a channel: inside a name they join its words
    ("自然资源和规划局")."""
    marks = [(m.start(), m.end()) for m in _JOINER.finditer(sentence, start, end)
             if m.group() in ("、", "以及") or m.start() in channel_ends]
    if not any(sentence[a:b] == "、" for a, b in marks):
        return [], ""
    bounds = [start, *(b for _, b in marks)]
    ends = [a for a, _ in marks]
    items = list(zip(bounds[:-1], ends, strict=True))
    last = sentence.find("等", bounds[-1], end)
    if last == -1:
        verb = _LAST_ITEM_VERB.search(sentence, bounds[-1], end)
        counted = _LAST_ITEM_COUNT.search(sentence, bounds[-1], end)
        last = min((m.start() for m in (verb, counted) if m), default=-1)
    if last != -1:
        items.append((bounds[-1], last))
    return items, sentence[last:end] if last != -1 else ""


def _listed_names(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for clause in _CLAUSE.finditer(sentence):
        items, tail = _list_items(sentence, clause.start(), clause.end(), {e for _, e in spans})
        if not items:
            continue
        use = [m.end() for m in _USE_VERB_IN.finditer(sentence, items[0][0], items[0][1])]
        first = use[-1] if use else name_run_before(sentence, items[0][1], _MAX_LISTED_NAME, _GENERIC_WORDS)
        items[0] = (max(items[0][0], first), items[0][1])
        channel_class = bool(_CHANNEL_CLASS.match(tail) or _COUNTED_CHANNELS.match(tail))
        holds = [any(s < b and a < e for s, e in spans) for a, b in items]  # the item holds a channel word
        ends = [any(a <= s and e == b for s, e in spans) for a, b in items]  # the item ends in one
        used = bool(_USE_BEFORE.search(sentence, 0, items[0][0])) and bool(_PUBLISHED_AFTER.match(tail))
        if not (channel_class or (any(holds) and _WAY_CLASS.match(tail)) or (any(ends) and used)
                or (used and all(_PLACE_OF_PUBLICATION.search(sentence, a, b) for a, b in items))):
            continue
        for start, end in items:
            inside = [(s, e) for s, e in spans if s < end and start < e]
            if end - start < 2 or end - start > _MAX_LISTED_NAME or re.search(r"[“”《》（）()]", sentence[start:end]) \
                    or names_a_collective(sentence[start:end]) or not is_name_run(sentence[start:end]):
                continue  # "各街道、社区公告栏": a collective names places, not a channel
            if not inside and _BODY_END.search(sentence, start, end) and not channel_class:
                continue  # "在X区委、区政府门户网站", "通过微信及办事处、…公开栏": a body, not its channel
            if not inside and (channel_class or _MEDIUM_END.search(sentence, start, end) or not _CONTENT.search(sentence, start, end)):
                found.append((start, end))
            elif len(inside) == 1 and inside[0][1] == end and inside[0][0] - start >= 2 \
                    and sentence[start : inside[0][0]] not in _LEVELS:
                found.append((start, end))  # "安化|政务网": the item is the name (a level alone stays out: "县|电视台")
    return found


# An agency's own site is printed after its full name (《政府网站发展指引》: 部门网站): "X县人民政府办公室网站",
# "X市发展和改革委员会网站", "X区融媒体中心网站", "X经济开发区管委会官网".
_SITE_WORD = re.compile(rf"官方网站|门户网站?|网站|官网|子网站|子站|(?<=[局厅委办])网{_NOT_SITE_AFTER_NET}")  # "X社会保障局网"
_AGENCY_END = re.compile(r"(?:委员会|办公室|办公厅|管委会|办事处|中心|[局厅委办])$")
_MAX_AGENCY = 18


def _all_name_words(sentence: str, start: int, end: int) -> bool:
    """Is a site's or outlet's name all name words ("市科委|网站"; not "积极|举办|网站")?"""
    kind = _OUTLET_KIND.search(sentence, start, end)
    return kind is None or name_run_before(sentence, kind.start(), end - start, _GENERIC_WORDS) <= start


def _agency_sites(sentence: str) -> list[tuple[int, int]]:
    """Sites printed right after an agency's name: the run of name words before the site word ends in an agency word."""
    found: list[tuple[int, int]] = []
    for match in _SITE_WORD.finditer(sentence):
        begin = name_run_before(sentence, match.start(), _MAX_AGENCY, _GENERIC_WORDS)
        if _AGENCY_END.search(sentence, 0, match.start()):
            begin = department_run_before(sentence, begin, match.start(), _MAX_AGENCY, _GENERIC_WORDS)
        run = sentence[begin : match.start()]
        if len(run) >= 3 and _AGENCY_END.search(run) and not run.endswith("政府"):
            found.append((begin, match.end()))
    return found


# A title in 《》 that is not a periodical's (_PRESS) is a document's: 《关于…的通知》, 《…办法》.
_DOCUMENT_TITLE = re.compile(rf"(?!{_PRESS.pattern})《[^《》]{{2,80}}》")


def in_document_title(sentence: str, start: int, end: int) -> bool:
    """Is the mention inside a document's title ("《关于加强政府网站建设的通知》")? Then it names a topic."""
    return any(m.start() < start and end < m.end() for m in _DOCUMENT_TITLE.finditer(sentence))


# A learned mention is a channel when it holds a channel word of the gazetteer or ends in the kind of channel it
# names ("X网", "X日报", "X电视台", "X号", "X栏"), or is a quoted or titled name with a channel word right next to it.
_CHANNEL_KIND_END = re.compile(r"(?:网站|网|报》?|台|号|栏|屏|专栏|栏目|专区|平台|门户|APP|客户端|媒体|账号|库|热线|大厅)$")
_NEXT_TO_CHANNEL_AFTER = re.compile(r"(?:门户网站|官方网站|网站|官网|微信公众号|公众号|微博|微信|视频号|抖音|客户端|APP|平台|专栏|栏目|"
                                    r"账号|号)")
_NEXT_TO_CHANNEL_BEFORE = re.compile(r"(?:公众号|微博|微信|视频号|抖音号|客户端|APP|平台|专栏|栏目|网站)[、和及与]?$")


def is_learned_channel(sentence: str, start: int, end: int) -> bool:
    """Should a span the model learned be kept as a channel (not "原创", "收到", a street's name)?"""
    mention = sentence[start:end]
    if in_document_title(sentence, start, end):
        return False
    if _GAZ_RE.search(mention):
        return True
    kind = _CHANNEL_KIND_END.search(mention)
    if kind is not None and not mention.startswith(("“", "《")):  # "X网站" is a name only when X is ("举办|网站" is not)
        return kind.start() == 0 or name_run_before(sentence, start + kind.start(), end - start, _GENERIC_WORDS) <= start
    if kind is not None:
        return True
    if re.fullmatch(r"[“《][^“”《》]+[”》]", mention):
        return bool(_NEXT_TO_CHANNEL_AFTER.match(sentence, end) or _NEXT_TO_CHANNEL_BEFORE.search(sentence, 0, start))
    return False


# A column or an area of a site opened for a topic ("就业创业服务专栏", "疫情防控专区"): the national
# rules ask portals for topic columns (国办发〔2018〕37号 专题专栏); the topic, two characters or more, is its name.
_TOPIC_COLUMN = re.compile(r"专题专栏|专栏|专区|栏目|规章库|文件库")
_MAX_TOPIC = 10


def _topic_columns(sentence: str) -> list[tuple[int, int]]:
    """Columns named by their topic: the run of name words before 专栏/专区 (words.name_run_before)."""
    found: list[tuple[int, int]] = []
    for match in _TOPIC_COLUMN.finditer(sentence):
        begin = name_run_before(sentence, match.start(), _MAX_TOPIC, _GENERIC_WORDS)
        if match.start() - begin >= 2 and not is_column_kind(sentence[begin : match.start()], match.group()):
            found.append((begin, match.end()))
    return found
