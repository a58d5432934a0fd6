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


# ---------------------------------------------------------------- title drift (our own lines, in the shapes real reports use)


def _meta(*lines: str, container: str | None = None) -> tuple[str | None, int | None]:
    meta = read_metadata(list(lines), container)
    return meta.agency, meta.year


def test_year_first_title() -> None:
    assert _meta("2019年某某市人民政府办公厅政府信息公开工作年度报告", "一、总体情况") == ("某某市人民政府办公厅", 2019)
    assert _meta("2022年某某省政府信息公开工作年度报告") == ("某某省", 2022)


def test_a_governments_name_running_into_the_report_name_and_the_short_nianbao() -> None:
    # "…人民政府信息公开工作年度报告": 政府 belongs to both; the body is the government
    assert _meta("2023年某某县城关镇人民政府信息公开工作年度报告", "一、总体情况") == ("某某县城关镇人民政府", 2023)
    assert _meta("某某市人民政府信息公开工作年度报告（2023年度）") == ("某某市人民政府", 2023)
    assert _meta("2022年某某县卫生健康委员会信息公开年报", "根据条例第五十条规定，现编制本年度报告。") == (
        "某某县卫生健康委员会", 2022)


def test_year_first_title_of_bodies_named_by_other_words() -> None:
    """Not only 局/委/政府 publish: a counsellors' office (室), an archive (馆), an association (会), a station (台)."""
    assert _meta("2022年某某市人民政府参事室政府信息公开工作年度报告", "一、总体情况") == ("某某市人民政府参事室", 2022)
    assert _meta("2023年某某省档案馆政府信息公开工作年度报告") == ("某某省档案馆", 2023)
    assert _meta("2021年某某市气象台政府信息公开工作年度报告") == ("某某市气象台", 2021)
    assert _meta("2024年某某旗某某苏木政府信息公开工作年度报告") == ("某某旗某某苏木", 2024)
    # a sentence that only mentions a year and a report still is no title
    assert _meta("2023年按时完成政府信息公开工作年度报告编制") == (None, None)


def test_year_first_title_with_an_aside_and_a_title_cut_before_the_bodys_kind() -> None:
    assert _meta("2022年某某高新区(某某新区)政府信息公开工作年度报告", "一、总体情况") == ("某某高新区(某某新区)", 2022)
    # "办事处" alone on the second line names no body: the first line holds its name
    assert _meta("某某市某某区人民政府某某街道", "办事处2023年政府信息公开工作年度报告", "一、总体情况") == (
        "某某市某某区人民政府某某街道办事处", 2023)


def test_year_first_page_title_of_a_web_page() -> None:
    container = "2020年某某县人民政府办公室政府信息公开工作年度报告_某某县人民政府网"
    assert _meta("首页", "信息公开年报", "一、总体情况", container=container) == ("某某县人民政府办公室", 2020)


def test_year_with_du_and_a_department() -> None:
    assert _meta("某某市某某局2023年度政府信息公开工作年度报告") == ("某某市某某局", 2023)


def test_title_over_three_lines() -> None:
    assert _meta("- 1 -", "某某市自然资源局", "2023年", "政府信息公开工作年度报告", "一、总体情况") == ("某某市自然资源局", 2023)
    assert _meta("某某市自然资源局", "2023年度政府信息公开", "工作年度报告") == ("某某市自然资源局", 2023)
    assert _meta("某某县某某镇人民政府2024年政府", "信息公开工作年度报告") == ("某某县某某镇人民政府", 2024)


def test_a_breadcrumb_above_the_title_is_not_joined_to_it() -> None:
    assert _meta("当前位置：首页 > 年报", "某县某局2022年政府信息公开工作年度报告") == ("某县某局", 2022)


def test_report_on_the_work_and_disclosure_of_government_affairs() -> None:
    assert _meta("某某区卫生健康局关于2023年度政府信息公开工作情况的报告") == ("某某区卫生健康局", 2023)
    assert _meta("某某区市场监督管理局2022年政务公开工作年度报告") == ("某某区市场监督管理局", 2022)


def test_year_after_the_report_name() -> None:
    assert _meta("某某县教育局政府信息公开工作年度报告（2021年度）") == ("某某县教育局", 2021)


def test_traditional_characters_of_a_mirror_copy() -> None:
    assert _meta("某某區發展和改革局2024年度政府信息公開工作年度報告") == ("某某區發展和改革局", 2024)


def test_a_page_that_names_itself_in_its_first_sentence() -> None:
    line = "根据《中华人民共和国政府信息公开条例》规定，现公布某某市农业农村局2024年政府信息公开工作年度报告。"
    assert _meta(line, "一、总体情况") == ("某某市农业农村局", 2024)
    assert _meta("现将2024年度政府信息公开工作年度报告公布如下：") == (None, 2024)


