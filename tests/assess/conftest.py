"""The generated region's fixtures (region_fixtures.py), for the assessment tests."""

from __future__ import annotations

from region_fixtures import config, gold_of, region, region_assessment, region_items

__all__ = ["config", "gold_of", "region", "region_assessment", "region_items"]
