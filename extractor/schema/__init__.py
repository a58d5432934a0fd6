"""The canonical keys of the report tables, loaded from the JSON files beside this module.

The JSON files are the single copy of the schema: the label classifier's label set, the checks,
the empty output skeleton and the JSON Schema are all derived from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

TemplateVersion = Literal["2019", "2021"]
TEMPLATES: tuple[TemplateVersion, ...] = ("2019", "2021")
TABLE_KEYS: tuple[str, ...] = ("proactive", "requests", "review_litigation")


@dataclass(frozen=True)
class Field:
    """One canonical row, column or group: its key, official label and known aliases."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str = "count"
    group: str | None = None


@dataclass(frozen=True)
class Block:
    """A table-2 block opened by a "第二十条第（X）项" caption: its rows share its columns."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]


@dataclass(frozen=True)
class ProactiveSchema:
    template: TemplateVersion
    rows: tuple[Field, ...]
    columns: tuple[Field, ...]
    blocks: tuple[Block, ...]
    tells: tuple[str, ...]

    def columns_of(self, row_key: str) -> tuple[str, ...]:
        for block in self.blocks:
            if row_key in block.rows:
                return block.columns
        raise KeyError(row_key)

    def column(self, key: str) -> Field:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class RequestsSchema:
    rows: tuple[Field, ...]
    columns: tuple[Field, ...]
    group_headings: tuple[str, ...]
    relations: dict[str, Any]


@dataclass(frozen=True)
class ReviewSchema:
    groups: tuple[Field, ...]
    columns: tuple[Field, ...]
    relations: dict[str, Any]


def _load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _fields(items: list[dict[str, Any]]) -> tuple[Field, ...]:
    return tuple(
        Field(
            key=i["key"],
            label=i["label"],
            aliases=tuple(i.get("aliases", [])),
            type=i.get("type", "count"),
            group=i.get("group"),
        )
        for i in items
    )


@cache
def proactive(template: TemplateVersion) -> ProactiveSchema:
    data = _load(f"proactive_{template}.json")
    return ProactiveSchema(
        template=template,
        rows=_fields(data["rows"]),
        columns=_fields(data["columns"]),
        blocks=tuple(Block(b["caption"], tuple(b["columns"]), tuple(b["rows"])) for b in data["blocks"]),
        tells=tuple(data["tells"]),
    )


@cache
def requests() -> RequestsSchema:
    data = _load("requests.json")
    by_key = {r["key"]: r for r in data["rows"]}
    rows = _fields([by_key[k] for k in data["output_order"]])
    return RequestsSchema(
        rows=rows,
        columns=_fields(data["columns"]),
        group_headings=tuple(data["group_headings"]),
        relations=data["relations"],
    )


@cache
def review_litigation() -> ReviewSchema:
    data = _load("review_litigation.json")
    return ReviewSchema(groups=_fields(data["groups"]), columns=_fields(data["columns"]), relations=data["relations"])


REQUESTS_PRINTED_ORDER: tuple[str, ...] = (
    # The order rows are printed in: the split （六） sub-rows or the single （六） row, then the totals.
    "new_requests", "carried_over", "result_open", "result_partial",
    "withheld_state_secret", "withheld_law_prohibited", "withheld_safety_stability", "withheld_third_party",
    "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file", "withheld_admin_query",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "not_processed_complaint", "not_processed_duplicate", "not_processed_publication", "not_processed_excessive",
    "not_processed_confirm", "other", "other_no_correction", "other_fee_unpaid", "other_misc",
    "result_total", "carried_forward",
)


def empty_tables(template: TemplateVersion) -> dict[str, dict[str, dict[str, Any]]]:
    """The output skeleton: every key of every table, all null, in the contract's order."""
    p = proactive(template)
    r = requests()
    rl = review_litigation()
    return {
        "proactive": {row.key: {c: None for c in p.columns_of(row.key)} for row in p.rows},
        "requests": {row.key: {c.key: None for c in r.columns} for row in r.rows},
        "review_litigation": {g.key: {c.key: None for c in rl.columns} for g in rl.groups},
    }


def cell_type(table: str, template: TemplateVersion, column: str) -> str:
    """The value type of a column: count, signed or money."""
    if table == "proactive":
        return proactive(template).column(column).type
    cols = requests().columns if table == "requests" else review_litigation().columns
    return next(c.type for c in cols if c.key == column)
