"""Measurement 5b: scanned pages, full-page OCR vs the cell path (issue 15), speed, accuracy, memory.

Generated scans (`xxgk synth --formats scan`: 150–300 dpi, skew ≤ 1.5°, noise, blur, JPEG) are
rendered at the dpi the OCR module chooses. On each page image three things are timed in the same
process, their order rotating from page to page:

- `rapidocr`: the baseline, rapidocr called the way a user calls it by default (`RapidOCR()(image)`:
  full-page detection, the angle classifier, recognition, its own `max_side_len` of 2000); only its
  logging is quietened. On these pages it is faster than our engine's own full-page call (which
  keeps 2400 px and skips the classifier), so the speed-up is not won on a slowed baseline;
- `page_path`: `ocr_image` with `ocr_cell_path=False` — what every scanned page cost before;
- `cell_path`: `ocr_image` as shipped — trusted ruled grids read cell by cell by the recogniser
  alone, detection only on the ink outside them.

Accuracy is the evaluator's on the same documents extracted both ways (exact / abstained / wrong
but flagged / silent). Peak RSS is each way's own child process OCRing the same pages
(`python -m benchmarks.ocr_scans MODE PAGES PDF...`, VmHWM), so one path's peak never hides another's.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .common import Workspace, log, ratio, seconds, stdout_to_stderr

TARGET_SPEEDUP = 4.0
ROOT = Path(__file__).resolve().parents[1]
MODES = ("rapidocr", "page_path", "cell_path")


def _runner(mode: str) -> Callable[[Any, int, float], object]:
    """A callable (grey image, page number, points per pixel) that OCRs the page the way `mode` says."""
    import cv2

    from extractor.ocr import ocr_image
    from extractor.settings import Settings

    if mode == "rapidocr":
        from rapidocr import RapidOCR

        default = RapidOCR(params={"Global.log_level": "error"})
        return lambda gray, _n, _s: default(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    settings = Settings(ocr_cell_path=mode == "cell_path")
    return lambda gray, n, s: ocr_image(gray, n, s, settings)


def _pages(paths: Sequence[Path], limit: int) -> list[tuple[Any, int, float]]:
    """Up to `limit` page images (grey, page number, points per pixel) of the given PDFs."""
    import pymupdf as _pymupdf

    from extractor.ocr.raster import choose_dpi, render_page
    from extractor.settings import Settings

    pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in the readers
    settings = Settings()
    out: list[tuple[Any, int, float]] = []
    for path in paths:
        with pymupdf.open(path) as doc:
            for page in doc:
                dpi = choose_dpi(page, settings)
                out.append((render_page(page, dpi), page.number + 1, 72.0 / dpi))
                if len(out) >= limit:
                    return out
    return out


def _speed(pages: list[tuple[Any, int, float]]) -> dict[str, Any]:
    runners = {mode: _runner(mode) for mode in MODES}
    warm = pages[0]
    for run in runners.values():  # first calls initialise the ONNX sessions
        run(*warm)
    rows: list[dict[str, Any]] = []
    for k, page in enumerate(pages):
        order = MODES[k % 3:] + MODES[:k % 3]
        row: dict[str, Any] = {"page": page[1], "size_px": list(page[0].shape[::-1])}
        for mode in order:
            start = time.perf_counter()
            runners[mode](*page)
            row[f"{mode}_s"] = round(seconds(start), 3)
        rows.append(row)
        log(f"ocr scans: page {k + 1}/{len(pages)}: " + ", ".join(f"{m} {row[f'{m}_s']:.2f} s" for m in MODES))
    mean = {mode: statistics.fmean(r[f"{mode}_s"] for r in rows) for mode in MODES}
    return {
        "pages": len(rows),
        **{f"{mode}_s_per_page": round(mean[mode], 3) for mode in MODES},
        "speedup_cell_path_vs_rapidocr": ratio(mean["rapidocr"], mean["cell_path"]),
        "speedup_cell_path_vs_page_path": ratio(mean["page_path"], mean["cell_path"]),
        "per_page": rows,
    }


def _accuracy(folder: Path) -> dict[str, Any]:
    from extractor.evaluate import evaluate_folder
    from extractor.settings import Settings

    out: dict[str, Any] = {}
    for mode in ("page_path", "cell_path"):
        scores = evaluate_folder(folder, Settings(ocr_cell_path=mode == "cell_path"))
        cells = scores["cells"]
        out[mode] = {"right": cells["right"], "total": cells["total"], "accuracy": cells["accuracy"],
                     "abstained": cells["abstained"], "flagged_errors": cells["flagged_errors"],
                     "silent_errors": cells["silent_errors"], "failures": len(scores["failures"]),
                     "extract_s_per_page": scores["seconds_per_page"]}
        log(f"ocr scans: {mode}: cells {cells['right']}/{cells['total']}, silent {cells['silent_errors']}")
    return out


def _peak_rss_mb(mode: str, paths: Sequence[Path], pages: int) -> float | None:
    """Peak RSS of a fresh process that OCRs `pages` pages of `paths` the `mode` way."""
    cmd = [sys.executable, "-m", "benchmarks.ocr_scans", mode, str(pages), *map(str, paths)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_rss_mb"])
    except (IndexError, KeyError, ValueError):
        log(f"ocr scans: peak RSS child for {mode} failed: {done.stderr[-400:]}")
        return None


def measure(ws: Workspace) -> dict[str, Any]:
    """Speed (s/page of each way, speed-ups), accuracy of both OCR paths, and peak RSS, on generated scans."""
    n_docs, n_pages = (1, 2) if ws.quick else (8, 9)
    paths = ws.generate("scan", n_docs, "scan")
    with stdout_to_stderr():
        speed = _speed(_pages(paths, n_pages))
        accuracy = _accuracy(paths[0].parent)
    rss = {mode: _peak_rss_mb(mode, paths, n_pages) for mode in MODES}
    speedup = speed["speedup_cell_path_vs_rapidocr"]
    return {
        **speed,
        "documents": len(paths),
        "accuracy": accuracy,
        "peak_rss_mb": rss,
        "target_speedup": TARGET_SPEEDUP,
        "meets_target": speedup is not None and speedup >= TARGET_SPEEDUP
        and accuracy["cell_path"]["right"] >= accuracy["page_path"]["right"]
        and accuracy["cell_path"]["silent_errors"] <= accuracy["page_path"]["silent_errors"],
    }


def _child(argv: Sequence[str]) -> None:
    """`python -m benchmarks.ocr_scans MODE PAGES PDF...`: OCR the pages, print the peak RSS as JSON."""
    mode, limit, files = argv[0], int(argv[1]), [Path(a) for a in argv[2:]]
    with stdout_to_stderr():
        run = _runner(mode)
        for page in _pages(files, limit):
            run(*page)
    print(json.dumps({"mode": mode, "peak_rss_mb": _own_peak_rss_mb()}))


def _own_peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). ru_maxrss would not do: Linux keeps the parent's
    high-water mark across fork + exec, so every child would report the benchmark's own peak."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    _child(sys.argv[1:])
