"""Re-run R1–R5 on a report JSON written by `xxgk extract` (for `xxgk check report.json`)."""

from __future__ import annotations

from typing import Any

from ..mapping.cells import MappedCell
from ..mapping.values import NullReason
from ..model import Check
from ..schema import TemplateVersion
from .tables import check_r1, check_r2, check_r3, check_r4, check_r5


def _cell(value: Any, prov: dict[str, Any] | None) -> MappedCell:
    raw = prov.get("raw") if prov else None
    if value is not None:
        reason = None
    elif raw is None:
        reason = NullReason.ABSENT
    elif str(raw).strip() in ("", "-", "—", "－", "/"):
        reason = NullReason.BLANK
    else:
        reason = NullReason.UNREADABLE
    return MappedCell(value, reason, raw, None, None, float(prov.get("confidence", 1.0)) if prov else 1.0)


def checks_from_report_json(data: dict[str, Any]) -> list[Check]:
    provenance: dict[str, Any] = data.get("provenance", {})
    tables: dict[str, dict[str, dict[str, MappedCell]]] = {}
    for table, rows in data["tables"].items():
        tables[table] = {
            row: {col: _cell(v, provenance.get(f"tables.{table}.{row}.{col}")) for col, v in cols.items()}
            for row, cols in rows.items()
        }
    requests = tables.get("requests", {})
    printed = {row for row, cols in requests.items() if any(c.raw is not None for c in cols.values())}
    found_requests = bool(printed)
    found_review = any(c.raw is not None for cols in tables.get("review_litigation", {}).values() for c in cols.values())
    template: TemplateVersion = "2019" if data.get("report", {}).get("template") == "2019" else "2021"
    return [
        check_r1(tables, found_requests),
        check_r2(tables, found_requests, printed),
        check_r3(tables, found_requests, printed),
        check_r4(tables, found_review),
        check_r5(tables, template),
    ]
