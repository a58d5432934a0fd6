"""The assessment of a batch: group by agency (normalised name), find each report's previous year,
judge the five dimensions and weigh them into one score per report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .accuracy import assess_accuracy
from .change import assess_change
from .completeness import assess_completeness
from .config import DIMENSIONS, AssessConfig
from .similarity import SimilarityIndex, build_index, compare_pair, is_copy, key_of
from .sources import ReportItem, by_name
from .timeliness import agency_kind, assess_timeliness
from .verdict import (
    Assessment,
    DimensionResult,
    Evidence,
    Finding,
    IndicatorChange,
    InputError,
    Severity,
    SimilarPair,
    Status,
    Verdict,
)
from .words import UNKNOWN_AGENCY, report_name

_RANK = {"fail": 3, "warn": 2, "pass": 1, "unknown": 0}


def previous_years(items: Sequence[ReportItem]) -> dict[str, ReportItem]:
    """Each report's previous-year report of the same agency (key_of → item).

    With several reports for one agency and year, the one with the smallest sha256 stands for it
    (as the cross-year checks of the database do), so the pairing does not depend on input order.
    """
    primary: dict[tuple[str, int], ReportItem] = {}
    for item in sorted(items, key=lambda i: (i.sha256, i.file)):
        if item.agency_key is not None and item.year is not None:
            primary.setdefault((item.agency_key, item.year), item)
    out: dict[str, ReportItem] = {}
    for item in items:
        if item.agency_key is not None and item.year is not None:
            prev = primary.get((item.agency_key, item.year - 1))
            if prev is not None:
                out[key_of(item)] = prev
    return out


def _copy_pairs(items: Sequence[ReportItem], index: SimilarityIndex, previous: dict[str, ReportItem],
                config: AssessConfig) -> dict[str, list[SimilarPair]]:
    """Similar pairs per report: its previous year always, other agencies where the containment warns."""
    rules = config.copy_
    found: dict[str, list[SimilarPair]] = defaultdict(list)
    for item in items:
        prev = previous.get(key_of(item))
        if prev is not None:
            found[key_of(item)].append(compare_pair(index, key_of(item), key_of(prev), "previous_year", rules))
    agency = {key_of(i): i.agency_key for i in items}
    for a, b in sorted(index.candidates):
        if agency[a] is not None and agency[a] == agency[b]:
            continue  # the same body: its years are compared above
        for one, other in ((a, b), (b, a)):
            if is_copy(index, one, other, rules.warn, rules):
                found[one].append(compare_pair(index, one, other, "other_agency", rules))
    return found


def _assess_copy(item: ReportItem, pairs: list[SimilarPair], index: SimilarityIndex,
                 config: AssessConfig) -> DimensionResult:
    rules = config.copy_
    chars = index.prose[key_of(item)].chars
    prev = next((p for p in pairs if p.relation == "previous_year"), None)
    details: dict[str, object] = {"prose_chars": chars, "previous_year": prev.containment if prev else None,
                                  "others": {p.other_file: p.containment for p in pairs if p.relation == "other_agency"}}
    if chars < rules.min_chars:
        return DimensionResult(dimension="copy", status="unknown", score=None, details=details,
                               summary=f"正文文字过少（{chars} 字），不作雷同比对")
    findings: list[Finding] = []
    score = 1.0
    for pair in sorted(pairs, key=lambda p: (p.relation != "previous_year", -p.containment, p.other_file)):
        if pair.containment < rules.warn or pair.distinct < rules.distinct_min:
            continue
        severity: Severity = "fail" if pair.containment >= rules.fail else "warn"
        score = min(score, max(0.0, 1 - (pair.containment - rules.warn) / (rules.fail - rules.warn)))
        who = (f"本机关 {report_name(pair.other_year)}" if pair.relation == "previous_year"
               else f"{pair.other_agency or UNKNOWN_AGENCY} {report_name(pair.other_year)}（{pair.other_file}）")
        code = "copied_previous_year" if pair.relation == "previous_year" else "shared_with_other_agency"
        evidence = [Evidence(kind="passage", path=f"sections.{p.section}", span=p.span, text=p.text,
                             other_file=pair.other_file, other_path=f"sections.{p.other_section}",
                             other_span=p.other_span, value=p.chars) for p in pair.passages]
        findings.append(Finding(code=code, severity=severity, evidence=evidence,
                                message=f"正文的 {pair.containment:.0%}（数字、机关名称不计）与{who}相同"))
    if not findings:
        best = max((p.containment for p in pairs), default=0.0)
        summary = f"未发现雷同（最高重合比例 {best:.0%}）" if pairs else "未发现雷同（本批次中没有相似的报告）"
        return DimensionResult(dimension="copy", status="pass", score=1.0, summary=summary, details=details)
    status: Status = "fail" if any(f.severity == "fail" for f in findings) else "warn"
    return DimensionResult(dimension="copy", status=status, score=round(score, 4), summary=findings[0].message,
                           findings=findings, details=details)


def _overall(dimensions: dict[str, DimensionResult], config: AssessConfig) -> tuple[float | None, Status]:
    judged = {k: d for k, d in dimensions.items() if d.score is not None and config.weights.get(k, 0) > 0}
    statuses: list[Status] = [d.status for d in dimensions.values()]
    status: Status = max(statuses, key=lambda s: _RANK[s], default="unknown")
    if not judged:
        return None, status
    weight = sum(config.weights[k] for k in judged)
    return round(100 * sum(config.weights[k] * (d.score or 0.0) for k, d in judged.items()) / weight, 1), status


def assess_items(items: Sequence[ReportItem], config: AssessConfig,
                 errors: Sequence[InputError] = ()) -> Assessment:
    """One verdict per report (same file twice counts once), in agency/year order."""
    unique = by_name({key_of(i): i for i in items}.values())
    previous = previous_years(unique)
    index = build_index(unique, config.copy_)
    pairs = _copy_pairs(unique, index, previous, config)
    verdicts: list[Verdict] = []
    all_changes: list[IndicatorChange] = []
    for item in unique:
        prev = previous.get(key_of(item))
        kind = agency_kind(item.report.report.agency, config)
        change, found = assess_change(item, prev, config)
        all_changes += found
        dims = {
            "timeliness": assess_timeliness(item, kind, config),
            "completeness": assess_completeness(item, config),
            "accuracy": assess_accuracy(item, prev, config),
            "copy": _assess_copy(item, pairs.get(key_of(item), []), index, config),
            "change": change,
        }
        dims = {k: dims[k] for k in DIMENSIONS}
        score, status = _overall(dims, config)
        info = item.report.report
        verdicts.append(Verdict(
            file=item.file, sha256=item.sha256, agency=info.agency, agency_key=item.agency_key, agency_kind=kind,
            year=info.year, template=info.template,
            published=info.publication_date.date if info.publication_date else None,
            previous_file=prev.file if prev else None, dimensions=dims, score=score, status=status))
    all_pairs = [p for key in sorted(pairs) for p in pairs[key]]
    return Assessment(config_digest=config.digest, verdicts=verdicts, pairs=all_pairs, changes=all_changes,
                      errors=list(errors))
