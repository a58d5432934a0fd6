"""Agency, year and title of a report from its first lines (title drift tolerated).

Titles drift: "某局2023年政府信息公开工作年度报告", "…2023年度…", "…2023政府…" (no 年), year first ("2019年某市人民政府
办公厅政府信息公开工作年度报告", also in web pages' <title>), year last ("某局政府信息公开工作年度报告
（2023年度）"), "某局关于2023年政府信息公开工作情况的报告", "…政务公开工作年度报告", mirror copies in
traditional characters, and titles broken over two or three lines (agency / year / "政府信息公开工作年度
报告"). A page without a printed title often still names itself in its first sentence ("现公布某局
2023年政府信息公开工作年度报告") or states the period its numbers cover ("统计期限自2023年1月1日起至
2023年12月31日止"), which gives the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import is_page_footer

# the report's own name, after the year or the agency
_REPORT = re.compile(
    r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?报告"
    r"|(?:政府)?信息公开(?:工作)?年报"  # the short name: "某局信息公开年报"
    r"|政府信息工作年度报告"
    r"|政务公开(?:工作)?年度报告"
    r"|(?:政府)?信息公开工作(?:情况)?的?报告"
)
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*度?")
# a year printed without 年 right before the report's name ("某国资委2020政府信息公开工作年度报告")
_BARE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})$")
# a report name followed by these is part of another document's name ("关于做好2024年度政府信息公开工作
# 年度报告编制工作的通知", "…年度报告格式"), not a title
_NAME_GOES_ON = re.compile(r"编制|有关|格式|[的工]*通知|制度|模板")
_YEAR_AFTER = re.compile(r"\s*[（(]\s*(?P<year>(?:19|20)\d{2})\s*年?\s*度?\s*[)）]")
_LABEL_PREFIX = re.compile(r"^\s*(?:标题|题名|title)\s*[:：]\s*", re.IGNORECASE)
# what introduces the title inside a sentence or a breadcrumb: the agency starts after it
_LEAD_IN = re.compile(r"^.*(?:[：:|｜>》《，,。；;_]|现予?公布|予以公布|现公开|现将|公布)")
# what may stand before a year-first title in a sentence ("并形成2020年度某镇政府信息公开年度报告")
_YEAR_FIRST_LEAD = re.compile(r"(?:.*(?:[：:|｜>》《，,。；;]|现|特|并|予以|公布|公开|发布|编制|形成|将))?")
# a body that names itself ("我局") is no name; verbs around a name in a sentence are no part of it
_SELF_REFERENCE = re.compile(r"^(?:我|本)(?:局|委|办|厅|院|署|中心|机关|单位|镇|乡|街道|区|县|市|部门)$")
_AROUND_NAME = re.compile(r"^(?:由|经|编制|形成|印发|发布|公布)|(?:编制|印发|发布|公布|制作|制定)的?$")
# (室, 馆, 会, 台, 处, 社: 参事室, 档案馆, 红十字会, 气象台, 管理处, 供销合作社 publish reports too)
_ORG_SUFFIX = re.compile(
    r"(人民政府|政府|委员会|管委会|管理委员会|办公室|办公厅|局|厅|署|委|办|院|中心|站|所|队|街道办事处|办事处|公司|集团|法院|检察院|镇|乡|街道|"
    r"室|馆|会|台|处|社|苏木|嘎查)$"
)
# year first, the words between year and report name must be a body's name, not a sentence
# (a short bracketed aside may name the body again: "高新区(新市区)", "某区管委会（某区政府）")
_ASIDE = r"[（(][^，,。；;（）()]{1,6}[)）]"
_BODY_NAME = re.compile(rf"(?:[^，,。；;、：:！!？?（）()]|{_ASIDE}){{2,40}}?(?:" + _ORG_SUFFIX.pattern.strip("()$")
                        + rf"|[省市县区州盟旗])(?:{_ASIDE})?")
_NOISE = re.compile(r"[\s\u3000]+")
_PERIOD_YEAR = re.compile(
    r"(?:统计|数据)[^。\n]{0,16}?(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^。\n]{0,6}?至\s*"
    r"(?:(?P<end>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
# traditional characters of mirror copies, folded for matching only (the agency stays as printed)
_SIMPLIFIED = str.maketrans("開報資訊務區縣鎮鄉廳辦會關於門戶與統計審發廣東華農業處員衛環場", "开报资讯务区县镇乡厅办会关于门户与统计审发广东华农业处员卫环场")
_HEAD_LINES = 150  # web pages carry navigation above the title
# Without a title, the opening prose names the body and the year (lines and characters read for them).
_OPENING_LINES = 80
_OPENING_CHARS = 3000
_NAME_CHARS = r"[^\s，,。；;、：:！!？?“”\"《》<>〈〉（）()\d]"
_BODY_KIND = _ORG_SUFFIX.pattern.strip("()$")
_BODY_AT = rf"(?P<body>{_NAME_CHARS}{{2,40}}?(?:{_BODY_KIND}))"
_CLAUSE_START = r"(?:^|(?<=[\n，,。；;）)》]))"
# "某局编制了本报告" / "某办公室编制形成本年度报告" / "由某镇人民政府结合有关统计数据编制" / "结合某县人民政府信息公开工作…撰写"
_COMPILED_BY = (
    re.compile(rf"{_CLAUSE_START}{_BODY_AT}(?:负责)?(?:编制|编写|撰写)(?:形成|完成|而成|了)?(?:本|此)(?:年度)?(?:报告|年报)"),
    re.compile(rf"由{_BODY_AT}(?:结合[^，,。；;]{{0,20}}?)?(?:负责)?(?:编制|编写|撰写)"),
    re.compile(rf"结合{_BODY_AT}(?:政府)?信息公开工作[^，,。；;]{{0,16}}?(?:编制|编写|撰写)"),
)
# the overview's first sentence names its subject: "2023年，某区政务服务管理局持续…", "某局以…为指导"
_OPENING_SUBJECT = re.compile(
    rf"(?:^|(?<=[\n。]))(?:(?:19|20)\d{{2}}年度?(?:以来|来)?[，,]?)?{_BODY_AT}"
    r"(?=坚持|以|认真|深入|严格|按照|围绕|紧扣|紧紧|持续|全面|高度重视|始终|扎实|进一步|聚焦|积极|不断|继续|结合|贯彻|切实|立足|着力|大力)")
_CONTACT = re.compile(rf"(?:请|可)?(?:与|向){_BODY_AT}(?:联系|咨询)")
# a body named by its kind or by a collective ("区政府办", "全区各部门", "本机关") is no name of its own
_GENERIC_BODY = re.compile(r"^(?:我|本|全|各|该|其|上级|有关|相关)|^[省市区县镇乡]?(?:政府|人民政府)")
_OPENING_YEAR = re.compile(r"(?:^|(?<=[\n。]))(?P<year>(?:19|20)\d{2})年度?(?:以来|来)?[，,]", re.MULTILINE)
# the year of the work the opening draws on ("结合2019年某区政府信息公开工作实际"), or of the report a notice asks for
# ("关于做好2023年政府信息公开工作年度报告编制…"); not a year of doing something ("2023年完成了…年度报告编制")
_WORK_YEAR = re.compile(
    r"(?:结合|总结)(?P<year>(?:19|20)\d{2})年度?[^，,。；;\d]{0,12}?(?:政府信息公开|政务公开)工作"
    r"|(?:做好|编制|编报|报送|公布)(?P<year2>(?:19|20)\d{2})年度?(?:政府)?信息公开(?:工作)?年度报告")
_TITLE_LINE_MAX = 40  # characters of a line that can be part of a title broken over lines
_TITLE_LINES = 3  # a title is broken over at most this many lines


@dataclass(frozen=True)
class ReportMeta:
    agency: str | None
    year: int | None
    title: str | None


def _fold(text: str) -> str:
    return text.translate(_SIMPLIFIED)


def _agency_with_suffix(agency: str, text: str) -> str:
    """A title naming a place ("平潭综合实验区") gets the body's own suffix from the text."""
    if not agency or _ORG_SUFFIX.search(_fold(agency)):
        return agency
    near = re.search(re.escape(agency) + r"(?:党工委)?(管委会|管理委员会|人民政府)", text)
    if near:
        return agency + near.group(1)
    if re.search(r"[区市县]管委会", text[:3000]):
        return agency + "管委会"
    return agency


