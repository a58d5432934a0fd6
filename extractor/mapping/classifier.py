"""The table-label classifier: char n-gram TF-IDF + logistic regression, one artifact in models/.

The model only picks keys; values always come from the cells themselves. At prediction time the
probabilities are restricted to one namespace (e.g. the rows of table 3) plus "unknown" and
renormalised, so one artifact serves every table and axis.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ..errors import ModelError
from . import label_data
from .normalize import normalize_label

MODEL_NAME = "labels"
MODEL_VERSION = "1"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / f"{MODEL_NAME}-v{MODEL_VERSION}"
DEFAULT_DATA_DIR = REPO_ROOT / "training_data" / "labels"


def _schema_hash() -> str:
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    folder = resources.files("extractor.schema")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")):
        digest.update(folder.joinpath(name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Prediction:
    key: str | None  # None means "unknown"
    probability: float
    distribution: dict[str | None, float]


class LabelClassifier:
    """A fitted pipeline plus its label list; `predict` restricts to one namespace."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.classes: list[str] = [str(c) for c in pipeline.classes_]

    def distributions(self, texts: Sequence[str], namespace: str) -> list[dict[str | None, float]]:
        """For each text: P(key | text) over the namespace's keys and None (unknown)."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba([normalize_label(t) for t in texts])
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
    data_dir: Path = DEFAULT_DATA_DIR,
    out_dir: Path = DEFAULT_MODEL_DIR,
    seed: int = 0,
    extra_rows: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Fit on all rows after measuring accuracy on a held-out fifth; write model + meta.json.

    `extra_rows` adds (text, label) pairs, e.g. the generator's printed label variants.
    """
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
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load.cache_clear()
    return meta


@cache
def load(model_dir: Path = DEFAULT_MODEL_DIR) -> LabelClassifier:
    """Load the shipped artifact, refusing one trained for another schema or scikit-learn."""
    meta_path = model_dir / "meta.json"
    if not meta_path.exists():
        raise ModelError(f"label model missing at {model_dir}: run `xxgk train labels`")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("schema_hash") != _schema_hash():
        raise ModelError(f"label model at {model_dir} was trained for another schema: run `xxgk train labels`")
    trained = str(meta.get("sklearn_version", ""))
    if trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(
            f"label model at {model_dir} was trained with scikit-learn {trained}, "
            f"this is {sklearn.__version__}: run `xxgk train labels`"
        )
    pipeline = joblib.load(model_dir / "model.joblib")
    return LabelClassifier(pipeline)
