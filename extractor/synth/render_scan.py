"""Scan-like reports: the generated PDF rasterised into an image-only PDF, as a scanner makes it.

Each document gets its own seeded resolution (150–300 dpi), skew (|angle| ≤ 1.5°), sensor noise
and blur; the parameters are recorded in the gold under "scan". Deterministic for a given name.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pymupdf as _pymupdf

from . import render_pdf
from .report import SynthReport

pymupdf: Any = _pymupdf  # untyped library: one Any alias, as in render_pdf.py

_DPIS = (150, 200, 250, 300)
_FIXED_META = {"creator": "xxgk synth", "producer": "xxgk synth", "creationDate": "D:20240101000000", "modDate": "D:20240101000000"}


def _degrade(gray: np.ndarray, angle: float, noise: float, blur: int, rng: np.random.Generator) -> np.ndarray:
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    rotated = cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    noisy = np.asarray(rotated, dtype=np.float32) + np.asarray(rng.normal(0.0, noise, rotated.shape), dtype=np.float32)
    image = np.asarray(np.clip(noisy, 0, 255), dtype=np.uint8)
    if blur:
        image = np.asarray(cv2.GaussianBlur(image, (2 * blur + 1, 2 * blur + 1), 0), dtype=np.uint8)
    return image


def render(report: SynthReport, path: Path) -> None:
    render_pdf.render(report, path)
    seed = int.from_bytes(hashlib.sha256(report.name.encode()).digest()[:8], "big")
    rng = random.Random(seed)
    params = {
        "dpi": rng.choice(_DPIS),
        "angle": round(rng.uniform(-1.5, 1.5), 2),
        "noise": round(rng.uniform(0.0, 8.0), 1),
        "blur": rng.choice((0, 0, 1)),
    }
    noise_rng = np.random.default_rng(seed)
    source = pymupdf.open(path)
    scan = pymupdf.open()
    for page in source:
        pix = page.get_pixmap(dpi=params["dpi"], colorspace=pymupdf.csGRAY)
        gray = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)
        image = _degrade(gray, float(params["angle"]), float(params["noise"]), int(params["blur"]), noise_rng)
        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 80])  # scanners write JPEG
        if not ok:
            raise RuntimeError(f"could not encode page {page.number} of {report.name}")
        out = scan.new_page(width=page.rect.width, height=page.rect.height)
        out.insert_image(out.rect, stream=encoded.tobytes())
    source.close()
    scan.set_metadata(_FIXED_META)
    data = scan.tobytes(garbage=3, deflate=True, no_new_id=True)
    scan.close()
    path.write_bytes(data)
    report.gold["scan"] = params
