"""Wide CSV sink for spreadsheet users: one file per table, one row per report, `row.col` columns.

UTF-8 with a BOM so Excel shows Chinese. Rows are appended with flush + fsync; a report touches
three files, written in a fixed order, so on reopen the last file (review_litigation.csv) says
which reports are complete and orphan rows in the earlier files are dropped.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..schema import TABLE_KEYS
from .base import FailureRecord, Key, ReportResult, SinkError
from .jsonl import repair_partial_line
from .rows import wide_columns

ID_COLUMNS = ["file", "sha256", "extractor_version", "agency", "year", "template"]
FAILURE_COLUMNS = ["file", "sha256", "extractor_version", "stage", "code", "reason"]
BOM = "\ufeff"


def _format(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() is False:
        return repr(value)
    return str(value)


class _CsvFile:
    """One CSV with a fixed header, appended one durable row at a time."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.header = header
        repair_partial_line(path)
        if not path.exists() or path.stat().st_size == 0:
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(BOM)
                csv.writer(fh).writerow(header)
        else:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                found = next(csv.reader(fh), [])
            if found != header:
                raise SinkError(f"{path}: its header does not match this version's columns; use a new folder")
        self._fh = path.open("a", encoding="utf-8", newline="")

    def rows(self) -> list[dict[str, str]]:
        with self.path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    def keys(self) -> set[Key]:
        return {(r["sha256"], r["extractor_version"]) for r in self.rows()}

    def append(self, values: list[str]) -> None:
        buf = io.StringIO()
        csv.writer(buf).writerow(values)
        try:
            self._fh.write(buf.getvalue())
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise SinkError(f"{self.path}: cannot write ({exc})") from exc

    def keep_only(self, keys: set[Key]) -> int:
        """Rewrite the file without rows whose key is not in `keys`; returns how many were dropped."""
        rows = self.rows()
        kept = [r for r in rows if (r["sha256"], r["extractor_version"]) in keys]
        if len(kept) == len(rows):
            return 0
        self._fh.close()
        tmp = self.path.with_suffix(".csv.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(BOM)
            writer = csv.DictWriter(fh, fieldnames=self.header)
            writer.writeheader()
            writer.writerows(kept)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        self._fh = self.path.open("a", encoding="utf-8", newline="")
        return len(rows) - len(kept)

    def close(self) -> None:
        self._fh.close()


class CsvSink:
    """A folder with proactive.csv, requests.csv, review_litigation.csv and failures.csv."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._tables = {t: _CsvFile(self.folder / f"{t}.csv", ID_COLUMNS + wide_columns(t)) for t in TABLE_KEYS}
        self._failures = _CsvFile(self.folder / "failures.csv", FAILURE_COLUMNS)
        complete = self._tables[TABLE_KEYS[-1]].keys()
        self.dropped_orphans = sum(self._tables[t].keep_only(complete) for t in TABLE_KEYS[:-1])

    def done_keys(self, include_failures: bool = True) -> set[Key]:
        keys = self._tables[TABLE_KEYS[-1]].keys()
        if include_failures:
            keys |= self._failures.keys()
        return keys

    def write_report(self, result: ReportResult) -> None:
        r = result.report
        ident = [result.file, result.sha256, result.extractor_version, r.report.agency or "",
                 "" if r.report.year is None else str(r.report.year), r.report.template or ""]
        for table in TABLE_KEYS:  # fixed order: the last file marks the report complete
            f = self._tables[table]
            cells = r.tables.get(table, {})
            values = []
            for column in f.header[len(ID_COLUMNS):]:
                row, col = column.split(".", 1)
                values.append(_format(cells.get(row, {}).get(col)))
            f.append(ident + values)

    def write_failure(self, failure: FailureRecord) -> None:
        self._failures.append([failure.file, failure.sha256, failure.extractor_version,
                               failure.stage, failure.code, failure.reason])

    def close(self) -> None:
        for f in self._tables.values():
            f.close()
        self._failures.close()
