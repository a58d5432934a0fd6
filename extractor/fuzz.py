"""Fuzz every reader: `python -m extractor.fuzz --seconds N` (used by `make fuzz`).

A crash is any exception other than an `ExtractorError` escaping a reader (or `read_document`
for the `detect` target), or an input that runs longer than `--hang-seconds`. Two engines share
the same targets:

- `atheris` (default): coverage-guided libFuzzer, one child process per target, so a crash, a
  hang (libFuzzer's -timeout) or an out-of-memory (-rss_limit_mb) ends only that child; the
  parent restarts it with the next seed until the target's share of the time is spent.
- `mutate`: a deterministic in-process mutator (bit flips, truncation, byte runs, splices) over
  the same seed corpus; no process isolation, used by the quick test in `make test`.

Every crashing input is written to `--artifacts` (crash-TARGET-SHA1.bin and a .txt with the
traceback); a small one belongs in tests/hardening/regressions/ with a test.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TARGETS = ("detect", "pdf", "html", "docx", "docx-xml", "text", "markdown")
_SUFFIX = {"detect": ".bin", "pdf": ".pdf", "html": ".html", "docx": ".docx", "docx-xml": ".docx", "text": ".txt",
           "markdown": ".md"}
_SEED_FORMATS = {"detect": ("pdf", "docx", "html", "txt"), "pdf": ("pdf",), "html": ("html",),
                 "docx": ("docx",), "docx-xml": ("docx",), "text": ("txt",), "markdown": ("md",)}
# converter shapes the markdown seeds show, one document each (the demo samples have no markdown)
_MARKDOWN_SEED_VARIANTS = (["md_fill", "md_page_markers", "page_split"], ["md_html_tables", "md_page_markers"],
                           ["md_repeat", "md_row_groups"], ["blank_zero", "md_page_markers"])
_REGRESSIONS = Path(__file__).resolve().parents[1] / "tests" / "hardening" / "regressions"


@dataclass
class TargetResult:
    target: str
    executions: int = 0
    seconds: float = 0.0
    crashes: list[str] = field(default_factory=list)  # artifact paths
    hangs: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.executions / self.seconds if self.seconds else 0.0
        return (f"{self.target:9s} {self.executions:8d} execs {self.seconds:6.1f} s ({rate:7.1f}/s) "
                f"{len(self.crashes)} crashes {len(self.hangs)} hangs")


# ---------------------------------------------------------------- targets


class _Docx:
    """A real DOCX package whose word/document.xml the `docx-xml` target replaces."""

    package: bytes | None = None

    @classmethod
    def wrap(cls, xml: bytes) -> bytes:
        if cls.package is None:
            cls.package = next(iter(seed_inputs("docx")))
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(cls.package)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))
        return out.getvalue()


def make_target(name: str, workdir: Path) -> Callable[[bytes], None]:
    """The function run on each input; raises only for a crash (never for an ExtractorError)."""
    from .errors import ExtractorError
    from .readers import docx, html, markdown, pdf, read_document, text
    from .settings import Settings

    with contextlib.suppress(Exception):  # MuPDF prints every repair it makes: keep the report readable
        pdf.pymupdf.TOOLS.mupdf_display_errors(False)
        pdf.pymupdf.TOOLS.mupdf_display_warnings(False)
    # OCR is another module's (slow, model-bound) work: the readers' own parsing is what is fuzzed here
    settings = Settings(ocr_enabled=False)
    readers = {"pdf": pdf.read, "html": html.read, "docx": docx.read, "docx-xml": docx.read, "text": text.read,
               "markdown": markdown.read}
    scratch = workdir / f"input{_SUFFIX[name]}"

    def run(data: bytes) -> None:
        try:
            if name == "detect":
                scratch.write_bytes(data)
                read_document(scratch, settings)
            else:
                readers[name](scratch, _Docx.wrap(data) if name == "docx-xml" else data, settings)
        except ExtractorError:
            pass

    return run


# ---------------------------------------------------------------- seeds


@functools.cache
def _samples() -> tuple[tuple[str, bytes], ...]:
    """(format, bytes) of the demo reports, generated once per process."""
    from .synth import generate, write_samples

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_samples(Path(tmp))
        for index, variants in enumerate(_MARKDOWN_SEED_VARIANTS):
            paths += generate(1, [("2019", "2021")[index % 2]], ["md"], index, Path(tmp) / f"md{index}", variants)
        return tuple((p.suffix.lstrip("."), p.read_bytes()) for p in paths)


def seed_inputs(name: str) -> list[bytes]:
    """Fixed seeds: the demo reports of the formats the target reads, plus the regression files."""
    seeds = [data for fmt, data in _samples() if fmt in _SEED_FORMATS[name]]
    if name == "docx-xml":
        out = []
        for package in seeds:
            with zipfile.ZipFile(io.BytesIO(package)) as zf:
                out.append(zf.read("word/document.xml"))
        seeds = out
    if _REGRESSIONS.is_dir():
        suffix = _SUFFIX[name]
        seeds += [p.read_bytes() for p in sorted(_REGRESSIONS.iterdir())
                  if name == "detect" or p.suffix == suffix]
    return seeds


# ---------------------------------------------------------------- the in-process mutator


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """One to four random edits of the kinds that break parsers."""
    out = bytearray(data or b"\0")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        i = rng.randrange(len(out) or 1)
        if op == 0:  # bit flips
            for _ in range(rng.choice((1, 2, 8, 32))):
                j = rng.randrange(len(out))
                out[j] ^= 1 << rng.randrange(8)
        elif op == 1:  # truncate
            del out[max(1, i):]
        elif op == 2:  # interesting byte values
            out[i : i + 1] = bytes([rng.choice((0, 0xFF, 0x7F, 0x80, ord("<"), ord(">"), ord("("), ord("/")))])
        elif op == 3:  # repeat a chunk (grows nesting, lists, numbers)
            chunk = bytes(out[i : i + rng.randint(1, 64)])
            out[i:i] = chunk * rng.randint(2, 64)
        elif op == 4:  # delete a chunk
            del out[i : i + rng.randint(1, 256)]
        elif op == 5:  # splice from another seed
            other = rng.choice(pool)
            j = rng.randrange(len(other) or 1)
            out[i:] = other[j:]
        else:  # interesting numbers as text
            out[i:i] = rng.choice((b"-1", b"0", b"99999999999", b"1e308", b"NaN", b"4294967296", b"65535"))
        if not out:
            out = bytearray(b"\0")
    return bytes(out)


def run_mutator(name: str, seconds: float, seed: int, artifacts: Path, hang_s: float = 10.0) -> TargetResult:
    """Mutate the seeds in-process for `seconds`; every non-ExtractorError exception is a crash."""
    result = TargetResult(name)
    rng = random.Random(f"{name}:{seed}")
    pool = seed_inputs(name)
    with tempfile.TemporaryDirectory() as tmp:
        target = make_target(name, Path(tmp))
        start = time.monotonic()
        inputs: Iterator[bytes] = iter(pool)  # the seeds themselves first
        while time.monotonic() - start < seconds:
            data = next(inputs, None)
            if data is None:
                data = mutate(rng.choice(pool), rng, pool)
            began = time.monotonic()
            try:
                target(data)
            except Exception:  # noqa: BLE001 - the definition of a crash
                result.crashes.append(str(save_artifact(artifacts, name, "crash", data, traceback.format_exc())))
            if time.monotonic() - began > hang_s:
                result.hangs.append(str(save_artifact(artifacts, name, "hang", data, f"ran {time.monotonic() - began:.1f} s")))
            result.executions += 1
        result.seconds = time.monotonic() - start
    return result


def save_artifact(folder: Path, name: str, kind: str, data: bytes, note: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{name}-{hashlib.sha1(data).hexdigest()[:16]}{_SUFFIX[name]}"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(note, encoding="utf-8")
    return path


# ---------------------------------------------------------------- atheris (child process per target)


def _atheris_child(name: str, seconds: float, seed: int, artifacts: Path, hang_s: float, rss_mb: int) -> None:
    """Runs inside the child: libFuzzer over the target until the time is spent or it crashes."""
    import atheris

    with atheris.instrument_imports(include=["extractor"]):
        target = make_target(name, Path(tempfile.mkdtemp(prefix="xxgk-fuzz-")))
    corpus = Path(tempfile.mkdtemp(prefix=f"xxgk-fuzz-{name}-"))
    for i, data in enumerate(seed_inputs(name)):
        (corpus / f"seed{i:03d}").write_bytes(data)
    stats = artifacts / f"stats-{name}.json"
    count = [0, time.monotonic()]

    def one_input(data: bytes) -> None:
        count[0] += 1
        if time.monotonic() - count[1] > 1.0:
            stats.write_text(json.dumps({"executions": count[0]}))
            count[1] = time.monotonic()
        try:
            target(data)
        except Exception:
            save_artifact(artifacts, name, "crash", data, traceback.format_exc())
            stats.write_text(json.dumps({"executions": count[0]}))
            raise

    argv = [sys.argv[0], str(corpus), f"-max_total_time={max(1, int(seconds))}", f"-seed={seed}",
            f"-timeout={max(1, int(hang_s))}", f"-rss_limit_mb={rss_mb}", "-max_len=262144",
            f"-artifact_prefix={artifacts}/libfuzzer-{name}-", "-print_final_stats=1"]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def run_atheris(name: str, seconds: float, seed: int, artifacts: Path, hang_s: float = 10.0,
                rss_mb: int = 2048) -> TargetResult:
    """Fuzz one target in child processes until `seconds` are spent; a crash restarts the child."""
    result = TargetResult(name)
    artifacts.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    attempt = 0
    while (left := seconds - (time.monotonic() - start)) >= 1 and attempt < 20:
        stats = artifacts / f"stats-{name}.json"
        stats.unlink(missing_ok=True)
        before = set(artifacts.iterdir())
        cmd = [sys.executable, "-m", "extractor.fuzz", "--child", name, "--seconds", f"{left:.0f}",
               "--seed", str(seed + attempt), "--artifacts", str(artifacts), "--hang-seconds", str(hang_s)]
        # the child's own time budget ends it; the extra minute only guards against a wedged libFuzzer
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=left + hang_s + 60, check=False)
        with contextlib.suppress(OSError, ValueError):
            result.executions += int(json.loads(stats.read_text())["executions"])
        new = sorted(set(artifacts.iterdir()) - before)
        result.crashes += [str(p) for p in new if p.name.startswith("crash-") and p.suffix != ".txt"]
        result.hangs += [str(p) for p in new if p.name.startswith(("libfuzzer-" + name + "-timeout",
                                                                  "libfuzzer-" + name + "-oom"))]
        if proc.returncode == 0:
            break
        if not any(p.name.startswith(("crash-", "libfuzzer-")) for p in new):
            result.crashes.append(f"child exited {proc.returncode}: {proc.stderr[-500:]}")
        attempt += 1
    result.seconds = time.monotonic() - start
    return result


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total budget, split evenly between targets")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"comma list of {', '.join(TARGETS)}")
    parser.add_argument("--engine", choices=("atheris", "mutate"), default="atheris")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"))
    parser.add_argument("--hang-seconds", type=float, default=10.0, help="an input running longer is a hang")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _atheris_child(args.child, args.seconds, args.seed, args.artifacts, args.hang_seconds, 2048)
        return 0
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    share = args.seconds / len(targets)
    results: list[TargetResult] = []
    for name in targets:
        runner: Any = run_atheris if args.engine == "atheris" else run_mutator
        results.append(runner(name, share, args.seed, args.artifacts, args.hang_seconds))
        print(results[-1].line(), flush=True)
    found = [p for r in results for p in r.crashes + r.hangs]
    print(f"total {sum(r.executions for r in results)} executions, {len(found)} crashes/hangs"
          + (f"; inputs in {args.artifacts}" if found else ""))
    for path in found:
        print(f"  {path}")
    return 1 if found else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
