"""The longest name a report prints for a channel at a mention (issue 12, the blind sets' convention): owners and
accounts before an account word, 账号/官方/政务 forms, portals with their place and level, topic columns and
qualified boards; and what is no channel (document titles, bare 网站, counting and receiving words).

Every sentence is our own, in the phrasing reports use (places are invented: 东林市, 青山区, 白沙镇)."""

from __future__ import annotations

import re
from pathlib import Path

from extractor.narrative.gazetteer import gazetteer_spans, is_learned_channel, platform_name
from extractor.narrative.names import account_before, mention_extent, report_places


def printed_name(mention: str) -> str:
    """A mention as the blind sets compare it: without quotes, brackets and whitespace ("“X发布”公众号" → X发布公众号)."""
    return re.sub(r"[\s“”\"《》「」'‘’（）()〈〉【】]", "", mention)


def _names(sentence: str, places: frozenset[str] = frozenset()) -> list[str]:
    return [printed_name(sentence[slice(*mention_extent(sentence, s, e, places))]) for s, e in gazetteer_spans(sentence)]


def test_an_accounts_own_name_before_its_channel_word() -> None:
    assert _names("全年通过青禾融媒微信公众号推送各类信息320条。") == ["青禾融媒微信公众号"]  # not "全年通过…"
    assert _names("在青山发布抖音号发布短视频45条。") == ["青山发布抖音号"]
    assert _names("利用乡村振兴在线视频号开展政策宣传。") == ["乡村振兴在线视频号"]
    assert _names("通过“东林发布”微信公众号发布信息215条。") == ["东林发布微信公众号"]  # quotes stripped, word kept


def test_an_agency_before_its_account_or_site() -> None:
    places = report_places("东林市白沙镇人民政府")
    assert _names("依托东林镇人民政府微信公众号及时发布惠民政策。") == ["东林镇人民政府微信公众号"]
    assert _names("同时在白沙街道办事处微信公众号同步转载。", places) == ["白沙街道办事处微信公众号"]
    assert _names("利用青山区融媒体中心微信公众号推送惠民政策。") == ["青山区融媒体中心微信公众号"]
    assert _names("在县人民政府办公室门户网站公开。") == ["县人民政府办公室门户网站"]
    assert _names("通过东林市政务服务和数据管理局网站公开办事指南。") == ["东林市政务服务和数据管理局网站"]
    assert _names("利用政府网站和县融媒体中心微信公众号发布。") == ["政府网站", "县融媒体中心微信公众号"]


def test_words_no_name_holds_are_not_account_names() -> None:
    assert _names("全年原创微信公众号文章56篇，转发微博120条。") == ["微信公众号", "微博"]
    assert _names("收到微信公众号留言12条，均已回复。") == ["微信公众号"]
    assert _names("累计发布微博信息300余条。") == ["微博"]
    assert _names("我局微信公众号共发布信息120条。") == ["微信公众号"]  # whose, not a name
    sentence = "累计发布微博信息300余条。"
    assert account_before(sentence, sentence.index("微博"), sentence.index("微博") + 2) is None


def test_account_words_keep_their_official_and_account_forms() -> None:
    assert _names("通过政务微博账号发布信息120条。") == ["政务微博账号"]
    assert _names("在官方微信公众平台开设专题。") == ["官方微信公众平台"]
    assert _names("依托局微博账号及时发布预警信息。") == ["微博账号"]
    assert _names("同步在抖音账号和官方视频号推送。") == ["抖音账号", "官方视频号"]


def test_portals_with_their_place_and_level() -> None:
    assert _names("在临夏回族自治州人民政府网站公开信息。") == ["临夏回族自治州人民政府网站"]
    assert _names("积极利用榆林市人民政府门户网站公开信息。") == ["榆林市人民政府门户网站"]
    assert _names("在东林市自然资源和规划局门户网站发布信息。") == ["东林市自然资源和规划局门户网站"]
    assert _names("全年在区政府网站公开信息230条。") == ["区政府网站"]  # a level word alone stays alone


