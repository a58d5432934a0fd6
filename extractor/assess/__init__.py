"""Assess and compare annual reports the way an assessor does (beside the pipeline, never in it).

`assess_items(items, config)` gives one verdict per report over five dimensions — timeliness,
completeness, accuracy, copy-paste (雷同) and explained change — each point traced to cells,
sentences or dates; `compare_items(a, b)` sets two reports side by side. Reports come from files
(through extractor.api), report JSON/JSONL, or a database (extractor/assess/sources.py); the rules
are data (default.toml, overridable with --config).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import AssessConfig, ConfigError, load_config
    from .run import assess_items
    from .sources import ReportItem, load_database, load_paths
    from .verdict import Assessment, Verdict

# Names are imported when first used, so `xxgk --help` (whose `assess` command lives in .cli) does
# not pay for the similarity index and its scientific stack.
_WHERE = {"AssessConfig": "config", "ConfigError": "config", "load_config": "config", "assess_items": "run",
          "ReportItem": "sources", "load_database": "sources", "load_paths": "sources",
          "Assessment": "verdict", "Verdict": "verdict"}
__all__ = ["AssessConfig", "Assessment", "ConfigError", "ReportItem", "Verdict", "assess_items", "load_config",
           "load_database", "load_paths"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
