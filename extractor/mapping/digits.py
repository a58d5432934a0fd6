"""Candidate readings of a row whose cell boundaries were lost ("行政许可3960181" → 396 / 0 / 181).

Text dumps of web pages concatenate the cells of a row, and a blank cell leaves no trace at all.
Whitespace that survives is a real boundary, so a row arrives as a few *chunks*; every way of
cutting the chunks into the expected cells is enumerated, with blanks wherever a cell may have
vanished, and each piece must be a value its column can hold (`ColumnKind`, from the schema
data): no leading zeros, a decimal or a unit only where the column is money with that unit, a
minus only where the column is signed. A minus glued to digits ("120-3117") is a boundary and a
sign, or a dash meaning "not applicable" followed by the next cell: both readings are candidates.
The schema's relations then pick among the candidates; when more than one survives, the cells on
which they disagree stay unknown: a guess would be a silent error.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .values import clean_number_text, is_dash_run, parse_value

Split = tuple[str, ...]

_PIECE = re.compile(r"^(?P<sign>[+\-−]?)(?P<int>0|[1-9]\d*)(?P<frac>\.\d+)?(?P<unit>万元|元)?$")
MINUS_SIGNS = frozenset("-－−")  # hyphen-minus, full-width hyphen-minus, U+2212: each may also be a dash
DASH_CHARS = "-—–－−"
_UNIT = re.compile(r"(万元|元)$")


@dataclass(frozen=True)
class ColumnKind:
    """What a column's cells may print, from its schema type (R5) and unit."""

    signed: bool = False  # "items_change may be negative"
    decimal: bool = False  # money; every count is an integer
    units: tuple[str, ...] = ()  # units that may be written in the cell ("251000元")


COUNT = ColumnKind()
MONEY_UNITS = ("万元", "元")  # a count never carries a money unit: "元" ends the money cell


def column_kind(type_name: str) -> ColumnKind:
    """The kind of a schema column type (count, signed or money; R5 in the spec)."""
    if type_name == "signed":
        return ColumnKind(signed=True)
    if type_name == "money":
        return ColumnKind(decimal=True, units=MONEY_UNITS)
    if type_name == "count":
        return COUNT
    raise ValueError(f"unknown column type {type_name!r}")


def is_dash_piece(piece: str) -> bool:
    return is_dash_run(piece)


@lru_cache(maxsize=65536)
def fits(piece: str, kind: ColumnKind) -> bool:
    """A piece its column can hold: a dash (any column), or a number of the column's kind."""
    if is_dash_piece(piece):
        return True
    match = _PIECE.match(unicodedata.normalize("NFKC", piece))
    if not match:
        return False
    if match.group("sign") in ("-", "−") and not kind.signed:
        return False
    if match.group("frac") and not kind.decimal:
        return False
    unit = match.group("unit")
    return unit is None or unit in kind.units


def fits_whole(raw: str, kind: ColumnKind) -> bool:
    """A printed cell (its boundaries known) that may stand in a column: only a number of the wrong
    kind is refused (a minus in an unsigned column, a fraction in a count, a unit of another
    column); anything else is extracted as printed and judged by the checks."""
    parsed = parse_value(raw)
    if parsed.value is None:
        return True
    if parsed.value < 0 and not kind.signed:
        return False
    if isinstance(parsed.value, float) and not kind.decimal:
        return False
    unit = _UNIT.search(clean_number_text(raw))
    return unit is None or unit.group(0) in kind.units


def _readings(chunk: str, cuts: bool) -> list[list[str]]:
    """The atoms a chunk may stand for. A whole cell ("-3" on its own line) is only what it prints.
    Glued text ("—-3117"): the dashes before the digits are dash cells, except that the last of
    them, when a minus, may instead be the sign of the number."""
    if not cuts:
        return [[chunk]]
    dashes = len(chunk) - len(chunk.lstrip(DASH_CHARS))
    head, number = chunk[:dashes], chunk[dashes:]
    if not head or not number:
        return [[chunk]]
    readings = [[head, number]]
    if head[-1] in MINUS_SIGNS:
        readings.append([head[:-1], head[-1] + number] if len(head) > 1 else [chunk])
    return readings


