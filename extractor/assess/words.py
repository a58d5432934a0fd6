"""Words the assessor reads, in Chinese: the names of dimensions, statuses, kinds of agency, kinds of
evidence and date sources, shared by the terminal text, the HTML pages and the workbook.

Each sentence is written once, where its numbers are found (timeliness.py, completeness.py …), from
these names; the report format's own names of parts, tables, cells and relations come from the review
app (extractor/review/messages.py, layout.py), so both tools call a table or a row the same.
"""

from __future__ import annotations

from ..review.messages import PARTS, TABLES

DIMENSION_NAMES: dict[str, str] = {"timeliness": "及时性", "completeness": "完整性", "accuracy": "准确性",
                                   "copy": "雷同", "change": "变化说明"}
STATUS_NAMES: dict[str, str] = {"fail": "不合格", "warn": "提示", "pass": "通过", "unknown": "无法判断"}
SEVERITY_NAMES: dict[str, str] = {"fail": "不合格", "warn": "提示", "info": "说明"}
KIND_NAMES: dict[str, str] = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}
EVIDENCE_NAMES: dict[str, str] = {"cell": "单元格", "sentence": "原文", "date": "日期", "section": "部分",
                                  "passage": "共同段落", "check": "关系"}
RELATION_NAMES: dict[str, str] = {"previous_year": "上一年度", "other_agency": "其他机关"}
DATE_SOURCES: dict[str, str] = {  # extractor.model.DateSource
    "printed_label": "报告所印发布日期", "signature": "落款日期", "html_meta": "网页元数据",
    "pdf_creation_date": "PDF 创建时间", "pdf_mod_date": "PDF 修改时间",
    "docx_created": "Word 文件创建时间", "docx_modified": "Word 文件修改时间",
}
UNKNOWN_AGENCY = "（机关不明）"


def kind_name(kind: str | None) -> str:
    """A kind of agency as the assessor says it; a kind a config added is shown by its own name."""
    return KIND_NAMES.get(kind or "", kind or "类别不明")


def part_name(section: str) -> str:
    """A section key as the template prints its heading (“一、总体情况”部分 …)."""
    return PARTS.get(section, f"“{section}”部分")


def table_name(table: str) -> str:
    """A table key as the template numbers it (表二, 表三, 表四)."""
    return TABLES.get(table, table)


def year_name(year: int | None) -> str:
    return f"{year} 年度" if year is not None else "年度不明"


def report_name(year: int | None) -> str:
    """A report by its year, as a sentence names it (2023 年度报告)."""
    return f"{year} 年度报告" if year is not None else "年度不明的报告"
