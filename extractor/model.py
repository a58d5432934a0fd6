"""Typed values passed from stage to stage: reader → Document → Report.

Readers fill a `Document`; later stages never look at the original file again. The output models
mirror ../shared/spec/output-contract.md key for key.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]


class TextSource(StrEnum):
    """Where a piece of text came from; sets its base confidence."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    HTML = "html"
    DOCX = "docx"
    PLAIN_TEXT = "plain_text"
    MARKDOWN = "markdown"  # a document converter's markdown (pipe or HTML tables)


class Line(BaseModel):
    """One line of running text in reading order (tables included, as the text layer has them)."""

    model_config = ConfigDict(frozen=True)

    text: str
    page: int | None = None  # 1-based; None for unpaged inputs (HTML, DOCX, TXT)
    bbox: BBox | None = None
    in_table: bool = False  # the line lies inside a recovered table region


class Cell(BaseModel):
    """One cell of a recovered grid; a merged cell is stored once, at its top-left position."""

    model_config = ConfigDict(frozen=True)

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = 1.0


class Table(BaseModel):
    """A grid recovered by a reader, before any schema mapping.

    `reliable_columns` is False where the column positions are only approximate (tab- or space-
    flattened text), so later stages read values by order rather than by column index.
    """

    n_rows: int
    n_cols: int
    cells: list[Cell]
    page: int | None = None
    bbox: BBox | None = None
    source: TextSource = TextSource.TEXT_LAYER
    reliable_columns: bool = True
    line_index: int | None = None  # index in Document.lines where the table starts, when known

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns, each merged cell placed at its top-left slot and None under its span."""
        rows: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if 0 <= cell.row < self.n_rows and 0 <= cell.col < self.n_cols:
                rows[cell.row][cell.col] = cell
        return rows


class Page(BaseModel):
    number: int  # 1-based
    width: float
    height: float


class Document(BaseModel):
    """Everything a reader recovered from one file, format-independent."""

    path: str
    media_type: str
    sha256: str
    source: TextSource
    pages: list[Page] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    ocr_pages: list[int] = Field(default_factory=list)
    title: str | None = None  # a title the container states (HTML <title>, DOCX core properties)
    # container metadata that can date the document, keyed "html:<meta name>" or "pdf:<info key>"
    # (e.g. "html:pubdate", "pdf:creationDate"); layout/dates.py reads it
    metadata: dict[str, str] = Field(default_factory=dict)

    @property
    def page_count(self) -> int:
        return len(self.pages) if self.pages else 1


# ---------------------------------------------------------------- output contract


class SourceInfo(BaseModel):
    file: str
    sha256: str
    media_type: str
    pages: int
    ocr_pages: list[int]
    extractor_version: str


DateSource = Literal["printed_label", "signature", "html_meta", "pdf_creation_date", "pdf_mod_date", "docx_created",
                     "docx_modified"]


class PublicationDate(BaseModel):
    """When the report says it was published, and where that came from.

    Printed dates ("发布日期：…" lines, the date under the signature) win over container metadata
    (a web page's <meta name="PubDate">, then a PDF's CreationDate, then its ModDate, which is often
    a later re-save). `text` is the verbatim text the date was read from; `page` its page, if paged.
    """

    date: dt.date
    source: DateSource
    text: str
    page: int | None = None


class ReportInfo(BaseModel):
    agency: str | None
    year: int | None
    template: Literal["2019", "2021"] | None
    title: str | None
    publication_date: PublicationDate | None = None  # optional; null when no date is printed or stated


class PublishedCount(BaseModel):
    value: float | int | None
    unit: str | None
    qualifier: str | None
    scale: int
    channel: str | None
    year: int | None
    text: str
    page: int | None
    span: tuple[int, int] | None  # None only for an item a reviewer added by hand


class PlatformMention(BaseModel):
    name: str
    kind: str
    text: str
    page: int | None
    channel: str | None = Field(default=None, description=(
        "The generic channel word of the mention (\"门户网站\", \"公众号\", \"政府公报\"); null for a bare proper "
        "name (\"云上叶县\"). `name` is the longest name printed: \"“平潭发布”公众号\" gives name 平潭发布, channel 公众号."))


class TextItem(BaseModel):
    text: str
    page: int | None


class FeeStatement(BaseModel):
    charged: bool | None
    amount_yuan: float | int | None
    text: str | None


class RestatedNumber(BaseModel):
    """A request/review/litigation number restated in prose (kind e.g. "requests_received"), for R8."""

    kind: str
    value: int | float
    text: str
    page: int | None


class CountYear(BaseModel):
    """A year stated in a sentence that states a published count ("于2023年共公开…"), for R9."""

    year: int
    text: str
    page: int | None


class Narrative(BaseModel):
    published: list[PublishedCount] = Field(default_factory=list)
    platforms: list[PlatformMention] = Field(default_factory=list)
    problems: list[TextItem] = Field(default_factory=list)
    fixes: list[TextItem] = Field(default_factory=list)
    fees: FeeStatement = Field(default_factory=lambda: FeeStatement(charged=None, amount_yuan=None, text=None))
    # what R8 and R9 read, kept so a stored or corrected report can be re-checked without its file
    restated: list[RestatedNumber] = Field(default_factory=list)
    count_years: list[CountYear] = Field(default_factory=list)


CheckStatus = Literal["pass", "fail", "not_assessable"]


class Check(BaseModel):
    id: str
    status: CheckStatus
    message: str
    cells: list[str]


class Provenance(BaseModel):
    page: int | None
    bbox: BBox | None
    raw: str | None
    confidence: float


class Warning(BaseModel):  # noqa: A001 - the contract's name
    code: str
    message: str
    page: int | None = None


CellValue = int | float | None
TablesOut = dict[str, dict[str, dict[str, CellValue]]]


class Report(BaseModel):
    """The JSON of the output contract, field for field and in its order."""

    schema_version: str = "1"
    source: SourceInfo
    report: ReportInfo
    sections: dict[str, str]
    tables: TablesOut
    narrative: Narrative
    checks: list[Check]
    provenance: dict[str, Provenance]
    warnings: list[Warning]

    def to_json(self, pretty: bool = False) -> str:
        """Stable, readable JSON: Chinese stays Chinese, key order is the contract's."""
        import json

        data: dict[str, Any] = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)
