"""Template sentences that multiply the hand-written set: many numbers, units, spacings and channels.

Templates use the hand-written markup ("~", [[…]]) so both sources are labelled by one set of rules.
Generation is seeded: the same seed writes the same file.
"""

from __future__ import annotations

import random

from .corpus import CATS, Record, parse_marked, rule_spans

_PLACES = ("东湖", "青山", "白云", "河西", "临川", "南山", "北塘", "金水", "长宁", "清源", "红旗", "桃源", "望江", "石桥")
_LEVELS = (("区", "区政府"), ("县", "县政府"), ("市", "市政府"), ("镇", "镇政府"), ("街道", "街道"))
_WEB = ("政府门户网站", "门户网站", "政府网站", "{lv}门户网站", "部门网站", "政府信息公开专栏", "政务公开专栏")
_SOCIAL = ("微信公众号", "政务微博", "视频号", "政务新媒体", "抖音号", "新媒体", "移动客户端", "手机APP", "官方微博")
_OFFLINE = ("政务公开栏", "公告栏", "宣传栏", "电子显示屏", "公开栏", "电子触摸屏", "LED屏")
_MEDIA = ("电视台", "电台", "报刊", "电视广播")
_NAMED = ("[[{p}电视台]]", "《{p}日报》", "[[{p}新闻网]]", "[[“{p}发布”]]", "[[“{p}之窗”栏目]]", "[[“掌上{p}”APP]]",
          "[[{p}广播电视台]]", "《{p}报》", "[[{p}时报]]", "[[“{p}在线”网站]]")
_ITEMS = ("政府信息", "各类信息", "政务信息", "政策文件", "工作动态", "通知公告", "惠民政策信息", "财政信息")
_UNITS_INFO = ("条", "条", "条", "件", "篇")
_EVENT = (("召开新闻发布会", "场"), ("举办新闻发布会", "场"), ("开展政策解读", "次"), ("发布政策解读", "篇"),
          ("开展在线访谈", "期"), ("编发政府公报", "期"), ("开展政府开放日活动", "场"), ("发布图解", "篇"))
_NOT_COUNT = ("关注人数达~{n}人", "粉丝量~{n}万", "访问量~{n}万次", "浏览量达~{n}次", "参训人员~{n}人次",
              "现有在运行账号~{n}个", "涉及~{n}个领域", "现行有效规范性文件~{n}件", "服务群众~{n}人次",
              "累计接待~{n}名群众", "开设栏目~{n}个", "覆盖~{n}个村（社区）")
_PROBLEM_HEADS = ("一是", "二是", "三是", "四是", "")
_PROBLEMS = ("政策解读的针对性和实效性不强", "部分单位信息更新不够及时", "政务公开专业人才缺乏",
             "依申请公开答复规范性有待提高", "基层政务公开标准化建设仍需加强", "政务新媒体运维管理不够规范",
             "公开内容与群众需求结合不够紧密", "主动公开的深度和广度有待拓展", "政府网站个别栏目存在空白",
             "工作人员业务能力参差不齐", "信息发布审核把关不够严格", "政策解读形式较为单一")
_PROBLEM_TAILS = ("", "", "，仍需进一步改进", "，与群众期待还有差距", "，存在一定短板")
_FIXES = ("加强政策解读，提升解读质量", "强化督促检查，确保信息及时更新", "加强业务培训，提升队伍能力",
          "规范依申请公开办理流程", "推进基层政务公开标准化规范化建设", "加强政务新媒体监管",
          "围绕群众关切优化公开内容", "拓展公开渠道，丰富公开形式", "完善考核评价机制", "健全信息发布审核制度")
_FIX_LEADS = ("下一步，我{lv}将", "{y}年，我们将", "针对上述问题，将", "", "我{lv}将进一步")


def _number(rng: random.Random, small: bool = False) -> str:
    """A printed quantity: plain, decimal 万, with PDF-style spaces or qualifiers."""
    base = rng.choice((rng.randint(1, 40), rng.randint(10, 999), rng.randint(100, 9999))) if not small else rng.randint(0, 60)
    style = rng.random()
    if style < 0.08 and not small:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}万"
    if style < 0.15:
        return f"近{base}" if rng.random() < 0.5 else f"约{base}"
    if style < 0.25 and not small:
        return f"{base}余" if rng.random() < 0.6 else f"{base}多"
    return str(base)


def _sp(rng: random.Random, token: str) -> str:
    """PDF text layers put blanks around numbers ("5500 余条", "2024 年")."""
    return f" {token} " if rng.random() < 0.3 else token


