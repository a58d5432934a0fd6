"""Page pictures and running text through extractor.api: the boxes the pipeline reports land on ink."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractor import api
from extractor.errors import UnreadableFile
from extractor.readers.render import NotPaged, PageOutOfRange
from extractor.settings import DEFAULT_SETTINGS
from extractor.synth import generate


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(1, ["2021"], ["pdf"], 21, tmp_path_factory.mktemp("render"))[0]


def _grey(png: bytes) -> np.ndarray:  # type: ignore[type-arg]
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float64)


def test_a_pdf_page_is_drawn_where_its_cell_boxes_say(pdf: Path) -> None:
    report = api.extract(pdf)
    sizes = api.page_sizes(pdf)
    assert len(sizes) == report.source.pages and sizes[0] == pytest.approx((595.0, 842.0), abs=1)
    zoom = 2.0
    inked = checked = 0
    for path, prov in report.provenance.items():
        value = report.tables[path.split(".")[1]][path.split(".")[2]][path.split(".")[3]]
        if prov.page is None or prov.bbox is None or value is None:
            continue
        pixels = _grey(api.render_page(pdf, prov.page, zoom))
        assert pixels.shape[1] == round(sizes[prov.page - 1][0] * zoom)
        x0, y0, x1, y1 = (round(v * zoom) for v in prov.bbox)
        inside = pixels[y0 + 3:y1 - 3, x0 + 3:x1 - 3]  # inside the ruling lines: only the printed value
        inked += int(inside.min() < 128)
        checked += 1
        if checked >= 12:
            break
    assert checked == 12 and inked == checked  # every valued cell's box holds dark pixels (its digits)
    top_margin = _grey(api.render_page(pdf, 1, zoom))[0:round(30 * zoom), :]
    assert top_margin.min() > 250  # and paper outside print stays white


def test_pages_that_do_not_exist_and_unpaged_files_are_named(pdf: Path, tmp_path: Path) -> None:
    with pytest.raises(PageOutOfRange, match="page 9 does not exist"):
        api.render_page(pdf, 9)
    html = generate(1, ["2021"], ["html"], 21, tmp_path)[0]
    with pytest.raises(NotPaged, match="has no pages"):
        api.page_sizes(html)
    with pytest.raises(UnreadableFile, match="cannot be read"):
        api.render_page(tmp_path / "missing.pdf", 1)


def test_an_image_page_uses_the_image_readers_points(tmp_path: Path) -> None:
    width, height = 400, 300
    image = Image.new("L", (width, height), 255)
    image.paste(0, (100, 100, 140, 120))
    path = tmp_path / "scan.png"
    image.save(path)
    scale = 72.0 / DEFAULT_SETTINGS.image_assumed_dpi
    assert api.page_sizes(path) == [(width * scale, height * scale)]
    pixels = _grey(api.render_page(path, 1, zoom=1.0))
    assert pixels.shape == (round(height * scale), round(width * scale))
    x, y = round(120 * scale), round(110 * scale)  # the black patch, at its point coordinates
    assert pixels[y, x] < 50 and pixels[5, 5] > 250


def test_running_text_is_what_narrative_spans_point_into(pdf: Path) -> None:
    report = api.extract(pdf)
    running = api.running_text(pdf)
    item = report.narrative.published[0]
    assert item.span is not None
    assert running.text[item.span[0]:item.span[1]] == item.text
    boxes = running.boxes(*item.span)
    assert boxes and {page for page, _ in boxes} == {item.page}
