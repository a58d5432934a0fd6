"""The published JSON Schema is current and real output validates against it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.json_schema import report_json_schema
from extractor.synth import generate

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "report.schema.json"


def test_committed_schema_is_current() -> None:
    current = json.dumps(report_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("XXGK_REGENERATE") == "1":
        assert not os.environ.get("CI"), "XXGK_REGENERATE must not be set in CI"
        SCHEMA_FILE.write_text(current, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == current, "run: XXGK_REGENERATE=1 pytest tests/test_json_schema.py"


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_extracted_reports_validate(template: str, tmp_path: Path) -> None:
    import jsonschema

    from extractor.api import extract

    path = next(p for p in generate(1, [template], ["html"], seed=3, out_dir=tmp_path) if p.suffix == ".html")
    data = json.loads(extract(path).to_json())
    jsonschema.validate(data, report_json_schema())
    data["tables"]["requests"]["new_requests"]["bogus"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_json_schema())
