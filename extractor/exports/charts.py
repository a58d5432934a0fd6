"""Charts drawn on the server as inline SVG (matplotlib), so a printed or mailed page needs nothing
from the network. Text is drawn as glyph outlines from the CJK font PyMuPDF ships (Droid Sans
Fallback), so Chinese shows the same on any machine, with or without CJK fonts, and the bytes do not
depend on which fonts a machine has."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

_STATUS_COLOURS = {"fail": "#d9534f", "warn": "#f0ad4e", "pass": "#5cb85c", "unknown": "#b0b0b0"}


@cache
def _font() -> Any:
    """FontProperties for the bundled CJK font, written once to a cache file matplotlib can load."""
    import pymupdf
    from matplotlib import font_manager

    data: bytes = pymupdf.Font("cjk").buffer  # type: ignore[no-untyped-call]
    folder = Path(tempfile.gettempdir()) / "xxgk-fonts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"cjk-{len(data)}.ttf"
    if not path.exists() or path.stat().st_size != len(data):
        temp = path.with_suffix(".part")
        temp.write_bytes(data)
        temp.replace(path)
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path))


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "xxgk", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    _pyplot().close(fig)
    text = buffer.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    return re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S).strip()


def trend_chart(years: Sequence[int], series: Mapping[str, Sequence[float | None]]) -> str:
    """Small multiples: one panel per indicator over the years (gaps where a year has no value)."""
    plt = _pyplot()
    font = _font()
    names = [n for n, values in series.items() if any(v is not None for v in values)]
    if not names or not years:
        return ""
    cols = min(3, len(names))
    rows = -(-len(names) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.0 * cols, 2.1 * rows), squeeze=False)
    for ax, name in zip([a for row in axes for a in row], names, strict=False):
        points = [(y, v) for y, v in zip(years, series[name], strict=True) if v is not None]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", color="#2f6db5")
        for y, v in points:
            ax.annotate(f"{v:g}", (y, v), textcoords="offset points", xytext=(0, 4), ha="center", fontsize=7)
        ax.set_title(name, fontproperties=font, fontsize=10)
        ax.set_xticks(list(years))
        ax.set_xticklabels([str(y) for y in years])
        ax.margins(y=0.25)
    for ax in [a for row in axes for a in row][len(names):]:
        ax.axis("off")
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.1, top=0.9, wspace=0.35, hspace=0.6)
    return _svg(fig)


def failures_chart(agencies: Sequence[str], counts: Mapping[str, Sequence[int]]) -> str:
    """Horizontal stacked bars: failing and warning findings per agency (all its years)."""
    plt = _pyplot()
    font = _font()
    if not agencies:
        return ""
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(agencies) + 0.9))
    left = [0] * len(agencies)
    labels = {"fail": "不合格", "warn": "提示"}
    for status in ("fail", "warn"):
        values = list(counts.get(status, [0] * len(agencies)))
        ax.barh(range(len(agencies)), values, left=left, color=_STATUS_COLOURS[status], label=labels[status])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(agencies)))
    ax.set_yticklabels(list(agencies), fontproperties=font)
    ax.invert_yaxis()
    ax.set_xlabel("问题数（各年合计）", fontproperties=font)
    ax.legend(prop=font, loc="lower right", frameon=False)
    fig.tight_layout()
    return _svg(fig)
