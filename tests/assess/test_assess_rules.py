"""The rules on their own: agency kinds from names, masking, prose sentences, deadlines."""

from __future__ import annotations

import pytest

from extractor.assess import load_config
from extractor.assess.config import default_text
from extractor.assess.prose import mask
from extractor.assess.timeliness import agency_kind


@pytest.mark.parametrize(("name", "kind"), [
    ("某某县人民政府", "government"), ("某某市政府", "government"), ("某某新区管委会", "government"),
    ("平潭综合实验区（管委会）", "government"), ("某某县人民政府办公室", "department"), ("某某县教育局", "department"),
    ("某某市卫生健康委员会", "department"), ("某某县长岭镇人民政府", "township"), ("某某区东风街道办事处", "township"),
    ("某某县双河乡人民政府", "township"), (None, None),
])
def test_agency_kind_from_the_name(name: str | None, kind: str | None) -> None:
    assert agency_kind(name, load_config()) == kind


def test_deadlines_cite_article_49() -> None:
    config = load_config()
    government, department = config.deadline_for("government"), config.deadline_for("department")
    assert government is not None and (government.month, government.day) == (3, 31)
    assert department is not None and (department.month, department.day) == (1, 31)
    assert "第四十九条" in government.source and "3月31日" in government.rule
    assert "第四十九条" in default_text()


def test_mask_folds_numbers_years_names_and_spaces() -> None:
    names = ("某某县教育局",)
    a = mask("2024年，某某县教育局 共公开政府信息 1,234 条，同比上升12.5%。", names)
    b = mask("2023年，某某县教育局共公开政府信息987条，同比上升3%。", names)
    assert a == b == "#年,＠共公开政府信息#条,同比上升#。"
