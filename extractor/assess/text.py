"""Verdicts for the terminal, in the Chinese of the HTML pages: one block per report, the findings and
their evidence on request."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from ..review.layout import cell_labels
from .verdict import Assessment, Evidence, Verdict
from .words import (
    DIMENSION_NAMES,
    EVIDENCE_NAMES,
    SEVERITY_NAMES,
    STATUS_NAMES,
    UNKNOWN_AGENCY,
    kind_name,
    year_name,
)

_SHORT = 60  # characters of a quoted passage on the terminal; JSON, XLSX and HTML keep it whole
_STATUS_WIDTH = 8  # terminal columns of the widest status name (无法判断)
_DIMENSION_WIDTH = 10


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-justify to a terminal width."""
    return text + " " * max(0, width - _width(text))


def pad_left(text: str, width: int) -> str:
    """Right-justify to a terminal width (numbers under a Chinese heading)."""
    return " " * max(0, width - _width(text)) + text


def _short(text: str) -> str:
    flat = "".join(text.split("\n"))
    return flat if len(flat) <= _SHORT else flat[:_SHORT] + "…"


def _evidence(e: Evidence, labels: Mapping[str, str]) -> str:
    """One piece of evidence: its kind, the cell's printed label, where it is, its value and text."""
    label = labels.get(e.path or "", "") if e.kind == "cell" else ""
    where = f"{label} {e.path}" if label else (e.path or "")
    if e.span:
        where += f"[{e.span[0]}:{e.span[1]}]"
    if e.page:
        where += f" 第{e.page}页"
    text = f" “{_short(e.text)}”" if e.text else ""
    value = f" = {e.value}" if e.value is not None and e.kind == "cell" else ""
    span = f"[{e.other_span[0]}:{e.other_span[1]}]" if e.other_span else ""
    other = f"  ↔ {e.other_file} {e.other_path or ''}{span}" if e.other_file else ""
    return f"{EVIDENCE_NAMES[e.kind]} {where}{value}{text}{other}"


def render_verdict(v: Verdict, details: bool = False) -> list[str]:
    score = "—" if v.score is None else f"{v.score:.1f}"
    lines = [f"{v.agency or UNKNOWN_AGENCY} {year_name(v.year)} [{kind_name(v.agency_kind)}] "
             f"{v.file}  总分 {score}  {STATUS_NAMES[v.status]}"]
    labels = cell_labels(v.template)
    for name, d in v.dimensions.items():
        lines.append(f"  {pad(DIMENSION_NAMES.get(name, name), _DIMENSION_WIDTH)}"
                     f"{pad(STATUS_NAMES[d.status], _STATUS_WIDTH)}  {d.summary}")
        if details:
            for f in d.findings:
                lines.append(f"      {SEVERITY_NAMES[f.severity]}：{f.message}")
                lines += [f"          {_evidence(e, labels)}" for e in f.evidence[:6]]
    return lines


def render_assessment(a: Assessment, details: bool = False) -> str:
    lines: list[str] = []
    for v in a.verdicts:
        lines += render_verdict(v, details)
    counts = {s: sum(1 for v in a.verdicts if v.status == s) for s in STATUS_NAMES}
    lines.append(f"共 {len(a.verdicts)} 份报告：" + "，".join(f"{STATUS_NAMES[s]} {n} 份" for s, n in counts.items())
                 + f"（规则 {a.config_digest}）")
    lines += [f"未能评估 {e.file}：{e.reason}" for e in a.errors]
    return "\n".join(lines)
