"""Stand-ins for api.extract while the pipeline is being written, plus the corpus they read.

A fake input is a small text file of `key=value` lines saying which report to build and how to
misbehave (sleep, hog memory, crash); a file starting with %PDF- is "corrupt". The reports are
real `Report` objects built from the schema (or from the shared corpus's gold JSON), so sinks see
exactly the shapes the pipeline will produce. Functions here must stay module-level: the batch
runs them in other processes by name.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

from extractor.errors import CorruptFile
from extractor.model import (
    Check,
    FeeStatement,
    Narrative,
    PlatformMention,
    Provenance,
    PublishedCount,
    Report,
    ReportInfo,
    SourceInfo,
    TextItem,
    Warning,
)
from extractor.schema import empty_tables
from extractor.settings import Settings
from extractor.version import __version__

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def make_report(*, file: str, sha256: str, agency: str, year: int, template: str = "2021", seed: int = 0,
                cells: dict[str, float | int | None] | None = None, gold: str | None = None,
                corpus: Path = CORPUS) -> Report:
    """A complete, contract-shaped Report with deterministic values (or a corpus gold's tables)."""
    tables: dict[str, Any] = empty_tables(template)  # type: ignore[arg-type]
    rng = random.Random(seed)
    for rows in tables.values():
        for cols in rows.values():
            for col in cols:
                cols[col] = round(rng.uniform(0, 9000), 2) if col == "amount_wan_yuan" else rng.randint(0, 40)
    if gold and (corpus / f"{gold}.gold.json").exists():
        data = json.loads((corpus / f"{gold}.gold.json").read_text(encoding="utf-8"))
        agency, year, template = data["report"]["agency"], data["report"]["year"], data["report"]["template"]
        tables = empty_tables(template)  # type: ignore[arg-type]
        for table, rows in data["tables"].items():
            for row, cols in rows.items():
                tables[table][row].update(cols)
    for path, value in (cells or {}).items():
        table, row, col = path.split(".")
        tables[table][row][col] = value
    first = "tables.requests.new_requests.natural_person"
    return Report(
        source=SourceInfo(file=Path(file).name, sha256=sha256, media_type="text/plain", pages=1, ocr_pages=[],
                          extractor_version=__version__),
        report=ReportInfo(agency=agency, year=year, template=template,  # type: ignore[arg-type]
                          title=f"{agency}{year}年政府信息公开工作年度报告"),
        sections={"overview": f"{agency}主动公开信息{seed}条。", "proactive": "", "requests": "",
                  "review_litigation": "", "problems": "一是公开不够全面。", "other": "未收取信息处理费。"},
        tables=tables,
        narrative=Narrative(
            published=[PublishedCount(value=seed, unit="条", qualifier=None, scale=1, channel="门户网站",
                                      year=year - 1, text=f"主动公开信息{seed}条", page=1, span=(len(agency) + 4, 12))],
            platforms=[PlatformMention(name="微信公众号", kind="wechat", text="微信公众号", page=1)],
            problems=[TextItem(text="公开不够全面", page=None)],
            fixes=[TextItem(text="加强宣传力度", page=2)],
            fees=FeeStatement(charged=False, amount_yuan=0, text="未收取信息处理费"),
        ),
        checks=[Check(id=f"R{i}", status="fail" if (i == 1 and seed % 5 == 0) else "pass", message="ok",
                      cells=[first]) for i in range(1, 6)],
        provenance={first: Provenance(page=3, bbox=(72.1, 210.4, 98.0, 222.9), raw=str(tables["requests"]
                    ["new_requests"]["natural_person"]), confidence=0.99)},
        warnings=[Warning(code="year_mismatch", message=f"narrative says {year - 1}", page=1)],
    )


def parse_fake(data: bytes) -> dict[str, str]:
    return dict(line.split("=", 1) for line in data.decode("utf-8").splitlines() if "=" in line)


def fake_extract(path: Path, settings: Settings) -> Report:
    """The per-file function of the tests: behaves as the file's `mode=` line says."""
    data = Path(path).read_bytes()
    if data.startswith(b"%PDF-"):
        raise CorruptFile(str(path), "no cross-reference table (truncated PDF)")
    spec = parse_fake(data)
    mode = spec.get("mode", "ok")
    if mode == "sleep":
        time.sleep(60)
    elif mode == "hog":
        hog = bytearray(6 * 1024**3)  # 6 GiB: over any cap the tests set
        hog[-1] = 1
    elif mode == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "bug":
        raise KeyError("a stage bug")
    time.sleep(float(spec.get("delay", "0")))
    return make_report(file=str(path), sha256=hashlib.sha256(data).hexdigest(), agency=spec["agency"],
                       year=int(spec["year"]), template=spec.get("template", "2021"), seed=int(spec["seed"]),
                       gold=spec.get("gold"))


def pid_extract(path: Path, settings: Settings) -> Report:
    """fake_extract that leaves the id of the worker process that read the file beside it (NAME.pid)."""
    Path(path).with_suffix(".pid").write_text(str(os.getpid()), encoding="utf-8")
    return fake_extract(path, settings)


def slow_extract(path: Path, settings: Settings) -> Report:
    """fake_extract plus 0.1 s, so a batch can be killed part-way."""
    time.sleep(0.1)
    return fake_extract(path, settings)


AGENCIES = ("淮安市人民政府", "洪泽区人民政府", "叶县辛店镇人民政府", "平潭综合实验区（管委会）")


def write_corpus(folder: Path, n: int, *, corrupt: int = 0, extra: dict[str, str] | None = None) -> list[Path]:
    """`n` good fake reports in nested folders, `corrupt` truncated PDFs, and named special files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sub = folder / f"batch{i % 3}"
        sub.mkdir(exist_ok=True)
        p = sub / f"report_{i:03d}.txt"
        p.write_text(f"agency={AGENCIES[i % 4]}\nyear={2019 + i // 4}\ntemplate={'2019' if i < 8 else '2021'}\n"
                     f"seed={i}\n", encoding="utf-8")
        paths.append(p)
    for i in range(corrupt):
        p = folder / f"broken_{i}.pdf"
        p.write_bytes(b"%PDF-1.7\n" + bytes([i]) * 50)
        paths.append(p)
    for name, body in (extra or {}).items():
        p = folder / name
        p.write_text(body, encoding="utf-8")
        paths.append(p)
    return paths


def test_fake_report_is_a_contract_report(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 2)
    report = fake_extract(paths[0], Settings())
    again = Report.model_validate_json(report.to_json())
    assert again == report
    assert set(report.tables["requests"]) >= {"new_requests", "carried_over", "carried_forward", "other"}
    assert report.source.sha256 == hashlib.sha256(paths[0].read_bytes()).hexdigest()
    assert report.checks[0].status == "fail"  # seed 0 → R1 fails, so summaries have something to count


def test_gold_report_uses_the_corpus_tables(corpus_dir: Path) -> None:
    report = make_report(file="x.pdf", sha256="0" * 64, agency="?", year=0, gold="hongze_2023", corpus=corpus_dir)
    assert report.report.agency == "洪泽区人民政府" and report.report.year == 2023
    assert report.tables["proactive"]["admin_fees"]["amount_wan_yuan"] == 7730.28
    assert report.tables["requests"]["new_requests"]["total"] == 21
