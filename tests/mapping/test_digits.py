from extractor.mapping.digits import agreed_cells, resolve_jointly, split_chunks


def test_whitespace_is_a_hard_boundary_and_leading_zeros_are_invalid() -> None:
    # "230 000023": the space ends a cell; only 23/0/0/0/0/0/23 keeps every piece valid and R3 true
    candidates = split_chunks(["230", "000023"], 7)
    assert ("23", "0", "0", "0", "0", "0", "23") in candidates
    assert all(not (p.startswith("0") and p != "0") for c in candidates for p in c)
    assert split_chunks(["23", "0", "00", "0", "023"], 7) == [("23", "0", "0", "0", "0", "0", "23")]


def test_all_zero_runs_have_exactly_one_split() -> None:
    assert split_chunks(["0" * 15], 15) == [tuple("0" * 15)]


def test_a_decimal_point_stays_inside_one_cell() -> None:
    for split in split_chunks(["13575394432.52元"], 2) or []:
        assert split[1].endswith(".52元")
        assert "." not in split[0]


def test_ambiguous_runs_agree_on_nothing() -> None:
    candidates = split_chunks(["3960181"], 3)
    assert candidates and len(candidates) > 1
    assert agreed_cells(candidates, 3) == [None, None, None]


def test_more_chunks_than_cells_has_no_split() -> None:
    assert split_chunks(["1", "2", "3"], 2) == []


def test_candidate_limit_is_reported_as_none() -> None:
    assert split_chunks(["1234567891234567891"], 7, limit=10) is None


def test_joint_resolution_keeps_only_what_the_constraint_decides() -> None:
    # two rows, each split two ways; the constraint "first cells sum to 10" decides row 1 only
    rows = [[("1", "23"), ("12", "3")], [("9", "5"), ("9", "5")]]
    resolved = resolve_jointly(rows, lambda combo: int(combo[0][0]) + int(combo[1][0]) == 10)
    assert resolved == [["1", "23"], ["9", "5"]]
