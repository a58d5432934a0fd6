"""Two reports side by side: every cell with its absolute and relative change, the headline
indicators (and whether a large change is explained), R6/R7 when the two are consecutive years of
one body, and a section-by-section diff of the prose (sentences removed, added, kept)."""

from __future__ import annotations

import difflib

from pydantic import BaseModel, Field

from ..model import Check
from ..review.cells import cell_infos
from ..review.explain import told
from ..review.messages import CHECK_NAMES
from ..review.messages import STATUS_NAMES as CHECK_STATUS_NAMES
from .accuracy import cross_year
from .change import changes
from .config import AssessConfig
from .prose import sentences
from .sources import ReportItem
from .text import pad, pad_left
from .verdict import IndicatorChange
from .words import UNKNOWN_AGENCY, part_name, year_name


class CellChange(BaseModel):
    path: str
    earlier: float | int | None
    later: float | int | None
    change: float | None
    relative: float | None


class SectionDiff(BaseModel):
    section: str
    similarity: float  # difflib ratio of the masked sentences (numbers and names folded)
    kept: int
    removed: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)


class Comparison(BaseModel):
    earlier_file: str
    later_file: str
    agency: str | None
    other_agency: str | None
    earlier_year: int | None
    later_year: int | None
    notes: list[str] = Field(default_factory=list)
    indicators: list[IndicatorChange] = Field(default_factory=list)
    cells: list[CellChange] = Field(default_factory=list)
    cross_year: list[Check] = Field(default_factory=list)
    sections: list[SectionDiff] = Field(default_factory=list)
    # each cross-year check told in Chinese, for the terminal and the workbook; JSON keeps the checks as they are
    cross_year_told: dict[str, list[str]] = Field(default_factory=dict, exclude=True)


def _cells(a: ReportItem, b: ReportItem) -> list[CellChange]:
    out: list[CellChange] = []
    for table, rows in b.report.tables.items():
        for row, cols in rows.items():
            for col, later in cols.items():
                earlier = a.report.tables.get(table, {}).get(row, {}).get(col)
                if earlier is None and later is None:
                    continue
                delta = None if earlier is None or later is None else float(later) - float(earlier)
                rel = None if delta is None or not earlier else round(delta / float(earlier), 4)
                out.append(CellChange(path=f"{table}.{row}.{col}", earlier=earlier, later=later, change=delta,
                                      relative=rel))
    return out


def _sections(a: ReportItem, b: ReportItem) -> list[SectionDiff]:
    left, right = sentences(a.report), sentences(b.report)
    out: list[SectionDiff] = []
    for key in dict.fromkeys([*a.report.sections, *b.report.sections]):
        sa = [s for s in left if s.section == key]
        sb = [s for s in right if s.section == key]
        matcher = difflib.SequenceMatcher(None, [s.masked for s in sa], [s.masked for s in sb], autojunk=False)
        diff = SectionDiff(section=key, similarity=round(matcher.ratio(), 4), kept=0)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                diff.kept += i2 - i1
                continue
            diff.removed += [s.text for s in sa[i1:i2]]
            diff.added += [s.text for s in sb[j1:j2]]
        out.append(diff)
    return out


def compare_items(a: ReportItem, b: ReportItem, config: AssessConfig) -> Comparison:
    """Compare two reports; the earlier year goes first whatever the order given."""
    if (a.year or 0) > (b.year or 0):
        a, b = b, a
    cmp = Comparison(earlier_file=a.file, later_file=b.file, agency=a.report.report.agency,
                     other_agency=b.report.report.agency, earlier_year=a.year, later_year=b.year)
    same_body = a.agency_key is not None and a.agency_key == b.agency_key
    if not same_body:
        cmp.notes.append(f"两份报告不是同一机关：{a.report.report.agency or UNKNOWN_AGENCY} / "
                         f"{b.report.report.agency or UNKNOWN_AGENCY}")
    if a.year is None or b.year is None:
        cmp.notes.append("有一份报告未写明年度，R6/R7 未核对")
    elif a.year == b.year:
        cmp.notes.append(f"两份报告都是 {a.year} 年度")
    elif same_body and b.year == a.year + 1:
        cmp.cross_year = cross_year(b, a, config)
        cells = cell_infos(b.report.model_dump(mode="json"), ())
        cmp.cross_year_told = {c.id: told(c.model_dump(), cells) for c in cmp.cross_year}
    else:
        cmp.notes.append(f"{a.year} 年度与 {b.year} 年度不是同一机关的相邻年度，R6/R7 未核对")
    cmp.indicators = changes(b, a, config)
    cmp.cells = _cells(a, b)
    cmp.sections = _sections(a, b)
    return cmp


def render_comparison(cmp: Comparison, all_cells: bool = False) -> str:
    """A readable side-by-side for the terminal."""
    lines = [f"{cmp.agency or UNKNOWN_AGENCY} {year_name(cmp.earlier_year)}（{cmp.earlier_file}）  →  "
             f"{cmp.other_agency or UNKNOWN_AGENCY} {year_name(cmp.later_year)}（{cmp.later_file}）"]
    lines += [f"  说明：{n}" for n in cmp.notes]
    lines.append("  " + pad("指标", 28) + "".join(pad_left(h, 10) for h in ("上一年", "本年", "变化", "变化率"))
                 + "  有说明")
    for c in cmp.indicators:
        rel = f"{c.relative:+.0%}" if c.relative is not None else ""
        ch = f"{c.change:+g}" if c.change is not None else ""
        explained = "" if not c.large else ("是" if c.explained else "否")
        lines.append("  " + pad(c.label, 28) + "".join(pad_left(v, 10) for v in (_n(c.previous), _n(c.current), ch, rel))
                     + f"  {explained}")
        if c.large and c.sentence is not None:
            lines.append(f"      “{c.sentence.text}”")
    for check in cmp.cross_year:
        lines.append(f"  {pad(CHECK_STATUS_NAMES.get(check.status, check.status), 10)}{check.id} "
                     f"{CHECK_NAMES.get(check.id, check.id)}")
        lines += [f"      {line}" for line in cmp.cross_year_told.get(check.id, [])]
    changed = [c for c in cmp.cells if all_cells or (c.change not in (0, None))]
    if changed:
        lines.append(f"  单元格（{'全部' if all_cells else '有变化的'}）：")
        lines += [f"    {c.path:<55}{_n(c.earlier):>12}{_n(c.later):>12}"
                  + (f"{c.change:>+10g}" if c.change is not None else "") for c in changed]
    for s in cmp.sections:
        if not (s.kept or s.removed or s.added):
            continue
        lines.append(f"  {part_name(s.section)}：措辞相同 {s.similarity:.0%}，保留 {s.kept} 句，"
                     f"删除 {len(s.removed)} 句，新增 {len(s.added)} 句")
        lines += [f"    - {_one_line(t)}" for t in s.removed] + [f"    + {_one_line(t)}" for t in s.added]
    return "\n".join(lines)


def _n(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def _one_line(text: str) -> str:
    """A sentence wrapped by its PDF line breaks, back on one line."""
    return "".join(text.split("\n"))
