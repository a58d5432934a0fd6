"""Two reports side by side: every cell with its absolute and relative change, the headline
indicators (and whether a large change is explained), R6/R7 when the two are consecutive years of
one body, and a section-by-section diff of the prose (sentences removed, added, kept)."""

from __future__ import annotations

import difflib
import unicodedata

from pydantic import BaseModel, Field

from ..model import Check
from .accuracy import cross_year
from .change import changes
from .config import AssessConfig
from .prose import sentences
from .sources import ReportItem
from .verdict import IndicatorChange


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
        cmp.notes.append(f"different agencies: {a.report.report.agency or '?'} / {b.report.report.agency or '?'}")
    if a.year is None or b.year is None:
        cmp.notes.append("a report states no year: R6/R7 not checked")
    elif a.year == b.year:
        cmp.notes.append(f"both reports are for {a.year}")
    elif same_body and b.year == a.year + 1:
        cmp.cross_year = cross_year(b, a, config)
    else:
        cmp.notes.append(f"{a.year} and {b.year} are not consecutive years of one agency: R6/R7 not checked")
    cmp.indicators = changes(b, a, config)
    cmp.cells = _cells(a, b)
    cmp.sections = _sections(a, b)
    return cmp


def render_comparison(cmp: Comparison, all_cells: bool = False) -> str:
    """A readable side-by-side for the terminal."""
    lines = [f"{cmp.agency or '?'} {cmp.earlier_year or '?'} ({cmp.earlier_file})  →  "
             f"{cmp.other_agency or '?'} {cmp.later_year or '?'} ({cmp.later_file})"]
    lines += [f"  note: {n}" for n in cmp.notes]
    lines.append("  indicator                     earlier     later    change  relative  explained")
    for c in cmp.indicators:
        rel = f"{c.relative:+.0%}" if c.relative is not None else ""
        ch = f"{c.change:+g}" if c.change is not None else ""
        explained = "" if not c.large else ("yes" if c.explained else "NO")
        lines.append(f"  {_pad(c.label, 20)}{_n(c.previous):>12}{_n(c.current):>10}{ch:>10}{rel:>10}  {explained}")
        if c.large and c.sentence is not None:
            lines.append(f"      “{c.sentence.text}”")
    for check in cmp.cross_year:
        lines.append(f"  {check.status.upper():14} {check.id}: {check.message}")
    changed = [c for c in cmp.cells if all_cells or (c.change not in (0, None))]
    if changed:
        lines.append(f"  cells ({'all' if all_cells else 'changed'}):")
        lines += [f"    {c.path:<55}{_n(c.earlier):>12}{_n(c.later):>12}"
                  + (f"{c.change:>+10g}" if c.change is not None else "") for c in changed]
    for s in cmp.sections:
        if not (s.kept or s.removed or s.added):
            continue
        lines.append(f"  section {s.section}: {s.similarity:.0%} the same wording, {s.kept} sentences kept, "
                     f"{len(s.removed)} removed, {len(s.added)} added")
        lines += [f"    - {_one_line(t)}" for t in s.removed] + [f"    + {_one_line(t)}" for t in s.added]
    return "\n".join(lines)


def _n(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def _one_line(text: str) -> str:
    """A sentence wrapped by its PDF line breaks, back on one line."""
    return "".join(text.split("\n"))


def _pad(text: str, width: int) -> str:
    """Left-justify to a terminal width where CJK characters take two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)
