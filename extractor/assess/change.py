"""Explained change: the headline indicators year over year, and whether a large change is
explained in the prose (a sentence that names the indicator and a change word: 增加, 下降, 同比 …)."""

from __future__ import annotations

from .accuracy import cell_number
from .config import AssessConfig, Indicator
from .prose import Sentence, sentences
from .sources import ReportItem
from .verdict import DimensionResult, Evidence, Finding, IndicatorChange, Status
from .words import report_name


def indicator_value(item: ReportItem, indicator: Indicator) -> float | None:
    """The indicator in one report: the sum of its cells, or the largest published count in 条."""
    report = item.report
    if indicator.narrative == "published_max":
        counts = [float(p.value) for p in report.narrative.published if p.value is not None and p.unit == "条"]
        return max(counts) if counts else None
    total = 0.0
    for path in indicator.cells:
        table, row, col = path.split(".")
        if row not in report.tables.get(table, {}):
            return None  # not in this template (e.g. 2021-only rows in a 2019 report)
        value = cell_number(report, table, row, col)
        if value is None:
            return None
        total += value
    return total


def _explaining(found: list[Sentence], indicator: Indicator, words: list[str]) -> Sentence | None:
    for sentence in found:
        if any(w in sentence.text for w in indicator.words) and any(w in sentence.text for w in words):
            return sentence
    return None


def changes(item: ReportItem, previous: ReportItem, config: AssessConfig) -> list[IndicatorChange]:
    rules = config.change
    found = sentences(item.report)
    out: dict[str, IndicatorChange] = {}
    for indicator in rules.indicators:
        cur, prev = indicator_value(item, indicator), indicator_value(previous, indicator)
        delta = None if cur is None or prev is None else cur - prev
        relative = None if delta is None or not prev else round(delta / prev, 4)
        large = delta is not None and abs(delta) >= rules.large_absolute and (not prev or abs(delta) >= rules.large_relative * prev)
        explained: bool | None = None
        evidence: Evidence | None = None
        if large:
            sentence = _explaining(found, indicator, rules.change_words)
            parent = out.get(indicator.explained_by or "")
            if sentence is None and parent is not None and parent.explained and parent.change is not None \
                    and delta is not None and (parent.change > 0) == (delta > 0):
                evidence = parent.sentence  # results follow requests: the same sentence explains both
                explained = True
            else:
                explained = sentence is not None
                if sentence is not None:
                    evidence = Evidence(kind="sentence", path=f"sections.{sentence.section}",
                                        span=(sentence.start, sentence.end), text=sentence.text)
        out[indicator.key] = IndicatorChange(
            agency=item.report.report.agency, agency_key=item.agency_key, year=item.year or 0,
            previous_year=previous.year or 0, file=item.file, previous_file=previous.file, indicator=indicator.key,
            label=indicator.label, previous=prev, current=cur, change=delta, relative=relative, large=large,
            explained=explained, sentence=evidence)
    return list(out.values())


def assess_change(item: ReportItem, previous: ReportItem | None, config: AssessConfig) -> tuple[DimensionResult, list[IndicatorChange]]:
    if previous is None:
        return DimensionResult(dimension="change", status="unknown", score=None,
                               summary="本批次中没有该机关上一年度的报告"), []
    found = changes(item, previous, config)
    large = [c for c in found if c.large]
    findings: list[Finding] = []
    for c in large:
        direction = "增至" if (c.change or 0) > 0 else "降至"
        rel = f"（{c.relative:+.0%}）" if c.relative is not None else ""
        what = f"{c.label}由 {c.previous_year} 年度的 {c.previous:g} {direction} {c.current:g}{rel}"
        cells = [Evidence(kind="cell", path=f"tables.{p}", value=c.current) for p in
                 next(i.cells for i in config.change.indicators if i.key == c.indicator)]
        if c.explained:
            findings.append(Finding(code="change_explained", severity="info", message=f"{what}，报告作了说明",
                                    evidence=[*cells, *([c.sentence] if c.sentence else [])]))
        else:
            findings.append(Finding(code="change_unexplained", severity="warn",
                                    message=f"{what}，报告中没有说明这一变化的句子", evidence=cells))
    unexplained = sum(1 for c in large if not c.explained)
    score = 1.0 if not large else round(1 - unexplained / len(large), 4)
    status: Status = "warn" if unexplained else "pass"
    since = f"与 {report_name(previous.year)}相比"
    told = f"{unexplained} 项未作说明" if unexplained else "均已说明"
    summary = f"{since}有 {len(large)} 项指标大幅变化，{told}" if large else f"{since}没有大幅变化"
    return DimensionResult(dimension="change", status=status, score=score, summary=summary, findings=findings,
                           details={"previous_year": previous.year, "large": [c.indicator for c in large]}), found
