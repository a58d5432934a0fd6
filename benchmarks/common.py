"""What every measurement shares: a scratch workspace, generated documents, timed extraction, stats.

Speed numbers are only compared within one run: each measurement times its baseline on the same
files in the same process, so the ratio survives a noisy machine where absolute seconds do not.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractor.ocr.engine import quiet_stdout
from extractor.settings import DEFAULT_SETTINGS, Settings

TEMPLATES = ("2019", "2021")
TEXT_ONLY = ("table_image",)  # variants left out of speed sets: a pasted-picture table needs OCR
_START = time.monotonic()


def log(message: str) -> None:
    """A progress line on stderr, stamped with seconds since the suite started."""
    print(f"[bench {time.monotonic() - _START:6.1f}s] {message}", file=sys.stderr, flush=True)


# Libraries that print from C (OCR, ONNX) are silenced the same way the OCR engine does it.
stdout_to_stderr = quiet_stdout


def seconds(start: float) -> float:
    return time.perf_counter() - start


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    """Mean, median, 95th percentile and max of values given in seconds, as milliseconds."""
    if not values:
        return {"mean_ms": 0.0, "median_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "mean_ms": round(1000 * statistics.fmean(ordered), 2),
        "median_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * p95, 2),
        "max_ms": round(1000 * ordered[-1], 2),
    }


def ratio(value: float, baseline: float) -> float | None:
    return round(value / baseline, 3) if baseline > 0 else None


@dataclass(frozen=True)
class Timed:
    """One timed `pipeline.run`: wall seconds, pages, seconds per stage, or the error it raised."""

    seconds: float
    pages: int
    stages: dict[str, float]
    error: str | None = None


@dataclass
class Workspace:
    """Scratch folder, seed and size choices of one run, plus caches the measurements share."""

    root: Path
    seed: int
    quick: bool
    corpus: Path | None
    settings: Settings = field(default_factory=lambda: DEFAULT_SETTINGS)
    warmup_s: float | None = None
    generated: dict[str, list[Path]] = field(default_factory=dict)
    runs: dict[Path, Timed] = field(default_factory=dict)

    def generate(self, key: str, n: int, fmt: str) -> list[Path]:
        """n generated documents of one format under root/key (made once, then reused)."""
        have = self.generated.get(key, [])
        if len(have) >= n:
            return have[:n]
        from extractor.synth import generate

        start = time.perf_counter()
        # Speed is measured on text documents: pasted-picture tables (OCR) are the ocr measurement's business.
        paths = generate(n, list(TEMPLATES), [fmt], self.seed, self.root / key, without=TEXT_ONLY)
        log(f"generated {n} {fmt} documents in {seconds(start):.1f} s")
        self.generated[key] = paths
        return paths

    def corpus_files(self, suffixes: Sequence[str]) -> list[Path]:
        """The real reports of ../shared/corpus with these suffixes (empty when there is no corpus)."""
        if self.corpus is None or not self.corpus.is_dir():
            return []
        return sorted(p for p in self.corpus.iterdir() if p.suffix.lower() in suffixes)

    def warm_up(self) -> None:
        """Load the models once (classifier, spaCy, jieba) so no measurement pays for it."""
        if self.warmup_s is not None:
            return
        sample = self.generate("warmup", 1, "pdf")[0]
        start = time.perf_counter()
        self._run(sample)
        self.warmup_s = round(seconds(start), 3)
        log(f"warm-up extract (model loading) took {self.warmup_s:.1f} s")

    def extract(self, path: Path, reuse: bool = True) -> Timed:
        """Time `pipeline.run` on one file; with `reuse`, a file already timed is not run again."""
        if reuse and path in self.runs:
            return self.runs[path]
        self.warm_up()
        timed = self._run(path)
        self.runs[path] = timed
        return timed

    def _run(self, path: Path) -> Timed:
        from extractor.pipeline import run

        stages: dict[str, float] = {}
        start = time.perf_counter()
        try:
            report = run(path, self.settings, stages)
        except Exception as exc:  # a benchmark counts failures and goes on
            return Timed(seconds(start), 1, stages, f"{type(exc).__name__}: {exc}")
        return Timed(seconds(start), report.source.pages, stages)