def _heads(atom: str, kind: ColumnKind) -> Iterator[tuple[str, str]]:
    """(first piece, rest) for every valid first piece of an atom; the whole atom is one head."""
    if not atom.lstrip(DASH_CHARS):  # a run of dashes: one or two of them make one dash cell
        for end in (1, 2):
            if end <= len(atom) and is_dash_piece(atom[:end]):
                yield atom[:end], atom[end:]
        return
    for end in range(1, len(atom) + 1):
        head, rest = atom[:end], atom[end:]
        if rest and ("." in head or head.endswith("元")):
            # a fraction or a unit ends its cell: nothing can be cut off after "…432.5" or "…元"
            continue
        if fits(head, kind):
            yield head, rest


def _min_pieces(atom: str) -> int:
    """A lower bound on the cells an atom fills: each zero that opens a piece is a cell "0"."""
    if not atom.lstrip(DASH_CHARS):
        return (len(atom) + 1) // 2
    digits = atom.lstrip("+" + DASH_CHARS)
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = digits[zeros:]
    if not rest:
        return max(zeros, 1)
    return zeros if rest.startswith(".") and zeros else zeros + 1


class _TooMany(Exception):
    pass


PrefixCheck = Callable[[Split], bool]


def candidates(
    chunks: Sequence[str],
    kinds: Sequence[ColumnKind],
    cuts: bool,
    gaps: bool,
    limit: int = 20000,
    prefix_ok: PrefixCheck | None = None,
    max_steps: int = 100000,
) -> list[Split] | None:
    """Every reading of `chunks` as one row of len(kinds) cells, in order, or None over `limit`
    readings or `max_steps` partial ones.

    `cuts`: a chunk may hold several cells run together; `gaps`: a blank cell ("") may stand
    anywhere, its text lost. Without either, each chunk is exactly one cell. `prefix_ok` is asked
    about each partial reading as it grows by one cell and prunes it as soon as a relation among
    its cells breaks (a table-4 group that does not add up), so long runs stay enumerable.
    """
    n = len(kinds)
    results: list[Split] = []
    steps = 0

    def fill(atoms: tuple[str, ...], slot: int, sofar: tuple[str, ...]) -> None:
        nonlocal steps
        steps += 1
        if steps > max_steps or (prefix_ok is not None and sofar and not prefix_ok(sofar)):
            if steps > max_steps:
                raise _TooMany
            return
        left = n - slot
        if not atoms:
            if left == 0 or gaps:
                row = sofar + ("",) * left
                if prefix_ok is not None and not all(prefix_ok(row[:k]) for k in range(len(sofar) + 1, n + 1)):
                    return
                results.append(row)
                if len(results) > limit:
                    raise _TooMany
            return
        fewest = sum(_min_pieces(a) for a in atoms) if cuts else len(atoms)
        most = sum(len(a) for a in atoms) if cuts else len(atoms)
        if left < fewest or (not gaps and left > most):
            return
        if gaps:
            fill(atoms, slot + 1, (*sofar, ""))
        atom, others = atoms[0], atoms[1:]
        if not cuts:
            if fits_whole(atom, kinds[slot]):
                fill(others, slot + 1, (*sofar, atom))
            return
        for head, rest in _heads(atom, kinds[slot]):
            fill(((rest, *others) if rest else others), slot + 1, (*sofar, head))

    try:
        for reading in itertools.product(*(_readings(c, cuts) for c in chunks)):
            fill(tuple(atom for atoms in reading for atom in atoms), 0, ())
    except _TooMany:
        return None
    return list(dict.fromkeys(results))


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
