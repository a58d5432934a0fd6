"""A readable verdict for `xxgk check`: one line per relation, failing cells listed with values."""

from __future__ import annotations

from typing import Any

_MARK = {"pass": "PASS", "fail": "FAIL", "not_assessable": "N/A "}


def _value_at(data: dict[str, Any], path: str) -> Any:
    node: Any = data.get("tables", {})
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def render_verdict(data: dict[str, Any]) -> tuple[str, bool]:
    """The verdict text and whether any relation failed."""
    report = data.get("report", {})
    source = data.get("source", {})
    lines = [
        f"{source.get('file', '?')}: {report.get('agency') or '?'} {report.get('year') or '?'} "
        f"(template {report.get('template') or '?'})"
    ]
    failed = False
    for check in data.get("checks", []):
        status = check.get("status", "?")
        failed = failed or status == "fail"
        lines.append(f"  {_MARK.get(status, status)} {check.get('id')}: {check.get('message', '')}")
        if status == "fail":
            for path in dict.fromkeys(check.get("cells", [])):
                raw = data.get("provenance", {}).get(f"tables.{path}", {})
                where = f" (page {raw['page']})" if raw.get("page") else ""
                lines.append(f"        {path} = {_value_at(data, path)!r}{where}")
    for warning in data.get("warnings", []):
        lines.append(f"  warning {warning.get('code')}: {warning.get('message')}")
    verdict = "relations fail" if failed else "no relation fails"
    lines.append(f"  verdict: {verdict}")
    return "\n".join(lines), failed
