"""Which table quantity a number restated in prose names (R8's input), on sentences written for this test."""

from __future__ import annotations

import re

import pytest

from extractor.checks.narrative import CELLS
from extractor.narrative.restated import count_kind


def _kinds(sentence: str) -> list[tuple[int, str | None]]:
    """count_kind for every "N件/起" in the sentence, as the narrative stage calls it."""
    out = []
    for match in re.finditer(r"(\d+)\s*(?:件|起)", sentence):
        out.append((int(match.group(1)), count_kind(sentence[: match.start()], sentence[match.start() + len(match.group(1)):])))
    return out


@pytest.mark.parametrize("sentence, expected", [
    # review results, then litigation results with the same four words: the group named last decides
    ("本机关被申请行政复议12件，其中结果维持5件，结果纠正2件，其他结果4件，尚未审结1件；"
     "被提起行政诉讼8件，其中结果维持3件，结果纠正1件，其他结果2件，尚未审结2件。",
     [(12, "review_total"), (5, "review_upheld"), (2, "review_corrected"), (4, "review_other"), (1, "review_pending"),
      (8, "litigation_total"), (3, "litigation_upheld"), (1, "litigation_corrected"), (2, "litigation_other"),
      (2, "litigation_pending")]),
    # carried forward, named after the number or with the next year written out
    ("全年受理申请86件，办结80件，另有6件顺延至下一年度办理。",
     [(86, "requests_received"), (80, "requests_completed"), (6, "carried_forward")]),
    ("本年度共收到申请40件，已办结37件，结转至2025年3件。",
     [(40, "requests_received"), (37, "requests_completed"), (3, "carried_forward")]),
    ("含上年度结转申请4件。", [(4, "carried_over")]),
])
def test_restated_numbers_name_their_quantity(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert _kinds(sentence) == expected


def test_every_restated_kind_has_table_cells_to_compare() -> None:
    for kind in ("review_upheld", "review_corrected", "review_other", "review_pending",
                 "litigation_upheld", "litigation_corrected", "litigation_other", "litigation_pending"):
        assert kind in CELLS
    assert CELLS["litigation_other"] == ("review_litigation.litigation_direct.other",
                                         "review_litigation.litigation_after_review.other")
