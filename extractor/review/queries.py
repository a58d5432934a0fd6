"""The report list in SQL: filters, paging and "the next report needing review", never loading a document.

A report's status is its `review_state` row when it has one (the corrected view's checks), else the
extraction's own check rows: failing (a relation fails), attention (R1–R4 cannot be assessed — cells
left null as unreadable or ambiguous, or a table not found), ok. "To review" is failing or attention
and not marked reviewed. Everything is one indexed query per page plus small lookups for its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
)

from ..agency import normalise_agency
from ..sinks.migrations import checks, corrections, reports, review_state
from ..sinks.review_state import states
from .cells import ATTENTION_CHECKS

Status = Literal["", "todo", "fail", "attention", "ok", "corrected", "uncorrected", "reviewed"]
STATUSES: dict[str, str] = {"": "全部", "todo": "待复核", "fail": "有不通过的校验", "attention": "有存疑单元格",
                            "ok": "校验全部通过", "corrected": "已更正", "uncorrected": "未更正", "reviewed": "已标记复核完成"}


@dataclass(frozen=True)
class ListFilter:
    agency: str = ""
    year: int | None = None
    template: str | None = None
    status: str = ""
    page: int = 1

    def query(self, **changes: Any) -> dict[str, str]:
        """The filter as URL parameters (empty ones left out), with `changes` applied."""
        flt = replace(self, **changes)
        params = {"agency": flt.agency, "year": "" if flt.year is None else str(flt.year),
                  "template": flt.template or "", "status": flt.status, "page": "" if flt.page == 1 else str(flt.page)}
        return {k: v for k, v in params.items() if v}


@dataclass(frozen=True)
class ListRow:
    id: int
    file: str
    agency: str | None
    year: int | None
    template: str | None
    pages: int | None
    failing: tuple[str, ...]
    n_attention: int
    n_warnings: int
    n_corrections: int
    reviewed: bool

    @property
    def status(self) -> str:
        return "fail" if self.failing else "attention" if self.n_attention else "ok"


@dataclass(frozen=True)
class ListPage:
    rows: list[ListRow]
    total: int
    filter: ListFilter
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def listed(*columns: Any) -> Select[Any]:
    """SELECT columns FROM the list's rows: each report with its review summary, when it has one."""
    return select(*columns).select_from(reports.outerjoin(review_state, review_state.c.report_id == reports.c.id))


def _flags() -> tuple[ColumnElement[Any], ColumnElement[Any], ColumnElement[Any], ColumnElement[Any]]:
    """(failing, attention, corrected, reviewed) as SQL conditions on a `listed` row. The extraction's own
    check rows decide for a report without a summary; each is one lookup in an index by report id (or sha256),
    which beats joining aggregated subqueries on SQLite (measured: 30 ms against 220 ms a list page)."""
    stored_fail = exists().where(checks.c.report_id == reports.c.id, checks.c.status == "fail")
    stored_attention = exists().where(checks.c.report_id == reports.c.id, checks.c.status == "not_assessable",
                                      checks.c.check_id.in_(ATTENTION_CHECKS))
    no_state = review_state.c.report_id.is_(None)
    failing = or_(and_(no_state, stored_fail), review_state.c.n_fail > 0)
    attention = or_(and_(no_state, stored_attention), review_state.c.n_attention > 0)
    corrected = exists().where(corrections.c.sha256 == reports.c.sha256)
    return failing, attention, corrected, review_state.c.reviewed_at.is_not(None)


def list_conditions(flt: ListFilter) -> list[ColumnElement[Any]]:
    failing, attention, corrected, reviewed = _flags()
    conditions: list[ColumnElement[Any]] = []
    key = normalise_agency(flt.agency.strip()) if flt.agency.strip() else None
    if key:
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(LIST_ORDER[0].like(f"%{escaped}%", escape="\\"))  # read from the list index
    if flt.year is not None:
        conditions.append(LIST_ORDER[1] == flt.year)
    if flt.template:
        conditions.append(reports.c.template == flt.template)
    by_status: dict[str, ColumnElement[Any]] = {
        "todo": and_(or_(failing, attention), not_(reviewed)),
        "fail": failing,
        "attention": and_(not_(failing), attention),
        "ok": and_(not_(failing), not_(attention)),
        "corrected": corrected,
        "uncorrected": not_(corrected),
        "reviewed": reviewed,
    }
    if flt.status in by_status:
        conditions.append(by_status[flt.status])
    return conditions


# literal defaults, so the expressions are the very ones of the index migration 3 makes (ix_reports_list)
LIST_ORDER = (func.coalesce(reports.c.agency_norm, literal_column("''")), func.coalesce(reports.c.year, literal_column("0")),
              reports.c.id)


def _warning_counts(engine: Engine, ids: list[int]) -> dict[int, int]:
    if engine.dialect.name == "postgresql":
        count = func.jsonb_array_length(reports.c.document.op("->")("warnings"))
    else:
        count = func.json_array_length(reports.c.document, "$.warnings")
    with engine.connect() as conn:
        return {r[0]: int(r[1] or 0) for r in conn.execute(select(reports.c.id, count).where(reports.c.id.in_(ids)))}


