"""The review app's routes (Starlette TestClient) over real extracted reports in SQLite."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import store
from sqlalchemy import Engine, delete, select
from starlette.testclient import TestClient

from extractor.model import Report
from extractor.review.corrections import corrected_document
from extractor.review.web import create_app
from extractor.settings import DEFAULT_SETTINGS
from extractor.sinks.corrections import all_corrections
from extractor.sinks.migrations import reports, review_state

Extracted = Callable[[Path], Report]


def _client(engine: Engine, files: list[Path] | None = None) -> TestClient:
    return TestClient(create_app(engine, files or [], allowed_hosts=["127.0.0.1"]), base_url="http://127.0.0.1")


def _token(client: TestClient) -> str:
    token: str = client.app.state.review.token  # type: ignore[attr-defined]
    return token


def _data(page: str) -> dict[str, Any]:
    """The JSON the report page hands its script (cells with labels, kinds, boxes, spans)."""
    match = re.search(r'id="page-data" hidden data-json="([^"]*)"', page)
    assert match, "the report page carries its data"
    data: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return data


def _r2_repair(view: dict[str, Any]) -> tuple[str, int, str, int]:
    """The result_open cell of the failing R2 column and the value that makes it hold, plus the row total
    that must move with it (R3)."""
    req = view["tables"]["requests"]
    skip = ("new_requests", "carried_over", "result_total", "carried_forward", "result_open")
    for col in req["result_total"]:
        parts = sum((cols[col] or 0) for row, cols in req.items() if row not in skip)
        wanted = (req["result_total"][col] or 0) - parts
        if (req["result_open"][col] or 0) != wanted and col != "total":
            bump = wanted - (req["result_open"][col] or 0)
            return f"tables.requests.result_open.{col}", wanted, "tables.requests.result_open.total", req["result_open"]["total"] + bump
    raise AssertionError("no failing R2 column")


def _check(view: dict[str, Any], check_id: str) -> str:
    return str(next(c["status"] for c in view["checks"] if c["id"] == check_id))


@pytest.fixture
def r2(engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> int:
    """The R2-failing 2021 PDF, stored with its absolute path."""
    return store(engine, extracted(broken_pdfs[3]), str(broken_pdfs[3]))


def test_the_list_shows_each_report_with_its_failing_checks_and_filters_in_sql(
        engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> None:
    ids = [store(engine, extracted(p), str(p)) for p in broken_pdfs]
    client = _client(engine)
    page = client.get("/").text
    for path in broken_pdfs:
        assert html.escape(extracted(path).report.agency or "") in page
    assert "R2" in page and "R4" in page
    failing = client.get("/", params={"status": "fail"}).text
    assert all(f'/reports/{i}"' in failing for i in ids)  # every generated report breaks one relation
    assert "没有符合条件的报告" in client.get("/", params={"status": "ok"}).text
    agency = extracted(broken_pdfs[3]).report.agency or ""
    one = client.get("/", params={"agency": agency[:4]}).text
    assert f'/reports/{ids[3]}"' in one and f'/reports/{ids[0]}"' not in one
    year = extracted(broken_pdfs[0]).report.year
    by_year = client.get("/", params={"year": str(year)}).text
    assert f'/reports/{ids[0]}"' in by_year
    client.app.state.review.size = 1  # type: ignore[attr-defined]
    paged = client.get("/", params={"page": "2"}).text
    assert "第 2 / 4 页" in paged and paged.count('<tr class="st-') == 1


def test_the_report_view_lays_out_the_tables_with_printed_labels_and_the_failing_cells(engine: Engine, r2: int) -> None:
    client = _client(engine)
    page = client.get(f"/reports/{r2}")
    assert page.status_code == 200
    text = page.text
    for label in ("二、主动公开政府信息情况", "第二十条第（一）项", "（七）总计", "商业企业", "申请人情况", "复议后起诉"):
        assert label in text
    assert "商业企业列" in text and "（七）总计 = 8，各项办理结果之和 = 13" in text  # the failing R2 instance
    data = _data(text)
    cell = data["cells"]["tables.requests.result_total.commercial_enterprise"]
    assert cell["failing"] == ["R2"] and cell["page"] == 3 and len(cell["bbox"]) == 4 and cell["kind"] == "value"
    assert data["paged"] and len(data["pages"]) == 3
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_the_page_image_is_the_pdf_page_at_the_zoom_the_boxes_use(engine: Engine, r2: int) -> None:
    client = _client(engine)
    png = client.get(f"/reports/{r2}/page/1.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    width = int.from_bytes(png.content[16:20], "big")  # the PNG header's IHDR width
    assert width == round(595 * DEFAULT_SETTINGS.review_page_zoom)
    assert client.get(f"/reports/{r2}/page/9.png").status_code == 404


def test_a_cell_correction_turns_r2_green_and_keeps_the_extraction(engine: Engine, r2: int) -> None:
    client = _client(engine)
    before = corrected_document(engine, r2).view
    cell, value, total, new_total = _r2_repair(before)
    for path, new in ((cell, value), (total, new_total)):
        sent = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": path, "value": str(new),
                                                           "seen": json.dumps(before["tables"]["requests"][path.split(".")[2]][path.split(".")[3]]),
                                                           "note": "按原文第3页核对"}, follow_redirects=False)
        assert sent.status_code == 303 and "saved=" in sent.headers["location"]
    shown = client.get(sent.headers["location"]).text
    assert "已保存更正" in shown and "注意" not in shown
    after = corrected_document(engine, r2).view
    assert _check(after, "R2") == "pass" and _check(after, "R3") == "pass"
    assert _check(corrected_document(engine, r2).stored.document, "R2") == "fail"  # the extraction is untouched
    data = _data(shown)
    assert data["cells"][cell]["corrected"] and data["cells"][cell]["value"] == str(value)
    listed = client.get("/", params={"status": "corrected"}).text
    assert f'/reports/{r2}"' in listed and "已更正 2" in listed
    assert f'/reports/{r2}"' in client.get("/", params={"status": "ok"}).text  # the list follows the corrected view


def test_a_value_that_is_not_a_number_is_refused_in_chinese_and_kept_in_the_form(engine: Engine, r2: int) -> None:
    client = _client(engine)
    path = "tables.requests.new_requests.natural_person"
    refused = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": path, "value": "十二件",
                                                          "note": "看不清"})
    assert refused.status_code == 400
    assert "「十二件」不是数字" in refused.text and 'value="十二件"' in refused.text and 'value="看不清"' in refused.text
    assert all_corrections(engine) == []


def test_a_correction_on_a_deleted_report_says_so_and_shows_what_was_typed(engine: Engine, r2: int) -> None:
    client = _client(engine)
    client.get(f"/reports/{r2}")
    with engine.begin() as conn:
        conn.execute(delete(reports).where(reports.c.id == r2))
    gone = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": "tables.requests.new_requests.total",
                                                       "value": "77"})
    assert gone.status_code == 404 and f"报告 #{r2} 已不在数据库中" in gone.text and "value = 77" in gone.text
    assert all_corrections(engine) == []
    assert client.get(f"/reports/{r2}").status_code == 404


def test_a_missing_source_file_leaves_the_tables_and_says_why(
        engine: Engine, broken_pdfs: list[Path], extracted: Extracted, tmp_path: Path) -> None:
    report_id = store(engine, extracted(broken_pdfs[3]), "reports/2024/gone.pdf")
    client = _client(engine)
    page = client.get(f"/reports/{report_id}")
    assert page.status_code == 200 and "原文页面不可用" in page.text and "找不到原文件" in page.text
    assert "（七）总计" in page.text and "reports/2024/gone.pdf" in page.text
    assert client.get(f"/reports/{report_id}/page/1.png").status_code == 404
    folder = tmp_path / "sources"
    folder.mkdir()
    shutil.copy(broken_pdfs[3], folder / "gone.pdf")  # found again by name under --files
    found = _client(engine, [folder]).get(f"/reports/{report_id}")
    assert "原文页面不可用" not in found.text and _data(found.text)["paged"]


def test_a_source_file_changed_since_extraction_is_not_shown(
        engine: Engine, broken_pdfs: list[Path], extracted: Extracted, tmp_path: Path) -> None:
    changed = tmp_path / "changed.pdf"
    shutil.copy(broken_pdfs[2], changed)  # another report's bytes under the stored name
    report_id = store(engine, extracted(broken_pdfs[3]), str(changed))
    page = _client(engine).get(f"/reports/{report_id}").text
    assert "内容与提取时不同" in page


def test_notes_with_html_are_escaped(engine: Engine, r2: int) -> None:
    client = _client(engine)
    note = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": "tables.requests.new_requests.total",
                                               "value": "1", "note": note})
    page = client.get(f"/reports/{r2}").text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_posts_need_the_apps_token_and_origin(engine: Engine, r2: int) -> None:
    client = _client(engine)
    form = {"path": "tables.requests.new_requests.total", "value": "5"}
    assert client.post(f"/reports/{r2}/correct", data=form).status_code == 403
    assert client.post(f"/reports/{r2}/correct", data=form | {"token": _token(client)},
                       headers={"Origin": "http://evil.example"}).status_code == 403
    assert all_corrections(engine) == []
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding guard


def test_two_reviewers_correcting_one_cell_both_are_kept_and_the_later_one_is_told(engine: Engine, r2: int) -> None:
    client = _client(engine)
    path = "tables.requests.new_requests.natural_person"
    seen = json.dumps(corrected_document(engine, r2).view["tables"]["requests"]["new_requests"]["natural_person"])
    first = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": path, "value": "101", "seen": seen},
                        follow_redirects=False)
    second = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": path, "value": "202", "seen": seen},
                         follow_redirects=False)
    assert "conflict" not in first.headers["location"] and "conflict=1" in second.headers["location"]
    assert "已被他人更正" in client.get(second.headers["location"]).text
    assert [c.new_value for c in all_corrections(engine)] == [101, 202]
    assert corrected_document(engine, r2).view["tables"]["requests"]["new_requests"]["natural_person"] == 202


def test_narrative_items_are_added_edited_and_removed_from_forms(engine: Engine, r2: int) -> None:
    client = _client(engine)
    token = _token(client)
    before = corrected_document(engine, r2)
    count = len(before.view["narrative"]["published"])
    added = client.post(f"/reports/{r2}/correct", data={"token": token, "path": "narrative.published.new", "value": "125",
                                                        "unit": "条", "channel": "政府门户网站", "year": "", "text": ""},
                        follow_redirects=False)
    assert added.status_code == 303
    key = corrected_document(engine, r2).item_keys["published"][-1]
    client.post(f"/reports/{r2}/correct", data={"token": token, "path": f"narrative.published.{key}", "value": "126",
                                               "unit": "条", "channel": "政府门户网站", "year": "2024", "text": ""})
    client.post(f"/reports/{r2}/correct", data={"token": token, "path": "narrative.published.0", "action": "remove"})
    problem = client.post(f"/reports/{r2}/correct", data={"token": token, "path": "narrative.problems.new", "text": "  "})
    assert problem.status_code == 400 and "请填写条目的原文" in problem.text
    client.post(f"/reports/{r2}/correct", data={"token": token, "path": "narrative.fees", "charged": "yes",
                                               "amount_yuan": "2150", "text": "共收取信息处理费2150元"})
    view = corrected_document(engine, r2).view
    published = view["narrative"]["published"]
    assert len(published) == count and published[-1]["value"] == 126 and published[-1]["year"] == 2024
    assert published[-1]["text"] == "126条" and published[-1]["channel"] == "政府门户网站"
    assert view["narrative"]["fees"] == {"charged": True, "amount_yuan": 2150, "text": "共收取信息处理费2150元"}
    page = client.get(f"/reports/{r2}").text
    assert "126条" in page and "新增" in page


def test_report_facts_change_only_the_fields_that_changed(engine: Engine, r2: int) -> None:
    client = _client(engine)
    info = corrected_document(engine, r2).view["report"]
    seen = json.dumps({"agency": info["agency"], "year": info["year"], "template": info["template"]})
    client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": "report", "seen": seen,
                                               "agency": info["agency"], "year": str(info["year"] - 1), "template": "2021"})
    assert [(c.path, c.new_value) for c in all_corrections(engine)] == [("report.year", info["year"] - 1)]
    bad = client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": "report", "seen": seen,
                                                     "agency": "", "year": "1850", "template": "2021"})
    assert bad.status_code == 400 and "不是有效的报告年度" in bad.text
    assert len(all_corrections(engine)) == 1  # neither field of the refused form was stored


def test_marking_reviewed_moves_the_queue_on(engine: Engine, broken_pdfs: list[Path], extracted: Extracted) -> None:
    ids = [store(engine, extracted(p), str(p)) for p in broken_pdfs]
    client = _client(engine)
    first = client.get("/next", follow_redirects=False).headers["location"]
    first_id = int(first.rsplit("/", 1)[1])
    assert first_id in ids
    done = client.post(f"/reports/{first_id}/reviewed", data={"token": _token(client), "reviewed": "1", "then": "next"},
                       follow_redirects=False)
    assert done.headers["location"] == f"/next?after={first_id}"
    second = client.get(done.headers["location"], follow_redirects=False).headers["location"]
    assert second != first
    with engine.connect() as conn:
        assert conn.execute(select(review_state.c.reviewed_at).where(review_state.c.report_id == first_id)).scalar()
    assert f'/reports/{first_id}"' not in client.get("/", params={"status": "todo"}).text
    assert f'/reports/{first_id}"' in client.get("/", params={"status": "reviewed"}).text
    for report_id in ids:
        client.post(f"/reports/{report_id}/reviewed", data={"token": _token(client), "reviewed": "1"})
    assert client.get("/next", follow_redirects=False).headers["location"] == "/?status=todo&notice=none"


def test_text_inputs_show_their_running_text_with_each_cell_placed(
        engine: Engine, text_docs: list[Path], extracted: Extracted) -> None:
    report_id = store(engine, extracted(text_docs[0]), str(text_docs[0]))
    page = _client(engine).get(f"/reports/{report_id}").text
    assert 'id="running-text"' in page and "page-img" not in page
    data = _data(page)
    text = html.unescape(re.search(r'id="running-text">(.*?)</div>', page, re.S).group(1))  # type: ignore[union-attr]
    view = corrected_document(engine, report_id).view
    placed = {p: c for p, c in data["cells"].items() if c["span"] and c["exact"]}
    assert len(placed) >= 180  # every printed cell of the HTML table; the unprinted （六） row has no field
    for path, cell in placed.items():
        assert text[cell["span"][0]:cell["span"][1]].strip() == (view["provenance"][path]["raw"] or "").strip()
    published = next(iter(v for k, v in data["items"].items() if k.startswith("narrative.published")))
    assert text[published["span"][0]:published["span"][1]] == view["narrative"]["published"][0]["text"]


def test_exports_write_the_corrected_view_and_its_corrections(engine: Engine, r2: int) -> None:
    client = _client(engine)
    view = corrected_document(engine, r2).view
    cell, value, _total, _new = _r2_repair(view)
    client.post(f"/reports/{r2}/correct", data={"token": _token(client), "path": cell, "value": str(value), "note": "核对"})
    lines = client.get("/export", params={"what": "reports", "format": "jsonl"}).text.splitlines()
    assert len(lines) == 1
    exported = json.loads(lines[0])
    assert list(exported)[:9] == ["schema_version", "source", "report", "sections", "tables", "narrative", "checks",
                                  "provenance", "warnings"]
    row, col = cell.split(".")[2:]
    assert exported["tables"]["requests"][row][col] == value
    assert exported["corrections"][0] | {"created_at": None} == {
        "id": 1, "path": cell, "old_value": view["tables"]["requests"][row][col], "new_value": value, "note": "核对",
        "created_at": None, "applied": True}
    one = client.get(f"/reports/{r2}/export.json")
    assert json.loads(one.text)["tables"] == exported["tables"] and "attachment" in one.headers["content-disposition"]
    rows = client.get("/export", params={"what": "reports", "format": "csv"}).text.lstrip("\ufeff").splitlines()
    assert rows[0].startswith("file,sha256,extractor_version,agency,year,template,table,row,col,value")
    mine = [r for r in rows if f",requests,{row},{col}," in r]
    assert len(mine) == 1 and mine[0].endswith(",1") and f",{value}," in mine[0]
    corrections = client.get("/export", params={"what": "corrections", "format": "csv"}).text.lstrip("\ufeff").splitlines()
    assert len(corrections) == 2 and cell in corrections[1]
    assert client.get("/export", params={"format": "xml"}).status_code == 400
