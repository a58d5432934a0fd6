"""The ordered stages: read → text & sections → rows → template → mapping → checks → narrative → Report.

Data flows one way; each stage is a function of the previous stage's value. `run` records how
long each stage took in `timings` when one is given (for the benchmark).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import model_sets, schema
from .checks.tables import check_r1, check_r2, check_r3, check_r4, check_r5
from .errors import NotAReport, WarningCode
from .layout.dates import find_publication_date
from .layout.metadata import ReportMeta, read_metadata
from .layout.sections import Section, split_sections
from .layout.text import FullText
from .mapping import classifier
from .mapping.rows import KINDS, Kind, Row, anchor_kind, document_grid_rows, flat_rows
from .mapping.tables import TableResult, map_proactive, map_requests, map_review
from .mapping.template import detect_template
from .model import (
    Check,
    CountYear,
    Document,
    Narrative,
    Provenance,
    Report,
    ReportInfo,
    RestatedNumber,
    SourceInfo,
    TextSource,
    Warning,
)
from .readers import read_document
from .settings import Settings

Timings = dict[str, float]
_SECTION_OF: dict[Kind, str] = {"proactive": "proactive", "requests": "requests", "review_litigation": "review_litigation"}


@contextmanager
def _stage(timings: Timings | None, name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


# The phrases a flattened table starts with; an anchor must begin with one of them.
_TABLE_STARTS: dict[Kind, re.Pattern[str]] = {
    "proactive": re.compile(r"第二十条|信息内容"),
    "requests": re.compile(r"[（(]?\s*本列数据|申请人情况"),
    "review_litigation": re.compile(r"行政复议"),
}


def _anchor_offset(text: str, kind: Kind, start: int = 0) -> int | None:
    """Where the flattened table of `kind` starts in `text` (at or after `start`)."""
    for match in _TABLE_STARTS[kind].finditer(text, start):
        if anchor_kind(text[match.start() : match.start() + 40]) == kind:
            return match.start()
    return None


def _flat_source(full: FullText, sections: list[Section], kind: Kind) -> str:
    """The text a flattened table lives in: its section from the table's first anchor on, or,
    when the section only points elsewhere ("详见附件"), the first anchor after the sections."""
    section = next((s for s in sections if s.key == _SECTION_OF[kind]), None)
    text = section.text if section else ""
    offset = _anchor_offset(text, kind)
    if offset is not None:
        return text[offset:]
    after = sections[-1].start if sections else 0  # an appendix follows the last section
    offset = _anchor_offset(full.text, kind, after)
    if offset is None:
        return text
    following = [_anchor_offset(full.text, other, offset + 1) for other in KINDS if other != kind]
    end = min((o for o in following if o is not None), default=len(full.text))
    return full.text[offset:end]


def table_rows(doc: Document, full: FullText, sections: list[Section]) -> dict[Kind, list[Row]]:
    """Rows of each table: from recovered grids where they exist, else from flattened text."""
    grid = document_grid_rows(doc)
    rows: dict[Kind, list[Row]] = {}
    for kind in KINDS:
        mine = [r for r in grid if r.kind == kind]
        if not any(r.has_cells for r in mine):
            mine = flat_rows(_flat_source(full, sections, kind), kind)
        rows[kind] = mine
    return rows


def _table2_text(rows: list[Row], sections: list[Section]) -> str:
    parts = [r.text for r in rows] + [h.text for r in rows for h in r.header_cells]
    section = next((s for s in sections if s.key == "proactive"), None)
    return "\n".join(parts) + "\n" + (section.text[:3000] if section else "")


def _provenance(results: dict[str, TableResult]) -> dict[str, Provenance]:
    out: dict[str, Provenance] = {}
    for table, result in results.items():
        for row, cols in result.cells.items():
            for col, cell in cols.items():
                out[f"tables.{table}.{row}.{col}"] = Provenance(
                    page=cell.page, bbox=cell.bbox, raw=cell.raw, confidence=round(cell.confidence, 4)
                )
    return out


def _narrative(full: FullText, sections: list[Section], meta: ReportMeta, tables: dict[str, dict[str, dict[str, int | float | None]]],
               model_dir: Path | None = None) -> tuple[Narrative, list[Check], list[Warning]]:
    """The narrative stage (jieba + spaCy models) and its checks R8/R9; `model_dir`: a retrained model, else the shipped one."""
    from .checks.narrative import check_restated, check_year
    from .narrative import extract_narrative  # spaCy loads on first use, not at import of the pipeline

    year = meta.year
    if model_dir is None:
        result = extract_narrative(full, sections, year, agency=meta.agency, title=meta.title)
    else:
        result = extract_narrative(full, sections, year, model_dir, agency=meta.agency, title=meta.title)
    narrative = result.narrative.model_copy(update={
        "restated": [RestatedNumber(kind=r.kind, value=r.value, text=r.text, page=r.page) for r in result.restated],
        "count_years": [CountYear(year=y.year, text=y.text, page=y.page) for y in result.years if y.tied_to_count],
    })
    checks: list[Check] = []
    warnings = list(result.warnings)
    restated = check_restated(narrative.restated, tables)
    if restated is not None:
        checks.append(restated)
    year_check, year_warnings = check_year(narrative.count_years, year)
    if year_check is not None:
        checks.append(year_check)
    warnings.extend(year_warnings)
    return narrative, checks, warnings


def run(path: Path, settings: Settings, timings: Timings | None = None) -> Report:
    with _stage(timings, "read"):
        doc = read_document(path, settings)
    with _stage(timings, "sections"):
        full = FullText.of(doc)
        sections = split_sections(full.text)
        meta = read_metadata([line.text for line in doc.lines], doc.title)
        published = find_publication_date(doc.lines, doc.metadata, meta.year, settings)
    with _stage(timings, "rows"):
        rows = table_rows(doc, full, sections)
    with _stage(timings, "mapping"):
        template, certain = detect_template(_table2_text(rows["proactive"], sections), meta.year)
        labels_dir = model_sets.part_dir(settings, model_sets.LABELS)
        clf = classifier.load() if labels_dir is None else classifier.load(labels_dir)
        results: dict[str, TableResult] = {
            "proactive": map_proactive(rows["proactive"], template, clf, settings),
            "requests": map_requests(rows["requests"], clf, settings),
            "review_litigation": map_review(rows["review_litigation"], clf, settings),
        }
    if not any(r.found for r in results.values()) and len(sections) < 2 and meta.year is None:
        raise NotAReport(str(path), "no report title, sections or disclosure tables found")

    warnings: list[Warning] = []
    if not certain:
        warnings.append(Warning(code=WarningCode.TEMPLATE_UNCERTAIN, message=f"table 2 gives no template tell; assumed {template}"))
    for name, result in results.items():
        if not result.found:
            warnings.append(Warning(code=WarningCode.TABLE_MISSING, message=f"table {name} not found; its cells are null"))
        warnings.extend(result.warnings)
    if meta.agency is None:
        warnings.append(Warning(code=WarningCode.AGENCY_UNKNOWN, message="no agency name found in the title"))
    if meta.year is None:
        warnings.append(Warning(code=WarningCode.YEAR_UNKNOWN, message="no report year found in the title"))
    for key in ("overview", "problems", "other"):
        if not any(s.key == key for s in sections):
            warnings.append(Warning(code=WarningCode.SECTION_MISSING, message=f"section {key} not found"))

    with _stage(timings, "checks"):
        cells = {name: result.cells for name, result in results.items()}
        req = results["requests"]
        checks = [
            check_r1(cells, req.found),
            check_r2(cells, req.found, req.printed_rows),
            check_r3(cells, req.found, req.printed_rows),
            check_r4(cells, results["review_litigation"].found),
            check_r5(cells, template),
        ]
    tables_out = schema.empty_tables(template)
    for table, rows_out in tables_out.items():
        for row, cols in rows_out.items():
            for col in cols:
                cols[col] = results[table].cells[row][col].value
    with _stage(timings, "narrative"):
        narrative, narrative_checks, narrative_warnings = _narrative(
            full, sections, meta, tables_out, model_sets.part_dir(settings, model_sets.NARRATIVE))
    checks.extend(narrative_checks)
    warnings.extend(narrative_warnings)

    return Report(
        source=SourceInfo(
            file=path.name,
            sha256=doc.sha256,
            media_type=doc.media_type,
            pages=doc.page_count,
            ocr_pages=doc.ocr_pages,
            extractor_version=model_sets.extraction_version(settings),
        ),
        report=ReportInfo(agency=meta.agency, year=meta.year, template=template, title=meta.title,
                          publication_date=published),
        sections={s.key: s.text for s in sections},
        tables=tables_out,
        narrative=narrative,
        checks=checks,
        provenance=_provenance(results),
        warnings=warnings,
    )


__all__ = ["run", "table_rows", "TextSource"]
