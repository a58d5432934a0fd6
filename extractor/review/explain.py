"""A failing relation told the way a reviewer checks it: per column (row, group), the total and the sum
it should equal, the total's cell first and the parts that hold a number after it.

R1–R4 name every cell of each failing instance; the check's message gives the instance key and both
sums ("commercial_enterprise: …: 8 ≠ 13"), so nothing is recomputed here. Cells that are 0 or blank
are counted, not listed: a column of twenty zeros hides the one wrong number otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import schema
from .cells import CellInfo

_SEGMENT = re.compile(r"^(?P<key>\w+): .*: (?P<left>-?[\d.]+) ≠ (?P<right>-?[\d.]+)$")
# check → (which part of a path is the instance key, the printed sides of the relation, the total's rows or columns)
_SHAPES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "R1": ("col", "一＋二", "三（七）＋四", ("new_requests", "carried_over", "result_total", "carried_forward")),
    "R2": ("col", "（七）总计", "各项办理结果之和", ("result_total",)),
    "R3": ("row", "总计", "六类申请人之和", ("total",)),
    "R4": ("row", "总计", "四种结果之和", ("total",)),
}


@dataclass(frozen=True)
class Instance:
    title: str  # "商业企业列"
    sums: str  # "（七）总计 = 8，各项办理结果之和 = 13"
    totals: list[CellInfo] = field(default_factory=list)
    parts: list[CellInfo] = field(default_factory=list)
    quiet: int = 0  # parts that are 0 or blank, not listed


def _labels() -> dict[str, str]:
    req, rl = schema.requests(), schema.review_litigation()
    out = {c.key: f"{c.label}列" for c in req.columns}
    out.update({r.key: f"{r.label}行" for r in req.rows})
    out.update({g.key: g.label for g in rl.groups})
    return out


def _zero(cell: CellInfo) -> bool:
    return cell.value in (0, None) and cell.kind not in ("ambiguous", "unreadable")


def instances(check: Mapping[str, Any], cells: Mapping[str, CellInfo]) -> list[Instance]:
    """The failing instances of R1–R4, or [] for any other check (shown with its own message and cells)."""
    shape = _SHAPES.get(str(check.get("id")))
    if shape is None or check.get("status") != "fail":
        return []
    axis, left_name, right_name, total_keys = shape
    labels = _labels()
    paths = [f"tables.{p}" for p in dict.fromkeys(check.get("cells", [])) if f"tables.{p}" in cells]
    message = str(check.get("message", ""))
    body = message.split("): ", 1)[1] if "): " in message else message
    found: list[Instance] = []
    for segment in body.split("; "):
        match = _SEGMENT.match(segment.strip())
        if match is None:
            continue
        key = match["key"]
        mine = [cells[p] for p in paths if p.split(".")[3 if axis == "col" else 2] == key]
        totals = [c for c in mine if c.path.split(".")[2 if axis == "col" else 3] in total_keys]
        parts = [c for c in mine if c not in totals]
        found.append(Instance(labels.get(key, key), f"{left_name} = {match['left']}，{right_name} = {match['right']}",
                              totals, [c for c in parts if not _zero(c)], sum(1 for c in parts if _zero(c))))
    return found


# ---------------------------------------------------------------- every other verdict, in Chinese

_QUOTES = "'\""  # the checks quote printed text with repr()
_TYPE_NAMES = {"count": "件数（非负整数）", "money": "金额（非负数）", "signed": "整数"}
_NOT_ASSESSABLE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"needed cells missing or unreadable$"), "所需单元格为空、横线或未取值，无法判断"),
    (re.compile(r"no values$"), "表格中没有数值"),
    (re.compile(r"^no comparable (?:cells|rows) with (?P<y>\d+)$"), "与 {y} 年度报告没有可对照的单元格"),
    (re.compile(r"^restated numbers have no table cell to compare$"), "正文复述的数字在表格中没有可对照的单元格（为空或未取值）"),
    (re.compile(r"^report year unknown$"), "报告年度未知，请先更正报告年度"),
)
_FAILING: dict[str, re.Pattern[str]] = {
    "R5": re.compile(r"^(?P<path>[\w.]+) = (?P<raw>.*) is not a valid (?P<kind>\w+)$"),
    "R6": re.compile(r"^(?P<col>\w+): carried_over (?P<a>[-\d.]+) ≠ (?P<y>\d+) carried_forward (?P<b>[-\d.]+)$"),
    "R7": re.compile(r"^(?P<row>\w+): in_force (?P<now>[-\d.]+) ≠ (?P<y>\d+) in_force (?P<before>[-\d.]+) \+ issued "
                     r"(?P<issued>[-\d.]+) − repealed (?P<repealed>[-\d.]+) = (?P<expected>[-\d.]+)$"),
    "R8": re.compile(r"^prose says (?P<value>[-\d.]+) \((?P<text>.*)\), table (?P<paths>[\w.+]+) = (?P<total>[-\d.]+)$"),
    "R9": re.compile(r"^(?P<y>\d+) stated with a published count(?: in the (?P<report>\d+) report)?$"),
}


def _label(cells: Mapping[str, CellInfo], path: str) -> str:
    cell = cells.get(f"tables.{path}")
    return cell.label if cell else path


def _failing_line(check_id: str, match: re.Match[str], cells: Mapping[str, CellInfo], report_year: str) -> str:
    g = match.groupdict()
    if check_id == "R5":
        return f"{_label(cells, g['path'])}：原文「{g['raw'].strip(_QUOTES)}」不是有效的{_TYPE_NAMES.get(g['kind'], g['kind'])}"
    if check_id == "R6":
        return (f"{_labels().get(g['col'], g['col'])}：本年“上年结转” {g['a']} ≠ {g['y']} 年度“结转下年度继续办理” "
                f"{g['b']}")
    if check_id == "R7":
        row = _label(cells, f"proactive.{g['row']}.in_force").removeprefix("表二 ").split(" · ")[0]
        return (f"{row}：现行有效件数 {g['now']} ≠ {g['y']} 年度现行有效 {g['before']} ＋ 本年制发 {g['issued']} − "
                f"本年废止 {g['repealed']} ＝ {g['expected']}")
    if check_id == "R8":
        labels = "＋".join(_label(cells, p) for p in g["paths"].split("+"))
        return f"正文「{g['text'].strip(_QUOTES)}」说 {g['value']}，表格中 {labels} ＝ {g['total']}"
    return f"正文在公开数量处写的是 {g['y']} 年，本报告为 {g['report'] or report_year} 年度"


def reasons(check: Mapping[str, Any], cells: Mapping[str, CellInfo]) -> list[str]:
    """A verdict's reasons in Chinese for any check whose failure `instances` does not lay out (R5–R9) and
    for every "not assessable"; the check's own message for anything not recognised."""
    status, check_id = check.get("status"), str(check.get("id"))
    message = str(check.get("message", ""))
    if status == "not_assessable":
        body = message.split("): ", 1)[-1]
        for known, template in _NOT_ASSESSABLE:
            found = known.search(body)
            if found:
                return [template.format(**found.groupdict())]
        return [message]
    failing = _FAILING.get(check_id)
    if status != "fail" or failing is None:
        return [] if status == "pass" else [message]
    body = message.removeprefix("R5 (value types): ")
    tail = re.search(r" in the (\d+) report$", body) if check_id == "R9" else None
    report_year = tail.group(1) if tail else "本"
    segments = body[: tail.start()].split("; ") if tail else body.split("; ")
    lines = []
    for segment in segments:
        match = failing.match(segment.strip())
        if match is None:
            return [message]
        lines.append(_failing_line(check_id, match, cells, report_year))
    return lines


def told(check: Mapping[str, Any], cells: Mapping[str, CellInfo]) -> list[str]:
    """A verdict as lines for a reader without the review page (the assessment, the terminal): each failing
    instance of R1–R4 with both sums, or the reasons of any other failure or "not assessable"; [] for a pass."""
    found = instances(check, cells)
    if found:
        return [f"{i.title}：{i.sums}" for i in found]
    return reasons(check, cells)
