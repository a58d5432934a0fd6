"""HTML reader: the real Pingtan 2025 page, plus small synthetic pages for each hazard."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import LimitExceeded
from extractor.model import Document, Table, TextSource
from extractor.readers import HTML, detect_media_type, sha256_of
from extractor.readers.html import cell_text, join_fragments, read
from extractor.settings import Settings


def _read(html: str | bytes, settings: Settings | None = None) -> Document:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read(Path("fixture.html"), data, settings or Settings())


def _texts(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in table.grid()]


# ---------------------------------------------------------------- real page


@pytest.fixture(scope="module")
def pingtan(corpus_dir: Path) -> Document:
    path = corpus_dir / "pingtan_2025_page.html"
    return read(path, path.read_bytes(), Settings())


def test_pingtan_document_fields(pingtan: Document, corpus_dir: Path) -> None:
    data = (corpus_dir / "pingtan_2025_page.html").read_bytes()
    assert detect_media_type(data) == HTML
    assert pingtan.media_type == "text/html"
    assert pingtan.source == TextSource.HTML
    assert pingtan.sha256 == sha256_of(data)
    assert pingtan.pages == []
    assert pingtan.title is not None and pingtan.title.startswith(
        "平潭综合实验区2025年度政府信息公开工作年度报告"
    )
    assert all(line.page is None and line.bbox is None for line in pingtan.lines)
    assert all(cell.page is None and cell.bbox is None for t in pingtan.tables for cell in t.cells)


def test_pingtan_section_headings_in_order(pingtan: Document) -> None:
    texts = [line.text for line in pingtan.lines]
    headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    # prose numbers in separate <span>s run together as the page shows them
    assert any("共收到政府信息公开申请154件，共办结148件" in t for t in texts)
    assert "2025年，无收取信息处理费情况。" in texts
    # script and style never leak into the text
    assert not any("function(" in t or "{" in t for t in texts)


def test_pingtan_three_tables_each_after_its_heading(pingtan: Document) -> None:
    assert len(pingtan.tables) == 3
    texts = [line.text for line in pingtan.lines]
    for table, heading in zip(pingtan.tables, ["二、", "三、", "四、"], strict=True):
        assert table.source == TextSource.HTML
        assert table.line_index is not None
        assert texts[table.line_index - 1].startswith(heading)
        row_lines = pingtan.lines[table.line_index : table.line_index + table.n_rows]
        assert all(line.in_table for line in row_lines)  # every row of these tables has text
        assert not pingtan.lines[table.line_index + table.n_rows].in_table


def test_pingtan_table2_grid(pingtan: Document) -> None:
    table = pingtan.tables[0]
    assert (table.n_rows, table.n_cols) == (14, 4)
    grid = _texts(table)
    assert grid[0] == ["第二十条第（一）项", None, None, None]
    assert grid[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert grid[3] == ["行政规范性文件", "58", "45", "546"]
    assert grid[6] == ["行政许可", "2418", None, None]
    assert grid[13] == ["行政事业性收费", "4166.241619", None, None]
    fee = table.grid()[13][1]
    assert fee is not None and fee.col_span == 3 and fee.row_span == 1


def test_pingtan_table3_grid(pingtan: Document) -> None:
    table = pingtan.tables[1]
    assert (table.n_rows, table.n_cols) == (28, 10)
    grid = table.grid()
    note = grid[0][0]
    assert note is not None and (note.row_span, note.col_span) == (3, 3)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header = _texts(table)[2]
    assert header[4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    result = grid[5][0]
    assert result is not None and result.text == "三、本年度办理结果"
    assert (result.row_span, result.col_span) == (22, 1)
    assert _texts(table)[3] == [
        "一、本年新收政府信息公开申请数量",
        None,
        None,
        "151",
        "3",
        "0",
        "0",
        "0",
        "0",
        "154",
    ]
    assert _texts(table)[27][3:] == ["4", "2", "0", "0", "0", "0", "6"]
    withheld = grid[7][1]
    assert withheld is not None and withheld.text == "（三）不予公开" and withheld.row_span == 8


def test_pingtan_table4_grid(pingtan: Document) -> None:
    table = pingtan.tables[2]
    assert (table.n_rows, table.n_cols) == (4, 15)
    grid = _texts(table)
    assert grid[1][1] == "结果纠正"
    assert grid[0][0] == "行政复议" and grid[0][5] == "行政诉讼"
    assert grid[3] == ["25", "3", "8", "0", "36", "3", "3", "0", "0", "6", "3", "0", "0", "0", "3"]
    last = pingtan.lines[(table.line_index or 0) + 3]
    assert last.in_table and last.text == "\t".join(grid[3])  # type: ignore[arg-type]


# ---------------------------------------------------------------- encodings


def test_gb2312_label_keeps_characters_outside_gb2312() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>年报</title></head><body><p>联系人：张堃，审核：王镕</p></body></html>'
    doc = _read(page.encode("gb18030"))
    assert [line.text for line in doc.lines] == ["联系人：张堃，审核：王镕"]
    assert doc.title == "年报"


def test_meta_charset_attribute_form() -> None:
    page = '<html><head><meta charset="GBK"></head><body><p>依申请公开十件</p></body></html>'
    assert _read(page.encode("gbk")).lines[0].text == "依申请公开十件"


def test_gbk_without_declared_charset_is_sniffed() -> None:
    page = "<html><body><div>主动公开政府信息三百条</div><div>行政复议两件</div></body></html>"
    doc = _read(page.encode("gbk"))
    assert [line.text for line in doc.lines] == ["主动公开政府信息三百条", "行政复议两件"]


# ---------------------------------------------------------------- text and structure


def test_visible_text_blocks_and_whitespace() -> None:
    page = """<html><head><style>p {color: red}</style><script>var a = "隐藏";</script></head>
    <body><!-- 注释不出现 --><h1>某区  年度报告</h1>
    <p>&nbsp;&nbsp;第一段<span>文字</span>&nbsp;&nbsp;&nbsp;</p>
    <div>第二段<br/>换行后</div><noscript>不显示</noscript>
    <p style="display:none">隐藏段落</p>
    <ul><li>条目一</li><li>条目二</li></ul>
    <p>跨行的
    中文句子</p>尾部文字</body></html>"""
    texts = [line.text for line in _read(page).lines]
    assert texts == [
        "某区 年度报告",
        "第一段文字",
        "第二段",
        "换行后",
        "条目一",
        "条目二",
        "跨行的中文句子",
        "尾部文字",
    ]


def test_links_side_by_side_stay_separate_items() -> None:
    page = """<div class="menu">
        <a href="/a">政府信息公开</a>
        <a href="/b">政策文件库</a>
        <a href="/c">互动交流</a>
    </div><p>全年在<a href="/w">区政府网站</a>
    发布信息</p>"""
    # a menu's links are items (what a reader sees); a link inside a sentence still joins its words
    assert [line.text for line in _read(page).lines] == ["政府信息公开 政策文件库 互动交流", "全年在区政府网站发布信息"]


def test_cell_fragments_join_without_separators() -> None:
    page = """<table><tr><td><p>商业</p><p>企业&nbsp; &nbsp; &nbsp;</p></td><td>结果<br/>纠正</td>
    <td><p>151</p><p>3</p></td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>"""
    table = _read(page).tables[0]
    assert _texts(table)[0] == ["商业企业", "结果纠正", "151 3"]
    assert join_fragments(["2025", "年"]) == "2025年"


def test_rowspan_colspan_grid_and_row_lines() -> None:
    page = """<body><p>表前文字</p><table>
    <tr><td rowspan="2" colspan="2">左上</td><td>甲</td></tr>
    <tr><td>乙</td></tr>
    <tr><td>丙</td><td rowspan="9">溢出</td><td>丁</td></tr>
    </table><p>表后文字</p></body>"""
    doc = _read(page)
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert _texts(table) == [["左上", None, "甲"], [None, None, "乙"], ["丙", "溢出", "丁"]]
    corner = table.grid()[0][0]
    assert corner is not None and (corner.row_span, corner.col_span) == (2, 2)
    spill = table.grid()[2][1]
    assert spill is not None and spill.row_span == 1  # clamped to the rows that exist
    assert [(line.text, line.in_table) for line in doc.lines] == [
        ("表前文字", False),
        ("左上\t甲", True),
        ("乙", True),
        ("丙\t溢出\t丁", True),
        ("表后文字", False),
    ]
    assert table.line_index == 1


def test_layout_table_does_not_swallow_data_tables() -> None:
    page = """<body><table width="100%"><tr><td>网站导航</td><td>
      <p>二、主动公开政府信息情况</p>
      <table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>2</td></tr></table>
      <p>三、收到和处理政府信息公开申请情况</p>
      <table><tr><td>自然人</td><td>总计</td></tr><tr><td>7</td><td>7</td></tr></table>
    </td></tr></table></body>"""
    doc = _read(page)
    assert len(doc.tables) == 2
    assert _texts(doc.tables[0]) == [["信息内容", "本年制发件数"], ["规章", "2"]]
    assert _texts(doc.tables[1]) == [["自然人", "总计"], ["7", "7"]]
    assert [line.text for line in doc.lines] == [
        "网站导航",
        "二、主动公开政府信息情况",
        "信息内容\t本年制发件数",
        "规章\t2",
        "三、收到和处理政府信息公开申请情况",
        "自然人\t总计",
        "7\t7",
    ]
    assert [line.in_table for line in doc.lines] == [False, False, True, True, False, True, True]
    assert doc.tables[1].line_index == 5


def test_single_cell_wrapper_table_keeps_paragraph_lines() -> None:
    page = "<table><tr><td><p>一、总体情况</p><p>本年度工作稳步推进。</p></td></tr></table>"
    doc = _read(page)
    assert doc.tables == []
    assert [line.text for line in doc.lines] == ["一、总体情况", "本年度工作稳步推进。"]


def test_flattened_page_gives_one_line_per_paragraph() -> None:
    page = "<body><p>行政许可</p><p>120</p><p>行政处罚</p><p>35</p></body>"
    doc = _read(page)
    assert doc.tables == []
    assert [line.text for line in doc.lines] == ["行政许可", "120", "行政处罚", "35"]


def test_pre_keeps_tab_flattened_rows() -> None:
    doc = _read("<pre>信息内容\t本年制发件数\n规章\t3\n</pre>")
    assert [line.text for line in doc.lines] == ["信息内容\t本年制发件数", "规章\t3"]


def test_junk_spans_count_as_one() -> None:
    doc = _read('<table><tr><td colspan="2px">甲</td><td rowspan="">乙</td></tr><tr><td>丙</td></tr></table>')
    assert _texts(doc.tables[0]) == [["甲", None, "乙"], ["丙", None, None]]


def test_cell_text_helper_strips_padding() -> None:
    from lxml import html as lhtml

    cell = lhtml.fragment_fromstring("<td><p>公益 &nbsp; &nbsp;</p><p>组织 &nbsp;</p></td>")
    assert cell_text(cell) == "公益组织"


def test_over_the_size_limit() -> None:
    with pytest.raises(LimitExceeded) as info:
        _read("<p>" + "字" * 100 + "</p>", Settings(max_html_bytes=64))
    assert info.value.code == "html_too_large"


def test_nesting_past_the_parser_limit_is_not_truncated_silently() -> None:
    page = "<p>前文</p>" + "<div>" * 300 + "深处" + "</div>" * 300 + "<p>后文</p>"
    with pytest.raises(LimitExceeded):
        _read(page)


def test_hostile_colspan_is_capped() -> None:
    doc = _read('<table><tr><td colspan="99999999" rowspan="99999999">甲</td><td>乙</td></tr></table>')
    assert (doc.tables[0].n_rows, doc.tables[0].n_cols) == (1, 1001)
