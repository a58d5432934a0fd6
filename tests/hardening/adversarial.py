"""A deterministic corpus of hostile and broken files, with the outcome each one must get.

`build(out_dir)` writes the files into `out_dir/corpus` (plus targets for symlinks outside it)
and returns one `Case` per path. An outcome is "ok" (a report lands), a failure code recorded by
the batch runner (e.g. "corrupt", "stream_too_large"), or "skip:<code>" for a path discovery
leaves out (empty, unrecognised, loop, missing, unreadable, not_regular). The same call always
writes the same bytes, except the encrypted PDFs (MuPDF draws a random IV and file id per save);
the symlinks, the FIFO and the chmod-000 file depend on the OS.

Files are based on the demo reports of `extractor.synth.write_samples` so that truncations and
bit flips hit real structures (xref tables, zip directories, multi-byte characters).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from extractor.synth import generate, write_samples

# Every code a reader or the pipeline may record for a damaged file: a specific reason, never a
# crash ("internal_error", "worker_crashed") and never a limit of the runner ("timeout", "memory_limit").
READER_CODES = frozenset(
    {
        "ok", "corrupt", "not_a_report", "unsupported_format", "encrypted", "empty_file", "too_many_pages",
        "page_too_large", "stream_too_large", "image_too_large", "zip_member_too_large", "html_too_large",
        "html_too_deep", "skip:unrecognised",
    }
)  # fmt: skip
CRASH_CODES = frozenset({"internal_error", "worker_crashed", "timeout", "memory_limit"})
IMAGE_LIMIT = frozenset({"image_too_large", "limit_exceeded"})  # image.py raises the generic code for now

MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    path: Path
    kind: str  # e.g. "good", "truncated-pdf", "flate-bomb"
    expect: frozenset[str]
    in_subset: bool = False  # part of the quick corpus run in `make test`

    @property
    def good(self) -> bool:
        return self.expect == frozenset({"ok"})


class _Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.cases: list[Case] = []
        self._kinds_in_subset: set[str] = set()
        self._digests: dict[str, str] = {}  # sha256 -> name of the case first written with it

    def add(self, name: str, data: bytes, kind: str, expect: Iterable[str], subset: bool | None = None) -> Path:
        """Write a case. Bytes identical to an earlier case (two samples cut to the same short
        prefix) are not written twice: the batch would rightly skip the copy as a duplicate."""
        path = self.root / name
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._digests:
            return self.root / self._digests[digest]
        self._digests[digest] = name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.note(path, kind, expect, subset)
        return path

    def note(self, path: Path, kind: str, expect: Iterable[str], subset: bool | None = None) -> None:
        """Record a case; by default the first case of each kind is in the quick subset."""
        if subset is None:
            subset = kind not in self._kinds_in_subset
        if subset:
            self._kinds_in_subset.add(kind)
        self.cases.append(Case(path, kind, frozenset(expect), subset))


# ---------------------------------------------------------------- byte-level helpers


def truncate(data: bytes, share: float) -> bytes:
    return data[: max(1, int(len(data) * share))]


def flip_bits(data: bytes, n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A well-formed PDF (header, objects 1..n, xref, trailer with /Root 1 0 R)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(dictionary: bytes, payload: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"


def deflate_zeros(n_bytes: int, fill: bytes = b"\0") -> bytes:
    """zlib data inflating to n_bytes of `fill`, made in 1 MiB steps (never n_bytes in memory)."""
    comp = zlib.compressobj(9)
    chunk = fill * (MB // len(fill))
    parts = [comp.compress(chunk) for _ in range(n_bytes // len(chunk))]
    parts.append(comp.flush())
    return b"".join(parts)


def one_page_pdf(media_box: bytes = b"0 0 595 842", content: bytes = b"", resources: bytes = b"<< >>",
                 extra: list[bytes] | None = None) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + b"] /Contents 4 0 R /Resources "
        + resources + b" >>",
        content or stream(b"", b"BT ET"),
    ]
    return pdf_from_objects(objects + (extra or []))


def png(width: int, height: int, idat: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _info(name: str) -> zipfile.ZipInfo:
    """A member header with a fixed timestamp (zipfile would stamp the current time)."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def rezip(docx: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(_info(info.filename), data)
        for name, data in (add or {}).items():
            dst.writestr(_info(name), data)
        dst.comment = comment
    return out.getvalue()


