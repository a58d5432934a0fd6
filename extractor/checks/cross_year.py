"""R6/R7: relations between consecutive annual reports of the same body.

Pure functions over the cells of several reports: they run wherever several years meet (a batch
database, two files given to `compare`), and the caller supplies and stores the values. The
reports are grouped by their normalised agency name (`extractor.agency`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..model import Check

REQUEST_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                   "legal_service_org", "other_org", "total")
R7_ROWS = ("regulations", "normative_docs")
R7_TOLERANCE = 0  # documents; R7 is soft, so the tolerance is a parameter of cross_year_checks
# The (table, row) pairs R6 and R7 read: a caller loads only these cells.
CROSS_YEAR_ROWS: tuple[tuple[str, str], ...] = (
    ("requests", "carried_over"), ("requests", "carried_forward"), *(("proactive", r) for r in R7_ROWS))

CellKey = tuple[str, str, str]  # (table, row, col)


class YearReport(Protocol):
    """What a cross-year check needs of one stored report (any object with these attributes)."""

    @property
    def id(self) -> int: ...
    @property
    def agency_norm(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def template(self) -> str | None: ...
    @property
    def sha256(self) -> str: ...
    @property
    def values(self) -> Mapping[CellKey, float | None]: ...


@dataclass(frozen=True)
class CrossYearCheck:
    """One R6 or R7 verdict: the later report carries it, the earlier one is named."""

    agency_norm: str
    year: int
    prev_year: int
    report_id: int
    prev_report_id: int
    check: Check


def check_r6(cur: Mapping[CellKey, float | None], prev: Mapping[CellKey, float | None], year: int) -> Check:
    """carried_over(Y) = carried_forward(Y−1) in every column where both are known."""
    paths, bad, compared = [], [], 0
    for col in REQUEST_COLUMNS:
        a = cur.get(("requests", "carried_over", col))
        b = prev.get(("requests", "carried_forward", col))
        paths.append(f"requests.carried_over.{col}")
        if a is None or b is None:
            continue
        compared += 1
        if a != b:
            bad.append(f"{col}: carried_over {a:g} ≠ {year - 1} carried_forward {b:g}")
    if compared == 0:
        return Check(id="R6", status="not_assessable", message=f"no comparable cells with {year - 1}", cells=paths)
    if bad:
        return Check(id="R6", status="fail", message="; ".join(bad), cells=paths)
    return Check(id="R6", status="pass", message=f"carried_over equals {year - 1} carried_forward "
                 f"({compared} columns)", cells=paths)


def check_r7(cur: Mapping[CellKey, float | None], prev: Mapping[CellKey, float | None],
             year: int, tolerance: float = R7_TOLERANCE) -> Check:
    """in_force(Y) ≈ in_force(Y−1) + issued(Y) − repealed(Y) for regulations and normative documents."""
    paths, bad, compared = [], [], 0
    for row in R7_ROWS:
        now = cur.get(("proactive", row, "in_force"))
        before = prev.get(("proactive", row, "in_force"))
        issued = cur.get(("proactive", row, "issued"))
        repealed = cur.get(("proactive", row, "repealed"))
        paths += [f"proactive.{row}.in_force", f"proactive.{row}.issued", f"proactive.{row}.repealed"]
        if now is None or before is None or issued is None or repealed is None:
            continue
        compared += 1
        expected = before + issued - repealed
        if abs(now - expected) > tolerance:
            bad.append(f"{row}: in_force {now:g} ≠ {year - 1} in_force {before:g} + issued {issued:g} "
                       f"− repealed {repealed:g} = {expected:g}")
    if compared == 0:
        return Check(id="R7", status="not_assessable", message=f"no comparable rows with {year - 1}", cells=paths)
    if bad:
        return Check(id="R7", status="fail", message="; ".join(bad), cells=paths)
    return Check(id="R7", status="pass", message=f"in_force follows from {year - 1} ({compared} rows)", cells=paths)


def pair_checks(cur: YearReport, prev: YearReport, tolerance: float = R7_TOLERANCE) -> list[Check]:
    """R6 for any two consecutive years; R7 only where both use the 2021 template."""
    found = [check_r6(cur.values, prev.values, cur.year)]
    if cur.template == "2021" and prev.template == "2021":
        found.append(check_r7(cur.values, prev.values, cur.year, tolerance))
    return found


def cross_year_checks(reports: Iterable[YearReport], tolerance: float = R7_TOLERANCE) -> list[CrossYearCheck]:
    """R6/R7 on every consecutive pair of years of each agency.

    When one agency has several reports for a year (different files), the one with the smallest
    sha256 is used, so the choice does not depend on the order the reports arrive in.
    """
    by_agency: dict[str, dict[int, YearReport]] = defaultdict(dict)
    for rep in sorted(reports, key=lambda r: r.sha256):
        by_agency[rep.agency_norm].setdefault(rep.year, rep)
    results: list[CrossYearCheck] = []
    for agency in sorted(by_agency):
        years = by_agency[agency]
        for year in sorted(years):
            prev = years.get(year - 1)
            if prev is None:
                continue
            cur = years[year]
            results += [CrossYearCheck(agency, year, year - 1, cur.id, prev.id, c) for c in pair_checks(cur, prev, tolerance)]
    return results


def format_cross_year(results: list[CrossYearCheck]) -> list[str]:
    """One line per verdict, for `xxgk check --db`."""
    return [f"{r.check.status.upper():14} {r.check.id} {r.agency_norm} {r.prev_year}→{r.year}: {r.check.message}"
            for r in results]
