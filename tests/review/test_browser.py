"""The review app in a real browser: Debian's headless Chromium driven by Playwright, the app served by
uvicorn on a free loopback port. A reviewer opens the list, finds the report whose R2 fails, clicks the
failing cell, corrects it and sees R2 pass; the correction survives a reload; a narrative item is
added with a note full of HTML that stays text; the export downloads. Screenshots go to the test's
folder (and to $XXGK_SCREENSHOTS when set) for a person to look at.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import store
from PIL import Image
from sqlalchemy import Engine

from extractor.model import Report
from extractor.review.corrections import corrected_document
from extractor.review.server import free_port
from extractor.review.web import create_app
from extractor.sinks.sql import SqlSink

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI: `make system-deps` installs Debian's chromium")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, broken_pdfs: list[Path],
           extracted: Callable[[Path], Report]) -> Iterator[tuple[str, Engine, int]]:
    """The R2-failing report and one more in a fresh database, served on 127.0.0.1:<free port>."""
    import uvicorn

    engine = SqlSink(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'review.db'}").engine
    report_id = store(engine, extracted(broken_pdfs[3]), str(broken_pdfs[3]))
    store(engine, extracted(broken_pdfs[2]), str(broken_pdfs[2]))
    port = free_port("127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(create_app(engine, allowed_hosts=["127.0.0.1"]), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", engine, report_id
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp: the test's own probes (wait_for_function, evaluate) are evaluated strings, which the app's
    # content security policy forbids; it also means escaping alone must keep the note's HTML inert
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True, bypass_csp=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def _shot(page: Any, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("XXGK_SCREENSHOTS"):
        Path(os.environ["XXGK_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(os.environ["XXGK_SCREENSHOTS"]) / path.name)
    return path


def _r2_part(engine: Engine, report_id: int) -> tuple[str, int, str, int]:
    """The failing R2 column's result_open cell and the value that makes R2 hold, and its row total (R3)."""
    req = corrected_document(engine, report_id).view["tables"]["requests"]
    skip = ("new_requests", "carried_over", "result_total", "carried_forward", "result_open")
    for col in req["result_total"]:
        wanted = (req["result_total"][col] or 0) - sum((c[col] or 0) for r, c in req.items() if r not in skip)
        if col != "total" and (req["result_open"][col] or 0) != wanted:
            bump = wanted - (req["result_open"][col] or 0)
            return col, wanted, "total", req["result_open"]["total"] + bump
    raise AssertionError("no failing R2 column")


def test_a_reviewer_fixes_a_failing_r2_cell(page: Any, served: tuple[str, Engine, int], tmp_path: Path) -> None:
    base, engine, report_id = served
    page.goto(base + "/")
    assert page.locator("table.reports tbody tr").count() == 2
    page.locator(f'a[href="/reports/{report_id}"]').click()
    page.wait_for_selector("#page-img")
    page.wait_for_function("document.getElementById('page-img').complete && document.getElementById('page-img').naturalWidth > 0")
    assert page.locator(".check.st-fail").first.inner_text().startswith("不通过 R2")
    shot = _shot(page, tmp_path, "report-view")
    box = page.locator("#page-img").bounding_box()
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=np.float64)
    region = pixels[int(box["y"]):int(box["y"] + min(box["height"], 1000 - box["y"])), int(box["x"]):int(box["x"] + box["width"])]
    assert region.std() > 20 and (region < 128).mean() > 0.005  # a drawn page: paper with print on it, not blank
    assert page.locator(".box.failing").count() > 0  # the failing cells are outlined on the page

    col, value, total_col, total = _r2_part(engine, report_id)
    failing = page.locator(".check.st-fail", has_text="R2")
    for cell_col, new in ((col, value), (total_col, total)):
        path = f"tables.requests.result_open.{cell_col}"
        # the failing relation lists its cells: the reviewer clicks the one that looks wrong
        failing.locator(f'a.chip[data-path="{path}"]').click()
        assert page.locator(".box.selected").count() == 1  # its region on the page lights up
        assert page.locator(f'table.grid td.selected:has(a.cell[data-path="{path}"])').count() == 1  # and its table cell
        assert "（一）予以公开" in page.locator("#ed-label").inner_text()
        page.fill("#ed-input", str(new))
        page.fill("#ed-note", "按原文核对")
        page.press("#ed-input", "Enter")
        page.wait_for_selector(".notice")
    assert "已保存更正" in page.locator(".notice").first.inner_text()
    r2 = page.locator(".check", has_text="R2")
    assert r2.locator(".badge").inner_text() == "通过"
    _shot(page, tmp_path, "report-corrected")
    page.reload()
    cell = page.locator(f'table.grid td:has(a.cell[data-path="tables.requests.result_open.{col}"])')
    assert "corrected" in (cell.get_attribute("class") or "") and cell.inner_text().strip() == str(value)
    assert page.locator(".check", has_text="R2").locator(".badge").inner_text() == "通过"

    page.locator('a.cell[data-path="tables.requests.new_requests.natural_person"]').click()
    page.fill("#ed-input", "十二")
    page.press("#ed-input", "Enter")
    assert "「十二」不是数字" in page.locator("#form-error").inner_text()
    assert page.input_value("#ed-input") == "十二"  # what was typed is still there


def test_a_narrative_item_is_added_and_a_note_stays_text(page: Any, served: tuple[str, Engine, int]) -> None:
    base, _engine, report_id = served
    page.goto(f"{base}/reports/{report_id}")
    adder = page.locator("li.add details", has_text="新增主动公开数量").first
    adder.locator("summary").click()
    adder.locator('input[name="value"]').fill("321")
    adder.locator('input[name="unit"]').fill("条")
    adder.locator('input[name="channel"]').fill("政府门户网站")
    adder.locator('input[name="note"]').fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>')
    adder.locator('button[type="submit"]').click()
    page.wait_for_selector(".notice")
    assert page.locator("li.item", has_text="321条").count() == 1
    assert page.evaluate("window.__xss") is None and page.locator('img[src="x"]').count() == 0
    assert '<img src=x onerror="window.__xss=1">' in page.locator("#corrections").inner_text()
    page.locator("li.item", has_text="321条").locator("a.locate").click()
    assert page.locator("li.item.selected").count() == 1

    added = page.locator("li.item", has_text="321条")
    _open(added)
    added.locator('input[name="value"]').fill("322")
    added.locator('button[type="submit"]', has_text="保存修改").click()
    page.wait_for_selector(".notice")
    assert page.locator("li.item", has_text="322条").count() == 1 and page.locator("li.item", has_text="321条").count() == 0
    edited = page.locator("li.item", has_text="322条")
    _open(edited)
    edited.locator('button[value="remove"]').click()
    page.wait_for_selector(".notice")
    assert page.locator("li.item", has_text="322条").count() == 0
    assert page.locator("#corrections tbody tr").count() >= 3  # added, edited, removed: all three recorded


def _open(item: Any) -> None:
    """Unfold a narrative item's editor unless locating it has already unfolded it."""
    if item.locator("details[open]").count() == 0:
        item.locator("summary").click()


def test_the_corrected_reports_download_as_jsonl(page: Any, served: tuple[str, Engine, int], tmp_path: Path) -> None:
    base, _engine, _report_id = served
    page.goto(base + "/")
    _shot(page, tmp_path, "list")
    with page.expect_download() as download:
        page.locator(".exports a", has_text="JSONL").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == 2 and all('"corrections"' in line for line in lines)
    assert download.value.suggested_filename == "reports.corrected.jsonl"
    assert io.StringIO(text).readline().startswith('{"schema_version": "1"')
