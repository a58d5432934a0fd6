"""The assessment as a workbook an office can filter and send.

Sheets: 结论 (one row per report: dates as dates, scores as numbers, statuses coloured), 问题与证据
(one row per piece of evidence), one sheet per statistical table in wide form (the cells a failing
relation names are highlighted), 同比变化 (indicators year over year) and 雷同 (similar pairs with
their longest shared passage). Every sheet has a frozen header and an autofilter. The file is
reproducible: fixed zip times and document dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..assess.compare import Comparison
from ..assess.similarity import key_of
from ..assess.sources import ReportItem
from ..assess.verdict import Assessment, Evidence, Verdict
from ..assess.words import (
    DATE_SOURCES,
    DIMENSION_NAMES,
    RELATION_NAMES,
    SEVERITY_NAMES,
    STATUS_NAMES,
    kind_name,
)
from ..review.messages import CHECK_NAMES
from ..review.messages import STATUS_NAMES as CHECK_STATUS_NAMES
from ..sinks.rows import wide_columns

FILLS = {"fail": PatternFill("solid", fgColor="FFC7CE"), "warn": PatternFill("solid", fgColor="FFEB9C"),
         "pass": PatternFill("solid", fgColor="C6EFCE"), "unknown": PatternFill("solid", fgColor="EDEDED")}
TABLE_SHEETS = (("表二主动公开_2021", "proactive", "2021"), ("表二主动公开_2019", "proactive", "2019"),
                ("表三依申请公开", "requests", None), ("表四复议诉讼", "review_litigation", None))
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_HEADER_FONT = Font(bold=True)
_DATE_FORMAT = "yyyy-mm-dd"


def _sheet(wb: Workbook, title: str, header: Sequence[str], widths: Sequence[int] | None = None) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths or [], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


def _finish(ws: Worksheet) -> None:
    ws.auto_filter.ref = ws.dimensions


def _deadline(v: Verdict) -> dt.date | None:
    value = v.dimensions["timeliness"].details.get("deadline")
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _failing_checks(v: Verdict) -> str:
    checks = v.dimensions["accuracy"].details.get("checks", {})
    return ", ".join(cid for cid, status in checks.items() if status == "fail")


def _verdicts(wb: Workbook, assessment: Assessment) -> None:
    dims = list(DIMENSION_NAMES)
    header = ["机关", "机关类别", "年度", "文件", "发布日期", "日期来源", "截止日期", "逾期天数",
              *[DIMENSION_NAMES[d] for d in dims], *[f"{DIMENSION_NAMES[d]}得分" for d in dims], "总分", "结论",
              "未通过的关系", "上一年度文件"]
    ws = _sheet(wb, "结论", header, [26, 10, 7, 28, 12, 16, 12, 9, *[10] * 5, *[10] * 5, 8, 10, 14, 28])
    for v in assessment.verdicts:
        t = v.dimensions["timeliness"].details
        source = t.get("source")
        ws.append([v.agency, kind_name(v.agency_kind) if v.agency_kind else None, v.year, Path(v.file).name, v.published,
                   DATE_SOURCES.get(source, source) if isinstance(source, str) else None, _deadline(v),
                   t.get("days_late"), *[STATUS_NAMES[v.dimensions[d].status] for d in dims],
                   *[v.dimensions[d].score for d in dims], v.score, STATUS_NAMES[v.status], _failing_checks(v),
                   Path(v.previous_file).name if v.previous_file else None])
        row = ws.max_row
        for column in (5, 7):
            ws.cell(row, column).number_format = _DATE_FORMAT
        for i, d in enumerate(dims):
            ws.cell(row, 9 + i).fill = FILLS[v.dimensions[d].status]
        ws.cell(row, 9 + 2 * len(dims) + 1).fill = FILLS[v.status]
    _finish(ws)


def _findings(wb: Workbook, assessment: Assessment) -> None:
    header = ["机关", "年度", "文件", "维度", "严重程度", "代码", "说明", "证据类型", "位置", "起止", "页",
              "值", "原文", "对照文件", "对照位置", "对照起止"]
    ws = _sheet(wb, "问题与证据", header, [24, 7, 26, 9, 9, 22, 60, 9, 40, 11, 5, 10, 60, 26, 20, 11])
    for v in assessment.verdicts:
        for dim, result in v.dimensions.items():
            for f in result.findings:
                base = [v.agency, v.year, Path(v.file).name, DIMENSION_NAMES[dim], SEVERITY_NAMES[f.severity], f.code, f.message]
                evidence: list[Evidence | None] = list(f.evidence) or [None]
                for e in evidence:
                    extra: list[Any] = [None] * 9
                    if e is not None:
                        extra = [e.kind, e.path, _span(e.span), e.page,
                                 e.value if isinstance(e.value, int | float) or e.value is None else str(e.value),
                                 e.text, Path(e.other_file).name if e.other_file else None, e.other_path,
                                 _span(e.other_span)]
                    ws.append(base + extra)
                    ws.cell(ws.max_row, 5).fill = FILLS["fail" if f.severity == "fail" else
                                                         "warn" if f.severity == "warn" else "pass"]
    _finish(ws)


def _span(span: tuple[int, int] | None) -> str | None:
    return f"{span[0]}–{span[1]}" if span else None


def _failing_cells(v: Verdict) -> set[str]:
    return {e.path.removeprefix("tables.") for f in v.dimensions["accuracy"].findings for e in f.evidence
            if e.kind == "cell" and e.path}


def _tables(wb: Workbook, assessment: Assessment, items: Iterable[ReportItem]) -> None:
    by_key = {key_of(i): i for i in items}
    verdicts = [(v, by_key.get(f"{v.sha256}|{v.file}")) for v in assessment.verdicts]
    for title, table, template in TABLE_SHEETS:
        columns = list(wide_columns(table))
        rows = [(v, i) for v, i in verdicts if i is not None and (template is None or i.report.report.template == template)]
        if template is not None and not rows:
            continue  # no report of this template: no sheet
        if template is not None:
            columns = [c for c in columns if any(c.split(".")[0] in i.report.tables[table] and
                                                 c.split(".")[1] in i.report.tables[table][c.split(".")[0]]
                                                 for _, i in rows)] or columns
        ws = _sheet(wb, title, ["机关", "年度", "文件", *columns], [24, 7, 26, *[12] * len(columns)])
        ws.freeze_panes = "D2"
        for v, item in rows:
            assert item is not None
            cells = item.report.tables[table]
            ws.append([v.agency, v.year, Path(v.file).name,
                       *[cells.get(c.split(".")[0], {}).get(c.split(".")[1]) for c in columns]])
            bad = _failing_cells(v)
            for j, column in enumerate(columns):
                if f"{table}.{column}" in bad:
                    ws.cell(ws.max_row, 4 + j).fill = FILLS["fail"]
        _finish(ws)


def _changes(wb: Workbook, assessment: Assessment) -> None:
    header = ["机关", "年度", "上一年度", "指标", "上一年", "本年", "变化", "变化率", "大幅变化", "有说明", "说明句", "文件", "上一年度文件"]
    ws = _sheet(wb, "同比变化", header, [24, 7, 9, 18, 10, 10, 10, 9, 9, 8, 60, 26, 26])
    for c in assessment.changes:
        ws.append([c.agency, c.year, c.previous_year, c.label, c.previous, c.current, c.change, c.relative,
                   "是" if c.large else "否", None if c.explained is None else ("是" if c.explained else "否"),
                   c.sentence.text if c.sentence else None, Path(c.file).name, Path(c.previous_file).name])
        ws.cell(ws.max_row, 8).number_format = "0%"
        if c.large and not c.explained:
            ws.cell(ws.max_row, 10).fill = FILLS["warn"]
    _finish(ws)


def _pairs(wb: Workbook, assessment: Assessment) -> None:
    header = ["机关", "年度", "文件", "对照机关", "对照年度", "对照文件", "关系", "重合比例", "共同段落数", "最长共同段落"]
    ws = _sheet(wb, "雷同", header, [24, 7, 26, 24, 9, 26, 10, 10, 10, 80])
    for p in assessment.pairs:
        ws.append([p.agency, p.year, Path(p.file).name, p.other_agency, p.other_year, Path(p.other_file).name,
                   RELATION_NAMES[p.relation], p.containment, len(p.passages), p.passages[0].text if p.passages else None])
        ws.cell(ws.max_row, 8).number_format = "0%"
    _finish(ws)


def _save(wb: Workbook, path: Path) -> None:
    """Save with fixed zip times and document dates, so the same assessment gives the same bytes."""
    fixed = dt.datetime(*_FIXED_TIME)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "xxgk"
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, data)
    path.write_bytes(out.getvalue())


def write_assessment_xlsx(assessment: Assessment, items: Iterable[ReportItem], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _verdicts(wb, assessment)
    _findings(wb, assessment)
    _tables(wb, assessment, list(items))
    _changes(wb, assessment)
    _pairs(wb, assessment)
    _save(wb, path)


def write_comparisons_xlsx(comparisons: Sequence[Comparison], path: Path) -> None:
    """`xxgk compare --xlsx`: indicators, every cell, R6/R7 and the sentence diff of each pair."""
    wb = Workbook()
    wb.remove(wb.active)
    ind = _sheet(wb, "指标", ["机关", "上一年度", "本年度", "指标", "上一年", "本年", "变化", "变化率", "大幅变化", "有说明", "说明句"],
                 [24, 9, 9, 18, 10, 10, 10, 9, 9, 8, 60])
    cells = _sheet(wb, "单元格", ["机关", "上一年度", "本年度", "单元格", "上一年", "本年", "变化", "变化率"], [24, 9, 9, 50, 10, 10, 10, 9])
    checks = _sheet(wb, "跨年度关系", ["机关", "上一年度", "本年度", "关系", "结果", "说明"], [24, 9, 9, 8, 12, 80])
    text = _sheet(wb, "文字对比", ["机关", "上一年度", "本年度", "部分", "相同比例", "变动", "句子"], [24, 9, 9, 16, 10, 8, 80])
    for cmp in comparisons:
        who = [cmp.other_agency or cmp.agency, cmp.earlier_year, cmp.later_year]
        for c in cmp.indicators:
            ind.append([*who, c.label, c.previous, c.current, c.change, c.relative, "是" if c.large else "否",
                        None if c.explained is None else ("是" if c.explained else "否"), c.sentence.text if c.sentence else None])
            ind.cell(ind.max_row, 8).number_format = "0%"
        for cell in cmp.cells:
            cells.append([*who, cell.path, cell.earlier, cell.later, cell.change, cell.relative])
            cells.cell(cells.max_row, 8).number_format = "0%"
        for check in cmp.cross_year:
            told = cmp.cross_year_told.get(check.id) or [CHECK_NAMES.get(check.id, check.id)]
            checks.append([*who, check.id, CHECK_STATUS_NAMES.get(check.status, check.status), "；".join(told)])
            checks.cell(checks.max_row, 5).fill = FILLS.get(check.status, FILLS["unknown"])
        for s in cmp.sections:
            text.append([*who, s.section, s.similarity, f"保留 {s.kept}", None])
            text.cell(text.max_row, 5).number_format = "0%"
            for sentence in s.removed:
                text.append([*who, s.section, None, "删除", sentence])
            for sentence in s.added:
                text.append([*who, s.section, None, "新增", sentence])
    for ws in (ind, cells, checks, text):
        _finish(ws)
    _save(wb, path)
