"""Measurement 5: what our OCR page stage costs on top of the raw rapidocr engine.

Generated PDF pages are rendered at the dpi the OCR module chooses; on each image the raw engine
call (the same process-wide engine and parameters, nothing else) is timed against `ocr_image`
(blank check, deskew, OCR, grids, cells) on the same image, alternating which runs first.
`ocr_pdf_page` is choose_dpi + render + `ocr_image`, so its cost is reported as render + ocr_image
rather than OCRing every page a third time (a page takes seconds). Scanned pages, the cell path
against full-page OCR, are measured by ocr_scans.py (`--only ocr_scans`).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from importlib import metadata
from typing import Any

from .common import Workspace, log, ratio, seconds, stdout_to_stderr

TARGET_RATIO = 1.2


def _time(call: Callable[[Any], object], arg: Any) -> float:
    start = time.perf_counter()
    call(arg)
    return seconds(start)


def measure(ws: Workspace) -> dict[str, Any]:
    """s/page of raw rapidocr and ocr_image on the same few page images, and their ratio."""
    try:
        import cv2
        import pymupdf

        from extractor.ocr import ocr_image
        from extractor.ocr.engine import get_engine
        from extractor.ocr.raster import choose_dpi, render_page
    except ImportError as exc:
        return {"skipped": f"extractor.ocr does not import: {exc}"}

    n_pages = 1 if ws.quick else 5
    pages: list[tuple[Any, int]] = []
    docs = []
    for path in ws.generate("pdf", 2 if ws.quick else 20, "pdf"):
        doc = pymupdf.open(path)
        docs.append(doc)
        pages += [(doc[i], i + 1) for i in range(doc.page_count)]
        if len(pages) >= n_pages:
            break
    pages = pages[:n_pages]
    settings = ws.settings
    rows: list[dict[str, Any]] = []
    with stdout_to_stderr():
        engine = get_engine(settings)
        first = render_page(pages[0][0], choose_dpi(pages[0][0], settings))
        engine(cv2.cvtColor(first, cv2.COLOR_GRAY2BGR))  # first call initialises the ONNX sessions
        for page, number in pages:
            start = time.perf_counter()
            dpi = choose_dpi(page, settings)
            gray = render_page(page, dpi)
            render_s = seconds(start)
            bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
            raw_first = len(rows) % 2 == 0
            if raw_first:
                raw_s = _time(engine, bgr)
            start = time.perf_counter()
            lines, tables = ocr_image(gray, number, 72.0 / dpi, settings)
            image_s = seconds(start)
            if not raw_first:
                raw_s = _time(engine, bgr)
            rows.append({"page": number, "dpi": dpi, "size_px": list(gray.shape[::-1]), "render_s": round(render_s, 3),
                         "rapidocr_s": round(raw_s, 3), "ocr_image_s": round(image_s, 3),
                         "lines": len(lines), "tables": len(tables)})
            log(f"ocr: page {number}: rapidocr {raw_s:.2f} s, ocr_image {image_s:.2f} s")
    for doc in docs:
        doc.close()
    raw = statistics.fmean(r["rapidocr_s"] for r in rows)
    image = statistics.fmean(r["ocr_image_s"] for r in rows)
    render = statistics.fmean(r["render_s"] for r in rows)
    image_ratio = ratio(image, raw)
    return {
        "pages": len(rows),
        "rapidocr_version": metadata.version("rapidocr"),
        "rapidocr_s_per_page": round(raw, 3),
        "ocr_image_s_per_page": round(image, 3),
        "render_s_per_page": round(render, 3),
        "ocr_pdf_page_s_per_page": round(render + image, 3),
        "ratio_ocr_image_vs_rapidocr": image_ratio,
        "target_ratio": TARGET_RATIO,
        "meets_target": image_ratio is not None and image_ratio <= TARGET_RATIO,
        "per_page": rows,
    }
