"""The JSON Schema of `xxgk extract` output: the pydantic Report model, with `tables` spelled out
key by key from the schema data (extractor/schema/*.json), so it is never a second copy."""

from __future__ import annotations

from typing import Any

from . import schema
from .model import Report

_CELL: dict[str, Any] = {"type": ["integer", "number", "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _proactive(template: schema.TemplateVersion) -> dict[str, Any]:
    spec = schema.proactive(template)
    return _object({row.key: _object({col: _CELL for col in spec.columns_of(row.key)}) for row in spec.rows})


def tables_schema() -> dict[str, Any]:
    requests = schema.requests()
    review = schema.review_litigation()
    return _object(
        {
            "proactive": {"oneOf": [_proactive(t) for t in schema.TEMPLATES]},
            "requests": _object({row.key: _object({c.key: _CELL for c in requests.columns}) for row in requests.rows}),
            "review_litigation": _object({g.key: _object({c.key: _CELL for c in review.columns}) for g in review.groups}),
        }
    )


def report_json_schema() -> dict[str, Any]:
    data: dict[str, Any] = Report.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "xxgk report (output contract, schema_version 1)"
    data["properties"]["tables"] = tables_schema()
    return data
