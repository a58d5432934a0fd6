"""R1–R5 on faithful synthetic tables: the failing cells are named, values are never changed."""

from __future__ import annotations

from extractor import schema
from extractor.checks.tables import check_r1, check_r2, check_r3, check_r4, check_r5
from extractor.mapping.cells import MappedCell
from extractor.mapping.values import NullReason

COLUMNS = [c.key for c in schema.requests().columns]
SPLIT_ROWS = {r.key for r in schema.requests().rows} - {"other"}


def _cell(value: int | float | None, reason: NullReason | None = None) -> MappedCell:
    return MappedCell(value, reason, None if value is None else str(value), 3, None, 0.99)


def _consistent() -> dict[str, dict[str, dict[str, MappedCell]]]:
    """new 10 + carried 2 = total 9 + forward 3, per applicant column: 6 natural persons, 4 firms."""
    per_row = {key: [0] * 7 for key in (r.key for r in schema.requests().rows)}
    per_row["new_requests"] = [8, 2, 0, 0, 0, 0, 10]
    per_row["carried_over"] = [1, 1, 0, 0, 0, 0, 2]
    per_row["result_open"] = [5, 2, 0, 0, 0, 0, 7]
    per_row["unavailable_not_held"] = [1, 0, 0, 0, 0, 0, 1]
    per_row["other_misc"] = [1, 0, 0, 0, 0, 0, 1]
    per_row["result_total"] = [7, 2, 0, 0, 0, 0, 9]
    per_row["carried_forward"] = [2, 1, 0, 0, 0, 0, 3]
    requests = {
        row: {c: (_cell(v) if row != "other" else _cell(None, NullReason.ABSENT)) for c, v in zip(COLUMNS, values, strict=True)}
        for row, values in per_row.items()
    }
    review = {g.key: {c.key: _cell(0) for c in schema.review_litigation().columns} for g in schema.review_litigation().groups}
    review["review"] = {"upheld": _cell(3), "corrected": _cell(1), "other": _cell(0), "pending": _cell(1), "total": _cell(5)}
    return {"requests": requests, "review_litigation": review, "proactive": {}}


def test_consistent_tables_pass_every_relation() -> None:
    tables = _consistent()
    assert check_r1(tables, True).status == "pass"
    assert check_r2(tables, True, SPLIT_ROWS).status == "pass"
    assert check_r3(tables, True, SPLIT_ROWS).status == "pass"
    assert check_r4(tables, True).status == "pass"
    assert check_r5(tables, "2021").status == "pass"


def test_a_printed_total_of_zero_fails_r4_and_names_the_cells() -> None:
    tables = _consistent()
    tables["review_litigation"]["review"]["total"] = _cell(0)
    check = check_r4(tables, True)
    assert check.status == "fail"
    assert "review_litigation.review.total" in check.cells
    assert "review_litigation.review.upheld" in check.cells
    assert "litigation_direct" not in " ".join(check.cells)
    assert "5" in check.message or "0 ≠ 5" in check.message
    assert tables["review_litigation"]["review"]["total"].value == 0  # not "fixed"


def test_r1_fails_in_one_column_only() -> None:
    tables = _consistent()
    tables["requests"]["carried_forward"]["commercial_enterprise"] = _cell(2)
    check = check_r1(tables, True)
    assert check.status == "fail"
    assert "commercial_enterprise" in check.message and "natural_person" not in check.message
    assert "requests.carried_forward.commercial_enterprise" in check.cells


def test_r2_uses_the_single_other_row_when_that_is_printed() -> None:
    tables = _consistent()
    for c in COLUMNS:
        tables["requests"]["other"][c] = tables["requests"]["other_misc"][c]
        tables["requests"]["other_misc"][c] = _cell(None, NullReason.ABSENT)
    printed = (SPLIT_ROWS - {"other_no_correction", "other_fee_unpaid", "other_misc"}) | {"other"}
    assert check_r2(tables, True, printed).status == "pass"


def test_blank_cells_read_as_zero_but_unreadable_ones_make_it_not_assessable() -> None:
    tables = _consistent()
    tables["requests"]["carried_over"]["research_institution"] = _cell(None, NullReason.BLANK)
    assert check_r1(tables, True).status == "pass"
    tables["requests"]["carried_over"]["research_institution"] = _cell(None, NullReason.AMBIGUOUS)
    check = check_r1(tables, True)
    assert check.status == "not_assessable"
    assert check.cells == ["requests.carried_over.research_institution"]


def test_missing_table_is_not_assessable() -> None:
    assert check_r4(_consistent(), False).status == "not_assessable"


def test_r5_flags_negative_and_fractional_counts_but_allows_negative_change() -> None:
    tables = _consistent()
    tables["requests"]["new_requests"]["natural_person"] = _cell(-1)
    tables["requests"]["carried_over"]["natural_person"] = _cell(1.5)
    check = check_r5(tables, "2021")
    assert check.status == "fail"
    assert set(check.cells) == {"requests.new_requests.natural_person", "requests.carried_over.natural_person"}
    signed = {"proactive": {"admin_license": {"items_change": _cell(-3)}}}
    assert check_r5(signed, "2019").status == "pass"
