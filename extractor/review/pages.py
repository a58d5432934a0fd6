"""What the report page shows, gathered in one place: the reviewed report, its source beside it, where
each cell and narrative item is on the page image or in the running text, and the page's JSON data
for the small script that lights up the selected cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..settings import DEFAULT_SETTINGS
from ..sinks.corrections import Correction
from .cells import CellInfo
from .corrected import ITEM_KINDS
from .explain import Instance, instances, reasons
from .forms import Draft
from .layout import GridTable, table_grids
from .locate import cell_spans, text_span
from .messages import CHECK_NAMES
from .reviewed import ReviewedReport
from .sources import Located, Sources


@dataclass(frozen=True)
class Item:
    kind: str
    key: str
    path: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Source:
    located: Located
    pages: list[tuple[float, float]]  # paged inputs: page sizes in points
    text: str | None  # unpaged inputs: the running text
    reason: str | None  # why there is neither

    @property
    def paged(self) -> bool:
        return bool(self.pages)


@dataclass
class ReportPage:
    reviewed: ReviewedReport
    source: Source
    grids: tuple[GridTable, ...]
    items: dict[str, list[Item]]
    history: dict[str, list[Correction]]
    data: dict[str, Any]
    selected: str | None = None
    draft: Draft | None = None
    error: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def view(self) -> dict[str, Any]:
        return self.reviewed.view

    @property
    def cells(self) -> dict[str, CellInfo]:
        return self.reviewed.cells

    @property
    def selected_cell(self) -> CellInfo | None:
        return self.cells.get(self.selected or "")

    @property
    def selected_item(self) -> Item | None:
        return next((i for items in self.items.values() for i in items if i.path == self.selected), None)

    def check_cells(self, check: Mapping[str, Any]) -> list[CellInfo]:
        return [self.cells[f"tables.{p}"] for p in dict.fromkeys(check.get("cells", [])) if f"tables.{p}" in self.cells]

    def instances(self, check: Mapping[str, Any]) -> list[Instance]:
        return instances(check, self.cells)

    def reasons(self, check: Mapping[str, Any]) -> list[str]:
        return reasons(check, self.cells)

    def check_name(self, check_id: str) -> str:
        return CHECK_NAMES.get(check_id, check_id)

    def value_of(self, path: str) -> Any:
        """The value a form for `path` shows: what another reviewer's later change is compared against."""
        if path in self.cells:
            return self.cells[path].value
        if path == "report":
            return {k: self.view["report"].get(k) for k in ("agency", "year", "template")}
        if path == "narrative.fees":
            return self.view["narrative"].get("fees")
        item = next((i for items in self.items.values() for i in items if i.path == path), None)
        return item.data if item else None


def _source(sources: Sources, reviewed: ReviewedReport) -> tuple[Source, Any]:
    stored = reviewed.doc.stored
    located = sources.locate(stored.file, stored.sha256)
    if located.path is None:
        return Source(located, [], None, located.reason), None
    sizes = sources.page_sizes(located.path)
    scanned = bool(reviewed.view.get("source", {}).get("ocr_pages"))  # its text would mean OCR again: not here
    running = None if scanned else sources.running_text(located.path)
    if isinstance(sizes, list):  # a PDF or image: the page picture, and the text only to place narrative items
        return Source(located, sizes, None, None), None if isinstance(running, str) else running
    if running is None or isinstance(running, str):
        return Source(located, [], None, running or sizes), None
    return Source(located, [], running.text, None), running


def _item_location(item: Mapping[str, Any], running: Any, paged: bool) -> dict[str, Any]:
    span = item.get("span")
    if running is not None and not span:
        found = text_span(running.text, item.get("text"))
        span = list(found) if found else None
    where: dict[str, Any] = {"page": item.get("page"), "span": span, "boxes": []}
    if running is not None and span and paged:
        where["boxes"] = [[page, list(bbox)] for page, bbox in running.boxes(span[0], span[1])]
    return where


def report_page(reviewed: ReviewedReport, sources: Sources, selected: str | None) -> ReportPage:
    source, running = _source(sources, reviewed)
    view = reviewed.view
    keys = reviewed.doc.item_keys
    items = {kind: [Item(kind, key, f"narrative.{kind}.{key}", data)
                    for key, data in zip(keys.get(kind, []), view["narrative"].get(kind, []), strict=False)]
             for kind in ITEM_KINDS}
    stale = set(reviewed.doc.stale)
    history: dict[str, list[Correction]] = {}
    for c in reviewed.doc.corrections:
        history.setdefault(c.path, []).append(c)
    raws = {path: (prov or {}).get("raw") for path, prov in view.get("provenance", {}).items()}
    spans = cell_spans(source.text, view["tables"], view["report"].get("template"), raws) if source.text else {}
    data: dict[str, Any] = {
        "report": reviewed.doc.stored.id, "paged": source.paged, "pages": source.pages,
        "zoom": DEFAULT_SETTINGS.review_page_zoom, "selected": selected,
        "cells": {p: {**c.as_json(), "span": list(spans[p][0]) if p in spans else None,
                      "exact": spans[p][1] if p in spans else False,
                      "history": [_history(h, h.id in stale) for h in history.get(p, [])]}
                  for p, c in reviewed.cells.items()},
        "items": {i.path: _item_location(i.data, running, source.paged) for kind_items in items.values() for i in kind_items},
    }
    return ReportPage(reviewed, source, table_grids(view["report"].get("template")), items, history, data, selected)


def when(moment: datetime) -> str:
    """A correction's time as the reviewer's clock shows it (stored in UTC)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _history(c: Correction, stale: bool) -> dict[str, Any]:
    return {"id": c.id, "old": c.old_value, "new": c.new_value, "note": c.note, "stale": stale,
            "at": when(c.created_at)}
