"""rapidocr's two halves used separately: the recogniser alone on crops we cut, the detector on regions.

Full-page OCR spends about half of a page's time in text detection over the whole image, and the
recogniser pads every crop to at least 320×48 pixels. On a ruled table the grid already says where
every text line is, and most cells hold a short number: reading the cells' crops with the recogniser
alone, each padded only to its batch's widest crop, is several times cheaper than the engine call.

rapidocr 3.x builds its stages lazily as objects of the engine (`_load_rec_model`, `_load_det_model`);
we use those objects and their ONNX sessions and decoders, the default bundled models, and nothing
that downloads (pyproject pins rapidocr < 4; tests/ocr/test_ocr_cell_path.py fails if they move).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..settings import Settings
from .engine import OcrBox, drop_overlap_duplicates, get_engine, onnx_errors, quiet_stdout, tidy_text

Gray = NDArray[np.uint8]

DET_STRIDE = 32  # the detector's input sides must be multiples of this
PAD_WASTE = 0.15  # a recogniser batch pads its crops by at most this share of their own width
TURN_ASPECT = 1.5  # a detected box this many times taller than wide may be vertical text (rapidocr's ratio)
VERTICAL_GLYPHS = 1.8  # ... and is, when it is also this many typical glyph sizes tall


_ARENA_LOCK = threading.Lock()


@dataclass(frozen=True)
class Reading:
    """The recogniser's text for one crop and its confidence (mean CTC character probability)."""

    text: str
    score: float


def _with_arena(rec: Any) -> None:
    """Give the recogniser's ONNX session a memory arena, once per engine.

    rapidocr builds every session without one, so each run maps and zeroes its buffers afresh
    (the recogniser's output alone is 18,710 floats per 8 pixels of line). The cell path calls
    the recogniser about twenty times a page with similar shapes: with an arena it measured ~6 %
    less wall time and nearly no system time, and a lower peak RSS. Only the recogniser gets one:
    the detector's full-page buffers kept in an arena doubled the full-page path's peak RSS.
    """
    import onnxruntime as ort

    old = rec.session.session
    options = old.get_session_options()
    if options.enable_cpu_mem_arena:
        return
    options.enable_cpu_mem_arena = True
    rec.session.session = ort.InferenceSession(old._model_path, sess_options=options, providers=old.get_providers())


def _stage(settings: Settings, name: str) -> Any:
    """The engine's recogniser ("rec") or detector ("det"), loaded once like the engine itself."""
    engine = get_engine(settings)
    with quiet_stdout():
        if name != "rec":
            return engine._load_det_model()
        rec = engine._load_rec_model()
        if settings.ocr_rec_mem_arena:
            with _ARENA_LOCK:
                _with_arena(rec)
        return rec


def _line_input(image: Gray, height: int) -> NDArray[np.float32]:
    """One crop as the recogniser's input: `height` pixels high, aspect kept, normalised to [-1, 1].

    Never stretched to a minimum width: a widened "0" reads as "O"; the batch pads it with grey.
    """
    h, w = image.shape[:2]
    width = max(int(math.ceil(height * w / max(h, 1))), 1)
    resized = cv2.resize(image, (width, height), interpolation=cv2.INTER_LINEAR if h < height else cv2.INTER_AREA)
    return np.asarray(resized, dtype=np.float32) / 127.5 - 1.0


