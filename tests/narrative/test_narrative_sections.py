"""Section 五 items, hard-wrapped PDF text, named outlets and the guideline rules for categories."""

from __future__ import annotations

import pytest

from extractor.layout.sections import split_sections
from extractor.layout.text import FullText
from extractor.narrative import extract_narrative
from extractor.narrative.gazetteer import gazetteer_spans
from extractor.narrative.model_io import DEFAULT_MODEL_DIR, SpanPrediction, _rule_cats
from extractor.narrative.segment import unwrap, wrap_width

needs_model = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "meta.json").is_file(), reason="narrative model not trained")

WRAPPED = (
    "2023 年，本区政府信息公开工作取得一定的成效，但对照上\n"
    "级要求，仍存在一定差距。如依申请公开工作规范性还有待提高\n"
    "、政务公开队伍建设有待加强等。针对存在问题，下一步，将切\n"
    "实抓好以下工作：一是扎实推进依申请公开工作，全面优化工作\n"
    "- 4 -\n"
    "流程。二是继续加强业务指导培训。\n"
)


def test_unwrap_joins_layout_breaks_and_drops_footers() -> None:
    width = wrap_width(WRAPPED)
    assert width is not None
    joined, origin = unwrap(WRAPPED, width)
    assert "\n" not in joined.strip() and "- 4 -" not in joined
    assert "但对照上级要求" in joined and "全面优化工作流程" in joined
    assert len(origin) == len(joined) + 1
    assert all(WRAPPED[origin[i]] == joined[i] for i in range(len(joined)))


def test_paragraph_text_is_left_alone() -> None:
    text = "（一）存在的主要问题\n\n2024年我镇政务公开工作取得了一定进展。\n\n（二）对2023年存在的问题如何整改的\n\n1. 优化专栏内容。\n"
    assert wrap_width(text) is None
    assert unwrap(text, None) == (text, tuple(range(len(text) + 1)))


def test_named_outlets_keep_their_name() -> None:
    found = lambda text: [text[s:e] for s, e in gazetteer_spans(text)]  # noqa: E731
    assert found("在青川电视台播出政务新闻") == ["青川电视台"]
    assert found("通过东林日报、东林电视台等媒体发布") == ["东林日报", "东林电视台"]
    assert found("在县电视台播出") == ["电视台"]  # a bare place word is not a name
    assert found("通过实验区政府门户网站发布") == ["政府门户网站"]
    assert found("利用互联网发布") == []


def test_place_prefix_and_quotes_follow_the_guidelines() -> None:
    """区/市 is kept when jieba starts a word there ("加强|区政府…"), dropped inside "全区"/"我市";
    a channel word closing a quoted name takes the whole name with its quotes; 公开栏目 is no board."""
    found = lambda text: [text[s:e] for s, e in gazetteer_spans(text)]  # noqa: E731
    assert found("加强区政府门户网站日常管理") == ["区政府门户网站"]
    assert found("二是市政府门户网站的检索功能仍需优化") == ["市政府门户网站"]
    assert found("加强全区政府网站与政务新媒体监测") == ["政府网站", "政务新媒体"]
    assert found("我市政府门户网站全年运行平稳") == ["政府门户网站"]
    assert found("依托“东湖12345便民服务平台”受理诉求") == ["“东湖12345便民服务平台”"]
    assert found("利用“掌上青川”、微信公众号发布") == ["“掌上青川”", "微信公众号"]  # a quoted item of a channel list
    assert found("做强“东湖警方”、“东湖交警”等品牌栏目") == ["“东湖警方”", "“东湖交警”"]  # the list's class word
    assert found("推广“一网通办”、“最多跑一次”等改革") == []  # a list of reforms names no channel
    assert found("“幸福东湖”有粉丝12万，全年发布微博860条") == ["“幸福东湖”", "微博"]  # followers: an account
    assert found("定期检查政府信息公开栏目") == []
    assert found("可在“政府信息公开专栏”下载") == ["政府信息公开专栏"]  # a generic word in quotes stays the word
    assert found("加强政务微博微信等平台建设") == ["政务微博微信"]  # account words back to back: one mention
    assert found("在省政府网站转载") == ["省政府网站"]
    assert found("利用微信公众号平台及时发布") == ["微信公众号平台"]  # the channel's platform is one mention
    assert found("充分利用广播、电子屏等渠道") == ["广播", "电子屏"]
    assert found("东湖区文化广播电视体育和旅游局") == []  # 广播 of an agency name is no channel
    assert found("规范县人民政府网站建设") == ["县人民政府网站"]
    assert found("“健康东湖”官方微博更新5092条") == ["“健康东湖”官方微博"]
    assert found("在微信公众号（美丽青山）上公开信息120余条") == ["微信公众号", "（美丽青山）"]
    assert found("在《东林县人民政府公众信息网》等网站公开信息") == ["《东林县人民政府公众信息网》"]
    assert found("坚持“谁制作、谁审核、谁发布”的原则") == []
    assert found("通过APP store下载") == []