def test_year_from_the_statistics_period_when_no_title_gives_it() -> None:
    lines = ["一、总体情况", "本年度报告中所列数据统计期限自2022年1月1日起", "至2022年12月31日止。"]
    assert _meta(*lines) == (None, 2022)
    assert _meta("本报告所列数据的统计期限为2021年1月1日至12月31日。") == (None, 2021)
    assert _meta("数据统计期限自2021年1月1日至2022年12月31日。") == (None, None)  # two years: no single report year


def test_a_sentence_mentioning_the_report_is_not_a_title() -> None:
    lines = ["一、总体情况", "2023年，我局认真落实政府信息公开工作年度报告制度，按时编制报告。"]
    assert read_metadata(lines, None).title is None
    # no title: the overview's opening year is the report's year, and "我局" names no body
    assert _meta(*lines) == (None, 2023)


def test_a_body_calling_itself_we_has_no_name_but_its_year_counts() -> None:
    assert _meta("根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年政府信息公开工作年度报告。") == (None, 2022)


def test_a_notice_about_reports_is_not_a_title() -> None:
    line = "根据某某区人民政府办公室《关于做好2024年度政府信息公开工作年度报告编制工作的通知》要求，结合实际编制本报告。"
    assert read_metadata([line, "一、总体情况"], None).title is None
    # the notice's sender is not the report's body; the report it asks for is this one, so its year is
    assert _meta(line, "一、总体情况") == (None, 2024)


def test_site_name_before_an_underscore_is_not_the_agency() -> None:
    container = "某某开发区管理委员会_某某开发区管理委员会2024年政府信息公开工作年度报告"
    assert _meta("首页", container=container) == ("某某开发区管理委员会", 2024)


def test_a_name_inside_a_sentence_loses_the_verbs_around_it() -> None:
    line = "本报告根据有关规定和要求，由某某市卫生健康委员会编制的2021年度政府信息公开年度报告。"
    assert _meta(line) == ("某某市卫生健康委员会", 2021)
    assert _meta("按照要求，某某镇结合工作实际，并形成2020年度某某镇政府信息公开年度报告。") == ("某某镇", 2020)


def test_a_year_printed_without_nian_before_the_report_name() -> None:
    assert _meta("东林自治区人民政府国资委2020政府信息公开工作年度报告", "一、总体情况") == ("东林自治区人民政府国资委", 2020)
    assert _meta("某县某局 2021 政府信息公开工作年度报告") == ("某县某局", 2021)
    # a number glued to other digits is no year ("编号12020…" is not 2020)
    assert _meta("某局12020政府信息公开工作年度报告")[1] is None


# ---------------------------------------------------------------- no title: the opening prose (our own lines)


def test_no_title_the_compiler_names_the_body() -> None:
    assert _meta("根据条例规定，某某市人民政府外事办公室编制形成本年度报告。", "一、总体情况") == ("某某市人民政府外事办公室", None)
    assert _meta("本报告由某某经济开发区某某镇人民政府结合有关统计数据编制。") == ("某某经济开发区某某镇人民政府", None)
    assert _meta("本报告结合某某县人民政府信息公开工作有关统计数据撰写。")[0] == "某某县人民政府"


def test_no_title_the_overviews_subject_and_year() -> None:
    lines = ["依据条例第五十条规定，编制本报告。", "一、总体情况", "2023年，某某市某区政务服务管理局持续强化主动公开。"]
    assert _meta(*lines) == ("某某市某区政务服务管理局", 2023)
    assert _meta("一、总体情况", "2022年以来，某某区人民政府办公室严格按照条例要求做好公开。") == ("某某区人民政府办公室", 2022)
    # a collective or the body's kind alone names no body; the contact named afterwards does
    lines = ["如有疑问，请与某某县政府办公室联系。", "一、总体情况", "2023年，全县各部门认真落实条例。"]
    assert _meta(*lines) == ("某某县政府办公室", 2023)
    assert _meta("一、总体情况", "2023年，区政府办坚持公开为常态。") == (None, 2023)


def test_no_title_the_year_of_the_work_the_opening_draws_on() -> None:
    assert _meta("本年报结合2019年某某区政府信息公开工作实际编制而成。")[1] == 2019
    assert _meta("2023年按时完成政府信息公开工作年度报告编制")[1] is None  # a year of doing, not of the report


def test_a_page_heading_above_the_documents_fuller_title() -> None:
    lines = ["某某区某某街道2025年政府信息公开工作年度报告", "发布时间：2026-01-19", "某某市某某区某某街道2025年政府",
             "信息公开工作年度报告", "一、总体情况"]
    assert _meta(*lines) == ("某某市某某区某某街道", 2025)
    # a sentence naming the report again after its title: the verb before the name is no part of it
    lines = ["某某市某区人民政府办公室2023年政府信息公开工作年度报告", "根据条例，编制某某市某区人民政府办公室2023年政府信息公开工作年度报告。"]
    assert _meta(*lines) == ("某某市某区人民政府办公室", 2023)
