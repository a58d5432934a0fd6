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


def claim_skipped_keys(
    distributions: Sequence[Mapping[str | None, float]],
    assigned: Sequence[str | None],
    min_probability: float,
) -> list[str | None]:
    """Rows the alignment left out as extra keep the key the classifier is sure of, if no row took it.

    A local template may print two rows in another order (the 不予公开 reasons, say): a monotonic
    alignment can place only one of them. A row named with `min_probability` or more for a key that
    no aligned row holds takes that key; a key claimed by several rows goes to the surest one.
    """
    taken = {key for key in assigned if key is not None}
    claims: dict[str, tuple[int, float]] = {}
    for index, (dist, key) in enumerate(zip(distributions, assigned, strict=True)):
        if key is not None:
            continue
        named = [(k, p) for k, p in dist.items() if k is not None]
        if not named:
            continue
        best, p = max(named, key=lambda kv: (kv[1], kv[0]))
        if p >= min_probability and best not in taken and (best not in claims or p > claims[best][1]):
            claims[best] = (index, p)
    out = list(assigned)
    for key, (index, _) in claims.items():
        out[index] = key
    return out


def _top(dist: Mapping[str | None, float]) -> tuple[str | None, float]:
    return max(dist.items(), key=lambda kv: (kv[1], kv[0] or ""))


def swap_crossed_rows(
    distributions: Sequence[Mapping[str | None, float]],
    assigned: Sequence[str | None],
    min_probability: float,
) -> list[str | None]:
    """Two aligned rows whose labels each name the other's key (both surely) exchange their keys.

    The printed-order alignment forces rows printed in another order than the template's onto the
    template's order; when the classifier says of each of the two that it is the other one, the
    labels win over the order.
    """
    out = list(assigned)
    tops = [_top(d) for d in distributions]
    for i in range(len(out)):
        for j in range(i + 1, len(out)):
            a, b = out[i], out[j]
            if a is None or b is None or a == b:
                continue
            (top_i, p_i), (top_j, p_j) = tops[i], tops[j]
            if top_i == b and top_j == a and min(p_i, p_j) >= min_probability:
                out[i], out[j] = b, a
    return out