def _clean_agency(raw: str, context: str) -> str | None:
    """The body's name from the text before (or, year first, between year and) the report name."""
    agency = _LEAD_IN.sub("", raw).strip()
    agency = re.sub(r"(?:关于|有关)$", "", agency)
    agency = _AROUND_NAME.sub("", agency)
    agency = re.sub(r"^[\W\d_]+", "", agency).strip("“”\"'《》【】[]（(·-—_ ")
    if not re.search(r"[（(]", agency):  # a closing bracket stays when it closes an aside of the name ("高新区(新市区)")
        agency = agency.rstrip("）)")
    if not agency or re.fullmatch(r"[^\u4e00-\u9fff]*", agency) or _YEAR.search(agency) or _SELF_REFERENCE.match(agency) \
            or _ORG_SUFFIX.fullmatch(_fold(agency)):
        return None  # a body's kind alone ("办事处" under "…小龙坎街道" / "办事处2023年…") names no body: the line above does
    return _agency_with_suffix(agency, context)


def _candidate(title: str, context: str) -> ReportMeta | None:
    """Agency, year and title from one (compacted) title text, or None when it is not a title."""
    parsed = _parse(title, context)
    return parsed[0] if parsed else None


def _parse(title: str, context: str) -> tuple[ReportMeta, int] | None:
    """_candidate, with the offset where the title ends in `title`."""
    folded = _fold(title)
    for report in _REPORT.finditer(folded):
        if _NAME_GOES_ON.match(folded, report.end()):
            continue
        # "…镇人民政府|信息公开工作年度报告": 政府 ends the body's name, the report's own name starts after it
        name_start = report.start() + 2 if folded.startswith("政府", report.start()) \
            and folded.endswith("人民", 0, report.start()) else report.start()
        before = folded[:name_start]
        years = list(_YEAR.finditer(before)) or list(_BARE_YEAR.finditer(before))
        end = report.end()
        if years:
            year = years[-1]
            tail = before[year.end() :]
            if tail in ("", "的", "工作", "度"):  # "某局2023年度政府…", "某局关于2023年的政府…"
                agency_text = title[: year.start()]
            elif _YEAR_FIRST_LEAD.fullmatch(before[: year.start()]) and _BODY_NAME.fullmatch(tail):
                agency_text = title[year.end() : name_start]  # year first: "2019年某市政府办公厅…"
            else:
                continue  # a year in the middle of a sentence, not a title
            value = int(year.group("year"))
        else:
            after = _YEAR_AFTER.match(folded, report.end())
            if after is None:
                continue
            agency_text, value, end = title[:name_start], int(after.group("year")), after.end()
        agency = _clean_agency(agency_text, context)
        start = title.find(agency) if agency and agency in title else 0
        return ReportMeta(agency=agency, year=value, title=title[start:end]), end
    return None


