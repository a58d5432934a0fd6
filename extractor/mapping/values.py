"""Cell text → value, exactly as printed: never computed, never "fixed".

Counts are integers, money may be decimal, `items_change` may carry a sign, a unit written in
the cell ("251000元") is dropped from the value but kept in `raw`. Blank, "-", "—" and "/" mean
"no value printed" and give None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# "一" alone in a value cell is a dash as OCR (and some typists) render it, never a label
_NULL_MARKS = frozenset({"", "-", "—", "–", "－", "—-", "--", "——", "一", "ー", "/", "／", "\\", "无", "空"})
# one or two dash characters in any mix ("-", "—", "−", "——", "—-"): a printed "not applicable"
_DASH_RUN = re.compile(r"^[-—–−]{1,2}$")
_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>万元|元|件|个|项|条|次)?$"
)


class NullReason(StrEnum):
    BLANK = "blank"  # nothing printed: arithmetic may read it as zero
    DASH = "dash"  # "-" or "—": not applicable
    UNREADABLE = "unreadable"  # text that is not a number: unknown, checks cannot use it
    AMBIGUOUS = "ambiguous"  # run-together digits with several valid splits
    ABSENT = "absent"  # the row, column or table was not found


@dataclass(frozen=True)
class ParsedValue:
    value: int | float | None
    null_reason: NullReason | None = None

    @property
    def known_for_arithmetic(self) -> bool:
        """Blank and dash cells count as zero in the relations; unknown ones do not."""
        return self.value is not None or self.null_reason in (NullReason.BLANK, NullReason.DASH)


def clean_number_text(raw: str) -> str:
    """Full-width digits and punctuation folded, spaces and thousands commas (also "，") removed."""
    text = unicodedata.normalize("NFKC", raw).strip()
    text = re.sub(r"\s+", "", text)
    return text.replace("，", ",")


def _is_null_text(text: str) -> bool:
    return text in _NULL_MARKS or bool(_DASH_RUN.match(text))


def is_null_mark(raw: str) -> bool:
    return _is_null_text(clean_number_text(raw))


def is_dash_run(raw: str) -> bool:
    """One or two dash characters: a dash cell, also where cells ran together ("——" is one or two)."""
    return bool(_DASH_RUN.match(clean_number_text(raw)))


def looks_like_value(raw: str) -> bool:
    """A cell that holds a number or a null mark, as opposed to a label."""
    text = clean_number_text(raw)
    return (text != "" and _is_null_text(text)) or bool(_NUMBER.match(text))


def parse_value(raw: str | None) -> ParsedValue:
    """Parse one printed cell. Integers stay int; a printed decimal point gives a float."""
    if raw is None:
        return ParsedValue(None, NullReason.ABSENT)
    text = clean_number_text(raw)
    if text == "":
        return ParsedValue(None, NullReason.BLANK)
    if _is_null_text(text):
        return ParsedValue(None, NullReason.DASH)
    match = _NUMBER.match(text)
    if not match:
        return ParsedValue(None, NullReason.UNREADABLE)
    sign = -1 if match.group("sign") in ("-", "−") else 1
    digits = match.group("int").replace(",", "")
    frac = match.group("frac")
    if frac:
        return ParsedValue(sign * float(digits + frac))
    return ParsedValue(sign * int(digits))
