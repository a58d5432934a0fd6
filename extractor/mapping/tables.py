"""Map labelled rows onto the canonical keys of tables 2, 3 and 4.

The classifier scores each row label against the table's keys, the alignment fixes the rows in
printed order, and each row's tokens are assigned to its columns. Rows whose digits ran together
are resolved jointly with the relations R1–R4; cells the relations cannot decide stay null.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import schema
from ..errors import WarningCode
from ..model import Warning
from ..settings import Settings
from .align import align_rows, claim_skipped_keys, swap_crossed_rows
from .cells import ABSENT, ColumnRef, MappedCell, RowValues, cell_from_token, row_values
from .classifier import LabelClassifier
from .digits import Split, resolve_jointly
from .resolve import as_numbers, column_kinds, constrained_values, finish_row, sum_rule
from .rows import HeaderCell, Row, shows_run_together_digits

Cells = dict[str, dict[str, MappedCell]]


@dataclass
class TableResult:
    cells: Cells
    found: bool
    printed_rows: set[str] = field(default_factory=set)
    warnings: list[Warning] = field(default_factory=list)


def classifier_text(kind: str, row: Row) -> str:
    """The text the classifier reads for a data row of table `kind`; training samples must be this text."""
    return _clean_proactive_label(row.text) if kind == "proactive" else row.text


def _data_rows(
    rows: Sequence[Row],
    clf: LabelClassifier | None = None,
    namespace: str = "",
    label_of: Callable[[Row], str] | None = None,
) -> list[Row]:
    """Rows that carry values, plus rows printed with every cell blank whose label names a key."""
    blank_rows = [r for r in rows if not r.has_values and r.has_cells]
    confident: set[int] = set()
    if clf is not None and blank_rows:
        texts = [label_of(r) if label_of else r.text for r in blank_rows]
        for row, dist in zip(blank_rows, clf.distributions(texts, namespace), strict=True):
            key, p = max(dist.items(), key=lambda kv: kv[1])
            if key is not None and p >= 0.8:
                confident.add(id(row))
    return [r for r in rows if r.has_values or id(r) in confident]


def _reordered(dists: Sequence[dict[str | None, float]], aligned: list[str | None], settings: Settings) -> list[str | None]:
    """Rows printed out of the template's order keep the keys their labels surely name (align.py)."""
    swapped = swap_crossed_rows(dists, aligned, settings.crossed_rows_probability)
    return claim_skipped_keys(dists, swapped, settings.reordered_row_probability)


def _ref(cell: HeaderCell) -> ColumnRef:
    if cell.bbox is None:
        return ColumnRef(cell.col)
    return ColumnRef(cell.col, cell.bbox[0], cell.bbox[2])


def _positions(found: dict[str, ColumnRef], keys: Sequence[str]) -> list[ColumnRef] | None:
    """Where each key's column is, if the header named every one of them in distinct columns."""
    if all(k in found for k in keys) and len({found[k].col for k in keys}) == len(keys):
        return [found[k] for k in keys]
    return None


def _hint(found: dict[str, ColumnRef], keys: Sequence[str]) -> dict[int, int]:
    """Key index -> grid column for the header cells that were found, even when some were not
    (a header broken across lines): enough to choose between tab-text windows."""
    return {i: found[k].col for i, k in enumerate(keys) if k in found}


def _found_columns(
    header_rows: Sequence[Row], clf: LabelClassifier, namespace: str, keys: Sequence[str], threshold: float = 0.5
) -> dict[str, ColumnRef]:
    """Header cells the classifier names as one of `keys` (deepest header row wins)."""
    found: dict[str, ColumnRef] = {}
    for row in header_rows:
        cells = [h for h in row.header_cells if h.text]
        if not cells:
            continue
        for cell, dist in zip(cells, clf.distributions([h.text for h in cells], namespace), strict=True):
            key, p = max(dist.items(), key=lambda kv: kv[1])
            if key is not None and p >= threshold and key in keys:
                found[key] = _ref(cell)
    return found