def test_topic_columns_and_qualified_boards() -> None:
    assert _names("设立就业创业养老服务专栏，集中发布政策文件。") == ["就业创业养老服务专栏"]
    assert _names("在政府网站开设基层政务公开专栏，公开信息88条。") == ["政府网站", "基层政务公开专栏"]
    assert _names("在门户网站开设政策解读专区。") == ["门户网站", "政策解读专区"]
    assert _names("利用乡村宣传栏张贴公告30余份。") == ["乡村宣传栏"]
    assert _names("通过政府大厅电子显示屏滚动播放政策信息。") == ["政府大厅电子显示屏"]
    assert _names("各村通过村务公开栏公开财务收支情况。") == ["村务公开栏"]


def test_generic_or_unnamed_columns_stay_out() -> None:
    assert _names("一是专栏内容更新不及时。") == []
    assert _names("二是相关专栏建设滞后。") == []
    assert _names("加强全区政务公开专栏管理。") == ["政务公开专栏"]
    assert _names("各村（社区）公开栏定期更新。") == ["公开栏"]


def test_no_channel_in_a_document_title_or_bare_site_word() -> None:
    assert _names("印发《关于加强政府网站信息内容建设的通知》。") == []
    assert _names("加强网站安全管理，及时整改。") == []
    assert _names("《东林日报》刊发政策解读3篇。") == ["东林日报"]  # a periodical's title is its name
    text = "全年原创稿件累计发布120篇。"
    assert not is_learned_channel(text, 2, 4)  # "原创"
    text = "印发《关于规范政府网站管理的通知》。"
    assert not is_learned_channel(text, text.index("政府网站"), text.index("政府网站") + 4)
    text = "“青山之窗”公众号粉丝增长。"
    assert is_learned_channel(text, 0, 6)  # a quoted name right before its channel word


def test_a_layout_space_inside_a_name_is_not_part_of_it() -> None:
    from extractor.narrative.normalize import normalize

    folded = normalize("通过青禾融媒 微信公众号推送信息 320 条，2024 年完成")
    assert folded.text == "通过青禾融媒微信公众号推送信息 320 条，2024 年完成"  # spaces by digits stay
    assert _names(folded.text) == ["青禾融媒微信公众号"]
    assert folded.source_span(2, 11) == (2, 12)  # the name maps back over the space it had


def test_a_county_named_by_one_character() -> None:
    assert _names("通过沛县人民政府网站公开信息。") == ["沛县人民政府网站"]
    assert _names("依托本县政府门户网站发布。") == ["政府门户网站"]  # a collective, not a county


def test_places_and_party_departments_own_accounts() -> None:
    assert _names("通过白沙镇微信公众号发布通知。") == ["白沙镇微信公众号"]
    assert _names("依托区委宣传部微信公众号发布。") == ["区委宣传部微信公众号"]
    assert _names("通过省市县微信公众号联动发布。") == ["微信公众号"]  # levels listed, no place
    assert _names("我县网信办微信公众号推送信息。") == ["网信办微信公众号"]  # "我县" is ours, not a name


def test_verbs_quantifiers_and_measure_words_bound_a_qualifier() -> None:
    assert _names("一是部分社区公开栏内容更新不及时；") == ["社区公开栏"]
    assert _names("在 12 个社区公开栏张贴公示 188 期。") == ["社区公开栏"]
    assert _names("镇纪委每月抽查村务公开栏更新情况。") == ["村务公开栏"]
    assert _names("推动专区与便民服务窗口融合设置。") == []  # a verb is no topic
    assert _names("针对基层政务公开专区作用发挥不充分的问题。") == ["基层政务公开专区"]
    assert _names("用好镇微信公众号发布惠民政策。") == ["微信公众号"]  # "用|好" spelled by single characters
    # "局门户网站" is the bureau's own site by its agency word, as "局官网" is
    assert _names("通过县政府门户网站公安专栏和局门户网站公开信息。") == ["县政府门户网站", "公安专栏", "局门户网站"]


