"""CSV sink: one wide row per report per table, BOM for Excel, orphans of a crash dropped."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
from test_batch_fakes import make_report  # noqa: E402

from extractor.sinks import FailureRecord, ReportResult, open_sink  # noqa: E402
from extractor.sinks.csv import CsvSink  # noqa: E402
from extractor.version import __version__  # noqa: E402


def _result(i: int, template: str = "2021") -> ReportResult:
    sha = f"{i:064x}"
    report = make_report(file=f"r{i}.pdf", sha256=sha, agency="洪泽区人民政府", year=2020 + i, seed=i,
                         template=template, cells={"proactive.admin_fees.amount_wan_yuan": 7730.28}
                         if template == "2021" else None)
    return ReportResult(f"in/r{i}.pdf", sha, __version__, report)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_wide_rows_with_bom_and_both_templates(tmp_path: Path) -> None:
    sink = open_sink(tmp_path / "csv")
    assert isinstance(sink, CsvSink)
    sink.write_report(_result(1))
    sink.write_report(_result(2, template="2019"))
    sink.write_failure(FailureRecord("in/bad.pdf", "e" * 64, __version__, "read", "corrupt", "truncated, 坏"))
    sink.close()
    assert (tmp_path / "csv" / "requests.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    proactive = _read(tmp_path / "csv" / "proactive.csv")
    assert [r["template"] for r in proactive] == ["2021", "2019"]
    assert proactive[0]["admin_fees.amount_wan_yuan"] == "7730.28"
    assert proactive[0]["gov_procurement.amount_yuan"] == ""  # a 2019-only column, blank for 2021
    assert proactive[1]["gov_procurement.amount_yuan"] != ""
    requests = _read(tmp_path / "csv" / "requests.csv")
    r1 = _result(1).report.tables["requests"]
    assert requests[0]["new_requests.total"] == str(r1["new_requests"]["total"])
    assert requests[0]["agency"] == "洪泽区人民政府" and requests[0]["file"] == "in/r1.pdf"
    assert len([c for c in requests[0] if "." in c]) == 26 * 7
    assert _read(tmp_path / "csv" / "failures.csv")[0]["reason"] == "truncated, 坏"


def test_rows_of_an_unfinished_report_are_dropped_on_reopen(tmp_path: Path) -> None:
    sink = CsvSink(tmp_path)
    sink.write_report(_result(1))
    sink.close()
    # a crash after proactive.csv and requests.csv got report 2 but review_litigation.csv did not
    half = CsvSink(tmp_path)
    half._tables["proactive"].append(["in/r2.pdf", f"{2:064x}", __version__, "", "", "", "1"])
    with (tmp_path / "requests.csv").open("a", encoding="utf-8") as fh:
        fh.write('in/r2.pdf,000,"partial')  # and a torn last line
    half.close()
    sink = CsvSink(tmp_path)
    assert sink.dropped_orphans == 1
    assert sink.done_keys() == {(f"{1:064x}", __version__)}
    for name in ("proactive.csv", "requests.csv", "review_litigation.csv"):
        assert [r["sha256"] for r in _read(tmp_path / name)] == [f"{1:064x}"]
    sink.close()
