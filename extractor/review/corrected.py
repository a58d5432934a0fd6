"""The corrected view of a report: the extraction plus reviewers' corrections, re-checked.

The extracted document is never changed; corrections are applied to a copy, oldest first, so the
latest correction of a path is the one that shows. A correction names a dotted path:

- `report.agency`, `report.year`, `report.template`
- `tables.<table>.<row>.<col>` — a cell's value (a number, or null for a blank cell)
- `narrative.<kind>.<key>` with kind `published`, `platforms`, `problems` or `fixes` — an item,
  replaced by a new one or removed (null); `<key>` is the item's index in the extraction, or
  `a<id>` for an item a correction added (`narrative.<kind>.new` adds one)
- `narrative.fees` — the fee statement

After the corrections, R1–R5 and R8/R9 are computed again on the corrected values, so a fixed cell
turns its relation green at once. R6/R7 need another year and are run by the caller.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from .. import schema
from ..checks.from_json import checks_from_report_json
from ..checks.narrative import check_restated, check_year
from ..model import CountYear, FeeStatement, PlatformMention, PublishedCount, RestatedNumber, TextItem

ITEM_KINDS: tuple[str, ...] = ("published", "platforms", "problems", "fixes")
RECHECKED = ("R1", "R2", "R3", "R4", "R5", "R8", "R9")
NOTE_LIMIT = 2000
_ITEM_MODELS: dict[str, type[BaseModel]] = {"published": PublishedCount, "platforms": PlatformMention, "problems": TextItem, "fixes": TextItem}
_PATH = re.compile(
    r"^(?:report\.(?P<report>agency|year|template)"
    r"|tables\.(?P<table>\w+)\.(?P<row>\w+)\.(?P<col>\w+)"
    r"|narrative\.(?P<kind>published|platforms|problems|fixes)\.(?P<key>\d+|a\d+|new)"
    r"|narrative\.(?P<fees>fees))$"
)
_NUMBER = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")
_BLANK = frozenset({"", "null", "none", "-", "—", "空", "无"})

ItemKeys = dict[str, list[str]]


class CorrectionError(ValueError):
    """A correction that cannot be stored; the message says why in words a reviewer understands."""


class CorrectionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def new_value(self) -> Any: ...


def parse_cell_value(value: Any) -> int | float | None:
    """A reviewer's entry for a cell: a number as printed, or null for a blank; anything else is refused."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise CorrectionError(f"{value!r} is not a number")
        return None
    if isinstance(value, int | float):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace("−", "-")
    text = re.sub(r"\s+", "", text)
    if text.lower() in _BLANK:
        return None
    if not _NUMBER.match(text):
        raise CorrectionError(f"{str(value)[:40]!r} is not a number (write the number as printed, or leave it empty for a blank cell)")
    return float(text) if "." in text else int(text)


def _cell_text(value: int | float | None) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _published_text(item: Mapping[str, Any]) -> str:
    """The text of a published count added by hand without one: its number and unit."""
    return f"{_cell_text(item.get('value'))}{item.get('unit') or ''}"


# ---------------------------------------------------------------- applying


def _retemplate(doc: dict[str, Any], template: str) -> None:
    """Table 2's keys follow the template: keep the values of keys both templates share."""
    old = doc["tables"].get("proactive", {})
    fresh = schema.empty_tables(template)["proactive"]  # type: ignore[arg-type]
    for row, cols in fresh.items():
        for col in cols:
            cols[col] = old.get(row, {}).get(col)
    doc["tables"]["proactive"] = fresh


def _apply_one(doc: dict[str, Any], items: dict[str, dict[str, Any]], path: str, value: Any) -> bool:
    match = _PATH.match(path)
    if match is None:
        return False
    if field := match.group("report"):
        doc["report"][field] = value
        if field == "template" and value in schema.TEMPLATES:
            _retemplate(doc, value)
        return True
    if table := match.group("table"):
        row, col = match.group("row"), match.group("col")
        cols = doc["tables"].get(table, {}).get(row)
        if cols is None or col not in cols:
            return False  # e.g. a table-2 key the template no longer has
        cols[col] = value
        prov = dict(doc["provenance"].get(path) or {"page": None, "bbox": None})
        prov.update(raw=_cell_text(value), confidence=1.0)  # what the reviewer read on the page
        doc["provenance"][path] = prov
        return True
    if match.group("fees"):
        doc["narrative"]["fees"] = value
        return True
    kind, key = match.group("kind"), match.group("key")
    if key not in items[kind] and not key.startswith("a"):
        return False
    items[kind][key] = value
    return True


def apply_corrections(document: Mapping[str, Any], corrections: Sequence[CorrectionLike]) -> tuple[dict[str, Any], ItemKeys, list[int]]:
    """The corrected copy, each narrative list's item keys (in list order), and corrections that no longer apply."""
    doc = copy.deepcopy(dict(document))
    narrative = doc.setdefault("narrative", {})
    items: dict[str, dict[str, Any]] = {
        kind: {str(i): item for i, item in enumerate(narrative.get(kind, []))} for kind in ITEM_KINDS
    }
    stale = [c.id for c in sorted(corrections, key=lambda c: c.id) if not _apply_one(doc, items, c.path, c.new_value)]
    keys: ItemKeys = {}
    for kind, keyed in items.items():
        kept = [(k, item) for k, item in keyed.items() if item is not None]
        narrative[kind] = [item for _, item in kept]
        keys[kind] = [k for k, _ in kept]
    return doc, keys, stale


