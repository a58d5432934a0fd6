"""The assessor's verdicts on a generated region match what the generator put in (its gold)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from extractor.assess import AssessConfig, Assessment, ReportItem, assess_items
from extractor.assess.similarity import key_of
from extractor.review.messages import CHECK_NAMES, PARTS

Gold = Callable[[str], dict[str, Any]]
TIMELINESS = {"on_time": "pass", "late": "fail", "unknown": "unknown"}


def test_every_report_gets_one_verdict_in_agency_year_order(region_assessment: Assessment,
                                                            region_items: list[ReportItem]) -> None:
    assert len(region_assessment.verdicts) == len(region_items) == 18
    keys = [(v.agency_key, v.year) for v in region_assessment.verdicts]
    assert keys == sorted(keys)
    assert {v.agency_key for v in region_assessment.verdicts}.__len__() == 6


def test_timeliness_follows_the_printed_date_and_the_deadline_of_the_agency_kind(region_assessment: Assessment, gold_of: Gold) -> None:
    seen = set()
    for v in region_assessment.verdicts:
        gold = gold_of(v.file)["assessment"]
        t = v.dimensions["timeliness"]
        assert v.agency_kind == gold["agency_kind"], v.file
        assert t.status == TIMELINESS[gold["timeliness"]], (v.file, t.summary)
        assert (v.published.isoformat() if v.published else None) == gold["published_date"], v.file
        if gold["timeliness"] != "unknown":
            assert t.details["deadline"] == gold["deadline"]
            (finding,) = t.findings
            assert finding.evidence[0].kind == "date" and finding.evidence[0].value == gold["published_date"]
            assert t.summary.startswith(f"{gold['published_date']} 发布（")
            assert f"发布日期为 {gold['published_date']}，" in finding.message and f"公布期限 {gold['deadline']}" in finding.message
        else:
            assert t.summary == f"未注明发布日期（公布期限 {gold['deadline']}，{t.details['rule_source']}）"
        seen.add(gold["timeliness"])
    assert seen == {"on_time", "late", "unknown"}


def test_late_report_is_scored_down_by_days_late(region_assessment: Assessment, config: AssessConfig) -> None:
    late = [v for v in region_assessment.verdicts if v.dimensions["timeliness"].status == "fail"]
    assert len(late) == 1
    t = late[0].dimensions["timeliness"]
    days = (dt.date.fromisoformat(t.details["published"]) - dt.date.fromisoformat(t.details["deadline"])).days
    assert t.details["days_late"] == days > 0
    assert f"比公布期限 {t.details['deadline']} 晚 {days} 天" in t.summary and t.summary.startswith(t.details["published"])
    (finding,) = t.findings
    assert f"发布日期为 {t.details['published']}，比公布期限 {t.details['deadline']} 晚 {days} 天" in finding.message
    assert t.score == round(max(0.0, 1 - days / config.timeliness.late_days_to_zero), 4)
    assert "第四十九条" in t.details["rule_source"]


def test_missing_section_is_a_completeness_failure(region_assessment: Assessment, gold_of: Gold) -> None:
    dropped = 0
    for v in region_assessment.verdicts:
        want = gold_of(v.file)["assessment"]["missing_sections"]
        c = v.dimensions["completeness"]
        assert c.details["missing_sections"] == want, v.file
        if want:
            dropped += 1
            assert c.status == "fail"
            (missing,) = [f for f in c.findings if f.code == "section_missing"]
            assert missing.evidence[0].path == f"sections.{want[0]}"
            assert missing.message == f"缺少{PARTS[want[0]]}" and missing.message in c.summary
    assert dropped == 1


def test_copies_are_found_with_their_shared_passages(region_assessment: Assessment, gold_of: Gold,
                                                      region_items: list[ReportItem]) -> None:
    sections = {i.file: i.report.sections for i in region_items}
    failing = set()
    for v in region_assessment.verdicts:
        gold = gold_of(v.file)["assessment"]
        copy = v.dimensions["copy"]
        codes = {f.code: f for f in copy.findings if f.severity == "fail"}
        if gold.get("copied_from_previous_year"):
            finding = codes["copied_previous_year"]
            assert finding.evidence and all(e.other_file == v.previous_file for e in finding.evidence)
            share = copy.details["previous_year"]
            assert finding.message == f"正文的 {share:.0%}（数字、机关名称不计）与本机关 {(v.year or 0) - 1} 年度报告相同"
        elif gold.get("shares_template_with"):
            finding = codes["shared_with_other_agency"]
            (other,) = [f for f, share in copy.details["others"].items() if share >= 0.78]
            assert finding.message.endswith(f"与{gold['shares_template_with']} {v.year} 年度报告（{other}）相同")
            assert finding.message.startswith(f"正文的 {copy.details['others'][other]:.0%}")
        else:
            assert copy.status != "fail", (v.file, copy.summary)
            continue
        failing.add(v.file)
        for e in finding.evidence:  # every passage is verbatim at its offsets, in both reports
            assert e.span and e.other_span and e.path and e.other_path and e.other_file
            assert sections[v.file][e.path.split(".")[1]][e.span[0]:e.span[1]] == e.text
            assert sections[e.other_file][e.other_path.split(".")[1]][e.other_span[0]:e.other_span[1]]
        assert sum(e.value for e in finding.evidence if isinstance(e.value, int)) >= 150
    assert len(failing) == 3


def test_large_changes_are_checked_for_an_explanation(region_assessment: Assessment, gold_of: Gold) -> None:
    forced = 0
    for v in region_assessment.verdicts:
        gold = gold_of(v.file)["assessment"]
        change = v.dimensions["change"]
        if not gold["has_previous_year"]:
            assert change.status == "unknown" and change.summary == "本批次中没有该机关上一年度的报告"
            continue
        want = gold["change"].get("requests_received")
        if want is None:
            continue
        forced += 1
        (c,) = [c for c in region_assessment.changes if c.file == v.file and c.indicator == "requests_received"]
        assert c.large and c.explained == (want == "explained"), (v.file, c)
        said = f"新收申请由 {c.previous_year} 年度的 {c.previous:g} 增至 {c.current:g}（{c.relative:+.0%}）"
        if want == "explained":
            assert c.sentence is not None and "申请" in (c.sentence.text or "")
            assert any(f.code == "change_explained" and f.message == f"{said}，报告作了说明" for f in change.findings)
        else:
            assert change.status == "warn"
            assert any(f.code == "change_unexplained" and f.message == f"{said}，报告中没有说明这一变化的句子"
                       for f in change.findings)
    assert forced == 2


def test_accuracy_names_the_broken_relation_and_cross_year_relations_hold(region_assessment: Assessment, gold_of: Gold,
                                                                          region_items: list[ReportItem]) -> None:
    by_file = {i.file: i for i in region_items}
    broken = 0
    for v in region_assessment.verdicts:
        gold = gold_of(v.file)["assessment"]
        accuracy = v.dimensions["accuracy"]
        if gold["has_previous_year"]:
            assert accuracy.details["checks"]["R6"] == "pass" and accuracy.details["checks"]["R7"] == "pass", v.file
        else:
            assert "R6" not in accuracy.details["checks"]
            assert accuracy.summary.endswith("（无上一年度报告，R6/R7 未核对）")
        if gold.get("failing_relations"):
            broken += 1
            assert accuracy.status == "fail"
            (finding,) = [f for f in accuracy.findings if f.severity == "fail"]
            relation = gold["failing_relations"][0]
            assert finding.message.startswith(f"{relation} 不成立（{CHECK_NAMES[relation]}）：")
            check = next(c for c in by_file[v.file].report.checks if c.id == relation)
            sums = re.findall(r"(-?[\d.]+) ≠ (-?[\d.]+)", check.message)  # both sides of each failing instance
            assert sums and re.findall(r"= (-?[\d.]+)，[^；]*= (-?[\d.]+)", finding.message) == sums
            assert accuracy.summary == f"{'、'.join(gold['failing_relations'])} 不成立"
            assert any(e.kind == "cell" and e.path and e.path.startswith("tables.requests") for e in finding.evidence)
        else:
            assert accuracy.status == "pass", (v.file, accuracy.summary)
            held = sum(status == "pass" for status in accuracy.details["checks"].values())
            assert accuracy.summary.startswith(f"{held} 项勾稽关系均成立")
    assert broken == 1


def test_same_input_gives_the_same_assessment(region_items: list[ReportItem], config: AssessConfig,
                                              region_assessment: Assessment) -> None:
    again = assess_items(list(reversed(region_items)), config)
    assert again.model_dump_json() == region_assessment.model_dump_json()


def test_previous_year_is_the_same_agency_one_year_earlier(region_assessment: Assessment,
                                                           region_items: list[ReportItem]) -> None:
    by_file = {i.file: i for i in region_items}
    for v in region_assessment.verdicts:
        if v.previous_file is not None:
            prev = by_file[v.previous_file]
            assert (prev.agency_key, prev.year) == (v.agency_key, (v.year or 0) - 1)
    assert sum(v.previous_file is not None for v in region_assessment.verdicts) == 12
    assert all(key_of(i) for i in region_items)
