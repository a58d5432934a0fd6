"""Word segmentation (jieba with the domain dictionary) and sentence/enumeration splitting.

jieba is configured once: quiet logging, its cache in a writable directory (a read-only /tmp must
not break extraction), and the user dictionary so channel words stay whole (微信公众号, not 微信/公众号).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer
from spacy.vocab import Vocab

USERDICT = Path(__file__).with_name("userdict.txt")
_LOCK = threading.Lock()
_READY = False


def _cache_dir() -> str | None:
    """First writable place for jieba's dictionary cache; None when there is none (then it just rebuilds)."""
    candidates = [os.environ.get("XXGK_CACHE_DIR"), os.path.join(Path.home(), ".cache", "xxgk"), tempfile.gettempdir()]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            os.makedirs(candidate, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    return None


def setup_jieba() -> None:
    """Initialise jieba once per process with our cache location and user dictionary."""
    global _READY
    with _LOCK:
        if _READY:
            return
        jieba.setLogLevel(logging.ERROR)
        directory = _cache_dir()
        if directory is None:
            jieba.setLogLevel(logging.CRITICAL)  # cache write fails silently; segmentation still works
        jieba.dt.tmp_dir = directory
        jieba.initialize()
        with USERDICT.open("rb") as handle:
            jieba.load_userdict(handle)
        _READY = True


_DIGIT_SPLIT = re.compile(r"\d+|[^\d]+")
_AFTER_NUMBER = frozenset("年万余多元条件篇期次场份宗起个项轮通部则批")
_BEFORE_NUMBER = frozenset("近约逾超")


class JiebaTokenizer(DummyTokenizer):
    """jieba's precise mode without HMM, with digit runs split from text.

    HMM merges unknown characters into words such as "条政"; counts and years then never align
    with token boundaries. Without it a number is always its own token.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        setup_jieba()

    def __call__(self, text: str) -> Doc:
        pieces: list[str] = []
        for piece in jieba.cut(text, cut_all=False, HMM=False):
            if piece and any(ch.isdigit() for ch in piece) and not piece.isdigit():
                pieces.extend(_DIGIT_SPLIT.findall(piece))
            elif piece:
                pieces.append(piece)
        words: list[str] = []
        for index, piece in enumerate(pieces):
            after_digit = index > 0 and pieces[index - 1][-1:].isdigit()
            before_digit = index + 1 < len(pieces) and pieces[index + 1][:1].isdigit()
            if len(piece) > 1 and after_digit and piece[0] in _AFTER_NUMBER:
                words.extend([piece[0], piece[1:]])  # "2024" + "年度" → "年" "度": the span stops at 年
            elif len(piece) > 1 and before_digit and piece[-1] in _BEFORE_NUMBER:
                words.extend([piece[:-1], piece[-1]])  # "将近" + "300" → "将" "近"
            else:
                words.append(piece)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@spacy.registry.tokenizers("xxgk.jieba_tokenizer.v1")
def create_jieba_tokenizer() -> object:
    """Registered so a saved pipeline names its tokenizer and reloads it from config."""

    def factory(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return factory


def blank_pipeline() -> Language:
    """spaCy blank "zh" with our jieba tokenizer (no pkuseg, no download)."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "xxgk.jieba_tokenizer.v1"}}})


# ------------------------------------------------------------------ sentences


@dataclass(frozen=True)
class Sentence:
    """A sentence as [start, end) offsets into the text it was cut from, list marker stripped."""

    start: int
    end: int
    text: str
    enumerated: bool  # opened by a list marker ("一是", "（二）", "2.")


_CUT = re.compile(r"[。；;！？!?\n]")
_ENUM_WORD = r"[一二三四五六七八九十]是"
_ENUM_MARK = r"[（(][一二三四五六七八九十\d]{1,2}[)）]|[①-⑩]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]、"
_LEADING = re.compile(rf"(?:\s|{_ENUM_MARK})+")
# Inside one sentence: a new item starts at "二是" or "（二）" / "2." after a comma or space.
_INLINE_ITEM = re.compile(rf"(?<=[，,、：:\s])(?={_ENUM_WORD}|(?:[（(][二三四五六七八九十][)）]))|(?<=[，,\s])(?=[2-9][.、．](?!\d))")


def split_sentences(text: str, enumerations: bool = False) -> list[Sentence]:
    """Cut at 。；;!? and line ends; with `enumerations`, also before inline "二是"/"（二）"/"2." items.

    Leading list markers are stripped and the remaining text is a verbatim slice of `text`.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _CUT.finditer(text):
        bounds.append((start, match.end() if match.group() != "\n" else match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    if enumerations:
        finer: list[tuple[int, int]] = []
        for begin, end in bounds:
            cuts = [m.start() for m in _INLINE_ITEM.finditer(text, begin, end) if m.start() > begin]
            edges = [begin, *cuts, end]
            finer.extend(zip(edges, edges[1:], strict=False))
        bounds = finer
    sentences: list[Sentence] = []
    for begin, end in bounds:
        lead = _LEADING.match(text, begin, end)
        body_start = lead.end() if lead else begin
        enumerated = lead is not None and bool(lead.group().strip())
        if re.match(_ENUM_WORD, text[body_start:end]):
            enumerated = True
        while end > body_start and text[end - 1].isspace():
            end -= 1
        if end - body_start < 2 or not re.search(r"[\u4e00-\u9fff]", text[body_start:end]):
            continue  # digit-only fragments are table cells
        sentences.append(Sentence(body_start, end, text[body_start:end], enumerated))
    return sentences
