"""What the report page shows beside the data: times on the reviewer's clock."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from extractor.review.pages import when


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_correction_times_are_shown_on_the_local_clock(beijing: None) -> None:
    # stored in UTC (01:14), read in a Beijing office at 09:14 the same morning
    assert when(datetime(2025, 1, 20, 1, 14, 3, tzinfo=UTC)) == "2025-01-20 09:14"
    assert when(datetime(2024, 12, 31, 17, 30, tzinfo=UTC)) == "2025-01-01 01:30"  # and across the new year
