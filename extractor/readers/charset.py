"""Turn the bytes of a web page or text file into text without losing a character.

Chinese government pages are labelled gb2312 or gbk yet routinely contain characters outside
those sets (人名 such as 镕, 堃); Python's gb2312/gbk codecs fail on them or, with a lenient
error handler, drop them. GB18030 is a superset of both, so every GB label decodes as GB18030.
Labels are also often wrong (utf-8 declared over GBK bytes), so a declared charset is only
trusted when the bytes decode strictly with it; otherwise the encoding is sniffed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import CorruptFile

# Every label the WHATWG Encoding Standard maps to GBK or GB18030, plus Python/Windows aliases.
_GB_LABELS = frozenset(
    {
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "x-gbk",
        "gb18030",
        "cp936",
        "ms936",
        "windows-936",
        "euc-cn",
        "euccn",
        "x-euc-cn",
    }
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of NUL bytes at even (big-endian) or odd (little-endian) offsets that marks BOM-less
# UTF-16. ASCII-heavy UTF-16 text has ~50% there; UTF-8 and GB18030 text has none at all.
_UTF16_NUL_SHARE = 0.2
_UTF16_SAMPLE_BYTES = 4096

# Largest share of U+FFFD among non-ASCII characters at which damaged bytes are read as UTF-8.
_UTF8_DAMAGE_SHARE = 0.1

REPLACED_SUFFIX = "+replace"


def normalize_label(label: str) -> str:
    """A declared charset label as a Python codec name; GB labels become gb18030."""
    name = label.strip().strip("'\"").lower()
    if name in _GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def utf16_guess(data: bytes) -> str | None:
    """utf-16-le / utf-16-be when the NUL bytes sit on one parity, as in BOM-less UTF-16."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    half = len(sample) // 2
    if half == 0 or b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    guess = None
    if odd_nuls / half >= _UTF16_NUL_SHARE and odd_nuls > even_nuls:
        guess = "utf-16-le"
    elif even_nuls / half >= _UTF16_NUL_SHARE and even_nuls > odd_nuls:
        guess = "utf-16-be"
    return guess if guess and _reads_as_text(sample[: half * 2], guess) else None


def _reads_as_text(sample: bytes, encoding: str) -> bool:
    """Binary with NULs on one parity is not text: the decoded characters must be printable."""
    decoded = sample.decode(encoding, errors="replace")
    if not decoded:
        return False
    printable = sum(1 for ch in decoded if ch.isprintable() or ch in "\t\n\r")
    return printable / len(decoded) >= 0.95


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used).

    Order: a BOM (UTF-8/UTF-16); the declared charset if the bytes decode strictly with it (GB
    labels as gb18030); BOM-less UTF-16 when NUL bytes say so (checked before UTF-8 because
    ASCII in UTF-16 is also valid UTF-8); strict UTF-8; strict GB18030. Bytes that decode with
    nothing are decoded with U+FFFD replacement characters (never silently dropped), and the
    encoding name then ends in "+replace" so a caller can warn.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _strict(body, encoding)
            if text is not None:
                return text, encoding
            return body.decode(encoding, errors="replace"), encoding + REPLACED_SUFFIX

    if declared:
        encoding = normalize_label(declared)
        text = _strict(data, encoding)
        if text is not None:
            return text, encoding

    utf16 = utf16_guess(data)
    if utf16 is not None:
        text = _strict(data, utf16)
        if text is not None:
            return text, utf16

    for encoding in ("utf-8", "gb18030"):
        text = _strict(data, encoding)
        if text is not None:
            return text, encoding

    # Nothing decodes cleanly. GB18030 accepts almost any byte pair, so counting its errors says
    # little; UTF-8 with a few damaged bytes (a truncated download) shows as a low error share.
    text = data.decode("utf-8", errors="replace")
    non_ascii = sum(1 for char in text if ord(char) > 0x7F)
    if text.count("\ufffd") <= _UTF8_DAMAGE_SHARE * max(non_ascii, 1):
        return text, "utf-8" + REPLACED_SUFFIX
    return data.decode("gb18030", errors="replace"), "gb18030" + REPLACED_SUFFIX


def decoded_lines(path: Path, data: bytes) -> list[str]:
    """A text file's lines, whatever its encoding and line endings (NULs dropped); CorruptFile names the file."""
    try:
        text, _encoding = decode_bytes(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise CorruptFile(str(path), f"text could not be decoded: {exc}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").split("\n")
