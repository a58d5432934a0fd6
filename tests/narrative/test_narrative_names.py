"""How far a channel's name extends: places from the report's agency and title, and the general place shape."""

from __future__ import annotations

from extractor.narrative.gazetteer import channel_word, gazetteer_spans
from extractor.narrative.names import account_before, name_extent, report_places


def _name(sentence: str, places: frozenset[str] = frozenset()) -> list[str]:
    return [sentence[slice(*name_extent(sentence, s, e, places))] for s, e in gazetteer_spans(sentence)]


def test_report_places_come_from_agency_and_title() -> None:
    places = report_places("东林市青山区人民政府", "2024年东林市青山区人民政府政府信息公开工作年度报告")
    assert {"东林市", "青山区", "东林市青山区", "东林", "青山"} <= places
    assert not any(p.endswith("政府") for p in places)
    assert report_places("东湖综合实验区管委会") >= {"东湖综合实验区"}
    assert "实验区" not in report_places("东湖综合实验区管委会")  # the tail of a zone is no place
    assert report_places("东林市公安局青山区分局") == frozenset({"东林市", "东林"})  # agency words end the places
    assert report_places(None, "") == frozenset()


def test_portal_names_take_the_place_the_report_prints() -> None:
    places = report_places("青山区白沙街道办事处")
    assert _name("通过东林市青山区人民政府网站主动公开信息6条。", places) == ["东林市青山区人民政府网站"]
    assert _name("主要通过青山区政府门户网站和微信公众号发布信息。", places) == ["青山区政府门户网站", "微信公众号"]
    assert _name("编辑发布青山区政府公报6期。", places) == ["青山区政府公报"]
    assert _name("充分利用青山政府信息公开平台发布。", places) == ["青山政府信息公开平台"]


def test_places_of_the_general_shape_without_the_agency() -> None:
    assert _name("向临江市政府网站报送信息391条。") == ["临江市政府网站"]
    assert _name("依托合溪县人民政府网站公开信息。") == ["合溪县人民政府网站"]


def test_generic_mentions_stay_generic() -> None:
    places = report_places("东湖综合实验区管委会")
    assert _name("通过实验区政府门户网站主动公开政府信息。", places) == ["政府门户网站"]
    assert _name("加强全区政府网站与政务新媒体监测。") == ["政府网站", "政务新媒体"]
    assert _name("在区政府门户网站公开信息197条。") == ["区政府门户网站"]
    assert _name("主要通过政府门户网站公开。") == ["政府门户网站"]
    assert _name("全年省政府公报出刊24期。") == ["省政府公报"]
    assert _name("东湖平台建设政府门户网站运行平稳。") == ["政府门户网站"]  # no place word before 政府


def test_channel_word_of_a_mention() -> None:
    assert channel_word("“东湖发布”公众号") == "公众号"
    assert channel_word("青山区政府门户网站") == "政府门户网站"
    assert channel_word("《东林市人民政府公报》") is None  # the title is the name
    assert channel_word("“掌上青川”") is None


def test_unquoted_account_names_before_a_channel_word() -> None:
    sentence = "通过青山发布微信公众号推送信息240条。"
    start = sentence.index("微信公众号")
    begin = account_before(sentence, start, start + 5)
    assert begin is not None and sentence[begin:start] == "青山发布"
    other = "在区政府门户网站发布微信公众号文章。"  # "…网站发布" is a verb, not an account name
    assert account_before(other, other.index("微信公众号"), other.index("微信公众号") + 5) is None


def test_unquoted_app_names_before_app() -> None:
    def app(sentence: str) -> str | None:
        start = sentence.index("APP")
        begin = account_before(sentence, start, start + 3)
        return None if begin is None else sentence[begin:start]

    assert app("同步发布至i青山APP和微信公众号。") == "i青山"
    assert app("依托掌上青山APP推送信息。") == "掌上青山"
    assert app("通过手机APP发布信息。") is None
    assert app("下载政务APP办理业务。") is None


def test_unquoted_account_after_an_opener() -> None:
    def account(sentence: str, channel: str) -> str | None:
        start = sentence.index(channel)
        begin = account_before(sentence, start, start + len(channel))
        return None if begin is None else sentence[begin:start]

    assert account("通过健康东湖公众号发布推送资讯206篇。", "公众号") == "健康东湖"
    assert account("围绕政府门户网站和乐游青山微信公众号同步发声。", "微信公众号") == "乐游青山"
    assert account("运用街道公众号发布信息。", "公众号") is None  # whose channel, not its name
    assert account("充分发挥微信公众号、美篇的优势。", "微信公众号") is None
    assert account("发布2436条微博。", "微博") is None


def test_place_of_a_local_outlet() -> None:
    places = report_places("东林市卫生健康委员会")
    assert _name("完成东林电台4期节目制作。", places) == ["东林电台"]
