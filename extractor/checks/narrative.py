"""R8 (numbers restated in prose agree with tables 3/4) and R9 (years stated with counts match the report year).

Both read what the report carries (`narrative.restated`, `narrative.count_years`, the tables), so
they run the same on a fresh extraction and on a stored or corrected report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..model import Check, Warning

Tables = dict[str, dict[str, dict[str, int | float | None]]]

# Restated kind → the table cells whose sum it must equal.
CELLS: dict[str, tuple[str, ...]] = {
    "requests_received": ("requests.new_requests.total",),
    "carried_over": ("requests.carried_over.total",),
    "carried_forward": ("requests.carried_forward.total",),
    "requests_completed": ("requests.result_total.total",),
    "result_open": ("requests.result_open.total",),
    "result_partial": ("requests.result_partial.total",),
    "review_total": ("review_litigation.review.total",),
    "litigation_total": ("review_litigation.litigation_direct.total", "review_litigation.litigation_after_review.total"),
}
# Results of review and litigation ("其中结果维持72件…"): prose sums litigation over its two groups.
for _col in ("upheld", "corrected", "other", "pending"):
    CELLS[f"review_{_col}"] = (f"review_litigation.review.{_col}",)
    CELLS[f"litigation_{_col}"] = (f"review_litigation.litigation_direct.{_col}",
                                   f"review_litigation.litigation_after_review.{_col}")


class Restated(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> int | float: ...
    @property
    def text(self) -> str: ...


class StatedYear(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def page(self) -> int | None: ...


def _cell(tables: Tables, path: str) -> int | float | None:
    table, row, col = path.split(".")
    return tables.get(table, {}).get(row, {}).get(col)


def check_restated(restated_numbers: Sequence[Restated], tables: Tables) -> Check | None:
    """R8: every restated number with a known table cell equals it; None when prose restates nothing."""
    comparable = [r for r in restated_numbers if r.kind in CELLS]
    if not comparable:
        return None
    failures: list[str] = []
    cells: list[str] = []
    assessed = 0
    for restated in comparable:
        paths = CELLS[restated.kind]
        values = [_cell(tables, p) for p in paths]
        if any(v is None for v in values):
            continue
        assessed += 1
        cells.extend(paths)
        total = sum(v for v in values if v is not None)
        if total != restated.value:
            failures.append(f"prose says {restated.value} ({restated.text!r}), table {'+'.join(paths)} = {total}")
    if assessed == 0:
        return Check(id="R8", status="not_assessable", message="restated numbers have no table cell to compare", cells=[])
    if failures:
        return Check(id="R8", status="fail", message="; ".join(failures), cells=sorted(set(cells)))
    return Check(id="R8", status="pass", message=f"{assessed} restated number(s) agree with the tables",
                 cells=sorted(set(cells)))


def check_year(count_years: Sequence[StatedYear], report_year: int | None) -> tuple[Check | None, list[Warning]]:
    """R9: a year stated with a published count must be the report year ("于 2023 年共公开…" in 2024 fails).

    `count_years` are the years stated in sentences that state a published count.
    """
    tied = list(count_years)
    if not tied:
        return None, []
    if report_year is None:
        return Check(id="R9", status="not_assessable", message="report year unknown", cells=[]), []
    wrong = [y for y in tied if y.year != report_year]
    if not wrong:
        return Check(id="R9", status="pass", message=f"counts are stated for {report_year}", cells=[]), []
    warnings = [Warning(code="year_mismatch", message=f"narrative says {y.year} in a {report_year} report ({y.text!r})",
                        page=y.page) for y in wrong]
    message = "; ".join(f"{y.year} stated with a published count" for y in wrong)
    return Check(id="R9", status="fail", message=f"{message} in the {report_year} report", cells=[]), warnings
