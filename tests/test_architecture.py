"""Data flows one way: checks read reports, sinks store them, and neither imports the other; the
pipeline's stages never import the user-facing parts (review app, assessment, exports)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"
STAGES = ("readers", "layout", "mapping", "narrative", "checks", "schema", "ocr", "sinks")
USER_FACING = ("review", "assess", "exports")


def _imported_packages(module: Path) -> set[str]:
    """First-level subpackages of `extractor` that `module` imports (relative or absolute)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    here = module.relative_to(PACKAGE).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - (node.level - 1)]) if node.level - 1 <= len(here) else []
                target = base + (node.module.split(".") if node.module else [])
                names = [".".join(target + [a.name]) for a in node.names] if not node.module else [".".join(target)]
            elif node.module and node.module.startswith("extractor."):
                names = [node.module.removeprefix("extractor.")]
        elif isinstance(node, ast.Import):
            names = [a.name.removeprefix("extractor.") for a in node.names if a.name.startswith("extractor.")]
        found.update(n.split(".")[0] for n in names if n)
    return found


def _imports_of(package: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): _imported_packages(p) for p in (PACKAGE / package).rglob("*.py")}


def test_checks_and_sinks_do_not_import_each_other() -> None:
    for module, imported in _imports_of("checks").items():
        assert "sinks" not in imported, f"{module} imports the sinks"
    for module, imported in _imports_of("sinks").items():
        assert "checks" not in imported, f"{module} imports the checks"


def test_stages_never_import_user_facing_parts() -> None:
    for stage in STAGES:
        for module, imported in _imports_of(stage).items():
            assert not imported & set(USER_FACING), f"{module} imports {imported & set(USER_FACING)}"


def test_the_import_scanner_sees_relative_imports() -> None:
    """The scanner itself must see the imports these tests forbid, or they could never fail."""
    assert "checks" in _imported_packages(PACKAGE / "batch" / "cross_year.py")
    assert "sinks" in _imported_packages(PACKAGE / "batch" / "cross_year.py")
    assert "model" in _imported_packages(PACKAGE / "checks" / "cross_year.py")
