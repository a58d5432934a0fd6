"""The training set of the label classifier: schema labels, their variants, and "unknown" rows.

Variants are generated from the schema (the single copy of the official labels) with the drift
seen in real reports — ordinals and brackets changed or dropped, group headings prefixed, words
cut by wrapping, traditional characters — plus the hand-kept examples in training_data/labels/.
Generation is deterministic: the same schema and files give the same rows, in the same order.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import schema

UNKNOWN = "unknown"
NAMESPACES = ("proactive.row", "proactive.col", "requests.row", "requests.col", "review.group", "review.col")

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")
_CN_TO_SIMPLE_T = str.maketrans("开规范执处门请务结转计总机构数属国护权项内区费采购复审诉讼维纠", "開規範執處門請務結轉計總機構數屬國護權項內區費採購複審訴訟維糾")


def label_of(namespace: str, key: str) -> str:
    return f"{namespace}:{key}"


def _ordinal_variants(text: str) -> Iterator[str]:
    yield text
    match = _ORDINAL.match(text)
    if not match:
        return
    body = text[match.end() :]
    ordinal = match.group(0)
    yield body
    digit = re.match(r"(\d+)", ordinal)
    if digit:
        n = digit.group(1)
        for form in (f"{n}、", f"{n}．", f"{n} ", f"({n})", f"（{n}）", f"{n}.", f"{n}, "):
            yield form + body
    else:
        yield ordinal.replace("（", "(").replace("）", ")") + body
        yield ordinal.replace("、", ".") + body
        yield ordinal.replace("、", " ") + body


def _drift(text: str) -> Iterator[str]:
    """Truncation by wrapping, traditional characters, dropped guidance, quote forms."""
    yield text
    core = _ORDINAL.sub("", text)
    if len(core) >= 4:
        yield text[:-1]
        yield text[:-2] if len(core) >= 6 else text[:-1]
    yield text.translate(_CN_TO_SIMPLE_T)
    guidance = re.sub(r"[（(][^）)]{4,}[)）]$", "", text)
    if guidance != text:
        yield guidance
    if "“" in text:
        yield text.replace("“", '"').replace("”", '"')
        yield text.replace("“", "").replace("”", "")


def _expand(texts: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        for ordinal_form in _ordinal_variants(text):
            for form in _drift(ordinal_form):
                if form.strip():
                    seen.setdefault(form, None)
    return list(seen)


def _schema_rows() -> Iterator[tuple[str, str]]:
    proactive_rows: dict[str, set[str]] = {}
    proactive_cols: dict[str, set[str]] = {}
    for template in schema.TEMPLATES:
        p = schema.proactive(template)
        for field in p.rows:
            proactive_rows.setdefault(field.key, set()).update((field.label, *field.aliases))
        for field in p.columns:
            proactive_cols.setdefault(field.key, set()).update((field.label, *field.aliases))
    for key, labels in sorted(proactive_rows.items()):
        for text in _expand(sorted(labels)):
            yield text, label_of("proactive.row", key)
    for key, labels in sorted(proactive_cols.items()):
        for text in _expand(sorted(labels)):
            yield text, label_of("proactive.col", key)

    requests = schema.requests()
    for field in requests.rows:
        bases = [field.label, *field.aliases]
        prefixed = list(bases)
        if field.group:
            prefixed += [field.group + b for b in bases]
            if field.group != "三、本年度办理结果":
                prefixed += ["三、本年度办理结果" + field.group + b for b in bases]
        for text in _expand(prefixed):
            yield text, label_of("requests.row", field.key)
    for field in requests.columns:
        for text in _expand([field.label, *field.aliases]):
            yield text, label_of("requests.col", field.key)

    review = schema.review_litigation()
    for field in review.groups:
        for text in _expand([field.label, *field.aliases]):
            yield text, label_of("review.group", field.key)
    for field in review.columns:
        for text in _expand([field.label, *field.aliases]):
            yield text, label_of("review.col", field.key)


def read_hand_kept(directory: Path) -> list[tuple[str, str]]:
    """Rows of every *.tsv under `directory`: text, label (namespace:key or "unknown")."""
    rows: list[tuple[str, str]] = []
    for path in sorted(directory.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.reader(handle, delimiter="\t"):
                if not record or record[0].startswith("#") or len(record) < 2:
                    continue
                rows.append((record[0], record[1].strip()))
    return rows


def build_training_set(hand_kept_dir: Path) -> list[tuple[str, str]]:
    """Schema-derived variants followed by the hand-kept rows (hand-kept rows are not expanded
    by ordinal drift when they are "unknown")."""
    rows = list(_schema_rows())
    for text, label in read_hand_kept(hand_kept_dir):
        if label == UNKNOWN:
            rows.append((text, label))
        else:
            rows.extend((variant, label) for variant in _expand([text]))
    return rows


def data_hash(rows: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for text, label in rows:
        digest.update(f"{text}\t{label}\n".encode())
    return digest.hexdigest()
