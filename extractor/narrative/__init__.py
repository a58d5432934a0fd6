"""Narrative understanding: counts, channels, problems, fixes and fees from the report's prose.

jieba segments (with the domain dictionary in userdict.txt), a small spaCy NER + textcat trained
from training_data/narrative/ finds spans and sentence categories, and deterministic rules turn
them into values (values.py), channel kinds (gazetteer.py) and restated table numbers (restated.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lean_imports  # noqa: F401  first: jieba and spaCy without what extraction never uses
from .extract import extract_narrative
from .model_io import NarrativeModelError, load_model
from .scoring import evaluate_narrative
from .types import NarrativeResult, RestatedCount, YearMention

if TYPE_CHECKING:
    from .train import train_narrative


def __getattr__(name: str) -> object:
    """`train_narrative` on first use: it imports spaCy's training stack, which extraction never needs."""
    if name == "train_narrative":
        from .train import train_narrative

        return train_narrative
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "NarrativeModelError", "NarrativeResult", "RestatedCount", "YearMention",
    "evaluate_narrative", "extract_narrative", "load_model", "train_narrative",
]
