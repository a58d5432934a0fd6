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
# simplified → traditional for every character of the schema labels, aliases and hand-kept rows
# that has a traditional form, as mirror sites print them (the drift covers whole labels, not
# only the characters the normaliser folds back)
_CN_TO_SIMPLE_T = str.maketrans(
    "开规范执处门请务结转计总机构数属国护权项内区费采购复审诉讼维纠"
    "万业为举于会关决况减发后奖对当废应强征户报据无条来检没现确稳类纳组织经给统继续缴网罚获补认议许设访询说过这额单办动励备",
    "開規範執處門請務結轉計總機構數屬國護權項內區費採購複審訴訟維糾"
    "萬業為舉於會關決況減發後獎對當廢應強徵戶報據無條來檢沒現確穩類納組織經給統繼續繳網罰獲補認議許設訪詢說過這額單辦動勵備",
)


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


def _lost_heads(text: str) -> Iterator[str]:
    """A header wrapped in its cell, read where the first line is lost: "法律服\n务机构" → "务机构"."""
    for cut in range(1, min(3, len(text) - 3) + 1):
        yield text[cut:]


_HEADER_CUT = "\x00"  # marks a lost-head form until build_training_set has checked it is unambiguous


def _expand(texts: Iterable[str], header: bool = False) -> list[str]:
    """Every drift form of `texts`; a column or group header also loses the head of its first line
    (those forms carry _HEADER_CUT until the training set drops the ones two keys share)."""
    seen: dict[str, None] = {}
    for text in texts:
        for ordinal_form in _ordinal_variants(text):
            whole = (ordinal_form, ordinal_form.translate(_CN_TO_SIMPLE_T))  # not also cut at the tail
            for form in _drift(ordinal_form):
                if form.strip():
                    seen.setdefault(form, None)
                if header and form in whole and len(form) >= 5:
                    for cut in _lost_heads(form):
                        seen.setdefault(_HEADER_CUT + cut, None)
    return list(seen)


def _without_shared_cuts(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lost-head forms are evidence for a key only when no other key prints the same fragment
    ("项目数量" ends both 上一年项目数量 and 采购项目数量): those are dropped, the rest unmarked."""
    from .normalize import normalize_label

    labels_of: dict[str, set[str]] = {}
    for text, label in rows:
        labels_of.setdefault(normalize_label(text.lstrip(_HEADER_CUT)), set()).add(label)
    kept: dict[tuple[str, str], None] = {}
    for text, label in rows:
        if text.startswith(_HEADER_CUT):
            text = text[len(_HEADER_CUT):]
            if len(labels_of[normalize_label(text)]) > 1:
                continue
        kept.setdefault((text, label), None)
    return list(kept)


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
        for text in _expand(sorted(labels), header=True):
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
        for text in _expand([field.label, *field.aliases], header=True):
            yield text, label_of("requests.col", field.key)

    review = schema.review_litigation()
    for field in review.groups:
        for text in _expand([field.label, *field.aliases], header=True):
            yield text, label_of("review.group", field.key)
    for field in review.columns:
        for text in _expand([field.label, *field.aliases], header=True):
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
            header = label.split(":", 1)[0].endswith((".col", ".group"))
            rows.extend((variant, label) for variant in _expand([text], header=header))
    return _without_shared_cuts(rows)


def data_hash(rows: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for text, label in rows:
        digest.update(f"{text}\t{label}\n".encode())
    return digest.hexdigest()