def test_guideline_rules_raise_categories() -> None:
    text = "全年在局网站公开行政处罚信息512条。"
    start = text.index("512")
    cats = _rule_cats(text, (SpanPrediction(start, start + 4, "COUNT"),), {"PUBLISHED": 0.1})
    assert cats["PUBLISHED"] >= 0.5
    assert _rule_cats("全年收取信息处理费 860 元。", (), {})["FEE"] >= 0.5
    assert _rule_cats("全年组织业务培训4次。", (SpanPrediction(8, 10, "COUNT"),), {}).get("PUBLISHED", 0.0) < 0.5
    assert _rule_cats("要求各单位依法落实信息处理费有关规定。", (), {}).get("FEE", 0.0) < 0.5


SECTION_FIVE = (
    "一、总体情况\n2024年，本局通过门户网站主动公开政府信息1200条。\n"
    "五、存在的主要问题及改进情况\n（一）存在的主要问题\n2024年，我局政务公开工作取得一定成效，但仍存在一些不足。"
    "一是政策解读的针对性不强；二是政务公开队伍建设有待加强。\n（二）改进措施\n针对上述问题，我局将采取以下措施：一是丰富政策解读形式。"
    "推出图解、短视频等解读产品。二是加强政务公开队伍建设，定期组织业务培训。\n六、其他需要报告的事项\n全年收取信息处理费 860 元。\n"
)


@needs_model
def test_section_five_items_without_headings_or_leads() -> None:
    full = FullText(text=SECTION_FIVE, line_starts=(0,), line_pages=(None,))
    narrative = extract_narrative(full, split_sections(SECTION_FIVE), 2024).narrative
    assert [i.text for i in narrative.problems] == ["一是政策解读的针对性不强；", "二是政务公开队伍建设有待加强。"]
    assert [i.text for i in narrative.fixes] == ["一是丰富政策解读形式。推出图解、短视频等解读产品。",
                                                 "二是加强政务公开队伍建设，定期组织业务培训。"]
    assert narrative.fees.charged is True and narrative.fees.amount_yuan == 860


@needs_model
def test_sentence_cut_by_a_kept_line_break_keeps_its_channels() -> None:
    """A short report's wrap width is not found, so a line break stays; the cut-off line with a comma is
    still prose, not a heading, and its channels are found."""
    text = ("一、总体情况\n（四）平台建设。以政务公开专栏为第一平台，同步运用“东湖通”APP、抖音等渠道发布信息，形成\n"
            "多渠道联动的公开格局。\n二、主动公开政府信息情况\n")
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    platforms = extract_narrative(full, split_sections(text), 2023).narrative.platforms
    assert {"政务公开专栏", "东湖通", "抖音"} <= {p.name for p in platforms}  # a quoted name alone
    assert "“东湖通”APP" in {p.text for p in platforms}  # the mention as printed, channel word included


@needs_model
def test_published_counts_follow_their_list_and_a_cut_clause() -> None:
    """A list item takes its list's verb, a "其中" sentence continues the count before it, a clause cut by a
    kept line break keeps its verb; abolished and standing documents and request outcomes are not published."""
    text = ("一、总体情况\n（一）主动公开方面。本年度累计公开政务信息260余条，主要发布于政府信息公开专栏，编印政府\n"
            "公报8期，更新政策解读26篇。全年发布工作要闻384条，行业动态1462条。全年主动公开政府信息301条。"
            "其中工作动态48条，领导信息4条。制发行政规范性文件2件，废止行政规范性文件10件，现行有效件数14件。\n"
            "（二）依申请公开情况。其中予以公开5件，部分公开1件。共跟进重点项目165个，重点会议500余场。\n")
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    got = [(p.value, p.unit) for p in extract_narrative(full, split_sections(text), 2022).narrative.published]
    assert got == [(260, "条"), (8, "期"), (26, "篇"), (384, "条"), (1462, "条"), (301, "条"), (48, "条"), (4, "条"),
                   (2, "件")]


@needs_model
def test_published_lists_go_on_past_an_item_kept_out() -> None:
    """A "；" run continues its list; an item about 建议/提案 information is published; a number in quotes names a policy."""
    text = ("一、总体情况\n全年主动公开信息80条。其中，信息公开年报1条，占比1.1%；部门工作动态信息54条，占比67.5%；"
            "领导信息11条。全年发布文件15条，人大代表建议及政协提案办理信息5条，财政预决算信息2条。"
            "围绕“民营经济32条”深化政策解读，全年发布政策解读37条。全年主动公开政府信息8659条，其中：概况类信息7条，"
            "政务动态信息5061条。\n")
    full = FullText(text=text, line_starts=(0,), line_pages=(None,))
    got = [(p.value, p.unit) for p in extract_narrative(full, split_sections(text), 2024).narrative.published]
    assert got == [(80, "条"), (1, "条"), (54, "条"), (11, "条"), (15, "条"), (5, "条"), (2, "条"), (37, "条"),
                   (8659, "条"), (7, "条"), (5061, "条")]
