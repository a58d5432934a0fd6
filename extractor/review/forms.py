"""A submitted form → the corrections it asks for, in the shape `add_correction` takes.

Every form names a `path`: a cell (`tables.…`), `report` (agency, year and template together: only
the fields that changed become corrections), a narrative item (`narrative.<kind>.<key>` or `.new`,
`action=remove` to remove it) or `narrative.fees`. What the reviewer typed is kept in a `Draft`, so a
refused entry comes back in the form, not lost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .corrected import CorrectionError

ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "published": ("value", "unit", "qualifier", "channel", "year", "text"),
    "platforms": ("name", "kind", "text"),
    "problems": ("text",),
    "fixes": ("text",),
}
REPORT_FIELDS = ("agency", "year", "template")
FEE_FIELDS = ("charged", "amount_yuan", "text")
_ALL_FIELDS = {"value", *REPORT_FIELDS, *FEE_FIELDS, *(f for fs in ITEM_FIELDS.values() for f in fs)}


@dataclass(frozen=True)
class Draft:
    """One submitted form, as typed."""

    path: str
    fields: dict[str, str] = field(default_factory=dict)
    note: str = ""
    seen: str = ""  # JSON of the value the form showed, to notice another reviewer's change
    action: str = "save"

    @property
    def seen_value(self) -> Any:
        try:
            return json.loads(self.seen) if self.seen else None
        except ValueError:
            return None


def draft_from_form(form: Mapping[str, str]) -> Draft:
    fields = {k: str(form[k]) for k in _ALL_FIELDS if k in form}
    action = "remove" if form.get("action") == "remove" else "blank" if form.get("action") == "blank" else "save"
    return Draft(str(form.get("path", "")).strip(), fields, str(form.get("note", "")), str(form.get("seen", "")), action)


def _optional(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def _item(kind: str, fields: Mapping[str, str], new: bool) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name in ITEM_FIELDS[kind]:
        if name not in fields:
            continue
        value = _optional(fields[name])
        if name == "text" and value is None and kind in ("published", "platforms"):
            continue  # the core writes the text from the value (or the name)
        if name == "kind" and value is None:
            continue
        item[name] = value
    if new and kind == "published" and item.get("value") is None:
        raise CorrectionError("a published count needs its number")
    return item


def _fees(fields: Mapping[str, str]) -> dict[str, Any]:
    charged = {"yes": True, "no": False}.get(fields.get("charged", ""))
    return {"charged": charged, "amount_yuan": _optional(fields.get("amount_yuan")), "text": _optional(fields.get("text"))}


def corrections_asked(draft: Draft) -> list[tuple[str, Any]]:
    """(path, value) pairs the form asks to store; CorrectionError when the form itself is incomplete."""
    path = draft.path
    if path.startswith("tables."):
        return [(path, None if draft.action == "blank" else draft.fields.get("value", ""))]
    if path == "report":
        seen = draft.seen_value if isinstance(draft.seen_value, dict) else {}
        asked = []
        for name in REPORT_FIELDS:
            if name in draft.fields and draft.fields[name].strip() != str(seen.get(name) if seen.get(name) is not None else ""):
                asked.append((f"report.{name}", draft.fields[name].strip()))
        if not asked:
            raise CorrectionError("nothing changed")
        return asked
    if path == "narrative.fees":
        return [(path, _fees(draft.fields))]
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "narrative" and parts[1] in ITEM_FIELDS:
        if draft.action == "remove":
            return [(path, None)]
        return [(path, _item(parts[1], draft.fields, parts[2] == "new"))]
    raise CorrectionError(f"{path!r} is not a correctable field")
