"""Align classified rows with the schema's printed order (a monotonic alignment, not counting).

Each observed row carries P(key | label). The best monotonic assignment of rows to keys is found
by dynamic programming: a row may be an extra local row ("unknown"), a key may be unprinted. One
missing or extra row therefore never shifts the rows after it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

_FLOOR = 1e-6


def _log(p: float) -> float:
    return math.log(max(p, _FLOOR))


def align_rows(
    distributions: Sequence[Mapping[str | None, float]],
    order: Sequence[str],
    skip_penalty: Mapping[str, float],
    extra_row_penalty: float = 1.0,
) -> list[str | None]:
    """For each row, the key it is aligned to, or None for an extra row."""
    n, m = len(distributions), len(order)
    neg = -math.inf
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, str | None] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = score[i][j]
            if here == neg:
                continue
            if j < m:  # key j not printed
                cand = here - skip_penalty.get(order[j], 2.5)
                if cand > score[i][j + 1]:
                    score[i][j + 1], back[i][j + 1] = cand, (i, j, None)
            if i < n:
                dist = distributions[i]
                cand = here + _log(dist.get(None, 0.0)) - extra_row_penalty  # extra row
                if cand > score[i + 1][j]:
                    score[i + 1][j], back[i + 1][j] = cand, (i, j, None)
                if j < m:
                    cand = here + _log(dist.get(order[j], 0.0))
                    if cand > score[i + 1][j + 1]:
                        score[i + 1][j + 1], back[i + 1][j + 1] = cand, (i, j, order[j])
    assigned: list[str | None] = [None] * n
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        if step is None:
            break
        pi, pj, key = step
        if pi == i - 1 and pj == j - 1:
            assigned[pi] = key
        i, j = pi, pj
    return assigned
