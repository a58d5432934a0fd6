"""Assess and compare annual reports the way an assessor does (beside the pipeline, never in it).

`assess_items(items, config)` gives one verdict per report over five dimensions — timeliness,
completeness, accuracy, copy-paste (雷同) and explained change — each point traced to cells,
sentences or dates; `compare_items(a, b)` sets two reports side by side. Reports come from files
(through extractor.api), report JSON/JSONL, or a database (extractor/assess/sources.py); the rules
are data (default.toml, overridable with --config).
"""

from __future__ import annotations

from .config import AssessConfig, ConfigError, load_config
from .run import assess_items
from .sources import ReportItem, load_database, load_paths
from .verdict import Assessment, Verdict

__all__ = ["AssessConfig", "Assessment", "ConfigError", "ReportItem", "Verdict", "assess_items", "load_config",
           "load_database", "load_paths"]
