"""Encoding detection: GB labels decode as GB18030, wrong labels fall back to sniffing, nothing is lost."""

from __future__ import annotations

import codecs

import pytest

from extractor.readers.charset import decode_bytes, normalize_label

# 镕 and 堃 are outside GB2312 but inside GBK/GB18030; 𠀀 (U+20000) is GB18030 four-byte only.
TEXT = "本机关全年收到申请十二件，经办人王镕、李堃。"


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == (TEXT, "utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_bom(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + TEXT.encode(encoding)) == (TEXT, encoding)


def test_bom_wins_over_declared_label() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), declared="gbk") == (TEXT, "utf-8")


@pytest.mark.parametrize("label", ["gb2312", "GB2312", "gbk", "x-gbk", "GB_2312-80", "cp936", "gb18030"])
def test_gb_labels_decode_as_gb18030(label: str) -> None:
    data = TEXT.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # the reason for the rule: 镕/堃 are not in GB2312
    assert decode_bytes(data, declared=label) == (TEXT, "gb18030")


def test_four_byte_gb18030_character_survives() -> None:
    text = "罕见字𠀀仍保留"
    assert decode_bytes(text.encode("gb18030"), declared="gbk") == (text, "gb18030")


def test_wrong_utf8_label_over_gbk_bytes_is_sniffed() -> None:
    assert decode_bytes(TEXT.encode("gbk"), declared="utf-8") == (TEXT, "gb18030")


def test_unknown_label_is_ignored() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), declared="no-such-charset") == (TEXT, "utf-8")


def test_declared_big5_is_honoured() -> None:
    text = "政府資訊公開"
    assert decode_bytes(text.encode("big5"), declared="big5") == (text, "big5")


def test_sniff_utf8_before_gb18030() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_sniff_gbk_without_label() -> None:
    assert decode_bytes(TEXT.encode("gbk")) == (TEXT, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_with_ascii(encoding: str) -> None:
    text = "Report 2024: 申请 12 件, 办结 10 件"
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_undecodable_bytes_are_replaced_not_dropped() -> None:
    data = ("本年度共收到申请" * 4).encode() + b"\xff\xfe\x80" + "十件，全部办结".encode()
    text, encoding = decode_bytes(b"x" + data)  # "x" first: no BOM
    assert encoding.endswith("+replace")
    assert "\ufffd" in text
    assert encoding == "utf-8+replace"
    assert text.startswith("x本年度共收到申请") and text.endswith("十件，全部办结")


def test_damaged_gbk_falls_back_to_gb18030_with_replacements() -> None:
    data = TEXT.encode("gbk") + b"\xff"
    text, encoding = decode_bytes(data)
    assert encoding == "gb18030+replace"
    assert text == TEXT + "\ufffd"


def test_normalize_label() -> None:
    assert normalize_label(" GB2312 ") == "gb18030"
    assert normalize_label("UTF8") == "utf-8"
    assert normalize_label("'gbk'") == "gb18030"
