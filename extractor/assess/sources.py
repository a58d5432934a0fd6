"""Where assessed reports come from: files (extracted here through extractor.api), report JSON or
JSONL written by `xxgk extract`, or a database filled by `xxgk extract --db`."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..agency import normalise_agency
from ..model import Report
from .verdict import InputError


@dataclass(frozen=True)
class ReportItem:
    """One report to assess: its file as the batch knows it, its content key and the extraction."""

    file: str
    sha256: str
    report: Report

    @property
    def name(self) -> str:
        return Path(self.file).name

    @property
    def agency_key(self) -> str | None:
        return normalise_agency(self.report.report.agency)

    @property
    def year(self) -> int | None:
        return self.report.report.year


def load_paths(paths: Sequence[Path]) -> tuple[list[ReportItem], list[InputError]]:
    """Report files and folders (extracted one by one), `.json` reports and `.jsonl` batches.

    A file that cannot be read gives an InputError naming it and the reason; the rest go on.
    """
    from ..api import extract
    from ..batch.discover import discover
    from ..errors import ExtractorError

    items: list[ReportItem] = []
    errors: list[InputError] = []
    documents: list[Path] = []
    for path in paths:
        if not path.exists():
            errors.append(InputError(file=str(path), reason="没有这个文件或文件夹"))
        elif path.is_file() and path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
            items_here, errors_here = _load_json(path)
            items += items_here
            errors += errors_here
        else:
            documents.append(path)
    found = discover(documents) if documents else None
    for file in found.files if found else []:
        try:
            with contextlib.redirect_stdout(sys.stderr):
                report = extract(file.path)
        except ExtractorError as exc:
            errors.append(InputError(file=file.path, reason=f"无法提取（{exc.code}：{exc.reason}）"))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the assessment
            errors.append(InputError(file=file.path, reason=f"内部错误（{type(exc).__name__}：{exc}）"))
            continue
        items.append(ReportItem(file.path, file.sha256, report))
    return items, errors


def _load_json(path: Path) -> tuple[list[ReportItem], list[InputError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [InputError(file=str(path), reason=f"无法读取（{exc}）")]
    if path.suffix.lower() == ".json":
        try:
            report = Report.model_validate_json(text)
            return [ReportItem(str(path), report.source.sha256, report)], []
        except ValidationError as exc:
            return [], [InputError(file=str(path), reason=f"不是 xxgk extract 写出的报告 JSON（{exc.error_count()} 处不符）")]
    items: list[ReportItem] = []
    errors: list[InputError] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            report = Report.model_validate_json(line)
        except ValidationError as exc:
            errors.append(InputError(file=f"{path}:{number}", reason=f"该行不是报告 JSON（{exc.error_count()} 处不符）"))
            continue
        items.append(ReportItem(report.source.file, report.source.sha256, report))
    return items, errors


def load_database(url: str) -> list[ReportItem]:
    """Every stored report (the newest extraction of each file), from a `xxgk extract --db` database,
    as reviewers corrected it: the corrected view wherever the review app stored corrections."""
    from ..review.corrected import corrected_view
    from ..sinks.corrections import corrected_shas, corrections_for
    from ..sinks.sql import make_engine, stored_documents

    engine = make_engine(url)
    try:
        reviewed = corrected_shas(engine)
        items = []
        for file, sha, document in stored_documents(engine):
            if sha in reviewed:
                document, _keys, _stale = corrected_view(document, corrections_for(engine, sha))
            items.append(ReportItem(file, sha, Report.model_validate(document)))
        return items
    finally:
        engine.dispose()


def by_name(items: Iterable[ReportItem]) -> list[ReportItem]:
    """A stable order: agency key, year, file."""
    return sorted(items, key=lambda i: (i.agency_key or "\uffff", i.year or 0, i.file, i.sha256))
