"""The markdown reader on converter-shaped files written for these tests (our own text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.api import extract
from extractor.errors import ExtractorError
from extractor.model import Document, Table
from extractor.readers import HTML, JSON, MARKDOWN, TEXT, detect_media_type, read_document
from extractor.settings import Settings

SETTINGS = Settings()


def _read(tmp_path: Path, text: str, name: str = "report.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, SETTINGS)


def _texts(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in table.grid()]


# ---------------------------------------------------------------- sniffing

PIPE_REPORT = "# 示例县人民政府2023年政府信息公开工作年度报告\n\n|信息内容|本年处理决定数量|\n|---|---|\n|行政许可|12|\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PIPE_REPORT, MARKDOWN),
        ("一、总体情况\n\n| 行政许可 | 12 |\n| 行政处罚 | 3 |\n| 行政强制 | 0 |\n", MARKDOWN),  # pipe rows, no separator
        ("## 一、总体情况\n本年度主动公开信息120条。\n", MARKDOWN),
        ("{0}------------------------------------------------\n\n示例县2023年报告\n", MARKDOWN),
        ("示例县报告\n\n<html><body><table><tr><td>规章</td><td>1</td></tr></table></body></html>\n## 二、主动公开\n", MARKDOWN),
        ("信息内容\t本年制发件数\t本年废止件数\n规章\t1\t0\n", TEXT),
        ("示例县人民政府\n2023年政府信息公开工作年度报告\n主动公开信息 120 条\f\n第二页\n", TEXT),
        ("<!DOCTYPE html><html><body><h1>#1 报告</h1><table><tr><td>|---|</td></tr></table></body></html>", HTML),
        ('{"report": {"agency": "示例县"}}', JSON),
    ],
)
def test_markdown_is_told_from_text_html_and_json_by_content(text: str, expected: str) -> None:
    assert detect_media_type(text.encode("utf-8")) == expected


def test_a_txt_file_holding_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    doc = _read(tmp_path, PIPE_REPORT, name="converted.txt")
    assert doc.media_type == MARKDOWN
    assert _texts(doc.tables[0]) == [["信息内容", "本年处理决定数量"], ["行政许可", "12"]]


def test_the_corpus_text_files_stay_plain_text(corpus_dir: Path) -> None:
    for name in ("xindian_2024.txt", "pingtan_2019_page.txt"):
        assert detect_media_type((corpus_dir / name).read_bytes()) == TEXT


# ---------------------------------------------------------------- cells and text

CONVERTER_SHAPES = """# 示例市示例区人民政府

# 2022年政府信息公开工作年度报告

<!-- page 1 -->

