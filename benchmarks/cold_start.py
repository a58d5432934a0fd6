"""Measurement 6: cold start. `xxgk extract` on a 5-page text PDF in a fresh process, and `xxgk --help`.

One file from the command line pays every import and model load once, so start-up, not the
pages, sets its time. Each repetition starts new processes, interleaved with the baselines timed
in the same run on the same file: a bare interpreter, and the simplest program that reads the PDF
(`import pymupdf` + `get_text()` on every page). One untimed extraction runs first: it builds the
per-user caches (jieba's dictionary) and Python's bytecode caches as any first run does; its time is reported on its own.
The warm figure is `pipeline.run` on the same file in this process after the models are loaded.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .common import Workspace, log, ratio

TARGET_EXTRACT_S = 1.0
TARGET_HELP_S = 0.3
PAGES = 5
_RAW_READ = "import sys, pymupdf\nwith pymupdf.open(sys.argv[1]) as d:\n    [p.get_text() for p in d]"


def five_page_pdf(path: Path, seed: int) -> int:
    """A generated 2021-template text report lengthened to 5 pages by more overview prose (other generated
    reports' overview paragraphs, added before section 二); returns its page count."""
    import pymupdf

    from extractor.synth import render_pdf
    from extractor.synth.report import build

    base = build("cold_start", seed, 0, "2021", "pdf", variants=[])
    blocks = list(base.blocks)
    second_heading = next(i for i in range(2, len(blocks)) if blocks[i][0] == "heading")
    extra: list[Any] = []
    for donor_index in range(1, 20):
        donor = list(build("donor", seed, donor_index, "2021", "pdf", variants=[]).blocks)
        start = donor.index(("heading", "一、总体情况")) + 1
        end = next(i for i in range(start, len(donor)) if donor[i][0] != "para")
        extra += donor[start:end]
        report = dataclasses.replace(base, blocks=tuple(blocks[:second_heading] + extra + blocks[second_heading:]))
        render_pdf.render(report, path)
        with pymupdf.open(path) as doc:
            if doc.page_count >= PAGES:
                return int(doc.page_count)
    raise RuntimeError(f"could not lengthen the report to {PAGES} pages")


def _xxgk() -> list[str]:
    """The installed console script beside this interpreter (what users run), else the repository's cli.py."""
    script = Path(sys.executable).with_name("xxgk")
    if script.is_file():
        return [str(script)]
    return [sys.executable, str(Path(__file__).resolve().parents[1] / "cli.py")]


@dataclasses.dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float  # user + system of the child process
    stdout: bytes


def _run(command: list[str], env: dict[str, str] | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, done.stdout)


def _medians(runs: list[Run]) -> dict[str, float]:
    return {"wall_s": round(statistics.median(r.wall_s for r in runs), 3),
            "cpu_s": round(statistics.median(r.cpu_s for r in runs), 3),
            "min_wall_s": round(min(r.wall_s for r in runs), 3)}


def measure(ws: Workspace, reps: int | None = None) -> dict[str, Any]:
    """Median of `reps` fresh processes for each command, interleaved; ratios against the baselines."""
    import json

    reps = reps or (2 if ws.quick else 5)
    pdf = ws.root / "cold" / "five_pages.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pages = five_page_pdf(pdf, ws.seed)
    xxgk = _xxgk()
    commands = {
        "extract": [*xxgk, "extract", str(pdf)],
        "help": [*xxgk, "--help"],
        "version": [*xxgk, "--version"],
        "python": [sys.executable, "-c", "pass"],
        "pymupdf_get_text": [sys.executable, "-c", _RAW_READ, str(pdf)],
    }
    log(f"cold: first run of {' '.join(commands['extract'][:2])} (builds per-user caches when absent)")
    # A first run writes the bytecode caches, as on any machine where PYTHONDONTWRITEBYTECODE is not set (pip
    # compiles them at install; an editable checkout writes them on first import); the timed runs then read them.
    first = _run(commands["extract"], env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    report = json.loads(first.stdout)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for rep in range(reps):
        order = list(commands) if rep % 2 == 0 else list(reversed(commands))
        for name in order:
            runs[name].append(_run(commands[name]))
    ws.warm_up()
    warm = [ws.extract(pdf, reuse=False).seconds for _ in range(reps)]
    out: dict[str, Any] = {name: _medians(r) for name, r in runs.items()}
    extract, help_, raw = out["extract"], out["help"], out["pymupdf_get_text"]
    out |= {
        "pdf_pages": pages,
        "reps": reps,
        "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(xxgk)),
        "first_run_wall_s": round(first.wall_s, 3),
        "warm_extract_s": round(statistics.median(warm), 4),
        "extract_ratio_vs_pymupdf_get_text": ratio(extract["wall_s"], raw["wall_s"]),
        "extract_cpu_ratio_vs_pymupdf_get_text": ratio(extract["cpu_s"], raw["cpu_s"]),
        "help_ratio_vs_python": ratio(help_["wall_s"], out["python"]["wall_s"]),
        "target_extract_s": TARGET_EXTRACT_S,
        "target_help_s": TARGET_HELP_S,
        "meets_extract_target": extract["wall_s"] <= TARGET_EXTRACT_S,
        "meets_help_target": help_["wall_s"] <= TARGET_HELP_S,
        "extracted_agency": report["report"]["agency"],
    }
    log(f"cold: extract {extract['wall_s']} s (cpu {extract['cpu_s']}), pymupdf get_text {raw['wall_s']} s, "
        f"--help {help_['wall_s']} s, warm {out['warm_extract_s']} s")
    return out
