"""Agency, year and title of a report from its first lines (title drift tolerated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?报告")
_LABEL_PREFIX = re.compile(r"^\s*(?:标题|题名|title)\s*[:：]\s*", re.IGNORECASE)
_ORG_SUFFIX = re.compile(
    r"(人民政府|政府|委员会|管委会|管理委员会|办公室|办公厅|局|厅|署|委|办|院|中心|站|所|队|街道办事处|办事处|公司|集团|法院|检察院|镇|乡|街道)$"
)
_NOISE = re.compile(r"[\s\u3000]+")
_HEAD_LINES = 150  # web pages carry navigation above the title


@dataclass(frozen=True)
class ReportMeta:
    agency: str | None
    year: int | None
    title: str | None


def _agency_with_suffix(agency: str, text: str) -> str:
    """A title naming a place ("平潭综合实验区") gets the body's own suffix from the text."""
    if not agency or _ORG_SUFFIX.search(agency):
        return agency
    near = re.search(re.escape(agency) + r"(?:党工委)?(管委会|管理委员会|人民政府)", text)
    if near:
        return agency + near.group(1)
    if re.search(r"[区市县]管委会", text[:3000]):
        return agency + "管委会"
    return agency


def _candidate(title: str, context: str) -> ReportMeta | None:
    match = _TITLE.search(title)
    if not match:
        return None
    agency = re.split(r"[：:|｜>》]", title[: match.start()])[-1].strip() or None  # "相关阅读：X…" → X
    if agency and re.fullmatch(r"[^\u4e00-\u9fff]*", agency):
        agency = None
    if agency:
        agency = _agency_with_suffix(agency, context)
    return ReportMeta(agency=agency, year=int(match.group("year")), title=title[: match.end()])


def read_metadata(lines: list[str], container_title: str | None) -> ReportMeta:
    """The printed title among the first lines; the agency is what precedes the year.

    Web pages put navigation and "related reading" links (often last year's report) above the
    title, so when the page names itself (<title>, document properties) the first printed title
    of the same year wins, and the container title is the fallback.
    """
    head = [_LABEL_PREFIX.sub("", line).strip() for line in lines[:_HEAD_LINES]]
    context = "\n".join(head) + "\n" + "\n".join(lines[:400])
    printed: list[ReportMeta] = []
    for index, line in enumerate(head):
        compact = _NOISE.sub("", line)
        match = _TITLE.search(compact)
        if not match:
            continue
        if not compact[: match.start()] and index > 0:  # agency on the line above ("洪泽区人民政府" / "2023 年…报告")
            above = next((h for h in reversed(head[:index]) if h.strip()), "")
            compact = _NOISE.sub("", above) + compact
        found = _candidate(compact, context)
        if found is not None:
            printed.append(found)
    own = _candidate(_NOISE.sub("", container_title), context) if container_title else None
    if own is not None:
        same_year = [m for m in printed if m.year == own.year and m.agency]
        return same_year[0] if same_year else own
    return printed[0] if printed else ReportMeta(agency=None, year=None, title=None)