def _rows_before(rows: Sequence[Row], row: Row) -> list[Row]:
    """The rows printed before `row` (found by identity: two rows may print the same text)."""
    for index, candidate in enumerate(rows):
        if candidate is row:
            return list(rows[:index])
    raise ValueError("row is not in rows")


# ---------------------------------------------------------------- table 3


def map_requests(rows: Sequence[Row], clf: LabelClassifier, settings: Settings) -> TableResult:
    spec = schema.requests()
    columns = [c.key for c in spec.columns]
    empty: Cells = {r.key: {c: ABSENT for c in columns} for r in spec.rows}
    data = _data_rows(rows, clf, "requests.row")
    if not data:
        return TableResult(cells=empty, found=False)
    headers = _rows_before(rows, data[0])
    found = _found_columns(headers, clf, "requests.col", columns)
    positions, hint = _positions(found, columns), _hint(found, columns)
    run_together = shows_run_together_digits(data)
    dists = clf.distributions([classifier_text("requests", r) for r in data], "requests.row")
    penalties = {k: settings.skip_key_penalty for k in schema.REQUESTS_PRINTED_ORDER}
    for k in ("other", "other_no_correction", "other_fee_unpaid", "other_misc"):
        penalties[k] = 0.5
    assigned = _reordered(dists, align_rows(dists, schema.REQUESTS_PRINTED_ORDER, penalties), settings)

    warnings: list[Warning] = []
    by_key: dict[str, tuple[RowValues, float]] = {}
    for row, key, dist in zip(data, assigned, dists, strict=True):
        if key is None:
            warnings.append(Warning(code=WarningCode.EXTRA_ROW, message=f"requests: row not in the template: {row.text[:40]}", page=row.page))
            continue
        values = constrained_values(row, column_kinds(spec.columns), positions, settings, run_together, [sum_rule(range(6), 6)], hint)  # R3
        by_key[key] = (values, dist.get(key, 0.0))

    resolved = _resolve_requests_jointly(by_key, columns)
    result = dict(empty)
    for key, (values, prob) in by_key.items():
        confidence = min(settings.text_confidence, prob)
        result[key] = finish_row("requests", key, columns, values, resolved.get(key), confidence, warnings, settings)
        if prob < settings.low_confidence:
            warnings.append(Warning(code=WarningCode.LOW_CONFIDENCE_MAPPING, message=f"requests.{key}: label mapped with p={prob:.2f}"))
    return TableResult(cells=result, found=True, printed_rows=set(by_key), warnings=warnings)


def _resolve_requests_jointly(by_key: dict[str, tuple[RowValues, float]], columns: Sequence[str]) -> dict[str, list[str | None]]:
    """Pick splits of ambiguous rows so that R1 and R2 hold in every column."""
    open_rows = [k for k, (v, _) in by_key.items() if v.needs_resolution and v.candidates and len(v.candidates) > 1]
    if not open_rows:
        return {}
    spec = schema.requests()
    r2 = spec.relations["R2"]
    fixed: dict[str, list[float | None]] = {}
    for key, (values, _) in by_key.items():
        if key in open_rows:
            continue
        if values.tokens is not None:
            fixed[key] = [cell_from_token(t, 1.0).number if cell_from_token(t, 1.0).known else None for t in values.tokens]
        elif values.candidates and len(values.candidates) == 1:
            nums = as_numbers(values.candidates[0])
            fixed[key] = list(nums) if nums else [None] * len(columns)

    def column_values(combo: Sequence[Split]) -> dict[str, list[float | None]]:
        current = dict(fixed)
        for key, split in zip(open_rows, combo, strict=True):
            nums = as_numbers(split)
            current[key] = list(nums) if nums else [None] * len(columns)
        return current

    def holds(combo: Sequence[Split]) -> bool:
        rows = column_values(combo)
        parts = list(r2["parts"]) + ([r2["other_single"]] if r2["other_single"] in rows else list(r2["other_split"]))
        return all(_column_relations_hold(rows, c, r2["total"], parts) for c in range(len(columns)))

    options = [by_key[k][0].candidates or [] for k in open_rows]
    joint = resolve_jointly(options, holds)
    if joint is None:
        return {}
    return dict(zip(open_rows, joint, strict=True))


