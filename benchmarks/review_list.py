"""Measurement: the review app over a 10,000-report SQLite database (`run.py --only review`).

The database is filled quickly and realistically: a few generated reports (both templates, half with
a deliberately broken relation) are extracted once, then stored 10,000 times under 2,000 agency names
and five years with their cells, narrative items and checks, as the batch writes them (bulk inserts
in one transaction). Then the app's own test client times the list page, deep paging, each filter,
"next report to review", a report view with its page image, and an export; the baseline is the bare
SQL query of one list page, timed in the same run.

    .venv/bin/python -m benchmarks.review_list [--n 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from .common import Workspace, log

N_REPORTS = 10_000
PLACES = ("淮安", "洪泽", "平潭", "叶县", "嘉兴", "永泉", "康柳", "泉川", "安江", "川柳", "昌沙", "柳桐", "沙远", "盛梅",
          "石远", "清阳", "永湖", "丰岭", "和桐", "桃园", "白沙", "双河", "梅山", "青石", "云川", "金溪", "临江", "南屏",
          "东湖", "西陵", "北塘", "长岭", "新田", "古城", "玉泉", "龙门", "凤岗", "松阳", "竹溪", "兰陵", "花桥", "石门",
          "黄陂", "安澜", "宁远", "清河", "望江", "常乐", "福山", "泰和")
BODIES = ("市人民政府", "区人民政府", "县人民政府办公室", "市教育局", "市公安局", "市民政局", "市司法局", "市财政局",
          "市人力资源和社会保障局", "市自然资源局", "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水利局",
          "市农业农村局", "市商务局", "市文化广电和旅游局", "市卫生健康委员会", "市应急管理局", "市审计局",
          "市市场监督管理局", "市统计局", "市医疗保障局", "市城市管理局", "市林业局", "区教育局", "区民政局",
          "区卫生健康委员会", "县自然资源局", "县农业农村局", "县应急管理局", "镇人民政府", "乡人民政府", "街道办事处",
          "市税务局", "市退役军人事务局", "市体育局", "市信访局", "市数据局", "市气象局")
YEARS = (2020, 2021, 2022, 2023, 2024)


def _sources(ws: Workspace) -> list[tuple[Path, dict[str, Any]]]:
    """Extracted reports to copy: both templates as PDF and HTML, half with one relation broken."""
    from extractor.api import extract
    from extractor.synth import generate

    paths = generate(4, ["2019", "2021"], ["pdf"], ws.seed, ws.root / "review-src", break_relation=True)
    paths += generate(4, ["2019", "2021"], ["pdf", "html"], ws.seed + 1, ws.root / "review-src")
    return [(p, extract(p).model_dump(mode="json")) for p in paths]


def fill(engine: Engine, sources: list[tuple[Path, dict[str, Any]]], n: int) -> dict[str, Any]:
    """Store n reports (copies of the sources under varied agencies and years) with bulk inserts."""
    from extractor.agency import normalise_agency
    from extractor.model import Report
    from extractor.sinks.rows import cell_rows, narrative_rows

    flat = []
    for path, doc in sources:
        report = Report.model_validate(doc)
        flat.append((path, doc, [tuple(c.__dict__.values()) for c in cell_rows(report)], narrative_rows(report)))
    now = datetime.now(UTC).isoformat()
    start = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA synchronous=OFF")  # a scratch database: filled fast, thrown away
        report_rows, cell_values, item_values, check_values = [], [], [], []
        for i in range(n):
            path, doc, cells, items = flat[i % len(flat)]
            agency = f"{PLACES[(i // len(YEARS)) % len(PLACES)]}{BODIES[(i // len(YEARS) // len(PLACES)) % len(BODIES)]}"
            year = YEARS[i % len(YEARS)]
            sha = hashlib.sha256(f"{i}".encode()).hexdigest() if i >= len(flat) else doc["source"]["sha256"]
            doc = {**doc, "report": {**doc["report"], "agency": agency, "year": year},
                   "source": {**doc["source"], "sha256": sha}}
            report_id = i + 1
            report_rows.append((report_id, sha, doc["source"]["extractor_version"], str(path), doc["source"]["media_type"],
                                agency, normalise_agency(agency), year, doc["report"]["template"], doc["report"]["title"],
                                doc["source"]["pages"], "[]", json.dumps(doc, ensure_ascii=False), now))
            cell_values += [(report_id, *c[:6], json.dumps(c[6]) if c[6] else None, c[7]) for c in cells]
            item_values += [(report_id, it["seq"], it["kind"], it["value"], it["unit"], it["qualifier"], it["scale"],
                             it["channel"], it["year"], it["name"], it["platform_kind"], it["charged"], it["text"],
                             it["page"], json.dumps(it["span"]) if it["span"] else None) for it in items]
            check_values += [(report_id, c["id"], c["status"], c["message"], json.dumps(c["cells"])) for c in doc["checks"]]
        cur.executemany("INSERT INTO reports (id, sha256, extractor_version, file, media_type, agency, agency_norm, year, "
                        "template, title, pages, ocr_pages, document, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        report_rows)
        cur.executemany('INSERT INTO cells (report_id, "table", "row", col, value, raw, page, bbox, confidence) '
                        "VALUES (?,?,?,?,?,?,?,?,?)", cell_values)
        cur.executemany("INSERT INTO narrative_items (report_id, seq, kind, value, unit, qualifier, scale, channel, year, "
                        "name, platform_kind, charged, text, page, span) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        item_values)
        cur.executemany("INSERT INTO checks (report_id, check_id, status, message, cells, prev_report_id) "
                        "VALUES (?,?,?,?,?,NULL)", check_values)
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return {"reports": n, "cells": len(cell_values), "checks": len(check_values), "fill_s": round(time.perf_counter() - start, 1)}


def _median_ms(call: Callable[[], Any], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 2)


def measure(ws: Workspace, n: int | None = None) -> dict[str, Any]:
    from starlette.testclient import TestClient

    from extractor.review.export import export_reports
    from extractor.review.queries import LIST_ORDER
    from extractor.review.web import create_app
    from extractor.sinks.migrations import reports
    from extractor.sinks.sql import SqlSink

    n = n or (300 if ws.quick else N_REPORTS)
    reps = 3 if ws.quick else 15
    sources = _sources(ws)
    db = ws.root / "review-bench.db"
    db.unlink(missing_ok=True)
    engine = SqlSink(f"sqlite:///{db}").engine
    filled = fill(engine, sources, n)
    filled["db_mb"] = round(db.stat().st_size / 2**20, 1)
    log(f"review: {n} reports stored in {filled['fill_s']} s ({filled['db_mb']} MB)")
    start = time.perf_counter()
    client = TestClient(create_app(engine), base_url="http://127.0.0.1")
    startup_ms = round(1000 * (time.perf_counter() - start), 1)

    def get(url: str, **params: str) -> Callable[[], Any]:
        def call() -> None:
            response = client.get(url, params=params)
            assert response.status_code == 200, (url, params, response.status_code)
        return call

    def bare_page() -> None:  # the baseline: one list page's rows straight from SQL
        with engine.connect() as conn:
            conn.execute(select(reports.c.id, reports.c.agency, reports.c.year, reports.c.template, reports.c.pages)
                         .order_by(*LIST_ORDER)
                         .limit(50)).all()

    baseline = _median_ms(get("/static/review.css"), reps)  # HTTP plumbing of the test client and app alone
    bare_sql = _median_ms(bare_page, reps)
    middle = n // 2
    timings = {
        "list, first page": get("/"),
        "list, page 100 (offset 4,950)": get("/", page=str(min(100, max(1, n // 50)))),
        "filter agency (substring)": get("/", agency="平潭"),
        "filter year": get("/", year="2022"),
        "filter failing": get("/", status="fail"),
        "filter to review": get("/", status="todo"),
        "filter agency + year + failing": get("/", agency="市教育局", year="2023", status="fail"),
        "next report to review": lambda: client.get("/next", params={"after": str(middle)}, follow_redirects=False),
        "report view (PDF, 3 pages)": get("/reports/1"),
    }
    rows = {name: _median_ms(call, reps) for name, call in timings.items()}
    first_png = time.perf_counter()
    client.get("/reports/1/page/2.png")
    rows["page image, first (render)"] = round(1000 * (time.perf_counter() - first_png), 2)
    rows["page image, again (cached)"] = _median_ms(get("/reports/1/page/2.png"), reps)
    start = time.perf_counter()
    with engine.connect() as conn:  # what the list never does: read every stored document
        documents = sum(1 for _ in conn.execution_options(yield_per=200).execute(select(reports.c.document)).scalars())
    load_all_s = round(time.perf_counter() - start, 2)
    exported = min(n, 200 if ws.quick else 1000)
    start = time.perf_counter()
    size = sum(len(chunk) for chunk in export_reports(engine, "jsonl", range(1, exported + 1)))
    export_s = time.perf_counter() - start
    engine.dispose()
    return {
        "db": filled, "app_startup_ms": startup_ms, "baseline_static_file_ms": baseline, "bare_sql_page_ms": bare_sql,
        "load_all_documents_s": load_all_s, "documents": documents, "reps": reps,
        "median_ms": rows, "ratio_vs_static_file": {k: round(v / baseline, 1) for k, v in rows.items() if baseline},
        "export": {"reports": exported, "seconds": round(export_s, 2), "reports_per_s": round(exported / export_s, 1),
                   "mb": round(size / 2**20, 1)},
    }


def section(res: dict[str, Any]) -> list[str]:
    """Markdown for results/latest.md."""
    db = res["db"]
    lines = [f"## Review app: {db['reports']} reports in SQLite ({db['db_mb']} MB, {db['cells']} cells, filled in "
             f"{db['fill_s']} s)", "",
             f"Baseline (same run): the app's stylesheet through the same test client, {res['baseline_static_file_ms']} ms; "
             f"one list page's rows straight from SQL, {res['bare_sql_page_ms']} ms; reading every stored document "
             f"(what the list never does), {res['load_all_documents_s']} s. App start (migrate, refresh stale summaries): "
             f"{res['app_startup_ms']} ms. Medians of {res['reps']} requests through the app's test client.", "",
             "| request | median ms | ratio to a static file |", "|---|---|---|"]
    lines += [f"| {k} | {v} | {res['ratio_vs_static_file'].get(k, '')}× |" for k, v in res["median_ms"].items()]
    ex = res["export"]
    return lines + ["", f"Export (corrected view + R6/R7, JSONL): {ex['reports']} reports in {ex['seconds']} s "
                        f"({ex['reports_per_s']} reports/s, {ex['mb']} MB).", ""]


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=N_REPORTS)
    parser.add_argument("--seed", type=int, default=20240607)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xxgk-review-bench-") as tmp:
        result = measure(Workspace(root=Path(tmp), seed=args.seed, quick=False, corpus=None), args.n)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print("\n".join(section(result)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
