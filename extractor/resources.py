"""Where the files read at run time live, in a source checkout and in an installed package alike.

The trained models stay in the repository's `models/` folder (versioned folders with a meta.json);
the distribution ships that folder as the package `xxgk_models` (setup.py maps it), so
`importlib.resources` finds it editable or not. Each model's folder is named here, once: a new
model version is a new folder plus a change of its constant below.

Retraining the shipped models is a developer action: it reads `training_data/` and writes `models/`
of a source checkout, never an installed package (`source_tree` says so when there is none).
Training a user's model set from reviewers' corrections reads the training data as shipped (the
package `xxgk_training_data`, mapped from training_data/ like models/) and writes under the user's
folders. This module imports nothing heavy: `xxgk --version` reads it.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

MODELS_PACKAGE = "xxgk_models"
LABELS_VERSION = "1"  # models/labels-v1: the table-label classifier
NARRATIVE_VERSION = "0.3.0"  # models/narrative-0.3.0: the narrative spaCy pipeline and report-order model
LABELS_FOLDER = f"labels-v{LABELS_VERSION}"
NARRATIVE_FOLDER = f"narrative-{NARRATIVE_VERSION}"

# The folder holding the `extractor` package: a source checkout when it also holds these.
SOURCE_ROOT = Path(__file__).resolve().parents[1]
_CHECKOUT_MARKS = ("pyproject.toml", "models", "training_data")


class SourceTreeMissing(RuntimeError):
    """A developer action (training) was asked of an installation that has no source checkout."""


def is_source_tree(root: Path = SOURCE_ROOT) -> bool:
    return all((root / mark).exists() for mark in _CHECKOUT_MARKS)


def source_tree() -> Path:
    """The source checkout this code runs from; training reads and writes there, never in site-packages."""
    if not is_source_tree():
        raise SourceTreeMissing(
            f"`xxgk train` writes the models of a source checkout (models/ and training_data/ beside extractor/), "
            f"and this installation ({SOURCE_ROOT}) has none: clone the repository and `pip install -e .` there"
        )
    return SOURCE_ROOT


def models_root() -> Path:
    """The installed `xxgk_models` package, or models/ of a checkout run without installing (`python cli.py`)."""
    try:
        root = resources.files(MODELS_PACKAGE)
    except ModuleNotFoundError:
        return SOURCE_ROOT / "models"
    path = Path(str(root))
    if not path.is_dir():  # a zipped install: spaCy and numpy need real files
        raise FileNotFoundError(f"the models package {MODELS_PACKAGE} is not a folder on disk ({root}): install unzipped")
    return path


def model_dir(folder: str) -> Path:
    """A versioned model folder (e.g. "labels-v1") as installed; it may not exist (not trained yet)."""
    return models_root() / folder


TRAINING_DATA_PACKAGE = "xxgk_training_data"


def training_data_root() -> Path:
    """training_data/ of a checkout, else the installed `xxgk_training_data` package (setup.py ships it), so
    that `xxgk train --from-db` can add reviewers' corrections to it from an installed wheel too."""
    checkout = SOURCE_ROOT / "training_data"
    if checkout.is_dir():
        return checkout
    try:
        return Path(str(resources.files(TRAINING_DATA_PACKAGE)))
    except ModuleNotFoundError:
        return checkout  # neither: the callers say the data is missing, naming this path


def training_output_dir(folder: str) -> Path:
    """Where training writes a model: models/<folder> of the source checkout (raises without one)."""
    return source_tree() / "models" / folder


def user_cache_dir() -> Path:
    """This user's cache folder for xxgk (XXGK_CACHE_DIR, else $XDG_CACHE_HOME/xxgk, else ~/.cache/xxgk).

    Per user, so two users never share (or fight over) a file, unlike a fixed name in /tmp.
    """
    explicit = os.environ.get("XXGK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "xxgk"


def model_versions() -> dict[str, dict[str, str | None]]:
    """The models this code loads: folder, version, and whether the folder is present (meta.json read, nothing imported)."""
    out: dict[str, dict[str, str | None]] = {}
    for name, folder in (("labels", LABELS_FOLDER), ("narrative", NARRATIVE_FOLDER)):
        meta_path = model_dir(folder) / "meta.json"
        trained: str | None = None
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            trained = str(meta.get("version", ""))
        out[name] = {"folder": folder, "version": trained}
    return out
