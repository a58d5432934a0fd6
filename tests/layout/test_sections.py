from extractor.layout.sections import split_sections

REPORT = """某县某局2024年政府信息公开工作年度报告
本报告包括总体情况、主动公开政府信息情况等内容。
一、总体情况
2024年，我局认真落实条例要求。
二、主动公开政府信息情况
第二十条第（一）项
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
三、本年度办理结果
四、结转下年度继续办理 0 0
四、因政府信息公开工作被申请行政复议、提起行政诉讼情况
行政复议
五、政府信息公开工作存在的主要问题及改进措施
一是公开内容不够全面。
六、其他事项
本年度未收取信息处理费。
"""


def test_six_sections_found_despite_title_drift() -> None:
    sections = {s.key: s for s in split_sections(REPORT)}
    assert list(sections) == ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
    assert sections["review_litigation"].title == "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    assert sections["problems"].title.startswith("五、政府信息公开工作存在的主要问题")
    assert sections["other"].text == "本年度未收取信息处理费。"


def test_table_rows_that_look_like_headings_stay_inside_the_table() -> None:
    sections = {s.key: s for s in split_sections(REPORT)}
    assert "三、本年度办理结果" in sections["requests"].text
    assert "四、结转下年度继续办理" in sections["requests"].text


def test_a_title_repeated_before_the_first_section_is_skipped() -> None:
    text = "标题\n一、总体情况\n标题\n一、总体情况\n正文开始。\n二、主动公开政府信息情况\n表"
    overview = split_sections(text)[0]
    assert overview.text == "正文开始。"


def test_one_line_dump_without_newlines() -> None:
    text = "一、总体情况2019年，我区工作。二、主动公开政府信息情况 第二十条三、收到和处理政府信息公开申请情况（本列）"
    keys = [s.key for s in split_sections(text)]
    assert keys == ["overview", "proactive", "requests"]
