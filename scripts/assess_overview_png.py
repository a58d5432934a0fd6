"""Regenerate docs/assess-overview.png: the region overview of a generated county (seed 1).

    .venv/bin/python scripts/assess_overview_png.py [--out docs/assess-overview.png]

Generates the region (extractor.synth.generate_region), extracts it, assesses it, writes the HTML
and photographs index.html in Debian's headless Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from extractor.assess import assess_items, load_config, load_paths
from extractor.exports.html import write_html
from extractor.synth import generate_region

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/assess-overview.png"))
    parser.add_argument("--agency-out", type=Path, default=None, help="also photograph one agency page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        generate_region(docs, seed=1)
        items, errors = load_paths([docs])
        assert not errors, errors
        assessment = assess_items(items, load_config())
        pages = write_html(assessment, items, Path(tmp) / "html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 760})
            page.goto(pages[0].as_uri())
            _save(page.screenshot(), args.out)
            if args.agency_out is not None:
                late = next(v for v in assessment.verdicts if v.dimensions["timeliness"].status == "fail")
                page.goto((Path(tmp) / "html" / Path(pages[0]).name).as_uri())
                from extractor.exports.html import page_name

                page.goto((Path(tmp) / "html" / page_name(late)).as_uri())
                _save(page.screenshot(full_page=True), args.agency_out)
            browser.close()


def _save(png: bytes, out: Path) -> None:
    """A small palette PNG: the picture is flat colours and text."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, optimize=True)


if __name__ == "__main__":
    main()
