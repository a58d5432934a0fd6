"""R6/R7: relations between consecutive annual reports of the same body, checked in a database.

They can only run where several years meet (a batch database), so they read the `cells` table
rather than a Report. Agency names are normalised first: the same body writes its name with and
without spaces, full- or half-width brackets, and as 人民政府 or 政府.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, and_, delete, select

from ..model import Check

REQUEST_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                   "legal_service_org", "other_org", "total")
R7_ROWS = ("regulations", "normative_docs")
R7_TOLERANCE = 0  # documents; R7 is soft, so the tolerance is a parameter of check_cross_year
_BRACKETS = str.maketrans("", "", "()[]{}<>（）【】〔〕［］｛｝〈〉《》「」『』")


def normalise_agency(name: str | None) -> str | None:
    """A comparison key for an agency name: NFKC, no spaces or brackets, 人民政府 → 政府."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not ch.isspace()).translate(_BRACKETS)
    text = text.replace("人民政府", "政府")
    return text or None


@dataclass(frozen=True)
class CrossYearCheck:
    """One R6 or R7 verdict: the later report carries it, the earlier one is named."""

    agency_norm: str
    year: int
    prev_year: int
    report_id: int
    prev_report_id: int
    check: Check


@dataclass(frozen=True)
class _Rep:
    id: int
    agency_norm: str
    year: int
    template: str | None
    sha256: str


def _load(engine: Engine) -> tuple[list[_Rep], dict[int, dict[tuple[str, str, str], float | None]]]:
    from ..sinks.migrations import cells, reports

    with engine.connect() as conn:
        reps = [
            _Rep(r.id, r.agency_norm, r.year, r.template, r.sha256)
            for r in conn.execute(
                select(reports.c.id, reports.c.agency_norm, reports.c.year, reports.c.template, reports.c.sha256)
                .where(reports.c.agency_norm.is_not(None), reports.c.year.is_not(None)))
        ]
        wanted = cells.c.table.in_(("requests", "proactive")) & cells.c.row.in_(
            ("carried_over", "carried_forward", *R7_ROWS))
        values: dict[int, dict[tuple[str, str, str], float | None]] = defaultdict(dict)
        for c in conn.execute(select(cells.c.report_id, cells.c.table, cells.c.row, cells.c.col, cells.c.value)
                              .where(wanted)):
            values[c.report_id][(c.table, c.row, c.col)] = c.value
    return reps, values


def _r6(cur: dict[tuple[str, str, str], float | None], prev: dict[tuple[str, str, str], float | None],
        year: int) -> Check:
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


def _r7(cur: dict[tuple[str, str, str], float | None], prev: dict[tuple[str, str, str], float | None],
        year: int, tolerance: float) -> Check:
    paths, bad, compared = [], [], 0
    for row in R7_ROWS:
        now = cur.get(("proactive", row, "in_force"))
        before = prev.get(("proactive", row, "in_force"))
        issued = cur.get(("proactive", row, "issued"))
        repealed = cur.get(("proactive", row, "repealed"))
        paths += [f"proactive.{row}.in_force", f"proactive.{row}.issued", f"proactive.{row}.repealed"]
        if None in (now, before, issued, repealed):
            continue
        assert now is not None and before is not None and issued is not None and repealed is not None
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


def check_cross_year(engine: Engine | str, *, tolerance: float = R7_TOLERANCE,
                     store: bool = True) -> list[CrossYearCheck]:
    """Run R6 (and R7 where both years use the 2021 template) on every consecutive pair of years.

    Results replace earlier R6/R7 rows of the same reports, so running it twice gives the same table.
    When one agency has several reports for a year (different files), the one with the smallest
    sha256 is used, so the choice does not depend on insertion order.
    """
    from ..sinks.migrations import checks
    from ..sinks.sql import make_engine

    eng = make_engine(engine) if isinstance(engine, str) else engine
    reps, values = _load(eng)
    by_agency: dict[str, dict[int, _Rep]] = defaultdict(dict)
    for rep in sorted(reps, key=lambda r: r.sha256):
        by_agency[rep.agency_norm].setdefault(rep.year, rep)
    results: list[CrossYearCheck] = []
    for agency in sorted(by_agency):
        years = by_agency[agency]
        for year in sorted(years):
            prev = years.get(year - 1)
            if prev is None:
                continue
            cur = years[year]
            found = [_r6(values[cur.id], values[prev.id], year)]
            if cur.template == "2021" and prev.template == "2021":
                found.append(_r7(values[cur.id], values[prev.id], year, tolerance))
            results += [CrossYearCheck(agency, year, year - 1, cur.id, prev.id, c) for c in found]
    if store:
        with eng.begin() as conn:
            conn.execute(delete(checks).where(and_(checks.c.check_id.in_(("R6", "R7")))))
            if results:
                conn.execute(checks.insert(), [
                    {"report_id": r.report_id, "check_id": r.check.id, "status": r.check.status,
                     "message": r.check.message, "cells": r.check.cells, "prev_report_id": r.prev_report_id}
                    for r in results])
    if isinstance(engine, str):
        eng.dispose()
    return results


def format_cross_year(results: list[CrossYearCheck]) -> list[str]:
    """One line per verdict, for `xxgk check --db`."""
    return [f"{r.check.status.upper():14} {r.check.id} {r.agency_norm} {r.prev_year}→{r.year}: {r.check.message}"
            for r in results]


def check_cross_year_url(url: str) -> tuple[list[str], bool]:
    """The CLI's entry: run and store R6/R7 on a database URL; lines to print and whether any failed."""
    results = check_cross_year(url)
    lines = format_cross_year(results) or ["no consecutive years of the same agency in this database"]
    return lines, any(r.check.status == "fail" for r in results)
