"""Guard for classifier tests: a test label must not be a row of the classifier's training set.

A test that asks the model about a text it was trained on passes by memorisation. The training
set is rebuilt here the way `xxgk train labels` builds it (schema labels and aliases with the
generated drift, training_data/labels/*.tsv) plus the generator's printed variants that
`--with-generated` may add, and a label is refused when it equals a training text exactly, after
the classifier's own normalisation, or after dropping punctuation and ordinals as well.
"""

from __future__ import annotations

import re
from functools import cache

from extractor.mapping import classifier, label_data
from extractor.mapping.normalize import normalize_label
from extractor.synth.labels import generated_label_variants

# generous: more generator layouts than `xxgk train labels --with-generated` is ever run with
GENERATED_LAYOUTS = 200
_PUNCTUATION_AND_ORDINALS = re.compile(r"[\W_\d]+|^[一二三四五六七八九十]+(?=、)|(?<=[（(])[一二三四五六七八九十]+(?=[)）])")


def _skeleton(text: str) -> str:
    """The label without punctuation, digits and ordinals: "（二）部分公开" → "部分公开"."""
    return _PUNCTUATION_AND_ORDINALS.sub("", normalize_label(text))


@cache
def training_rows() -> tuple[tuple[str, str], ...]:
    rows = label_data.build_training_set(classifier.DEFAULT_DATA_DIR)
    rows += generated_label_variants(layouts=GENERATED_LAYOUTS, seed=0)
    return tuple(rows)


@cache
def _forms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    texts = [text for text, _ in training_rows()]
    return frozenset(texts), frozenset(normalize_label(t) for t in texts), frozenset(_skeleton(t) for t in texts)


def seen_as(text: str) -> str | None:
    """How `text` occurs in the training set ("exact", "normalised", "skeleton"), or None."""
    exact, normalised, skeleton = _forms()
    if text in exact:
        return "exact"
    if normalize_label(text) in normalised:
        return "normalised"
    if _skeleton(text) in skeleton:
        return "skeleton"
    return None


def assert_unseen(text: str) -> None:
    """Fail when a test label is (a trivial variant of) a training row."""
    how = seen_as(text)
    assert how is None, f"test label {text!r} is in the classifier's training data ({how} match): write a new variant"
