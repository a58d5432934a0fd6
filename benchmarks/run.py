"""`make bench`: run the measurements, write results JSON + markdown, progress on stderr.

    .venv/bin/python benchmarks/run.py --out benchmarks/results/latest.json [--quick] [--only pdf]

Measurements: pdf (text PDF s/page vs raw PyMuPDF), formats (s/doc and accuracy per format),
narrative (ms per report), ocr (our OCR stage vs raw rapidocr), batch (reports/hour, 1 vs 2
workers), batch-scale (5,000 reports with 15 % scans into SQLite and PostgreSQL), assess (verdicts on
generated regions), loop (cells before/after correcting 20 reports of a new local template and
retraining), cold (a fresh `xxgk extract` process on a 5-page PDF, and `xxgk --help`). See
benchmarks/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: import the suite as the `benchmarks` package
    sys.path[:1] = [str(ROOT)]

from benchmarks import (  # noqa: E402
    assess_speed,
    batch_scale,
    batch_throughput,
    cold_start,
    correction_loop,
    format_speed,
    narrative_cost,
    ocr_overhead,
    ocr_scans,
    pdf_speed,
    review_list,
)
from benchmarks.common import Workspace, log  # noqa: E402
from benchmarks.report import markdown  # noqa: E402

LIBRARIES = ("xxgk", "pymupdf", "spacy", "jieba", "scikit-learn", "pydantic", "python-docx", "lxml", "numpy",
             "sqlalchemy", "rapidocr", "onnxruntime", "opencv-python-headless")
Measure = Callable[[Workspace, argparse.Namespace], dict[str, Any]]
MEASUREMENTS: dict[str, Measure] = {
    "pdf": lambda ws, _a: pdf_speed.measure(ws),
    "formats": lambda ws, _a: format_speed.measure(ws),
    "narrative": lambda ws, _a: narrative_cost.measure(ws),
    "ocr": lambda ws, _a: ocr_overhead.measure(ws),
    "ocr_scans": lambda ws, _a: ocr_scans.measure(ws),
    "batch": lambda ws, a: batch_throughput.measure(ws, a.batch_n),
    "batch-scale": lambda ws, a: batch_scale.measure(ws, a.scale_n),
    "assess": lambda ws, _a: assess_speed.measure(ws),
    "loop": lambda ws, _a: correction_loop.measure(ws),
    "cold": lambda ws, _a: cold_start.measure(ws),
    "review": lambda ws, _a: review_list.measure(ws),
}


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _loadavg() -> list[float] | None:
    """1/5/15-minute load averages: other work on the machine shows up here, not in the ratios."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


def environment(quick: bool) -> dict[str, Any]:
    """Machine, interpreter, library versions, commit and date of this run."""
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "libraries": {name: v for name in LIBRARIES if (v := _version(name))},
        "git_commit": _git("rev-parse", "--short", "HEAD") or None,
        "git_dirty": bool(_git("status", "--porcelain")),
        "loadavg_start": _loadavg(),
        "quick": quick,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json",
                        help="results JSON; the markdown goes beside it with .md")
    parser.add_argument("--quick", action="store_true", help="tiny sizes everywhere: a smoke test, not numbers")
    parser.add_argument("--only", action="append", choices=list(MEASUREMENTS), metavar="NAME",
                        help=f"run only this measurement (repeatable): {', '.join(MEASUREMENTS)}")
    parser.add_argument("--batch-n", type=int, default=None, help="reports in the batch run (default 1000, quick 10)")
    parser.add_argument("--scale-n", type=int, default=None,
                        help="reports in the batch-scale run (default 5000, quick 20; 15 %% scans)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="folder of real reports (skipped with a note when absent)")
    parser.add_argument("--update", action="store_true",
                        help="keep the other measurements already in --out; replace only those run now")
    parser.add_argument("--seed", type=int, default=20240607, help="seed of every generated document")
    parser.add_argument("--note", default=None,
                        help="a note kept with the measurements run now (e.g. why a size differs from the default)")
    args = parser.parse_args(argv)
    if args.batch_n is None:
        args.batch_n = 10 if args.quick else 1000
    if args.scale_n is None:
        args.scale_n = 20 if args.quick else 5000
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the chosen measurements and write the JSON and markdown; returns the JSON data."""
    args = parse_args(argv)
    names = args.only or list(MEASUREMENTS)
    data: dict[str, Any] = {"meta": environment(args.quick) | {"wall_s": {}}, "results": {}}
    if args.update and args.out.exists():
        old = json.loads(args.out.read_text(encoding="utf-8"))
        data["results"] = {k: v for k, v in old["results"].items() if k not in names}
        data["meta"]["measured_at"] = old["meta"].get("measured_at", dict.fromkeys(old["results"], old["meta"]["date"]))
        data["meta"]["wall_s"] = old["meta"].get("wall_s", {})
        data["meta"]["warmup_s"] = old["meta"].get("warmup_s")
        data["meta"]["loadavg"] = {k: v for k, v in old["meta"].get("loadavg", {}).items() if k not in names}
        data["meta"]["notes"] = {k: v for k, v in old["meta"].get("notes", {}).items() if k not in names}
    data["meta"].setdefault("measured_at", {})
    data["meta"].setdefault("loadavg", {})
    data["meta"].setdefault("notes", {})
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        ws = Workspace(root=Path(tmp), seed=args.seed, quick=args.quick, corpus=args.corpus)
        for name in names:
            log(f"--- {name}")
            t0, load_before = time.monotonic(), _loadavg()
            try:
                result = MEASUREMENTS[name](ws, args)
            except Exception as exc:  # one broken measurement must not lose the others' numbers
                log(f"{name} failed: {type(exc).__name__}: {exc}")
                result = {"error": f"{type(exc).__name__}: {exc}"}
            data["results"][name] = result
            data["meta"]["measured_at"][name] = data["meta"]["date"]
            data["meta"]["wall_s"][name] = round(time.monotonic() - t0, 1)
            # a shared machine's load moves during a long run: each measurement keeps its own
            data["meta"]["loadavg"][name] = [load_before, _loadavg()]
            if args.note:
                data["meta"]["notes"][name] = args.note
        if ws.warmup_s is not None:
            data["meta"]["warmup_s"] = ws.warmup_s
    data["results"] = {n: data["results"][n] for n in MEASUREMENTS if n in data["results"]}
    data["meta"]["total_s"] = round(sum(data["meta"]["wall_s"].values()), 1)
    data["meta"]["loadavg_end"] = _loadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path = args.out.with_suffix(".md")
    md_path.write_text(markdown(data), encoding="utf-8")
    log(f"wrote {args.out} and {md_path} (measurements in the file took {data['meta']['total_s']} s)")
    return data


if __name__ == "__main__":
    results = main()
    broken = [name for name, r in results["results"].items() if "error" in r or not r.get("valid", True)]
    if broken:
        log(f"not valid: {', '.join(broken)} (see the JSON)")
    sys.exit(1 if broken else 0)
