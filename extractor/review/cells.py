"""What a reviewer needs to know about each cell of a corrected view: its value, how sure the
extraction was, why it is null, whether a correction or a failing relation touches it.

Abstentions (a cell left null because its digits could be split several ways, or because its text is
not a number) are told apart from printed blanks and dashes, so a reviewer looks at them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..api import null_kind
from ..settings import DEFAULT_SETTINGS
from .layout import cell_labels

CellKind = Literal["value", "low", "ambiguous", "unreadable", "blank", "dash", "absent"]
ABSTAINED: frozenset[str] = frozenset({"ambiguous", "unreadable"})
CELL_KINDS_ORDER: tuple[CellKind, ...] = ("value", "low", "ambiguous", "unreadable", "blank", "dash", "absent")
# "requests.result_open: … left null: total" or, for table 4's one row, "review_litigation.row: … left null: review.total"
_AMBIGUOUS = re.compile(r"^(?P<table>\w+)\.(?P<row>\w+): .*left null: (?P<cols>[\w., ]+)$")
ATTENTION_CHECKS = ("R1", "R2", "R3", "R4")


@dataclass(frozen=True)
class CellInfo:
    path: str  # "tables.requests.new_requests.total"
    label: str
    value: int | float | None
    raw: str | None
    page: int | None
    bbox: tuple[float, float, float, float] | None
    confidence: float | None
    kind: CellKind
    corrected: bool
    failing: tuple[str, ...]  # ids of the failing checks that name this cell
    printed: str | None = None  # the text the extraction read in the cell (raw before any correction)

    @property
    def short(self) -> str:
        """The dotted path without "tables." (the form checks use)."""
        return self.path.removeprefix("tables.")

    @property
    def shown(self) -> str:
        if self.value is None:
            return {"ambiguous": "?", "unreadable": "?", "dash": "—", "absent": ""}.get(self.kind, "")
        return f"{self.value:g}" if isinstance(self.value, float) else str(self.value)

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.shown, "raw": self.raw, "printed": self.printed, "page": self.page,
                "bbox": list(self.bbox) if self.bbox else None, "confidence": self.confidence, "kind": self.kind,
                "corrected": self.corrected, "failing": list(self.failing)}


def ambiguous_cells(warnings: Iterable[Mapping[str, Any]]) -> set[str]:
    """Cell paths an `ambiguous_digits` warning names."""
    found: set[str] = set()
    for warning in warnings:
        match = _AMBIGUOUS.match(str(warning.get("message", ""))) if warning.get("code") == "ambiguous_digits" else None
        if match:
            for col in (c.strip() for c in match["cols"].split(",") if c.strip()):
                found.add(f"tables.{match['table']}.{col}" if "." in col else f"tables.{match['table']}.{match['row']}.{col}")
    return found


def _kind(value: Any, prov: Mapping[str, Any] | None, ambiguous: bool) -> CellKind:
    confidence = float(prov.get("confidence", 1.0)) if prov else None
    if value is not None:
        low = confidence is not None and confidence < DEFAULT_SETTINGS.review_low_confidence
        return "low" if low else "value"
    if ambiguous:
        return "ambiguous"
    kind = null_kind(prov.get("raw") if prov else None)
    # a number was printed but the extraction withheld it (its place among run-together digits unsure)
    nulls: dict[str, CellKind] = {"blank": "blank", "dash": "dash", "unreadable": "unreadable", "value": "ambiguous"}
    return nulls.get(kind, "absent")


def cell_infos(view: Mapping[str, Any], corrected_paths: Iterable[str],
               extracted: Mapping[str, Any] | None = None) -> dict[str, CellInfo]:
    """Every cell of the view's tables, keyed by its full dotted path, in table order; `extracted` (the
    stored document) gives the text each cell was read from before corrections."""
    printed: Mapping[str, Any] = (extracted or view).get("provenance", {})
    labels = cell_labels(view.get("report", {}).get("template"))
    provenance: Mapping[str, Any] = view.get("provenance", {})
    ambiguous = ambiguous_cells(view.get("warnings", []))
    corrected = set(corrected_paths)
    failing: dict[str, list[str]] = {}
    for check in view.get("checks", []):
        if check.get("status") == "fail":
            for cell in check.get("cells", []):
                failing.setdefault(f"tables.{cell}", []).append(check["id"])
    out: dict[str, CellInfo] = {}
    for table, rows in view.get("tables", {}).items():
        for row, cols in rows.items():
            for col, value in cols.items():
                path = f"tables.{table}.{row}.{col}"
                prov = provenance.get(path)
                bbox = prov.get("bbox") if prov else None
                out[path] = CellInfo(
                    path=path, label=labels.get(path, path), value=value, raw=prov.get("raw") if prov else None,
                    page=prov.get("page") if prov else None, bbox=tuple(bbox) if bbox else None,
                    confidence=prov.get("confidence") if prov else None,
                    kind=_kind(value, prov, path in ambiguous and path not in corrected),
                    corrected=path in corrected, failing=tuple(dict.fromkeys(failing.get(path, []))),
                    printed=(printed.get(path) or {}).get("raw"))
    return out


def attention_count(view: Mapping[str, Any], cells: Mapping[str, CellInfo]) -> int:
    """Abstained cells plus R1–R4 that cannot be assessed: what still needs a reviewer's eye besides failures."""
    abstained = sum(1 for c in cells.values() if c.kind in ABSTAINED)
    not_assessable = sum(1 for c in view.get("checks", []) if c.get("id") in ATTENTION_CHECKS and c.get("status") == "not_assessable")
    return abstained + not_assessable
