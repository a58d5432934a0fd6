"""Word segmentation (jieba with the domain dictionary) and sentence/enumeration splitting.

jieba is configured once: quiet logging, and its prefix dictionary (jieba's words plus the user
dictionary, so channel words stay whole: 微信公众号, not 微信/公众号) from this user's cache folder,
loaded only where a text needs it (jieba_dict.py); nothing is written to /tmp.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass
from importlib import resources as importlib_resources

import jieba
import spacy
import spacy.util
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer
from spacy.vocab import Vocab

from ..resources import user_cache_dir
from .jieba_dict import PrefixDictionary, load_arrays

USERDICT = importlib_resources.files(__package__).joinpath("userdict.txt")
_LOCK = threading.Lock()
_READY = False


def setup_jieba() -> None:
    """Initialise jieba once per process: its dictionary with ours, from the per-user cache (built there on first use)."""
    global _READY
    with _LOCK:
        if _READY:
            return
        jieba.setLogLevel(logging.ERROR)
        PrefixDictionary(load_arrays(USERDICT.read_bytes(), user_cache_dir())).install(jieba.dt)
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


@spacy.util.registry.tokenizers("xxgk.jieba_tokenizer.v1")  # type: ignore[untyped-decorator]
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
_INLINE_ITEM = re.compile(rf"(?<=[，,、：:\s])(?={_ENUM_WORD}|(?:[（(][一二三四五六七八九十][)）]))|(?<=[，,\s])(?=[2-9][.、．](?!\d))")


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


# ------------------------------------------------------------------ hard-wrapped text

_FOOTER = re.compile(r"[ \t]*[-—–－][ \t]*\d{1,3}[ \t]*[-—–－][ \t]*")
_LINE_END_PUNCT = frozenset("。；;！？!?：:")
WRAP_MIN_LINES = 3  # fewer long lines than this never look hard-wrapped
WRAP_MIN_CHARS = 10  # shorter lines (table cells, headings) do not measure the width
WRAP_FULL_SHARE = 0.4  # share of lines at (near) full width that marks a wrapped layout
WRAP_NEAR_FULL = 0.85  # a line this close to the full width was wrapped by the layout, not ended by the author
WRAP_OVER_FULL = 1.2  # half-width digits and blanks make some full lines longer


def wrap_width(text: str) -> int | None:
    """The layout's full line width when `text` (a whole document) is hard-wrapped, else None.

    Lines of at least WRAP_MIN_CHARS count (table cells are shorter); their most common length is
    the width, and a good share of them must come near it.
    """
    widths = [len(line.strip()) for line in text.split("\n")
              if len(line.strip()) >= WRAP_MIN_CHARS and not _FOOTER.fullmatch(line)]
    if len(widths) < WRAP_MIN_LINES:
        return None
    full_width = Counter(widths).most_common(1)[0][0]
    near = [w for w in widths if WRAP_NEAR_FULL * full_width <= w <= WRAP_OVER_FULL * full_width]
    return full_width if len(near) >= max(WRAP_MIN_LINES, WRAP_FULL_SHARE * len(widths)) else None


def unwrap(text: str, width: int | None) -> tuple[str, tuple[int, ...]]:
    """Join the layout's line breaks inside paragraphs (PDF text layers) and drop page footers ("- 4 -").

    `width` is the document's wrap width (wrap_width); a line that long and not ended by sentence
    punctuation continues on the next line. Returns the joined text and, for each of its characters
    plus one end slot, the offset in `text`. Without a width only footers go.
    """
    lines: list[tuple[int, int]] = []  # [start, end) of each line
    start = 0
    for match in re.finditer(r"\n", text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    footer = [bool(_FOOTER.fullmatch(text[s:e])) for s, e in lines]
    keep_break = [True] * len(lines)
    for index, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if width and not footer[index] and line and len(line) >= WRAP_NEAR_FULL * width and line[-1] not in _LINE_END_PUNCT:
            keep_break[index] = False
    if not any(footer) and all(keep_break):
        return text, tuple(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    pending_join = False
    for index, (s, e) in enumerate(lines):
        if footer[index]:
            continue  # a footer between two halves of a paragraph keeps the join decided before it
        if index > 0 and not pending_join and out:
            out.append("\n")
            origin.append(s - 1)
        out.append(text[s:e])
        origin.extend(range(s, e))
        pending_join = not keep_break[index]
    origin.append(len(text))
    return "".join(out), tuple(origin)
