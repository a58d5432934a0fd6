"""The gold file written beside each synthetic report, in the shape of shared/corpus/*.gold.json.

Relations are evaluated from the schema's own relation data (extractor/schema/*.json), never a
copy. A blank or dash cell is null in the gold; for the relations it counts as zero, because in
these documents blank and dash only ever stand for a zero.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor import schema
from extractor.synth.values import Values


def _n(v: Any) -> float:
    return float(v or 0)


def relation_status(tables: dict[str, Values]) -> dict[str, str]:
    """R1–R4 as pass/fail over the gold tables."""
    rel = schema.requests().relations
    req, rev = tables["requests"], tables["review_litigation"]
    columns = [c.key for c in schema.requests().columns]
    split = any(req[k][c] is not None for k in rel["R2"]["other_split"] for c in columns)
    others = rel["R2"]["other_split"] if split else [rel["R2"]["other_single"]]

    def close(a: float, b: float) -> bool:
        return abs(a - b) < 1e-6

    r1 = all(close(sum(_n(req[k][c]) for k in rel["R1"]["lhs"]), sum(_n(req[k][c]) for k in rel["R1"]["rhs"]))
             for c in columns)
    r2 = all(close(_n(req[rel["R2"]["total"]][c]), sum(_n(req[k][c]) for k in [*rel["R2"]["parts"], *others]))
             for c in columns)
    r3 = all(close(_n(row[rel["R3"]["total"]]), sum(_n(row[c]) for c in rel["R3"]["parts"])) for row in req.values())
    r4_rel = schema.review_litigation().relations["R4"]
    r4 = all(close(_n(g[r4_rel["total"]]), sum(_n(g[c]) for c in r4_rel["parts"])) for g in rev.values())
    return {rid: "pass" if ok else "fail" for rid, ok in (("R1", r1), ("R2", r2), ("R3", r3), ("R4", r4))}


def build(file_name: str, source: str, agency: str, year: int, template: str, tables: dict[str, Values],
          narrative: dict[str, Any], variants: tuple[str, ...], notes: list[str]) -> dict[str, Any]:
    """One gold record; the key order follows the corpus gold files."""
    return {
        "file": file_name,
        "source": source,
        "report": {"agency": agency, "year": year, "template": template},
        "tables": tables,
        "narrative": narrative,
        "checks": relation_status(tables),
        "warnings": [],
        "variants": list(variants),
        "notes": notes,
    }


def write(path: Path, gold: dict[str, Any]) -> None:
    """Chinese stays readable in diffs: ensure_ascii=False, indent=2, trailing newline."""
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
