"""One synthetic report: values, layout, tables, prose and gold, before any format is chosen.

The document is a flat list of blocks (title, heading, paragraph, table) so that each renderer is
a plain loop; all randomness is spent here, from one seeded generator per report, which is what
makes the same seed give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from extractor import schema
from extractor.synth import gold as gold_mod
from extractor.synth import narrative, tables
from extractor.synth.layout import FORMATS, Layout, choose_layout
from extractor.synth.local import local_template
from extractor.synth.tables import Grid
from extractor.synth.values import (
    Profile,
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
    published: dt.date | None = None  # the publication date a region report states
    dated: bool = False  # region reports: container dates (HTML meta, PDF metadata) follow `published`

    @property
    def file_name(self) -> str:
        return f"{self.name}.{FORMATS[self.fmt]}"


@dataclass(frozen=True)
class Story:
    """What a region (extractor/synth/region.py) fixes for one report; everything else is drawn.

    Reports with the same `prose_key` share their wording (the same phrase choices) with their own
    numbers: last year's text copied forward, or one template passed between departments.
    """

    profile: Profile
    year: int
    prose_key: str
    published: dt.date | None = None
    date_style: Literal["label", "signature"] = "signature"
    drop_section: Literal["problems", "other"] | None = None
    new_requests: int | None = None  # this year's new requests (near last year's, or a large change)
    published_total: int | None = None  # this year's total publication count
    carried_over: list[int] | None = None  # last year's carried_forward per applicant column (R6)
    in_force_before: dict[str, int] | None = None  # last year's in_force per row (R7)
    explain_change: int | None = None  # say in the prose that requests rose by this many per cent, and why
    expect: dict[str, Any] = field(default_factory=dict)  # the assessment the gold promises


_EXPLANATIONS: tuple[str, ...] = (
    "与上年相比，本年度依申请公开数量明显增加，同比上升{pct}%，主要是群众对征收补偿信息的关注度上升。",
    "受重点项目集中实施影响，本年度收到的政府信息公开申请较上年大幅增加，增长{pct}%。",
)


def _cn_date(date: dt.date) -> str:
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        return (("" if n < 20 else digits[n // 10]) + "十" + ("" if n % 10 == 0 else digits[n % 10])) if n >= 10 \
            else digits[n]

    return "".join(digits[int(c)] for c in str(date.year)) + f"年{small(date.month)}月{small(date.day)}日"


def _dated_blocks(rng: random.Random, story: Story, agency: str) -> tuple[list[Block], list[Block]]:
    """The printed date: a "发布日期" line under the title, or the signature at the end."""
    if story.published is None:
        return [], []
    d = story.published
    if story.date_style == "label":
        return [("para", f"发布日期：{d.year}年{d.month}月{d.day}日")], []
    written = _cn_date(d) if rng.random() < 0.3 else f"{d.year}年{d.month}月{d.day}日"
    return [], [("para", agency), ("para", written)]


def _title(rng: random.Random, agency: str, year: int) -> str:
    middle = rng.choice(("年", "年", "年度"))
    sep = "\n" if rng.random() < 0.3 else ""
    return f"{agency}{sep}{year}{middle}政府信息公开工作年度报告"


def build(name: str, seed: int, index: int, template: schema.TemplateVersion, fmt: str,
          variants: Sequence[str] | None = None, break_relation: bool = False,
          without: Sequence[str] = (), add_variants: Sequence[str] = (), story: Story | None = None,
          family: int | None = None) -> SynthReport:
    """Draw one report; (seed, index) alone fix every choice (and `add_variants` only add their own;
    `story`, when a region gives one); `family` changes only the tables' wording."""
    if template not in schema.TEMPLATES:
        raise ValueError(f"unknown template {template!r}; known: {schema.TEMPLATES}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    rng = random.Random(f"xxgk-synth:{seed}:{index}")
    profile = make_profile(rng)
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    if story is not None:
        profile, year = story.profile, story.year
    layout = choose_layout(rng, template, fmt, variants, without, add_variants)
    values = {
        "proactive": proactive_values(rng, template, profile, story.in_force_before if story else None),
        "requests": requests_values(rng, profile, layout.split_other, story.new_requests if story else None,
                                    story.carried_over if story else None),
        "review_litigation": review_values(rng, profile),
    }
    if layout.has("negative_change"):
        negative_changes(random.Random(f"xxgk-synth-negative:{seed}:{index}"), template, values["proactive"])
    broken = break_one_relation(rng, values) if break_relation else None
    printer = tables.Printer(rng, layout)
    local = local_template(family) if family is not None else None
    grids = [tables.table2(template, values["proactive"], layout, printer, local),
             tables.table3(values["requests"], layout, printer, local),
             tables.table4(values["review_litigation"], layout, printer)]
    gold_tables = tables.gold_tables(template, grids)
    if story is None:
        prose = narrative.write(rng, profile, year, layout, gold_tables, defects=variants is None)
    else:
        prose = narrative.write(random.Random(f"xxgk-synth-prose:{story.prose_key}"), profile, year, layout,
                                gold_tables, defects=False, numbers=rng, published_total=story.published_total)
        _tell_story(rng, story, prose)
    table_of = {"proactive": grids[0], "requests": grids[1], "review_litigation": grids[2]}
    title = _title(rng, profile.agency, year)
    head, tail = _dated_blocks(rng, story, profile.agency) if story else ([], [])
    blocks: list[Block] = [("title", title), *head]
    for key, heads in _HEADINGS.items():
        if story is not None and key == story.drop_section:
            continue
        blocks.append(("heading", rng.choice(heads)))
        if key in table_of:
            blocks.append(("table", table_of[key]))
        blocks.extend(("para", text) for text in prose.sections[key])
    blocks.extend(tail)
    notes = [f"synthetic report: seed={seed} index={index} profile={profile.kind}",
             "blank and dash cells are null here; the relations count them as zero"]
    if broken:
        notes.append(f"relation {broken} broken on purpose (break_relation=True)")
    file_name = f"{name}.{FORMATS[fmt]}"
    record = gold_mod.build(file_name, f"extractor.synth seed={seed} index={index} format={fmt}",
                            profile.agency, year, template, gold_tables, prose.gold(), layout.variants, notes)
    record["format"] = fmt  # "html-flat" and "scan" share their file extension with "html" and "pdf"
    if local is not None:
        record["variants"].append("local_template")
        record["notes"].append(f"tables 2 and 3 in the wording of local template family {family}")
    if "wrong_year" in prose.defects:
        record["variants"].append("wrong_year")
        record["warnings"].append("year_mismatch")
    footer = rng.choice(("- {n} -", "-{n}-", "— {n} —"))
    if story is not None:
        record["assessment"] = story.expect
        return SynthReport(name, fmt, profile.agency, year, template, title, tuple(blocks), layout, footer, record,
                           published=story.published, dated=True)
    return SynthReport(name, fmt, profile.agency, year, template, title, tuple(blocks), layout, footer, record)


def _tell_story(rng: random.Random, story: Story, prose: narrative.Narrative) -> None:
    """A dropped section takes its gold with it; an explained change gets its sentence."""
    if story.drop_section == "problems":
        prose.problems, prose.fixes = [], []
    elif story.drop_section == "other":
        prose.fees = {"charged": None, "amount_yuan": None}
    if story.explain_change is not None:
        overview = prose.sections["overview"]
        at = next(i for i, text in enumerate(overview) if text.startswith("（二）依申请公开"))
        overview.insert(at + 1, rng.choice(_EXPLANATIONS).format(pct=story.explain_change))