def _batches(widths: Sequence[int], size: int) -> list[list[int]]:
    """Indices grouped into recogniser batches: by width, at most `size`, padding ≤ PAD_WASTE of the work.

    The recogniser's cost is proportional to the padded width of each batch, so a batch is closed
    before a wider crop would pad its narrower members by more than PAD_WASTE in total.
    """
    order = sorted(range(len(widths)), key=lambda i: (widths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        actual = sum(widths[j] for j in current) + widths[i]
        if current and (len(current) >= size or (len(current) + 1) * widths[i] > (1 + PAD_WASTE) * actual):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def read_lines(images: Sequence[Gray], settings: Settings) -> list[Reading]:
    """Recognise each grey crop as one text line, in batches of similar widths (recogniser only).

    Crops are sorted by width and each batch is padded with grey to its widest member (never
    below `ocr_rec_min_width_px`, under which single digits lose confidence), the way rapidocr pads,
    but without its 320-pixel floor that makes a one-digit cell cost as much as a long label,
    and without mixing short and long crops in one batch.
    """
    if not images:
        return []
    rec = _stage(settings, "rec")
    height = int(rec.rec_image_shape[1])
    inputs = [_line_input(img, height) for img in images]
    out: list[Reading | None] = [None] * len(inputs)
    with quiet_stdout(), onnx_errors():
        for members in _batches([img.shape[1] for img in inputs], settings.ocr_cell_batch_num):
            width = max(max(inputs[i].shape[1] for i in members), settings.ocr_rec_min_width_px)
            tensor = np.zeros((len(members), 3, height, width), dtype=np.float32)  # 0 = mid-grey, rapidocr's padding
            for k, i in enumerate(members):
                tensor[k, :, :, : inputs[i].shape[1]] = inputs[i][None]
            preds = rec.session(tensor)
            ratios = [inputs[i].shape[1] / height for i in members]
            results, _ = rec.postprocess_op(preds, False, wh_ratio_list=ratios, max_wh_ratio=width / height)
            for k, i in enumerate(members):
                text, score = results[k]
                out[i] = Reading(text=str(text), score=float(score))
    return [r if r is not None else Reading("", 0.0) for r in out]


def detection_scale(page_shape: tuple[int, ...]) -> float:
    """The scale rapidocr's detector would apply to the whole page (it enlarges a short side to 736 px).

    Regions cut from the page are detected at the page's scale, so a one-line strip is not blown up.
    """
    short = min(page_shape[0], page_shape[1])
    return 736.0 / short if 0 < short < 736 else 1.0


def _straight_crop(image: Gray, quad: NDArray[np.float32]) -> Gray:
    """A detected quadrilateral warped into an upright rectangle (rapidocr's transform, without its turn)."""
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    warp = cv2.getPerspectiveTransform(quad, target)
    crop = cv2.warpPerspective(image, warp, (max(width, 1), max(height, 1)), borderMode=cv2.BORDER_REPLICATE,
                               flags=cv2.INTER_CUBIC)
    return np.asarray(crop, dtype=np.uint8)


def _line_crops(image: Gray, quads: Sequence[NDArray[np.float32]]) -> list[Gray]:
    """Detected boxes as recogniser inputs; a box is turned 90° only when it is a vertical run of glyphs.

    rapidocr turns every crop at least 1.5 times taller than wide, so a lone dash or digit whose
    box comes out narrow ("-" in a 12×20 box) is read sideways ("1"). A vertical label holds at
    least two glyphs: it is turned only when it is also at least VERTICAL_GLYPHS times the
    region's typical glyph size (the median short side of its boxes) tall.
    """
    crops = [_straight_crop(image, q) for q in quads]
    glyph = float(np.median([min(c.shape[:2]) for c in crops])) if crops else 0.0
    return [np.rot90(c).copy() if c.shape[0] >= TURN_ASPECT * c.shape[1] and c.shape[0] >= VERTICAL_GLYPHS * glyph
            else c for c in crops]


def detect_lines(image: Gray, scale: float, settings: Settings) -> list[OcrBox]:
    """Detect and recognise the text lines of a grey image region at `scale` (pixel boxes of `image`).

    Used on the parts of a page that have no trusted grid (prose, titles, page numbers) and on cells
    that cannot be cut into lines; the results pass the same score filter, space tidying and overlap
    trimming as the full-page engine call.
    """
    h, w = image.shape[:2]
    if h < 4 or w < 4:
        return []
    det = _stage(settings, "det")
    in_h = max(int(round(h * scale / DET_STRIDE)) * DET_STRIDE, DET_STRIDE)
    in_w = max(int(round(w * scale / DET_STRIDE)) * DET_STRIDE, DET_STRIDE)
    bgr = cv2.cvtColor(cv2.resize(image, (in_w, in_h)), cv2.COLOR_GRAY2BGR)
    mean, std = np.asarray(det.mean, dtype=np.float32), np.asarray(det.std, dtype=np.float32)
    tensor = ((bgr.astype(np.float32) / 255.0 - mean) / std).transpose(2, 0, 1)[None].astype(np.float32)
    with quiet_stdout(), onnx_errors():
        preds = det.session(tensor)
        quads, _ = det.postprocess_op(preds, (h, w))
    if len(quads) == 0:
        return []
    quads = det.sorted_boxes(np.asarray(quads, dtype=np.float32))
    crops = _line_crops(image, [np.asarray(q, dtype=np.float32) for q in quads])
    readings = read_lines(crops, settings)
    out: list[OcrBox] = []
    for quad, reading in zip(quads, readings, strict=True):
        if reading.score < settings.ocr_text_score or not reading.text.strip():
            continue
        corners = tuple((float(x), float(y)) for x, y in np.asarray(quad).reshape(-1, 2))
        out.append(OcrBox(quad=corners, text=tidy_text(reading.text), score=reading.score))
    return drop_overlap_duplicates(out)
