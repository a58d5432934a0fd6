"""Assign a row's printed tokens to its expected columns.

Order first (the common case: as many values as columns), then trusted column positions (a blank
cell keeps its column), then splitting of run-together digits, whose candidates are left for the
relations to choose from. Running text (a page dump) proves no boundary but its whitespace: its
rows always go through the candidates, blanks and cuts included, filtered by column kinds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import BBox
from .digits import ColumnKind, PrefixCheck, Split, candidates
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
    overflow: bool = False  # the readings were too many to enumerate: every cell stays unknown

    @property
    def needs_resolution(self) -> bool:
        return self.tokens is None


@dataclass(frozen=True)
class ColumnRef:
    """Where a canonical column sits: its grid index and, for PDF, its horizontal extent."""

    col: int
    x0: float | None = None
    x1: float | None = None


def _token_at(row: Row, ref: ColumnRef) -> Token | None:
    """The slot under a header column: by x-position when boxes exist (PDF grids differ per row)."""
    assert row.slots is not None
    if ref.x0 is not None and ref.x1 is not None:
        boxed = [t for t in row.slots.values() if t.bbox is not None]
        if boxed:
            inside = [t for t in boxed if t.bbox is not None and ref.x0 <= (t.bbox[0] + t.bbox[2]) / 2 <= ref.x1]
            return inside[0] if len(inside) == 1 else None
    return row.slots.get(ref.col)


def _field_windows(fields: Sequence[Token], n: int) -> list[list[Token]]:
    """Every run of n consecutive fields after a tab-text label that holds all printed values.

    Tab text pads labels with empty fields inconsistently, so where the values start is not
    known; each window is one candidate and the relations choose.
    """
    printed = [i for i, t in enumerate(fields) if t.raw.strip()]
    if not printed:
        return []
    first, last = printed[0], printed[-1]
    windows: list[list[Token]] = []
    for start in range(max(0, last - n + 1), min(first, len(fields) - n) + 1):
        windows.append(list(fields[start : start + n]))
    return windows


def _best_aligned(windows: list[list[Token]], column_hint: Mapping[int, int]) -> list[list[Token]]:
    """The windows that put most of the header-located columns (index -> grid column) in place."""
    scores = [sum(1 for i, col in column_hint.items() if i < len(w) and w[i].col == col) for w in windows]
    best = max(scores)
    return [w for w, score in zip(windows, scores, strict=True) if score == best] if best > 0 else windows


def row_values(
    row: Row,
    kinds: Sequence[ColumnKind],
    positions: Sequence[ColumnRef] | None,
    split_limit: int,
    run_together: bool = False,
    column_hint: Mapping[int, int] | None = None,
    prefix_ok: PrefixCheck | None = None,
    split_steps: int = 100000,
) -> RowValues:
    """Tokens per column: by order, by column position, by the tab-field window, else candidates.

    Candidates of running text are every cut of its chunks with blanks anywhere; elsewhere they are
    split digit runs when the table shows run-together digits, else placements of the printed
    values with blanks in between. Every piece fits its column's kind; the relations choose later.
    """
    n = len(kinds)
    values = [t for t in row.values if t.raw.strip()]
    raws = [t.raw.strip() for t in values]

    def read(cuts: bool, gaps: bool) -> list[Split] | None:
        return candidates(raws, kinds, cuts, gaps, limit=split_limit, prefix_ok=prefix_ok, max_steps=split_steps)

    if row.glued:
        found = read(cuts=True, gaps=True)
        return RowValues(tokens=None, candidates=found or [], chunks=values, overflow=found is None)
    if len(values) == n:
        return RowValues(tokens=list(values), candidates=None, chunks=values)
    if positions is not None and row.slots is not None and len(positions) == n:
        return RowValues(tokens=[_token_at(row, ref) for ref in positions], candidates=None, chunks=values)
    if row.fields_after_label is not None:
        windows = _field_windows(row.fields_after_label, n)
        if len(windows) > 1 and column_hint:
            windows = _best_aligned(windows, column_hint)
        if len(windows) == 1:
            return RowValues(tokens=[t if t.raw.strip() else None for t in windows[0]], candidates=None, chunks=values)
        if windows:
            splits = list(dict.fromkeys(tuple(t.raw.strip() for t in w) for w in windows))
            return RowValues(tokens=None, candidates=splits, chunks=values)
    found = None if run_together else read(cuts=False, gaps=True)
    if not found:
        found = read(cuts=True, gaps=False)
    return RowValues(tokens=None, candidates=found or [], chunks=values, overflow=found is None)


def chunk_of_piece(chunks: Sequence[Token], split: Sequence[str | None]) -> list[Token]:
    """The chunk token each piece of a split came from (for page, bbox and raw provenance).

    A blank piece ("") has no chunk of its own; an undecided piece (None) is attributed to the
    chunk being read, so its provenance still shows the printed digits it came from.
    """
    owners: list[Token] = []
    index, consumed = 0, ""
    for piece in split:
        if piece == "":
            owners.append(Token(raw="", page=chunks[0].page if chunks else None))
            continue
        while index < len(chunks) and consumed == chunks[index].raw.strip():
            index, consumed = index + 1, ""
        owner = chunks[min(index, len(chunks) - 1)]
        owners.append(owner)
        if piece is not None:
            consumed += piece
    return owners


def cells_from_pieces(pieces: Sequence[str | None], owners: Sequence[Token], confidence: float) -> list[MappedCell]:
    """Cells of a split row; a piece the relations could not decide is null (ambiguous)."""
    cells: list[MappedCell] = []
    for piece, owner in zip(pieces, owners, strict=True):
        if piece == "":
            cells.append(MappedCell(None, NullReason.BLANK, "", owner.page, None, confidence))
        elif piece is None:
            cells.append(MappedCell(None, NullReason.AMBIGUOUS, owner.raw, owner.page, owner.bbox, 0.0))
        else:
            parsed = parse_value(piece)
            cells.append(MappedCell(parsed.value, parsed.null_reason, piece, owner.page, owner.bbox, confidence))
    return cells
