"""Measurement 1: seconds per page of extraction on text PDFs against raw PyMuPDF, same files, same run.

Each file is timed `reps` times, alternating which of the two goes first; the median per file is
kept. Stage shares come from the `timings` that `pipeline.run` records.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from .baselines import time_raw
from .common import Workspace, log, ratio

TARGET_S_PER_PAGE = 0.1
STAGES = ("read", "sections", "rows", "mapping", "checks", "narrative")


def measure_files(ws: Workspace, paths: list[Path], reps: int) -> dict[str, Any]:
    """Extraction vs raw PyMuPDF on these PDFs: s/page of both, their ratio, stage shares, per file."""
    per_file: list[dict[str, Any]] = []
    stage_sums = dict.fromkeys(STAGES, 0.0)
    total_sum = 0.0
    failures: list[str] = []
    for path in paths:
        ours: list[float] = []
        raw: list[float] = []
        pages = 1
        for rep in range(reps):
            if rep % 2:
                raw.append(time_raw(path))
            timed = ws.extract(path, reuse=False)
            if rep % 2 == 0:
                raw.append(time_raw(path))
            if timed.error:
                failures.append(f"{path.name}: {timed.error}")
                break
            ours.append(timed.seconds)
            pages = timed.pages
            total_sum += timed.seconds
            for stage in STAGES:
                stage_sums[stage] += timed.stages.get(stage, 0.0)
        if not ours:
            continue
        per_file.append({"file": path.name, "pages": pages, "extract_s": round(statistics.median(ours), 4),
                         "pymupdf_s": round(statistics.median(raw), 4)})
    pages_total = sum(f["pages"] for f in per_file)
    ours_total = sum(f["extract_s"] for f in per_file)
    raw_total = sum(f["pymupdf_s"] for f in per_file)
    ours_pp = ours_total / pages_total if pages_total else 0.0
    raw_pp = raw_total / pages_total if pages_total else 0.0
    shares = {s: round(v / total_sum, 4) if total_sum else 0.0 for s, v in stage_sums.items()}
    shares["other"] = round(max(0.0, 1.0 - sum(shares.values())), 4)
    return {
        "files": len(per_file),
        "pages": pages_total,
        "reps": reps,
        "extract_s_per_page": round(ours_pp, 4),
        "pymupdf_s_per_page": round(raw_pp, 4),
        "ratio_vs_pymupdf": ratio(ours_pp, raw_pp),
        "target_s_per_page": TARGET_S_PER_PAGE,
        "meets_target": bool(per_file) and ours_pp <= TARGET_S_PER_PAGE,
        "stage_share": shares,
        "failures": failures,
        "per_file": per_file,
    }


def measure(ws: Workspace) -> dict[str, Any]:
    """Real corpus PDFs (when present) and generated PDFs, each set on its own."""
    out: dict[str, Any] = {}
    corpus = ws.corpus_files([".pdf"])
    if corpus:
        log(f"pdf: {len(corpus)} corpus PDFs")
        out["corpus"] = measure_files(ws, corpus, reps=1 if ws.quick else 5)
    else:
        out["corpus"] = {"skipped": f"no PDFs in {ws.corpus} (the real-report corpus is not on this machine)"}
    generated = ws.generate("pdf", 2 if ws.quick else 20, "pdf")
    log(f"pdf: {len(generated)} generated PDFs")
    out["generated"] = measure_files(ws, generated, reps=1 if ws.quick else 3)
    return out
