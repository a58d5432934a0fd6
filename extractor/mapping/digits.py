"""Split digit runs whose cell boundaries were lost ("行政许可3960181" → 396 / 0 / 181).

Text dumps of web pages concatenate the cells of a row. Whitespace that survives is a real
boundary, so a row arrives as a few *chunks*; every way of cutting the chunks into the expected
number of cells is enumerated (no leading zeros, a decimal point stays inside one cell) and the
schema's relations pick among them. When more than one split satisfies everything, the cells on
which the survivors disagree stay unknown: a guess would be a silent error.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

Split = tuple[str, ...]
_PIECE = re.compile(r"^[+\-−]?(0|[1-9]\d*)(\.\d+)?(万元|元)?$")


def _valid_piece(piece: str) -> bool:
    return bool(_PIECE.match(piece))


def _cuts(chunk: str, parts: int) -> Iterator[Split]:
    """All ways to cut one chunk into `parts` valid numbers, in order."""
    if parts == 1:
        if _valid_piece(chunk):
            yield (chunk,)
        return
    for end in range(1, len(chunk) - parts + 2):
        head = chunk[:end]
        # a fraction or a unit ends its cell: nothing can be cut off after "…432.5" or "…元"
        if not _valid_piece(head) or "." in head or head.endswith("元"):
            continue
        for rest in _cuts(chunk[end:], parts - 1):
            yield (head, *rest)


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Ways to write `total` as an ordered sum of `parts` positive integers."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def split_chunks(chunks: Sequence[str], cells: int, limit: int = 20000) -> list[Split] | None:
    """Every split of `chunks` into exactly `cells` numbers, or None when over `limit` candidates."""
    if not chunks or len(chunks) > cells:
        return []
    results: list[Split] = []
    for counts in _compositions(cells, len(chunks)):
        per_chunk = [list(_cuts(chunk, n)) for chunk, n in zip(chunks, counts, strict=True)]
        if any(not options for options in per_chunk):
            continue
        for combo in itertools.product(*per_chunk):
            results.append(tuple(piece for part in combo for piece in part))
            if len(results) > limit:
                return None
    return results


def place_with_gaps(values: Sequence[str], cells: int, limit: int = 20000) -> list[Split] | None:
    """Every order-preserving placement of `values` (one cell each) in `cells` slots; "" is a blank."""
    if len(values) > cells:
        return []
    results: list[Split] = []
    for slots in itertools.combinations(range(cells), len(values)):
        row = [""] * cells
        for slot, value in zip(slots, values, strict=True):
            row[slot] = value
        results.append(tuple(row))
        if len(results) > limit:
            return None
    return results


def agreed_cells(candidates: Sequence[Split], cells: int) -> list[str | None]:
    """Per position: the piece every candidate agrees on, else None."""
    if not candidates:
        return [None] * cells
    return [c[0] if len(set(c)) == 1 else None for c in zip(*candidates, strict=True)]


Constraint = Callable[[Sequence[Split]], bool]


def resolve_jointly(
    options: Sequence[Sequence[Split]],
    constraint: Constraint,
    limit: int = 100000,
) -> list[list[str | None]] | None:
    """Choose one split per row so that `constraint` (over all rows) holds.

    Returns, per row, the pieces all satisfying combinations agree on (None where they differ),
    or None when the search space is over `limit` (the caller keeps the per-row result).
    """
    size = 1
    for row in options:
        size *= max(len(row), 1)
    if size > limit or any(not row for row in options):
        return None
    survivors = [combo for combo in itertools.product(*options) if constraint(combo)]
    widths = [len(row[0]) for row in options]
    if not survivors:
        return None
    resolved: list[list[str | None]] = []
    for index, width in enumerate(widths):
        resolved.append(agreed_cells([combo[index] for combo in survivors], width))
    return resolved
