"""Flattened tables: one-line dumps and one-cell-per-line text become labelled rows."""

from extractor.mapping.rows import anchor_kind, flat_rows


def test_digits_glued_to_the_next_ordinal_are_split_off() -> None:
    text = "1.本机关不掌握相关政府信息70000072.没有现成信息需要另行制作0000000"
    rows = flat_rows(text, "requests")
    assert [r.label for r in rows] == ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作"]
    assert [t.raw for t in rows[0].values] == ["7000007"]


def test_whitespace_separated_chunks_stay_separate_and_years_stay_words() -> None:
    rows = flat_rows("（七）总计23 0 00 0 023四、结转下年度继续办理 0 0 00 00 0", "requests")
    assert [t.raw for t in rows[0].values] == ["23", "0", "00", "0", "023"]
    assert rows[1].label.startswith("四、结转")
    assert flat_rows("截至2024年底共有0", "requests")[0].label.startswith("截至2024年")


def test_one_cell_per_line_text_and_page_footers() -> None:
    text = "行政许可\n447\n- 3 -\n行政处罚\n1,208\n"
    rows = flat_rows(text, "proactive")
    assert [(r.label, [t.raw for t in r.values]) for r in rows] == [("行政许可", ["447"]), ("行政处罚", ["1,208"])]


def test_anchor_phrases_open_the_right_table() -> None:
    assert anchor_kind("第二十条 第（一）项") == "proactive"
    assert anchor_kind("（本列数据的勾稽关系为：第一项加第二项之和）") == "requests"
    assert anchor_kind("行政复议 行政诉讼") == "review_litigation"
    assert anchor_kind("行政许可") is None
