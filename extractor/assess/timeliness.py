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
                               summary="report year unknown: no deadline to compare with")
    if kind is None:
        return DimensionResult(dimension="timeliness", status="unknown", score=None,
                               summary="agency unknown: its deadline cannot be told")
    rule = config.deadline_for(kind)
    if rule is None:
        return DimensionResult(dimension="timeliness", status="unknown", score=None,
                               summary=f"no deadline configured for agencies of kind {kind!r}")
    deadline = dt.date(info.year + 1, rule.month, rule.day)
    details: dict[str, object] = {"deadline": deadline.isoformat(), "kind": kind, "rule": rule.rule,
                                  "rule_source": rule.source}
    if published is None:
        return DimensionResult(
            dimension="timeliness", status="unknown", score=None, details=details,
            summary=f"no publication date printed or stated (deadline {deadline:%Y-%m-%d}, {rule.source})",
            findings=[Finding(code="no_publication_date", severity="info",
                              message="the report prints no publication date and its file states none")])
    days = (published.date - deadline).days
    details |= {"published": published.date.isoformat(), "source": published.source, "days_late": max(days, 0)}
    evidence = [Evidence(kind="date", path="report.publication_date", text=published.text,
                         value=published.date.isoformat(), page=published.page)]
    where = "file metadata" if published.source in _FILE_METADATA else "the report"
    if days <= 0:
        return DimensionResult(
            dimension="timeliness", status="pass", score=1.0, details=details,
            summary=f"published {published.date:%Y-%m-%d} ({published.source}), on time for {deadline:%Y-%m-%d}",
            findings=[Finding(code="on_time", severity="info", evidence=evidence,
                              message=f"{where} dates it {published.date:%Y-%m-%d}, deadline {deadline:%Y-%m-%d} "
                                      f"({rule.source})")])
    severity = rules.metadata_late_severity if published.source in _FILE_METADATA else "fail"
    score = max(0.0, 1.0 - days / rules.late_days_to_zero)
    return DimensionResult(
        dimension="timeliness", status="fail" if severity == "fail" else "warn", score=round(score, 4),
        details=details,
        summary=f"published {published.date:%Y-%m-%d} ({published.source}), {days} days after {deadline:%Y-%m-%d}",
        findings=[Finding(code="late", severity=severity, evidence=evidence,
                          message=f"{where} dates it {published.date:%Y-%m-%d}: {days} days after the deadline "
                                  f"{deadline:%Y-%m-%d} ({rule.source}: {rule.rule})")])
