"""The command line through typer's CliRunner: stdout carries only JSON, errors are one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli_app import app
from extractor.synth import generate

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    written = generate(1, ["2021"], ["pdf"], seed=5, out_dir=folder, variants=[])  # no narrative defects
    return next(p for p in written if p.suffix == ".pdf")


def test_extract_prints_the_contract_json(sample: Path) -> None:
    result = runner.invoke(app, ["extract", str(sample)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["schema_version", "source", "report", "sections", "tables", "narrative", "checks", "provenance", "warnings"]
    gold = json.loads(sample.with_name(sample.stem + ".gold.json").read_text(encoding="utf-8"))
    assert data["report"]["agency"] == gold["report"]["agency"]
    assert data["tables"]["requests"]["new_requests"] == gold["tables"]["requests"]["new_requests"]


def test_check_on_extracted_json_and_on_the_file(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text(runner.invoke(app, ["extract", str(sample)]).stdout, encoding="utf-8")
    from_json = runner.invoke(app, ["check", str(out)])
    from_file = runner.invoke(app, ["check", str(sample)])
    assert from_json.exit_code == 0 and from_file.exit_code == 0
    assert "PASS R1" in from_json.stdout and "verdict: no relation fails" in from_file.stdout


def test_a_changed_total_fails_r4_and_names_the_cell(sample: Path, tmp_path: Path) -> None:
    data = json.loads(runner.invoke(app, ["extract", str(sample)]).stdout)
    data["tables"]["review_litigation"]["review"]["total"] += 1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "FAIL R4" in result.stdout and "review_litigation.review.total" in result.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "the file is empty"), (b"%PDF-1.7\n1 0 obj\n<<", "PDF"), (b"\x00\x01\x02binary", "not a PDF, DOCX, HTML or text file")],
)
def test_bad_files_give_one_line_and_exit_1(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"xxgk: {path}") and reason in lines[0]


def test_usage_errors_exit_2(sample: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract", str(sample), str(sample)]).exit_code == 2
    assert runner.invoke(app, ["extract", str(sample), "--out", str(tmp_path / "a.jsonl"), "--db", "sqlite:///x.db"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_batch_into_sqlite_then_rerun_skips(sample: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    first = runner.invoke(app, ["extract", str(sample.parent), "--db", db, "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "1 extracted, 0 failed" in first.stderr
    again = runner.invoke(app, ["extract", str(sample.parent), "--db", db, "--workers", "1"])
    assert "0 extracted, 0 failed, 1 already done" in again.stderr


def test_files_the_batch_does_not_read_are_recorded_once(sample: Path, tmp_path: Path) -> None:
    import shutil

    from sqlalchemy import create_engine, select

    from extractor.sinks.migrations import failures

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample, folder / sample.name)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.json").write_text('{"not": "a report"}', encoding="utf-8")
    db = tmp_path / "r.db"
    for _ in range(2):  # a rerun must not add rows
        result = runner.invoke(app, ["extract", str(folder), "--db", f"sqlite:///{db}", "--workers", "1"])
        assert result.exit_code == 0, result.output
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = sorted((Path(r.file).name, r.stage, r.code) for r in conn.execute(select(failures)))
    engine.dispose()
    assert rows == [("empty.pdf", "discover", "unrecognised"), ("notes.json", "discover", "unsupported")]
