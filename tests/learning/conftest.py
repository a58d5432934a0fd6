"""tests/ has no __init__.py: the learning tests import their shared helpers (reviewing.py) by path."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
