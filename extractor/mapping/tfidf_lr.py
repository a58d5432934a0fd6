"""Char n-gram TF-IDF + logistic regression inference in numpy, from weights exported by scikit-learn.

scikit-learn trains the label model and stays the reference; importing it costs about a second,
which a one-file `xxgk extract` should not pay to apply one matrix product. `export` writes the
fitted pipeline's vocabulary, idf, coefficients and analyzer settings to an .npz beside
model.joblib; `TfidfLogistic` recomputes `predict_proba` from them exactly as scikit-learn does
(same n-grams, sublinear tf, idf, l2 norm, softmax), to floating-point rounding
(tests/mapping/test_tfidf_lr.py compares the two on many label texts).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

EXPORT_FORMAT = 1  # bump when the arrays or their meaning change; load refuses other formats
_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's VectorizerMixin._white_spaces
# The vectorizer and classifier settings this module reproduces; export refuses anything else.
_SUPPORTED_TFIDF = {"analyzer": "char", "lowercase": True, "strip_accents": None, "preprocessor": None,
                    "tokenizer": None, "binary": False, "use_idf": True, "norm": "l2", "input": "content"}


class ExportError(ValueError):
    """The fitted pipeline uses a setting this numpy inference does not reproduce, or the file is not ours."""


def export(pipeline: Any, path: Path) -> str:
    """Write a fitted Pipeline([("tfidf", TfidfVectorizer), ("clf", LogisticRegression)]) as .npz; returns its sha256."""
    tfidf, clf = pipeline.named_steps["tfidf"], pipeline.named_steps["clf"]
    params = tfidf.get_params()
    wrong = {k: params.get(k) for k, v in _SUPPORTED_TFIDF.items() if params.get(k) != v}
    if wrong:
        raise ExportError(f"TF-IDF settings not reproduced by the numpy inference: {wrong}")
    vocabulary: dict[str, int] = tfidf.vocabulary_
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[t] for t in terms] != list(range(len(terms))):
        raise ExportError("vocabulary columns are not 0..n-1")
    arrays: dict[str, NDArray[Any]] = {
        "format": np.asarray(EXPORT_FORMAT, dtype=np.int64),
        "ngram_range": np.asarray(tfidf.ngram_range, dtype=np.int64),
        "sublinear_tf": np.asarray(bool(tfidf.sublinear_tf)),
        "terms": np.asarray(terms, dtype=np.str_),
        "idf": np.asarray(tfidf.idf_, dtype=np.float64),
        "coef": np.asarray(clf.coef_, dtype=np.float64),
        "intercept": np.asarray(clf.intercept_, dtype=np.float64),
        "classes": np.asarray([str(c) for c in clf.classes_], dtype=np.str_),
    }
    with path.open("wb") as handle:  # zip members carry a fixed date: same model, same bytes
        np.savez(handle, allow_pickle=False, **arrays)
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TfidfLogistic:
    """predict_proba of the exported pipeline, in numpy; `classes` in the classifier's order."""

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            if "format" not in data or int(data["format"]) != EXPORT_FORMAT:
                raise ExportError(f"{path}: not a format-{EXPORT_FORMAT} label model export")
            low, high = (int(v) for v in data["ngram_range"])
            self.ngram_range = (low, high)
            self.sublinear_tf = bool(data["sublinear_tf"])
            self.vocabulary = {str(term): index for index, term in enumerate(data["terms"].tolist())}
            self.idf: NDArray[np.float64] = data["idf"]
            self.coef: NDArray[np.float64] = data["coef"]
            self.intercept: NDArray[np.float64] = data["intercept"]
            self.classes: list[str] = [str(c) for c in data["classes"].tolist()]
        if self.coef.shape != (1 if len(self.classes) == 2 else len(self.classes), len(self.vocabulary)):
            raise ExportError(f"{path}: coefficient shape {self.coef.shape} does not fit the vocabulary and classes")

    def _ngrams(self, text: str) -> list[str]:
        """scikit-learn's char analyzer: lowercase, runs of whitespace to one space, n-grams by length."""
        doc = _WHITE_SPACES.sub(" ", text.lower())
        low, high = self.ngram_range
        return [doc[i : i + n] for n in range(low, min(high, len(doc)) + 1) for i in range(len(doc) - n + 1)]

    def features(self, texts: Sequence[str]) -> list[tuple[NDArray[np.intp], NDArray[np.float64]]]:
        """Per text: the vocabulary columns present and their l2-normalised TF-IDF weights."""
        rows: list[tuple[NDArray[np.intp], NDArray[np.float64]]] = []
        for text in texts:
            counts = Counter(col for gram in self._ngrams(text) if (col := self.vocabulary.get(gram)) is not None)
            columns = np.fromiter(sorted(counts), dtype=np.intp, count=len(counts))
            tf = np.asarray([counts[c] for c in columns.tolist()], dtype=np.float64)
            if self.sublinear_tf:
                tf = np.log(tf) + 1.0
            weights = tf * self.idf[columns]
            norm = float(np.sqrt(np.dot(weights, weights)))
            rows.append((columns, weights / norm if norm > 0 else weights))
        return rows

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """(len(texts), len(classes)) probabilities: softmax of the decision function (sigmoid for two classes)."""
        decision = np.tile(self.intercept, (len(texts), 1))
        for row, (columns, weights) in enumerate(self.features(texts)):
            decision[row] += self.coef[:, columns] @ weights
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        shifted = decision - decision.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        proba: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
        return proba
