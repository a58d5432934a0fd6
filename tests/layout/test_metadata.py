from extractor.layout.metadata import read_metadata


def test_agency_and_year_from_a_one_line_title() -> None:
    meta = read_metadata(["", "某县某镇人民政府 2024 年政府信息公开工作年度报告", "一、总体情况"], None)
    assert (meta.agency, meta.year) == ("某县某镇人民政府", 2024)
    assert meta.title == "某县某镇人民政府2024年政府信息公开工作年度报告"


def test_title_split_over_two_lines() -> None:
    meta = read_metadata(["- 1 -", "某某区人民政府", "2023 年政府信息公开工作年度报告"], None)
    assert (meta.agency, meta.year) == ("某某区人民政府", 2023)


def test_place_name_title_takes_the_body_suffix_from_the_text() -> None:
    lines = ["标题: 某某新区2019年度政府信息公开工作年度报告", "本报告由某某新区党工委管委会办公室编制。"]
    meta = read_metadata(lines, None)
    assert (meta.agency, meta.year) == ("某某新区管委会", 2019)


def test_container_title_is_a_fallback() -> None:
    meta = read_metadata(["正文没有标题"], "某市某局2022年政府信息公开工作年度报告_某市人民政府")
    assert (meta.agency, meta.year) == ("某市某局", 2022)


def test_no_title_gives_nothing() -> None:
    assert read_metadata(["随便一段文字"], None).year is None


def test_navigation_and_last_years_link_above_the_title_of_a_web_page() -> None:
    lines = ["首页", "政务公开", "相关阅读：某市某局2023年政府信息公开工作年度报告", "某市某局2024年政府信息公开工作年度报告", "一、总体情况"]
    meta = read_metadata(lines, "某市某局2024年政府信息公开工作年度报告_某市人民政府门户网站")
    assert (meta.agency, meta.year) == ("某市某局", 2024)


def test_a_label_before_the_title_is_not_part_of_the_agency() -> None:
    meta = read_metadata(["当前位置：首页 > 年报", "标题：某县某镇人民政府2022年政府信息公开工作年度报告"], None)
    assert (meta.agency, meta.year) == ("某县某镇人民政府", 2022)
