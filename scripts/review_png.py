"""Regenerate docs/review-report.png: the review app's report view with a failing R2 cell selected.

    .venv/bin/python scripts/review_png.py [--out docs/review-report.png] [--shots DIR]

Generates four reports (seed 3, one relation broken in each, as the review tests do), extracts them
into a scratch SQLite database, serves the app on a free loopback port and photographs it in Debian's
headless Chromium through Playwright. --shots also writes full-size pictures of the list, the report
view, the failing cell selected, the view after correcting it and the corrections, for a person to look at.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from PIL import Image
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from extractor.api import extract
from extractor.review.server import free_port
from extractor.review.web import create_app
from extractor.sinks.base import ReportResult
from extractor.sinks.migrations import reports
from extractor.sinks.sql import SqlSink
from extractor.synth import generate

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
FAILING_CELL = "tables.requests.result_total.commercial_enterprise"  # where seed 3's 2021 report breaks R2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/review-report.png"))
    parser.add_argument("--shots", type=Path, default=None, help="also write full-size screenshots here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(4, ["2019", "2021"], ["pdf"], 3, Path(tmp) / "docs", break_relation=True)
        sink = SqlSink(f"sqlite:///{Path(tmp) / 'review.db'}")
        report_id = 0
        for path in paths:
            report = extract(path)
            sink.write_report(ReportResult(f"reports/{path.name}", report.source.sha256, report.source.extractor_version, report))
            if any(c.id == "R2" and c.status == "fail" for c in report.checks):
                with sink.engine.connect() as conn:
                    report_id = int(conn.execute(select(reports.c.id).where(reports.c.sha256 == report.source.sha256))
                                    .scalar_one())
        assert report_id, "seed 3 has a report breaking R2"
        port = free_port("127.0.0.1")
        server = uvicorn.Server(uvicorn.Config(create_app(sink.engine, [Path(tmp) / "docs"], allowed_hosts=["127.0.0.1"]), host="127.0.0.1",
                                               port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            _photograph(f"http://127.0.0.1:{port}", report_id, args.out, args.shots)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            sink.engine.dispose()


def _photograph(base: str, report_id: int, out: Path, shots: Path | None) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(base + "/")
        _shot(page, shots, "list.png")
        page.locator(f'a[href="/reports/{report_id}"]').first.click()
        _wait_for_page_image(page)
        _shot(page, shots, "report.png")
        page.locator(f'.check.st-fail a.chip[data-path="{FAILING_CELL}"]').click()  # as a reviewer starts
        page.wait_for_timeout(300)
        _save(page.screenshot(), out)
        _shot(page, shots, "report-cell.png")
        page.fill("#ed-input", "13")
        page.press("#ed-input", "Enter")
        page.wait_for_selector(".notice")
        _wait_for_page_image(page)
        _shot(page, shots, "report-corrected.png")
        page.locator("#corrections").scroll_into_view_if_needed()
        _shot(page, shots, "report-corrections.png")
        browser.close()


def _wait_for_page_image(page: Any) -> None:
    page.wait_for_selector("#page-img")
    page.wait_for_function("document.getElementById('page-img').complete "
                           "&& document.getElementById('page-img').naturalWidth > 0")


def _shot(page: Any, folder: Path | None, name: str) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / name))


def _save(png: bytes, out: Path) -> None:
    """A small palette PNG at three quarters of the size (octree keeps the pale badge colours)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS).quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, optimize=True)


if __name__ == "__main__":
    main()
