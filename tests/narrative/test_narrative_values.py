"""Value parsing and sentence splitting: the deterministic half of the narrative stage."""

from __future__ import annotations

import pytest

from extractor.narrative.normalize import normalize
from extractor.narrative.segment import split_sentences
from extractor.narrative.values import parse_count, parse_money, parse_year, snap_count


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "scale"),
    [
        ("5500 余条", 5500, "条", "余", 1),
        ("32.1万条", 321000, "条", None, 10000),
        ("4.14万条", 41400, "条", None, 10000),
        ("近 300 个", 300, "个", "近", 1),
        ("70多件", 70, "件", "多", 1),
        ("20680批次", 20680, "批次", None, 1),
        ("2\n次", None, None, None, None),
        ("393 件", 393, "件", None, 1),
    ],
)
def test_parse_count(text: str, value: int | None, unit: str | None, qualifier: str | None, scale: int | None) -> None:
    parsed = parse_count(text)
    if value is None:
        assert parsed is None
        return
    assert parsed is not None
    assert (parsed.value, parsed.unit, parsed.qualifier, parsed.scale) == (value, unit, qualifier, scale)


def test_people_are_not_counts() -> None:
    assert parse_count("230人次") is None
    assert snap_count("参训人员230人次", 4, 7) is None


def test_money_and_year() -> None:
    assert parse_money("1万元") == 10000
    assert parse_money("219062.78元") == 219062.78
    assert parse_money("0 元") == 0
    assert parse_year("2024 年度") == 2024


def test_snap_extends_to_qualifier_and_unit() -> None:
    sentence = "发布信息近 3000 条"
    assert sentence[slice(*snap_count(sentence, 6, 10) or (0, 0))] == "近 3000 条"


def test_split_at_full_stops_and_semicolons() -> None:
    text = "存在一些不足。一是公开不够全面；二是解读较少。"
    assert [s.text for s in split_sentences(text)] == ["存在一些不足。", "一是公开不够全面；", "二是解读较少。"]


def test_split_inline_enumerations_and_strip_markers() -> None:
    text = "（一）加强培训，二是规范流程。2. 优化专栏内容，提高频率。"
    parts = split_sentences(text, enumerations=True)
    assert [s.text for s in parts] == ["加强培训，", "二是规范流程。", "优化专栏内容，提高频率。"]
    assert all(text[s.start : s.end] == s.text for s in parts)
    assert all(s.enumerated for s in parts)


def test_digit_only_fragments_are_dropped() -> None:
    assert split_sentences("0\t0\t0\n12\n") == []


def test_normalize_maps_back_to_source() -> None:
    source = "公(gong)開政府資訊23條"
    norm = normalize(source)
    assert norm.text == "公开政府资讯23条"
    start = norm.text.index("23")
    s0, s1 = norm.source_span(start, start + 3)
    assert source[s0:s1] == "23條"
