"""R6/R7 across consecutive years of one body, names normalised, results stored and idempotent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from test_batch_fakes import make_report

from extractor.agency import normalise_agency
from extractor.batch.cross_year import check_cross_year
from extractor.sinks.base import ReportResult
from extractor.sinks.migrations import checks
from extractor.sinks.sql import SqlSink
from extractor.version import __version__

COLS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total")


def _add(sink: SqlSink, name: str, agency: str, year: int, template: str, cells: dict[str, float | int | None]) -> None:
    sha = name.encode().hex().ljust(64, "0")[:64]
    report = make_report(file=name, sha256=sha, agency=agency, year=year, template=template, seed=year, cells=cells)
    sink.write_report(ReportResult(name, sha, __version__, report))


def _carry(prefix: str, values: tuple[int, ...]) -> dict[str, float | int | None]:
    return {f"requests.{prefix}.{c}": v for c, v in zip(COLS, values, strict=True)}


def populate(sink: SqlSink) -> None:
    """淮安 2023→2024 (R6 pass, R7 one row off), 洪泽 2020→2021 (R6 fail, mixed templates: no R7),
    辛店 2022 and 2024 (not consecutive: nothing)."""
    _add(sink, "ha2023", "淮安市人民政府", 2023, "2021", _carry("carried_forward", (3, 0, 0, 0, 0, 1, 4)) | {
        "proactive.regulations.in_force": 10, "proactive.normative_docs.in_force": 50})
    _add(sink, "ha2024", "淮安市 政府", 2024, "2021", _carry("carried_over", (3, 0, 0, 0, 0, 1, 4)) | {
        "proactive.regulations.in_force": 12, "proactive.regulations.issued": 3, "proactive.regulations.repealed": 1,
        "proactive.normative_docs.in_force": 55, "proactive.normative_docs.issued": 4,
        "proactive.normative_docs.repealed": 0})
    _add(sink, "hz2020", "洪泽区人民政府", 2020, "2019", _carry("carried_forward", (2, 0, 0, 0, 0, 0, 2)))
    _add(sink, "hz2021", "洪泽区（人民政府）", 2021, "2021",
         _carry("carried_over", (1, 0, 0, 0, 0, None, 1)))
    _add(sink, "xd2022", "叶县辛店镇人民政府", 2022, "2021", {})
    _add(sink, "xd2024", "叶县辛店镇人民政府", 2024, "2021", {})


def assert_cross_year(engine: Engine) -> None:
    results = check_cross_year(engine)
    got = {(r.agency_norm, r.year, r.check.id): r.check.status for r in results}
    assert got == {
        ("淮安市政府", 2024, "R6"): "pass",
        ("淮安市政府", 2024, "R7"): "fail",
        ("洪泽区政府", 2021, "R6"): "fail",
    }
    r7 = next(r for r in results if r.check.id == "R7")
    assert "normative_docs" in r7.check.message and "regulations" not in r7.check.message  # 10+3−1 = 12 holds
    r6 = next(r for r in results if r.agency_norm == "洪泽区政府")
    assert "natural_person" in r6.check.message and "other_org" not in r6.check.message  # null: not compared
    again = check_cross_year(engine)
    assert [r.check for r in again] == [r.check for r in results]
    with engine.connect() as conn:
        stored = conn.execute(select(checks.c.check_id, checks.c.status)
                              .where(checks.c.check_id.in_(("R6", "R7")))).all()
    assert sorted(stored) == [("R6", "fail"), ("R6", "pass"), ("R7", "fail")]  # rerun replaced, not added


def test_r6_r7_on_sqlite(tmp_path: Path) -> None:
    sink = SqlSink(f"sqlite:///{tmp_path / 'x.db'}")
    populate(sink)
    assert_cross_year(sink.engine)
    sink.close()


def test_agency_names_normalise() -> None:
    assert normalise_agency("淮安市 人民政府") == normalise_agency("淮安市政府") == "淮安市政府"
    assert normalise_agency("平潭综合实验区（管委会）") == normalise_agency("平潭综合实验区(管委会)")
    assert normalise_agency("  ") is None and normalise_agency(None) is None


def test_cli_entry_prints_one_line_per_verdict(tmp_path: Path) -> None:
    from extractor.batch.cross_year import check_cross_year_url

    url = f"sqlite:///{tmp_path / 'x.db'}"
    sink = SqlSink(url)
    populate(sink)
    sink.close()
    lines, failed = check_cross_year_url(url)
    assert failed and len(lines) == 3
    assert lines[0].startswith("FAIL") and "R6 洪泽区政府 2020→2021: natural_person" in lines[0]
    assert any(x.startswith("PASS") and "R6 淮安市政府 2023→2024" in x for x in lines)
