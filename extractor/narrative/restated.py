"""Which table quantity a restated number in prose refers to, decided by the words just before it."""

from __future__ import annotations

import re

# Cue words and the quantity they name. The cue nearest before the number wins (ties: the earlier,
# more specific entry). The four result words of table 4 ("结果维持", "结果纠正", "其他结果", "尚未审结")
# belong to 行政复议 or 行政诉讼, whichever the clause names last before the number: "{group}_…".
_GROUP = "{group}"
_KIND_CUES: tuple[tuple[str, str], ...] = (
    (r"结转下年度|结转下一年度|转入下年|结转(?:至|到)(?:下|\d{4}\s*年)", "carried_forward"),  # "结转至2026年6件"
    (r"上年结转|上年度结转|上一年度结转", "carried_over"),
    (r"部分公开", "result_partial"),
    (r"不予公开", "result_withheld"),
    (r"予以公开|同意公开", "result_open"),
    (r"无法提供", "result_unavailable"),
    (r"不予处理", "result_not_processed"),
    (r"其他结果", f"{_GROUP}_other"),
    (r"尚未审结|未审结", f"{_GROUP}_pending"),
    (r"维持", f"{_GROUP}_upheld"),
    (r"纠正|纠错", f"{_GROUP}_corrected"),
    (r"行政诉讼|起诉", "litigation_total"),
    (r"行政复议", "review_total"),
    (r"办结|答复|办理完毕", "requests_completed"),
    (r"申请|依申请", "requests_received"),
)
# A number followed by words that send it to next year ("103 件顺延到下年度答复") is carried forward.
_AFTER_FORWARD = re.compile(r"^\s*(?:件|个|宗|起)?\s*(?:结转至?下|结转到下|转入下|顺延(?:至|到)?下|延(?:至|到)下)")
_WINDOW = 40


def _group(clause: str) -> str | None:
    """Which table-4 group a result word belongs to: the last of 复议 / 诉讼 named before the number."""
    review, litigation = clause.rfind("复议"), clause.rfind("诉讼")
    if review < 0 and litigation < 0:
        return None
    return "review" if review > litigation else "litigation"


def _best(window: str, clause: str, nearest: bool) -> str | None:
    best: tuple[int, int, str] | None = None
    for rank, (pattern, kind) in enumerate(_KIND_CUES):
        if kind.startswith(_GROUP):
            group = _group(clause)
            if group is None:
                continue
            kind = kind.replace(_GROUP, group)
        ends = [m.end() for m in re.finditer(pattern, window)]
        if not ends:
            continue
        score = (ends[-1] if nearest else 0, -rank)
        if best is None or score > (best[0], best[1]):
            best = (score[0], score[1], kind)
    return best[2] if best else None


def count_kind(clause: str, after: str = "") -> str | None:
    """Kind of the number that ends `clause` (the sentence up to the number); `after` is the text
    following it ("0件结转至下一年度" names its kind after the number).

    Within the number's own clause the most specific cue wins ("上年结转…申请 2 件" is carried
    over); failing that, the cue nearest before the number in the sentence.
    """
    if _AFTER_FORWARD.match(after):
        return "carried_forward"
    own = re.split(r"[，,；;：:、（(]", clause)[-1]
    return _best(own, clause, nearest=False) or _best(clause[-_WINDOW:], clause, nearest=True)


_ZERO = (
    (re.compile(r"(未|没有)(收到|接收到|受理|发生)(?:(?!复议|诉讼)[^，。；]){0,16}申请"), "requests_received"),
    (re.compile(r"(未|没有|无)(发生|出现)?.{0,16}行政复议"), "review_total"),
    (re.compile(r"(未|没有|无)(发生|出现)?.{0,24}行政诉讼"), "litigation_total"),
)


def zero_statements(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Explicit nil statements ("未收到政府信息公开申请"): each is a restated 0."""
    found: list[tuple[str, re.Match[str]]] = []
    for pattern, kind in _ZERO:
        match = pattern.search(sentence)
        if match and not re.search(r"纠错|纠正|败诉", sentence):
            found.append((kind, match))
    return found
