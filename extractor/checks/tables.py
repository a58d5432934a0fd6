"""R1–R5: the arithmetic printed into the tables, checked cell by cell; values are never changed.

Each relation gives one Check: `fail` names the cells of every instance that disagrees and the
sums involved; `not_assessable` when a needed cell is unknown (unreadable, ambiguous, absent).
Blank and "-" cells read as zero, as the templates intend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import schema
from ..mapping.cells import MappedCell
from ..model import Check

Tables = dict[str, dict[str, dict[str, MappedCell]]]
_EPS = 1e-6


@dataclass
class _Outcome:
    failing: list[str]
    failing_cells: list[str]
    unknown_cells: list[str]
    all_cells: list[str]
    checked: int = 0

    def to_check(self, check_id: str, what: str) -> Check:
        if self.failing:
            return Check(id=check_id, status="fail", message=f"{what}: " + "; ".join(self.failing), cells=self.failing_cells)
        if self.unknown_cells or self.checked == 0:
            return Check(
                id=check_id,
                status="not_assessable",
                message=f"{what}: needed cells missing or unreadable",
                cells=self.unknown_cells,
            )
        return Check(id=check_id, status="pass", message=f"{what}: {self.checked} instances hold", cells=self.all_cells)


def _path(table: str, row: str, col: str) -> str:
    return f"{table}.{row}.{col}"


def _sum_instance(
    out: _Outcome, tables: Tables, table: str, lhs: Sequence[tuple[str, str]], rhs: Sequence[tuple[str, str]], label: str
) -> None:
    cells = [(r, c, tables[table][r][c]) for r, c in (*lhs, *rhs)]
    paths = [_path(table, r, c) for r, c, _ in cells]
    unknown = [p for p, (_, _, cell) in zip(paths, cells, strict=True) if not cell.known]
    if unknown:
        out.unknown_cells.extend(unknown)
        return
    left = sum(tables[table][r][c].number for r, c in lhs)
    right = sum(tables[table][r][c].number for r, c in rhs)
    out.checked += 1
    out.all_cells.extend(paths)
    if abs(left - right) > _EPS:
        out.failing.append(f"{label}: {_fmt(left)} ≠ {_fmt(right)}")
        out.failing_cells.extend(paths)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def check_r1(tables: Tables, found: bool) -> Check:
    out = _Outcome([], [], [], [])
    if found:
        for col in (c.key for c in schema.requests().columns):
            _sum_instance(
                out, tables, "requests",
                [("new_requests", col), ("carried_over", col)],
                [("result_total", col), ("carried_forward", col)],
                f"{col}: new_requests + carried_over vs result_total + carried_forward",
            )
    return out.to_check("R1", "R1 (table 3, per column: 一 + 二 = 三(七) + 四)")


def check_r2(tables: Tables, found: bool, printed_rows: set[str]) -> Check:
    out = _Outcome([], [], [], [])
    if found:
        rel = schema.requests().relations["R2"]
        split = list(rel["other_split"])
        other = [rel["other_single"]] if rel["other_single"] in printed_rows else split
        parts = list(rel["parts"]) + other
        for col in (c.key for c in schema.requests().columns):
            _sum_instance(
                out, tables, "requests",
                [(rel["total"], col)], [(p, col) for p in parts],
                f"{col}: result_total vs the sum of the results",
            )
    return out.to_check("R2", "R2 (table 3, per column: （七）总计 = sum of results)")


def check_r3(tables: Tables, found: bool, printed_rows: set[str]) -> Check:
    out = _Outcome([], [], [], [])
    if found:
        rel = schema.requests().relations["R3"]
        for row in (r.key for r in schema.requests().rows):
            if row not in printed_rows:
                continue
            _sum_instance(
                out, tables, "requests",
                [(row, rel["total"])], [(row, p) for p in rel["parts"]],
                f"{row}: total vs the six applicant columns",
            )
    return out.to_check("R3", "R3 (table 3, per row: 总计 = six applicant columns)")


def check_r4(tables: Tables, found: bool) -> Check:
    out = _Outcome([], [], [], [])
    if found:
        rel = schema.review_litigation().relations["R4"]
        for group in (g.key for g in schema.review_litigation().groups):
            _sum_instance(
                out, tables, "review_litigation",
                [(group, rel["total"])], [(group, p) for p in rel["parts"]],
                f"{group}: total vs upheld + corrected + other + pending",
            )
    return out.to_check("R4", "R4 (table 4, per group: 总计 = the four results)")


def check_r5(tables: Tables, template: schema.TemplateVersion) -> Check:
    """Counts are integers ≥ 0; items_change may be negative; money is a number ≥ 0."""
    failing: list[str] = []
    cells: list[str] = []
    checked = 0
    for table, rows in tables.items():
        for row, cols in rows.items():
            for col, cell in cols.items():
                if cell.value is None:
                    continue
                checked += 1
                kind = schema.cell_type(table, template, col)
                value = cell.value
                bad = (
                    (kind == "count" and (not isinstance(value, int) or value < 0))
                    or (kind == "money" and value < 0)
                    or (kind == "signed" and not isinstance(value, int))
                )
                if bad:
                    path = _path(table, row, col)
                    failing.append(f"{path} = {cell.raw!r} is not a valid {kind}")
                    cells.append(path)
    if failing:
        return Check(id="R5", status="fail", message="R5 (value types): " + "; ".join(failing), cells=cells)
    if checked == 0:
        return Check(id="R5", status="not_assessable", message="R5 (value types): no values", cells=[])
    return Check(id="R5", status="pass", message=f"R5 (value types): {checked} values valid", cells=[])