def docx_with_big_member(docx: bytes, n_bytes: int) -> bytes:
    """The report plus word/media/bomb.bin inflating to n_bytes of zeros (streamed, ~1000:1)."""
    out = io.BytesIO(rezip(docx))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf, zf.open(_info("word/media/bomb.bin"), "w") as member:
        chunk = b"\0" * MB
        for _ in range(n_bytes // MB):
            member.write(chunk)
    return out.getvalue()


def lie_about_size(zip_bytes: bytes, member: str, declared: int) -> bytes:
    """Patch the local and central headers of `member` to declare `declared` uncompressed bytes."""
    data = bytearray(zip_bytes)
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    name = member.encode()
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, declared)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


_LAUGHS = (
    b'<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b'<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
)


def with_doctype(xml: bytes, doctype: bytes, body_text: bytes) -> bytes:
    """Insert a DOCTYPE after the XML declaration and a paragraph using its entities first in w:body."""
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    xml = xml[:decl_end] + b"\n" + doctype + xml[decl_end:]
    body = xml.index(b"<w:body>") + len(b"<w:body>")
    return xml[:body] + b"<w:p><w:r><w:t>" + body_text + b"</w:t></w:r></w:p>" + xml[body:]


# ---------------------------------------------------------------- the corpus


def _pdf_encrypted(pdf: bytes, method: int, user_pw: str) -> bytes:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    out = doc.tobytes(encryption=method, owner_pw="owner-secret", user_pw=user_pw, permissions=0)
    doc.close()
    return bytes(out)


def _many_pages(n: int) -> bytes:
    doc = pymupdf.open()
    for _ in range(n):
        doc.new_page(width=595, height=842)
    doc.set_metadata({})  # no creation date
    out = doc.tobytes(garbage=1, deflate=True, no_new_id=True)
    doc.close()
    return bytes(out)


