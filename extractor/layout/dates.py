"""The publication date of a report: a printed date where there is one, else the file's metadata.

Assessors judge timeliness from it (条例第四十九条 sets the deadlines), so the date must be one the
document states, never a guess. In order of trust:

1. a printed label line, "发布日期：2025年1月20日" / "发布时间: 2025-01-20 15:22" (web pages and their copies);
2. the date under the signature at the end, "某某局 / 2025年1月20日" or "二〇二五年一月二十日";
3. a web page's own metadata, <meta name="PubDate">, "firstpublishedtime", "publishdate" …;
4. a PDF's CreationDate, then its ModDate (a later re-save moves ModDate, so it comes last).

Dates that cannot be a publication date of the report year (before its December, or years later)
are passed over, so the statistics period "2024年1月1日至2024年12月31日" is never taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import DateSource, Line, PublicationDate
from ..settings import DEFAULT_SETTINGS, Settings
from .text import is_page_footer

_DIGITS = r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
_CN_DIGIT = "〇零○ＯO一二三四五六七八九"
_CN = rf"(?P<cy>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*日"
_DATE = re.compile(rf"{_DIGITS}|{_CN}")
_LABEL = re.compile(r"(?:发布|公开|印发|成文|发文|公布)\s*(?:日期|时间)\s*[:：]?\s*")
# a signature line: the date alone, or a short body name followed by the date
_SIGNATURE = re.compile(rf"^[\u4e00-\u9fff（）()〔〕]{{0,40}}(?:{_DIGITS}|{_CN})$")
# web-page meta names that carry the publication time, in order of trust (lower-cased)
HTML_DATE_META: tuple[str, ...] = (
    "pubdate", "firstpublishedtime", "publishdate", "publishtime", "article:published_time", "releasedate",
    "dc.date.issued", "dcterms.issued",
)
_PDF_KEYS: tuple[tuple[str, DateSource], ...] = (("pdf:creationDate", "pdf_creation_date"), ("pdf:modDate", "pdf_mod_date"))
# A Word file's core properties (docProps/core.xml, ISO 8601): last saved is nearer to publication than created,
# which is often the template's date; the plausibility window drops both when they are off.
_DOCX_KEYS: tuple[tuple[str, DateSource], ...] = (("docx:modified", "docx_modified"), ("docx:created", "docx_created"))
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_PDF_DATE = re.compile(r"^D?:?(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}


@dataclass(frozen=True)
class _Found:
    date: dt.date
    text: str


def _cn_number(text: str) -> int:
    """一 … 三十一 as an int ("十二" = 12, "二十" = 20)."""
    if "十" not in text:
        return _CN_VALUE[text]
    tens, _, ones = text.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def _to_date(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("y"):
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        year = int("".join(str(_CN_VALUE[c]) for c in match.group("cy")))
        return dt.date(year, _cn_number(match.group("cm")), _cn_number(match.group("cd")))
    except (ValueError, KeyError):  # 2025年2月30日, a stray character
        return None


def parse_date(text: str) -> dt.date | None:
    """The first calendar date written in `text` (digits or Chinese numerals), or None."""
    match = _DATE.search(text)
    return _to_date(match) if match else None


def _window(year: int | None, printed: bool, settings: Settings) -> tuple[dt.date, dt.date]:
    if year is None:
        return dt.date.min, dt.date.max
    first = dt.date(year, settings.printed_date_earliest_month, 1) if printed else dt.date(year + 1, 1, 1)
    return first, dt.date(year + settings.publication_latest_years, 12, 31)


def _labelled(lines: Sequence[Line]) -> tuple[_Found, int | None] | None:
    for line in lines:
        for label in _LABEL.finditer(line.text):
            match = _DATE.match(line.text, label.end())
            date = _to_date(match) if match else None
            if match and date:
                return _Found(date, line.text[label.start() : match.end()].strip()), line.page
    return None


def _signed(lines: Sequence[Line], tail: int) -> tuple[_Found, int | None] | None:
    """The last short line at the end that is a date (with or without the body's name before it)."""
    seen = 0
    for line in reversed(lines):
        text = line.text.strip()
        if not text or is_page_footer(text):
            continue
        seen += 1
        if seen > tail:
            break
        compact = re.sub(r"\s+", "", text)
        match = _SIGNATURE.match(compact)
        if match is None:
            continue
        date = _to_date(match)
        if date is not None:
            return _Found(date, text), line.page
    return None


def _from_meta(metadata: Mapping[str, str]) -> list[tuple[DateSource, _Found]]:
    found: list[tuple[DateSource, _Found]] = []
    for name in HTML_DATE_META:
        value = metadata.get(f"html:{name}")
        date = parse_date(value) if value else None
        if value and date:
            found.append(("html_meta", _Found(date, f'<meta name="{name}" content="{value}">')))
    for keys, pattern in ((_PDF_KEYS, _PDF_DATE), (_DOCX_KEYS, _ISO_DATE)):
        for key, source in keys:
            value = metadata.get(key, "")
            match = pattern.match(value.strip())
            if match:
                try:
                    date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
                found.append((source, _Found(date, f"{key.split(':', 1)[1]} {value}")))
    return found


def find_publication_date(lines: Sequence[Line], metadata: Mapping[str, str], year: int | None,
                          settings: Settings = DEFAULT_SETTINGS) -> PublicationDate | None:
    """The most trusted plausible date the document states, with its source; None when there is none."""
    printed: list[tuple[DateSource, tuple[_Found, int | None] | None]] = [
        ("printed_label", _labelled(lines)), ("signature", _signed(lines, settings.signature_tail_lines))]
    first, last = _window(year, True, settings)
    for source, hit in printed:
        if hit is not None and first <= hit[0].date <= last:
            return PublicationDate(date=hit[0].date, source=source, text=hit[0].text, page=hit[1])
    first, last = _window(year, False, settings)
    for source, found in _from_meta(metadata):
        if first <= found.date <= last:
            return PublicationDate(date=found.date, source=source, text=found.text, page=None)
    return None
