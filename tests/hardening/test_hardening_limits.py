"""Each limit in Settings has its own error code, raised before the expensive work it guards."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from adversarial import (
    MB,
    deflate_zeros,
    docx_with_big_member,
    lie_about_size,
    one_page_pdf,
    pdf_from_objects,
    png,
    rezip,
    stream,
)

from extractor import errors
from extractor.batch import worker
from extractor.readers import read_document
from extractor.settings import Settings
from extractor.synth import write_samples


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    paths = write_samples(tmp_path_factory.mktemp("samples"))
    return {p.suffix.lstrip("."): p.read_bytes() for p in reversed(paths)}


def _code(tmp_path: Path, name: str, data: bytes, settings: Settings | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        read_document(path, settings or Settings())
    except errors.ExtractorError as exc:
        return exc.code
    return "ok"


def test_every_limit_code_is_distinct_and_a_limit() -> None:
    limits = [errors.FileTooLarge, errors.TooManyPages, errors.PageTooLarge, errors.StreamTooLarge,
              errors.ZipMemberTooLarge, errors.ImageTooLarge, errors.HtmlTooLarge, errors.HtmlTooDeep]
    codes = [cls.code for cls in limits]
    assert codes == ["file_too_large", "too_many_pages", "page_too_large", "stream_too_large",
                     "zip_member_too_large", "image_too_large", "html_too_large", "html_too_deep"]
    assert all(issubclass(cls, errors.LimitExceeded) for cls in limits)
    # the two limits the batch runner enforces around a worker process
    assert (worker.TIMEOUT, worker.MEMORY_LIMIT) == (errors.TIMEOUT_CODE, errors.MEMORY_LIMIT_CODE)


def test_file_size(tmp_path: Path, samples: dict[str, bytes]) -> None:
    assert _code(tmp_path, "a.txt", samples["txt"], Settings(max_file_bytes=100)) == "file_too_large"


def test_page_count(tmp_path: Path, samples: dict[str, bytes]) -> None:
    assert _code(tmp_path, "a.pdf", samples["pdf"], Settings(max_pages=1)) == "too_many_pages"


@pytest.mark.parametrize("box", [b"0 0 14401 842", b"0 0 595 1000000", b"-8000 -8000 8000 8000"])
def test_page_box(tmp_path: Path, box: bytes) -> None:
    assert _code(tmp_path, "a.pdf", one_page_pdf(box)) == "page_too_large"


def test_flate_bomb_is_stopped_while_inflating(tmp_path: Path) -> None:
    pdf = one_page_pdf(content=stream(b"/Filter /FlateDecode", deflate_zeros(8 * MB, b" ")))
    start = time.monotonic()
    assert _code(tmp_path, "a.pdf", pdf, Settings(max_stream_bytes=2 * MB)) == "stream_too_large"
    assert _code(tmp_path, "b.pdf", pdf, Settings(max_pdf_inflate_bytes=4 * MB)) == "stream_too_large"
    assert time.monotonic() - start < 5
    assert _code(tmp_path, "c.pdf", pdf) in ("ok", "not_a_report")  # 8 MB of spaces is within the defaults


def test_image_pixels_in_a_pdf(tmp_path: Path) -> None:
    image = stream(b"/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter /FlateDecode", deflate_zeros(MB))
    pdf = one_page_pdf(content=stream(b"", b"q 500 0 0 500 0 0 cm /Im1 Do Q"),
                       resources=b"<< /XObject << /Im1 5 0 R >> >>", extra=[image])
    assert _code(tmp_path, "a.pdf", pdf) == "image_too_large"


def test_image_pixels_in_a_png_file(tmp_path: Path) -> None:
    # image.py (OCR) is another module's: it raises the generic LimitExceeded code for now
    assert _code(tmp_path, "a.png", png(40000, 40000, deflate_zeros(MB))) in ("image_too_large", "limit_exceeded")


def test_zero_pages_is_corrupt(tmp_path: Path) -> None:
    pdf = pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    assert _code(tmp_path, "a.pdf", pdf) == "corrupt"


def test_docx_member_declared_size(tmp_path: Path, samples: dict[str, bytes]) -> None:
    bomb = docx_with_big_member(samples["docx"], 4 * MB)
    assert _code(tmp_path, "a.docx", bomb, Settings(max_zip_member_bytes=2 * MB)) == "zip_member_too_large"
    assert _code(tmp_path, "b.docx", bomb, Settings(max_zip_total_bytes=3 * MB)) == "zip_member_too_large"


def test_docx_member_lying_about_its_size_is_caught_before_python_docx(tmp_path: Path,
                                                                       samples: dict[str, bytes]) -> None:
    lie = lie_about_size(docx_with_big_member(samples["docx"], 4 * MB), "word/media/bomb.bin", 100)
    assert _code(tmp_path, "a.docx", lie) == "corrupt"  # zipfile stops at the declared size; the CRC fails


def test_docx_member_count(tmp_path: Path, samples: dict[str, bytes]) -> None:
    many = rezip(samples["docx"], add={f"m{i}.bin": b"" for i in range(50)})
    assert _code(tmp_path, "a.docx", many, Settings(max_zip_members=40)) == "zip_member_too_large"


def test_html_size_and_depth(tmp_path: Path, samples: dict[str, bytes]) -> None:
    assert _code(tmp_path, "a.html", samples["html"], Settings(max_html_bytes=1000)) == "html_too_large"
    deep = ("<html><body>" + "<div>" * 60 + "深" + "</div>" * 60 + "</body></html>").encode()
    assert _code(tmp_path, "b.html", deep, Settings(max_html_depth=50)) == "html_too_deep"
    assert _code(tmp_path, "c.html", deep) == "ok"  # within the default depth


def test_html_span_bomb(tmp_path: Path) -> None:
    rows = '<tr><td rowspan="0" colspan="1000">x</td></tr>' * 1100
    start = time.monotonic()
    assert _code(tmp_path, "a.html", f"<table>{rows}</table>".encode()) == "html_too_large"
    assert time.monotonic() - start < 10


def test_unreadable_paths_are_errors_not_oserrors(tmp_path: Path) -> None:
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(errors.UnreadableFile):
        read_document(tmp_path / "folder.pdf", Settings())
    (tmp_path / "loop.pdf").symlink_to(tmp_path / "loop.pdf")
    with pytest.raises(errors.UnreadableFile):
        read_document(tmp_path / "loop.pdf", Settings())


def test_empty_user_password_opens_and_extracts(tmp_path: Path, samples: dict[str, bytes]) -> None:
    import pymupdf

    doc = pymupdf.open(stream=samples["pdf"], filetype="pdf")
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="")
    secret = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="user")
    (tmp_path / "plain.pdf").write_bytes(samples["pdf"])
    (tmp_path / "locked.pdf").write_bytes(locked)
    plain = read_document(tmp_path / "plain.pdf", Settings())
    opened = read_document(tmp_path / "locked.pdf", Settings())
    assert [ln.text for ln in opened.lines] == [ln.text for ln in plain.lines]
    assert _code(tmp_path, "secret.pdf", secret) == "encrypted"


def test_truncated_docx_is_corrupt_not_unknown(tmp_path: Path, samples: dict[str, bytes]) -> None:
    data = samples["docx"]
    for share in (0.3, 0.9):
        assert _code(tmp_path, f"t{share}.docx", data[: int(len(data) * share)]) == "corrupt"


def test_zip_without_word_parts_is_unsupported(tmp_path: Path, samples: dict[str, bytes]) -> None:
    out = io.BytesIO()
    # deflated: a *stored* PDF as the first member shows "%PDF-" within 1024 bytes and is read as a PDF
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.pdf", samples["pdf"])
    assert _code(tmp_path, "a.zip", out.getvalue()) == "unsupported_format"
