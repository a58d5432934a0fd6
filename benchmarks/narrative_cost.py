"""Measurement 3: milliseconds the narrative stage adds per report (the `narrative` timing).

Uses the corpus reports of every format and generated reports; files another measurement already
extracted in this run are not extracted again (their stage timings are reused).
"""

from __future__ import annotations

from typing import Any

from . import format_speed
from .common import Workspace, log, summary_ms

TARGET_MS = 50.0


def _stats(times: list[float], totals: list[float]) -> dict[str, Any]:
    out: dict[str, Any] = {"reports": len(times), **summary_ms(times)}
    out["share_of_extract"] = round(sum(times) / sum(totals), 4) if sum(totals) else 0.0
    out["meets_target"] = bool(times) and out["mean_ms"] <= TARGET_MS
    return out


def measure(ws: Workspace) -> dict[str, Any]:
    """Narrative ms per report: per corpus file, corpus overall, generated overall."""
    out: dict[str, Any] = {"target_ms": TARGET_MS}
    corpus = ws.corpus_files([".pdf", ".txt", ".html", ".htm", ".docx"])
    if corpus:
        runs = {p.name: ws.extract(p) for p in corpus}
        ok = {name: t for name, t in runs.items() if not t.error}
        out["corpus"] = _stats([t.stages["narrative"] for t in ok.values()], [t.seconds for t in ok.values()])
        out["corpus"]["per_file_ms"] = {name: round(1000 * t.stages["narrative"], 1) for name, t in ok.items()}
    else:
        out["corpus"] = {"skipped": f"no corpus at {ws.corpus}"}
    per_format = 2 if ws.quick else 20
    generated = []
    for fmt in format_speed.FORMATS:
        have = ws.generated.get(format_speed.key(fmt))
        generated += have if have else ws.generate(format_speed.key(fmt), per_format, fmt)
    log(f"narrative: {len(generated)} generated reports")
    runs_g = [t for t in (ws.extract(p) for p in generated) if not t.error]
    out["generated"] = _stats([t.stages["narrative"] for t in runs_g], [t.seconds for t in runs_g])
    return out
