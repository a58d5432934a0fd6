"""One key per body: the same agency writes its name with and without spaces, in full- or
half-width brackets, and as 人民政府 or 政府. Sinks store the key, checks and assessments group by it."""

from __future__ import annotations

import unicodedata

_BRACKETS = str.maketrans("", "", "()[]{}<>（）【】〔〕［］｛｝〈〉《》「」『』")


def normalise_agency(name: str | None) -> str | None:
    """A comparison key for an agency name: NFKC, no spaces or brackets, 人民政府 → 政府."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not ch.isspace()).translate(_BRACKETS)
    text = text.replace("人民政府", "政府")
    return text or None
