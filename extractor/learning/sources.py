"""Corrected reports to learn from: from a database (the review app's corrections) or a JSON export.

Both give the same thing per report: the document as extracted, the same with the corrections
applied, the corrections themselves, and the source file, found and checked against the sha256 the
report was extracted from (the printed labels and sentences are not stored; they are re-read).

The JSON export (what `xxgk review` exports, and what `--from-json DIR` reads): every `*.json`
(one report, or an array of reports) and `*.jsonl` (one report per line) in DIR, each report the
output contract's JSON with the corrections applied, plus `corrections`: a list, oldest first, of
`{path, old_value, new_value, note, created_at, …}` (an entry with `"applied": false` is skipped).
The source document is looked for beside the JSON file under `source.file`, then in each
`--sources` folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

from ..review.corrections import corrected_document
from ..sinks.corrections import corrected_shas
from ..sinks.migrations import reports
from ..sinks.sql import make_engine


class TrainingInputError(ValueError):
    """Corrections that cannot be learned from; the message names the file or database and why."""


@dataclass(frozen=True)
class CorrectedReport:
    origin: str  # where it came from, for messages and sample provenance ("report 3 in reports.db", "out/a.json")
    sha256: str
    source: Path  # the document, its content checked against sha256
    extracted: dict[str, Any]  # the output contract's JSON as extracted
    corrected: dict[str, Any]  # the same with every correction applied
    corrections: list[dict[str, Any]]  # {path, old_value, new_value, note}, oldest first


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_source(stored: str, sha256: str, places: Sequence[Path]) -> Path | None:
    """The document a report was extracted from: its stored path, else its name in each of `places`, same content."""
    candidates = [Path(stored)] + [place / Path(stored).name for place in places]
    for candidate in dict.fromkeys(candidates):
        if candidate.is_file() and _sha256(candidate) == sha256:
            return candidate
    return None


def _missing(report: str, stored: str, places: Sequence[Path]) -> str:
    where = ", ".join(str(p) for p in places) or "nowhere else"
    return f"{report}: source document {Path(stored).name!r} not found (looked at {stored!r} and in {where}); pass --sources DIR"


# ---------------------------------------------------------------- database


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None


def from_db(url: str, sources: Sequence[Path] = (), skip_missing: bool = False) -> tuple[list[CorrectedReport], list[str]]:
    """Every corrected report of a database (the latest stored version of each corrected file); and the problems skipped."""
    file = _sqlite_file(url)
    if file is not None and not file.is_file():
        raise TrainingInputError(f"{url}: no such database file")
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        if "reports" not in tables:
            raise TrainingInputError(f"{url}: not an xxgk database (no reports table)")
        with engine.connect() as conn:
            latest: dict[str, int] = {}
            for row in conn.execute(select(reports.c.id, reports.c.sha256).order_by(reports.c.id)):
                latest[row.sha256] = row.id
        shas = corrected_shas(engine) if "corrections" in tables else set()
        if not shas:
            raise TrainingInputError(f"{url}: {len(latest)} reports and no corrections: correct some reports "
                                     "(`xxgk review`, or add_correction) before training from them")
        out: list[CorrectedReport] = []
        problems: list[str] = []
        for sha in sorted(shas, key=lambda s: latest.get(s, 0)):
            if sha not in latest:
                continue  # corrections of a file whose reports were deleted
            doc = corrected_document(engine, latest[sha])
            origin = f"report {doc.stored.id} ({doc.stored.file})"
            source = find_source(doc.stored.file, sha, sources)
            if source is None:
                problems.append(_missing(origin, doc.stored.file, sources))
                continue
            applied = [c for c in doc.corrections if c.id not in set(doc.stale)]
            out.append(CorrectedReport(origin, sha, source, doc.stored.document, doc.view,
                                       [{"path": c.path, "old_value": c.old_value, "new_value": c.new_value, "note": c.note}
                                        for c in applied]))
    finally:
        engine.dispose()
    _raise_unless(problems, skip_missing)
    return out, problems


def _raise_unless(problems: list[str], skip_missing: bool) -> None:
    if problems and not skip_missing:
        raise TrainingInputError("\n".join(problems + ["(--skip-missing trains on the reports whose sources were found)"]))


# ---------------------------------------------------------------- JSON export


def _documents(path: Path) -> Iterator[tuple[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{path} line {number}", json.loads(line)
        return
    data = json.loads(text)
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield f"{path} item {index}", item
    else:
        yield str(path), data


def _set_path(doc: dict[str, Any], path: str, value: Any) -> None:
    """Put a table cell back to what the extraction printed (tables.<table>.<row>.<col>)."""
    parts = path.split(".")
    if len(parts) == 4 and parts[0] == "tables":
        row = doc.get("tables", {}).get(parts[1], {}).get(parts[2])
        if isinstance(row, dict) and parts[3] in row:
            row[parts[3]] = value


def extracted_from_view(view: Mapping[str, Any], corrections: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The tables as extracted: each corrected cell back to the value its first correction replaced."""
    doc = json.loads(json.dumps(view))
    seen: set[str] = set()
    for correction in corrections:
        if correction["path"] not in seen:
            seen.add(correction["path"])
            _set_path(doc, correction["path"], correction.get("old_value"))
    return dict(doc)


def from_json(folder: Path, sources: Sequence[Path] = (), skip_missing: bool = False) -> tuple[list[CorrectedReport], list[str]]:
    """Every corrected report of an export folder; refuses a folder without any."""
    if not folder.is_dir():
        raise TrainingInputError(f"{folder}: not a folder of exported corrected reports")
    files = sorted([*folder.glob("*.json"), *folder.glob("*.jsonl")])
    out: list[CorrectedReport] = []
    problems: list[str] = []
    seen = 0
    for file in files:
        try:
            documents = list(_documents(file))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TrainingInputError(f"{file}: not JSON ({exc})") from None
        for origin, data in documents:
            if not isinstance(data, dict) or "tables" not in data or "source" not in data:
                continue  # not a report (a gold file, a settings file…)
            seen += 1
            corrections = [c for c in data.get("corrections") or [] if isinstance(c, dict) and c.get("applied", True)]
            if not corrections:
                continue
            if any("path" not in c or "new_value" not in c for c in corrections):
                raise TrainingInputError(f"{origin}: every correction needs path and new_value")
            stored, sha = str(data["source"].get("file") or ""), str(data["source"].get("sha256") or "")
            source = find_source(str(file.parent / stored), sha, sources) if stored and sha else None
            if source is None:
                problems.append(_missing(origin, stored or "(source.file is empty)", [file.parent, *sources]))
                continue
            view = {k: v for k, v in data.items() if k != "corrections"}
            out.append(CorrectedReport(origin, sha, source, extracted_from_view(view, corrections), view, corrections))
    _raise_unless(problems, skip_missing)
    if not out:
        raise TrainingInputError(f"{folder}: {seen} exported reports and no corrections in them" if seen
                                 else f"{folder}: no exported reports (*.json, *.jsonl with tables and source)")
    return out, problems
