"""Narrative understanding: counts, channels, problems, fixes and fees from the report's prose.

jieba segments (with the domain dictionary in userdict.txt), a small spaCy NER + textcat trained
from training_data/narrative/ finds spans and sentence categories, and deterministic rules turn
them into values (values.py), channel kinds (gazetteer.py) and restated table numbers (restated.py).
"""

from __future__ import annotations

from . import jieba_dict  # noqa: F401  first: jieba is imported there, without pkg_resources
from .extract import extract_narrative
from .model_io import NarrativeModelError, load_model
from .scoring import evaluate_narrative
from .train import train_narrative
from .types import NarrativeResult, RestatedCount, YearMention

__all__ = [
    "NarrativeModelError", "NarrativeResult", "RestatedCount", "YearMention",
    "evaluate_narrative", "extract_narrative", "load_model", "train_narrative",
]
