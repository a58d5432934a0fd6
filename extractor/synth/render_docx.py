"""DOCX with real merged cells (w:gridSpan / w:vMerge), as Word users produce them.

python-docx stamps the zip members with the current time and the core properties with "now", so
the package is rewritten with fixed dates: the same seed must give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from extractor.synth.report import SynthReport
from extractor.synth.tables import Grid

_FIXED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FONT = "宋体"
_TEXT_WIDTH_CM = 16.6


def _runs(par: Paragraph, text: str, size: float, bold: bool = False) -> None:
    """Write text with explicit line breaks, in an East Asian font Word will honour."""
    for i, line in enumerate(text.split("\n")):
        run = par.add_run(line)
        if i < len(text.split("\n")) - 1:
            run.add_break()
        run.font.size = Pt(size)
        run.bold = bold
        run.font.name = _FONT
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)


def _table(doc: DocxDocument, grid: Grid) -> None:
    n_cols = len(grid.widths)
    table = doc.add_table(rows=grid.n_rows, cols=n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = 9.0 if n_cols <= 4 else 7.5
    # Fetch the cell objects once: table.cell() rebuilds the whole grid on every call. Spans never
    # overlap, so each merge only touches cells no earlier merge has consumed.
    at = [row.cells for row in table.rows]
    table.autofit = False
    total = sum(grid.widths)
    widths = [Cm(_TEXT_WIDTH_CM * share / total) for share in grid.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice follows
    for row_cells in at:
        for cell, width in zip(row_cells, widths, strict=True):
            cell.width = width  # w:tcW, which Word follows
    for c in grid.cells:
        cell = at[c.row][c.col]
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(at[c.row + c.rowspan - 1][c.col + c.colspan - 1])
        par = cell.paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.LEFT if c.kind == "label" else WD_ALIGN_PARAGRAPH.CENTER
        _runs(par, c.text, size, bold=c.kind == "header")


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member times, keeping member order and compression."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def render(report: SynthReport, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm((21.0 - _TEXT_WIDTH_CM) / 2)
    props = doc.core_properties
    props.author = props.last_modified_by = ""
    props.title = report.title.replace("\n", "")
    props.created = props.modified = props.last_printed = _FIXED
    props.revision = 1
    for kind, payload in report.blocks:
        if isinstance(payload, Grid):
            _table(doc, payload)
            continue
        par = doc.add_paragraph()
        if kind == "title":
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(par, payload, 18, bold=True)
        elif kind == "heading":
            _runs(par, payload, 12, bold=True)
        else:
            par.paragraph_format.first_line_indent = Pt(24)
            _runs(par, payload, 12)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))
