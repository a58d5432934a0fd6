"""XML is parsed without entity expansion or external fetches (DOCX via python-docx, HTML via lxml)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from adversarial import _LAUGHS, rezip, with_doctype

from extractor.errors import CorruptFile
from extractor.readers import read_document
from extractor.settings import Settings
from extractor.synth import write_samples

SECRET = "xxgk-secret-marker-7f3a"


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return next(p for p in write_samples(tmp_path_factory.mktemp("s")) if p.suffix == ".docx").read_bytes()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read("word/document.xml")


def test_docx_billion_laughs_is_refused_quickly(tmp_path: Path, docx: bytes) -> None:
    xml = with_doctype(_document_xml(docx), _LAUGHS, b"&lol9;")
    (tmp_path / "a.docx").write_bytes(rezip(docx, replace={"word/document.xml": xml}))
    start = time.monotonic()
    with pytest.raises(CorruptFile, match="(?i)entity"):
        read_document(tmp_path / "a.docx", Settings())
    assert time.monotonic() - start < 5


def test_docx_external_entity_is_never_read(tmp_path: Path, docx: bytes, secret_file: Path) -> None:
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://%s">]>\n' % str(secret_file).encode()
    xml = with_doctype(_document_xml(docx), doctype, b"&xxe;")
    (tmp_path / "a.docx").write_bytes(rezip(docx, replace={"word/document.xml": xml}))
    try:
        doc = read_document(tmp_path / "a.docx", Settings())
    except CorruptFile as exc:
        assert SECRET not in str(exc)
    else:
        assert SECRET not in "\n".join(ln.text for ln in doc.lines)


def test_docx_core_properties_entities_not_expanded(tmp_path: Path, docx: bytes, secret_file: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        core = zf.read("docProps/core.xml")
    decl_end = core.index(b"?>") + 2
    core = (core[:decl_end] + b'<!DOCTYPE cp:coreProperties [<!ENTITY xxe SYSTEM "file://%s">]>'
            % str(secret_file).encode() + core[decl_end:])
    core = core.replace(b"<dc:title>", b"<dc:title>&xxe;", 1) if b"<dc:title>" in core else core
    (tmp_path / "a.docx").write_bytes(rezip(docx, replace={"docProps/core.xml": core}))
    try:
        doc = read_document(tmp_path / "a.docx", Settings())
    except CorruptFile:
        return
    assert SECRET not in (doc.title or "")


def test_html_entities_are_not_expanded(tmp_path: Path, secret_file: Path) -> None:
    page = (f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">'
            '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
            "<html><body><p>前&xxe;后</p><p>&lol3;</p></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    doc = read_document(tmp_path / "a.html", Settings())
    text = "\n".join(ln.text for ln in doc.lines)
    assert SECRET not in text
    assert "lol" * 100 not in text
    assert "前" in text and "后" in text
