"""Plain-text reports: decode (UTF-8 / GB18030 / UTF-16), keep lines, recover tab-flattened tables.

Text copies of reports keep a table as one line per row with cells separated by tabs (or runs of
spaces). Column positions in such rows are approximate — labels drift into the next column —
so these grids are marked `reliable_columns=False` and later stages read their values by order.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Cell, Document, Line, Table, TextSource
from ..settings import Settings
from . import TEXT, sha256_of
from .charset import decoded_lines

_CELL_SEPARATOR = re.compile(r"\t| {2,}|\u3000{2,}")


def _is_table_line(line: str) -> bool:
    return len([c for c in _CELL_SEPARATOR.split(line.strip()) if c.strip()]) >= 2 or "\t" in line


def _table_of(rows: list[list[str]], line_index: int) -> Table:
    cells = [Cell(row=r, col=c, text=text.strip()) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(
        n_rows=len(rows),
        n_cols=max(len(row) for row in rows),
        cells=cells,
        source=TextSource.PLAIN_TEXT,
        reliable_columns=False,
        line_index=line_index,
    )


def recover_tables(lines: list[str]) -> tuple[list[Table], set[int]]:
    """Runs of consecutive separator-delimited lines become tables; returns them and their line indexes."""
    tables: list[Table] = []
    in_table: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2:
            rows = [_CELL_SEPARATOR.split(lines[i].rstrip("\n")) for i in run]
            tables.append(_table_of(rows, run[0]))
            in_table.update(run)
        run.clear()

    for index, line in enumerate(lines):
        if line.strip() and _is_table_line(line):
            run.append(index)
        elif line.strip():
            close()
    close()
    return tables, in_table


def read(path: Path, data: bytes, settings: Settings) -> Document:
    raw_lines = decoded_lines(path, data)
    tables, in_table = recover_tables(raw_lines)
    lines = [Line(text=line.rstrip(), in_table=i in in_table) for i, line in enumerate(raw_lines)]
    return Document(
        path=str(path),
        media_type=TEXT,
        sha256=sha256_of(data),
        source=TextSource.PLAIN_TEXT,
        lines=lines,
        tables=tables,
    )