def build(out_dir: Path) -> list[Case]:
    """Write the corpus into out_dir/corpus and return its cases (≥ 200)."""
    root = out_dir / "corpus"
    root.mkdir(parents=True)
    c = _Corpus(root)
    sample_dir = out_dir / "samples"
    samples = write_samples(sample_dir)
    extra = generate(6, ["2019", "2021"], ["pdf", "docx", "html-flat"], seed=7, out_dir=out_dir / "more")
    by_format: dict[str, list[bytes]] = {}
    for path in samples:
        data = path.read_bytes()
        c.add(f"good/{path.name}", data, "good", {"ok"}, subset=True)
        by_format.setdefault(path.suffix.lstrip("."), []).append(data)
    for path in extra:
        c.add(f"good/{path.name}", path.read_bytes(), "good", {"ok"}, subset=False)
    pdf, docx, html, txt = (by_format[k][0] for k in ("pdf", "docx", "html", "txt"))

    # mislabelled good files (bytes made unique so discovery does not drop them as duplicates)
    c.add("mislabelled/report_pdf.html", pdf + b"\n", "mislabelled", {"ok"})
    c.add("mislabelled/report_docx.pdf", rezip(docx, comment=b"mislabelled"), "mislabelled", {"ok"})
    c.add("mislabelled/report_html.txt", html + b"\n", "mislabelled", {"ok"})
    c.add("mislabelled/report_txt.docx", txt + b"\n", "mislabelled", {"ok"})

    # truncated and bit-flipped copies of every sample
    damaged = READER_CODES
    for path in samples:
        data = path.read_bytes()
        ext = path.suffix.lstrip(".")
        for share in (0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99):
            c.add(f"truncated/{path.stem}_{int(share * 100):02d}.{ext}", truncate(data, share),
                  f"truncated-{ext}", damaged)
        for n, seed in [(1, 1), (1, 2), (4, 3), (4, 4), (16, 5), (16, 6), (64, 7), (64, 8), (256, 9), (1024, 10)]:
            c.add(f"bitflip/{path.stem}_{n}_{seed}.{ext}", flip_bits(data, n, seed), f"bitflip-{ext}", damaged)

    # encrypted PDFs: an empty user password opens (and must extract); a real one cannot
    methods = {"rc4-40": pymupdf.PDF_ENCRYPT_RC4_40, "rc4-128": pymupdf.PDF_ENCRYPT_RC4_128,
               "aes-128": pymupdf.PDF_ENCRYPT_AES_128, "aes-256": pymupdf.PDF_ENCRYPT_AES_256}
    for i, source in enumerate(by_format["pdf"]):
        for label, method in methods.items():
            c.add(f"encrypted/empty_user_pw_{label}_{i}.pdf", _pdf_encrypted(source, method, ""),
                  "encrypted-empty-pw", {"ok"}, subset=label == "aes-256")
            c.add(f"encrypted/user_pw_{label}_{i}.pdf", _pdf_encrypted(source, method, "secret"),
                  "encrypted", {"encrypted"}, subset=label == "aes-256")

    # page counts and page boxes
    c.add("pdf/zero_pages.pdf", pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                  b"<< /Type /Pages /Kids [] /Count 0 >>"]),
          "zero-pages", {"corrupt"})
    c.add("pdf/pages_2000.pdf", _many_pages(2000), "too-many-pages", {"too_many_pages"})
    c.add("pdf/pages_301.pdf", _many_pages(301), "too-many-pages", {"too_many_pages"})
    for name, box in [("wide", b"0 0 200000 842"), ("tall", b"0 0 595 3000000"), ("huge", b"0 0 1000000000 1000000000"),
                      ("negative", b"-500000 -500000 500000 500000")]:
        c.add(f"pdf/page_box_{name}.pdf", one_page_pdf(box), "giant-page", {"page_too_large"})

    # decompression bombs
    c.add("bombs/flate_content_100mb.pdf", one_page_pdf(content=stream(b"/Filter /FlateDecode",
                                                                        deflate_zeros(100 * MB, b" "))),
          "flate-bomb", {"stream_too_large"})
    bomb_xobject = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode",
                          deflate_zeros(80 * MB, b"0 0 m "))
    c.add("bombs/flate_form_80mb.pdf", one_page_pdf(
        content=stream(b"", b"q /F1 Do Q"), resources=b"<< /XObject << /F1 5 0 R >> >>", extra=[bomb_xobject]),
        "flate-bomb", {"stream_too_large"})
    for w, h in [(60000, 60000), (100000, 1000)]:
        image = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Filter /FlateDecode" % (w, h), deflate_zeros(MB))
        c.add(f"bombs/pdf_image_{w}x{h}.pdf", one_page_pdf(
            content=stream(b"", b"q 500 0 0 500 0 0 cm /Im1 Do Q"),
            resources=b"<< /XObject << /Im1 5 0 R >> >>", extra=[image]), "pdf-image-bomb", {"image_too_large"})
    c.add("bombs/png_60000x60000.png", png(60000, 60000, deflate_zeros(MB)), "png-bomb", IMAGE_LIMIT)
    c.add("bombs/png_12000x12000.png", png(12000, 12000, deflate_zeros(MB)), "png-bomb", IMAGE_LIMIT)
    c.add("bombs/docx_member_100mb.docx", docx_with_big_member(docx, 100 * MB), "docx-zip-bomb",
          {"zip_member_too_large"})
    big = docx_with_big_member(docx, 80 * MB)
    c.add("bombs/docx_member_lies_about_size.docx", lie_about_size(big, "word/media/bomb.bin", 4096),
          "docx-zip-lie", {"corrupt"})
    c.add("bombs/docx_3000_members.docx", rezip(docx, add={f"word/media/m{i}.bin": b"x" for i in range(3000)}),
          "docx-many-members", {"zip_member_too_large"})
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        document_xml = zf.read("word/document.xml")
    laughs = with_doctype(document_xml, _LAUGHS, b"&lol9;&xxe;")
    c.add("bombs/docx_billion_laughs.docx", rezip(docx, replace={"word/document.xml": laughs}),
          "docx-entities", {"corrupt"})  # libxml2 refuses the amplification: never expanded
    xxe = with_doctype(document_xml, b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
                       b"&xxe;")
    c.add("bombs/docx_external_entity.docx", rezip(docx, replace={"word/document.xml": xxe}),
          "docx-entities", {"corrupt"}, subset=True)  # undefined without DTD loading: refused, never read
    span = document_xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="999999999"/>', 1)
    span = span.replace(b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>', 1)
    c.add("bombs/docx_grid_span.docx", rezip(docx, replace={"word/document.xml": span}),
          "docx-grid-span", {"ok", "not_a_report"})

    # HTML: charsets, size, depth, spans, entities
    html_text = html.decode("gb18030")
    meta = '<meta charset="gbk">'
    assert meta in html_text
    variants = {
        "gbk_no_charset": html_text.replace(meta, "").encode("gb18030"),
        "gbk_labelled_utf8": html_text.replace(meta, '<meta charset="utf-8">').encode("gb18030"),
        "utf8_labelled_gbk": html_text.encode("utf-8"),
        "utf8_no_charset": html_text.replace(meta, "").encode("utf-8"),
        "utf8_bogus_label": html_text.replace(meta, '<meta charset="x-no-such-charset">').encode("utf-8"),
        "gbk_http_equiv_big5": html_text.replace(
            meta, '<meta http-equiv="Content-Type" content="text/html; charset=big5">').encode("gb18030"),
    }
    for name, data in variants.items():
        c.add(f"html/charset_{name}.html", data, "html-charset", {"ok"}, subset=name == "gbk_labelled_utf8")
    one_line = html_text.replace("\r", "").replace("\n", " ")
    pad = "<p>" + "公开" * (5 * MB // 6) + "</p>"
    c.add("html/single_line_10mb.html", one_line.replace("</body>", pad + "</body>").encode("utf-8"),
          "html-one-line-10mb", {"ok"})
    c.add("html/over_limit_21mb.html", (one_line + "<p>" + "x" * (21 * MB) + "</p>").encode("utf-8"),
          "html-too-large", {"html_too_large"})
    for depth in (230, 100_000):
        c.add(f"html/nested_div_{depth}.html", ("<html><body>" + "<div>" * depth + "深" + "</div>" * depth
                                                 + "</body></html>").encode(), "html-deep", {"html_too_deep"})
    c.add("html/nested_table_300.html", ("<html><body>" + "<table><tr><td>" * 300 + "深" + "</td></tr></table>"
                                         * 300 + "</body></html>").encode(), "html-deep", {"html_too_deep"})
    rows = "".join('<tr><td rowspan="0" colspan="1000">x</td></tr>' for _ in range(3000))
    c.add("html/span_bomb.html", f"<html><body><table>{rows}</table></body></html>".encode(),
          "html-span-bomb", {"html_too_large"})
    entity_page = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                   '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n')
    c.add("html/entities.html", (entity_page + html_text.replace(
        "<body>", "<body><p>&xxe;&lol2;</p>")).encode("utf-8"), "html-entities", {"ok"})

    # text oddities
    txt_text = txt.decode("utf-8") if not txt.startswith(b"\xef\xbb\xbf") else txt[3:].decode("utf-8")
    c.add("text/utf16_no_bom.txt", txt_text.encode("utf-16-le"), "text-encoding", {"ok"})
    c.add("text/nul_bytes.txt", txt.replace(b"\n", b"\n\x00", 3), "text-encoding", {"ok", "skip:unrecognised"})
    c.add("text/single_line_10mb.txt", ("公开" * (5 * MB // 6)).encode("utf-8"), "text-one-line-10mb",
          {"not_a_report"})

    # garbage, wrong containers, empties, size
    for i, n in enumerate((100, 10_000, 1_000_000)):
        c.add(f"garbage/random_{n}.pdf", random_bytes(n, 100 + i), "garbage", {"skip:unrecognised"})
    c.add("garbage/pdf_header_then_noise.pdf", b"%PDF-1.7\n" + random_bytes(50_000, 200), "garbage-pdf",
          {"corrupt"})
    c.add("garbage/zip_header_then_noise.docx", b"PK\x03\x04" + random_bytes(50_000, 201), "garbage",
          {"skip:unrecognised"})
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_info("report.pdf"), pdf)
    c.add("garbage/report_inside.zip", zipped.getvalue(), "zip-container", {"skip:unrecognised"})
    c.add("garbage/report.json", b'{"agency": "x", "tables": {}}', "json", {"skip:unsupported"})
    for ext in ("pdf", "docx", "html", "txt"):
        c.add(f"empty/empty.{ext}", b"", "empty", {"skip:unrecognised"})
    huge = root / "size/sparse_201mb.pdf"
    huge.parent.mkdir(parents=True)
    with huge.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(201 * MB)  # sparse: costs no disk, reads as zeros
    c.note(huge, "file-too-large", {"file_too_large"})

    _filesystem_cases(c, out_dir, txt)
    return c.cases


def _filesystem_cases(c: _Corpus, out_dir: Path, txt: bytes) -> None:
    """Symlinks (good, broken, self-loop, folder loop), a FIFO and a chmod-000 file."""
    links = c.root / "links"
    links.mkdir()
    outside = out_dir / "outside"
    outside.mkdir()
    target = outside / "linked_report.txt"
    target.write_bytes(txt + b"\n\n")
    (links / "to_report.txt").symlink_to(target)
    c.note(links / "to_report.txt", "symlink", {"ok"})
    (links / "broken.pdf").symlink_to(outside / "does_not_exist.pdf")
    c.note(links / "broken.pdf", "symlink-broken", {"skip:missing"})
    (links / "self.pdf").symlink_to(links / "self.pdf")
    c.note(links / "self.pdf", "symlink-self-loop", {"skip:unreadable"})
    (links / "loop").symlink_to(c.root)
    c.note(links / "loop", "symlink-folder-loop", {"skip:loop"})
    os.mkfifo(links / "fifo.pdf")
    c.note(links / "fifo.pdf", "fifo", {"skip:not_regular"})
    locked = c.root / "unreadable/locked.txt"
    locked.parent.mkdir()
    locked.write_bytes(txt + b"\n\n\n")
    locked.chmod(0)
    # root reads through chmod 000 (CI runs as root): then the file is simply extracted
    c.note(locked, "unreadable", {"ok"} if os.geteuid() == 0 else {"skip:unreadable"})
