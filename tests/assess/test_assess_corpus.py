"""Verdicts on the real reports of ../shared/corpus, checked against their gold and what they print."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.assess import Assessment, assess_items, load_config, load_paths

DOCUMENTS = ("hongze_2023.pdf", "huaian_szfgs_2024.pdf", "pingtan_2019_page.txt", "pingtan_2025_page.html",
             "xindian_2024.txt")


@pytest.fixture(scope="module")
def corpus_assessment(corpus_dir: Path) -> Assessment:
    items, errors = load_paths([corpus_dir / name for name in DOCUMENTS])
    assert errors == []
    return assess_items(items, load_config())


def test_accuracy_names_the_cells_of_a_printed_failure(corpus_assessment: Assessment) -> None:
    hongze = next(v for v in corpus_assessment.verdicts if v.file.endswith("hongze_2023.pdf"))
    accuracy = hongze.dimensions["accuracy"]
    assert accuracy.status == "fail" and accuracy.details["checks"]["R4"] == "fail"  # table-4 totals printed as 0
    cells = {e.path for f in accuracy.findings for e in f.evidence if e.kind == "cell"}
    assert cells and all(p and p.startswith("tables.review_litigation.") for p in cells)


def test_dates_kinds_and_deadlines_of_real_reports(corpus_assessment: Assessment) -> None:
    by_name = {Path(v.file).name: v for v in corpus_assessment.verdicts}
    assert {n: v.agency_kind for n, v in by_name.items()} == {
        "hongze_2023.pdf": "government", "huaian_szfgs_2024.pdf": "government",
        "pingtan_2019_page.txt": "government", "pingtan_2025_page.html": "government",
        "xindian_2024.txt": "township"}
    timeliness = {n: (v.dimensions["timeliness"].status, v.dimensions["timeliness"].details.get("source"))
                  for n, v in by_name.items()}
    assert timeliness == {"hongze_2023.pdf": ("pass", "pdf_creation_date"),
                          "huaian_szfgs_2024.pdf": ("pass", "pdf_creation_date"),
                          "pingtan_2019_page.txt": ("pass", "printed_label"),
                          "pingtan_2025_page.html": ("pass", "html_meta"),
                          "xindian_2024.txt": ("unknown", None)}


def test_fee_statements_and_copying_among_real_reports(corpus_assessment: Assessment) -> None:
    by_name = {Path(v.file).name: v for v in corpus_assessment.verdicts}
    codes = {n: {f.code for f in v.dimensions["completeness"].findings} for n, v in by_name.items()}
    assert "fee_statement_missing" in codes["pingtan_2019_page.txt"]  # its section 六 reports nothing else
    for name in ("hongze_2023.pdf", "huaian_szfgs_2024.pdf", "pingtan_2025_page.html", "xindian_2024.txt"):
        assert not codes[name] & {"fee_statement_missing", "fee_statement_elsewhere"}, name
    assert all(v.dimensions["copy"].status == "pass" for v in by_name.values())  # five bodies, own wording
    assert "year_inconsistent" in codes["xindian_2024.txt"]  # "于 2023 年" in the 2024 report
