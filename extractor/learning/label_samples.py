"""Corrected cells → (printed label text → key) samples for the label classifier.

The database keeps values, not the printed labels, so the document is read again through the
pipeline's row stage. Each corrected row's values (the non-blank cells in column order) are
matched to the printed row carrying exactly those values; the match counts only when it is unique
both ways (one printed row, one key). Rows of zeros, repeated values and rows whose digits ran
together match nothing, and nothing is learned from them: an abstention, never a guess.

What becomes a sample, per table the reviewer corrected:

- `corrected`: a printed row whose values belong to a key other than the one the extraction put
  them in (the extraction's row for that key held other values): the label the mapper got wrong.
- `extra_row`: a printed row the extraction put in such a key, whose values belong to no key of
  the corrected table: a local row the template does not have ("unknown").
- `context`: a printed row the extraction mapped right, in a table with a wrong one. A local
  template renames most rows; the right ones were often right by their position alone, and
  learning them with the wrong ones keeps the alignment from trading one error for another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..layout.sections import split_sections
from ..layout.text import FullText
from ..mapping.label_data import UNKNOWN, label_of
from ..mapping.rows import Kind, Row
from ..mapping.tables import classifier_text
from ..mapping.values import NullReason, parse_value
from ..pipeline import table_rows
from ..readers import read_document
from ..settings import Settings
from .sources import CorrectedReport

TABLES: dict[Kind, str] = {"proactive": "proactive.row", "requests": "requests.row"}  # table 4 has one printed row
Vector = tuple[float, ...]


@dataclass(frozen=True)
class LabelSample:
    text: str  # what the classifier reads for the printed row
    label: str  # namespace:key, or "unknown"
    reason: str  # corrected | extra_row | context
    origin: str  # the corrected report it came from


@dataclass
class LabelDerivation:
    samples: list[LabelSample] = field(default_factory=list)
    abstained: list[str] = field(default_factory=list)  # corrected rows no printed row could be matched to, and why


def printed_rows(source: Path, settings: Settings) -> dict[Kind, list[Row]]:
    """The rows of tables 2–4 as the pipeline reads them from the document."""
    doc = read_document(source, settings)
    full = FullText.of(doc)
    return table_rows(doc, full, split_sections(full.text))


def row_vector(row: Row) -> Vector | None:
    """A printed row's numbers in order (blanks and dashes left out); None when a cell is not a number."""
    out: list[float] = []
    for token in row.values:
        parsed = parse_value(token.raw)
        if parsed.null_reason in (NullReason.UNREADABLE, NullReason.AMBIGUOUS):
            return None
        if parsed.value is not None:
            out.append(float(parsed.value))
    return tuple(out)


def cell_vector(cols: Mapping[str, Any]) -> Vector:
    """A stored row's numbers in column order (null cells left out), comparable with `row_vector`."""
    return tuple(float(v) for v in cols.values() if isinstance(v, int | float) and not isinstance(v, bool))


def _corrected_tables(report: CorrectedReport) -> set[str]:
    return {c["path"].split(".")[1] for c in report.corrections if c["path"].startswith("tables.")}


def derive_label_samples(report: CorrectedReport, rows: Mapping[Kind, Sequence[Row]]) -> LabelDerivation:
    """Samples from one corrected report whose printed rows are `rows` (see the module docstring)."""
    out = LabelDerivation()
    touched = _corrected_tables(report)
    for kind, namespace in TABLES.items():
        if kind not in touched:
            continue
        corrected: Mapping[str, Mapping[str, Any]] = report.corrected["tables"].get(kind, {})
        extracted: Mapping[str, Mapping[str, Any]] = report.extracted["tables"].get(kind, {})
        data = [r for r in rows.get(kind, []) if r.has_values]
        vectors = [row_vector(r) for r in data]
        rows_with: dict[Vector, list[int]] = defaultdict(list)
        for index, vector in enumerate(vectors):
            if vector:
                rows_with[vector].append(index)
        truth = {key: cell_vector(cols) for key, cols in corrected.items()}
        keys_with: dict[Vector, list[str]] = defaultdict(list)
        for key, vector in truth.items():
            keys_with[vector].append(key)
        was = {key: cell_vector(extracted.get(key, {})) for key in corrected}
        matched: set[int] = set()
        wrong: list[str] = []
        for key, vector in truth.items():
            changed = was[key] != vector
            if not vector or len(keys_with[vector]) != 1 or len(rows_with.get(vector, [])) != 1:
                if changed:
                    why = "no values" if not vector else "no printed row with these values" if vector not in rows_with \
                        else "values not unique"
                    out.abstained.append(f"{report.origin}: {kind}.{key}: {why}")
                continue
            index = rows_with[vector][0]
            matched.add(index)
            reason = "corrected" if changed else "context"
            if changed:
                wrong.append(key)
            out.samples.append(LabelSample(classifier_text(kind, data[index]), label_of(namespace, key), reason, report.origin))
        for index, vector in enumerate(vectors):
            if index in matched or not vector or len(rows_with[vector]) != 1 or vector in keys_with:
                continue
            holders = [key for key in wrong if was[key] == vector]
            if len(holders) == 1:  # the extraction put this local row in a key whose truth is another row
                out.samples.append(LabelSample(classifier_text(kind, data[index]), UNKNOWN, "extra_row", report.origin))
    return out
