"""Which part of a report each sentence is in: before section 五, a problem, a fix, or after.

A sentence alone often cannot say. "加强政务新媒体日常监测" is routine work in the overview and a
fix in section 五; the annotation guidelines decide by the part, not the words. The order of the
report can say: problems come after the overview, fixes follow problems, section 六 comes last.
So the textcat's score for each part (PART_* labels, learnt from the written reports' order) is
the emission of a four-state hidden Markov model whose transitions are counted on the same
reports, and Viterbi picks the parts.

The pipeline uses it when a report's prose has no section-五 headings to go by; `xxgk evaluate
narrative` uses it on the test set, whose sentences are grouped by report in report order with
the headings dropped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PARTS: tuple[str, ...] = ("before", "problem", "fix", "after")
PART_CATS: tuple[str, ...] = tuple(f"PART_{part.upper()}" for part in PARTS)  # the textcat's part labels
_BEFORE, _PROBLEM, _FIX, _AFTER = range(4)


def part_scores(cats: dict[str, float]) -> tuple[float, ...]:
    """Each part's score for one sentence: the textcat's part labels, else its PROBLEM/FIX categories."""
    if all(cat in cats for cat in PART_CATS):
        return tuple(cats[cat] for cat in PART_CATS)
    problem, fix = cats.get("PROBLEM", 0.0), cats.get("FIX", 0.0)
    neither = 1.0 - max(problem, fix)
    return (neither, problem, fix, neither)


def gold_parts(flags: Sequence[tuple[bool, bool]]) -> list[int]:
    """States of an annotated report from its (PROBLEM, FIX) flags in order.

    A sentence that is both (a problem stated with its fix) continues the part it is in.
    """
    states: list[int] = []
    for problem, fix in flags:
        if problem and fix:
            state = _FIX if states and states[-1] == _FIX else _PROBLEM
        elif problem:
            state = _PROBLEM
        elif fix:
            state = _FIX
        else:
            state = _AFTER if any(s in (_PROBLEM, _FIX) for s in states) else _BEFORE
        states.append(state)
    return states


def _log_normalise(counts: Sequence[float]) -> tuple[float, ...]:
    total = sum(counts)
    return tuple(math.log(c / total) for c in counts)


@dataclass(frozen=True)
class SequenceModel:
    """Log start and transition probabilities, and the weight of the classifier's evidence."""

    start: tuple[float, ...]
    transition: tuple[tuple[float, ...], ...]
    emission_weight: float = 1.0
    floor: float = 0.02  # no score is taken as certain, so one sentence cannot veto its neighbours

    @classmethod
    def fit(cls, reports: Sequence[Sequence[tuple[bool, bool]]], smoothing: float = 1.0) -> SequenceModel:
        """Count starts and transitions over annotated reports (add-`smoothing`)."""
        start = [smoothing] * len(PARTS)
        transition = [[smoothing] * len(PARTS) for _ in PARTS]
        for flags in reports:
            states = gold_parts(flags)
            if not states:
                continue
            start[states[0]] += 1
            for previous, current in zip(states, states[1:], strict=False):
                transition[previous][current] += 1
        return cls(_log_normalise(start), tuple(_log_normalise(row) for row in transition))

    def with_emissions(self, weight: float, floor: float) -> SequenceModel:
        """The same transitions, trusting the classifier by `weight` and never below `floor`."""
        return SequenceModel(self.start, self.transition, weight, floor)

    def _emissions(self, scores: Sequence[float]) -> tuple[float, ...]:
        return tuple(self.emission_weight * math.log(min(max(s, self.floor), 1.0 - self.floor)) for s in scores)

    def decode(self, scores: Sequence[Sequence[float]]) -> list[str]:
        """The most likely part of each sentence, given its classifier score for each part, in order."""
        if not scores:
            return []
        best = [s + e for s, e in zip(self.start, self._emissions(scores[0]), strict=True)]
        back: list[list[int]] = []
        for sentence in scores[1:]:
            emissions = self._emissions(sentence)
            pointers: list[int] = []
            nxt: list[float] = []
            for state in range(len(PARTS)):
                origin = max(range(len(PARTS)), key=lambda p: (best[p] + self.transition[p][state], -p))
                pointers.append(origin)
                nxt.append(best[origin] + self.transition[origin][state] + emissions[state])
            back.append(pointers)
            best = nxt
        state = max(range(len(PARTS)), key=lambda s: (best[s], -s))
        path = [state]
        for pointers in reversed(back):
            state = pointers[state]
            path.append(state)
        return [PARTS[s] for s in reversed(path)]

    def to_json(self) -> dict[str, object]:
        return {"parts": list(PARTS), "start": list(self.start), "transition": [list(r) for r in self.transition],
                "emission_weight": self.emission_weight, "floor": self.floor}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SequenceModel:
        if data.get("parts") != list(PARTS):
            raise ValueError(f"sequence model parts {data.get('parts')} are not {list(PARTS)}")
        start = tuple(float(v) for v in data["start"])  # type: ignore[attr-defined]
        transition = tuple(tuple(float(v) for v in row) for row in data["transition"])  # type: ignore[attr-defined]
        return cls(start, transition, float(data["emission_weight"]), float(data["floor"]))  # type: ignore[arg-type]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SequenceModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