def test_sites_printed_after_an_agencys_full_name() -> None:
    assert _names("在县人民政府办公室网站公开信息。") == ["县人民政府办公室网站"]
    assert _names("通过东林市机关事务管理局网站公开。") == ["东林市机关事务管理局网站"]
    assert _names("在东林经济开发区管委会官网公开。") == ["东林经济开发区管委会官网"]
    assert _names("在市科委网站公开。") == ["市科委网站"]
    assert _names("积极举办网站开放日活动。") == []  # a verb, not an agency, before the site word
    text = "积极举办网站开放日活动。"
    assert not is_learned_channel(text, 2, 6)


def test_a_department_named_by_its_field_words_owns_its_site() -> None:
    # 建设/管理/服务 are verbs of use elsewhere ("加强|建设|…"); inside a department's name they are its field
    assert _names("通过东林省政务服务和数字化建设管理局门户网站发布信息120条。") == ["东林省政务服务和数字化建设管理局门户网站"]
    assert _names("在东林市城市管理综合执法局网站公开执法信息。") == ["东林市城市管理综合执法局网站"]
    assert _names("在县行政审批服务局网站公开办事指南。") == ["县行政审批服务局网站"]
    assert _names("规范管理区政府网站。") == ["区政府网站"]  # a verb before a level word stays out


def test_press_and_broadcast_outlets_by_name() -> None:
    assert _names("相关政策解读被新华社、人民网等转载12篇。") == ["新华社", "人民网"]
    assert _names("在东林卫视、东林日报开设政策解读专栏。") == ["东林卫视", "东林日报", "政策解读专栏"]
    assert _names("政策问答刊登于青山日报。") == ["青山日报"]
    assert _names("在中国政府网转载信息5条。") == ["中国政府网"]


def test_a_governments_net_with_its_full_place_and_bulletins_and_leaflets() -> None:
    # "人民政府网" after a place jieba keeps whole ("梅林口市|人民政府|网"): the place joins the site's name
    assert _names("报告电子版可在梅林口市人民政府网(www.mlk.gov.cn)政府信息公开专栏下载。") == ["梅林口市人民政府网", "政府信息公开专栏"]
    assert _names("相关经验在省农业农村厅简报刊发。") == ["省农业农村厅简报"]  # not "报刊" across 简报|刊发
    assert _names("在东林日报刊登政策问答。") == ["东林日报"]
    assert _names("制作并发放宣传册500份。") == ["宣传册"]


def test_a_party_committees_site_and_a_conjunction_before_a_level_word() -> None:
    assert _names("通过市委党建网发布党务政务信息50条。") == ["市委党建网"]
    # 和 after a channel joins two channels; it names no county (和县 is one, printed at a clause start)
    assert _names("在县委党建网和县政府门户网站同步公开。") == ["县委党建网", "政府门户网站"]
    assert _names("在和县人民政府网站公开。") == ["和县人民政府网站"]


def test_verbs_numerals_and_site_words_bound_names_and_provinces_name_portals() -> None:
    assert _names("编发教育简报24期。") == []  # 编发 publishes; no outlet is named "编发教育"
    assert _names("我局政务信息网上公开工作扎实推进。") == []  # 网上 is online, not a site
    assert _names("策划微博专题6个。") == ["微博"]
    assert _names("要求各村每周更新一次村务公开栏。") == ["村务公开栏"]  # not "一次村务公开栏"
    assert _names("报告电子版可在东林市人力资源和社会保障局网政府信息公开专栏下载。") == [
        "东林市人力资源和社会保障局网", "政府信息公开专栏"]
    assert _names("通过街区宣传栏、贵州政务网等方式发布。") == ["街区宣传栏", "贵州政务网"]
    assert _names("在浙江政务服务网公开办事指南。") == ["浙江政务服务网"]


