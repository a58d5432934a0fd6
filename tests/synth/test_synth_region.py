"""The region generator: consecutive years of one county's agencies, each scenario once, the
expected verdict in the gold, the printed date in the document, and the same bytes for a seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from extractor.synth import generate_region


def _gold(doc: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(doc.with_name(doc.name.split(".")[0] + ".gold.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_region(tmp_path_factory.mktemp("r"), seed=3)


def test_same_seed_same_bytes(region: list[Path], tmp_path: Path) -> None:
    again = generate_region(tmp_path, seed=3)
    assert [p.name for p in again] == [p.name for p in region]
    for first in region[0].parent.iterdir():
        assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256((tmp_path / first.name).read_bytes()).digest()


def test_each_scenario_once_with_its_expectation(region: list[Path]) -> None:
    expect = [_gold(p)["assessment"] for p in region]
    assert len(region) == 18 and {p.suffix for p in region} == {".txt", ".html", ".pdf"}
    assert sorted(e["timeliness"] for e in expect).count("late") == 1
    assert [e["timeliness"] for e in expect].count("unknown") == 1
    assert sum(bool(e["missing_sections"]) for e in expect) == 1
    assert sum(bool(e.get("copied_from_previous_year")) for e in expect) == 1
    assert sum(bool(e.get("shares_template_with")) for e in expect) == 2
    assert sorted(c for e in expect for c in e["change"].values()) == ["explained", "unexplained"]
    assert sum(bool(e.get("failing_relations")) for e in expect) == 1
    assert {e["agency_kind"] for e in expect} == {"government", "department", "township"}


def test_the_date_is_printed_and_stated_where_the_gold_says(region: list[Path]) -> None:
    for doc in region:
        gold = _gold(doc)["assessment"]
        date = gold["published_date"]
        if doc.suffix == ".pdf":
            with pymupdf.open(doc) as pdf:
                text = "".join(page.get_text() for page in pdf)
                created = pdf.metadata.get("creationDate", "")
            assert created.startswith(f"D:{date.replace('-', '')}") if date else created == ""
        else:
            raw = doc.read_bytes()
            text = raw.decode("gb18030") if b'charset="gbk"' in raw else raw.decode("utf-8")
            if doc.suffix == ".html":
                assert (f'<meta name="PubDate" content="{date} ' in text) == bool(date)
        if date is None:
            assert "发布日期" not in text
            continue
        y, m, d = (int(x) for x in date.split("-"))
        digits = "〇一二三四五六七八九"
        assert f"{y}年{m}月{d}日" in text or "".join(digits[int(c)] for c in str(y)) + "年" in text, doc.name


def test_cross_year_relations_hold_in_the_gold(region: list[Path]) -> None:
    by_agency: dict[str, dict[int, dict[str, Any]]] = {}
    for doc in region:
        gold = _gold(doc)
        by_agency.setdefault(gold["report"]["agency"], {})[gold["report"]["year"]] = gold["tables"]
    for years in by_agency.values():
        for year, tables in years.items():
            prev = years.get(year - 1)
            if prev is None:
                continue
            for col, value in tables["requests"]["carried_over"].items():
                assert (value or 0) == (prev["requests"]["carried_forward"][col] or 0)
            for row in ("regulations", "normative_docs"):
                now, before = tables["proactive"][row], prev["proactive"][row]
                assert (now["in_force"] or 0) == (before["in_force"] or 0) + (now["issued"] or 0) - (now["repealed"] or 0)


def test_synth_command_writes_a_region(region: list[Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extractor.cli_app import app

    result = CliRunner().invoke(app, ["synth", "--region", "--out", str(tmp_path), "--seed", "3",
                                      "--formats", "txt,html,pdf"])
    assert result.exit_code == 0 and "wrote 18 documents" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in region[0].parent.iterdir())
