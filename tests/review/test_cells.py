"""Cell states a reviewer sees: abstentions told apart from printed blanks, dashes and confident values."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import store
from sqlalchemy import Engine

from extractor.api import extract
from extractor.review.cells import ambiguous_cells, cell_infos
from extractor.review.reviewed import review_report
from extractor.synth import generate


@pytest.fixture(scope="module")
def flat_2019(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 9, index 2: a 2019 report as flattened HTML whose table-4 digits run together (no blanks kept)."""
    return generate(3, ["2019", "2021"], ["txt", "html-flat"], 9, tmp_path_factory.mktemp("flat"))[2]


def test_run_together_digits_are_abstentions_not_blanks(flat_2019: Path, engine: Engine) -> None:
    report = extract(flat_2019)
    named = ambiguous_cells([w.model_dump() for w in report.warnings])
    assert named, "the flattened table 4 gives an ambiguous_digits warning"
    report_id = store(engine, report, str(flat_2019))
    reviewed = review_report(engine, report_id)
    for path in named:
        assert reviewed.view["tables"][path.split(".")[1]][path.split(".")[2]][path.split(".")[3]] is None
        assert reviewed.cells[path].kind == "ambiguous" and reviewed.cells[path].shown == "?"
    assert reviewed.attention >= len(named)
    kinds = {c.kind for c in reviewed.cells.values()}
    assert {"value", "blank", "ambiguous"} <= kinds


def test_kinds_follow_the_printed_text_and_corrections() -> None:
    view = {
        "report": {"template": "2021"},
        "tables": {"requests": {"new_requests": {"natural_person": 5, "commercial_enterprise": None,
                                                 "research_institution": None, "social_welfare_org": None,
                                                 "legal_service_org": 3, "other_org": None, "total": 8}}},
        "provenance": {
            "tables.requests.new_requests.natural_person": {"raw": "5", "confidence": 0.99, "page": 2, "bbox": [1, 2, 3, 4]},
            "tables.requests.new_requests.commercial_enterprise": {"raw": "", "confidence": 0.99},
            "tables.requests.new_requests.research_institution": {"raw": "—", "confidence": 0.99},
            "tables.requests.new_requests.social_welfare_org": {"raw": "1O", "confidence": 0.3},
            "tables.requests.new_requests.legal_service_org": {"raw": "3", "confidence": 0.45},
            "tables.requests.new_requests.total": {"raw": "8", "confidence": 0.99},
        },
        "warnings": [],
        "checks": [{"id": "R3", "status": "fail", "message": "", "cells": ["requests.new_requests.total"]}],
    }
    cells = cell_infos(view, ["tables.requests.new_requests.total"])
    kinds = {p.rsplit(".", 1)[1]: c.kind for p, c in cells.items()}
    assert kinds == {"natural_person": "value", "commercial_enterprise": "blank", "research_institution": "dash",
                     "social_welfare_org": "unreadable", "legal_service_org": "low", "other_org": "absent",
                     "total": "value"}
    total = cells["tables.requests.new_requests.total"]
    assert total.corrected and total.failing == ("R3",) and total.label == "表三 一、本年新收政府信息公开申请数量 · 总计"