@dataclass(frozen=True)
class _Window:
    first: int  # index of the first and last head line joined
    last: int
    text: str
    last_starts: int  # offset in text where the last line begins


def _title_windows(head: list[str]) -> list[_Window]:
    """Each head line, and short lines joined with the next one or two (a title broken over
    lines: "某市某局" / "2023年度政府信息公开" / "工作年度报告"); page numbers are skipped."""
    windows: list[_Window] = []
    compact = ["" if is_page_footer(line) else _NOISE.sub("", line) for line in head]
    for index, line in enumerate(compact):
        if not line:
            continue
        windows.append(_Window(index, index, line, 0))
        if len(line) > _TITLE_LINE_MAX:
            continue
        joined = line
        following = [(k, c) for k, c in enumerate(compact[index + 1 :], start=index + 1) if c][: _TITLE_LINES - 1]
        for k, extra in following:
            if len(extra) > _TITLE_LINE_MAX:
                break
            windows.append(_Window(index, k, joined + extra, len(joined)))
            joined += extra
    return windows


def _printed_titles(head: list[str], context: str) -> list[ReportMeta]:
    """Titles in the order their last line is printed; of the windows ending on one line the
    shortest that names an agency wins ("当前位置：首页 > 年报" above a title is no part of it)."""
    by_last: dict[int, list[tuple[int, ReportMeta]]] = {}
    for window in _title_windows(head):
        parsed = _parse(window.text, context)
        if parsed is None:
            continue
        meta, end = parsed
        if end <= window.last_starts:
            continue  # the title lies in the earlier lines: a shorter window holds it
        if meta.agency is None and window.first > 0:  # agency on the line above ("洪泽区人民政府" / "2023 年…报告")
            above = next((h for h in reversed(head[: window.first]) if h.strip()), "")
            joined = _candidate(_NOISE.sub("", above) + window.text, context)
            if joined is not None and joined.year == meta.year and joined.agency:
                meta = joined
        by_last.setdefault(window.last, []).append((len(window.text), meta))
    found: list[ReportMeta] = []
    for last in sorted(by_last):
        options = sorted(by_last[last], key=lambda item: (item[1].agency is None, item[0]))
        found.append(options[0][1])
    return found


