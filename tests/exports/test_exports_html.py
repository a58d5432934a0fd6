"""The HTML pages render in headless Chromium (Debian's, through Playwright): not blank, Chinese
drawn with a CJK font (not boxes), the overview sorts and filters, every cell links to evidence
that exists, and nothing is fetched from the network."""

from __future__ import annotations

import html as html_text
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.assess import Assessment, ReportItem
from extractor.exports.html import write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (make system-deps installs it)")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, region_assessment: Assessment,
          region_items: list[ReportItem]) -> Path:
    folder = tmp_path_factory.mktemp("html")
    write_html(region_assessment, region_items, folder)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, "Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def _pixels(png: bytes) -> Any:
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)


def test_pages_are_self_contained(pages: Path) -> None:
    for html in pages.glob("*.html"):
        text = html.read_text("utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), html.name
        assert "<link" not in text and "@import" not in text, html.name
        assert not re.search(r"url\((?!#)", text), html.name  # only references inside the page (SVG clip paths)


_ENGLISH_WORD = re.compile(r"[(\[\"']?[A-Za-z][A-Za-z'-]*[)\]\"',.;:!?]*")


def _english_runs(text: str) -> list[str]:
    """Runs of three or more English words between two Chinese characters, counting only tokens made of
    letters (paths, file names, ids like R6/R7, dates and digests have dots, digits or underscores)."""
    found: list[str] = []
    for stretch in re.split(r"[^\x00-\x7f]+", text):
        run: list[str] = []
        for token in [*stretch.split(), ""]:
            if _ENGLISH_WORD.fullmatch(token):
                run.append(token)
                continue
            if len(run) >= 3:
                found.append(" ".join(run))
            run = []
    return found


def _visible_text(page: str) -> str:
    """A page's words as a reader meets them: text and tooltips, without scripts, styles, charts and <code> paths."""
    page = re.sub(r"<(script|style|code|svg)\b.*?</\1>", " ", page, flags=re.S)
    tooltips = re.findall(r'title="([^"]*)"', page)
    return html_text.unescape("\n".join([re.sub(r"<[^>]+>", " ", page), *tooltips]))


def test_the_english_check_sees_english_sentences() -> None:
    """The check below must catch the English these pages used to carry, or it could never fail."""
    assert _english_runs("未注明（no publication date printed or stated (deadline 2025-01-31, 条例第四十九条第一款)")
    assert _english_runs("6 relations hold (no previous year: R6/R7 not checked)")
    assert not _english_runs("6 项勾稽关系均成立（无上一年度报告，R6/R7 未核对） tables.requests.new_requests.total "
                             "region_1_02_2024.html PDF 创建时间 xxgk assess")


def test_summaries_and_findings_are_chinese(pages: Path, region_assessment: Assessment) -> None:
    texts = {html.name: _visible_text(html.read_text("utf-8")) for html in pages.glob("*.html")}
    for name, text in texts.items():
        assert not _english_runs(text), (name, _english_runs(text))
    everything = "\n".join(texts.values())
    codes = set()
    for verdict in region_assessment.verdicts:
        for dimension in verdict.dimensions.values():
            assert dimension.summary in everything and not _english_runs(dimension.summary), dimension.summary
            for finding in dimension.findings:
                codes.add(finding.code)
                assert finding.message in everything and not _english_runs(finding.message), finding.message
    # every kind of sentence the region provokes was looked at
    assert {"late", "on_time", "no_publication_date", "section_missing", "cells_blank", "check_failed",
            "copied_previous_year", "shared_with_other_agency", "change_explained", "change_unexplained"} <= codes


def test_overview_renders_chinese_and_is_not_blank(pages: Path, page: Any, tmp_path: Path,
                                                  region_assessment: Assessment) -> None:
    page.goto((pages / "index.html").as_uri())
    png = page.screenshot(full_page=True)
    (tmp_path / "overview.png").write_bytes(png)
    pixels = _pixels(png)
    assert pixels.std() > 20 and (pixels < 128).mean() > 0.01  # text and coloured cells, not a blank page
    body = page.inner_text("body")
    assert "区域总览" in body and "机关 × 维度" in body
    for verdict in region_assessment.verdicts:
        assert verdict.agency and verdict.agency in body
    assert all(url.startswith("file://") for url in page.requests), page.requests  # nothing from the network


def test_chinese_is_drawn_with_a_cjk_font_not_boxes(pages: Path, page: Any) -> None:
    page.goto((pages / "index.html").as_uri())
    page.evaluate("""() => {
        for (const [id, text] of [["cjk", "政府信息公开年度报告"], ["tofu", "\\ue000\\ue001\\ue002\\ue003\\ue004\\ue005\\ue006\\ue007\\ue008\\ue009"]]) {
            const div = document.createElement("div"); div.id = id; div.textContent = text;
            div.style.cssText = "font-size:40px;display:inline-block;padding:4px;background:#fff"; document.body.prepend(div);
        }}""")
    cjk = _pixels(page.locator("#cjk").screenshot())
    tofu = _pixels(page.locator("#tofu").screenshot())
    assert (cjk < 128).mean() > 0.03  # ink
    height = min(cjk.shape[0], tofu.shape[0])
    width = min(cjk.shape[1], tofu.shape[1])
    assert abs(cjk[:height, :width] - tofu[:height, :width]).mean() > 10  # glyphs, not the box of a missing glyph
    session = page.context.new_cdp_session(page)
    document = session.send("DOM.getDocument")
    node = session.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "h1"})
    session.send("CSS.enable")
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert any("CJK" in f["familyName"] or "Hei" in f["familyName"] or "Han" in f["familyName"] for f in fonts), fonts


def test_overview_sorts_filters_and_links_to_evidence(pages: Path, page: Any) -> None:
    page.goto((pages / "index.html").as_uri())
    page.click("th:has-text('总分')")
    scores = [float(v) for v in page.eval_on_selector_all("#matrix tbody tr td:last-child", "tds => tds.map(t => t.dataset.value)")]
    assert scores == sorted(scores)
    page.click("th:has-text('总分')")
    scores = [float(v) for v in page.eval_on_selector_all("#matrix tbody tr td:last-child", "tds => tds.map(t => t.dataset.value)")]
    assert scores == sorted(scores, reverse=True)
    page.select_option("#year-filter", "2024")
    visible = page.eval_on_selector_all("#matrix tbody tr", "rs => rs.filter(r => r.style.display !== 'none').length")
    assert visible == 6
    links = page.eval_on_selector_all("#matrix a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == 18 * 6
    for link in links:
        name, _, anchor = link.partition("#")
        target = (pages / name).read_text("utf-8")
        assert not anchor or f'id="{anchor}"' in target, link


def test_agency_page_shows_trends_findings_and_evidence(pages: Path, page: Any,
                                                        region_assessment: Assessment) -> None:
    late = next(v for v in region_assessment.verdicts if v.dimensions["timeliness"].status == "fail")
    from extractor.exports.html import page_name

    page.goto((pages / page_name(late)).as_uri() + f"#y{late.year}-timeliness")
    assert page.locator("figure svg").count() == 1  # the indicator trends
    heading = page.locator(f"#y{late.year}-timeliness")
    assert "不合格" in heading.inner_text() and heading.is_visible()
    text = page.inner_text("body")
    assert "第四十九条" in text and late.dimensions["timeliness"].details["deadline"] in text
    assert "共同段落" in text or "单元格" in text
    pixels = _pixels(page.screenshot(full_page=True))
    assert pixels.std() > 20
