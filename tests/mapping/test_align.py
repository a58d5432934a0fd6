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
