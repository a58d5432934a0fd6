"""`xxgk review` from the command line: the server on a loopback port, the exports, clear usage errors."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import store
from sqlalchemy import Engine
from typer.testing import CliRunner

from extractor.cli_app import app
from extractor.demo import _review_command
from extractor.model import Report
from extractor.review.corrections import add_correction

runner = CliRunner()


def _db(engine: Engine) -> str:
    return str(engine.url)


def test_a_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "--db", f"sqlite:///{tmp_path / 'nope.db'}", "--no-browser"])
    assert result.exit_code == 2 and "no such database file" in result.output
    result = runner.invoke(app, ["review", "export", "--db", f"sqlite:///{tmp_path / 'nope.db'}", "--out", "x.jsonl"])
    assert result.exit_code == 2


def test_export_writes_corrected_reports_and_corrections(
        engine: Engine, broken_pdfs: list[Path], extracted: Callable[[Path], Report], tmp_path: Path) -> None:
    ids = [store(engine, extracted(p), str(p)) for p in broken_pdfs[2:]]
    add_correction(engine, ids[1], "tables.requests.new_requests.natural_person", 7, note="核对")
    out = tmp_path / "reviewed.jsonl"
    assert runner.invoke(app, ["review", "export", "--db", _db(engine), "--out", str(out)]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and not out.with_name("reviewed.jsonl.part").exists()
    corrected = next(d for d in lines if d["corrections"])
    assert corrected["tables"]["requests"]["new_requests"]["natural_person"] == 7
    only = tmp_path / "only.csv"
    assert runner.invoke(app, ["review", "export", "--db", _db(engine), "--out", str(only), "--corrected-only"]).exit_code == 0
    rows = only.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + sum(len(c) for t in corrected["tables"].values() for c in t.values())
    fixes = runner.invoke(app, ["review", "export", "--db", _db(engine), "--out", "-", "--corrections"])
    assert fixes.exit_code == 0
    record = json.loads(fixes.stdout.splitlines()[0])
    assert record["path"] == "tables.requests.new_requests.natural_person" and record["new_value"] == 7
    assert record["note"] == "核对" and record["report_id"] == ids[1]
    bad = runner.invoke(app, ["review", "export", "--db", _db(engine), "--out", str(tmp_path / "x.xml")])
    assert bad.exit_code == 2 and "--format must be one of" in bad.output


def test_the_command_make_demo_prints_serves_the_app_on_loopback(
        engine: Engine, broken_pdfs: list[Path], extracted: Callable[[Path], Report]) -> None:
    report_id = store(engine, extracted(broken_pdfs[3]), str(broken_pdfs[3]))
    command = _review_command(_db(engine)).split()
    assert command[1:] == ["review", "--db", _db(engine)]
    if not Path(command[0]).is_absolute() and not Path(command[0]).exists():
        command[0] = str(Path(sys.executable).with_name("xxgk"))
    proc = subprocess.Popen([*command, "--no-browser", "--port", "0"], stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        url, deadline, seen = None, time.monotonic() + 60, ""
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([proc.stderr], [], [], 1.0)
            if ready:
                seen += proc.stderr.readline()  # type: ignore[union-attr]
                found = re.search(r"(http://127\.0\.0\.1:\d+/)", seen)
                url = found.group(1) if found else None
        assert url, f"no URL announced: {seen}"
        for _ in range(50):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert "报告列表" in page and f"/reports/{report_id}" in page
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        proc.stderr.close()  # type: ignore[union-attr]
