"""Timeliness: the stated publication date against the legal deadline for the kind of agency.

The kind comes from the agency's name (config [agency_kind]: patterns and overrides); the deadline
and the article it comes from are config too. No printed or stated date → "unknown", never a guess.
A deadline missed only by a PDF's file metadata is a warning: files are re-saved after publication.
"""

from __future__ import annotations

import datetime as dt
import re

from ..agency import normalise_agency
from .config import AssessConfig
from .sources import ReportItem
from .verdict import DimensionResult, Evidence, Finding
from .words import DATE_SOURCES, kind_name

_FILE_METADATA = ("pdf_creation_date", "pdf_mod_date", "docx_created", "docx_modified")


def agency_kind(agency: str | None, config: AssessConfig) -> str | None:
    """government / department / township (or a config's own kind) from the name; None without a name."""
    key = normalise_agency(agency)
    if key is None:
        return None
    rules = config.agency_kind
    if key in rules.overrides:
        return rules.overrides[key]
    for rule in rules.patterns:
        if re.search(rule.pattern, key):
            return rule.kind
    return rules.default


def assess_timeliness(item: ReportItem, kind: str | None, config: AssessConfig) -> DimensionResult:
    info = item.report.report
    published = info.publication_date
    rules = config.timeliness
    if info.year is None:
        return DimensionResult(dimension="timeliness", status="unknown", score=None,
                               summary="报告年度不明，无法确定公布期限")
    if kind is None:
        return DimensionResult(dimension="timeliness", status="unknown", score=None,
                               summary="机关名称不明，无法确定公布期限")
    rule = config.deadline_for(kind)
    if rule is None:
        return DimensionResult(dimension="timeliness", status="unknown", score=None,
                               summary=f"评估规则未规定“{kind_name(kind)}”类机关的公布期限")
    deadline = dt.date(info.year + 1, rule.month, rule.day)
    details: dict[str, object] = {"deadline": deadline.isoformat(), "kind": kind, "rule": rule.rule,
                                  "rule_source": rule.source}
    if published is None:
        return DimensionResult(
            dimension="timeliness", status="unknown", score=None, details=details,
            summary=f"未注明发布日期（公布期限 {deadline:%Y-%m-%d}，{rule.source}）",
            findings=[Finding(code="no_publication_date", severity="info",
                              message="报告未印发布日期，文件属性中也没有日期")])
    days = (published.date - deadline).days
    details |= {"published": published.date.isoformat(), "source": published.source, "days_late": max(days, 0)}
    evidence = [Evidence(kind="date", path="report.publication_date", text=published.text,
                         value=published.date.isoformat(), page=published.page)]
    source = DATE_SOURCES.get(published.source, published.source)
    where = "文件属性" if published.source in _FILE_METADATA else "报告"
    if days <= 0:
        return DimensionResult(
            dimension="timeliness", status="pass", score=1.0, details=details,
            summary=f"{published.date:%Y-%m-%d} 发布（{source}），未超过公布期限 {deadline:%Y-%m-%d}",
            findings=[Finding(code="on_time", severity="info", evidence=evidence,
                              message=f"{where}所示发布日期为 {published.date:%Y-%m-%d}，公布期限 {deadline:%Y-%m-%d}"
                                      f"（{rule.source}）")])
    severity = rules.metadata_late_severity if published.source in _FILE_METADATA else "fail"
    score = max(0.0, 1.0 - days / rules.late_days_to_zero)
    return DimensionResult(
        dimension="timeliness", status="fail" if severity == "fail" else "warn", score=round(score, 4),
        details=details,
        summary=f"{published.date:%Y-%m-%d} 发布（{source}），比公布期限 {deadline:%Y-%m-%d} 晚 {days} 天",
        findings=[Finding(code="late", severity=severity, evidence=evidence,
                          message=f"{where}所示发布日期为 {published.date:%Y-%m-%d}，比公布期限 {deadline:%Y-%m-%d} 晚 "
                                  f"{days} 天（{rule.source}：{rule.rule}）")])
