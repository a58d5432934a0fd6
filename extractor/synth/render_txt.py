"""Plain text in the shape of a copied web page: prose lines and tab-separated table rows.

Cells covered by a span print as empty fields, so rows carry the leading tabs and the shifted
labels that the real flattened reports have (see shared/corpus/xindian_2024.txt). The
run_together variant is the other kind of page dump (shared/corpus/pingtan_2019_page.txt): the
whole report on one line, each table's cells glued with only an occasional space between them.
"""

from __future__ import annotations

import random
from pathlib import Path

from extractor.synth.report import SynthReport
from extractor.synth.tables import Grid


def grid_lines(grid: Grid) -> list[str]:
    """One tab-joined line per grid row; text stays at its top-left column."""
    n_cols = len(grid.widths)
    lines = []
    for row in grid.rows():
        fields = [""] * n_cols
        for cell in row:
            fields[cell.col] = cell.text
        lines.append("\t".join(fields))
    return lines


def run_text(grid: Grid, rng: random.Random, space_share: float) -> str:
    """A table as one run: cells in reading order, line breaks inside a cell dropped, a blank cell
    gone without a trace, a space between two cells `space_share` of the time."""
    out = ""
    for row in grid.rows():
        for cell in row:
            text = cell.text.replace("\n", "")
            if not text:
                continue
            out += (" " if out and rng.random() < space_share else "") + text
    return out


def glue_rng(report: SynthReport) -> tuple[random.Random, float]:
    """The run_together spacing of one report, fixed by its name (same seed, same bytes)."""
    rng = random.Random(f"xxgk-synth-run:{report.name}")
    return rng, rng.choice((0.0, 0.0, 0.1, 0.25))


def _render_run_together(report: SynthReport, path: Path) -> None:
    rng, share = glue_rng(report)
    parts = [run_text(p, rng, share) if isinstance(p, Grid) else p.replace("\n", "") for _k, p in report.blocks]
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(("", " ")) + part
    path.write_text(text + "\n", encoding="utf-8", newline="\n")


def render(report: SynthReport, path: Path) -> None:
    if report.layout.has("run_together"):
        _render_run_together(report, path)
        return
    out: list[str] = []
    for _kind, payload in report.blocks:
        if isinstance(payload, Grid):
            out.extend(grid_lines(payload))
        else:
            out.append(payload)
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")
