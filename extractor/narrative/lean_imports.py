"""jieba and spaCy imported without the parts extraction never uses (a one-file `xxgk extract` pays every import).

- jieba 0.42 imports pkg_resources only to open its dict.txt, and falls back to a plain open()
  when that import fails; importing pkg_resources scans every installed distribution (~0.4 s).
- spaCy's `__init__` runs `from .cli.info import info`, which imports its whole command line
  (training, project tools and downloads: weasel, httpx, requests, jinja2; ~0.2 s). A stand-in
  answers that one import and is removed right after, so a later `import spacy.cli` (training,
  `python -m spacy`) gets the real package; `spacy.info` and `spacy.cli` load it on first use.

The narrative package imports this module before anything else, so these are the first imports
of jieba and spaCy on the extraction path. When either was imported already, it is used as it is.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


def _import_jieba() -> ModuleType:
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        return importlib.import_module("jieba")
    finally:
        if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]


def _real_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, loading spaCy's command line on the call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _spacy_getattr(name: str) -> ModuleType:
    """`spacy.cli` for code that reaches it as an attribute of an imported spacy."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _import_spacy() -> ModuleType:
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return importlib.import_module("spacy")
    cli = ModuleType("spacy.cli")
    cli.__path__ = []
    info = ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        spacy = importlib.import_module("spacy")
    finally:
        for name, stand_in in (("spacy.cli.info", info), ("spacy.cli", cli)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    if spacy.__dict__.get("cli") is cli:
        del spacy.cli
    if "cli" not in spacy.__dict__ and "__getattr__" not in spacy.__dict__:
        setattr(spacy, "__getattr__", _spacy_getattr)  # noqa: B010  (a module-level __getattr__, PEP 562)
    return spacy


jieba = _import_jieba()
spacy = _import_spacy()
