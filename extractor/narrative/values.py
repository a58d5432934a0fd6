"""Deterministic value resolution for the spans the model finds: the model says *where*, these say *how much*.

Printed text keeps PDF spacing ("5500 余条", "2024 年"), so every pattern tolerates inner blanks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest units first so "批次" wins over "次" and "场次" over "场".
COUNT_UNITS: tuple[str, ...] = (
    "批次", "场次", "条次", "篇次", "人次", "条", "件", "篇", "期", "次", "场", "份", "宗", "起", "个", "项", "轮", "通", "部", "则", "批",
)
NOT_COUNT_UNITS = frozenset({"人次"})  # people counted are never published items (README: not COUNT)
PRE_QUALIFIERS = ("近", "约", "逾", "超")
POST_QUALIFIERS = ("余", "多")

_NUM = r"\d+(?:\.\d+)?"
_UNIT_ALT = "|".join(COUNT_UNITS)
COUNT_RE = re.compile(
    rf"(?:(?P<pre>[近约逾超])[ \t\u3000]*)?(?P<num>{_NUM})[ \t\u3000]*(?P<wan>万)?[ \t\u3000]*(?P<post>[余多])?[ \t\u3000]*(?P<unit>{_UNIT_ALT})"
)
MONEY_RE = re.compile(rf"(?P<num>{_NUM})[ \t\u3000]*(?P<wan>万)?[ \t\u3000]*元")
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[ \t\u3000]*年")


@dataclass(frozen=True)
class CountValue:
    """A count as printed: value already scaled by 万, the counting word and its qualifier."""

    value: int | float
    unit: str
    qualifier: str | None
    scale: int


def _number(text: str, scale: int) -> int | float:
    """Integers stay integers (the contract compares them with table cells); 4.14万 → 41400."""
    raw = float(text) * scale
    if raw == int(raw):
        return int(raw)
    return round(raw, 2)


def parse_count(text: str) -> CountValue | None:
    """Value, unit and qualifier of a COUNT span such as "近 300 个" or "32.1万条"; None if it is not one."""
    match = COUNT_RE.search(text)
    if match is None or match.group("unit") in NOT_COUNT_UNITS:
        return None
    scale = 10000 if match.group("wan") else 1
    qualifier = match.group("pre") or match.group("post")
    return CountValue(_number(match.group("num"), scale), match.group("unit"), qualifier, scale)


def parse_money(text: str) -> int | float | None:
    """Amount in 元 of a MONEY span ("1万元" → 10000, "0 元" → 0)."""
    match = MONEY_RE.search(text)
    if match is None:
        return None
    return _number(match.group("num"), 10000 if match.group("wan") else 1)


def parse_year(text: str) -> int | None:
    match = YEAR_RE.search(text)
    return int(match.group("year")) if match else None


def snap_count(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Grow or trim a predicted COUNT span to the full printed count that overlaps it.

    The model's boundaries can stop short of a qualifier or the unit; the printed form is what
    the contract's `text` must hold, so the regex match that overlaps the prediction decides.
    """
    for match in COUNT_RE.finditer(sentence):
        if match.start() < end and start < match.end():
            if match.group("unit") in NOT_COUNT_UNITS:
                return None
            return match.start(), match.end()
    return None


def snap_money(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    for match in MONEY_RE.finditer(sentence):
        if match.start() < end and start < match.end():
            return match.start(), match.end()
    return None


def snap_year(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    for match in YEAR_RE.finditer(sentence):
        if match.start() < end and start < match.end():
            return match.start(), match.end()
    return None
