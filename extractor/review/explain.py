"""A failing relation told the way a reviewer checks it: per column (row, group), the total and the sum
it should equal, the total's cell first and the parts that hold a number after it.

R1–R4 name every cell of each failing instance; the check's message gives the instance key and both
sums ("commercial_enterprise: …: 8 ≠ 13"), so nothing is recomputed here. Cells that are 0 or blank
are counted, not listed: a column of twenty zeros hides the one wrong number otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import schema
from .cells import CellInfo

_SEGMENT = re.compile(r"^(?P<key>\w+): .*: (?P<left>-?[\d.]+) ≠ (?P<right>-?[\d.]+)$")
# check → (which part of a path is the instance key, the printed sides of the relation, the total's rows or columns)
_SHAPES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "R1": ("col", "一＋二", "三（七）＋四", ("new_requests", "carried_over", "result_total", "carried_forward")),
    "R2": ("col", "（七）总计", "各项办理结果之和", ("result_total",)),
    "R3": ("row", "总计", "六类申请人之和", ("total",)),
    "R4": ("row", "总计", "四种结果之和", ("total",)),
}


@dataclass(frozen=True)
class Instance:
    title: str  # "商业企业列"
    sums: str  # "（七）总计 = 8，各项办理结果之和 = 13"
    totals: list[CellInfo] = field(default_factory=list)
    parts: list[CellInfo] = field(default_factory=list)
    quiet: int = 0  # parts that are 0 or blank, not listed


def _labels() -> dict[str, str]:
    req, rl = schema.requests(), schema.review_litigation()
    out = {c.key: f"{c.label}列" for c in req.columns}
    out.update({r.key: f"{r.label}行" for r in req.rows})
    out.update({g.key: g.label for g in rl.groups})
    return out


def _zero(cell: CellInfo) -> bool:
    return cell.value in (0, None) and cell.kind not in ("ambiguous", "unreadable")


def instances(check: Mapping[str, Any], cells: Mapping[str, CellInfo]) -> list[Instance]:
    """The failing instances of R1–R4, or [] for any other check (shown with its own message and cells)."""
    shape = _SHAPES.get(str(check.get("id")))
    if shape is None or check.get("status") != "fail":
        return []
    axis, left_name, right_name, total_keys = shape
    labels = _labels()
    paths = [f"tables.{p}" for p in dict.fromkeys(check.get("cells", [])) if f"tables.{p}" in cells]
    message = str(check.get("message", ""))
    body = message.split("): ", 1)[1] if "): " in message else message
    found: list[Instance] = []
    for segment in body.split("; "):
        match = _SEGMENT.match(segment.strip())
        if match is None:
            continue
        key = match["key"]
        mine = [cells[p] for p in paths if p.split(".")[3 if axis == "col" else 2] == key]
        totals = [c for c in mine if c.path.split(".")[2 if axis == "col" else 3] in total_keys]
        parts = [c for c in mine if c not in totals]
        found.append(Instance(labels.get(key, key), f"{left_name} = {match['left']}，{right_name} = {match['right']}",
                              totals, [c for c in parts if not _zero(c)], sum(1 for c in parts if _zero(c))))
    return found
