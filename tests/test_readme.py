"""The README is the front door: its commands exist and its JSON example uses the contract's keys."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from extractor.cli_app import app

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_documented_command_exists() -> None:
    text = README.read_text(encoding="utf-8")
    group = get_command(app)
    commands = set(group.commands)  # type: ignore[attr-defined]
    documented = set(re.findall(r"^\$ xxgk (\w+)", text, flags=re.MULTILINE))
    assert documented and documented <= commands
    for sub in re.findall(r"xxgk train (\w+)", text):
        assert sub in group.commands["train"].commands  # type: ignore[attr-defined]


def test_json_example_has_the_contract_top_level_keys() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None
    keys = re.findall(r'^  "(\w+)":', block.group(1), flags=re.MULTILINE)
    assert keys == ["schema_version", "source", "report", "tables", "narrative", "checks", "provenance", "warnings"]


def test_the_two_front_door_targets_exist() -> None:
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.MULTILINE) and re.search(r"^test:", makefile, flags=re.MULTILINE)
    assert "make demo" in README.read_text(encoding="utf-8") and "make test" in README.read_text(encoding="utf-8")
