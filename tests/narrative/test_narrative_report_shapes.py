"""Shapes of real reports the narrative meets outside the sentences the rules were written on (issue 12):
the preface that says where the report is published, a column printed after its site, portals named
"中国X"/"X政务网", a street office's own account, service halls and document libraries (条例 art. 25,
国办发〔2018〕37号), quoted column lists joined by 和; and published counts in a sentence that also
restates requests, after an item noun with 个, behind a bracketed aside, or of 建议/提案 results.

Every text is our own, in the phrasing reports use (places are invented: 东林县, 青山区)."""

from __future__ import annotations

import pytest

from extractor.layout.sections import split_sections
from extractor.layout.text import FullText
from extractor.narrative.extract import extract_narrative
from extractor.narrative.model_io import DEFAULT_MODEL_DIR

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "meta.json").is_file(), reason="narrative model not built")

AGENCY = "东林县人民政府"
TITLE = "东林县人民政府2024年政府信息公开工作年度报告"


def _read(body: str) -> tuple[dict[str, str], list[tuple[float, str | None]]]:
    """(platform text → name, published (value, unit)) of a report made of `body`."""
    text = f"{TITLE}\n{body}"
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    narrative = extract_narrative(full, split_sections(text), 2024, agency=AGENCY, title=TITLE).narrative
    return {p.text: p.name for p in narrative.platforms}, [(p.value, p.unit) for p in narrative.published]


def test_the_preface_names_where_the_report_is_published() -> None:
    platforms, published = _read(
        "本年度报告的电子版可在中国东林门户网站（www.dl.gov.cn）和东林政务网下载，并通过县政府门户网站政府信息公开专栏、"
        "“东林发布”微信公众号、官方微博等渠道全文公开。\n一、总体情况\n2024年，全县主动公开政府信息3200条。\n")
    assert platforms == {"中国东林门户网站": "中国东林门户网站", "东林政务网": "东林政务网",
                         "县政府门户网站政府信息公开专栏": "县政府门户网站政府信息公开专栏",
                         "县政府门户网站": "县政府门户网站", "政府信息公开专栏": "政府信息公开专栏",  # and each part
                         "“东林发布”微信公众号": "东林发布", "官方微博": "官方微博"}
    assert published == [(3200, "条")]  # the preface is read for channels only


def test_a_street_offices_account_halls_libraries_and_no_back_office() -> None:
    platforms, published = _read(
        "一、总体情况\n2024年，我街道运用街道公众号发布政策信息120条。推动网上政务大厅和实体政务大厅融合发展，"
        "完善县政府文件库。通过政府网站后台监测各单位的更新情况。\n二、主动公开政府信息情况\n")
    assert set(platforms) == {"街道公众号", "网上政务大厅", "政务大厅", "县政府文件库"}  # not the site's back office
    assert published == [(120, "条")]


def test_quoted_columns_joined_by_a_conjunction() -> None:
    platforms, _ = _read("一、总体情况\n局网站开设“惠企政策”和“办事指南”两个重点专栏，分类发布各类信息。\n二、主动公开政府信息情况\n")
    assert {"“惠企政策”", "“办事指南”"} <= set(platforms)
    not_columns, _ = _read("一、总体情况\n围绕“六稳”和“六保”工作部署，及时公开相关政策。\n二、主动公开政府信息情况\n")
    assert not {"“六稳”", "“六保”"} & set(not_columns)  # quoted topics with no column word are no channel


def test_published_counts_beside_requests_item_nouns_asides_and_results() -> None:
    _, published = _read(
        "一、总体情况\n全年主动公开政府信息5230条，处理依申请公开6件，未发生行政复议和行政诉讼。"
        "公开县级重大决策事项12个，各类政策文件41件。解读政策文件23个，制作图解、短视频等解读材料58个。"
        "共发布县政府（县政府办）公文72篇，公开县人大代表建议办理结果45件、县政协委员提案办理结果38件。\n"
        "二、主动公开政府信息情况\n")
    assert published == [(5230, "条"), (12, "个"), (41, "件"), (23, "个"), (58, "个"), (72, "篇"), (45, "件"), (38, "件")]


def test_requests_reviews_and_accounts_are_not_published() -> None:
    _, published = _read(
        "一、总体情况\n全年共新收政府信息公开申请27件，上年结转5件；办结32件，其中予以公开19件。"
        "本年度因政府信息公开被申请行政复议5件，其中结果维持5件。全县共有政务新媒体账号70个，开设专栏8个。\n"
        "二、主动公开政府信息情况\n")
    assert published == []


def test_a_column_after_an_agencys_site_libraries_screens_and_app_names() -> None:
    platforms, _ = _read("一、总体情况\n在东林县商务局门户网站公示公告栏目发布通知公告120条。"
                         "依托传统媒体和户外大屏开展政策宣传，通过东林发布APP推送信息56条。"
                         "在门户网站开设公平竞争审查栏目，完善区级行政规章库。\n二、主动公开政府信息情况\n")
    assert set(platforms) == {"东林县商务局门户网站公示公告栏目", "东林县商务局门户网站", "公示公告栏目", "传统媒体", "户外大屏",
                              "东林发布APP", "门户网站",
                              "公平竞争审查栏目", "区级行政规章库"}


