"""Candidate readings of a row → its cells: the column kinds and the row's relations choose.

A row whose cells could not be read one token per column (run-together digits, blanks whose
position was lost) arrives as candidates; those that break the row's own relation are dropped,
and only what every survivor agrees on is emitted, at the lower confidence of an inferred cell.
The rest is null with an `ambiguous_digits` warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import schema
from ..errors import WarningCode
from ..model import Warning
from ..settings import Settings
from .cells import (
    ABSENT,
    ColumnRef,
    MappedCell,
    RowValues,
    cell_from_token,
    cells_from_pieces,
    chunk_of_piece,
    row_values,
)
from .digits import ColumnKind, PrefixCheck, Split, agreed_cells, column_kind
from .rows import Row
from .values import parse_value


def ambiguity_warning(table: str, row: str, cols: Sequence[str]) -> Warning:
    return Warning(
        code=WarningCode.AMBIGUOUS_DIGITS,
        message=f"{table}.{row}: run-together digits split more than one way; left null: {', '.join(cols)}",
    )


def column_kinds(fields: Sequence[schema.Field]) -> list[ColumnKind]:
    """What each column may print, from the schema's column types."""
    return [column_kind(f.type) for f in fields]


def finish_row(
    table: str,
    row_key: str,
    columns: Sequence[str],
    values: RowValues,
    pieces: Sequence[str | None] | None,
    confidence: float,
    warnings: list[Warning],
    settings: Settings,
) -> dict[str, MappedCell]:
    if values.tokens is not None:
        return {c: cell_from_token(t, confidence) for c, t in zip(columns, values.tokens, strict=True)}
    if pieces is None:
        pieces = agreed_cells(values.candidates or [], len(columns))
    if not values.chunks:  # a row printed with every cell blank
        if pieces and all(p == "" for p in pieces):
            return {c: cell_from_token(None, confidence) for c in columns}
        return {c: ABSENT for c in columns}
    owners = chunk_of_piece(values.chunks, pieces)
    # a cell whose boundaries were inferred is less certain than one printed in its own box
    cells = cells_from_pieces(pieces, owners, min(confidence, settings.inferred_cell_confidence))
    unknown = [c for c, cell in zip(columns, cells, strict=True) if cell.value is None]
    if unknown:
        warnings.append(ambiguity_warning(table, row_key, unknown))
    return dict(zip(columns, cells, strict=True))


@lru_cache(maxsize=65536)
def _piece_number(piece: str) -> float | None:
    parsed = parse_value(piece)
    return float(parsed.value or 0) if parsed.known_for_arithmetic else None


def as_numbers(split: Split) -> list[float] | None:
    """Numbers of a candidate; a blank or dash piece reads as zero, as those cells do in the relations."""
    out: list[float] = []
    for piece in split:
        number = _piece_number(piece)
        if number is None:
            return None
        out.append(number)
    return out


@dataclass(frozen=True)
class SumRule:
    """A relation inside one row: the piece at `total` is the sum of the pieces at `parts` (R3, R4)."""

    parts: tuple[int, ...]
    total: int

    @property
    def last(self) -> int:
        return max(*self.parts, self.total)

    def __call__(self, split: Split) -> bool:
        nums = as_numbers(split[: self.last + 1])
        return nums is not None and abs(sum(nums[i] for i in self.parts) - nums[self.total]) < 1e-6


SplitRule = SumRule


def sum_rule(parts: Sequence[int], total: int) -> SplitRule:
    return SumRule(tuple(parts), total)


def _prefix_check(rules: Sequence[SplitRule]) -> PrefixCheck:
    """A partial reading survives while every relation whose cells it already holds is true."""

    def ok(prefix: Split) -> bool:  # asked once per added cell: the relations that cell completes
        return all(rule(prefix) for rule in rules if rule.last == len(prefix) - 1)

    return ok


def constrained_values(
    row: Row,
    kinds: Sequence[ColumnKind],
    positions: Sequence[ColumnRef] | None,
    settings: Settings,
    run_together: bool,
    rules: Sequence[SplitRule],
    hint: dict[int, int] | None = None,
) -> RowValues:
    """Row values whose candidates satisfy the row's relations; when no placement of the printed
    values with blanks does, the values are read as run-together digits instead. When no reading
    satisfies them (a report whose printed totals disagree), every reading stays a candidate."""
    limit, steps = settings.max_digit_split_candidates, settings.max_digit_split_steps
    check = _prefix_check(rules)
    values = row_values(row, kinds, positions, limit, run_together, hint, prefix_ok=check, split_steps=steps)
    if not values.candidates and not values.overflow:  # no reading satisfies the relations
        values = row_values(row, kinds, positions, limit, run_together, hint, split_steps=steps)
    if not values.candidates:
        return values
    kept = [c for c in values.candidates if all(rule(c) for rule in rules)]
    if not kept and not run_together and not row.glued:
        split = row_values(row, kinds, positions, limit, run_together=True, prefix_ok=check, split_steps=steps)
        split_kept = [c for c in split.candidates or [] if all(rule(c) for rule in rules)]
        if split_kept:
            split.candidates = split_kept
            return split
    values.candidates = kept or values.candidates
    return values
