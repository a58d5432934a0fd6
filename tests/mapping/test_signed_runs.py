"""Negative 本年增/减 in flattened 2019 reports: never a wrong number, null with a warning instead.

The reports are our own, in the three flattened shapes real pages take: a page dump whose table
cells ran together (the shape of ../shared/corpus/pingtan_2019_page.txt), the same with spaces
surviving between some cells, one cell per line (html-flat) and tab-separated rows (tab text).
Before signed candidates, "行政许可120-3117" came out as 1 / 2 / 0 with confidence 0.9.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.api import extract
from extractor.model import Report

Proactive = dict[str, dict[str, Any]]

_INTRO = (
    "青溪县人民政府2019年政府信息公开工作年度报告 本报告依据《中华人民共和国政府信息公开条例》编制，"
    "统计期限自2019年1月1日起至2019年12月31日止。一、总体情况2019年，我县扎实推进政务公开，"
    "全年在政府门户网站发布信息1520条。"
)
_TABLE3 = (
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量1200000012二、上年结转政府信息公开申请数量0000000"
    "三、本年度办理结果（一）予以公开8000008（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
    "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”0000000"
    "4.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息0000000"
    "7.属于行政执法案卷00000008.属于行政查询事项0000000"
    "（四）无法提供1.本机关不掌握相关政府信息30000032.没有现成信息需要另行制作0000000"
    "3.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请10000012.重复申请0000000"
    "3.要求提供公开出版物00000004.无正当理由大量反复申请0000000"
    "5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理0000000（七）总计120000012"
    "四、结转下年度继续办理0000000"
)
_TABLE4 = (
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    "000000000000000 "
)
_OUTRO = (
    "五、存在的主要问题及改进情况一是公开内容还不够全面；二是政策解读形式较为单一。下一步，我们将加强业务培训。"
    "六、其他需要报告的事项 本年度未收取信息处理费。"
)
_BLOCKS = (
    ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), ("regulations", "normative_docs")),
    ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("admin_license", "other_admin_services")),
    ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("admin_penalty", "admin_coercion")),
    ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("admin_fees",)),
    ("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("gov_procurement",)),
)
_LABELS = {
    "regulations": "规章", "normative_docs": "规范性文件", "admin_license": "行政许可",
    "other_admin_services": "其他对外管理服务事项", "admin_penalty": "行政处罚", "admin_coercion": "行政强制",
    "admin_fees": "行政事业性收费", "gov_procurement": "政府集中采购",
}
_COLUMNS = {
    "regulations": ("new_made", "new_published", "total_published"),
    "normative_docs": ("new_made", "new_published", "total_published"),
    "admin_fees": ("prev_year_items", "items_change"),
    "gov_procurement": ("projects", "amount_yuan"),
}

# what each row prints, and what it means (the gold)
PRINTED: dict[str, tuple[str, ...]] = {
    "regulations": ("0", "0", "0"),
    "normative_docs": ("12", "12", "40"),
    "admin_license": ("120", "-3", "117"),
    "other_admin_services": ("15", "－2", "8"),
    "admin_penalty": ("2648", "−12", "430"),
    "admin_coercion": ("30", "+2", "5"),
    "admin_fees": ("5", "-1"),
    "gov_procurement": ("7", "880000元"),
}
GOLD: Proactive = {
    "regulations": {"new_made": 0, "new_published": 0, "total_published": 0},
    "normative_docs": {"new_made": 12, "new_published": 12, "total_published": 40},
    "admin_license": {"prev_year_items": 120, "items_change": -3, "decisions": 117},
    "other_admin_services": {"prev_year_items": 15, "items_change": -2, "decisions": 8},
    "admin_penalty": {"prev_year_items": 2648, "items_change": -12, "decisions": 430},
    "admin_coercion": {"prev_year_items": 30, "items_change": 2, "decisions": 5},
    "admin_fees": {"prev_year_items": 5, "items_change": -1},
    "gov_procurement": {"projects": 7, "amount_yuan": 880000},
}


def _columns(row: str) -> tuple[str, ...]:
    return _COLUMNS.get(row, ("prev_year_items", "items_change", "decisions"))


def dump_report(separator: str) -> str:
    """A page dump: the report on one line, table 2's cells joined by `separator` ("" loses every boundary)."""
    table2 = "二、主动公开政府信息情况 "
    for caption, headers, rows in _BLOCKS:
        table2 += caption + "信息内容" + "".join(headers)
        table2 += "".join(_LABELS[r] + separator.join(PRINTED[r]) for r in rows)
    return _INTRO + table2 + _TABLE3 + _TABLE4 + _OUTRO + "\n"


def _table_lines(cells_per_row: list[list[str]]) -> list[str]:
    return ["\t".join(row) for row in cells_per_row]


