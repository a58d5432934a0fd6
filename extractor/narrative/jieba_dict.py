"""jieba's prefix dictionary, built once per user and loaded only where a text needs it.

jieba builds a dictionary of 500,000 words and word prefixes before its first cut: ~0.7 s from
dict.txt, and still 0.3-1 s to unmarshal from its own cache file (a fixed name in /tmp, shared
by every user of the machine). A report needs a few percent of it: every lookup jieba makes while
cutting a sentence is a substring of that sentence, so a word is only looked up where its first
two characters occur in the text. This module stores the finished dictionary (jieba's dict.txt
plus our user dictionary, exactly as `jieba.initialize` + `jieba.load_userdict` leave it) grouped
by those two characters, in this user's cache folder, and feeds jieba the groups a sentence
needs before jieba builds the sentence's word graph. The dictionary is the same, so the cuts are
the same (tests/narrative/test_jieba_dict.py compares with a plainly initialised jieba).

"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .lean_imports import jieba

FORMAT = 1  # bump when the file layout changes: the cache key changes with it
_SHIFT = 21  # Unicode code points fit in 21 bits: a pair of characters is one int64
_LOCK = threading.Lock()


def _pair_code(pair: str) -> int:
    return (ord(pair[0]) << _SHIFT) | ord(pair[1])


def _jieba_dict_path() -> Path:
    return Path(str(jieba.__file__)).with_name(jieba.DEFAULT_DICT_NAME)


def cache_key(userdict: bytes) -> str:
    """Changes with this file format, jieba's version and dictionary, and the user dictionary's bytes."""
    digest = hashlib.sha256(f"{FORMAT}:{jieba.__version__}:{_jieba_dict_path().stat().st_size}:".encode())
    digest.update(userdict)
    return digest.hexdigest()[:20]


def reference_tokenizer(userdict: bytes) -> Any:
    """A jieba.Tokenizer set up the plain way (dict.txt, then the user dictionary), writing no cache file."""
    tokenizer = jieba.Tokenizer()
    with _jieba_dict_path().open("rb") as handle:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(handle)
    tokenizer.initialized = True
    tokenizer.load_userdict(io.BytesIO(userdict))
    return tokenizer


def _force_split_words(userdict: bytes) -> list[str]:
    """User words given frequency 0: jieba.add_word registers them with its HMM (finalseg) as well."""
    words = []
    for line in userdict.decode("utf-8").lstrip("\ufeff").splitlines():
        match = jieba.re_userdict.match(line.strip())
        if line.strip() and match and match.group(2) is not None and int(match.group(2).strip()) == 0:
            words.append(match.group(1))
    return words


def build_arrays(userdict: bytes) -> dict[str, NDArray[Any]]:
    """The finished dictionary as arrays: one-character entries, and longer ones grouped by their first two characters."""
    reference = reference_tokenizer(userdict)
    freq: dict[str, int] = reference.FREQ
    singles = sorted(k for k in freq if len(k) == 1)
    longer = sorted((k for k in freq if len(k) >= 2), key=lambda k: (_pair_code(k), k))
    codes: list[int] = []
    entry_starts: list[int] = []
    byte_starts: list[int] = []
    offset = 0
    for index, word in enumerate(longer):
        code = _pair_code(word)
        if not codes or codes[-1] != code:
            codes.append(code)
            entry_starts.append(index)
            byte_starts.append(offset)
        offset += len(word.encode("utf-8")) + 1  # the word and its "\n"
    entry_starts.append(len(longer))
    byte_starts.append(offset)
    blob = "".join(f"{word}\n" for word in longer).encode("utf-8")
    return {
        "format": np.asarray(FORMAT, dtype=np.int64),
        "total": np.asarray(reference.total, dtype=np.int64),
        "single_chars": np.asarray("".join(singles), dtype=np.str_),
        "single_freqs": np.asarray([freq[k] for k in singles], dtype=np.int64),
        "codes": np.asarray(codes, dtype=np.int64),
        "entry_starts": np.asarray(entry_starts, dtype=np.int32),
        "byte_starts": np.asarray(byte_starts, dtype=np.int32),
        "words": np.frombuffer(blob, dtype=np.uint8),
        "freqs": np.asarray([freq[k] for k in longer], dtype=np.int32),
        "force_split": np.asarray(_force_split_words(userdict), dtype=np.str_),
    }


def _write_atomically(path: Path, arrays: dict[str, NDArray[Any]]) -> bool:
    """Write next to `path`, then rename: a process reading it never sees half a file. False if unwritable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, allow_pickle=False, **arrays)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        return False
    return True


