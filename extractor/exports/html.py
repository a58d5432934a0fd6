"""Printable, self-contained HTML: a region overview (agencies × dimensions, sortable, every cell a
link to its evidence) and one page per agency (verdicts by year, indicator trends, year-over-year
changes, every finding with its cells, sentences, dates and shared passages).

Pages need nothing from the network: styles and the small sorting script are inline, charts are
inline SVG drawn on the server (charts.py). Text uses the reader's CJK fonts (Noto Sans CJK, Source
Han Sans, PingFang, Microsoft YaHei …); the charts carry their own glyphs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..assess.change import indicator_value
from ..assess.config import AssessConfig, load_config
from ..assess.similarity import key_of
from ..assess.sources import ReportItem
from ..assess.verdict import Assessment, Evidence, Verdict
from ..assess.words import (
    DIMENSION_NAMES,
    EVIDENCE_NAMES,
    SEVERITY_NAMES,
    STATUS_NAMES,
    UNKNOWN_AGENCY,
    kind_name,
)
from ..review.layout import cell_labels
from .charts import failures_chart, trend_chart

_SEVERITY_CSS = {"fail": "fail", "warn": "warn", "info": "pass"}
_RANK = {"fail": 0, "warn": 1, "unknown": 2, "pass": 3}


def _env() -> Environment:
    return Environment(loader=PackageLoader("extractor.exports", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def page_name(verdict: Verdict) -> str:
    """One page per agency (by its key); a report without an agency gets a page of its own."""
    basis = verdict.agency_key or f"report:{verdict.sha256}:{verdict.file}"
    return f"agency-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:10]}.html"


def _anchor(verdict: Verdict, dimension: str | None = None) -> str:
    year = str(verdict.year) if verdict.year is not None else "x" + verdict.sha256[:6]
    return f"y{year}" + (f"-{dimension}" if dimension else "")


def _cells(verdict: Verdict) -> list[dict[str, Any]]:
    return [{"status": d.status, "label": STATUS_NAMES[d.status], "score": d.score, "summary": d.summary,
             "rank": _RANK[d.status] * 1000 + (d.score if d.score is not None else 0) * 100,
             "anchor": _anchor(verdict, name)} for name, d in verdict.dimensions.items()]


def _where(e: Evidence) -> str:
    where = e.path or ""
    if e.span:
        where += f" [{e.span[0]}–{e.span[1]}]"
    if e.page:
        where += f" 第{e.page}页"
    return where


def _evidence(e: Evidence, labels: Mapping[str, str]) -> dict[str, Any]:
    """One piece of evidence for the page; a cell also by its printed row and column label."""
    other = None
    if e.other_file:
        other = Path(e.other_file).name + (f" {e.other_path}" if e.other_path else "") + \
            (f" [{e.other_span[0]}–{e.other_span[1]}]" if e.other_span else "")
    value = e.value if e.kind in ("cell", "date") else None
    label = labels.get(e.path or "") if e.kind == "cell" else None
    return {"kind_label": EVIDENCE_NAMES[e.kind], "label": label, "where": _where(e), "value": value, "text": e.text,
            "other": other}


def _dimensions(verdict: Verdict) -> list[dict[str, Any]]:
    out = []
    labels = cell_labels(verdict.template)
    for name, d in verdict.dimensions.items():
        out.append({"anchor": _anchor(verdict, name), "label": DIMENSION_NAMES[name], "status": d.status,
                    "status_label": STATUS_NAMES[d.status], "score": d.score, "summary": d.summary,
                    "findings": [{"severity_label": SEVERITY_NAMES[f.severity], "css": _SEVERITY_CSS[f.severity],
                                  "message": f.message, "evidence": [_evidence(e, labels) for e in f.evidence[:12]]}
                                 for f in d.findings]})
    return out


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+g}" if signed else f"{value:g}"


def _trend(verdicts: list[Verdict], items: dict[str, ReportItem], config: AssessConfig) -> str:
    dated = sorted({v.year for v in verdicts if v.year is not None})
    if len(dated) < 2:
        return ""
    first: dict[int, ReportItem] = {}
    for v in sorted(verdicts, key=lambda v: v.sha256):
        item = items.get(f"{v.sha256}|{v.file}")
        if v.year is not None and item is not None:
            first.setdefault(v.year, item)
    series = {ind.label: [indicator_value(first[y], ind) if y in first else None for y in dated]
              for ind in config.change.indicators}
    return trend_chart(dated, series)


def write_html(assessment: Assessment, items: Iterable[ReportItem], folder: Path,
               config: AssessConfig | None = None, title: str = "政府信息公开工作年度报告评估 · 区域总览") -> list[Path]:
    """index.html (the overview) and one agency-*.html per agency; returns the pages written."""
    config = config or load_config()
    env = _env()
    folder.mkdir(parents=True, exist_ok=True)
    by_key = {key_of(i): i for i in items}
    pages: dict[str, list[Verdict]] = defaultdict(list)
    for v in assessment.verdicts:
        pages[page_name(v)].append(v)
    common = {"config_digest": assessment.config_digest, "dimension_labels": DIMENSION_NAMES}
    written: list[Path] = []
    for name, verdicts in sorted(pages.items()):
        verdicts.sort(key=lambda v: (v.year or 0, v.file))
        first = verdicts[0]
        rule = config.deadline_for(first.agency_kind) if first.agency_kind else None
        keys = {v.agency_key for v in verdicts}
        changes = [c for c in assessment.changes if c.agency_key in keys and c.agency_key is not None
                   and c.file in {v.file for v in verdicts}]
        html = env.get_template("agency.html.j2").render(
            **common, agency=first.agency or UNKNOWN_AGENCY, kind_label=kind_name(first.agency_kind),
            rule=rule, changes=changes, fmt=_fmt, trend_svg=_trend(verdicts, by_key, config),
            years=[{"year": v.year, "anchor": _anchor(v)[1:], "file": Path(v.file).name,
                    "published": v.published.isoformat() if v.published else None, "score": v.score,
                    "previous_file": Path(v.previous_file).name if v.previous_file else None,
                    "cells": _cells(v), "dimensions": _dimensions(v)} for v in reversed(verdicts)])
        (folder / name).write_text(html, encoding="utf-8")
        written.append(folder / name)
    per_agency: Counter[tuple[str, str]] = Counter()
    for v in assessment.verdicts:
        who = v.agency or UNKNOWN_AGENCY
        for d in v.dimensions.values():
            for f in d.findings:
                if f.severity in ("fail", "warn"):
                    per_agency[(who, f.severity)] += 1
    agencies = sorted({v.agency or UNKNOWN_AGENCY for v in assessment.verdicts},
                      key=lambda a: (-(per_agency[(a, "fail")] * 100 + per_agency[(a, "warn")]), a))
    rows = [{"agency": v.agency or UNKNOWN_AGENCY, "kind": v.agency_kind or "",
             "kind_label": kind_name(v.agency_kind), "year": v.year,
             "page": page_name(v), "cells": _cells(v), "score": v.score} for v in assessment.verdicts]
    counts: Counter[str] = Counter(v.status for v in assessment.verdicts)
    html = env.get_template("overview.html.j2").render(
        **common, title=title, rows=rows, verdicts=assessment.verdicts, agencies=len(pages),
        years=sorted({v.year for v in assessment.verdicts if v.year is not None}), status_labels=STATUS_NAMES,
        counts={s: counts.get(s, 0) for s in STATUS_NAMES}, errors=assessment.errors,
        failures_svg=failures_chart(agencies, {s: [per_agency[(a, s)] for a in agencies] for s in ("fail", "warn")}))
    (folder / "index.html").write_text(html, encoding="utf-8")
    return [folder / "index.html", *written]
