"""Tables 2, 3 and 4 as format-neutral grids of spanning cells.

Every renderer draws the same Grid, so a PDF, a DOCX and an HTML page of one report differ only in
how they show the cells. The gold values are read back from the printed value cells, which keeps
the label honest: a blank or dash cell is null in the gold because it is blank on the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from extractor import schema
from extractor.synth.layout import Layout, header, vertical
from extractor.synth.local import LocalTemplate
from extractor.synth.values import Number, Values

CellKind = str  # "caption" | "header" | "label" | "value" | "note"


@dataclass(frozen=True)
class Cell:
    """One printed cell; `path` and `gold` are set on value cells that map to a canonical key."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    kind: CellKind = "value"
    path: tuple[str, str, str] | None = None
    gold: Number | None = None


@dataclass
class Grid:
    """A ruled table: cells by their top-left position, relative column widths."""

    name: str
    widths: tuple[float, ...]
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0
    split_before: int | None = None  # page_split: the row that starts on the next page

    def add(self, text: str, row: int, col: int, rowspan: int = 1, colspan: int = 1,
            kind: CellKind = "label", path: tuple[str, str, str] | None = None,
            gold: Number | None = None) -> None:
        self.cells.append(Cell(text, row, col, rowspan, colspan, kind, path, gold))
        self.n_rows = max(self.n_rows, row + rowspan)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by starting row, left to right: the reading order of a flattened page."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return [sorted(r, key=lambda c: c.col) for r in out]


class Printer:
    """Turns a number into the text a clerk would have typed, and the gold value of that text."""

    def __init__(self, rng: random.Random, layout: Layout) -> None:
        self.rng = rng
        self.layout = layout
        self.blank_p = rng.choice((0.3, 0.6, 0.9))
        self.dash_p = rng.choice((0.2, 0.5))
        # negative_change: how this clerk types a sign, drawn on the side so other choices stay put
        side = random.Random(repr(rng.getstate()) + ":signs")
        self.minus = side.choice(("-", "-", "－", "−"))
        if layout.has("gbk"):  # gbk has no U+2212; a gbk page types the full-width minus
            self.minus = self.minus.replace("−", "－")
        self.plus = side.random() < 0.5
        self.signed_columns = {c.key for t in schema.TEMPLATES for c in schema.proactive(t).columns if c.type == "signed"}

    def cell(self, value: Number | None, column: str) -> tuple[str, Number | None]:
        if value is None:
            return "", None
        if value == 0:
            if self.layout.has("blank_zero") and self.rng.random() < self.blank_p:
                return "", None
            if self.layout.has("dash") and self.rng.random() < self.dash_p:
                return self.rng.choice(("-", "—")), None
        text = "0" if value == 0 else str(value)
        if self.layout.has("negative_change") and column in self.signed_columns and value:
            text = (self.minus if value < 0 else "+" if self.plus else "") + str(abs(value))
        if column == "amount_yuan" and value and self.rng.random() < 0.4:
            text += "元"
        return text, value


def _value_cells(g: Grid, pr: Printer, row: int, col0: int, spans: list[int],
                 table: str, row_key: str, values: dict[str, Number | None]) -> None:
    col = col0
    for (column, value), span in zip(values.items(), spans, strict=True):
        text, gold = pr.cell(value, column)
        g.add(text, row, col, colspan=span, kind="value", path=(table, row_key, column), gold=gold)
        col += span


def _spans(n: int) -> list[int]:
    """Spread n value columns over the three printed data columns of table 2."""
    return {1: [3], 2: [1, 2], 3: [1, 1, 1]}[n]


_EXTRA_ROWS: dict[str, tuple[str, ...]] = {"2021": ("其他主动公开文件", "行政确认"),
                                           "2019": ("其他主动公开文件", "行政征收")}


def _side_rng(pr: Printer) -> random.Random:
    """A generator forked from the printer's without advancing it: a local template's extra row
    must not change any draw the report makes without it."""
    return random.Random(repr(pr.rng.getstate()))


def table2(template: schema.TemplateVersion, values: Values, layout: Layout, pr: Printer,
           local: LocalTemplate | None = None) -> Grid:
    """Table 2: one caption row and one header row per block, then the block's rows
    (in a local template's wording, with its extra row, when one is given)."""
    sch = schema.proactive(template)
    g = Grid("proactive", (2.4, 1.0, 1.0, 1.0))
    labels = {r.key: r.label for r in sch.rows}
    if layout.has("guidance_parens"):
        labels["regulations"] = pr.rng.choice(("规章（设区的市应提供相关数据）", "规章（设区的市以上政府及部门填写）"))
        labels["normative_docs"] += pr.rng.choice(("", "（含部门规范性文件）"))
    extra = pr.rng.choice(_EXTRA_ROWS[template]) if layout.has("extra_rows") else None
    if local is not None:
        labels = {key: local.proactive_label(key) for key in labels}
    side = _side_rng(pr)
    r = 0
    for block in sch.blocks:
        g.add(layout.label(block.caption), r, 0, colspan=4, kind="caption")
        g.add("信息内容", r + 1, 0, kind="header")
        col = 1
        for key, span in zip(block.columns, _spans(len(block.columns)), strict=True):
            g.add(header(layout, layout.label(sch.column(key).label)), r + 1, col, colspan=span, kind="header")
            col += span
        r += 2
        for row_key in block.rows:
            g.add(layout.label(labels[row_key]), r, 0)
            _value_cells(g, pr, r, 1, _spans(len(block.columns)), "proactive", row_key, values[row_key])
            r += 1
        if extra and block is sch.blocks[0 if extra == "其他主动公开文件" else 1]:
            g.add(extra, r, 0)
            fake: dict[str, Number | None] = {c: pr.rng.randint(0, 30) for c in block.columns}
            _value_cells(g, pr, r, 1, _spans(len(block.columns)), "proactive", "_extra", fake)
            r += 1
            extra = None
        if local is not None and block is sch.blocks[0]:
            g.add(layout.label(local.extra_proactive_row), r, 0)
            col = 1
            for column, span in zip(block.columns, _spans(len(block.columns)), strict=True):
                g.add(str(side.randint(0, 12)), r, col, colspan=span, kind="value", path=("proactive", "_extra", column))
                col += span
            r += 1
    return g


