"""Publication dates: printed label, signature, web-page meta, PDF metadata — in that order of trust."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.layout.dates import find_publication_date, parse_date
from extractor.model import Line


def _lines(*texts: str) -> list[Line]:
    return [Line(text=t) for t in texts]


BODY = ("某县教育局2024年政府信息公开工作年度报告",
        "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。",
        "六、其他需要报告的事项", "本年度未收取信息处理费。")


@pytest.mark.parametrize(("text", "expected"), [
    ("2025年1月20日", dt.date(2025, 1, 20)),
    ("2025 年 1 月 20 日", dt.date(2025, 1, 20)),
    ("2025-01-20 15:22", dt.date(2025, 1, 20)),
    ("二〇二五年一月二十日", dt.date(2025, 1, 20)),
    ("二○二五年十二月三十一日", dt.date(2025, 12, 31)),
    ("2025年2月30日", None),
    ("没有日期", None),
])
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_printed_label_wins_over_signature_and_metadata() -> None:
    lines = _lines("发布日期：2025年1月18日  来源：某县教育局", *BODY, "某县教育局", "2025年1月20日")
    found = find_publication_date(lines, {"html:pubdate": "2025-02-01 09:00"}, 2024)
    assert found is not None
    assert (found.date, found.source, found.text) == (dt.date(2025, 1, 18), "printed_label", "发布日期：2025年1月18日")


def test_signature_date_at_the_end_in_chinese_numerals_and_after_a_page_footer() -> None:
    lines = _lines(*BODY, "某县教育局", "二〇二五年一月二十日", "- 5 -")
    found = find_publication_date(lines, {}, 2024)
    assert found is not None and (found.date, found.source) == (dt.date(2025, 1, 20), "signature")
    one_line = find_publication_date(_lines(*BODY, "某县教育局 2025年3月2日"), {}, 2024)
    assert one_line is not None and (one_line.date, one_line.text) == (dt.date(2025, 3, 2), "某县教育局 2025年3月2日")


def test_the_statistics_period_and_prose_dates_are_not_publication_dates() -> None:
    lines = _lines(*BODY, "2024年12月31日前完成全部栏目整改，确保信息准确及时。")
    assert find_publication_date(lines, {}, 2024) is None


def test_metadata_order_and_plausibility() -> None:
    meta = {"pdf:creationDate": "D:20250225100250+08'00'", "pdf:modDate": "D:20250601120000"}
    found = find_publication_date(_lines(*BODY), meta, 2024)
    assert found is not None and (found.date, found.source) == (dt.date(2025, 2, 25), "pdf_creation_date")
    # a file created before the report year ended cannot date its publication; ModDate is the fallback
    found = find_publication_date(_lines(*BODY), {"pdf:creationDate": "D:20240101000000", "pdf:modDate": "D:20250203"}, 2024)
    assert found is not None and (found.date, found.source) == (dt.date(2025, 2, 3), "pdf_mod_date")
    html = find_publication_date(_lines(*BODY), {"html:firstpublishedtime": "2025-01-22-10:15:30"}, 2024)
    assert html is not None and (html.date, html.source) == (dt.date(2025, 1, 22), "html_meta")
    assert find_publication_date(_lines(*BODY), {"pdf:creationDate": "D:20310101"}, 2024) is None


def test_corpus_dates_come_from_the_source_each_file_has(corpus_dir: Path) -> None:
    """pingtan_2019 prints "发布时间:", pingtan_2025 states <meta name="PubDate">, hongze only has PDF metadata."""
    from extractor.api import extract

    expected = {"pingtan_2019_page.txt": (dt.date(2020, 1, 20), "printed_label"),
                "pingtan_2025_page.html": (dt.date(2026, 3, 10), "html_meta"),
                "hongze_2023.pdf": (dt.date(2024, 2, 26), "pdf_creation_date"),
                "xindian_2024.txt": None}
    for name, want in expected.items():
        found = extract(corpus_dir / name).report.publication_date
        assert ((found.date, found.source) if found else None) == want, name
