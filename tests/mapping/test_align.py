from extractor.mapping.align import align_rows

ORDER = ["a", "b", "c", "d"]
PENALTY = {k: 2.5 for k in ORDER}


def _sure(key: str | None) -> dict[str | None, float]:
    dist: dict[str | None, float] = {k: 0.01 for k in ORDER}
    dist[None] = 0.01
    dist[key] = 0.96
    return dist


def test_a_missing_row_does_not_shift_the_rows_after_it() -> None:
    assert align_rows([_sure("a"), _sure("c"), _sure("d")], ORDER, PENALTY) == ["a", "c", "d"]


def test_an_extra_local_row_is_left_unassigned() -> None:
    assert align_rows([_sure("a"), _sure(None), _sure("b")], ORDER, PENALTY) == ["a", None, "b"]


def test_an_ambiguous_label_is_placed_by_printed_order() -> None:
    vague: dict[str | None, float] = {"a": 0.3, "b": 0.3, "c": 0.3, "d": 0.05, None: 0.05}
    assert align_rows([_sure("a"), _sure("b"), vague, _sure("d")], ORDER, PENALTY) == ["a", "b", "c", "d"]


def test_two_rows_printed_the_other_way_round_keep_the_keys_their_labels_name() -> None:
    from extractor.mapping.align import swap_crossed_rows

    says_c: dict[str | None, float] = {"a": 0.05, "b": 0.2, "c": 0.7, "d": 0.05, None: 0.001}
    says_b: dict[str | None, float] = {"a": 0.05, "b": 0.7, "c": 0.2, "d": 0.05, None: 0.001}
    rows = [_sure("a"), says_c, says_b, _sure("d")]  # a local template printing c before b
    aligned = align_rows(rows, ORDER, PENALTY)
    assert aligned == ["a", "b", "c", "d"]  # the printed order alone forces them the template's way
    assert swap_crossed_rows(rows, aligned, 0.5) == ["a", "c", "b", "d"]


def test_an_unsure_row_is_not_moved_out_of_the_printed_order() -> None:
    from extractor.mapping.align import swap_crossed_rows

    vague: dict[str | None, float] = {"a": 0.05, "b": 0.3, "c": 0.4, "d": 0.05, None: 0.2}
    rows = [_sure("a"), vague, _sure("b"), _sure("d")]
    aligned = align_rows(rows, ORDER, PENALTY)
    assert swap_crossed_rows(rows, aligned, 0.5) == aligned


def test_a_row_left_out_claims_a_key_no_row_took_only_when_sure() -> None:
    from extractor.mapping.align import claim_skipped_keys

    rows = [_sure("a"), _sure("b"), _sure("c")]
    assert claim_skipped_keys(rows, ["a", None, "c"], 0.9) == ["a", "b", "c"]
    assert claim_skipped_keys(rows, ["a", None, "c"], 0.99) == ["a", None, "c"]  # 0.96 is not sure enough
    assert claim_skipped_keys(rows, ["a", None, "b"], 0.9) == ["a", None, "b"]  # b is taken
    assert claim_skipped_keys([_sure("a"), _sure(None)], ["a", None], 0.5) == ["a", None]  # an extra row stays extra
