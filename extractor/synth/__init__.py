"""Deterministic synthetic reports with full gold labels, for tests, training and benchmarks.

Real reports are few, unlabelled and unevenly spread over the formatting habits that break
extractors; the generator makes as many as needed, each habit switchable by name (see
layout.VARIANTS) and each document paired with a gold file in the corpus format. The same seed
always gives the same bytes.

    generate(20, ["2019", "2021"], ["pdf", "html-flat"], seed=7, out_dir=Path("out"))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from extractor import schema
from extractor.synth import gold, render_docx, render_html, render_md, render_pdf, render_scan, render_txt
from extractor.synth.layout import FORMATS, VARIANTS, supported
from extractor.synth.report import SynthReport, build

__all__ = ["FORMATS", "VARIANTS", "generate", "generate_region", "supported", "write_report", "write_samples"]

_RENDERERS: dict[str, Callable[[SynthReport, Path], None]] = {
    "pdf": render_pdf.render,
    "docx": render_docx.render,
    "html": render_html.render,
    "html-flat": render_html.render,
    "txt": render_txt.render,
    "scan": render_scan.render,
    "md": render_md.render,
}

SAMPLE_SEED = 20240101


def write_report(report: SynthReport, out_dir: Path) -> Path:
    path = out_dir / report.file_name
    _RENDERERS[report.fmt](report, path)
    gold.write(out_dir / f"{report.name}.gold.json", report.gold)
    return path


def generate(n: int, templates: Sequence[str], formats: Sequence[str], seed: int, out_dir: Path,
             variants: Sequence[str] | None = None, break_relation: bool = False,
             without: Sequence[str] = (), add_variants: Sequence[str] = (), family: int | None = None) -> list[Path]:
    """Write n reports (NAME.EXT + NAME.gold.json) and return the document paths.

    Templates and formats are cycled so every combination appears once n covers them;
    `variants=None` draws a seeded mix per document, a list forces exactly those the format
    supports; `break_relation` makes one relation fail in every document, recorded in the gold;
    `without` leaves variants out of the seeded mix (text-only PDFs for speed measurements, say);
    `add_variants` adds opt-in variants (layout.OPT_IN) on top of it or of `variants`.
    `family` prints tables 2 and 3 in that local template family's wording (extractor/synth/local.py),
    named `local{family}_{seed}_…`; the values, layout and prose of each report stay those of its seed.
    """
    if n < 0 or not templates or not formats:
        raise ValueError("need n >= 0 and at least one template and one format")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        template = cast(schema.TemplateVersion, templates[i % len(templates)])
        fmt = formats[(i // len(templates)) % len(formats)]
        prefix = "synth" if family is None else f"local{family}"
        name = f"{prefix}_{seed}_{i:04d}_{template}_{fmt.replace('-', '_')}"
        paths.append(write_report(build(name, seed, i, template, fmt, variants, break_relation, without,
                                        add_variants=add_variants, family=family), out_dir))
    return paths


def write_samples(out_dir: Path) -> list[Path]:
    """The fixed demo set: both templates in pdf, docx, html and txt (8 documents + 8 golds)."""
    return generate(8, ["2019", "2021"], ["pdf", "docx", "html", "txt"], SAMPLE_SEED, out_dir)


def generate_region(out_dir: Path, seed: int, years: Sequence[int] = (2022, 2023, 2024),
                    formats: Sequence[str] = ("txt", "html", "pdf"), departments: int = 4) -> list[Path]:
    """A county's reports over consecutive years with the assessor's expectations (see synth/region.py)."""
    from extractor.synth.region import generate_region as _region

    return _region(out_dir, seed, years, formats, departments)
