"""The workbook opens in openpyxl with the right types: numbers are numbers, dates are dates,
statuses are coloured, headers are frozen and filterable; the same assessment gives the same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from extractor.assess import Assessment, ReportItem
from extractor.assess.compare import compare_items
from extractor.assess.config import AssessConfig
from extractor.assess.words import DATE_SOURCES
from extractor.exports.xlsx import FILLS, write_assessment_xlsx, write_comparisons_xlsx
from extractor.review.messages import CHECK_NAMES


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, region_assessment: Assessment,
             region_items: list[ReportItem]) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "assessment.xlsx"
    write_assessment_xlsx(region_assessment, region_items, path)
    return path


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def test_verdict_sheet_types_and_layout(workbook: Path, region_assessment: Assessment) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["结论", "问题与证据", "表二主动公开_2021", "表三依申请公开", "表四复议诉讼", "同比变化", "雷同"]
    ws = wb["结论"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    rows = _rows(ws)
    assert len(rows) == len(region_assessment.verdicts) == 18
    for row, verdict in zip(rows, region_assessment.verdicts, strict=True):
        assert row["机关"] == verdict.agency and row["年度"] == verdict.year and isinstance(row["年度"], int)
        assert isinstance(row["总分"], float | int) and row["总分"] == verdict.score
        assert row["机关类别"] == {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}[verdict.agency_kind or ""]
        if verdict.published is not None:
            assert isinstance(row["发布日期"], dt.datetime) and row["发布日期"].date() == verdict.published
            assert row["日期来源"] == DATE_SOURCES[verdict.dimensions["timeliness"].details["source"]]
            assert isinstance(row["截止日期"], dt.datetime) and isinstance(row["逾期天数"], int)
        else:
            assert row["发布日期"] is None
    status_column = [c.value for c in ws[1]].index("及时性") + 1
    late = next(i for i, v in enumerate(region_assessment.verdicts, 2) if v.dimensions["timeliness"].status == "fail")
    assert ws.cell(late, status_column).value == "不合格"
    assert ws.cell(late, status_column).fill.fgColor.rgb.endswith(FILLS["fail"].fgColor.rgb[-6:])


def test_tables_are_wide_numbers_with_failing_cells_highlighted(workbook: Path, region_items: list[ReportItem],
                                                               region_assessment: Assessment) -> None:
    ws = openpyxl.load_workbook(workbook)["表三依申请公开"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["机关", "年度", "文件"] and "new_requests.total" in header and ws.freeze_panes == "D2"
    by_name = {i.name: i for i in region_items}
    highlighted = 0
    for row in ws.iter_rows(min_row=2):
        item = by_name[row[2].value]
        for cell, key in zip(row[3:], header[3:], strict=True):
            r, c = str(key).split(".")
            assert cell.value == item.report.tables["requests"][r][c]
            assert cell.value is None or isinstance(cell.value, int | float)
            if cell.fill.fgColor.rgb and cell.fill.fgColor.rgb.endswith("FFC7CE"):
                highlighted += 1
    broken = next(v for v in region_assessment.verdicts if v.dimensions["accuracy"].status == "fail")
    cells = {e.path for f in broken.dimensions["accuracy"].findings for e in f.evidence if e.kind == "cell"}
    assert highlighted == len({p for p in cells if p and p.startswith("tables.requests.")}) > 0


def test_findings_changes_and_pairs_carry_the_evidence(workbook: Path, region_assessment: Assessment) -> None:
    wb = openpyxl.load_workbook(workbook)
    findings = _rows(wb["问题与证据"])
    late = [r for r in findings if r["代码"] == "late"]
    assert len(late) == 1 and late[0]["证据类型"] == "date" and late[0]["位置"] == "report.publication_date"
    (late_verdict,) = [v for v in region_assessment.verdicts if v.dimensions["timeliness"].status == "fail"]
    days = late_verdict.dimensions["timeliness"].details["days_late"]
    assert late[0]["说明"] == late_verdict.dimensions["timeliness"].findings[0].message and f"晚 {days} 天" in late[0]["说明"]
    passages = [r for r in findings if r["代码"] == "copied_previous_year"]
    assert passages and all(r["原文"] and r["对照文件"] and isinstance(r["值"], int) for r in passages)
    changes = _rows(wb["同比变化"])
    assert len(changes) == len(region_assessment.changes)
    assert all(r["变化率"] is None or isinstance(r["变化率"], int | float) for r in changes)
    assert any(isinstance(r["变化率"], float) and r["变化率"] != int(r["变化率"]) for r in changes)
    pairs = _rows(wb["雷同"])
    assert {r["关系"] for r in pairs} == {"上一年度", "其他机关"}
    assert all(0 <= float(r["重合比例"]) <= 1 for r in pairs)  # type: ignore[arg-type]


def test_same_assessment_same_bytes(workbook: Path, tmp_path: Path, region_assessment: Assessment,
                                    region_items: list[ReportItem]) -> None:
    again = tmp_path / "again.xlsx"
    write_assessment_xlsx(region_assessment, list(reversed(region_items)), again)
    assert again.read_bytes() == workbook.read_bytes()


def test_comparison_workbook(tmp_path: Path, region_items: list[ReportItem], config: AssessConfig) -> None:
    by_name = {i.name: i for i in region_items}
    cmp = compare_items(by_name["region_1_02_2024.html"], by_name["region_1_02_2023.txt"], config)
    path = tmp_path / "compare.xlsx"
    write_comparisons_xlsx([cmp], path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["指标", "单元格", "跨年度关系", "文字对比"]
    assert {r["关系"]: (r["结果"], r["说明"]) for r in _rows(wb["跨年度关系"])} == {
        "R6": ("通过", CHECK_NAMES["R6"]), "R7": ("通过", CHECK_NAMES["R7"])}
    cells = _rows(wb["单元格"])
    assert cells and all(isinstance(r["本年"], int | float) or r["本年"] is None for r in cells)