def tab_report() -> str:
    """Tab text as a copied web table gives it: label, then one field per cell."""
    lines = ["青溪县人民政府2019年政府信息公开工作年度报告", "", "一、总体情况",
             "2019年，我县扎实推进政务公开，全年在政府门户网站发布信息1520条。", "", "二、主动公开政府信息情况"]
    for caption, headers, rows in _BLOCKS:
        lines += _table_lines([[caption], ["信息内容", *headers]])
        lines += _table_lines([[_LABELS[r], *PRINTED[r]] for r in rows])
    lines += ["", "三、收到和处理政府信息公开申请情况", "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
    zero = ["0"] * 7
    for label, cells in (("一、本年新收政府信息公开申请数量", ["12", "0", "0", "0", "0", "0", "12"]),
                         ("二、上年结转政府信息公开申请数量", zero),
                         ("（一）予以公开", ["8", "0", "0", "0", "0", "0", "8"]),
                         ("（四）无法提供 1.本机关不掌握相关政府信息", ["3", "0", "0", "0", "0", "0", "3"]),
                         ("（五）不予处理 1.信访举报投诉类申请", ["1", "0", "0", "0", "0", "0", "1"]),
                         ("（七）总计", ["12", "0", "0", "0", "0", "0", "12"]),
                         ("四、结转下年度继续办理", zero)):
        lines.append("\t".join([label, *cells]))
    lines += ["", "四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼", "\t".join(["0"] * 15),
              "", _OUTRO[:-1]]
    return "\n".join(lines) + "\n"


def html_flat_report() -> str:
    """One cell per paragraph, the table markup stripped by a portal's editor."""
    paragraphs = ["<h1>青溪县人民政府2019年政府信息公开工作年度报告</h1>", "<p>一、总体情况</p>",
                  "<p>2019年，我县扎实推进政务公开，全年在政府门户网站发布信息1520条。</p>", "<p>二、主动公开政府信息情况</p>"]
    for caption, headers, rows in _BLOCKS:
        paragraphs += [f"<p>{caption}</p>", "<p>信息内容</p>", *(f"<p>{h}</p>" for h in headers)]
        for r in rows:
            paragraphs += [f"<p>{_LABELS[r]}</p>", *(f"<p>{cell}</p>" for cell in PRINTED[r])]
    paragraphs += [f"<p>{_TABLE3}</p>", f"<p>{_TABLE4}</p>", f"<p>{_OUTRO}</p>"]
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + "\n".join(paragraphs) + "</body></html>\n"


def _extract(tmp_path: Path, name: str, text: str) -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


def _wrong_and_null(report: Report) -> tuple[list[str], list[str]]:
    wrong, null = [], []
    for row, cols in GOLD.items():
        for col, want in cols.items():
            got = report.tables["proactive"][row][col]
            if got is None:
                null.append(f"{row}.{col}")
            elif got != want:
                wrong.append(f"{row}.{col}: got {got!r}, printed {want!r}")
    return wrong, null


def _ambiguous_rows(report: Report) -> set[str]:
    return {w.message.split(":")[0] for w in report.warnings if w.code == "ambiguous_digits"}


def test_a_glued_minus_gives_no_wrong_number_and_names_what_it_left_null(tmp_path: Path) -> None:
    report = _extract(tmp_path, "glued.txt", dump_report(""))
    assert report.report.template == "2019"
    wrong, null = _wrong_and_null(report)
    assert wrong == []
    # "行政许可120-3117": 120 is certain (nothing else can start the row); -3 | 117, -31 | 17,
    # -311 | 7 and "-" (not applicable) | 3117 all fit, so the rest stays null with a warning
    assert report.tables["proactive"]["admin_license"]["prev_year_items"] == 120
    assert {"admin_license.items_change", "admin_license.decisions"} <= set(null)
    assert "proactive.admin_license" in _ambiguous_rows(report)
    # "行政事业性收费5-1" has two cells only: 5 and -1 is the one reading
    assert report.tables["proactive"]["admin_fees"] == {"prev_year_items": 5, "items_change": -1}
    for col in ("prev_year_items", "items_change"):
        assert report.provenance[f"tables.proactive.admin_fees.{col}"].confidence < 0.9  # it was split
    for cell in null:
        row = cell.split(".")[0]
        assert f"proactive.{row}" in _ambiguous_rows(report), cell
        assert report.provenance[f"tables.proactive.{cell}"].confidence == 0.0


def test_spaces_between_cells_make_every_signed_cell_certain(tmp_path: Path) -> None:
    report = _extract(tmp_path, "spaced.txt", dump_report(" "))
    assert _wrong_and_null(report) == ([], [])
    assert report.tables["proactive"]["other_admin_services"]["items_change"] == -2  # full-width minus
    assert report.tables["proactive"]["admin_penalty"]["items_change"] == -12  # U+2212
    assert report.tables["proactive"]["admin_coercion"]["items_change"] == 2  # "+2"
    r5 = next(c for c in report.checks if c.id == "R5")
    assert r5.status == "pass"


@pytest.mark.parametrize("shape", ["tab", "html-flat"])
def test_cell_per_field_shapes_keep_the_sign(tmp_path: Path, shape: str) -> None:
    name, text = ("tab.txt", tab_report()) if shape == "tab" else ("flat.html", html_flat_report())
    report = _extract(tmp_path, name, text)
    assert _wrong_and_null(report) == ([], [])


def test_a_dash_glued_after_a_label_is_a_cell_not_part_of_the_label(tmp_path: Path) -> None:
    # 规章 printed "—" in every cell and the dump glued them: "规章———规范性文件121240"
    text = dump_report("").replace("规章000", "规章———")
    report = _extract(tmp_path, "dashes.txt", text)
    wrong, _ = _wrong_and_null(report)
    assert wrong == []  # no number invented
    assert report.tables["proactive"]["regulations"] == {"new_made": None, "new_published": None, "total_published": None}
    # three dash characters are three dash cells or, with a cell left blank, "——" and "—": null either way
    assert report.provenance["tables.proactive.regulations.new_made"].raw == "———"
    # the next row keeps its own label and values (not shifted onto 规章)
    assert report.tables["proactive"]["normative_docs"]["new_made"] is None
    assert "proactive.normative_docs" in _ambiguous_rows(report)
