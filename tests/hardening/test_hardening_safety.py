"""No shell strings, every subprocess with a timeout (a grep over the package, so new code is held to it)."""

from __future__ import annotations

import ast
from pathlib import Path

import extractor

PACKAGE = Path(extractor.__file__).parent
_SHELL_CALLS = {"system", "popen", "getoutput", "getstatusoutput"}
_SUBPROCESS = {"run", "call", "check_call", "check_output", "Popen"}


def _calls() -> list[tuple[Path, ast.Call]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                out.append((path, node))
    return out


def _name(call: ast.Call) -> tuple[str, str]:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id, func.attr
    if isinstance(func, ast.Name):
        return "", func.id
    return "", ""


def test_no_shell_strings() -> None:
    bad = []
    for path, call in _calls():
        owner, name = _name(call)
        if owner == "os" and name in _SHELL_CALLS or owner == "commands":
            bad.append(f"{path.name}:{call.lineno} {owner}.{name}")
        for kw in call.keywords:
            if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                bad.append(f"{path.name}:{call.lineno} shell=")
        if owner == "subprocess" and name in _SUBPROCESS and call.args:
            first = call.args[0]
            if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp):  # a command line as one string
                bad.append(f"{path.name}:{call.lineno} command string")
    assert not bad, bad


def test_every_subprocess_has_a_timeout() -> None:
    bad = []
    for path, call in _calls():
        owner, name = _name(call)
        if (owner == "subprocess" and name in ("run", "call", "check_call", "check_output")
                and not any(kw.arg == "timeout" for kw in call.keywords)):
            bad.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
        if owner == "subprocess" and name == "Popen":
            text = path.read_text(encoding="utf-8")
            if ".wait(timeout=" not in text and ".communicate(timeout=" not in text and "timeout=" not in text:
                bad.append(f"{path.relative_to(PACKAGE)}:{call.lineno} Popen without a waited timeout")
    assert not bad, bad


def test_xml_parsers_do_not_resolve_entities() -> None:
    from docx.oxml.parser import oxml_parser

    assert oxml_parser.resolve_entities is False if hasattr(oxml_parser, "resolve_entities") else True
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "resolve_entities=True" not in text, path
        assert "huge_tree=True" not in text, path
        assert "XMLParser(" not in text or "resolve_entities=False" in text, path