def recheck(doc: dict[str, Any]) -> dict[str, Any]:
    """R1–R5 and R8/R9 again on the (corrected) values; other checks and warnings stay as they were."""
    fresh: dict[str, dict[str, Any] | None] = {c.id: c.model_dump() for c in checks_from_report_json(doc)}
    narrative = doc.get("narrative", {})
    warnings = list(doc.get("warnings", []))
    if "restated" in narrative:  # stored before the report carried it: keep the stored R8
        restated = check_restated([RestatedNumber(**r) for r in narrative["restated"]], doc["tables"])
        fresh["R8"] = restated.model_dump() if restated else None
    if "count_years" in narrative:
        year_check, year_warnings = check_year([CountYear(**y) for y in narrative["count_years"]], doc["report"].get("year"))
        fresh["R9"] = year_check.model_dump() if year_check else None
        warnings = [w for w in warnings if w.get("code") != "year_mismatch"] + [w.model_dump() for w in year_warnings]
    old = {c["id"]: c for c in doc.get("checks", [])}
    merged: list[dict[str, Any]] = []
    for check_id in RECHECKED:  # a recomputed check replaces the stored one; None means it no longer applies
        check = fresh[check_id] if check_id in fresh else old.get(check_id)
        if check is not None:
            merged.append(check)
    merged += [c for c in doc.get("checks", []) if c["id"] not in RECHECKED]
    doc["checks"] = merged
    doc["warnings"] = warnings
    return doc


def corrected_view(document: Mapping[str, Any], corrections: Sequence[CorrectionLike]) -> tuple[dict[str, Any], ItemKeys, list[int]]:
    """Extraction + corrections, re-checked: what the review app shows and the exports write."""
    doc, keys, stale = apply_corrections(document, corrections)
    return recheck(doc), keys, stale


# ---------------------------------------------------------------- validating a new correction


def _item_value(kind: str, value: Any, old: Mapping[str, Any] | None) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise CorrectionError(f"a {kind} item is a set of fields, not {str(value)[:40]!r}")
    merged: dict[str, Any] = dict(old or {})
    merged.update({k: v for k, v in value.items()})
    if (kind == "published" and old is not None and old.get("span") is None
            and value.get("text", old.get("text")) == old.get("text") == _published_text(old)):
        # the old text was written from the old number (a hand-added item) and the reviewer left it as it was
        # (a form sends it back unchanged): write it again from the new number
        merged["text"] = None
    if kind == "published":
        merged["value"] = parse_cell_value(merged.get("value"))
        merged.setdefault("scale", 1)
        merged.setdefault("qualifier", None)
        merged.setdefault("channel", None)
        merged.setdefault("year", None)
        merged.setdefault("unit", None)
        merged.setdefault("page", None)
        merged.setdefault("span", None)
        if merged.get("year") in ("", None):
            merged["year"] = None
        if not merged.get("text"):
            merged["text"] = _published_text(merged)
    elif kind == "platforms":
        if not str(merged.get("name") or "").strip():
            raise CorrectionError("a platform needs a name")
        merged.setdefault("kind", "other")
        merged.setdefault("text", merged["name"])
        merged.setdefault("page", None)
    else:
        if not str(merged.get("text") or "").strip():
            raise CorrectionError(f"a {kind[:-1]} item needs its text")
        merged.setdefault("page", None)
    try:
        return dict(_ITEM_MODELS[kind].model_validate(merged).model_dump(mode="json"))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CorrectionError(f"{kind} item: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def validate(view: Mapping[str, Any], keys: ItemKeys, path: str, value: Any) -> tuple[Any, Any]:
    """(old value as the reviewer saw it, the normalised new value), or CorrectionError naming the problem."""
    match = _PATH.match(path)
    if match is None:
        raise CorrectionError(f"{path!r} is not a correctable field")
    if field := match.group("report"):
        old = view["report"].get(field)
        if field == "agency":
            text = unicodedata.normalize("NFC", str(value or "")).strip()
            return old, text or None
        if field == "year":
            year = parse_cell_value(value)
            if year is not None and (not isinstance(year, int) or not 1990 <= year <= 2100):
                raise CorrectionError(f"{value!r} is not a report year")
            return old, year
        if value not in schema.TEMPLATES:
            raise CorrectionError(f"the template is one of {', '.join(schema.TEMPLATES)}, not {value!r}")
        return old, value
    if table := match.group("table"):
        cols = view["tables"].get(table, {}).get(match.group("row"))
        if cols is None or match.group("col") not in cols:
            raise CorrectionError(f"{path} is not a cell of this report's {view['report'].get('template')} template")
        return cols[match.group("col")], parse_cell_value(value)
    if match.group("fees"):
        old_fees = view["narrative"].get("fees")
        if not isinstance(value, Mapping):
            raise CorrectionError("the fee statement is a set of fields (charged, amount_yuan, text)")
        fees = dict(old_fees or {}) | dict(value)
        fees["amount_yuan"] = parse_cell_value(fees.get("amount_yuan"))
        try:
            return old_fees, FeeStatement.model_validate(fees).model_dump(mode="json")
        except ValidationError as exc:
            raise CorrectionError(f"fees: {exc.errors()[0]['msg']}") from None
    kind, key = match.group("kind"), match.group("key")
    if key == "new":
        return None, _item_value(kind, value, None)
    if key not in keys.get(kind, []):
        raise CorrectionError(f"{path}: no such {kind} item (removed, or never there)")
    old_item = view["narrative"][kind][keys[kind].index(key)]
    return old_item, None if value is None else _item_value(kind, value, old_item)


def clean_note(note: str | None) -> str | None:
    """Notes are stored as typed (escaped when shown), trimmed and bounded."""
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_LIMIT:
        raise CorrectionError(f"the note is {len(note)} characters; keep it under {NOTE_LIMIT}")
    return note.strip()
