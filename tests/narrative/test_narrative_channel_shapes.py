"""Channel shapes the regulations' channel kinds imply: sector-named department sites and periodicals, the
department's own short name, the full press and broadcast words, and names a report introduces once in quotes.

Every sentence here is our own, written in the phrasing reports use (places are invented: 东林市, 青山区)."""

from __future__ import annotations

from extractor.narrative.gazetteer import gazetteer_spans, platform_kind
from extractor.narrative.names import bare_mentions, introduced_names, name_extent, report_places


def _names(sentence: str, places: frozenset[str] = frozenset()) -> list[str]:
    return [sentence[slice(*name_extent(sentence, s, e, places))] for s, e in gazetteer_spans(sentence)]


def test_sector_named_sites_and_periodicals_keep_their_sector_word() -> None:
    assert _names("我局依托卫健网站、微信公众号和健康杂志等载体发布信息。") == ["卫健网站", "微信公众号", "健康杂志"]
    assert _names("进一步加强教育门户网站内容保障。") == ["教育门户网站"]
    assert _names("全年东林文旅网主动公开信息86条。", report_places("东林市文化和旅游局")) == ["东林文旅网"]
    assert platform_kind("东林文旅网") == "website" and platform_kind("健康杂志") == "media"


def test_sector_word_needs_a_site_word_right_after_it() -> None:
    assert _names("围绕教育网络安全开展专项检查。") == []  # 网络 is not a site
    assert _names("及时公开教育信息。") == []
    assert _names("通过网上办事大厅公开。") == ["网上办事大厅"]


def test_department_short_name_and_full_name_before_its_site() -> None:
    assert _names("其中，局官网发布信息320条。") == ["局官网"]
    assert _names("将投诉电话在省局官网首页公示。") == ["省局官网"]
    assert _names("通过东林市生态环境局政务外网公开信息512条。", report_places("东林市生态环境局")) \
        == ["东林市生态环境局政务外网"]
    assert _names("在县交通运输局门户网站设置专栏。") == ["县交通运输局门户网站"]  # a level word alone stays


def test_full_press_words_official_accounts_and_boards() -> None:
    assert _names("通过政务外网、官方微信、报纸刊物等渠道发布。") == ["政务外网", "官方微信", "报纸刊物"]
    assert _names("在社区政务公开宣传栏张贴公开事项。") == ["政务公开宣传栏"]
    assert _names("同步在百家号和美篇发布政策解读。") == ["百家号", "美篇"]
    assert _names("在政府信息公开专区集中公开。") == ["政府信息公开专区"]


def test_television_is_a_channel_only_as_a_list_item() -> None:
    assert _names("利用电视、报纸、微信公众号等多渠道发布信息。") == ["电视", "报纸", "微信公众号"]
    assert _names("配合广播电视局做好宣传。") == []
    assert _names("在电视台开设专题节目。") == ["电视台"]


def test_a_name_introduced_in_quotes_is_a_channel_when_printed_bare() -> None:
    text = "本报告可在“东林政务”门户网站和“青山教育”微信公众号查阅。\n本年度东林政务主动公开信息312条。"
    names = introduced_names(text)
    assert names == frozenset({"东林政务", "青山教育"})
    sentence = "本年度东林政务主动公开信息312条，青山教育推送信息80条。"
    assert [sentence[s:e] for s, e in bare_mentions(sentence, names, [])] == ["东林政务", "青山教育"]
    assert bare_mentions("东林政务区建设提速。", names, []) == []  # inside a longer place name
    quoted = "通过“东林政务”发布。"  # the quoted mention is the gazetteer's, not a bare one
    assert bare_mentions(quoted, names, []) == []
    assert introduced_names("通过“政府网站”网站发布。") == frozenset()  # a generic word in quotes is no name


def test_government_sites_printed_as_net() -> None:
    places = report_places("东林市人民政府")
    assert _names("本报告电子版可在东林市政府信息公开网下载。", places) == ["东林市政府信息公开网"]
    assert _names("在县政府网公开政策文件。") == ["县政府网"]
    assert _names("通过区政府官网、官方抖音号发布。") == ["区政府官网", "官方抖音号"]
    assert _names("加强政府网络安全防护。") == []
    assert _names("完善综合交通网建设。") == []  # an infrastructure network, not a site


def test_grassroots_boards_keep_the_affairs_they_carry() -> None:
    assert _names("在党务政务村务公开栏张贴公开事项。") == ["党务政务村务公开栏"]
    assert _names("通过村务、财务公开栏公示。") == ["村务、财务公开栏"]
    assert _names("在政务公开栏目发布通知。") == []  # a site's column, not a board
    assert _names("充分发挥广播电视、报刊等媒体作用。") == ["广播电视", "报刊"]


def test_boards_and_quoted_accounts_on_other_platforms() -> None:
    assert _names("我镇充分利用政务宣传栏主动公开相关事项。") == ["政务宣传栏"]
    assert _names("通过政府公示栏、宣传板等渠道发布。") == ["政府公示栏", "宣传板"]
    assert platform_kind("政府公示栏") == "board" and platform_kind("宣传板") == "board"
    assert _names("及时清理“僵尸”账号。") == []  # a kind of account, not a named one
    sentence = "在“青山乡”云端账号同步发布。"
    assert _names(sentence) == ["“青山乡”云端账号"]
    assert platform_kind("“青山乡”云端账号") == "social_media"


def test_a_verb_of_use_is_not_part_of_a_department_site() -> None:
    assert _names("截至年底，通过委网站主动公开信息320条。") == ["委网站"]
    assert _names("通过区文旅局官网公开。") == ["区文旅局官网"]
    assert _names("“青山教育”抖音公众号发布稿件65条。") == ["“青山教育”抖音公众号"]


def test_screens_of_the_affairs_and_news_press() -> None:
    assert _names("在便民服务中心设立政务公开电子屏滚动公开。") == ["政务公开电子屏"]
    assert _names("通过新闻报刊公开信息12条。") == ["新闻报刊"]


def test_named_sites_ending_in_their_kind_after_a_verb_of_use() -> None:
    assert _names("动态更新青山个体经济发展服务网有关信息。") == ["青山个体经济发展服务网"]
    assert _names("依托东林信用网公示行政许可信息。") == ["东林信用网"]
    assert _names("通过网站更新信息网内容。") == []  # a channel word and a verb are not a name


def test_a_quoted_topic_is_not_a_name_to_remember() -> None:
    assert introduced_names("在“政府信息公开”网站和“互联网+政务服务”网站发布。") == frozenset()