def _period_year(text: str) -> int | None:
    """The year of "统计期限自2023年1月1日起至2023年12月31日止" (both years the same, if printed)."""
    for match in _PERIOD_YEAR.finditer(text):
        end = match.group("end")
        if end is None or end == match.group("year"):
            return int(match.group("year"))
    return None


def read_metadata(lines: list[str], container_title: str | None) -> ReportMeta:
    """The printed title among the first lines; the agency is what precedes the year (or, year
    first, what follows it).

    Web pages put navigation and "related reading" links (often last year's report) above the
    title, so when the page names itself (<title>, document properties) the first printed title
    of the same year wins, and the container title is the fallback. Without any title the year
    comes from the statistics period.
    """
    head = [_LABEL_PREFIX.sub("", line).strip() for line in lines[:_HEAD_LINES]]
    context = "\n".join(head) + "\n" + "\n".join(lines[:400])
    printed = _printed_titles(head, context)
    own = _candidate(_NOISE.sub("", container_title), context) if container_title else None
    if own is not None:
        same_year = [m for m in printed if m.year == own.year and m.agency]
        return same_year[0] if same_year else own
    if printed:
        named = [m for m in printed if m.agency and m.year == printed[0].year]
        if not named:
            return printed[0]
        # a page heading "某区某街道2025年…" above the document's own "某市某区某街道2025年…": the longest form names it
        fuller = [m for m in named if m.agency != named[0].agency and m.agency and named[0].agency
                  and m.agency.endswith(named[0].agency)]
        return max(fuller, key=lambda m: len(m.agency or "")) if fuller else named[0]
    opening = "\n".join(_NOISE.sub("", _fold(line)) for line in lines[:_OPENING_LINES])[:_OPENING_CHARS]
    year = _period_year(_NOISE.sub("", _fold(context))) or _opening_year(opening)
    return ReportMeta(agency=_opening_agency(opening, context), year=year, title=None)


def _opening_agency(opening: str, context: str) -> str | None:
    """A report without a title still says who wrote it: the compiler ("某局编制了本报告", "由某镇人民政府…编制"),
    else the subject of the overview's first sentence ("2023年，某市人民政府办公厅坚持…"), else the contact
    ("请与某县政府办公室联系")."""
    for pattern in (*_COMPILED_BY, _OPENING_SUBJECT, _CONTACT):
        for match in pattern.finditer(opening):
            agency = _clean_agency(match.group("body"), context)
            if agency and _BODY_NAME.fullmatch(agency) and not _GENERIC_BODY.match(agency):
                return agency
    return None


def _opening_year(opening: str) -> int | None:
    """The year the overview opens with ("2023年，…", "2022年以来，…"), else the year of the disclosure work the
    opening refers to ("结合2019年某区政府信息公开工作实际", a notice "关于做好2023年政府信息公开工作年度报告…")."""
    for pattern in (_OPENING_YEAR, _WORK_YEAR):
        if match := pattern.search(opening):
            return int(match.group("year") or match.group("year2"))
    return None
