"""A report flattened into long-form rows, shared by the CSV and SQL sinks so both agree cell for cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Report
from ..schema import TEMPLATES, empty_tables


@dataclass(frozen=True)
class CellRow:
    table: str
    row: str
    col: str
    value: float | None
    raw: str | None
    page: int | None
    bbox: list[float] | None
    confidence: float | None


def cell_rows(report: Report) -> list[CellRow]:
    """Every canonical cell of the report, null cells included, in the report's own key order."""
    out: list[CellRow] = []
    for table, rows in report.tables.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                prov = report.provenance.get(f"tables.{table}.{row}.{col}")
                out.append(
                    CellRow(
                        table=table,
                        row=row,
                        col=col,
                        value=None if value is None else float(value),
                        raw=prov.raw if prov else None,
                        page=prov.page if prov else None,
                        bbox=list(prov.bbox) if prov and prov.bbox else None,
                        confidence=prov.confidence if prov else None,
                    )
                )
    return out


def narrative_rows(report: Report) -> list[dict[str, Any]]:
    """Narrative items as uniform dicts (kind + the fields that kind has), in document order."""
    n = report.narrative
    base: dict[str, Any] = {
        "value": None, "unit": None, "qualifier": None, "scale": None, "channel": None, "year": None,
        "name": None, "platform_kind": None, "charged": None, "text": None, "page": None, "span": None,
    }
    items: list[dict[str, Any]] = []
    for p in n.published:
        items.append(base | {
            "kind": "published", "value": None if p.value is None else float(p.value), "unit": p.unit,
            "qualifier": p.qualifier, "scale": p.scale, "channel": p.channel, "year": p.year,
            "text": p.text, "page": p.page, "span": None if p.span is None else list(p.span),
        })
    for m in n.platforms:
        items.append(base | {"kind": "platform", "name": m.name, "platform_kind": m.kind, "text": m.text, "page": m.page})
    for t in n.problems:
        items.append(base | {"kind": "problem", "text": t.text, "page": t.page})
    for t in n.fixes:
        items.append(base | {"kind": "fix", "text": t.text, "page": t.page})
    fee = n.fees
    if fee.charged is not None or fee.amount_yuan is not None or fee.text is not None:
        amount = None if fee.amount_yuan is None else float(fee.amount_yuan)
        items.append(base | {"kind": "fee", "charged": fee.charged, "value": amount, "unit": "元", "text": fee.text})
    for seq, item in enumerate(items):
        item["seq"] = seq
    return items


def wide_columns(table: str) -> list[str]:
    """`row.col` headers of one table over both templates (2021 first), so every CSV has one header."""
    seen: dict[str, None] = {}
    for template in reversed(TEMPLATES):
        for row, cols in empty_tables(template)[table].items():
            for col in cols:
                seen[f"{row}.{col}"] = None
    return list(seen)
