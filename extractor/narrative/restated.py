"""Which table quantity a restated number in prose refers to, decided by the words just before it."""

from __future__ import annotations

import re

# Checked in order against the clause before the number: the most specific phrase wins.
_KIND_CUES: tuple[tuple[str, str], ...] = (
    (r"结转下年度|结转下一年度|转入下年", "carried_forward"),
    (r"上年结转|上年度结转|上一年度结转", "carried_over"),
    (r"部分公开", "result_partial"),
    (r"不予公开", "result_withheld"),
    (r"予以公开|同意公开", "result_open"),
    (r"无法提供", "result_unavailable"),
    (r"不予处理", "result_not_processed"),
    (r"行政复议.*(维持)|复议.*维持", "review_upheld"),
    (r"行政复议.*(纠正|纠错)", "review_corrected"),
    (r"行政诉讼|起诉", "litigation_total"),
    (r"行政复议", "review_total"),
    (r"办结|答复|办理完毕", "requests_completed"),
    (r"申请|依申请", "requests_received"),
)
_ZERO = (
    (re.compile(r"(未|没有)(收到|接收到|受理|发生).{0,12}(政府信息公开|依申请公开)?.{0,6}申请"), "requests_received"),
    (re.compile(r"(未|没有|无)(发生|出现)?.{0,16}行政复议"), "review_total"),
    (re.compile(r"(未|没有|无)(发生|出现)?.{0,24}行政诉讼"), "litigation_total"),
)


def count_kind(clause: str) -> str | None:
    """Kind of the number that ends `clause` (the sentence text up to the number)."""
    tail = re.split(r"[，,；;：:]", clause)
    window = tail[-1] if tail[-1].strip() else clause
    for pattern, kind in _KIND_CUES:
        if re.search(pattern, window):
            return kind
    for pattern, kind in _KIND_CUES:
        if re.search(pattern, clause[-30:]):
            return kind
    return None


def zero_statements(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Explicit nil statements ("未收到政府信息公开申请"): each is a restated 0."""
    found: list[tuple[str, re.Match[str]]] = []
    for pattern, kind in _ZERO:
        match = pattern.search(sentence)
        if match and not re.search(r"纠错|纠正|败诉", sentence):
            found.append((kind, match))
    return found
