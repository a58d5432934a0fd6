"""Bad and awkward input: no year, one body under several spellings, a database with one year,
and the command lines of `xxgk assess` / `xxgk compare`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.assess import AssessConfig, ReportItem, assess_items, load_config, load_paths
from extractor.assess.config import ConfigError
from extractor.cli_app import app

runner = CliRunner()


def _item(items: list[ReportItem], name: str) -> ReportItem:
    return next(i for i in items if i.name.startswith(name))


def test_a_report_without_a_year_is_judged_where_it_can_be(region: tuple[Path, str], tmp_path: Path,
                                                           config: AssessConfig) -> None:
    source = region[0] / "region_1_00_2022.txt"  # the government's first report, a text file
    lines = source.read_text("utf-8").split("\n")
    assert lines[0].endswith("2022年政府信息公开工作年度报告") or lines[0].endswith("2022年度政府信息公开工作年度报告")
    # the title and the overview's opening ("2022年，林嘉县…") are where a report states its year
    lines = [line.replace("2022年度", "").replace("2022年，", "").replace("2022年", "") for line in lines]
    (tmp_path / "no_year.txt").write_text("\n".join(lines), "utf-8")
    items, errors = load_paths([tmp_path / "no_year.txt"])
    assert errors == [] and items[0].year is None
    (verdict,) = assess_items(items, config).verdicts
    assert verdict.year is None and verdict.previous_file is None
    assert verdict.dimensions["timeliness"].status == "unknown"
    assert verdict.dimensions["timeliness"].summary == "报告年度不明，无法确定公布期限"
    (year_missing,) = [f for f in verdict.dimensions["completeness"].findings if f.code == "year_missing"]
    assert year_missing.severity == "fail" and year_missing.message == "标题中未找到报告年度"
    assert verdict.dimensions["accuracy"].status == "pass" and verdict.score is not None


def test_one_agency_under_three_spellings_is_one_agency(region_items: list[ReportItem], tmp_path: Path,
                                                        config: AssessConfig) -> None:
    spellings = {"region_1_00_2022": "林嘉县　人民政府", "region_1_00_2023": "林嘉县 政府", "region_1_00_2024": "林嘉县人民政府"}
    files = []
    for name, agency in spellings.items():
        report = _item(region_items, name).report
        changed = report.model_copy(update={"report": report.report.model_copy(update={"agency": agency})})
        path = tmp_path / f"{name}.json"
        path.write_text(changed.to_json(), "utf-8")
        files.append(path)
    items, errors = load_paths(files)
    assert errors == [] and len({i.agency_key for i in items}) == 1
    verdicts = {Path(v.file).stem: v for v in assess_items(items, config).verdicts}
    assert verdicts["region_1_00_2023"].previous_file == str(tmp_path / "region_1_00_2022.json")
    assert verdicts["region_1_00_2024"].dimensions["accuracy"].details["checks"]["R6"] == "pass"
    assert {v.agency_kind for v in verdicts.values()} == {"government"}


def test_a_database_with_one_year_says_there_is_no_previous_year(region: tuple[Path, str], tmp_path: Path) -> None:
    from extractor.batch import run_batch

    url = f"sqlite:///{tmp_path / 'one.db'}"
    run_batch([region[0] / "region_1_03_2023.html"], url, workers=1, progress=False)
    result = runner.invoke(app, ["assess", "--db", url, "--json", str(tmp_path / "a.json")])
    assert result.exit_code == 0, result.output
    (verdict,) = json.loads((tmp_path / "a.json").read_text("utf-8"))["verdicts"]
    assert verdict["dimensions"]["change"]["summary"] == "本批次中没有该机关上一年度的报告"
    assert "R6" not in verdict["dimensions"]["accuracy"]["details"]["checks"]
    compared = runner.invoke(app, ["compare", "--db", url, "--agency", verdict["agency"]])
    assert compared.exit_code == 0
    assert compared.output.strip() == f"{verdict['agency']}：仅有 2023 年度报告，没有可对照的上一年度"


def test_assess_command_on_a_database(region: tuple[Path, str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--db", region[1], "--details", "--json", str(tmp_path / "v.json")])
    assert result.exit_code == 0, result.output
    assert "共 18 份报告：" in result.output and "第四十九条" in result.output
    data = json.loads((tmp_path / "v.json").read_text("utf-8"))
    assert len(data["verdicts"]) == 18 and data["config_digest"] == load_config().digest


def test_config_overrides_change_the_verdict(region: tuple[Path, str], region_items: list[ReportItem],
                                             tmp_path: Path) -> None:
    late = _item(region_items, "region_1_01_2024")
    agency = late.report.report.agency
    override = tmp_path / "rules.toml"
    override.write_text(f'[agency_kind.overrides]\n"{agency}" = "government"\n', "utf-8")
    rules = load_config(override)
    assert rules.weights == load_config().weights  # untouched tables keep the defaults
    (verdict,) = assess_items([late], rules).verdicts
    assert verdict.agency_kind == "government" and verdict.dimensions["timeliness"].status == "pass"
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\ntimeliness = 'high'\n", "utf-8")
    result = runner.invoke(app, ["assess", "--db", region[1], "--config", str(bad)])
    assert result.exit_code == 2 and "bad.toml" in result.output
    try:
        load_config(bad)
    except ConfigError as exc:
        assert "bad.toml" in str(exc)
    else:  # pragma: no cover - the assertion above must have raised
        raise AssertionError("a bad config was accepted")


def test_compare_two_files_prints_indicators_checks_and_diff(region: tuple[Path, str], tmp_path: Path) -> None:
    docs = region[0]
    result = runner.invoke(app, ["compare", str(docs / "region_1_02_2024.html"), str(docs / "region_1_02_2023.txt"),
                                 "--json", str(tmp_path / "c.json")])
    assert result.exit_code == 0, result.output
    (cmp,) = json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert (cmp["earlier_year"], cmp["later_year"]) == (2023, 2024)  # ordered by year
    assert {c["id"]: c["status"] for c in cmp["cross_year"]} == {"R6": "pass", "R7": "pass"}
    assert "新收申请" in result.output and "“一、总体情况”部分：措辞相同" in result.output
    kept = next(s["kept"] for s in cmp["sections"] if s["section"] == "overview")
    assert f"保留 {kept} 句" in result.output
    checks = [line.split() for line in result.output.splitlines() if line.split()[:1] == ["通过"]]
    assert checks == [["通过", "R6", "本年“上年结转”＝上一年度“结转下年度继续办理”"], ["通过", "R7", "现行有效件数与上一年度衔接"]]
    # the 2024 report is last year's wording: the overview keeps nearly every sentence
    overview = next(s for s in cmp["sections"] if s["section"] == "overview")
    assert overview["similarity"] > 0.8


def test_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["assess"]).exit_code == 2
    assert runner.invoke(app, ["compare", str(tmp_path / "a.txt")]).exit_code == 2
    missing = runner.invoke(app, ["assess", str(tmp_path / "nothing_here")])
    assert missing.exit_code == 1 and f"未能评估 {tmp_path / 'nothing_here'}：没有这个文件或文件夹" in missing.output


def test_assess_on_a_database_reads_reviewers_corrections(region: tuple[Path, str], tmp_path: Path,
                                                         config: AssessConfig) -> None:
    """A reviewer's year correction reaches the verdict; the extraction itself stays as stored."""
    from sqlalchemy import select

    from extractor.assess import load_database
    from extractor.batch import run_batch
    from extractor.review.corrections import add_correction
    from extractor.sinks.migrations import reports
    from extractor.sinks.sql import make_engine

    url = f"sqlite:///{tmp_path / 'reviewed.db'}"
    run_batch([region[0] / "region_1_03_2023.html"], url, workers=1, progress=False)
    engine = make_engine(url)
    with engine.connect() as conn:
        report_id, stored = conn.execute(select(reports.c.id, reports.c.document)).one()
    assert stored["report"]["year"] == 2023
    add_correction(engine, report_id, "report.year", 2022, note="the title misprints the year")
    (item,) = load_database(url)
    assert item.year == 2022
    (verdict,) = assess_items([item], config).verdicts
    assert verdict.year == 2022
    with engine.connect() as conn:
        assert conn.execute(select(reports.c.document)).scalar_one()["report"]["year"] == 2023
    engine.dispose()


