"""Assign a row's printed tokens to its expected columns.

Order first (the common case: as many values as columns), then trusted column positions (a blank
cell keeps its column), then splitting of run-together digits, whose candidates are left for the
relations to choose from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import BBox
from .digits import Split, split_chunks
from .rows import Row, Token
from .values import NullReason, ParsedValue, parse_value


@dataclass(frozen=True)
class MappedCell:
    """One output cell: the printed value, why it is null, and where it came from."""

    value: int | float | None
    null_reason: NullReason | None
    raw: str | None
    page: int | None
    bbox: BBox | None
    confidence: float

    @property
    def known(self) -> bool:
        """Usable in arithmetic: a value, or a blank/dash that reads as zero."""
        return self.value is not None or self.null_reason in (NullReason.BLANK, NullReason.DASH)

    @property
    def number(self) -> int | float:
        return self.value if self.value is not None else 0


ABSENT = MappedCell(None, NullReason.ABSENT, None, None, None, 0.0)


def cell_from_token(token: Token | None, confidence: float) -> MappedCell:
    if token is None:
        return MappedCell(None, NullReason.BLANK, "", None, None, confidence)
    parsed: ParsedValue = parse_value(token.raw)
    conf = min(confidence, token.confidence)
    if parsed.null_reason is NullReason.UNREADABLE:
        conf = min(conf, 0.3)
    return MappedCell(parsed.value, parsed.null_reason, token.raw, token.page, token.bbox, conf)


@dataclass
class RowValues:
    """Either fixed tokens (one per column) or split candidates awaiting the relations."""

    tokens: list[Token | None] | None
    candidates: list[Split] | None
    chunks: list[Token]

    @property
    def needs_resolution(self) -> bool:
        return self.tokens is None


def row_values(row: Row, n: int, positions: Sequence[int] | None, split_limit: int) -> RowValues:
    values = [t for t in row.values if t.raw.strip()]
    if len(values) == n:
        return RowValues(tokens=list(values), candidates=None, chunks=values)
    if positions is not None and row.slots is not None and len(positions) == n:
        return RowValues(tokens=[row.slots.get(c) for c in positions], candidates=None, chunks=values)
    candidates = split_chunks([t.raw.strip() for t in values], n, limit=split_limit)
    return RowValues(tokens=None, candidates=candidates or [], chunks=values)


def chunk_of_piece(chunks: Sequence[Token], split: Split) -> list[Token]:
    """The chunk token each piece of a split came from (for page and bbox provenance)."""
    owners: list[Token] = []
    index, consumed = 0, ""
    for piece in split:
        while index < len(chunks) and consumed == chunks[index].raw.strip():
            index, consumed = index + 1, ""
        owner = chunks[min(index, len(chunks) - 1)]
        owners.append(owner)
        consumed += piece
    return owners


def cells_from_pieces(pieces: Sequence[str | None], owners: Sequence[Token], confidence: float) -> list[MappedCell]:
    """Cells of a split row; a piece the relations could not decide is null (ambiguous)."""
    cells: list[MappedCell] = []
    for piece, owner in zip(pieces, owners, strict=True):
        if piece is None:
            cells.append(MappedCell(None, NullReason.AMBIGUOUS, owner.raw, owner.page, owner.bbox, 0.0))
        else:
            parsed = parse_value(piece)
            cells.append(MappedCell(parsed.value, parsed.null_reason, piece, owner.page, owner.bbox, confidence))
    return cells
