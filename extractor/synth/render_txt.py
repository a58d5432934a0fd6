"""Plain text in the shape of a copied web page: prose lines and tab-separated table rows.

Cells covered by a span print as empty fields, so rows carry the leading tabs and the shifted
labels that the real flattened reports have (see shared/corpus/xindian_2024.txt).
"""

from __future__ import annotations

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


def render(report: SynthReport, path: Path) -> None:
    out: list[str] = []
    for _kind, payload in report.blocks:
        if isinstance(payload, Grid):
            out.extend(grid_lines(payload))
        else:
            out.append(payload)
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")
