"""Accuracy: the relations R1–R9 with the cells that break them.

R1–R5, R8, R9 come with the extraction; R6/R7 are computed here with the pure functions of
extractor/checks/cross_year.py when the same agency's previous year is in the batch. The
template's own arithmetic (config `hard`) fails a report; cross-year and prose relations (`soft`)
warn.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..checks.cross_year import CellKey, check_r6, check_r7
from ..model import Check, Report
from ..review.cells import CellInfo, cell_infos
from ..review.explain import told
from ..review.messages import CHECK_NAMES
from .config import AssessConfig
from .sources import ReportItem
from .verdict import DimensionResult, Evidence, Finding, Severity, Status
from .words import report_name

BLANK = frozenset({"", "-", "—", "－", "–", "/", "／"})


def cell_number(report: Report, table: str, row: str, col: str) -> float | None:
    """A cell as the relations read it: its value; 0 for a cell printed blank or as a dash (the
    template's zero, as R1–R4 count it); None when it is unreadable or not printed."""
    value = report.tables.get(table, {}).get(row, {}).get(col)
    if value is not None:
        return float(value)
    prov = report.provenance.get(f"tables.{table}.{row}.{col}")
    return 0.0 if prov is not None and prov.raw is not None and prov.raw.strip() in BLANK else None


def cell_values(report: Report) -> dict[CellKey, float | None]:
    """Every cell as the cross-year checks read it, keyed (table, row, col)."""
    return {(table, row, col): cell_number(report, table, row, col)
            for table, rows in report.tables.items() for row, cols in rows.items() for col in cols}


def cross_year(item: ReportItem, previous: ReportItem, config: AssessConfig) -> list[Check]:
    """R6 for consecutive years, R7 where both use the 2021 template."""
    year = item.year
    if year is None:
        return []
    cur, prev = cell_values(item.report), cell_values(previous.report)
    found = [check_r6(cur, prev, year)]
    if item.report.report.template == "2021" and previous.report.report.template == "2021":
        found.append(check_r7(cur, prev, year, config.accuracy.r7_tolerance))
    return found


def cell_evidence(report: Report, path: str) -> Evidence:
    table, row, col = path.split(".")
    value = report.tables.get(table, {}).get(row, {}).get(col)
    prov = report.provenance.get(f"tables.{path}")
    return Evidence(kind="cell", path=f"tables.{path}", value=value, text=prov.raw if prov else None,
                    page=prov.page if prov else None)


def assess_accuracy(item: ReportItem, previous: ReportItem | None, config: AssessConfig,
                    extra: Mapping[str, Check] | None = None) -> DimensionResult:
    rules = config.accuracy
    checks = {c.id: c for c in item.report.checks}
    if previous is not None:
        checks |= {c.id: c for c in cross_year(item, previous, config)}
    checks |= dict(extra or {})
    findings: list[Finding] = []
    weight_total = weight_ok = 0.0
    cells: dict[str, CellInfo] | None = None  # the cells' printed labels, read once a relation fails
    for check_id in sorted(checks):
        check = checks[check_id]
        weight = rules.soft_weight if check_id in rules.soft else 1.0
        if check.status == "not_assessable":
            continue
        weight_total += weight
        if check.status == "pass":
            weight_ok += weight
            continue
        severity: Severity = "warn" if check_id in rules.soft else "fail"
        if cells is None:
            cells = cell_infos(item.report.model_dump(mode="json"), ())
        name = CHECK_NAMES.get(check_id, check_id)
        evidence = [Evidence(kind="check", path=f"checks.{check_id}", text=name)]
        evidence += [cell_evidence(item.report, p) for p in dict.fromkeys(check.cells) if p.count(".") == 2]
        if check_id in ("R6", "R7") and previous is not None:
            evidence.append(Evidence(kind="check", path=f"checks.{check_id}", other_file=previous.file,
                                     text=f"对照 {report_name(previous.year)} {previous.name}"))
        findings.append(Finding(code="check_failed", severity=severity, evidence=evidence,
                                message=f"{check_id} 不成立（{name}）：" + "；".join(told(check.model_dump(), cells))))
    details = {"checks": {cid: c.status for cid, c in sorted(checks.items())},
               "previous_year": previous.year if previous else None}
    if weight_total == 0:
        return DimensionResult(dimension="accuracy", status="unknown", score=None, details=details,
                               summary="没有可以核对的勾稽关系")
    status: Status = "fail" if any(f.severity == "fail" for f in findings) else ("warn" if findings else "pass")
    failed = [cid for cid, c in sorted(checks.items()) if c.status == "fail"]
    summary = (f"{'、'.join(failed)} 不成立" if failed
               else f"{sum(c.status == 'pass' for c in checks.values())} 项勾稽关系均成立")
    if previous is None:
        summary += "（无上一年度报告，R6/R7 未核对）"
    return DimensionResult(dimension="accuracy", status=status, score=round(weight_ok / weight_total, 4),
                           summary=summary, findings=findings, details=details)
