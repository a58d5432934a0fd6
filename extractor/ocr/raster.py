"""Rendering and deskew: turn a page into the upright grey image the OCR and grid stages expect.

The dpi is measured from the page rather than fixed: a scanned page carries an image whose own
resolution is the most information there is, so rendering above it only costs time; a vector
page is rendered at `ocr_dpi`. Skew is estimated from long ruling lines when the page has them
(precise), else from the projection profile of the ink (text lines), and removed before OCR.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf
from numpy.typing import NDArray

from ..settings import Settings

Gray = NDArray[np.uint8]

PROFILE_WIDTH_PX = 400  # skew search image: narrow (slopes get steeper) ...
PROFILE_HEIGHT_PX = 1600  # ... and tall enough to keep text lines apart


def choose_dpi(page: pymupdf.Page, settings: Settings) -> int:
    """The scan's own dpi when the page is one big image, else `ocr_dpi`; clamped and size-bounded."""
    dpi = float(settings.ocr_dpi)
    page_area = max(page.rect.width * page.rect.height, 1.0)
    best_cover = 0.0
    for info in page.get_image_info():
        x0, y0, x1, y1 = info["bbox"]
        shown_w, shown_h = abs(x1 - x0), abs(y1 - y0)
        cover = shown_w * shown_h / page_area
        if cover > 0.5 and cover > best_cover and shown_w > 0 and shown_h > 0:
            best_cover = cover
            dpi = max(info["width"] / shown_w, info["height"] / shown_h) * 72.0
    dpi = min(max(dpi, settings.ocr_min_dpi), settings.ocr_max_dpi)
    longest_pt = max(page.rect.width, page.rect.height, 1.0)
    dpi = min(dpi, settings.ocr_max_side_px * 72.0 / longest_pt)
    return max(int(round(dpi)), 1)


def render_page(page: pymupdf.Page, dpi: int) -> Gray:
    """The page as an 8-bit grey image; pixel (x, y) is point (x, y) * 72 / dpi."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
    return np.ascontiguousarray(img[:, : pix.width])


def to_gray(image: NDArray[np.uint8]) -> Gray:
    """Grey from grey, BGR or BGRA (OpenCV channel order)."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY), dtype=np.uint8)
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)


def binarize(gray: Gray) -> Gray:
    """Ink = 255, paper = 0 (Otsu), robust to scanner grey backgrounds and noise."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, binary = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)


def ink_share(gray: Gray) -> float:
    """Share of clearly dark pixels: near zero means a blank page, which is not OCR'd at all."""
    return float(np.count_nonzero(gray < 128)) / max(gray.size, 1)


def _skew_from_rulings(binary: Gray, max_deg: float) -> float | None:
    """Length-weighted median slope of the long near-horizontal strokes (table rules)."""
    h, w = binary.shape
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 40, 10), 1))
    lines_mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines_mask, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for i in range(1, n):
        x, y, cw, ch = (int(v) for v in stats[i, :4])
        if cw < w // 4 or ch > cw * math.tan(math.radians(max_deg)) + 8:
            continue
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        slope = float(np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0])
        angles.append(math.degrees(math.atan(slope)))
        weights.append(float(cw))
    if len(angles) < 2:
        return None
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median_index = int(np.searchsorted(cumulative, cumulative[-1] / 2))
    return float(np.asarray(angles)[order][median_index])


def _skew_from_profile(binary: Gray, max_deg: float) -> float:
    """The skew whose vertical shear makes the row projection sharpest (text lines line up).

    The image is narrowed a lot and shortened little: a slope survives narrowing amplified by the
    aspect change, so the search stays precise at a fraction of the cost of full-size rotations.
    """
    h, w = binary.shape
    sx, sy = min(1.0, PROFILE_WIDTH_PX / w), min(1.0, PROFILE_HEIGHT_PX / h)
    small = cv2.resize(binary, (max(int(w * sx), 1), max(int(h * sy), 1)), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    gain = sy / sx  # a slope in the original is `gain` times steeper in `small`

    def sharpness(angle: float) -> float:
        t = math.tan(math.radians(angle)) * gain
        shear = np.array([[1.0, 0.0, 0.0], [-t, 1.0, t * sw / 2]])
        sheared = cv2.warpAffine(small, shear, (sw, sh), flags=cv2.INTER_LINEAR)
        profile = sheared.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best = 0.0
    for step, span in ((0.25, max_deg), (0.05, 0.25), (0.01, 0.05)):
        candidates = np.arange(best - span, best + span + 1e-9, step)
        candidates = candidates[np.abs(candidates) <= max_deg]
        best = float(max(candidates, key=sharpness))
    return round(best, 2)


def estimate_skew(gray: Gray, settings: Settings) -> float:
    """Skew in degrees (positive: text runs downhill to the right), |angle| <= ocr_max_skew_deg."""
    binary = binarize(gray)
    angle = _skew_from_rulings(binary, settings.ocr_max_skew_deg)
    if angle is None:
        angle = _skew_from_profile(binary, settings.ocr_max_skew_deg)
    return angle


@dataclass(frozen=True)
class Deskewed:
    """An upright image and the map from its pixels back to the original image's pixels."""

    image: Gray
    angle: float
    inverse: NDArray[np.float64]  # 2x3 affine: upright pixel -> original pixel

    def to_original(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """The axis-aligned box, in original pixels, around an upright-frame box."""
        x0, y0, x1, y1 = box
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], dtype=np.float64)
        mapped = corners @ self.inverse.T
        return (float(mapped[:, 0].min()), float(mapped[:, 1].min()),
                float(mapped[:, 0].max()), float(mapped[:, 1].max()))


def deskew(gray: Gray, settings: Settings) -> Deskewed:
    """Rotate the page upright about its centre, paper-white corners; a no-op below ocr_min_skew_deg."""
    angle = estimate_skew(gray, settings)
    identity = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    if abs(angle) < settings.ocr_min_skew_deg:
        return Deskewed(image=gray, angle=0.0, inverse=identity)
    h, w = gray.shape
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    upright = cv2.warpAffine(gray, forward, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    inverse = cv2.invertAffineTransform(forward)
    return Deskewed(image=np.asarray(upright, dtype=np.uint8), angle=angle, inverse=np.asarray(inverse, dtype=np.float64))