def test_a_departments_own_site_by_its_agency_word_hotlines_and_screens() -> None:
    assert _names("在厅门户网站发布信息。") == ["厅门户网站"]
    assert _names("在委官方网站公开。") == ["委官方网站"]
    assert _names("利用12345投诉热线回应诉求。") == ["12345投诉热线"]
    assert _names("通过大厅电子屏幕滚动播放。") == ["大厅电子屏幕"]  # the place a screen stands in qualifies it
    assert _names("通过东林广播电视台播出。") == ["东林广播电视台"]


def test_one_character_counties_are_jiebas_place_tags_without_its_tagger() -> None:
    import jieba.posseg  # the reference: what the tagger would say, loaded here only

    from extractor.narrative.names import _dictionary_counties

    tagged = {w for w, tag in jieba.posseg.dt.word_tag_tab.items() if len(w) == 2 and w[-1] in "县旗" and tag == "ns"}
    assert _dictionary_counties() == tagged and {"沛县", "和县"} <= tagged and "全县" not in tagged


def test_portal_nets_sub_sites_and_an_agencys_government_site() -> None:
    assert _names("依托县人民政府门户网、市财政局门户网和政府采购网等网站发布工作动态。") == [
        "县人民政府门户网", "市财政局门户网", "政府采购网"]
    assert _names("通过东林县政府门户网公开信息。") == ["东林县政府门户网"]
    assert _names("在东林县农业农村局子站发布信息。") == ["东林县农业农村局子站"]
    assert _names("通过东林市地震局政府网站主动公开各类信息。") == ["东林市地震局政府网站"]
    assert _names("依托专题网页及省政务服务网等渠道发布办事指南。") == ["省政务服务网"]
    assert _names("全省政务服务网运行平稳。") == ["政务服务网"]  # "全省" is no level word of the site's name


def test_hosted_accounts_boards_and_what_is_no_channel() -> None:
    assert _names("通过新浪政务微博发布信息。") == ["新浪政务微博"]  # the hosting platform names the account
    assert _names("开通新浪政务官方微博、微信公众号。") == ["新浪政务官方微博", "微信公众号"]
    assert _names("在办公楼大厅前设置信息告知栏、宣传橱窗。") == ["信息告知栏", "宣传橱窗"]
    assert _names("建立“交叉读网”工作机制，每季度开展检查。") == []  # a quoted mechanism, not a site
    assert _names("保障街道门户网站的运行维护。") == ["街道门户网站"]  # 保障 is the verb
    assert _names("拟定白沙街道政府门户网站管理办法。") == ["白沙街道政府门户网站"]  # 拟定 is the verb


def test_an_account_named_after_its_channel_word_by_the_reports_place() -> None:
    places = report_places("东林市生态环境局")
    assert _names("通过微信东林环境、微博东林环境发布环境信息。", places) == ["微信东林环境", "微博东林环境"]
    assert _names("通过微信发布环境信息。", places) == ["微信"]  # no name after the channel word


def test_unquoted_names_listed_with_channels() -> None:
    assert _names("在青山壹点、东林视频等新媒体平台发布报道189篇。") == ["青山壹点", "东林视频", "新媒体平台"]
    assert _names("通过东林县人民政府网站、每日东林、公示栏等方式公开信息。") == ["东林县人民政府网站", "每日东林", "公示栏"]
    assert _names("依托市委党建网、东林报、市政府门户网站等媒体加大宣传。") == ["市委党建网", "东林报", "市政府门户网站"]
    # a list of content, not of channels: nothing named
    assert _names("通过座谈、走访等方式听取意见。") == []
    assert _names("发布政策文件、工作动态等信息320条。") == []
    assert _names("优化智能检索、智能问答等网站功能。") == []  # functions of a site, not channels


def test_procurement_sites_and_both_owner_words_before_an_account() -> None:
    assert _names("通过云南省政府采购网发布项目招标公告。") == ["云南省政府采购网"]
    assert _names("开通官方政务微信、政务新媒体公众号。") == ["官方政务微信", "政务新媒体公众号"]


