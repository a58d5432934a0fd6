"""The variant switches: each one reproduces a formatting habit seen in published reports.

A variant is chosen per document, by name, and recorded in the gold so a failing extraction can
be traced back to the habit that caused it. Formats that cannot show a habit (a page split in a
text file) never claim it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from extractor import schema

VARIANTS: tuple[str, ...] = (
    "wrapped_headers",    # "商业企/业": a header word broken across two lines
    "vertical_labels",    # a group label printed one character per line
    "page_split",         # table 3 broken across two pages with a "- 3 -" footer between
    "punctuation_drift",  # "1、" for "1.", half-width brackets, stray spaces, straight quotes
    "blank_zero",         # some zero cells left blank (gold: null)
    "dash",               # some zero cells printed "-" or "—" (gold: null)
    "extra_rows",         # a local row such as "其他主动公开文件" in table 2 (not in gold)
    "guidance_parens",    # guidance inside a label: "规章（设区的市应提供相关数据）"
    "split_other",        # （六）其他处理 printed the other way from the template default
    "gbk",                # HTML only: gbk-encoded with <meta charset=gbk>
    "table_image",        # PDF only: each table pasted in as a picture of itself, no text layer under it
    "negative_change",    # 2019 only: 本年增/减 below zero ("-3", "－12", "−1") or signed ("+5")
    "run_together",       # txt / html-flat: each table one run of text, cell boundaries lost ("行政许可120-3117")
    # markdown only: the shape of the converter that wrote it (see render_md)
    "md_html_tables",     # MinerU: tables as HTML <table> blocks with rowspan/colspan
    "md_fill",            # pymupdf4llm: covered slots filled from the left, else above; "Col3" header slots
    "md_repeat",          # Docling: a merged cell's text repeated in every slot it covers
    "md_row_groups",      # one pipe table per row group, each under a made-up empty header row
    "md_page_markers",    # the converter's page markers between pages
)

_MARKDOWN_ONLY = frozenset(v for v in VARIANTS if v.startswith("md_"))

FORMATS: dict[str, str] = {"pdf": "pdf", "docx": "docx", "html": "html", "html-flat": "html", "txt": "txt", "scan": "pdf",
                           "md": "md"}

_SUPPORTED: dict[str, frozenset[str]] = {
    "pdf": frozenset(VARIANTS) - {"gbk"} - _MARKDOWN_ONLY,
    "docx": frozenset(VARIANTS) - {"gbk", "page_split", "table_image"} - _MARKDOWN_ONLY,
    "html": frozenset(VARIANTS) - {"page_split", "table_image"} - _MARKDOWN_ONLY,
    "html-flat": frozenset(VARIANTS) - {"page_split", "table_image"} - _MARKDOWN_ONLY,
    "txt": frozenset(VARIANTS) - {"gbk", "page_split", "vertical_labels", "table_image"} - _MARKDOWN_ONLY,
    "scan": frozenset(VARIANTS) - {"gbk", "table_image", "run_together"} - _MARKDOWN_ONLY,
    "md": frozenset(VARIANTS) - {"gbk", "table_image", "run_together"},
}

# A converter has one table style: an earlier variant of a pair rules the later one out.
_EXCLUDES: dict[str, frozenset[str]] = {
    "md_html_tables": frozenset({"md_fill", "md_repeat", "md_row_groups"}),
    "md_fill": frozenset({"md_repeat"}),
}
for _fmt in ("pdf", "docx", "html"):
    _SUPPORTED[_fmt] -= {"run_together"}

# Variants never drawn in the seeded mix: a caller asks for them (`variants=` or `add_variants=`),
# so every seeded corpus measured before they existed keeps its documents byte for byte.
OPT_IN: frozenset[str] = frozenset({"negative_change", "run_together"})

# Variants added after seeded corpora were measured: drawn from a side generator forked from the
# document's own, so a seed keeps every earlier choice (values, layout, prose) and only gains these.
_LATE: dict[str, float] = {"table_image": 0.15}


def supported(fmt: str, template: str | None = None) -> tuple[str, ...]:
    """The variants a format (and, when given, a template) can show, in canonical order."""
    out = tuple(v for v in VARIANTS if v in _SUPPORTED[fmt])
    if template is not None and not _has_signed_column(template):
        out = tuple(v for v in out if v != "negative_change")
    return out


def _has_signed_column(template: str) -> bool:
    """negative_change needs a signed column in table 2 (the schema says which: 2019's 本年增/减)."""
    return any(t == template and any(c.type == "signed" for c in schema.proactive(t).columns)
               for t in schema.TEMPLATES)


@dataclass(frozen=True)
class Style:
    """Per-document punctuation habits, fixed once so one report is internally consistent."""

    item_sep: str = "."        # "1." or "1、"
    half_brackets: bool = False
    straight_quotes: bool = False
    stray_space: bool = False


@dataclass(frozen=True)
class Layout:
    """Everything a renderer needs to know about how this document deviates from the template."""

    fmt: str
    variants: tuple[str, ...]
    style: Style
    split_other: bool  # True: （六） printed as three sub-rows

    def has(self, name: str) -> bool:
        return name in self.variants

    def label(self, text: str) -> str:
        """Apply the document's punctuation habits to a printed label or heading."""
        s = self.style
        if s.item_sep != ".":
            for d in "12345678":
                text = text.replace(f"{d}.", f"{d}{s.item_sep}")
        if s.half_brackets:
            text = text.replace("（", "(").replace("）", ")")
        if s.straight_quotes:
            text = text.replace("“", '"').replace("”", '"')
        if s.stray_space:
            text = text.replace("第二十条第", "第二十条 第").replace("）予以", "） 予以").replace(") 予以", ")  予以")
        return text


def choose_layout(rng: random.Random, template: str, fmt: str, wanted: Sequence[str] | None,
                  without: Sequence[str] = (), add: Sequence[str] = ()) -> Layout:
    """Pick the variants: the requested ones the format supports, or a seeded random mix minus
    `without` plus `add` (opt-in variants on top of the mix).

    Leaving a variant out never changes the other choices of a seed (the draws are made, then dropped).
    """
    unknown = [v for v in [*(wanted or ()), *add] if v not in VARIANTS]
    if unknown:
        raise ValueError(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    can = supported(fmt, template)
    if wanted is None:
        odds = {"split_other": 0.25, "gbk": 0.3, "vertical_labels": 0.3, "md_html_tables": 0.25, "md_fill": 0.45,
                "md_repeat": 0.5, "md_row_groups": 0.3, "md_page_markers": 0.5}
        drawn = {v for v in supported(fmt) if v not in _LATE and v not in OPT_IN and rng.random() < odds.get(v, 0.35)}
        side = random.Random(repr(rng.getstate()))  # does not advance rng
        drawn |= {v for v in _LATE if v in can and side.random() < _LATE[v]}
        chosen = tuple(v for v in can if (v in drawn and v not in without) or v in add)
    else:
        chosen = tuple(v for v in can if v in wanted or v in add)
    ruled_out = {v for chosen_v in chosen for v in _EXCLUDES.get(chosen_v, ())}
    chosen = tuple(v for v in chosen if v not in ruled_out)
    style = Style()
    if "punctuation_drift" in chosen:
        style = Style(item_sep=rng.choice(("、", "、", ". ")), half_brackets=rng.random() < 0.6,
                      straight_quotes=rng.random() < 0.7, stray_space=rng.random() < 0.6)
    default_split = template == "2021"
    split = not default_split if "split_other" in chosen else default_split
    return Layout(fmt=fmt, variants=chosen, style=style, split_other=split)


_WRAPS: dict[str, str] = {
    "商业企业": "商业企\n业", "科研机构": "科研机\n构", "社会公益组织": "社会公\n益组织",
    "法律服务机构": "法律服\n务机构", "现行有效件数": "现行有效件\n数", "本年制发件数": "本年制发\n件数",
    "本年处理决定数量": "本年处理决\n定数量", "对外公开总数量": "对外公开总\n数量", "上一年项目数量": "上一年项\n目数量",
}


def header(layout: Layout, text: str) -> str:
    """A column header, broken mid-word when the document wraps its headers."""
    if layout.has("wrapped_headers"):
        return _WRAPS.get(text, text)
    return text


def vertical(layout: Layout, text: str) -> str:
    """A group label, stacked one character per line when the document does that."""
    return "\n".join(text) if layout.has("vertical_labels") else text
