"""The cross-year checks over a database: load the cells R6/R7 read, run the checks, store their rows.

This is where checks and sinks meet; neither imports the other.
"""

from __future__ import annotations

from sqlalchemy import Engine

from ..checks.cross_year import (
    CROSS_YEAR_ROWS,
    R7_TOLERANCE,
    CrossYearCheck,
    cross_year_checks,
    format_cross_year,
)
from ..sinks.sql import StoredCheck, make_engine, replace_checks, stored_reports


def check_cross_year(engine: Engine | str, *, tolerance: float = R7_TOLERANCE, store: bool = True) -> list[CrossYearCheck]:
    """Run R6 (and R7 where both years use the 2021 template) on every consecutive pair of years.

    Stored results replace earlier R6/R7 rows, so running it twice gives the same table.
    """
    eng = make_engine(engine) if isinstance(engine, str) else engine
    try:
        results = cross_year_checks(stored_reports(eng, CROSS_YEAR_ROWS), tolerance)
        if store:
            replace_checks(eng, ("R6", "R7"),
                           [StoredCheck(r.report_id, r.check, r.prev_report_id) for r in results])
    finally:
        if isinstance(engine, str):
            eng.dispose()
    return results


def check_cross_year_url(url: str) -> tuple[list[str], bool]:
    """The CLI's entry: run and store R6/R7 on a database URL; lines to print and whether any failed."""
    results = check_cross_year(url)
    lines = format_cross_year(results) or ["no consecutive years of the same agency in this database"]
    return lines, any(r.check.status == "fail" for r in results)
