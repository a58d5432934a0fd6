"""Exports of reviewed reports: the corrected view in the output contract, and the corrections alone.

A corrected report is the output contract's JSON with every correction applied and the checks
recomputed (R6/R7 against the agency's previous year when it is stored), plus one key the contract
allows as an optional addition: `corrections`, every correction of the file oldest first
(`id, path, old_value, new_value, note, created_at, applied`; `applied` is false for a correction
whose path this version of the report no longer has). CSV is long form, one row per cell, through
the sinks' own row flattening, with a `corrected` column. Reports are read one at a time, so an
export of 10,000 reports never holds them all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from sqlalchemy import Engine, exists, select

from ..model import Report
from ..sinks.corrections import Correction, all_corrections
from ..sinks.migrations import corrections, reports
from ..sinks.rows import cell_rows
from .queries import LIST_ORDER, ListFilter, list_conditions, listed
from .reviewed import ReviewedReport, YearCache, review_report

Format = Literal["jsonl", "json", "csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "json", "csv")
CELL_COLUMNS = ["file", "sha256", "extractor_version", "agency", "year", "template", "table", "row", "col",
                "value", "raw", "page", "confidence", "corrected"]
CORRECTION_COLUMNS = ["id", "sha256", "report_id", "file", "agency", "year", "path", "old_value", "new_value",
                      "note", "created_at"]
MEDIA_TYPES: dict[str, str] = {"jsonl": "application/x-ndjson", "json": "application/json", "csv": "text/csv"}


def report_ids(engine: Engine, flt: ListFilter | None = None, corrected_only: bool = False) -> list[int]:
    """Ids of the reports to export, in list order (agency, year)."""
    conditions = list_conditions(flt) if flt is not None else []
    if corrected_only:
        conditions.append(exists().where(corrections.c.sha256 == reports.c.sha256))
    query = listed(reports.c.id).where(*conditions).order_by(*LIST_ORDER)
    with engine.connect() as conn:
        found: Any = conn.execute(query).scalars()
        return [int(report_id) for report_id in found]


def corrected_json(reviewed: ReviewedReport) -> dict[str, Any]:
    """The corrected view plus its `corrections` list."""
    stale = set(reviewed.doc.stale)
    out = dict(reviewed.view)
    out["corrections"] = [{**_correction_json(c), "applied": c.id not in stale} for c in reviewed.doc.corrections]
    return out


def _correction_json(c: Correction) -> dict[str, Any]:
    data = c.as_json()
    return {k: data[k] for k in ("id", "path", "old_value", "new_value", "note", "created_at")}


def _reviewed(engine: Engine, ids: Iterable[int]) -> Iterator[ReviewedReport]:
    cache: YearCache = {}
    for report_id in ids:
        yield review_report(engine, report_id, save=False, cache=cache)


def _csv_line(values: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(["" if v is None else v for v in values])
    return buf.getvalue()


def _cells_csv(reviewed: ReviewedReport) -> Iterator[str]:
    view = reviewed.view
    report = Report.model_validate(view)
    corrected = reviewed.corrected_paths
    ident = [reviewed.doc.stored.file, report.source.sha256, report.source.extractor_version,
             report.report.agency, report.report.year, report.report.template]
    for cell in cell_rows(report):
        value = None if cell.value is None else (int(cell.value) if float(cell.value).is_integer() else cell.value)
        path = f"tables.{cell.table}.{cell.row}.{cell.col}"
        yield _csv_line([*ident, cell.table, cell.row, cell.col, value, cell.raw, cell.page, cell.confidence,
                         "1" if path in corrected else "0"])


def export_reports(engine: Engine, fmt: Format, ids: Iterable[int]) -> Iterator[str]:
    """The corrected reports as text chunks (one report per chunk) in JSONL, a JSON array, or long-form CSV."""
    if fmt == "csv":
        yield "\ufeff" + _csv_line(CELL_COLUMNS)  # BOM: Excel shows the Chinese
        for reviewed in _reviewed(engine, ids):
            yield "".join(_cells_csv(reviewed))
        return
    first = True
    if fmt == "json":
        yield "["
    for reviewed in _reviewed(engine, ids):
        text = json.dumps(corrected_json(reviewed), ensure_ascii=False)
        if fmt == "json":
            yield ("\n" if first else ",\n") + text
        else:
            yield text + "\n"
        first = False
    if fmt == "json":
        yield "\n]\n"


def export_corrections(engine: Engine, fmt: Format) -> Iterator[str]:
    """Every correction, oldest first, with the report it was made on (JSONL, JSON or CSV)."""
    with engine.connect() as conn:
        known = {r.id: r for r in conn.execute(select(reports.c.id, reports.c.file, reports.c.agency, reports.c.year))}
    rows = []
    for c in all_corrections(engine):
        where = known.get(c.report_id) if c.report_id is not None else None
        rows.append({**c.as_json(), "file": where.file if where else None, "agency": where.agency if where else None,
                     "year": where.year if where else None})
    if fmt == "csv":
        yield "\ufeff" + _csv_line(CORRECTION_COLUMNS)
        for row in rows:
            yield _csv_line([json.dumps(row[k], ensure_ascii=False) if k in ("old_value", "new_value") else row[k]
                             for k in CORRECTION_COLUMNS])
    elif fmt == "json":
        yield json.dumps([{k: row[k] for k in CORRECTION_COLUMNS} for row in rows], ensure_ascii=False, indent=1) + "\n"
    else:
        for row in rows:
            yield json.dumps({k: row[k] for k in CORRECTION_COLUMNS}, ensure_ascii=False) + "\n"
