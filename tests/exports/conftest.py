"""The export tests reuse the generated region of tests/assess (extracted once per session)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assess"))

from region_fixtures import config, gold_of, region, region_assessment, region_items  # noqa: E402

__all__ = ["config", "gold_of", "region", "region_assessment", "region_items"]