def _column_relations_hold(rows: dict[str, list[float | None]], c: int, total_key: str, parts: Sequence[str]) -> bool:
    """R2 and R1 in column c, wherever every value involved is known (unprinted rows read as 0)."""

    def val(key: str) -> float | None:
        return rows[key][c] if key in rows else 0.0

    total = val(total_key)
    items = [val(k) for k in parts]
    if total is not None and all(i is not None for i in items) and abs(sum(i or 0.0 for i in items) - total) > 1e-6:
        return False
    r1 = [val(k) for k in ("new_requests", "carried_over", "result_total", "carried_forward")]
    if all(x is not None for x in r1):
        a, b, t, f = (x or 0.0 for x in r1)
        if abs(a + b - t - f) > 1e-6:
            return False
    return True


# ---------------------------------------------------------------- table 4


def map_review(rows: Sequence[Row], clf: LabelClassifier, settings: Settings) -> TableResult:
    spec = schema.review_litigation()
    groups = [g.key for g in spec.groups]
    columns = [c.key for c in spec.columns]
    empty: Cells = {g: {c: ABSENT for c in columns} for g in groups}
    data = _data_rows(rows)
    if not data:
        return TableResult(cells=empty, found=False)
    n = len(groups) * len(columns)
    first = data[0]
    # the 15 numbers may be printed in one row or one row per group; prose after the table is not part of it
    used = [first]
    group_dists = clf.distributions([r.label for r in data[1:]], "review.group")
    def cells_in(row: Row) -> int:  # printed cells, blanks included where their positions are known
        if row.glued:  # running text: every character may be a cell of its own
            return sum(len(t.raw.strip()) for t in row.values)
        return max(len(row.values), len(row.fields_after_label or []), len(row.slots or {}))

    for row, dist in zip(data[1:], group_dists, strict=True):
        if sum(cells_in(r) for r in used) >= n:
            break
        if row.label.strip() and max(dist.items(), key=lambda kv: kv[1])[0] is None:
            break
        used.append(row)
    merged = Row(
        label=first.label,
        values=[t for r in used for t in r.values if t.raw.strip()],
        slots=first.slots if len(used) == 1 else None,
        fields_after_label=first.fields_after_label if len(used) == 1 else None,
        glued=any(r.glued for r in used),
    )
    positions = _review_positions(_rows_before(rows, first), clf, groups, columns)
    rules = [sum_rule(range(g * 5, g * 5 + 4), g * 5 + 4) for g in range(len(groups))]  # R4
    kinds = column_kinds(spec.columns) * len(groups)
    values = constrained_values(merged, kinds, positions, settings, shows_run_together_digits(used), rules)
    warnings: list[Warning] = []
    flat_keys = [f"{g}.{c}" for g in groups for c in columns]
    cells = finish_row("review_litigation", "row", flat_keys, values, None, settings.text_confidence, warnings, settings)
    result: Cells = {g: {c: cells[f"{g}.{c}"] for c in columns} for g in groups}
    return TableResult(cells=result, found=True, printed_rows=set(groups), warnings=warnings)


def _review_positions(
    header_rows: Sequence[Row], clf: LabelClassifier, groups: Sequence[str], columns: Sequence[str]
) -> list[ColumnRef] | None:
    """Where each (group, column) sits, from the stacked headers of a trusted grid."""
    group_cells: list[tuple[HeaderCell, str]] = []
    col_cells: list[tuple[HeaderCell, str]] = []
    for row in header_rows:
        cells = [h for h in row.header_cells if h.text]
        if not cells:
            continue
        g_dist = clf.distributions([h.text for h in cells], "review.group")
        c_dist = clf.distributions([h.text for h in cells], "review.col")
        for cell, gd, cd in zip(cells, g_dist, c_dist, strict=True):
            gk, gp = max(gd.items(), key=lambda kv: kv[1])
            ck, cp = max(cd.items(), key=lambda kv: kv[1])
            if gk is not None and gp >= 0.6 and cell.span > 1:
                group_cells.append((cell, gk))
            elif ck is not None and cp >= 0.5:
                col_cells.append((cell, ck))
    positions: dict[str, ColumnRef] = {}
    for cell, ck in col_cells:
        owners = [g for group, g in group_cells if _covers(group, cell)]
        if owners:
            positions.setdefault(f"{owners[-1]}.{ck}", _ref(cell))
    wanted = [f"{g}.{c}" for g in groups for c in columns]
    if all(w in positions for w in wanted):
        return [positions[w] for w in wanted]
    return None


