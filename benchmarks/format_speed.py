"""Measurement 2: seconds per document and page for each input format, and cell accuracy.

The same number of generated reports per format (fixed seed, generated once); each file is read
once by its raw library (the baseline) and once extracted. Accuracy comes from
`extractor.evaluate.evaluate_folder`, run on each format's folder (the evaluator names formats by
file suffix, so html and html-flat would merge), which extracts every file again.
"""

from __future__ import annotations

from typing import Any

from .baselines import time_raw
from .common import Workspace, log, ratio, stdout_to_stderr

FORMATS = ("pdf", "docx", "html", "html-flat", "txt", "md")
FOLDER = "formats"


def key(fmt: str) -> str:
    """The workspace key (and subfolder) of one format's generated documents."""
    return f"{FOLDER}/{fmt}"


def measure(ws: Workspace) -> dict[str, Any]:
    """Per format: docs, pages, s/doc, s/page, raw-parse baseline and ratio, cell accuracy."""
    from extractor.evaluate import evaluate_folder

    n = 4 if ws.quick else 100
    per_format: dict[str, Any] = {}
    for fmt in FORMATS:
        paths = ws.generate(key(fmt), n, fmt)
        ours = raw = 0.0
        pages = 0
        failures: list[str] = []
        for path in paths:
            raw += time_raw(path)
            timed = ws.extract(path)
            ours += timed.seconds
            pages += timed.pages
            if timed.error:
                failures.append(f"{path.name}: {timed.error}")
        per_format[fmt] = {
            "documents": len(paths),
            "pages": pages,
            "s_per_doc": round(ours / len(paths), 4),
            "s_per_page": round(ours / max(pages, 1), 4),
            "raw_parse_s_per_doc": round(raw / len(paths), 4),
            "ratio_vs_raw_parse": ratio(ours, raw),
            "failures": failures,
        }
        log(f"formats: {fmt} {per_format[fmt]['s_per_doc']:.3f} s/doc")
    log(f"formats: evaluate_folder on {n * len(FORMATS)} documents")
    totals = dict.fromkeys(("documents", "right", "total", "abstained", "silent_errors", "template_ok"), 0)
    failures: list[dict[str, str]] = []
    with stdout_to_stderr():
        for fmt in FORMATS:
            scores = evaluate_folder(ws.root / key(fmt))
            cells = scores["cells"]
            per_format[fmt]["cell_accuracy"] = cells["accuracy"]
            per_format[fmt]["silent_errors"] = cells["silent_errors"]
            totals["documents"] += scores["documents"]
            totals["template_ok"] += round(scores["template_accuracy"] * scores["documents"])
            for name in ("right", "total", "abstained", "silent_errors"):
                totals[name] += cells[name]
            failures += scores["failures"]
    return {
        "per_format": per_format,
        "accuracy": {
            "documents": totals["documents"],
            "cells": {name: totals[name] for name in ("right", "total", "abstained", "silent_errors")}
            | {"accuracy": round(totals["right"] / max(totals["total"], 1), 4)},
            "template_accuracy": round(totals["template_ok"] / max(totals["documents"], 1), 4),
            "failures": failures,
        },
    }
