"""Markdown as converters write it: pymupdf4llm run over the corpus PDFs and generated PDFs at test
time (never committed), and the generator's own converter-shaped markdown (`xxgk synth --formats md`).

pymupdf4llm ships inside PyMuPDF 2.x (the separate 2.0 wheel is empty; installing pymupdf4llm<1
would downgrade PyMuPDF below 2). Its table markdown is PyMuPDF's `Table.to_markdown`; without the
layout model it writes what pymupdf4llm 0.3.x writes.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from extractor.api import extract
from extractor.evaluate import evaluate_folder, score_cells
from extractor.readers import MARKDOWN
from extractor.synth import generate


def _to_markdown(pdf: Path, out: Path, page_separators: bool = False) -> Path:
    pymupdf4llm = pytest.importorskip("pymupdf4llm", reason="PyMuPDF 2.x ships pymupdf4llm")
    with contextlib.redirect_stdout(io.StringIO()):  # it prints advice on import and per call
        pymupdf4llm.use_layout(False)  # the ruling-line tables (the reader switches the same off)
        text: str = pymupdf4llm.to_markdown(str(pdf), page_separators=page_separators, show_progress=False)
    path = out / f"{pdf.stem}.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["hongze_2023", "huaian_szfgs_2024"])
def test_pymupdf4llm_markdown_of_the_corpus_pdfs_gives_every_cell(
    name: str, corpus_dir: Path, tmp_path: Path, load_gold: Any
) -> None:
    """The same 207/207 as the PDF path: merged values written thrice, "Col2" headers, table 3 in
    two pipe tables with the cut label "（四）无" | "法提供" (huaian) joined back."""
    path = _to_markdown(corpus_dir / f"{name}.pdf", tmp_path)
    report = extract(path)
    gold = load_gold(corpus_dir, name)
    right, total, wrong, _ = score_cells(report, gold)
    assert (right, total) == (207, 207), wrong[:5]
    assert report.source.media_type == MARKDOWN
    assert (report.report.agency, report.report.year, report.report.template) == (
        gold["report"]["agency"], gold["report"]["year"], gold["report"]["template"]
    )
    assert {c.id: c.status for c in report.checks if c.id in gold["checks"]} == gold["checks"]


def _scores(folder: Path) -> dict[str, Any]:
    with contextlib.redirect_stdout(io.StringIO()):
        return evaluate_folder(folder)


@pytest.mark.slow
def test_pymupdf4llm_markdown_of_generated_pdfs(tmp_path: Path) -> None:
    """Generated text PDFs through pymupdf4llm: it lays one grid over neighbouring tables, halves
    value cells and repeats their text; the reader must undo that or abstain, never guess."""
    pdfs = tmp_path / "pdf"
    mds = tmp_path / "md"
    mds.mkdir()
    for index, pdf in enumerate(generate(8, ["2019", "2021"], ["pdf"], seed=21, out_dir=pdfs, without=["table_image"])):
        _to_markdown(pdf, mds, page_separators=index % 2 == 1)
        gold = json.loads(pdf.with_name(f"{pdf.stem}.gold.json").read_text(encoding="utf-8"))
        gold["format"] = "md"
        (mds / f"{pdf.stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    scores = _scores(mds)
    assert scores["failures"] == []
    assert scores["cells"]["accuracy"] >= 0.995, scores["worst_cells"][:10]
    assert scores["cells"]["silent_errors"] == 0, [w for w in scores["worst_cells"] if w["got"] is not None]


@pytest.fixture(scope="module")
def generated_md(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("md")
    generate(40, ["2019", "2021"], ["md"], seed=2026, out_dir=folder)
    return _scores(folder)


def test_generated_converter_markdown_is_read_exactly(generated_md: dict[str, Any]) -> None:
    scores = generated_md
    assert scores["documents"] == 40 and scores["failures"] == []
    assert scores["cells"]["accuracy"] >= 0.995, scores["worst_cells"][:10]
    assert scores["cells"]["silent_errors"] == 0, [w for w in scores["worst_cells"] if w["got"] is not None]
    assert scores["agency_accuracy"] == 1.0 and scores["year_accuracy"] == 1.0
    assert scores["template_accuracy"] == 1.0


def test_every_converter_shape_is_in_the_set(generated_md: dict[str, Any]) -> None:
    shapes = {"md_html_tables", "md_fill", "md_repeat", "md_row_groups", "md_page_markers", "page_split"}
    assert shapes <= set(generated_md["per_variant"]), generated_md["per_variant"]
    assert all(generated_md["per_variant"][v] >= 0.99 for v in shapes), generated_md["per_variant"]