def _channel(rng: random.Random, lv: str) -> str:
    pool = rng.choice((_WEB, _SOCIAL, _OFFLINE, _MEDIA))
    name = rng.choice(pool).format(lv=lv)
    if rng.random() < 0.2 and pool is _SOCIAL:
        name = f"[[“{rng.choice(_PLACES)}发布”{name}]]"
    elif rng.random() < 0.25 and pool is _MEDIA:  # named outlets: the name belongs to the span
        name = rng.choice(_NAMED).format(p=rng.choice(_PLACES))
    return name


def _sentence(rng: random.Random, kind: str, lv: str, year: int) -> tuple[str, set[str]]:
    y = _sp(rng, str(year)) + "年"
    if kind == "published":
        a, b = _channel(rng, lv), _channel(rng, lv)
        n1, n2 = _sp(rng, _number(rng)), _sp(rng, _number(rng))
        u1, u2 = rng.choice(_UNITS_INFO), rng.choice(_UNITS_INFO)
        forms: tuple[str, ...] = (f"{y}，通过{a}主动公开{rng.choice(_ITEMS)}{n1}{u1}。", f"全年在{a}发布{rng.choice(_ITEMS)}{n1}{u1}，通过{b}发布信息{n2}{u2}。",
                 f"依托{a}、{b}等平台发布信息{n1}{u1}。", f"{a}全年更新{rng.choice(_ITEMS)}{n1}{u1}，其中{rng.choice(_ITEMS)}{n2}{u2}。")
        return rng.choice(forms), {"PUBLISHED"}
    if kind == "event":
        verb, unit = rng.choice(_EVENT)
        return f"{rng.choice(('全年', y, '本年度', ''))}{verb}{_sp(rng, _number(rng, True))}{unit}。", {"PUBLISHED"}
    if kind == "requests":
        n1, n2, n3 = (_sp(rng, str(rng.randint(0, 300))) for _ in range(3))
        forms = (f"{y}共收到政府信息公开申请{n1}件，上年结转{n2}件。", f"本年度新收政府信息公开申请{n1}件，结转下年度继续办理{n3}件。",
                 f"全年发生政府信息公开行政复议{n2}件，行政诉讼{n3}件。", f"其中予以公开{n1}件，部分公开{n2}件，无法提供{n3}件。",
                 f"因政府信息公开被申请行政复议{n2}件，结果维持{n3}件。", "本年度本机关没有收到过公民、法人或其他组织的信息公开申请。")
        return rng.choice(forms), {"REQUEST_STATS"}
    if kind == "fee":
        amount = rng.choice(("0", str(rng.randint(20, 2000)), f"{rng.randint(1, 900)}.{rng.randint(10, 99)}"))
        forms = (f"{y}，依申请提供信息时均未向申请人收费。", f"本年度共收取信息处理费{_sp(rng, amount)}元。", "全年没有产生信息处理费。",
                 f"{y}度内本机关办理公开申请，一律不收取任何处理费用。", f"全年收取信息处理费{rng.randint(1, 9)}件，金额{amount}元。")
        return rng.choice(forms), {"FEE"}
    if kind == "problem":
        head = rng.choice(_PROBLEM_HEADS)
        return f"{head}{rng.choice(_PROBLEMS)}{rng.choice(_PROBLEM_TAILS)}{rng.choice('；。')}", {"PROBLEM"}
    if kind == "fix":
        lead = rng.choice(_FIX_LEADS).format(lv=lv, y=year + 1)
        return f"{rng.choice(_PROBLEM_HEADS)}{lead}{rng.choice(_FIXES)}{rng.choice('；。')}", {"FIX"}
    n = rng.randint(2, 900)
    noise = rng.choice(_NOT_COUNT).format(n=n)
    forms = (f"{y}，{rng.choice(_PLACES)}{lv}{_channel(rng, lv)}{noise}。", f"全{lv}{noise}，较上年有所增长。",
             f"组织开展政务公开培训{rng.randint(1, 9)}次，{noise}。", f"持续加强{_channel(rng, lv)}建设，{noise}。")
    cats: set[str] = set()
    return rng.choice(forms), cats


KINDS: tuple[str, ...] = ("published", "published", "event", "requests", "fee", "problem", "fix", "negative", "negative")


def generate(count: int, seed: int = 0) -> list[Record]:
    """`count` template sentences, ten per pseudo-document."""
    rng = random.Random(seed)
    records: list[Record] = []
    for index in range(count):
        lv, _ = rng.choice(_LEVELS)
        year = rng.randint(2012, 2025)
        marked, cats = _sentence(rng, rng.choice(KINDS), lv, year)
        text, forced, hidden, blocked = parse_marked(marked.strip())
        records.append({"text": text, "doc": f"gen-{index // 10:04d}", "agency": "", "year": year, "source": "template",
                        "spans": rule_spans(text, forced, hidden, blocked), "cats": {c: int(c in cats) for c in CATS}})
    return records
