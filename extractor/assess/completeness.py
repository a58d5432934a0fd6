"""Completeness: the six sections, the tables' cells printed, the fee statement in section 六, the
overview's five topics, and the report year stated and consistent."""

from __future__ import annotations

from .. import schema
from ..model import Report
from ..review.messages import WARNING_NAMES
from .accuracy import BLANK
from .config import AssessConfig
from .sources import ReportItem
from .verdict import DimensionResult, Evidence, Finding, Status
from .words import part_name, table_name

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
                                    message=f"未找到{table_name(table)}：应有的 {len(paths)} 个单元格均未印出",
                                    evidence=[Evidence(kind="section", path=f"tables.{table}")]))
            penalty += c.table_missing_penalty
            continue
        absent = [p for p, raw in raws.items() if raw is None]
        blank = [p for p, raw in raws.items() if raw is not None and raw.strip() in BLANK]
        if absent:
            findings.append(Finding(code="cells_absent", severity="fail",
                                    message=f"{table_name(table)}有 {len(absent)} 个单元格未印出（应有 {len(paths)} 个）",
                                    evidence=[Evidence(kind="cell", path=f"tables.{p}") for p in absent[:_MAX_CELLS]]))
            penalty += c.absent_cells_penalty
        if blank:
            findings.append(Finding(
                code="cells_blank", severity="warn",
                message=f"{table_name(table)}有 {len(blank)} 个单元格为空或以横线代替数字",
                evidence=[Evidence(kind="cell", path=f"tables.{p}", text=raws[p]) for p in blank[:_MAX_CELLS]]))
            penalty += c.blank_cells_penalty
    return findings, penalty


def _year_mismatches(report: Report) -> list[Finding]:
    """One finding per `year_mismatch` warning, told from the year the narrative stated (`count_years`)."""
    wrong = [y for y in report.narrative.count_years if y.year != report.report.year]
    found = [w for w in report.warnings if w.code == "year_mismatch"]
    out: list[Finding] = []
    for index, warning in enumerate(found):
        stated = wrong[index] if index < len(wrong) else None
        if stated is None:  # a report stored without the years its narrative states
            out.append(Finding(code="year_inconsistent", severity="warn", message=WARNING_NAMES["year_mismatch"],
                               evidence=[Evidence(kind="sentence", page=warning.page)]))
            continue
        out.append(Finding(
            code="year_inconsistent", severity="warn",
            message=f"{WARNING_NAMES['year_mismatch']}：{report.report.year} 年度报告写作 {stated.year} 年"
                    f"（「{stated.text}」）",
            evidence=[Evidence(kind="sentence", text=stated.text, page=stated.page)]))
    return out


def assess_completeness(item: ReportItem, config: AssessConfig) -> DimensionResult:
    report = item.report
    c = config.completeness
    findings: list[Finding] = []
    penalty = 0.0
    missing = [key for key in c.sections if key not in report.sections]
    for key in missing:
        findings.append(Finding(code="section_missing", severity="fail",
                                message=f"缺少{part_name(key)}",
                                evidence=[Evidence(kind="section", path=f"sections.{key}")]))
        penalty += c.missing_section_penalty
    cell_findings, cell_penalty = _cells(report, config)
    findings += cell_findings
    penalty += cell_penalty
    fees = report.narrative.fees
    if fees.text is None:
        findings.append(Finding(code="fee_statement_missing", severity="fail",
                                message=f"未说明是否收取信息处理费（应在{part_name('other')}说明）"))
        penalty += c.fee_statement_penalty
    elif _compact(fees.text) not in _compact(report.sections.get("other", "")):  # PDF line breaks aside
        findings.append(Finding(code="fee_statement_elsewhere", severity="warn",
                                message=f"关于信息处理费的说明不在{part_name('other')}",
                                evidence=[Evidence(kind="sentence", text=fees.text)]))
    overview = report.sections.get("overview", "")
    if "overview" in report.sections:
        for topic in c.topics:
            if not any(word in overview for word in topic.words):
                findings.append(Finding(code="topic_missing", severity="warn",
                                        message=f"{part_name('overview')}未提及“{topic.topic}”",
                                        evidence=[Evidence(kind="section", path="sections.overview")]))
                penalty += c.topic_penalty
    if report.report.year is None:
        findings.append(Finding(code="year_missing", severity="fail", message=WARNING_NAMES["year_unknown"]))
        penalty += c.year_missing_penalty
    findings += _year_mismatches(report)
    penalty += c.year_mismatch_penalty * sum(f.code == "year_inconsistent" for f in findings)
    score = round(max(0.0, 1.0 - penalty), 4)
    status: Status = "fail" if any(f.severity == "fail" for f in findings) else ("warn" if findings else "pass")
    summary = "内容完整" if not findings else "；".join(dict.fromkeys(f.message for f in findings[:3]))
    return DimensionResult(dimension="completeness", status=status, score=score, summary=summary, findings=findings,
                           details={"missing_sections": missing})
