"""Candidates → cells: dashes count as zero in the relations, undecided cells stay null, split cells
carry the inferred-cell confidence."""

from extractor import schema
from extractor.mapping.cells import RowValues
from extractor.mapping.resolve import as_numbers, column_kinds, finish_row, sum_rule
from extractor.mapping.rows import Token
from extractor.mapping.values import NullReason
from extractor.model import Warning
from extractor.settings import Settings

SETTINGS = Settings()


def test_blank_and_dash_pieces_read_as_zero_and_signs_are_kept() -> None:
    assert as_numbers(("5", "-", "", "−3", "－2", "+1", "—")) == [5, 0, 0, -3, -2, 1, 0]
    assert as_numbers(("5", "五")) is None  # not a number: the candidate cannot satisfy a relation


def test_a_row_relation_holds_with_dash_cells() -> None:
    r3 = sum_rule(range(6), 6)
    assert r3(("2", "-", "0", "—", "", "1", "3"))
    assert not r3(("2", "-", "0", "—", "", "1", "4"))


def test_cells_the_candidates_disagree_on_are_null_with_a_warning() -> None:
    columns = ["prev_year_items", "items_change", "decisions"]
    chunk = Token("120")
    values = RowValues(tokens=None, candidates=[("120", "-3", "117"), ("120", "-31", "17")], chunks=[chunk, Token("-3117")])
    warnings: list[Warning] = []
    cells = finish_row("proactive", "admin_license", columns, values, None, 0.99, warnings, SETTINGS)
    assert cells["prev_year_items"].value == 120
    assert cells["prev_year_items"].confidence == SETTINGS.inferred_cell_confidence < 0.9
    assert cells["items_change"].value is None and cells["items_change"].null_reason is NullReason.AMBIGUOUS
    assert cells["decisions"].confidence == 0.0
    assert [w.code for w in warnings] == ["ambiguous_digits"] and "items_change, decisions" in warnings[0].message


def test_column_kinds_follow_the_schema_types() -> None:
    kinds = column_kinds(schema.proactive("2019").columns)
    assert [k.signed for k in kinds].count(True) == 1
    assert [c.key for c, k in zip(schema.proactive("2019").columns, kinds, strict=True) if k.decimal] == ["amount_yuan"]
