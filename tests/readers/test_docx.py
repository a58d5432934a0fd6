"""DOCX reader: documents built with python-docx (and hand-edited XML) for each structure."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument

from extractor.errors import CorruptFile, LimitExceeded
from extractor.model import Document, Table, TextSource
from extractor.readers import DOCX, detect_media_type, sha256_of
from extractor.readers.docx import read
from extractor.settings import Settings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(document: WordDocument) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _read(data: bytes, settings: Settings | None = None) -> Document:
    return read(Path("fixture.docx"), data, settings or Settings())


def _texts(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell else None for cell in row] for row in table.grid()]


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The same package with one part's bytes swapped."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == name else src.read(info.filename))
    return out.getvalue()


def _with_body(body_xml: str, prolog: str = "") -> bytes:
    """A valid package whose document.xml has the given <w:body> content."""
    xml = f'{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    return _replace_part(_save(docx.Document()), "word/document.xml", xml.encode("utf-8"))


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    """Heading, prose, a table-3-like table with merges, then more prose."""
    document = docx.Document()
    document.core_properties.title = "某县2024年政府信息公开工作年度报告"
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    document.add_paragraph("本年度共收到申请十二件。")
    table = document.add_table(rows=5, cols=4)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "本列数据的勾稽关系"  # 2×2 block
    table.cell(0, 2).merge(table.cell(0, 3)).text = "法人或其他组织"  # horizontal only
    wrapped = table.cell(1, 2)
    wrapped.text = "商业"
    wrapped.add_paragraph("企业")
    table.cell(1, 3).text = "其他"
    table.cell(2, 0).merge(table.cell(4, 0)).text = "三、本年度办理结果"  # vertical only, 3 rows
    for row, (label, first, second) in enumerate(
        [("（一）予以公开", "5", "0"), ("（二）部分公开", "2", ""), ("（三）不予公开", "1", "1")], start=2
    ):
        table.cell(row, 1).text = label
        table.cell(row, 2).text = first
        table.cell(row, 3).text = second
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    return _save(document)


def test_document_fields(report_docx: bytes) -> None:
    doc = _read(report_docx)
    assert detect_media_type(report_docx) == DOCX
    assert doc.media_type == DOCX
    assert doc.source == TextSource.DOCX
    assert doc.sha256 == sha256_of(report_docx)
    assert doc.pages == []
    assert doc.title == "某县2024年政府信息公开工作年度报告"
    assert all(line.page is None and line.bbox is None for line in doc.lines)


def test_merged_cells_are_stored_once_with_spans(report_docx: bytes) -> None:
    table = _read(report_docx).tables[0]
    assert table.source == TextSource.DOCX
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert _texts(table) == [
        ["本列数据的勾稽关系", None, "法人或其他组织", None],
        [None, None, "商业企业", "其他"],
        ["三、本年度办理结果", "（一）予以公开", "5", "0"],
        [None, "（二）部分公开", "2", ""],
        [None, "（三）不予公开", "1", "1"],
    ]
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert spans[(0, 0)] == (2, 2)
    assert spans[(0, 2)] == (1, 2)
    assert spans[(2, 0)] == (3, 1)
    assert spans[(1, 2)] == (1, 1)
    assert len(table.cells) == 14  # python-docx's table API would repeat merged text over 20 slots


def test_table_sits_between_paragraphs_in_lines(report_docx: bytes) -> None:
    doc = _read(report_docx)
    assert [(line.text, line.in_table) for line in doc.lines] == [
        ("三、收到和处理政府信息公开申请情况", False),
        ("本年度共收到申请十二件。", False),
        ("本列数据的勾稽关系\t法人或其他组织", True),
        ("商业企业\t其他", True),
        ("三、本年度办理结果\t（一）予以公开\t5\t0", True),
        ("（二）部分公开\t2\t", True),
        ("（三）不予公开\t1\t1", True),
        ("四、政府信息公开行政复议、行政诉讼情况", False),
    ]
    assert doc.tables[0].line_index == 2


def test_layout_table_with_nested_table_is_unwrapped() -> None:
    document = docx.Document()
    document.add_paragraph("正文开始")
    outer = document.add_table(rows=1, cols=1)
    frame = outer.cell(0, 0)
    frame.paragraphs[0].text = "表前说明"
    inner = frame.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年制发件数", (1, 0): "规章", (1, 1): "4"}.items():
        inner.cell(r, c).text = text
    frame.add_paragraph("表后说明")
    doc = _read(_save(document))
    assert len(doc.tables) == 1
    assert _texts(doc.tables[0]) == [["信息内容", "本年制发件数"], ["规章", "4"]]
    assert [line.text for line in doc.lines] == [
        "正文开始",
        "表前说明",
        "信息内容\t本年制发件数",
        "规章\t4",
        "表后说明",
    ]
    assert doc.tables[0].line_index == 2


def test_grid_before_content_controls_and_line_breaks() -> None:
    body = """
    <w:sdt><w:sdtContent><w:p><w:r><w:t>一、总体情况</w:t><w:br/><w:t>（一）主动公开</w:t></w:r></w:p></w:sdtContent></w:sdt>
    <w:tbl>
      <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
        <w:tc><w:p><w:r><w:t>结果</w:t></w:r><w:r><w:br/><w:t>纠正</w:t></w:r></w:p></w:tc>
        <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>总计</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc>
        <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
    </w:tbl>
    <w:p><w:r><w:t xml:space="preserve">  收费  </w:t></w:r><w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del></w:p>"""
    doc = _read(_with_body(body))
    assert _texts(doc.tables[0]) == [["行政复议", None, None], [None, "结果纠正", "总计"], ["7", "3", None]]
    total = doc.tables[0].grid()[1][2]
    assert total is not None and total.row_span == 2
    assert [line.text for line in doc.lines] == [
        "一、总体情况",
        "（一）主动公开",
        "行政复议",
        "结果纠正\t总计",
        "7\t3",
        "收费",
    ]


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    prolog = f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    try:
        doc = _read(_with_body("<w:p><w:r><w:t>前&x;后</w:t></w:r></w:p>", prolog=prolog))
    except CorruptFile:
        return  # refusing the document is also safe
    assert all("机密" not in line.text for line in doc.lines)


# ---------------------------------------------------------------- broken files


def test_truncated_docx_is_corrupt(report_docx: bytes) -> None:
    with pytest.raises(CorruptFile) as info:
        _read(report_docx[: len(report_docx) // 2])
    assert info.value.code == "corrupt"
    assert "zip" in info.value.reason


def test_zip_without_word_document_is_corrupt() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notes.txt", "不是Word文件")
    with pytest.raises(CorruptFile, match="not a DOCX"):
        _read(buffer.getvalue())


def test_broken_document_xml_is_corrupt(report_docx: bytes) -> None:
    data = _replace_part(report_docx, "word/document.xml", "<w:document><w:body><w:p>未闭合".encode())
    with pytest.raises(CorruptFile, match="malformed XML"):
        _read(data)


def test_missing_content_types_is_corrupt(report_docx: bytes) -> None:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(report_docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "[Content_Types].xml":
                dst.writestr(info, src.read(info.filename))
    with pytest.raises(CorruptFile):
        _read(out.getvalue())


def test_unpacked_size_over_the_limit(report_docx: bytes) -> None:
    with pytest.raises(LimitExceeded):
        _read(report_docx, Settings(max_zip_total_bytes=len(report_docx)))


def test_core_property_dates_become_metadata_and_date_an_undated_report() -> None:
    import datetime as dt

    from extractor.layout.dates import find_publication_date

    document = docx.Document()
    document.add_paragraph("东林县人民政府2024年政府信息公开工作年度报告")
    document.add_paragraph("本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。")
    document.core_properties.created = dt.datetime(2019, 3, 1, 8, 0)  # the template the office reuses
    document.core_properties.modified = dt.datetime(2025, 1, 20, 9, 30)
    doc = _read(_save(document))
    assert doc.metadata == {"docx:created": "2019-03-01T08:00:00+00:00", "docx:modified": "2025-01-20T09:30:00+00:00"}
    found = find_publication_date(doc.lines, doc.metadata, 2024)
    assert found is not None and (found.date, found.source) == (dt.date(2025, 1, 20), "docx_modified")
    document.core_properties.modified = dt.datetime(2023, 6, 1)  # saved before the year ended: no publication date
    stale = _read(_save(document))
    assert find_publication_date(stale.lines, stale.metadata, 2024) is None