def test_a_zones_own_site_bracketed_accounts_and_the_governments_accounts() -> None:
    places = report_places("东林青山高新技术产业开发区", "东林青山高新技术产业开发区2021年度政府信息公开工作报告")
    assert "东林青山高新技术产业开发区" in places
    assert _names("其中东林青山高新技术产业开发区政务网2905条,微信(青山高新区)1540条。", places) == [
        "东林青山高新技术产业开发区政务网", "微信", "青山高新区"]
    assert _names("运用政府微博、微信扩大传播范围。") == ["政府微博", "微信"]


def test_government_accounts_on_content_platforms() -> None:
    assert _names("统筹“掌上青山”政务号、“微青山”微信公众号等平台协同发布。") == ["掌上青山政务号", "微青山微信公众号"]
    assert _names("开通抖音政务号发布短视频。") == ["抖音政务号"]


def test_a_quoted_motto_with_a_plain_comma_is_no_account() -> None:
    assert _names("坚持“先审查,后发布”的原则。") == []


def test_a_quoted_part_of_a_list_item_is_no_item() -> None:
    assert _names("增设转型发展、“十四五”规划、“放管服”改革等5个专栏。") == []
    assert _names("开设“东林发布”、“青山之窗”等栏目。") == ["东林发布", "青山之窗"]


def test_named_sites_opening_a_clause_press_after_a_semicolon_and_no_annual_report() -> None:
    assert _names("利用微信公众号发布工作动态64条,数字东林网站发布工作动态42条。") == ["微信公众号", "数字东林网站"]
    assert _names("各部门网站发布信息。") == ["部门网站"]  # the generic word, no named site
    assert _names("公开信息250余条;东林日报、青山晚报等报刊发布新闻报道20篇。") == ["东林日报", "青山晚报", "报刊"]
    assert _names("《年报》电子版通过东林市人民政府门户网站公开。") == ["东林市人民政府门户网站"]
    assert _names("设置宣传展板,发放工作手册。") == ["宣传展板"]


def test_bracketed_asides_hotlines_mailboxes_and_service_halls() -> None:
    # (printed_name drops brackets: "园区街道公示栏" is the mention "园区(街道)公示栏")
    assert _names("通过区管委会(区政府)门户网站、园区(街道)公示栏公开。") == ["区管委会区政府门户网站", "园区街道公示栏"]
    assert _names("指导县(市、区)政府门户网站做好公开。") == ["县市、区政府门户网站"]
    assert _names("(二)政府网站建设情况。") == ["政府网站"]  # a list number is no aside
    assert _names("通过12345市民服务热线、市长信箱回应诉求。") == ["12345市民服务热线", "市长信箱"]
    assert _names("12345热线受理诉求12345件。") == ["12345热线"]  # a count is no hotline
    assert _names("在市政务服务大厅设置查阅点。") == ["市政务服务大厅"]
    assert _names("东林市政府政务新媒体及时发布政务要闻。") == ["东林市政府政务新媒体"]
    assert _names("加强政务新媒体管理,组成新媒体矩阵。") == ["政务新媒体", "新媒体矩阵"]
    assert _names("灵活运用政务新媒体发布信息,深入开展防治政务新媒体问题。") == ["政务新媒体", "政务新媒体"]


def test_every_level_word_of_a_government_and_list_items_before_it() -> None:
    assert _names("一是旗政府网站方面,年内发布信息2968条。") == ["旗政府网站"]
    assert _names("三是年内旗人民政府公报发行3期。") == ["旗人民政府公报"]
    assert _names("政府集中采购均在中央政府采购网上实施。") == ["中央政府采购网"]
    assert _names("在自治区政府采购网公开采购信息。") == ["自治区政府采购网"]
    assert _names("通过青山苗族瑶族自治县人民政府门户网站公开。") == ["青山苗族瑶族自治县人民政府门户网站"]


def test_media_centres_listed_accounts_and_kinds_of_columns() -> None:
    assert _names("通过政府门户网站、东林县融媒体、东林发布、东林县融媒体中心等线上渠道发布。") == [
        "政府门户网站", "东林县融媒体", "东林发布", "东林县融媒体中心"]
    assert _names("借助微信公众号平台“青山开发区”,全年发布信息392条。") == ["微信公众号平台青山开发区"]
    assert _names("将网站链接到国家卫健委、东林市政府等网站。") == []
    assert _names("在原有栏目、对应栏目发布,充实栏目内容。") == []