def test_a_broken_carry_over_is_told_in_chinese_by_compare_and_assess(region_items: list[ReportItem],
                                                                     config: AssessConfig) -> None:
    """R6 fails when this year's 上年结转 is not last year's 结转下年度继续办理: the sentence names the column
    and both numbers, in the comparison and in the verdict."""
    from extractor.assess.compare import compare_items, render_comparison

    earlier, later = _item(region_items, "region_1_02_2023"), _item(region_items, "region_1_02_2024")
    report = later.report
    was = report.tables["requests"]["carried_over"]["natural_person"] or 0
    forward = earlier.report.tables["requests"]["carried_forward"]["natural_person"]
    tables = {**report.tables, "requests": {**report.tables["requests"], "carried_over": {
        **report.tables["requests"]["carried_over"], "natural_person": was + 5}}}
    broken = ReportItem(later.file, later.sha256, report.model_copy(update={"tables": tables}))
    said = f"自然人列：本年“上年结转” {was + 5:g} ≠ 2023 年度“结转下年度继续办理” {forward:g}"
    cmp = compare_items(earlier, broken, config)
    assert {c.id: c.status for c in cmp.cross_year}["R6"] == "fail"
    assert cmp.cross_year_told["R6"] == [said]
    assert f"不通过    R6 本年“上年结转”＝上一年度“结转下年度继续办理”\n      {said}" in render_comparison(cmp)
    assert "cross_year_told" not in cmp.model_dump()  # the JSON keeps the checks as the extraction wrote them
    verdict = next(v for v in assess_items([earlier, broken], config).verdicts if v.file == later.file)
    (finding,) = [f for f in verdict.dimensions["accuracy"].findings if f.code == "check_failed"]
    assert finding.severity == "warn" and finding.message == f"R6 不成立（本年“上年结转”＝上一年度“结转下年度继续办理”）：{said}"
    assert finding.evidence[-1].other_file == earlier.file and finding.evidence[-1].text == f"对照 2023 年度报告 {earlier.name}"
