"""Verdicts for the terminal: one block per report, the findings and their evidence on request."""

from __future__ import annotations

from .verdict import Assessment, Evidence, Verdict

_MARK = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "unknown": "  ? "}


_SHORT = 60  # characters of a quoted passage on the terminal; JSON, XLSX and HTML keep it whole


def _short(text: str) -> str:
    flat = "".join(text.split("\n"))
    return flat if len(flat) <= _SHORT else flat[:_SHORT] + "…"


def _evidence(e: Evidence) -> str:
    where = e.path or ""
    if e.span:
        where += f"[{e.span[0]}:{e.span[1]}]"
    if e.page:
        where += f" p.{e.page}"
    text = f" “{_short(e.text)}”" if e.text else ""
    value = f" = {e.value}" if e.value is not None and e.kind == "cell" else ""
    span = f"[{e.other_span[0]}:{e.other_span[1]}]" if e.other_span else ""
    other = f"  ↔ {e.other_file} {e.other_path or ''}{span}" if e.other_file else ""
    return f"{e.kind} {where}{value}{text}{other}"


def render_verdict(v: Verdict, details: bool = False) -> list[str]:
    score = "—" if v.score is None else f"{v.score:.1f}"
    lines = [f"{v.agency or '(agency unknown)'} {v.year or '(year unknown)'} [{v.agency_kind or '?'}] "
             f"{v.file}  score {score}  {_MARK[v.status]}"]
    for name, d in v.dimensions.items():
        lines.append(f"  {name:<13}{_MARK[d.status]}  {d.summary}")
        if details:
            for f in d.findings:
                lines.append(f"      {f.severity}: {f.message}")
                lines += [f"          {_evidence(e)}" for e in f.evidence[:6]]
    return lines


def render_assessment(a: Assessment, details: bool = False) -> str:
    lines: list[str] = []
    for v in a.verdicts:
        lines += render_verdict(v, details)
    counts = {s: sum(1 for v in a.verdicts if v.status == s) for s in ("fail", "warn", "pass", "unknown")}
    lines.append(f"{len(a.verdicts)} reports: {counts['fail']} fail, {counts['warn']} warn, {counts['pass']} pass, "
                 f"{counts['unknown']} not judged (config {a.config_digest})")
    lines += [f"could not assess {e.file}: {e.reason}" for e in a.errors]
    return "\n".join(lines)