def _stored_checks(engine: Engine, ids: list[int]) -> dict[int, tuple[list[str], int]]:
    """Failing check ids and not-assessable R1–R4 per report, from the extraction's check rows."""
    out: dict[int, tuple[list[str], int]] = {i: ([], 0) for i in ids}
    with engine.connect() as conn:
        rows = conn.execute(select(checks.c.report_id, checks.c.check_id, checks.c.status)
                            .where(checks.c.report_id.in_(ids), checks.c.status != "pass")
                            .order_by(checks.c.report_id, checks.c.check_id)).all()
    for row in rows:
        failing, attention = out[int(row.report_id)]
        if row.status == "fail":
            failing.append(str(row.check_id))
        elif row.check_id in ATTENTION_CHECKS:
            out[int(row.report_id)] = (failing, attention + 1)
    return out


def _correction_counts(engine: Engine, shas: list[str]) -> dict[str, int]:
    with engine.connect() as conn:
        return {r[0]: int(r[1]) for r in conn.execute(
            select(corrections.c.sha256, func.count()).where(corrections.c.sha256.in_(shas)).group_by(corrections.c.sha256))}


def list_reports(engine: Engine, flt: ListFilter, size: int) -> ListPage:
    """One page of the filtered list, ordered by agency and year."""
    conditions = list_conditions(flt)
    with engine.connect() as conn:
        total = int(conn.execute(listed(func.count()).where(*conditions)).scalar_one())
        page = max(1, min(flt.page, max(1, -(-total // size))))
        found = conn.execute(
            listed(reports.c.id, reports.c.sha256, reports.c.file, reports.c.agency, reports.c.year, reports.c.template,
                   reports.c.pages)
            .where(*conditions).order_by(*LIST_ORDER).limit(size).offset((page - 1) * size)).all()
    ids = [r.id for r in found]
    summary = states(engine, ids)
    stored = _stored_checks(engine, [i for i in ids if i not in summary])
    warnings = _warning_counts(engine, ids) if ids else {}
    corrected = _correction_counts(engine, [r.sha256 for r in found]) if found else {}
    rows: list[ListRow] = []
    for r in found:
        state = summary.get(r.id)
        failing, attention = (list(state.failing), state.n_attention) if state else stored[r.id]
        rows.append(ListRow(r.id, r.file, r.agency, r.year, r.template, r.pages, tuple(failing), attention,
                            warnings.get(r.id, 0), corrected.get(r.sha256, 0),
                            bool(state and state.reviewed_at is not None)))
    return ListPage(rows, total, replace(flt, page=page), size)


def next_to_review(engine: Engine, after: int | None = None) -> int | None:
    """The next report "to review" after `after` in list order (wrapping around), or None when none is left."""
    query = listed(reports.c.id).where(*list_conditions(ListFilter(status="todo")))
    with engine.connect() as conn:
        if after is not None:
            key = conn.execute(select(*LIST_ORDER).where(reports.c.id == after)).first()
            if key is not None:
                agency, year, report_id = key
                later = or_(LIST_ORDER[0] > agency, and_(LIST_ORDER[0] == agency, LIST_ORDER[1] > year),
                            and_(LIST_ORDER[0] == agency, LIST_ORDER[1] == year, LIST_ORDER[2] > report_id))
                found = conn.execute(query.where(later).order_by(*LIST_ORDER).limit(1)).scalar()
                if found is not None:
                    return int(found)
        first = conn.execute(query.where(reports.c.id != (after or -1)).order_by(*LIST_ORDER).limit(1)).scalar()
    return None if first is None else int(first)


def years(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        found: Any = conn.execute(select(reports.c.year).where(reports.c.year.is_not(None))
                             .distinct().order_by(reports.c.year.desc())).scalars()
        return [int(year) for year in found]


def status_counts(engine: Engine) -> dict[str, int]:
    """How many reports there are, are to review, fail, have corrections: the list's header line.

    Counted from the small sides only (failing and not-assessable check rows through their index,
    summary rows, corrected files), never by testing every report: ~2 ms on 10,000 reports.
    """
    summarised = select(review_state.c.report_id)
    stored = checks.c.report_id.not_in(summarised)
    stored_fail = select(func.count(func.distinct(checks.c.report_id))).where(checks.c.status == "fail", stored)
    stored_todo = select(func.count(func.distinct(checks.c.report_id))).where(stored, or_(
        checks.c.status == "fail", and_(checks.c.status == "not_assessable", checks.c.check_id.in_(ATTENTION_CHECKS))))
    state_fail = select(func.count()).where(review_state.c.n_fail > 0)
    state_todo = select(func.count()).where(or_(review_state.c.n_fail > 0, review_state.c.n_attention > 0),
                                            review_state.c.reviewed_at.is_(None))
    corrected = select(func.count()).where(reports.c.sha256.in_(select(corrections.c.sha256)))
    with engine.connect() as conn:
        def count(query: Any) -> int:
            return int(conn.execute(query).scalar() or 0)
        return {"all": count(select(func.count()).select_from(reports)),
                "todo": count(stored_todo) + count(state_todo.select_from(review_state)),
                "fail": count(stored_fail) + count(state_fail.select_from(review_state)),
                "corrected": count(corrected)}
