"""The report-order model: parts from transitions counted on annotated reports, decoded by Viterbi."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.layout.sections import split_sections
from extractor.layout.text import FullText
from extractor.narrative import extract_narrative
from extractor.narrative.model_io import DEFAULT_MODEL_DIR
from extractor.narrative.sequence import PART_CATS, SequenceModel, gold_parts, part_scores

# Three small annotated reports: overview, problems, fixes, then a closing remark.
REPORTS = [
    [(False, False), (False, False), (True, False), (True, False), (False, True), (False, True), (False, False)],
    [(False, False), (True, False), (False, True), (False, True), (False, True)],
    [(False, False), (False, False), (False, False), (True, False), (True, False), (False, True)],
]


def test_gold_parts_follow_the_report() -> None:
    assert gold_parts(REPORTS[0]) == [0, 0, 1, 1, 2, 2, 3]
    assert gold_parts([(True, False), (True, True), (False, True), (True, True)]) == [1, 1, 2, 2]


def _categories(pairs: list[tuple[float, float]]) -> list[tuple[float, ...]]:
    return [part_scores({"PROBLEM": problem, "FIX": fix}) for problem, fix in pairs]


def test_neighbours_decide_an_unsure_sentence() -> None:
    model = SequenceModel.fit(REPORTS)
    # The fourth sentence alone leans to "neither" (FIX 0.3); between two fixes it is a fix.
    scores = _categories([(0.0, 0.1), (0.9, 0.0), (0.1, 0.8), (0.1, 0.3), (0.0, 0.9)])
    assert model.decode(scores) == ["before", "problem", "fix", "fix", "fix"]
    # The same fix-like sentence before any problem is routine overview work.
    assert model.decode(_categories([(0.0, 0.1), (0.1, 0.6), (0.0, 0.1), (0.9, 0.0), (0.1, 0.9)])) == [
        "before", "before", "before", "problem", "fix"]


def test_part_labels_are_preferred_to_categories() -> None:
    cats = {"PROBLEM": 0.9, "FIX": 0.0, **dict(zip(PART_CATS, (0.1, 0.2, 0.7, 0.0), strict=True))}
    assert part_scores(cats) == (0.1, 0.2, 0.7, 0.0)
    assert part_scores({"PROBLEM": 0.9, "FIX": 0.2}) == pytest.approx((0.1, 0.9, 0.2, 0.1))


def test_round_trip_and_determinism(tmp_path: Path) -> None:
    model = SequenceModel.fit(REPORTS).with_emissions(1.5, 0.05)
    model.save(tmp_path / "sequence.json")
    again = SequenceModel.load(tmp_path / "sequence.json")
    assert again == model
    assert again.decode(_categories([(0.2, 0.2)] * 4)) == model.decode(_categories([(0.2, 0.2)] * 4))
    assert model.decode([]) == []


NO_HEADINGS = (
    "2024年，本局认真落实政务公开各项要求，通过局门户网站主动公开政府信息860条。\n"
    "全年收到政府信息公开申请12件，均按期答复。\n"
    "本局政务公开工作虽然取得一定成效，但仍存在一些不足。\n"
    "一是政策解读的形式比较单一；二是部分科室公开意识不强。\n"
    "下一步，本局将丰富政策解读形式，推出图解和短视频解读。\n"
    "加强业务培训，增强各科室的公开意识。\n"
)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "sequence.json").is_file(), reason="narrative model not trained")
def test_problems_and_fixes_without_section_headings() -> None:
    """A report with no 五、 heading still yields its problems and fixes, in order."""
    full = FullText(text=NO_HEADINGS, line_starts=(0,), line_pages=(None,))
    narrative = extract_narrative(full, split_sections(NO_HEADINGS), 2024).narrative
    assert [i.text for i in narrative.problems][-2:] == ["一是政策解读的形式比较单一；", "二是部分科室公开意识不强。"]
    assert narrative.fixes and narrative.fixes[-1].text == "加强业务培训，增强各科室的公开意识。"
    assert all("860" not in i.text for i in narrative.problems + narrative.fixes)


OLD_TEMPLATE = """青岭县人民政府2012年政府信息公开工作年度报告
一、概述
2012年，县政府成立了政府信息公开工作领导小组，各乡镇和部门明确了一名分管领导。
县政府办公室编制了政府信息公开指南和公开目录，并在县档案馆设立了政府信息查阅点。
加强对各部门公开工作的督促检查，每季度通报一次。
二、主动公开政府信息情况
全年通过县政府门户网站主动公开政府信息2318条，其中规范性文件46件。
三、依申请公开政府信息情况
全年共受理政府信息公开申请18件，均已按期答复。
四、政府信息公开的收费及减免情况
依申请提供政府信息暂不收费。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年未发生因政府信息公开引起的行政复议和行政诉讼。
六、存在的主要问题和改进措施
我县政府信息公开工作虽然取得了一定成绩，但也存在一些问题，主要是部分单位公开意识不强，信息更新不够及时。
2013年，我县将着力做好以下工作。
进一步加大主动公开力度，及时更新公开内容。
做好依申请公开工作，规范办理流程。
继续加强对全县政府信息公开工作的督导检查。
七、其他需要报告的事项
无。
"""


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "sequence.json").is_file(), reason="narrative model not trained")
def test_pre_2019_report_whose_problems_are_section_six(tmp_path: Path) -> None:
    """The 2008 regulation's reports put problems under 六: the report's order still finds them, and
    the overview's routine "加强…督促检查" stays out of the fixes."""
    from extractor.api import extract

    path = tmp_path / "old.txt"
    path.write_text(OLD_TEMPLATE, encoding="utf-8")
    narrative = extract(path).narrative
    assert [i.text for i in narrative.problems] == [
        "我县政府信息公开工作虽然取得了一定成绩，但也存在一些问题，主要是部分单位公开意识不强，信息更新不够及时。"]
    assert [i.text for i in narrative.fixes] == ["进一步加大主动公开力度，及时更新公开内容。", "做好依申请公开工作，规范办理流程。",
                                                 "继续加强对全县政府信息公开工作的督导检查。"]
    assert narrative.fees.charged is False
    assert [(p.value, p.channel) for p in narrative.published] == [(2318, "县政府门户网站"), (46, "县政府门户网站")]