def test_kinds_of_columns_and_the_generic_disclosure_column_name_none() -> None:
    platforms, _ = _read("一、总体情况\n清理空白栏目和一级栏目8个，定期检查政府信息公开栏目更新情况，在政务公开栏目发布通知。"
                         "\n二、主动公开政府信息情况\n")
    assert platforms == {}


def test_an_account_named_after_its_channel_word_and_new_account_kinds() -> None:
    platforms, published = _read(
        "一、总体情况\n依托微信公众号“青山东石”发布工作动态1014条，我街道官方微信“东林县青山街道办事处”推送信息120期。"
        "“东林防灾减灾信息网”全年发布信息300条，“东林外事”微信订阅号发布信息54期，增设“喜迎新春”小程序。\n"
        "二、主动公开政府信息情况\n")
    assert platforms == {"微信公众号“青山东石”": "青山东石", "官方微信“东林县青山街道办事处”": "东林县青山街道办事处",
                         "“东林防灾减灾信息网”": "东林防灾减灾信息网", "“东林外事”微信订阅号": "东林外事",
                         "“喜迎新春”小程序": "喜迎新春"}
    assert published == [(1014, "条"), (120, "期"), (300, "条"), (54, "期")]


def test_a_list_counted_in_ge_keeps_its_kind_and_runs_past_items_not_taken() -> None:
    _, published = _read(
        "一、总体情况\n全年通过县政府门户网站发布政府信息9800条，其中，各类政策文件36个，人事任免11个，公告公示57个，"
        "重点领域信息5000余条，政策解读信息210条。全县共有政务新媒体账号12个，人事任免11个。\n二、主动公开政府信息情况\n")
    # 个 after 人事任免/公告公示 is published as the next item of a list counted in 个; outside such a list it is not
    assert published == [(9800, "条"), (36, "个"), (11, "个"), (57, "个"), (5000, "条"), (210, "条")]


def test_account_words_back_to_back_and_outlets_listed_by_name() -> None:
    platforms, _ = _read(
        "一、总体情况\n在街道政务微博微信公开信息分别为320条和180条。通过东林晚报、东林网、今日头条、中宏网等多渠道发布稿件"
        "1200篇。充分发挥县政府门户网站“第一平台”和“主阵地”作用。\n二、主动公开政府信息情况\n")
    assert platforms["街道政务微博微信"] == "街道政务微博微信"
    assert {"东林晚报", "东林网", "今日头条", "中宏网", "县政府门户网站"} <= set(platforms)
    assert not {"“第一平台”", "“主阵地”"} & set(platforms)  # roles, not names


def test_a_web_pages_menu_is_not_prose() -> None:
    menu = "首页 政务公开 领导之窗 机构职能 要闻动态 政府会议 最新文件 政策文件库 政府工作报告 互动交流 政务服务平台"
    platforms, _ = _read(f"{menu}\n一、总体情况\n全年通过县政府门户网站发布信息120条。\n"
                         "二、主动公开政府信息情况\n")
    assert set(platforms) == {"县政府门户网站"}  # the menu's 政策文件库 and 政务服务平台 are links, not channels


def test_a_sites_related_columns_name_no_column_and_a_zone_names_its_own_site() -> None:
    platforms, _ = _read("一、总体情况\n在县政府门户网站相关栏目公开预算信息，在门户网站重点专栏发布政策解读。\n"
                         "二、主动公开政府信息情况\n")
    assert set(platforms) == {"县政府门户网站", "门户网站"}  # "相关栏目", "重点专栏" are kinds of column


def test_a_list_of_counts_runs_over_bracketed_account_names() -> None:
    platforms, published = _read(
        "一、总体情况\n2024年,通过各类公开载体发布信息9120条,其中东林县政务网2905条,微博(东林县青山区)3128条,"
        "微信(东林县)1540条,抖音74条。\n二、主动公开政府信息情况\n")
    assert published == [(9120, "条"), (2905, "条"), (3128, "条"), (1540, "条"), (74, "条")]


def test_a_sites_new_items_and_published_replies_to_proposals_are_published() -> None:
    _, published = _read(
        "一、总体情况\n2024 年,局门户网站新增信息5120条,其中,工作动态类信息1200条,规划计划类信息3条。"
        "通过门户网站全文公开人大政协建议提案办理意见46件。新增注册用户300个。\n二、主动公开政府信息情况\n")
    assert published == [(5120, "条"), (1200, "条"), (3, "条"), (46, "件")]


def test_counts_in_ge_after_the_verb_and_a_breakdown_in_brackets() -> None:
    _, published = _read(
        "一、总体情况\n东林县政务服务网公布办事指南共发布2670个,其中县直261个,乡镇169个。"
        "全年发布招投标公告信息845条(其中建设工程368条、交通工程40条)。开设专栏5个。\n二、主动公开政府信息情况\n")
    assert published == [(2670, "个"), (261, "个"), (169, "个"), (845, "条"), (368, "条"), (40, "条")]


def test_a_list_opened_by_a_publishing_lead_and_a_colon() -> None:
    _, published = _read(
        "一、总体情况\n2024年主动公开政府信息的主要类别有:机构职能类信息2条,政策文件类信息27条,规划计划类信息3条。"
        "公开类型包括:政策及规范性文件25条、行政处罚11条。依申请公开情况如下:收到申请5件,办结4件。\n"
        "二、主动公开政府信息情况\n")
    assert published == [(2, "条"), (27, "条"), (3, "条"), (25, "条"), (11, "条")]
