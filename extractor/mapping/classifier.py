"""The table-label classifier: char n-gram TF-IDF + logistic regression, one artifact in models/.

The model only picks keys; values always come from the cells themselves. At prediction time the
probabilities are restricted to one namespace (e.g. the rows of table 3) plus "unknown" and
renormalised, so one artifact serves every table and axis.

scikit-learn trains it (model.joblib, the reference); extraction applies the weights exported
beside it (inference.npz, tfidf_lr.py) in numpy, so `xxgk extract` never imports scikit-learn.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from .. import resources
from ..errors import ModelError
from . import label_data
from .normalize import normalize_label
from .tfidf_lr import EXPORT_FORMAT, ExportError, TfidfLogistic, export

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MODEL_NAME = "labels"
MODEL_VERSION = resources.LABELS_VERSION
DEFAULT_MODEL_DIR = resources.model_dir(resources.LABELS_FOLDER)
DEFAULT_DATA_DIR = resources.training_data_root() / "labels"
INFERENCE_FILE = "inference.npz"  # the numpy export of model.joblib that extraction loads


def _schema_hash() -> str:
    from importlib import resources as importlib_resources

    digest = hashlib.sha256()
    folder = importlib_resources.files("extractor.schema")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")):
        digest.update(folder.joinpath(name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Prediction:
    key: str | None  # None means "unknown"
    probability: float
    distribution: dict[str | None, float]


class ProbabilityModel(Protocol):
    """What the classifier needs of a model: the numpy export, or scikit-learn's pipeline (the reference)."""

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float64]: ...


class LabelClassifier:
    """A fitted model plus its label list; `predict` restricts to one namespace."""

    def __init__(self, model: ProbabilityModel, classes: Sequence[str]) -> None:
        self.model = model
        self.classes: list[str] = [str(c) for c in classes]

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline) -> LabelClassifier:
        """The scikit-learn pipeline itself (training and the equivalence test use it)."""
        return cls(pipeline, [str(c) for c in pipeline.classes_])

    def distributions(self, texts: Sequence[str], namespace: str) -> list[dict[str | None, float]]:
        """For each text: P(key | text) over the namespace's keys and None (unknown)."""
        if not texts:
            return []
        proba = self.model.predict_proba([normalize_label(t) for t in texts])
        prefix = namespace + ":"
        columns = [i for i, c in enumerate(self.classes) if c.startswith(prefix) or c == label_data.UNKNOWN]
        keys: list[str | None] = [
            None if self.classes[i] == label_data.UNKNOWN else self.classes[i][len(prefix) :] for i in columns
        ]
        result: list[dict[str | None, float]] = []
        for row in proba:
            sub = np.asarray([row[i] for i in columns], dtype=float)
            total = float(sub.sum()) or 1.0
            result.append({key: float(p) / total for key, p in zip(keys, sub, strict=True)})
        return result

    def predict(self, text: str, namespace: str) -> Prediction:
        dist = self.distributions([text], namespace)[0]
        best = max(dist.items(), key=lambda item: (item[1], item[0] or ""))
        return Prediction(key=best[0], probability=best[1], distribution=dist)


def _pipeline(seed: int) -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=1, max_features=6000)),
            ("clf", LogisticRegression(C=20.0, max_iter=3000, random_state=seed)),
        ]
    )


def _split(rows: list[tuple[str, str]], seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A fixed held-out fifth, chosen by a seeded shuffle of the distinct texts."""
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    held = set(order[: len(rows) // 5])
    return [r for i, r in enumerate(rows) if i not in held], [r for i, r in enumerate(rows) if i in held]


def train(
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    seed: int = 0,
    extra_rows: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Fit on all rows after measuring accuracy on a held-out fifth; write model + export + meta.json.

    `extra_rows` adds (text, label) pairs, e.g. the generator's printed label variants. By default
    it reads training_data/labels and writes models/labels-v<N> of the source checkout.
    """
    import joblib
    import sklearn

    data_dir = data_dir or DEFAULT_DATA_DIR
    out_dir = out_dir or resources.training_output_dir(resources.LABELS_FOLDER)
    rows = label_data.build_training_set(data_dir) + list(extra_rows)
    deduped = list(dict.fromkeys((normalize_label(t), label) for t, label in rows))
    train_rows, held_rows = _split(deduped, seed)
    probe = _pipeline(seed).fit([t for t, _ in train_rows], [lab for _, lab in train_rows])
    held_pred = probe.predict([t for t, _ in held_rows]) if held_rows else []
    held_accuracy = float(np.mean([p == lab for p, (_, lab) in zip(held_pred, held_rows, strict=True)])) if held_rows else 1.0

    model = _pipeline(seed).fit([t for t, _ in deduped], [lab for _, lab in deduped])
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out_dir / "model.joblib", compress=3)
    meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "sklearn_version": sklearn.__version__,
        "schema_hash": _schema_hash(),
        "data_hash": label_data.data_hash(deduped),
        "seed": seed,
        "extra_rows": len(extra_rows),
        "examples": len(deduped),
        "classes": len(model.classes_),
        "metrics": {"held_out_accuracy": round(held_accuracy, 4), "held_out_examples": len(held_rows)},
        "inference": _export(model, out_dir),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load.cache_clear()
    return meta


