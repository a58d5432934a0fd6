from extractor import schema
from extractor.mapping.digits import (
    COUNT,
    ColumnKind,
    agreed_cells,
    candidates,
    column_kind,
    fits,
    fits_whole,
    resolve_jointly,
)

SIGNED = column_kind("signed")
MONEY = column_kind("money")
LICENSE_2019 = [COUNT, SIGNED, COUNT]  # 上一年项目数量 | 本年增/减 | 处理决定数量


def glued(chunks: list[str], kinds: list[ColumnKind]) -> list[tuple[str, ...]]:
    found = candidates(chunks, kinds, cuts=True, gaps=False)
    assert found is not None
    return found


def test_whitespace_is_a_hard_boundary_and_leading_zeros_are_invalid() -> None:
    # "230 000023": the space ends a cell; only 23/0/0/0/0/0/23 keeps every piece valid and R3 true
    found = glued(["230", "000023"], [COUNT] * 7)
    assert ("23", "0", "0", "0", "0", "0", "23") in found
    assert all(not (p.startswith("0") and p != "0") for c in found for p in c)
    assert glued(["23", "0", "00", "0", "023"], [COUNT] * 7) == [("23", "0", "0", "0", "0", "0", "23")]


def test_all_zero_runs_have_exactly_one_reading_even_with_lost_blanks() -> None:
    assert candidates(["0" * 15], [COUNT] * 15, cuts=True, gaps=True) == [tuple("0" * 15)]


def test_a_decimal_point_and_a_unit_stay_in_the_money_cell() -> None:
    found = glued(["13575394432.52元"], [COUNT, MONEY])
    assert found and all(split[1].endswith(".52元") and "." not in split[0] for split in found)
    # a count never holds a fraction or a money unit, so the whole run cannot be the count
    assert candidates(["13575394432.52元"], [COUNT, MONEY], cuts=True, gaps=True)[0] == ("", "13575394432.52元")  # type: ignore[index]
    assert not fits("12.5", COUNT) and not fits("5元", COUNT) and fits("5元", MONEY) and fits("96171.6", MONEY)


def test_ambiguous_runs_agree_on_nothing() -> None:
    found = glued(["3960181"], LICENSE_2019)
    assert len(found) > 1
    assert agreed_cells(found, 3) == [None, None, None]


def test_a_glued_minus_is_a_sign_or_a_dash_and_never_opens_an_unsigned_cell() -> None:
    # "行政许可120-3117": 120 | -3 | 117, 120 | -31 | 17, 120 | -311 | 7, or 120 | - (n/a) | 3117
    found = glued(["120", "-3117"], LICENSE_2019)
    assert set(found) == {("120", "-3", "117"), ("120", "-31", "17"), ("120", "-311", "7"), ("120", "-", "3117")}
    assert agreed_cells(found, 3) == ["120", None, None]
    # the same digits for 2021's single count column: a minus cannot start it, so only the dash reading
    assert glued(["-3117"], [COUNT, COUNT]) == [("-", "3117")]


def test_full_width_and_math_minus_read_like_the_ascii_one() -> None:
    for minus in ("－", "−"):
        found = glued(["2648", f"{minus}12430"], LICENSE_2019)
        assert (("2648", f"{minus}12", "430")) in found and ("2648", minus, "12430") in found


def test_a_plus_is_a_sign_never_a_dash() -> None:
    assert glued(["5", "+1"], [COUNT, SIGNED]) == [("5", "+1")]
    assert ("120", "+5", "117") in glued(["120", "+5117"], LICENSE_2019)


def test_dash_runs_are_one_or_two_dash_cells() -> None:
    # "规章——-": three dash characters fill the three cells as —/—/- or fewer cells with "——"
    assert glued(["——-"], [COUNT] * 3) == [("—", "—", "-")]
    assert set(glued(["——-"], [COUNT] * 2)) == {("—", "—-"), ("——", "-")}


def test_lost_blanks_make_short_runs_ambiguous() -> None:
    # "100" is 1/0/0 only if no cell was left blank; a dump loses blanks without a trace
    assert glued(["100"], [COUNT] * 3) == [("1", "0", "0")]
    with_blanks = candidates(["100"], [COUNT] * 3, cuts=True, gaps=True)
    assert with_blanks is not None and ("10", "0", "") in with_blanks and ("100", "", "") in with_blanks
    assert agreed_cells(with_blanks, 3) == [None, None, None]


def test_whole_cells_are_placed_by_their_kind() -> None:
    # one cell per line, a blank lost: "5" and "-3" in 上一年 | 增减 | 决定 can only be 5 | -3 | (blank)
    assert candidates(["5", "-3"], LICENSE_2019, cuts=False, gaps=True) == [("5", "-3", "")]
    assert fits_whole("-", COUNT) and fits_whole("251000元", MONEY) and not fits_whole("251000元", COUNT)


def test_schema_column_types_give_the_kinds() -> None:
    types = {c.key: c.type for c in schema.proactive("2019").columns}
    assert types["items_change"] == "signed" and column_kind(types["items_change"]).signed
    assert all(not column_kind(t).signed for k, t in types.items() if k != "items_change")
    assert [c.key for c in schema.proactive("2021").columns if column_kind(c.type).decimal] == ["amount_wan_yuan"]


def test_more_chunks_than_cells_has_no_reading() -> None:
    assert glued(["1", "2", "3"], [COUNT] * 2) == []


def test_candidate_limit_is_reported_as_none() -> None:
    assert candidates(["1234567891234567891"], [COUNT] * 7, cuts=True, gaps=False, limit=10) is None


def test_joint_resolution_keeps_only_what_the_constraint_decides() -> None:
    # two rows, each split two ways; the constraint "first cells sum to 10" decides row 1 only
    rows = [[("1", "23"), ("12", "3")], [("9", "5"), ("9", "5")]]
    resolved = resolve_jointly(rows, lambda combo: int(combo[0][0]) + int(combo[1][0]) == 10)
    assert resolved == [["1", "23"], ["9", "5"]]
