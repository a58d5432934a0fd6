"""Measurement `assess`: verdicts for generated regions — agreement with the gold's expected
verdicts, and the time the assessment takes once the reports are extracted.

Regions come from extractor.synth.generate_region (6 agencies × 3 years each, text and HTML). The
copy-paste dimension is the only part that compares reports with each other; its baseline, timed
in the same run, is the naive way: difflib on every pair of full prose texts (timed on a sample of
pairs and multiplied out to all pairs — labelled as an extrapolation).
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from .common import Workspace, log, ratio, seconds

_TIMELINESS = {"on_time": "pass", "late": "fail", "unknown": "unknown"}


def _agreement(assessment: Any) -> dict[str, list[int]]:
    """Per expectation: [agreeing, total]."""
    out: dict[str, list[int]] = {k: [0, 0] for k in ("timeliness", "missing_section", "copy", "change", "accuracy")}

    def count(key: str, ok: bool) -> None:
        out[key][0] += int(ok)
        out[key][1] += 1

    for v in assessment.verdicts:
        path = Path(v.file)
        gold = json.loads(path.with_name(path.name.split(".")[0] + ".gold.json").read_text("utf-8"))["assessment"]
        count("timeliness", v.dimensions["timeliness"].status == _TIMELINESS[gold["timeliness"]])
        count("missing_section", v.dimensions["completeness"].details["missing_sections"] == gold["missing_sections"])
        copied = gold.get("copied_from_previous_year") or gold.get("shares_template_with")
        count("copy", (v.dimensions["copy"].status == "fail") == bool(copied))
        want = gold["change"].get("requests_received")
        if want is not None:
            found = [c for c in assessment.changes if c.file == v.file and c.indicator == "requests_received"]
            count("change", bool(found) and found[0].large and found[0].explained == (want == "explained"))
        count("accuracy", (v.dimensions["accuracy"].status == "fail") == bool(gold.get("failing_relations")))
    return out


def measure(ws: Workspace) -> dict[str, Any]:
    from extractor.api import extract
    from extractor.assess import assess_items, load_config
    from extractor.assess.run import _copy_pairs, previous_years
    from extractor.assess.similarity import build_index
    from extractor.assess.sources import ReportItem
    from extractor.synth import generate_region

    regions = 2 if ws.quick else 12
    ws.warm_up()
    paths: list[Path] = []
    for k in range(regions):
        paths += generate_region(ws.root / "assess" / f"r{k}", seed=ws.seed + k, formats=("txt", "html"))
    start = time.perf_counter()
    items = [ReportItem(str(p), str(k), extract(p)) for k, p in enumerate(paths)]
    extract_s = seconds(start)
    log(f"assess: extracted {len(items)} region reports in {extract_s:.1f} s")
    config = load_config()
    start = time.perf_counter()
    assessment = assess_items(items, config)
    assess_s = seconds(start)
    start = time.perf_counter()
    index = build_index(items, config.copy_)
    _copy_pairs(items, index, previous_years(items), config)
    similarity_s = seconds(start)
    n = len(items)
    all_pairs = n * (n - 1) // 2
    texts = ["".join(s.masked for s in index.prose[key].sentences) for key in sorted(index.prose)]
    rng = random.Random(ws.seed)
    sample = [tuple(rng.sample(range(n), 2)) for _ in range(min(200, all_pairs))]
    import difflib

    start = time.perf_counter()
    for a, b in sample:
        difflib.SequenceMatcher(None, texts[a], texts[b], autojunk=False).ratio()
    difflib_all_s = seconds(start) / len(sample) * all_pairs
    agreement = _agreement(assessment)
    return {
        "regions": regions, "reports": n, "extract_s": round(extract_s, 1),
        "assess_s": round(assess_s, 2), "assess_ms_per_report": round(1000 * assess_s / n, 1),
        "similarity_s": round(similarity_s, 2), "candidate_pairs": len(index.candidates), "all_pairs": all_pairs,
        "difflib_all_pairs_s_extrapolated": round(difflib_all_s, 1),
        "speedup_vs_difflib": ratio(difflib_all_s, similarity_s),
        "agreement": {k: {"agree": a, "total": t} for k, (a, t) in agreement.items()},
    }
