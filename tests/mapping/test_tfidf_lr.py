"""The numpy inference of the label model against scikit-learn's own predict_proba (the reference).

Texts: every training label, the generator's printed label variants, and drifted forms no
training row has (characters lost or doubled, spaces, Latin letters, unseen characters, empty).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor.errors import ModelError
from extractor.mapping import classifier, label_data
from extractor.mapping.normalize import normalize_label
from extractor.synth.labels import generated_label_variants

RTOL, ATOL = 1e-9, 1e-12


def _drifted(texts: list[str], seed: int) -> list[str]:
    """Forms of real labels that were never trained on: a character dropped, doubled or swapped, spaces, Latin."""
    rng = random.Random(seed)
    out: list[str] = []
    for text in texts:
        if len(text) < 2:
            continue
        i = rng.randrange(len(text))
        out += [text[:i] + text[i + 1 :], text[:i] + text[i] + text[i:], text[:i] + "  \t " + text[i:],
                text[::-1], f"{text}ABC xyz", f"（{text}）"]
    return out + ["", " ", "\n\n", "Ⅻ", "壹贰叁", "A", "总计 TOTAL", "其他\u3000\u3000处理", "1" * 40]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    training = [t for t, _ in label_data.build_training_set(classifier.DEFAULT_DATA_DIR)]
    generated = [t for t, _ in generated_label_variants(layouts=10, seed=3)]
    texts = list(dict.fromkeys(training + generated + _drifted(training[::7], seed=1)))
    trained = {normalize_label(t) for t in training}
    assert sum(normalize_label(t) not in trained for t in texts) > 300  # many texts the model never saw
    return [normalize_label(t) for t in texts]


def test_numpy_probabilities_equal_scikit_learns(texts: list[str]) -> None:
    ours = classifier.load()
    reference = classifier.load_reference()
    assert ours.classes == reference.classes
    expected = reference.model.predict_proba(texts)
    got = ours.model.predict_proba(texts)
    assert got.shape == expected.shape == (len(texts), len(ours.classes))
    assert np.allclose(got, expected, rtol=RTOL, atol=ATOL)
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def test_namespace_distributions_equal_scikit_learns(texts: list[str]) -> None:
    ours, reference = classifier.load(), classifier.load_reference()
    for namespace in ("proactive.row", "proactive.col", "requests.row", "requests.col", "review.col", "review.group"):
        for a, b in zip(ours.distributions(texts, namespace), reference.distributions(texts, namespace), strict=True):
            assert a.keys() == b.keys()
            assert np.allclose([a[k] for k in a], [b[k] for k in a], rtol=RTOL, atol=ATOL)
            assert max(a, key=lambda k: (a[k], k or "")) == max(b, key=lambda k: (b[k], k or ""))


def test_the_export_is_deterministic_and_is_what_meta_records(tmp_path: Path) -> None:
    target = tmp_path / "labels"
    shutil.copytree(classifier.DEFAULT_MODEL_DIR, target)
    shipped = (target / classifier.INFERENCE_FILE).read_bytes()
    meta = classifier.export_inference(target)
    assert (target / classifier.INFERENCE_FILE).read_bytes() == shipped  # the shipped file is the joblib's export
    recorded = json.loads((classifier.DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["inference"]
    assert meta["inference"] == recorded


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "labels"
    shutil.copytree(classifier.DEFAULT_MODEL_DIR, target)
    return target


def _edit_meta(target: Path, **changes: object) -> None:
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta.update(changes)
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_a_model_for_another_scikit_learn_is_refused(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    _edit_meta(target, sklearn_version="0.24.2")
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        classifier.load(target)


def test_an_export_that_is_not_the_recorded_one_is_refused(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    data = bytearray((target / classifier.INFERENCE_FILE).read_bytes())
    data[-200] ^= 0xFF
    (target / classifier.INFERENCE_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="not the export meta.json records"):
        classifier.load(target)


def test_a_model_without_export_or_of_another_format_is_refused(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    (target / classifier.INFERENCE_FILE).unlink()
    with pytest.raises(ModelError, match="no format-1 numpy export"):
        classifier.load(target)
    target = _copy(tmp_path / "b")
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    _edit_meta(target, inference={**meta["inference"], "format": 99})
    with pytest.raises(ModelError, match="no format-1 numpy export"):
        classifier.load(target)


def test_the_analyzer_matches_on_whitespace_case_and_repeats(tmp_path: Path) -> None:
    """The shipped labels are normalised (no spaces, no Latin); a model fitted here on raw text checks the
    rest of scikit-learn's char analyzer: whitespace runs folded to one space, lowercasing, repeated n-grams."""
    from extractor.mapping.tfidf_lr import TfidfLogistic, export

    rows = [("Total  合计", "a"), ("total\t\t合计 合计", "a"), ("其他 处理", "b"), ("其他  其他处理 X", "b"),
            ("AB ab  Ab", "c"), ("行政 复议\n\n复议", "c")]
    pipeline = classifier._pipeline(0).fit([t for t, _ in rows], [label for _, label in rows])
    export(pipeline, tmp_path / "m.npz")
    ours = TfidfLogistic(tmp_path / "m.npz")
    texts = [t for t, _ in rows] + ["TOTAL \t 合计", "ab\n\n\nAB", "其他其他其他 处理", "  复议  ", "", "x"]
    expected = pipeline.predict_proba(texts)
    got = ours.predict_proba(texts)
    assert np.allclose(got, expected, rtol=RTOL, atol=ATOL)
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()
    assert any(" " in term for term in ours.vocabulary) and "ab" in ours.vocabulary


def test_two_classes_use_the_logistic_sigmoid_like_scikit_learn(tmp_path: Path) -> None:
    from extractor.mapping.tfidf_lr import TfidfLogistic, export

    rows = [("予以公开", "open"), ("部分公开", "open"), ("不予公开", "closed"), ("无法提供", "closed")]
    pipeline = classifier._pipeline(0).fit([t for t, _ in rows], [label for _, label in rows])
    export(pipeline, tmp_path / "m.npz")
    texts = ["予以公开", "不予处理", "公开", "提供"]
    assert np.allclose(TfidfLogistic(tmp_path / "m.npz").predict_proba(texts), pipeline.predict_proba(texts),
                       rtol=RTOL, atol=ATOL)
