"""One synthetic report: values, layout, tables, prose and gold, before any format is chosen.

The document is a flat list of blocks (title, heading, paragraph, table) so that each renderer is
a plain loop; all randomness is spent here, from one seeded generator per report, which is what
makes the same seed give byte-identical files.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractor import schema
from extractor.synth import gold as gold_mod
from extractor.synth import narrative, tables
from extractor.synth.layout import FORMATS, Layout, choose_layout
from extractor.synth.tables import Grid
from extractor.synth.values import (
    break_one_relation,
    make_profile,
    negative_changes,
    proactive_values,
    requests_values,
    review_values,
)

Block = tuple[str, "str | Grid"]  # ("title" | "heading" | "para", text) or ("table", Grid)

_HEADINGS: dict[str, tuple[str, ...]] = {
    "overview": ("一、总体情况",),
    "proactive": ("二、主动公开政府信息情况",),
    "requests": ("三、收到和处理政府信息公开申请情况",),
    "review_litigation": ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    "problems": ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    "other": ("六、其他需要报告的事项", "六、其他事项"),
}


@dataclass(frozen=True)
class SynthReport:
    """Everything the renderers need, plus the gold record."""

    name: str
    fmt: str
    agency: str
    year: int
    template: schema.TemplateVersion
    title: str  # may hold a line break between agency and year
    blocks: tuple[Block, ...]
    layout: Layout
    footer: str  # page-number pattern such as "- {n} -"
    gold: dict[str, Any]

    @property
    def file_name(self) -> str:
        return f"{self.name}.{FORMATS[self.fmt]}"


def _title(rng: random.Random, agency: str, year: int) -> str:
    middle = rng.choice(("年", "年", "年度"))
    sep = "\n" if rng.random() < 0.3 else ""
    return f"{agency}{sep}{year}{middle}政府信息公开工作年度报告"


def build(name: str, seed: int, index: int, template: schema.TemplateVersion, fmt: str,
          variants: Sequence[str] | None = None, break_relation: bool = False,
          without: Sequence[str] = (), add_variants: Sequence[str] = ()) -> SynthReport:
    """Draw one report; (seed, index) alone fix every choice (and `add_variants` only add their own)."""
    if template not in schema.TEMPLATES:
        raise ValueError(f"unknown template {template!r}; known: {schema.TEMPLATES}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    rng = random.Random(f"xxgk-synth:{seed}:{index}")
    profile = make_profile(rng)
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    layout = choose_layout(rng, template, fmt, variants, without, add_variants)
    values = {
        "proactive": proactive_values(rng, template, profile),
        "requests": requests_values(rng, profile, layout.split_other),
        "review_litigation": review_values(rng, profile),
    }
    if layout.has("negative_change"):
        negative_changes(random.Random(f"xxgk-synth-negative:{seed}:{index}"), template, values["proactive"])
    broken = break_one_relation(rng, values) if break_relation else None
    printer = tables.Printer(rng, layout)
    grids = [tables.table2(template, values["proactive"], layout, printer),
             tables.table3(values["requests"], layout, printer),
             tables.table4(values["review_litigation"], layout, printer)]
    gold_tables = tables.gold_tables(template, grids)
    prose = narrative.write(rng, profile, year, layout, gold_tables, defects=variants is None)
    table_of = {"proactive": grids[0], "requests": grids[1], "review_litigation": grids[2]}
    title = _title(rng, profile.agency, year)
    blocks: list[Block] = [("title", title)]
    for key, heads in _HEADINGS.items():
        blocks.append(("heading", rng.choice(heads)))
        if key in table_of:
            blocks.append(("table", table_of[key]))
        blocks.extend(("para", text) for text in prose.sections[key])
    notes = [f"synthetic report: seed={seed} index={index} profile={profile.kind}",
             "blank and dash cells are null here; the relations count them as zero"]
    if broken:
        notes.append(f"relation {broken} broken on purpose (break_relation=True)")
    file_name = f"{name}.{FORMATS[fmt]}"
    record = gold_mod.build(file_name, f"extractor.synth seed={seed} index={index} format={fmt}",
                            profile.agency, year, template, gold_tables, prose.gold(), layout.variants, notes)
    record["format"] = fmt  # "html-flat" and "scan" share their file extension with "html" and "pdf"
    if "wrong_year" in prose.defects:
        record["variants"].append("wrong_year")
        record["warnings"].append("year_mismatch")
    footer = rng.choice(("- {n} -", "-{n}-", "— {n} —"))
    return SynthReport(name, fmt, profile.agency, year, template, title, tuple(blocks), layout, footer, record)
