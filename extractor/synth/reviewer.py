"""A reviewer who reads the page: the corrections a person would enter for a generated report.

The generator knows the truth (gold), so the corrections a careful reviewer would make can be
derived from it: only what is wrong, in the form the review app takes (a dotted path and the value
as printed). Tests and the correction-loop benchmark feed them to `add_correction`, the web app's
own code path; nothing here touches a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from extractor import schema


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def table_corrections(view: Mapping[str, Any], gold: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(path, printed value) for every cell of tables 2–4 the view has wrong; blank cells are None."""
    out: list[tuple[str, Any]] = []
    for table, rows in schema.empty_tables(gold["report"]["template"]).items():
        for row, cols in rows.items():
            for col in cols:
                want = gold["tables"][table][row][col]
                if not _same(view["tables"][table][row][col], want):
                    out.append((f"tables.{table}.{row}.{col}", want))
    return out


def narrative_corrections(view: Mapping[str, Any], keys: Mapping[str, Sequence[str]],
                          gold: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Removals of items the gold does not have and additions of the ones it has and the view misses.

    A published count is added as value, unit and the text a reviewer would select ("120条"); a
    platform by its name; a problem or fix by the words the gold names it with. Platforms are only
    added: the gold lists the channels the prose names, not every channel word the annotation
    guidelines count ("政务新媒体"), so removing the others would teach the model against the guidelines.
    """
    narrative, truth = view["narrative"], gold.get("narrative") or {}
    out: list[tuple[str, Any]] = []
    if "published" in truth:
        want = Counter((float(p["value"]), p["unit"]) for p in truth["published"])
        optional = Counter((float(p["value"]), p["unit"]) for p in truth.get("published_optional", []))
        for key, item in zip(keys["published"], narrative["published"], strict=True):
            found = (float(item["value"]), item["unit"]) if item.get("value") is not None else None
            if found is not None and want[found] > 0:
                want[found] -= 1
            elif found is not None and optional[found] > 0:
                optional[found] -= 1
            else:
                out.append((f"narrative.published.{key}", None))
        for (value, unit), n in sorted(want.items(), key=lambda kv: (str(kv[0][1]), kv[0][0])):
            number = int(value) if value.is_integer() else value
            out += [("narrative.published.new", {"value": number, "unit": unit, "text": f"{number}{unit}"})] * n
    if "platforms" in truth:  # added only: the gold lists the channels its prose names, not every channel word
        names = [p["name"] for p in narrative["platforms"]]  # the guidelines count, so a removal could be wrong
        out += [("narrative.platforms.new", {"name": name}) for name in truth["platforms"].get("required", [])
                if name not in names]
    for kind in ("problems", "fixes"):
        if kind not in truth:
            continue
        texts = [i["text"] for i in narrative[kind]]
        for key, text in zip(keys[kind], texts, strict=True):
            if not any(words in text for words in truth[kind]):
                out.append((f"narrative.{kind}.{key}", None))
        out += [(f"narrative.{kind}.new", {"text": words}) for words in truth[kind] if not any(words in t for t in texts)]
    return out
