"""Split the running text into the six sections, anchored on the Chinese ordinal plus keywords.

Titles drift ("四、因政府信息公开工作被申请行政复议…", "六、其他事项"), so a heading is an ordinal
followed, within a short run without sentence punctuation, by one of the section's keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_KEYS: tuple[str, ...] = ("overview", "proactive", "requests", "review_litigation", "problems", "other")

_ORDINALS = ("一", "二", "三", "四", "五", "六")
_KEYWORDS: dict[str, str] = {
    "overview": r"总体情况|概述|总体工作情况|基本情况",
    "proactive": r"主动公开",
    "requests": r"(收到|处理|受理).{0,12}申请|依申请公开",
    "review_litigation": r"行政复议|行政诉讼",
    "problems": r"问题|改进",
    "other": r"其他|其它",
}
_TITLE_TAIL = re.compile(r"[^。；;，,\n\d（(]{0,24}?(情况|措施|事项)")


@dataclass(frozen=True)
class Section:
    """One section: `start`/`end` are offsets of its body in the full text (title excluded)."""

    key: str
    title: str
    start: int
    end: int
    text: str
    heading_at: int


def _heading_pattern(key: str, ordinal: str) -> re.Pattern[str]:
    return re.compile(rf"{ordinal}\s*[、.．,，]\s*(?P<title>[^。；;\n\d、]{{0,40}}?(?:{_KEYWORDS[key]}))")


def _headings(text: str, key: str, ordinal: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_heading_pattern(key, ordinal).finditer(text, start, end))


def split_sections(text: str) -> list[Section]:
    """Sections in document order; a section whose heading is not found is simply absent."""
    found: list[tuple[str, re.Match[str]]] = []
    cursor = 0
    for key, ordinal in zip(SECTION_KEYS, _ORDINALS, strict=True):
        matches = _headings(text, key, ordinal, cursor, len(text))
        if matches:
            found.append((key, matches[0]))
            cursor = matches[0].end()
    # A heading repeated before the next section (a title page, a duplicated block) counts once,
    # at its last occurrence, so the body starts at the real text.
    refined: list[tuple[str, re.Match[str]]] = []
    for index, (key, match) in enumerate(found):
        limit = found[index + 1][1].start() if index + 1 < len(found) else len(text)
        ordinal = _ORDINALS[SECTION_KEYS.index(key)]
        again = _headings(text, key, ordinal, match.start(), limit)
        last = again[-1] if again else match
        if key == "requests" or key == "review_litigation":
            last = match  # table sections may legitimately repeat header words inside the table
        refined.append((key, last))
    sections: list[Section] = []
    for index, (key, match) in enumerate(refined):
        title_end = match.end()
        tail = _TITLE_TAIL.match(text, title_end)
        if tail and not re.search(r"\d", tail.group(0)):
            title_end = tail.end()
        end = refined[index + 1][1].start() if index + 1 < len(refined) else len(text)
        body = text[title_end:end]
        sections.append(
            Section(
                key=key,
                title=text[match.start() : title_end].strip(),
                start=title_end,
                end=end,
                text=body.strip(),
                heading_at=match.start(),
            )
        )
    return sections
