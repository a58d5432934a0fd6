"""The three statistical tables laid out as the official template prints them, from extractor/schema.

Each table becomes a grid of header and value cells with row and column spans, so one HTML template
draws all three; a value cell names its dotted path. The labels are the schema's printed labels,
never a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .. import schema
from ..schema import TemplateVersion
from .messages import TABLES


@dataclass(frozen=True)
class GridCell:
    text: str = ""
    path: str | None = None  # a value cell: "tables.requests.new_requests.total"
    colspan: int = 1
    rowspan: int = 1
    header: bool = False  # a printed label (th), not a value


@dataclass(frozen=True)
class GridTable:
    key: str
    title: str
    rows: list[list[GridCell]] = field(default_factory=list)


def _template(template: str | None) -> TemplateVersion:
    return "2019" if template == "2019" else "2021"


def _proactive(template: TemplateVersion) -> GridTable:
    spec = schema.proactive(template)
    labels = {r.key: r.label for r in spec.rows}
    width = max(len(b.columns) for b in spec.blocks)
    grid = GridTable("proactive", "二、主动公开政府信息情况")
    for block in spec.blocks:
        grid.rows.append([GridCell(block.caption, colspan=width + 1, header=True)])
        span = width // len(block.columns)
        heads = [GridCell(spec.column(c).label, colspan=span, header=True) for c in block.columns]
        heads[-1] = GridCell(heads[-1].text, colspan=width - span * (len(block.columns) - 1), header=True)
        grid.rows.append([GridCell("信息内容", header=True), *heads])
        for row in block.rows:
            values = [GridCell(path=f"tables.proactive.{row}.{c}", colspan=h.colspan) for c, h in zip(block.columns, heads, strict=True)]
            grid.rows.append([GridCell(labels[row], header=True), *values])
    return grid


def _requests() -> GridTable:
    spec = schema.requests()
    cols = [c.key for c in spec.columns]
    labels = {c.key: c.label for c in spec.columns}
    grid = GridTable("requests", "三、收到和处理政府信息公开申请情况")
    grid.rows.append([GridCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3, header=True),
                      GridCell("申请人情况", colspan=len(cols), header=True)])
    grid.rows.append([GridCell(labels["natural_person"], rowspan=2, header=True),
                      GridCell("法人或其他组织", colspan=len(cols) - 2, header=True),
                      GridCell(labels["total"], rowspan=2, header=True)])
    grid.rows.append([GridCell(labels[c], header=True) for c in cols[1:-1]])
    top = spec.group_headings[0]  # 三、本年度办理结果
    rows = list(spec.rows)
    under_top = [r for r in rows if r.group == top or r.group in spec.group_headings[1:]]
    for index, row in enumerate(rows):
        cells: list[GridCell] = []
        if row.group is None:
            cells.append(GridCell(row.label, colspan=3, header=True))
        else:
            if row is under_top[0]:
                cells.append(GridCell(top, rowspan=len(under_top), header=True))
            if row.group == top:
                cells.append(GridCell(row.label, colspan=2, header=True))
            else:
                first = index == 0 or rows[index - 1].group != row.group
                if first:
                    size = sum(1 for r in rows if r.group == row.group)
                    cells.append(GridCell(row.group, rowspan=size, header=True))
                cells.append(GridCell(row.label, header=True))
        cells += [GridCell(path=f"tables.requests.{row.key}.{c}") for c in cols]
        grid.rows.append(cells)
    return grid


def _review() -> GridTable:
    spec = schema.review_litigation()
    groups = list(spec.groups)
    n = len(spec.columns)
    grid = GridTable("review_litigation", "四、政府信息公开行政复议、行政诉讼情况")
    grid.rows.append([GridCell(groups[0].label, colspan=n, rowspan=2, header=True),
                      GridCell("行政诉讼", colspan=n * (len(groups) - 1), header=True)])
    grid.rows.append([GridCell(g.label, colspan=n, header=True) for g in groups[1:]])
    grid.rows.append([GridCell(c.label, header=True) for _ in groups for c in spec.columns])
    grid.rows.append([GridCell(path=f"tables.review_litigation.{g.key}.{c.key}") for g in groups for c in spec.columns])
    return grid


@cache
def table_grids(template: str | None) -> tuple[GridTable, ...]:
    """Tables 2, 3 and 4 of a report of this template (2021 when unknown)."""
    return (_proactive(_template(template)), _requests(), _review())


@cache
def cell_labels(template: str | None) -> dict[str, str]:
    """Every cell path → "row label · column label", as a reviewer reads it in the printed table."""
    tpl = _template(template)
    out: dict[str, str] = {}
    spec = schema.proactive(tpl)
    for row in spec.rows:
        for key in spec.columns_of(row.key):
            out[f"tables.proactive.{row.key}.{key}"] = f"{TABLES['proactive']} {row.label} · {spec.column(key).label}"
    req = schema.requests()
    for row in req.rows:
        prefix = f"{row.group} " if row.group and row.group != req.group_headings[0] else ""
        for col in req.columns:
            out[f"tables.requests.{row.key}.{col.key}"] = f"{TABLES['requests']} {prefix}{row.label} · {col.label}"
    rl = schema.review_litigation()
    for group in rl.groups:
        for col in rl.columns:
            out[f"tables.review_litigation.{group.key}.{col.key}"] = f"{TABLES['review_litigation']} {group.label} · {col.label}"
    return out
