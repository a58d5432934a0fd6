"""Corrections against a database: the corrected view of a stored report, and adding a correction.

The web app, the exports and `xxgk train --from-db` all go through these two functions, so a
correction entered in the browser and one made by a script are the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from ..sinks.corrections import Correction, StoredDocument, corrections_for, insert_correction, load_document
from .corrected import ItemKeys, clean_note, corrected_view, validate


@dataclass(frozen=True)
class CorrectedDocument:
    stored: StoredDocument
    view: dict[str, Any]  # the output contract's JSON with corrections applied and checks recomputed
    item_keys: ItemKeys
    corrections: list[Correction]
    stale: list[int]  # corrections whose path this version of the report no longer has

    @property
    def corrected(self) -> bool:
        return bool(self.corrections)


def corrected_document(engine: Engine, report_id: int) -> CorrectedDocument:
    stored = load_document(engine, report_id)
    found = corrections_for(engine, stored.sha256)
    view, keys, stale = corrected_view(stored.document, found)
    return CorrectedDocument(stored, view, keys, found, stale)


def add_correction(engine: Engine, report_id: int, path: str, value: Any, note: str | None = None) -> Correction:
    """Validate `value` for `path` against what the reviewer sees now, then store it (never over the extraction).

    Raises `CorrectionError` for a value or path that cannot be meant, `ReportNotFound` when the
    report is gone. Two reviewers correcting one cell are both recorded; the later one applies.
    """
    current = corrected_document(engine, report_id)
    old, new = validate(current.view, current.item_keys, path, value)
    return insert_correction(engine, report_id, path, old, new, clean_note(note))