def test_hotlines_with_counts_joined_accounts_and_levelled_boards() -> None:
    assert _names("通过12345市长热线188条答复诉求。") == ["12345市长热线"]
    assert _names("在乡政府党务政务公示栏公开,规整村级政务公示栏。") == ["乡政府党务政务公示栏", "村级政务公示栏"]
    assert _names("参加市电台访谈节目。") == ["电台"]  # 参加 is the verb, 市 stays with it
    assert _names("通过东林宣传和东林县市场监管局微信公众号发布。") == ["东林县市场监管局微信公众号"]


def test_every_item_of_a_list_of_channels() -> None:
    """A list is one of channels by its class after 等, by its way class with a channel among its items, or by
    being what something is published through (a verb of use before it, a publishing verb after it)."""
    assert _names("利用东林网、东林头条、每日东林等线上客户端发布信息300余篇。") == ["东林网", "东林头条", "每日东林"]
    assert _names("“东林发布”微博、微信、头条、澎湃等新媒体发布信息1620条。") == [
        "东林发布微博", "微信", "头条", "澎湃", "新媒体"]
    assert _names("通过政府网站、东林县政务服务中心税务分中心、微博、媒体等便于群众知晓的方式公开信息。") == [
        "政府网站", "东林县政务服务中心税务分中心", "微博", "媒体"]
    assert _names("通过短信、报刊、东林通等发布信息130条。") == ["短信", "报刊", "东林通"]
    # reading points named like places of publication (条例 art. 25), no channel word among them
    assert _names("通过县图书馆、县档案馆、县政务服务中心公开政策文件86件。") == ["县图书馆", "县档案馆", "县政务服务中心"]
    assert _names("及时通过县市场监管局网站、东林企业信用信息网以及微信公众号向社会公开。") == [
        "县市场监管局网站", "东林企业信用信息网", "微信公众号"]
    assert _names("通过公开栏、宣传横幅、电子滚动屏幕等多种渠道向群众公布。") == ["公开栏", "宣传横幅", "电子滚动屏幕"]


def test_a_listed_item_a_channel_word_covers_in_part_is_named_whole() -> None:
    assert _names("通过东林新闻网、东林政务网、红网等平台发布信息。") == ["东林新闻网", "东林政务网", "红网"]
    assert _names("在县电视台、电台播发信息 120 条。") == ["电视台", "电台"]  # a level alone stays out


def test_lists_that_are_not_of_channels() -> None:
    # content listed before 等信息/等内容, places, phrases, actions
    assert _names("在“乡村振兴”专栏中对补贴政策、补贴对象、补贴资金等内容进行公开。") == ["乡村振兴专栏"]
    assert _names("在各村、社区公告栏张贴通知 86 份。") == ["社区公告栏"]  # not 各村
    assert _names("通过办公场所的电子屏、公开栏等方式公开。") == ["电子屏", "公开栏"]
    assert _names("通过张贴公告、发放宣传单、召开院坝会等方式公开。") == []
    assert _names("通过市自然资源和规划局网站、微信公众号等平台发布。") == ["市自然资源和规划局网站", "微信公众号"]


def test_a_site_named_right_after_the_verb_that_uses_it() -> None:
    """Between a verb of use and a site word the words are the owner's name, however long or unusual."""
    assert _names("通过东林湖生态旅游风景区官方网站主动公开政府信息87条。") == ["东林湖生态旅游风景区官方网站"]
    assert _names("通过中国(东林)自由贸易试验区青山片区官网更新信息446条。") == ["中国东林自由贸易试验区青山片区官网"]
    assert _names("本年度报告电子版可以从东林港保税区官方网站下载。") == ["东林港保税区官方网站"]
    # a government's own site keeps the place name_extent gives it (a zone's tail is no place)
    assert _names("通过实验区政府门户网站发布信息。") == ["政府门户网站"]
    assert _names("其中通过政府信息公开门户网站发布信息97条。") == ["政府信息公开门户网站"]
    # a collective or a phrase is no owner's name
    assert _names("通过本单位门户网站公开。") == ["门户网站"]
    assert _names("在及时更新的门户网站上公开。") == ["门户网站"]


