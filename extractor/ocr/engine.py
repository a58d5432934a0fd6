"""The rapidocr wrapper: one engine per process, default bundled models only, stdout kept clean.

rapidocr 3.x ships its PP-OCR ONNX models in the wheel; any other model choice makes it download,
which fails offline, so only the defaults are used. The engine is built lazily on first use and
reused (loading costs ~1 s). rapidocr logs through its own handler and onnxruntime may print from C,
so every call runs with file descriptor 1 pointed at stderr: the CLI writes JSON to stdout.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..settings import Settings

PixelBox = tuple[float, float, float, float]

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


@dataclass(frozen=True)
class OcrBox:
    """One recognised text line: its quadrilateral in image pixels, text and score."""

    quad: tuple[tuple[float, float], ...]  # four corners, clockwise from top-left
    text: str
    score: float

    @property
    def bbox(self) -> PixelBox:
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def center(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.bbox
        return ((x0 + x1) / 2, (y0 + y1) / 2)

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


_EngineKey = tuple[int, int]
_ENGINES: dict[_EngineKey, Any] = {}
_LOCK = threading.Lock()


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """Send anything written to stdout (Python or C level) to stderr for the duration."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no fd 1 (embedded interpreters): nothing to protect
        with contextlib.redirect_stdout(sys.stderr):
            yield
        return
    try:
        os.dup2(2, 1)
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 1)
        os.close(saved)


@contextlib.contextmanager
def onnx_errors() -> Iterator[None]:
    """An allocation failure inside onnxruntime (std::bad_alloc, raw or wrapped by rapidocr) is a MemoryError."""
    try:
        yield
    except MemoryError:
        raise
    except Exception as exc:
        if "bad_alloc" in str(exc):
            raise MemoryError(f"OCR ran out of memory: {exc}") from exc
        raise


def _engine_params(settings: Settings) -> dict[str, Any]:
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Global.text_score": settings.ocr_text_score,
        # our own rendering bounds the size; rapidocr must not downscale it a second time
        "Global.max_side_len": max(settings.ocr_max_side_px, 2000),
        "Global.use_cls": False,  # pages are deskewed and upright; the 180° classifier only costs time
        "Rec.rec_batch_num": settings.ocr_rec_batch_num,
    }
    if settings.ocr_threads > 0:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = settings.ocr_threads
    return params


def get_engine(settings: Settings) -> Any:
    """The process-wide rapidocr engine for these settings, built once (thread-safe)."""
    key: _EngineKey = (settings.ocr_rec_batch_num, settings.ocr_threads)
    engine = _ENGINES.get(key)
    if engine is not None:
        return engine
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            with quiet_stdout():
                from rapidocr import RapidOCR

                logging.getLogger("RapidOCR").setLevel(logging.ERROR)
                engine = RapidOCR(params=_engine_params(settings))
            _ENGINES[key] = engine
    return engine


def recognize(image: NDArray[np.uint8], settings: Settings) -> list[OcrBox]:
    """Detect and recognise every text line of a BGR or grey image (pixel coordinates)."""
    if image.ndim == 2:
        import cv2

        image = np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
    engine = get_engine(settings)
    with quiet_stdout(), onnx_errors():
        result = engine(image, use_cls=False, text_score=settings.ocr_text_score)
    boxes = getattr(result, "boxes", None)
    txts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if boxes is None or txts is None or scores is None:
        return []
    out: list[OcrBox] = []
    for quad, text, score in zip(boxes, txts, scores, strict=True):
        if not str(text).strip():
            continue
        corners = tuple((float(x), float(y)) for x, y in np.asarray(quad).reshape(-1, 2))
        out.append(OcrBox(quad=corners, text=tidy_text(str(text)), score=float(score)))
    return drop_overlap_duplicates(out)


def is_cjk(ch: str) -> bool:
    """CJK ideographs and full-width forms: twice as wide as digits, joined without spaces."""
    if not ch:
        return False
    if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef":
        return True
    return unicodedata.east_asian_width(ch) in ("W", "F")


def glyph_weight(ch: str) -> float:
    return 2.0 if is_cjk(ch) else 1.0


def _glyphs_within(box: OcrBox, width: float) -> int:
    """How many trailing glyphs of the box lie (more than half) within `width` of its right edge."""
    unit = (box.bbox[2] - box.bbox[0]) / max(sum(glyph_weight(ch) for ch in box.text), 1.0)
    count, used = 0, 0.0
    for ch in reversed(box.text):
        w = glyph_weight(ch) * unit
        if used + w / 2 > width:
            break
        count, used = count + 1, used + w
    return count


def drop_overlap_duplicates(boxes: list[OcrBox]) -> list[OcrBox]:
    """Trim text that two overlapping boxes of one row both read ("行政许可4" + "447" → "行政许可").

    The detector sometimes cuts a line at a narrow gap with boxes that overlap; the left box then
    also reads the first glyph of the right one. Only a suffix equal to the right box's prefix and
    no wider than the overlap (plus one glyph) is removed, so distinct text is never lost.
    """
    out = list(boxes)
    for i, a in enumerate(out):
        ax0, ay0, ax1, ay1 = a.bbox
        for b in boxes:
            bx0, by0, bx1, by1 = b.bbox
            overlap = ax1 - bx0
            if b is a or not ax0 < bx0 < ax1 or min(ay1, by1) - max(ay0, by0) < 0.5 * min(ay1 - ay0, by1 - by0):
                continue
            longest = min(_glyphs_within(a, overlap), len(a.text) - 1, len(b.text))
            k = next((k for k in range(longest, 0, -1) if a.text.endswith(b.text[:k])), 0)
            if k:
                x1 = max(bx0, ax0 + 1)
                a = OcrBox(quad=((ax0, ay0), (x1, ay0), (x1, ay1), (ax0, ay1)), text=a.text[:-k], score=a.score)
                out[i] = a
                break
    return out


def tidy_text(text: str) -> str:
    """Drop the spaces OCR puts next to CJK characters ("2. 没有", "(七) 总计"); Chinese has none."""
    text = text.strip()
    return _CJK_SPACE.sub("", text)
