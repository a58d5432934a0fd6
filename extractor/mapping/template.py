"""Template version (2019 or 2021) from the tables themselves, per the spec's tells."""

from __future__ import annotations

from .. import schema
from .normalize import normalize_label


def detect_template(table2_text: str, year: int | None) -> tuple[schema.TemplateVersion, bool]:
    """(version, certain). Table 2's header words decide; the year only breaks a tie."""
    text = normalize_label(table2_text)
    score = {t: sum(text.count(normalize_label(tell)) for tell in schema.proactive(t).tells) for t in schema.TEMPLATES}
    if score["2021"] != score["2019"]:
        return ("2021" if score["2021"] > score["2019"] else "2019"), True
    if year is not None and year <= 2020:
        return "2019", False
    return "2021", False
