"""`xxgk evaluate GOLD_DIR`: score extraction against NAME.gold.json files, in numbers.

Cells are exact-match (a key absent from the gold counts as null). A document that fails to
extract scores zero on every cell and is listed with its error; the evaluation never stops.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from . import schema
from .api import extract
from .errors import ExtractorError
from .model import Report
from .settings import DEFAULT_SETTINGS, Settings

_SKIP_SUFFIXES = (".gold.json",)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return bool(a == b)


def document_for(gold_path: Path) -> Path | None:
    stem = gold_path.name[: -len(".gold.json")]
    for candidate in sorted(gold_path.parent.glob(stem + ".*")):
        if not candidate.name.endswith(_SKIP_SUFFIXES) and candidate.stem == stem:
            return candidate
    return None


def format_of(path: Path, gold: dict[str, Any]) -> str:
    return str(gold.get("format") or path.suffix.lstrip(".").lower())


def score_cells(report: Report | None, gold: dict[str, Any]) -> tuple[int, int, list[dict[str, Any]], dict[str, list[int]]]:
    """(right, total, wrong cells, per-table [right, total])."""
    template = gold["report"]["template"]
    skeleton = schema.empty_tables(template)
    right = total = 0
    wrong: list[dict[str, Any]] = []
    per_table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failing = {c for check in report.checks if check.status == "fail" for c in check.cells} if report else set()
    for table, rows in skeleton.items():
        for row, cols in rows.items():
            for col in cols:
                expected = gold.get("tables", {}).get(table, {}).get(row, {}).get(col)
                got = None if report is None else report.tables.get(table, {}).get(row, {}).get(col)
                ok = report is not None and _same(got, expected)
                total += 1
                per_table[table][1] += 1
                if ok:
                    right += 1
                    per_table[table][0] += 1
                else:
                    raw, flagged = None, False
                    if report is not None:
                        path = f"{table}.{row}.{col}"
                        prov = report.provenance.get(f"tables.{path}")
                        raw = prov.raw if prov else None
                        flagged = path in failing or (prov is not None and prov.confidence < 0.9)
                    wrong.append({"path": f"{table}.{row}.{col}", "got": got, "gold": expected, "raw": raw, "flagged": flagged})
    return right, total, wrong, dict(per_table)


def score_narrative(report: Report, gold: dict[str, Any]) -> dict[str, list[int]]:
    """Per field [found of gold, predicted, gold, predicted that are right or allowed]."""
    out: dict[str, list[int]] = {}
    nar = gold.get("narrative") or {}
    if "published" in nar:
        want = Counter((float(p["value"]), p["unit"]) for p in nar["published"])
        optional = Counter((float(p["value"]), p["unit"]) for p in nar.get("published_optional", []))
        got = Counter((float(p.value), p.unit) for p in report.narrative.published if p.value is not None)
        tp = sum((got & want).values())
        allowed = tp + sum(((got - want) & optional).values())
        out["published"] = [tp, sum(got.values()), sum(want.values()), allowed]
    if "platforms" in nar:
        required = set(nar["platforms"].get("required", []))
        allowed_names = required | set(nar["platforms"].get("optional", []))
        names = {p.name for p in report.narrative.platforms}
        out["platforms"] = [len(required & names), len(names), len(required), len(names & allowed_names)]
    for key in ("problems", "fixes"):
        if key in nar:
            items = [i.text for i in getattr(report.narrative, key)]
            hits = sum(1 for s in nar[key] if any(s in t for t in items))
            useful = sum(1 for t in items if any(s in t for s in nar[key]))
            out[key] = [hits, len(items), len(nar[key]), useful]
    if "fees" in nar:
        fees = report.narrative.fees
        ok = fees.charged == nar["fees"].get("charged") and _same(fees.amount_yuan, nar["fees"].get("amount_yuan"))
        out["fees"] = [int(ok), 1, 1, int(ok)]
    return out


def evaluate_folder(folder: Path, settings: Settings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """Scores of every NAME.EXT + NAME.gold.json pair under `folder`, extracted with `settings`."""
    import json

    docs: list[dict[str, Any]] = []
    for gold_path in sorted(folder.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = document_for(gold_path)
        entry: dict[str, Any] = {"file": str(path or gold_path), "format": None, "variants": gold.get("variants", [])}
        report: Report | None = None
        started = time.perf_counter()
        if path is None:
            entry["error"] = "no document beside the gold file"
        else:
            entry["format"] = format_of(path, gold)
            try:
                report = extract(path, settings)
            except ExtractorError as exc:
                entry["error"] = f"{exc.code}: {exc.reason}"
            except Exception as exc:  # noqa: BLE001 - the evaluator counts any failure and goes on
                entry["error"] = f"{type(exc).__name__}: {exc}"
        entry["seconds"] = time.perf_counter() - started
        entry["pages"] = report.source.pages if report else 1
        right, total, wrong, per_table = score_cells(report, gold)
        entry.update(cells_right=right, cells_total=total, wrong=wrong, per_table=per_table)
        if report is not None:
            entry["template_ok"] = report.report.template == gold["report"]["template"]
            entry["agency_ok"] = report.report.agency == gold["report"].get("agency")
            entry["year_ok"] = report.report.year == gold["report"].get("year")
            ours = {c.id: c.status for c in report.checks}
            entry["checks"] = {k: [v, ours.get(k)] for k, v in (gold.get("checks") or {}).items()}
            codes = {w.code for w in report.warnings}
            entry["warnings_expected"] = len(gold.get("warnings", []))
            entry["warnings_missing"] = [w for w in gold.get("warnings", []) if w not in codes]
            entry["narrative"] = score_narrative(report, gold)
        docs.append(entry)
    return summarize(docs)


def _ratio(right: int, total: int) -> float:
    return round(right / total, 4) if total else 1.0


def summarize(docs: list[dict[str, Any]]) -> dict[str, Any]:
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    narrative: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    checks_agree = checks_total = 0
    for d in docs:
        for bucket in (by_format[d["format"] or "?"],):
            bucket[0] += d["cells_right"]
            bucket[1] += d["cells_total"]
        for v in d["variants"] or ["(none)"]:
            by_variant[v][0] += d["cells_right"]
            by_variant[v][1] += d["cells_total"]
        for table, (r, t) in d["per_table"].items():
            by_table[table][0] += r
            by_table[table][1] += t
        for gold_status, ours in d.get("checks", {}).values():
            checks_total += 1
            checks_agree += int(gold_status == ours)
        for field, counts in d.get("narrative", {}).items():
            for i in range(4):
                narrative[field][i] += counts[i]
    right = sum(d["cells_right"] for d in docs)
    total = sum(d["cells_total"] for d in docs)
    pages = sum(d["pages"] for d in docs) or 1
    narrative_scores = {}
    for field, (tp, pred, gold, pred_ok) in narrative.items():
        p = pred_ok / pred if pred else 1.0
        r = tp / gold if gold else 1.0
        narrative_scores[field] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    worst = [dict(file=d["file"], **w) for d in docs for w in d["wrong"]][:50]
    return {
        "documents": len(docs),
        "failures": [{"file": d["file"], "error": d["error"]} for d in docs if "error" in d],
        "cells": {
            "right": right,
            "total": total,
            "accuracy": _ratio(right, total),
            # a wrong cell that is null abstained (ambiguous, unreadable); a wrong value is flagged when
            # a failing check names it or its confidence is under 0.9, and silent otherwise
            "abstained": sum(1 for d in docs for w in d["wrong"] if w["got"] is None),
            "flagged_errors": sum(1 for d in docs for w in d["wrong"] if w["got"] is not None and w["flagged"]),
            "silent_errors": sum(1 for d in docs for w in d["wrong"] if w["got"] is not None and not w["flagged"]),
        },
        "per_format": {k: _ratio(*v) for k, v in sorted(by_format.items())},
        "per_variant": {k: _ratio(*v) for k, v in sorted(by_variant.items())},
        "per_table": {k: _ratio(*v) for k, v in sorted(by_table.items())},
        "template_accuracy": _ratio(sum(bool(d.get("template_ok")) for d in docs), len(docs)),
        "agency_accuracy": _ratio(sum(bool(d.get("agency_ok")) for d in docs), len(docs)),
        "year_accuracy": _ratio(sum(bool(d.get("year_ok")) for d in docs), len(docs)),
        "check_agreement": _ratio(checks_agree, checks_total),
        "warnings_expected": sum(d.get("warnings_expected", 0) for d in docs),
        "warnings_missing": {d["file"]: d["warnings_missing"] for d in docs if d.get("warnings_missing")},
        "narrative": narrative_scores,
        "seconds_per_page": round(sum(d["seconds"] for d in docs) / pages, 4),
        "worst_cells": worst,
    }


def render_scores(scores: dict[str, Any]) -> str:
    lines = [
        f"documents {scores['documents']}, failures {len(scores['failures'])}",
        f"cells {scores['cells']['right']}/{scores['cells']['total']} = {scores['cells']['accuracy']:.2%}"
        f"  (abstained {scores['cells']['abstained']}, wrong but flagged {scores['cells']['flagged_errors']},"
        f" silent errors {scores['cells']['silent_errors']})",
        f"template {scores['template_accuracy']:.2%}  agency {scores['agency_accuracy']:.2%}  year {scores['year_accuracy']:.2%}",
        f"check agreement {scores['check_agreement']:.2%}   seconds/page {scores['seconds_per_page']}   "
        f"expected warnings raised {scores['warnings_expected'] - sum(map(len, scores['warnings_missing'].values()))}"
        f"/{scores['warnings_expected']}",
        "per format:  " + "  ".join(f"{k} {v:.2%}" for k, v in scores["per_format"].items()),
        "per table:   " + "  ".join(f"{k} {v:.2%}" for k, v in scores["per_table"].items()),
        "per variant: " + "  ".join(f"{k} {v:.2%}" for k, v in scores["per_variant"].items()),
    ]
    for field, s in scores["narrative"].items():
        lines.append(f"narrative {field}: P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f}")
    for failure in scores["failures"]:
        lines.append(f"FAILED {failure['file']}: {failure['error']}")
    for cell in scores["worst_cells"][:20]:
        lines.append(f"wrong {cell['file']} {cell['path']}: got {cell['got']!r} gold {cell['gold']!r} raw {cell['raw']!r}")
    return "\n".join(lines)