def _covers(group: HeaderCell, cell: HeaderCell) -> bool:
    """A group header spans a column header: by x-extent when boxes exist, else by grid index."""
    if group.bbox is not None and cell.bbox is not None:
        centre = (cell.bbox[0] + cell.bbox[2]) / 2
        return group.bbox[0] <= centre <= group.bbox[2]
    return group.col <= cell.col < group.col + group.span


# ---------------------------------------------------------------- table 2

_CAPTION = re.compile(r"第二十条\s*第?\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*项?")


def _proactive_header_phrases() -> list[str]:
    phrases = {"信息内容"}
    for template in schema.TEMPLATES:
        for column in schema.proactive(template).columns:
            phrases.update((column.label, *column.aliases))
    return sorted(phrases, key=len, reverse=True)


def _clean_proactive_label(label: str) -> str:
    label = _CAPTION.sub("", label)
    for phrase in _proactive_header_phrases():
        label = label.replace(phrase, "")
    return re.sub(r"^[（(]?单位[:：]?万?元[)）]?", "", label).strip(" ：:")


def map_proactive(rows: Sequence[Row], template: schema.TemplateVersion, clf: LabelClassifier, settings: Settings) -> TableResult:
    spec = schema.proactive(template)
    empty: Cells = {r.key: {c: ABSENT for c in spec.columns_of(r.key)} for r in spec.rows}
    data = _data_rows(rows, clf, "proactive.row", lambda r: _clean_proactive_label(r.text))
    if not data:
        return TableResult(cells=empty, found=False)
    labels = [classifier_text("proactive", r) for r in data]
    run_together = shows_run_together_digits(data)
    dists = clf.distributions(labels, "proactive.row")
    order = [r.key for r in spec.rows]
    assigned = _reordered(dists, align_rows(dists, order, {k: settings.skip_key_penalty for k in order}), settings)
    warnings: list[Warning] = []
    result = dict(empty)
    printed: set[str] = set()
    all_columns = [c.key for c in spec.columns]
    found_by_block: dict[tuple[int, ...], dict[str, ColumnRef]] = {}  # header rows -> columns they name
    for row, key, dist in zip(data, assigned, dists, strict=True):
        if key is None:
            warnings.append(Warning(code=WarningCode.EXTRA_ROW, message=f"proactive: row not in the template: {row.text[:40]}", page=row.page))
            continue
        columns = list(spec.columns_of(key))
        headers = [r for r in _rows_before(rows, row) if not r.has_values][-2:]
        block = tuple(id(r) for r in headers)
        if block not in found_by_block:  # each block's header is classified once, not once per row
            found_by_block[block] = _found_columns(headers, clf, "proactive.col", all_columns)
        found = found_by_block[block]
        positions = _positions(found, columns) if headers else None
        hint = _hint(found, columns) if headers else None
        kinds = column_kinds([spec.column(c) for c in columns])
        values = row_values(row, kinds, positions, settings.max_digit_split_candidates, run_together, hint,
                            split_steps=settings.max_digit_split_steps)
        prob = dist.get(key, 0.0)
        result[key] = finish_row("proactive", key, columns, values, None, min(settings.text_confidence, prob), warnings, settings)
        printed.add(key)
        if prob < settings.low_confidence:
            warnings.append(Warning(code=WarningCode.LOW_CONFIDENCE_MAPPING, message=f"proactive.{key}: label mapped with p={prob:.2f}"))
    return TableResult(cells=result, found=True, printed_rows=printed, warnings=warnings)
