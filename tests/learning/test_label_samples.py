"""Corrections of a generated local-template report → label samples, traced to the printed rows."""

from __future__ import annotations

import pytest
from reviewing import correct_from_gold, store

from extractor.learning.label_samples import cell_vector, derive_label_samples, printed_rows, row_vector
from extractor.learning.sources import CorrectedReport, from_db
from extractor.mapping.label_data import UNKNOWN
from extractor.settings import Settings
from extractor.synth import generate
from extractor.synth.local import local_template

FAMILY = 1


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> list[CorrectedReport]:
    """Three reports of a local template family, corrected; seed 1415 prints rows whose values tell them apart."""
    folder = tmp_path_factory.mktemp("local")
    docs = generate(3, ["2019", "2021"], ["html", "txt", "docx"], 1415, folder / "docs", family=FAMILY)
    engine = store(docs, folder / "reviewed.db")
    assert correct_from_gold(engine) > 0  # the shipped model gets the local wording wrong
    found, missing = from_db(f"sqlite:///{folder / 'reviewed.db'}")
    assert missing == [] and len(found) == len({r.sha256 for r in found}) >= 2
    return found


def test_samples_name_the_keys_the_local_labels_mean(corrected: list[CorrectedReport]) -> None:
    local = local_template(FAMILY)
    bodies = {f"requests.row:{k}": v for k, v in local.request_bodies.items()}
    bodies |= {f"proactive.row:{k}": v for k, v in local.proactive_bodies.items()}
    wrong = 0
    for report in corrected:
        derived = derive_label_samples(report, printed_rows(report.source, Settings()))
        for sample in derived.samples:
            if sample.label == UNKNOWN:
                assert local.extra_request_row in sample.text or local.extra_proactive_row in sample.text
                continue
            # the printed row's own words are the family's wording of exactly that key
            assert bodies[sample.label].replace("（", "(")[:4] in sample.text.replace("（", "("), (sample, bodies[sample.label])
            wrong += sample.reason == "corrected"
    assert wrong > 0


def test_a_corrected_row_is_matched_to_the_printed_row_with_its_values(corrected: list[CorrectedReport]) -> None:
    report = corrected[0]
    rows = printed_rows(report.source, Settings())
    derived = derive_label_samples(report, rows)
    vectors = {row.text: row_vector(row) for kind in ("requests", "proactive") for row in rows[kind] if row.has_values}
    for sample in derived.samples:
        if sample.label == UNKNOWN:
            continue
        table = "requests" if sample.label.startswith("requests") else "proactive"
        key = sample.label.split(":")[1]
        printed = next(v for text, v in vectors.items() if text.endswith(sample.text) or sample.text in text)
        assert printed == cell_vector(report.corrected["tables"][table][key])


def test_rows_whose_values_repeat_teach_nothing(corrected: list[CorrectedReport]) -> None:
    """A row of zeros (or any values another row also prints) cannot say which label it had: abstain."""
    for report in corrected:
        rows = printed_rows(report.source, Settings())
        derived = derive_label_samples(report, rows)
        repeated = {row_vector(r) for r in rows["requests"] if r.has_values}
        counts = {v: sum(1 for r in rows["requests"] if r.has_values and row_vector(r) == v) for v in repeated}
        taught = {s.text for s in derived.samples}
        for row in rows["requests"]:
            if row.has_values and counts[row_vector(row)] > 1:
                assert row.text not in taught


def test_an_uncorrected_report_gives_no_sample(corrected: list[CorrectedReport]) -> None:
    report = corrected[0]
    untouched = CorrectedReport(report.origin, report.sha256, report.source, report.extracted, report.extracted, [])
    assert derive_label_samples(untouched, printed_rows(report.source, Settings())).samples == []
