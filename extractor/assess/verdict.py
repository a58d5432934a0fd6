"""What an assessment says, in a shape that can be printed, exported and traced back.

Every finding carries its evidence: the table cells (dotted path, value, printed text, page), the
sentences (section and character span in `report.sections[section]`), the dates (with where they
came from) or the passages shared with another report (offsets in both). A reader can go from any
number in the verdict to the place in the report that caused it.

Summaries and messages are Chinese sentences for the assessor; what a program reads is the rest —
`code`, `status`, `severity`, `details`, scores and evidence paths — and it never changes with the wording.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["pass", "warn", "fail", "unknown"]
Severity = Literal["fail", "warn", "info"]
EvidenceKind = Literal["cell", "sentence", "date", "section", "passage", "check"]


class Evidence(BaseModel):
    kind: EvidenceKind
    path: str | None = None  # tables.requests.new_requests.total, sections.overview, report.publication_date
    text: str | None = None  # the printed text (raw cell text, the sentence, the date as written)
    span: tuple[int, int] | None = None  # character offsets in report.sections[section]
    value: float | int | str | None = None
    page: int | None = None
    other_file: str | None = None  # passages: the report the text is shared with
    other_path: str | None = None
    other_span: tuple[int, int] | None = None


class Finding(BaseModel):
    code: str  # stable, e.g. "late", "section_missing", "check_failed", "copied_previous_year"
    severity: Severity
    message: str
    evidence: list[Evidence] = Field(default_factory=list)


class DimensionResult(BaseModel):
    dimension: str
    status: Status
    score: float | None  # 0–1; None when the dimension could not be judged
    summary: str
    findings: list[Finding] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)


class Verdict(BaseModel):
    """One report's assessment."""

    file: str
    sha256: str
    agency: str | None
    agency_key: str | None  # extractor.agency.normalise_agency(agency): one key per body
    agency_kind: str | None
    year: int | None
    template: str | None
    published: dt.date | None
    previous_file: str | None  # the same agency's report of the year before, when the batch has it
    dimensions: dict[str, DimensionResult]
    score: float | None  # 0–100
    status: Status  # the worst dimension status that was judged

    def finding_count(self, severity: Severity) -> int:
        return sum(1 for d in self.dimensions.values() for f in d.findings if f.severity == severity)


class SharedPassage(BaseModel):
    section: str
    span: tuple[int, int]
    text: str
    other_section: str
    other_span: tuple[int, int]
    chars: int


class SimilarPair(BaseModel):
    """Prose of `file` found in `other_file` (containment: share of file's masked prose)."""

    file: str
    agency: str | None
    year: int | None
    other_file: str
    other_agency: str | None
    other_year: int | None
    relation: Literal["previous_year", "other_agency"]
    containment: float
    distinct: float  # the same share, counted only on wording outside the batch's common template
    sections: dict[str, float]
    passages: list[SharedPassage]


class IndicatorChange(BaseModel):
    agency: str | None
    agency_key: str | None
    year: int
    previous_year: int
    file: str
    previous_file: str
    indicator: str
    label: str
    previous: float | None
    current: float | None
    change: float | None
    relative: float | None
    large: bool
    explained: bool | None  # None when the change is not large
    sentence: Evidence | None = None


class InputError(BaseModel):
    file: str
    reason: str


class Assessment(BaseModel):
    """A batch: one verdict per report, the similar pairs and the year-over-year changes."""

    config_digest: str
    verdicts: list[Verdict]
    pairs: list[SimilarPair]
    changes: list[IndicatorChange]
    errors: list[InputError] = Field(default_factory=list)