_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_GROUP_OF: dict[str, str] = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供",
                             "not_processed": "（五）不予处理", "other": "（六）其他处理"}


def _group(key: str) -> str | None:
    return next((name for pre, name in _GROUP_OF.items() if key.startswith(pre + "_")), None)


def table3(values: Values, layout: Layout, pr: Printer, local: LocalTemplate | None = None) -> Grid:
    """Table 3: a three-level row header (三 / （三） / 1.) beside seven applicant columns.

    With a local template the labels are the family's, the 不予公开 reasons follow its order and
    its extra row follows 一; the values are drawn in the canonical order all the same.
    """
    sch = schema.requests()
    cols = [c.key for c in sch.columns]
    g = Grid("requests", (0.55, 1.3, 3.4, *([0.9] * 7)))
    g.add(layout.label(_NOTE), 0, 0, rowspan=3, colspan=3, kind="note")
    g.add("申请人情况", 0, 3, colspan=7, kind="header")
    g.add("自然人", 1, 3, rowspan=2, kind="header")
    g.add("法人或其他组织", 1, 4, colspan=5, kind="header")
    g.add("总计", 1, 9, rowspan=2, kind="header")
    for i, c in enumerate(sch.columns[1:6]):
        g.add(header(layout, c.label), 2, 4 + i, kind="header")
    labels = {r.key: layout.label(r.label) for r in sch.rows}
    printed = [k for k in schema.REQUESTS_PRINTED_ORDER
               if (k != "other" or not layout.split_other)
               and (not k.startswith("other_") or layout.split_other)]
    first = 3
    placed = printed if local is None else local.order(printed)  # the order on the page
    row_of = {key: first + i + (1 if local is not None and i > 0 else 0) for i, key in enumerate(placed)}
    group_text = {name: name for name in _GROUP_OF.values()}
    results_text = "三、本年度办理结果"
    if local is not None:
        labels = {key: layout.label(local.request_label(key, placed)) for key in placed}
        group_text = {name: local.group_label(pre, placed) for pre, name in _GROUP_OF.items()
                      if any(_group(k) == name for k in placed)}
        results_text = local.group_label("results", placed)
    result_rows = printed[2:-1]
    g.add(vertical(layout, layout.label(results_text)), row_of[placed[2]], 0, rowspan=len(result_rows))
    seen: set[str] = set()
    for key in printed:
        r = row_of[key]
        group = _group(key)
        if key in ("new_requests", "carried_over", "carried_forward"):
            g.add(labels[key], r, 0, colspan=3)
        elif group is None:
            g.add(labels[key], r, 1, colspan=2)
        else:
            if group not in seen:
                seen.add(group)
                members = [row_of[k] for k in printed if _group(k) == group]
                g.add(vertical(layout, layout.label(group_text[group])), min(members), 1, rowspan=len(members))
            g.add(labels[key], r, 2)
        _value_cells(g, pr, r, 3, [1] * 7, "requests", key, {c: values[key][c] for c in cols})
    if local is not None:  # the family's own row: a breakdown of 一, in no relation
        side = _side_rng(pr)
        parts = {col: side.randint(0, int(values["new_requests"][col] or 0)) for col in cols[:-1]}
        parts[cols[-1]] = sum(parts.values())
        g.add(layout.label(local.extra_request_row), first + 1, 0, colspan=3)
        for i, col in enumerate(cols):
            g.add(str(parts[col]), first + 1, 3 + i, kind="value", path=("requests", "_extra", col))
    if layout.has("page_split"):
        g.split_before = first + pr.rng.randint(6, len(printed) - 3)
    return g


def table4(values: Values, layout: Layout, pr: Printer) -> Grid:
    """Table 4: two-level group headers over fifteen result columns and one value row."""
    sch = schema.review_litigation()
    g = Grid("review_litigation", tuple([1.0] * 15))
    g.add("行政复议", 0, 0, rowspan=2, colspan=5, kind="header")
    g.add("行政诉讼", 0, 5, colspan=10, kind="header")
    g.add(sch.groups[1].label, 1, 5, colspan=5, kind="header")
    g.add(sch.groups[2].label, 1, 10, colspan=5, kind="header")
    for gi, grp in enumerate(sch.groups):
        for ci, c in enumerate(sch.columns):
            g.add(vertical(layout, c.label), 2, gi * 5 + ci, kind="header")
        _value_cells(g, pr, 3, gi * 5, [1] * 5, "review_litigation", grp.key, values[grp.key])
    return g


def gold_tables(template: schema.TemplateVersion, grids: list[Grid]) -> dict[str, Values]:
    """The gold tables: every schema key, filled from the printed value cells only."""
    out: dict[str, Values] = schema.empty_tables(template)
    for g in grids:
        for c in g.cells:
            if c.path and c.path[1] != "_extra":
                out[c.path[0]][c.path[1]][c.path[2]] = c.gold
    return out
