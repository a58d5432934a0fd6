"""Which trained models an extraction uses: the shipped ones, or a model set trained from corrections.

A model set is a folder written by `xxgk train --from-db/--from-json`: `labels/` (the label
classifier) and, when the narrative model was retrained too, `narrative/`, each with its meta.json.
A part the set does not hold comes from the shipped models, so a labels-only set changes nothing
in the narrative. The shipped models stay the default; `Settings.model_dir` (`--models DIR`,
`XXGK_MODELS`) selects a set. Sets live outside the package, which may be installed read-only:
under `user_model_home()` unless `--out` says otherwise.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

from .errors import ModelError
from .settings import Settings
from .version import __version__

LABELS = "labels"
NARRATIVE = "narrative"
PARTS = (LABELS, NARRATIVE)
HOME_ENV = "XXGK_MODEL_HOME"


def user_model_home() -> Path:
    """Where new model sets go by default: $XXGK_MODEL_HOME, else the user data folder (~/.local/share/xxgk/models)."""
    override = os.environ.get(HOME_ENV)
    return Path(override) if override else platformdirs.user_data_path("xxgk") / "models"


def check_model_set(path: Path) -> Path:
    """`path` if it is a model set (a folder holding labels/ or narrative/); ModelError saying why not otherwise."""
    if not path.is_dir():
        raise ModelError(f"model set {path} not found (write one with `xxgk train --from-db URL`)")
    if not any((path / part / "meta.json").is_file() for part in PARTS):
        raise ModelError(f"{path} is not a model set: it holds no {LABELS}/meta.json or {NARRATIVE}/meta.json")
    return path


def part_dir(settings: Settings, part: str) -> Path | None:
    """The selected set's folder for one model (`labels` or `narrative`), or None for the shipped one."""
    if settings.model_dir is None:
        return None
    folder = check_model_set(Path(settings.model_dir)) / part
    return folder if (folder / "meta.json").is_file() else None


def extraction_version(settings: Settings) -> str:
    """The version stored with each result: the package version, plus the model set's identity when one is selected.

    Batch resume and the sinks' idempotence key on (sha256, this), so a rerun with `--models` extracts
    again instead of skipping files the shipped models already did. The identity is a digest of the
    set's meta.json files (they hold the training data hash and seed), as a PEP 440 local label.
    """
    if settings.model_dir is None:
        return __version__
    folder = check_model_set(Path(settings.model_dir))
    digest = hashlib.sha256()
    for part in PARTS:
        meta = folder / part / "meta.json"
        if meta.is_file():
            digest.update(part.encode() + b"\0" + meta.read_bytes() + b"\0")
    return f"{__version__}+models.{digest.hexdigest()[:12]}"