def _export(pipeline: Pipeline, model_dir: Path) -> dict[str, Any]:
    """Write inference.npz beside model.joblib; the meta entry that ties the two together."""
    try:
        digest = export(pipeline, model_dir / INFERENCE_FILE)
    except ExportError as exc:
        raise ModelError(f"label model at {model_dir} cannot be exported for numpy inference: {exc}") from None
    return {"file": INFERENCE_FILE, "format": EXPORT_FORMAT, "sha256": digest}


def export_inference(model_dir: Path) -> dict[str, Any]:
    """(Re)write the numpy export of an existing model.joblib and record it in meta.json (scikit-learn needed)."""
    import joblib

    meta_path = model_dir / "meta.json"
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["inference"] = _export(joblib.load(model_dir / "model.joblib"), model_dir)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load.cache_clear()
    return meta


def load_reference(model_dir: Path = DEFAULT_MODEL_DIR) -> LabelClassifier:
    """The scikit-learn pipeline of model.joblib (the reference the numpy inference is tested against)."""
    import joblib

    _check_meta(model_dir)
    return LabelClassifier.from_pipeline(joblib.load(model_dir / "model.joblib"))


def _installed_sklearn() -> str | None:
    """scikit-learn's version from its metadata, without importing it (a second of start-up)."""
    from importlib import metadata

    try:
        return metadata.version("scikit-learn")
    except metadata.PackageNotFoundError:
        return None


def _check_meta(model_dir: Path) -> dict[str, Any]:
    """Refuse an artifact trained for another schema or another scikit-learn minor version."""
    meta_path = model_dir / "meta.json"
    if not meta_path.exists():
        raise ModelError(f"label model missing at {model_dir}: run `xxgk train labels`")
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("schema_hash") != _schema_hash():
        raise ModelError(f"label model at {model_dir} was trained for another schema: run `xxgk train labels`")
    trained = str(meta.get("sklearn_version", ""))
    installed = _installed_sklearn()
    if installed is not None and trained.split(".")[:2] != installed.split(".")[:2]:
        raise ModelError(
            f"label model at {model_dir} was trained with scikit-learn {trained}, "
            f"this is {installed}: run `xxgk train labels`"
        )
    return meta


@cache
def load(model_dir: Path = DEFAULT_MODEL_DIR) -> LabelClassifier:
    """Load the shipped artifact's numpy export, refusing one trained for another schema or scikit-learn,
    and an export that is not the one meta.json records (a stale or foreign inference.npz)."""
    meta = _check_meta(model_dir)
    inference = meta.get("inference")
    path = model_dir / INFERENCE_FILE
    if not isinstance(inference, dict) or inference.get("format") != EXPORT_FORMAT or not path.is_file():
        raise ModelError(f"label model at {model_dir} has no format-{EXPORT_FORMAT} numpy export ({INFERENCE_FILE}): "
                         "run `xxgk train labels`")
    if hashlib.sha256(path.read_bytes()).hexdigest() != inference.get("sha256"):
        raise ModelError(f"label model at {model_dir}: {INFERENCE_FILE} is not the export meta.json records: "
                         "run `xxgk train labels`")
    try:
        model = TfidfLogistic(path)
    except ExportError as exc:
        raise ModelError(f"label model at {model_dir}: {exc}") from None
    return LabelClassifier(model, model.classes)