def load_arrays(userdict: bytes, cache_dir: Path) -> dict[str, NDArray[Any]]:
    """The arrays from this user's cache, built and saved there on the first run (in memory when it is read-only)."""
    path = cache_dir / f"jieba-dict-{cache_key(userdict)}.npz"
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        if int(arrays["format"]) == FORMAT:
            return arrays
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass  # absent, unreadable or damaged: build it again
    arrays = build_arrays(userdict)
    _write_atomically(path, arrays)
    return arrays


class PrefixDictionary:
    """Feeds a jieba.Tokenizer's FREQ the word groups of each sentence before jieba cuts it."""

    def __init__(self, arrays: dict[str, NDArray[Any]]) -> None:
        self.total = int(arrays["total"])
        chars = str(arrays["single_chars"])
        self.singles = dict(zip(chars, arrays["single_freqs"].tolist(), strict=True))
        self.codes: NDArray[np.int64] = arrays["codes"]
        self.entry_starts: NDArray[np.int32] = arrays["entry_starts"]
        self.byte_starts: NDArray[np.int32] = arrays["byte_starts"]
        self.words = arrays["words"].tobytes()
        self.freqs: NDArray[np.int32] = arrays["freqs"]
        self.force_split = [str(w) for w in arrays["force_split"].tolist()]
        self.loaded_pairs: set[str] = set()

    def install(self, tokenizer: Any) -> None:
        """Make `tokenizer` (jieba.dt) use this dictionary: it never builds or reads its own."""
        tokenizer.FREQ = dict(self.singles)
        tokenizer.total = self.total
        tokenizer.initialized = True
        for word in self.force_split:
            jieba.finalseg.add_force_split(word)
        plain_get_dag = tokenizer.get_DAG

        def get_dag(sentence: str) -> dict[int, list[int]]:
            self.feed(tokenizer.FREQ, sentence)
            dag: dict[int, list[int]] = plain_get_dag(sentence)
            return dag

        tokenizer.get_DAG = get_dag  # every cut (precise, HMM, full, for search) builds its graph here
        plain_add_word = tokenizer.add_word

        def add_word(word: str | bytes, freq: int | str | None = None, tag: str | None = None) -> None:
            self.feed(tokenizer.FREQ, jieba.strdecode(word)[:2])  # its group first, so a later load cannot undo it
            plain_add_word(word, freq, tag)

        tokenizer.add_word = add_word  # also behind del_word and suggest_freq(tune=True)

    def feed(self, freq: dict[str, int], sentence: str) -> None:
        """Add to `freq` the entries that start with a character pair of `sentence` (each group once)."""
        pairs = {sentence[i : i + 2] for i in range(len(sentence) - 1)} - self.loaded_pairs
        if not pairs or not len(self.codes):
            return
        wanted = np.fromiter((_pair_code(p) for p in pairs), dtype=np.int64, count=len(pairs))
        where = np.minimum(np.searchsorted(self.codes, wanted), len(self.codes) - 1)
        found = where[self.codes[where] == wanted]
        with _LOCK:
            for e0, e1, b0, b1 in zip(self.entry_starts[found].tolist(), self.entry_starts[found + 1].tolist(),
                                      self.byte_starts[found].tolist(), self.byte_starts[found + 1].tolist(),
                                      strict=True):
                words = self.words[b0 : b1 - 1].decode("utf-8").split("\n")
                freq.update(zip(words, self.freqs[e0:e1].tolist(), strict=True))
            self.loaded_pairs |= pairs