**（一）主动公开情况。**本年度在门户网站公开信息*1536*条，详见[栏目](http://example.invalid/a)。

![](images/seal_01.jpg)

|第二十条第（一）项|Col2|Col3|Col4|
|---|---|---|---|
|信息内容|本年制发<br>件数|本年废止件数|现行有效件数|
|规章|1|0|6|
|第二十条第（五）项|第二十条第（五）项|第二十条第（五）项|第二十条第（五）项|
|信息内容|本年处理决定数量|本年处理决定数量|本年处理决定数量|
|行政许可|9487|9487|9487|
|说明\\|备注|-|-|-|
"""


def test_converter_shapes_become_one_grid_with_merged_cells(tmp_path: Path) -> None:
    doc = _read(tmp_path, CONVERTER_SHAPES)
    (table,) = doc.tables
    assert _texts(table) == [
        ["第二十条第（一）项", None, None, None],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "6"],
        ["第二十条第（五）项", None, None, None],
        ["信息内容", "本年处理决定数量", None, None],
        ["行政许可", "9487", None, None],
        ["说明|备注", "-", None, None],  # under the merged 9487 above: one dash, copied
    ]
    assert table.page == 1 and {c.page for c in table.cells} == {1}


def test_running_text_has_no_markdown_syntax(tmp_path: Path) -> None:
    doc = _read(tmp_path, CONVERTER_SHAPES)
    prose = [line.text for line in doc.lines if not line.in_table]
    assert prose[:3] == [
        "示例市示例区人民政府",
        "2022年政府信息公开工作年度报告",
        "（一）主动公开情况。本年度在门户网站公开信息1536条，详见栏目。",
    ]
    assert not any(mark in line for line in prose for mark in ("#", "**", "![", "<!--", "|"))


def test_the_title_split_over_two_heading_lines_gives_agency_and_year(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(CONVERTER_SHAPES, encoding="utf-8")
    report = extract(path)
    assert (report.report.agency, report.report.year) == ("示例市示例区人民政府", 2022)
    assert report.tables["proactive"]["admin_license"]["decisions"] == 9487
    assert report.tables["proactive"]["regulations"] == {"issued": 1, "repealed": 0, "in_force": 6}
    assert report.source.media_type == MARKDOWN


@pytest.mark.parametrize(
    ("markers", "pages"),
    [
        (["{0}" + "-" * 48, "{1}" + "-" * 48, "{2}" + "-" * 48], [1, 2, 3]),  # marker, 0-based
        (["<!-- page 4 -->", "<!-- page 5 -->", "<!-- page 6 -->"], [4, 5, 6]),
        (["", "--- end of page=0 ---", "--- end of page=1 ---"], [1, 2, 3]),  # pymupdf4llm, 0-based
        (["", "<!-- page break -->", "<!-- PageBreak -->"], [1, 2, 3]),  # Docling, Azure
        (["", "-----", "-----"], [1, 2, 3]),
        (["", "", ""], [None, None, None]),
    ],
)
def test_pages_come_from_the_converters_page_markers(tmp_path: Path, markers: list[str], pages: list[int | None]) -> None:
    body = "\n\n".join(f"{marker}\n\n第{i}页的正文。" for i, marker in enumerate(markers, start=1))
    doc = _read(tmp_path, "# 标题\n\n" + body + "\n")
    assert [line.page for line in doc.lines if line.text.startswith("第")] == pages


# ---------------------------------------------------------------- stitching

SPLIT_TABLE = """## 三、收到和处理政府信息公开申请情况

|三、本年度办理结果|（四）无|1.本机关不掌握相关政府信息|2|0|2|
|---|---|---|---|---|---|
|三、本年度办理结果|（四）无|2.没有现成信息需要另行制作|1|0|1|

- 4 -

{between}

|Col1|法提供|3.补正后申请内容仍不明确|0|1|1|
|---|---|---|---|---|---|
||（五）不予处理|1.信访举报投诉类申请|0|0|0|
"""


def test_a_table_cut_by_a_page_is_stitched_and_its_cut_label_joined(tmp_path: Path) -> None:
    doc = _read(tmp_path, SPLIT_TABLE.format(between="{4}" + "-" * 48))
    (table,) = doc.tables
    grid = _texts(table)
    assert [row[1] for row in grid] == ["（四）无法提供", None, None, "（五）不予处理"]
    assert [row[0] for row in grid] == ["三、本年度办理结果", None, None, ""]
    assert [c.page for c in table.cells if c.text == "3.补正后申请内容仍不明确"] == [5]


def test_prose_between_two_tables_keeps_them_apart(tmp_path: Path) -> None:
    doc = _read(tmp_path, SPLIT_TABLE.format(between="本表续上。"))
    assert len(doc.tables) == 2


def test_one_pipe_table_per_row_group_is_one_table(tmp_path: Path) -> None:
    text = "".join(
        f"|  |  |  |\n|---|---|---|\n|{label}|{a}|{b}|\n\n"
        for label, a, b in (("信息内容", "本年制发件数", "现行有效件数"), ("规章", "2", "9"), ("行政规范性文件", "5", "40"))
    )
    (table,) = _read(tmp_path, "## 二、主动公开政府信息情况\n\n" + text).tables
    assert _texts(table) == [["信息内容", "本年制发件数", "现行有效件数"], ["规章", "2", "9"], ["行政规范性文件", "5", "40"]]


MINERU = (
    "## 四、政府信息公开行政复议、行政诉讼情况\n\n"
    '<html><body><table><tr><td colspan="2">行政复议</td><td colspan="2" rowspan="1">行政诉讼</td></tr>'
    "<tr><td>结果维持</td><td>总计</td><td>结果维持</td><td>总计</td></tr>"
    "<tr><td>3</td><td>3</td><td>1</td><td>1</td></tr></table></body></html>\n\n"
    "## 五、存在的主要问题及改进情况\n"
)


def test_html_tables_inside_markdown_use_the_html_grid(tmp_path: Path) -> None:
    doc = _read(tmp_path, MINERU)
    (table,) = doc.tables
    assert _texts(table) == [["行政复议", None, "行政诉讼", None], ["结果维持", "总计", "结果维持", "总计"], ["3", "3", "1", "1"]]
    assert [line.text for line in doc.lines if not line.in_table] == [
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    ]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text",
    [
        "# 报告\n\n|a|b|\n|---|---|\n|1|2|3|4|5|\n|x\n",  # ragged rows
        "# 报告\n\n|---|---|\n|---|---|\n",  # separators only
        "# 报告\n\n<table><tr><td>规章<td>1\n\n正文继续。\n",  # an HTML table never closed
        "# 报告\n\n<table></table>\n",
        "# 报告\n\n" + "|" * 5000 + "\n|---|\n",
        "# 报告\n\n<!-- 未闭合的注释\n正文\n",
        "# 报告\n\n" + '<table><tr><td colspan="1000" rowspan="1000">x</td></tr>' * 3 + "</table>\n",
    ],
)
def test_broken_tables_never_crash_the_reader(tmp_path: Path, text: str) -> None:
    try:
        doc = _read(tmp_path, text)
    except ExtractorError as exc:  # a limit may refuse a hostile file, with a reason
        assert exc.path.endswith("report.md") and exc.reason
        return
    assert doc.media_type == MARKDOWN


def test_ragged_rows_keep_every_printed_cell(tmp_path: Path) -> None:
    doc = _read(tmp_path, "# 报告\n\n|a|b|\n|---|---|\n|规章|1|2|3|\n")
    assert _texts(doc.tables[0])[1] == ["规章", "1", "2", "3"]


def test_an_unclosed_html_table_stops_at_the_blank_line(tmp_path: Path) -> None:
    doc = _read(tmp_path, "# 报告\n\n<table><tr><td>规章<td>1\n\n正文继续。\n")
    assert [line.text for line in doc.lines if not line.in_table] == ["报告", "正文继续。"]
    assert _texts(doc.tables[0]) == [["规章", "1"]]


def test_a_pipe_table_too_large_to_be_a_report_is_refused_with_a_reason(tmp_path: Path) -> None:
    row = "|" + "|".join(["0"] * 1200) + "|\n"
    with pytest.raises(ExtractorError, match="more than 1000000 cells"):
        _read(tmp_path, "# 报告\n\n" + row + "|---|\n" + row * 900)