def _searched_names(sentence: str) -> list[str]:
    """What a user searches for (PlatformMention.name) of each mention."""
    return [platform_name(sentence[slice(*mention_extent(sentence, s, e))]) for s, e in gazetteer_spans(sentence)]


def test_accounts_named_after_their_channel_word_and_topic_pages() -> None:
    assert _searched_names("通过苏木微信公众平台“魅力东林”公开信息1375条。") == ["魅力东林"]
    assert _searched_names("官方微信公众号东林融媒发布信息2200条。") == ["东林融媒"]
    assert _searched_names("“东林规划蓝图”专题全面公开规划纲要。") == ["东林规划蓝图"]
    assert _names("开展“东林清风”专题学习活动。") == []  # a topic of study, not a page
    # a level count ("两级") and a body listed before a channel are not part of it
    assert _names("通过微信及办事处、居委会两级政务公开栏以纸质形式予以公开。") == ["微信", "政务公开栏"]
    assert _names("在东林区委、区政府门户网站公开信息250余条。") == ["区政府门户网站"]


def test_account_words_back_to_back_are_a_name_each(tmp_path: Path) -> None:
    from extractor.api import extract

    path = tmp_path / "report.txt"
    path.write_text("东林县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
                    "通过微信微博抖音等新媒体平台发布信息1881条。\n", encoding="utf-8")
    report = extract(path)
    assert [p.name for p in report.narrative.platforms][:3] == ["微信", "微博", "抖音"]
    path.write_text("东林县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
                    "在微信视频号、抖音号发布视频203条。\n", encoding="utf-8")
    assert [p.name for p in extract(path).narrative.platforms][:2] == ["微信视频号", "抖音号"]  # one product, not 微信+视频号


def test_reading_points_counted_after_their_list() -> None:
    sentence = "依托镇便民服务大厅、东林村文化室、青山书屋2个政府信息查阅点，方便群众查阅。"
    assert _names(sentence) == ["镇便民服务大厅", "东林村文化室", "青山书屋"]
    assert _names("整改问题、完善制度3个方面，取得成效。") == []  # counted items that are no places


def test_a_site_run_by_the_levels_party_committee_and_government() -> None:
    assert _names("通过县委县政府门户网站公开信息1024条。") == ["县委县政府门户网站"]
    assert _names("在东林区委、区政府门户网站公开信息250余条。") == ["区政府门户网站"]  # a list of bodies, as before


def test_a_platform_named_where_something_is_published_on_it() -> None:
    assert _names("在省公共资源交易服务平台公示中标结果86条。") == ["省公共资源交易服务平台"]
    assert _names("在全县各单位平台发布信息。") == []  # a collective names no platform


def test_question_platforms_named_by_their_place() -> None:
    assert _names("通过问政东林、问政青山等渠道收集群众意见。") == ["问政东林", "问政青山"]
    assert _names("坚持问政于民，开展网络问政活动。") == []


def test_a_quoted_name_before_its_governments_site() -> None:
    assert _searched_names("本报告在“东林·白沙”县政府网站公布。") == ["东林·白沙"]


def test_quoted_topics_are_no_channels() -> None:
    assert _names("以“稳就业”、“惠企发布”、“助农增收”等方面为重点进行公开。") == []
    assert _names("发布“减税降费”专题信息15条。") == []
    assert _names("开设“减税降费”专题，集中公开政策文件。") == ["减税降费专题"]


def test_gathering_verbs_are_no_part_of_a_name() -> None:
    assert _names("汇总归集信息公开专栏、政府公报等栏目文件3000余条。") == ["信息公开专栏", "政府公报"]
