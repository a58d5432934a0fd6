"""What the narrative stage returns: the contract's Narrative plus the facts the checks R8/R9 need."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Narrative, Warning


@dataclass(frozen=True)
class RestatedCount:
    """A request/review/litigation number restated in prose (kind e.g. "requests_received")."""

    kind: str
    value: int | float
    text: str
    page: int | None


@dataclass(frozen=True)
class YearMention:
    """A "NNNN年" in the prose; `tied_to_count` when its sentence states a published count."""

    year: int
    text: str
    offset: int
    page: int | None
    tied_to_count: bool


@dataclass(frozen=True)
class NarrativeResult:
    narrative: Narrative
    warnings: list[Warning] = field(default_factory=list)
    restated: list[RestatedCount] = field(default_factory=list)
    years: list[YearMention] = field(default_factory=list)
