"""Completeness: the six sections, the tables' cells printed, the fee statement in section 六, the
overview's five topics, and the report year stated and consistent."""

from __future__ import annotations

from .. import schema
from ..model import Report
from .accuracy import BLANK
from .config import AssessConfig
from .sources import ReportItem
from .verdict import DimensionResult, Evidence, Finding, Status

_SECTION_TITLES = {"overview": "一、总体情况", "proactive": "二、主动公开政府信息情况",
                   "requests": "三、收到和处理政府信息公开申请情况", "review_litigation": "四、行政复议、行政诉讼情况",
                   "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项"}
_MAX_CELLS = 12  # cells listed as evidence per finding


def _compact(text: str) -> str:
    return "".join(text.split())


def expected_cells(report: Report) -> dict[str, list[str]]:
    """The cells the template asks to print, per table ("other" or its three sub-rows, as printed)."""
    template = report.report.template or "2021"
    rel = schema.requests().relations["R2"]
    single = any((p := report.provenance.get(f"tables.requests.{rel['other_single']}.{c.key}")) and p.raw is not None
                 for c in schema.requests().columns)
    skip = set(rel["other_split"]) if single else {rel["other_single"]}
    out: dict[str, list[str]] = {}
    for table, rows in schema.empty_tables(template).items():
        out[table] = [f"{table}.{row}.{col}" for row, cols in rows.items() if row not in skip for col in cols]
    return out


def _cells(report: Report, config: AssessConfig) -> tuple[list[Finding], float]:
    findings: list[Finding] = []
    penalty = 0.0
    c = config.completeness
    for table, paths in expected_cells(report).items():
        raws = {p: (prov.raw if (prov := report.provenance.get(f"tables.{p}")) is not None else None) for p in paths}
        if all(raw is None for raw in raws.values()):
            findings.append(Finding(code="table_missing", severity="fail",
                                    message=f"table {table} not found: none of its {len(paths)} cells is printed",
                                    evidence=[Evidence(kind="section", path=f"tables.{table}")]))
            penalty += c.table_missing_penalty
            continue
        absent = [p for p, raw in raws.items() if raw is None]
        blank = [p for p, raw in raws.items() if raw is not None and raw.strip() in BLANK]
        if absent:
            findings.append(Finding(code="cells_absent", severity="fail",
                                    message=f"table {table}: {len(absent)} of {len(paths)} cells not printed",
                                    evidence=[Evidence(kind="cell", path=f"tables.{p}") for p in absent[:_MAX_CELLS]]))
            penalty += c.absent_cells_penalty
        if blank:
            findings.append(Finding(
                code="cells_blank", severity="warn",
                message=f"table {table}: {len(blank)} cells printed blank or as a dash instead of a number",
                evidence=[Evidence(kind="cell", path=f"tables.{p}", text=raws[p]) for p in blank[:_MAX_CELLS]]))
            penalty += c.blank_cells_penalty
    return findings, penalty


def assess_completeness(item: ReportItem, config: AssessConfig) -> DimensionResult:
    report = item.report
    c = config.completeness
    findings: list[Finding] = []
    penalty = 0.0
    missing = [key for key in c.sections if key not in report.sections]
    for key in missing:
        findings.append(Finding(code="section_missing", severity="fail",
                                message=f"section {_SECTION_TITLES.get(key, key)} is missing",
                                evidence=[Evidence(kind="section", path=f"sections.{key}")]))
        penalty += c.missing_section_penalty
    cell_findings, cell_penalty = _cells(report, config)
    findings += cell_findings
    penalty += cell_penalty
    fees = report.narrative.fees
    if fees.text is None:
        findings.append(Finding(code="fee_statement_missing", severity="fail",
                                message="no statement on 信息处理费 (section 六 should say whether fees were charged)"))
        penalty += c.fee_statement_penalty
    elif _compact(fees.text) not in _compact(report.sections.get("other", "")):  # PDF line breaks aside
        findings.append(Finding(code="fee_statement_elsewhere", severity="warn",
                                message="the 信息处理费 statement is not in section 六",
                                evidence=[Evidence(kind="sentence", text=fees.text)]))
    overview = report.sections.get("overview", "")
    if "overview" in report.sections:
        for topic in c.topics:
            if not any(word in overview for word in topic.words):
                findings.append(Finding(code="topic_missing", severity="warn",
                                        message=f"the overview does not mention {topic.topic}",
                                        evidence=[Evidence(kind="section", path="sections.overview")]))
                penalty += c.topic_penalty
    if report.report.year is None:
        findings.append(Finding(code="year_missing", severity="fail", message="the title states no report year"))
        penalty += c.year_missing_penalty
    for warning in report.warnings:
        if warning.code == "year_mismatch":
            findings.append(Finding(code="year_inconsistent", severity="warn", message=warning.message,
                                    evidence=[Evidence(kind="sentence", text=warning.message, page=warning.page)]))
            penalty += c.year_mismatch_penalty
    score = round(max(0.0, 1.0 - penalty), 4)
    status: Status = "fail" if any(f.severity == "fail" for f in findings) else ("warn" if findings else "pass")
    summary = "complete" if not findings else "; ".join(dict.fromkeys(f.message for f in findings[:3]))
    return DimensionResult(dimension="completeness", status=status, score=score, summary=summary, findings=findings,
                           details={"missing_sections": missing})
