"""map_requests / map_proactive / map_review on faithful synthetic rows (the variants of the spec)."""

from __future__ import annotations

from unseen_labels import assert_unseen

from extractor.mapping import classifier
from extractor.mapping.rows import Row, Token
from extractor.mapping.tables import map_proactive, map_requests, map_review
from extractor.settings import Settings

SETTINGS = Settings()
CLF = classifier.load()

# labels as reports print them, none of them a row of the classifier's training data (checked below)
REQUEST_LABELS = [
    "一、本年度新收到的政府信息公开申请数量", "二、上年度结转的政府信息公开申请", "（一）予以公开的申请",
    "（二）部份公开（区分处理的，只计这一情形，不计其他情形）", "1.属于囯家秘密", "2.法律、行政法规禁止公开的",
    "3.可能危及“三安全一稳定”的", "4.涉及第三方合法权益", "5.屬於三類內部事務資訊", "6.过程性信息（属于四类）",
    "7.行政执法案卷信息", "8.属于行政查询类事项", "1.本机关不掌握该政府信息", "2.无现成信息，需另行制作",
    "3.经补正后申请内容仍然不明确", "1.属于信访、举报、投诉类申请", "2.重复提出的申请", "3.申请人要求提供公开出版物",
    "4.无正当理由大量、反复提出申请", "5.要求确认或重新出具已获取信息",
]
SPLIT_OTHER = ["1.申请人无正当理由逾期不补正，行政机关不再处理", "2.逾期未缴纳信息处理费、不再处理申请", "3.其他情形"]
TOTALS = ["（七）办理结果总计", "四、结转至下年度继续办理"]


def _row(label: str, *values: str) -> Row:
    return Row(label=label, values=[Token(v) for v in values], from_grid=False)


def _requests(single_other: bool) -> list[Row]:
    """10 new + 1 carried = 9 handled (5 open, 2 not held, 2 other) + 2 forward; 8 natural persons, 3 firms."""
    values = {label: ("0",) * 7 for label in REQUEST_LABELS}
    values[REQUEST_LABELS[0]] = ("7", "3", "0", "0", "0", "0", "10")
    values[REQUEST_LABELS[1]] = ("1", "0", "0", "0", "0", "0", "1")
    values[REQUEST_LABELS[2]] = ("3", "2", "0", "0", "0", "0", "5")
    values[REQUEST_LABELS[12]] = ("2", "0", "0", "0", "0", "0", "2")
    rows = [_row(label, *values[label]) for label in REQUEST_LABELS]
    if single_other:
        rows.append(_row("（六）其他处理情形", "1", "1", "0", "0", "0", "0", "2"))
    else:
        rows += [_row(SPLIT_OTHER[0], *("0",) * 7), _row(SPLIT_OTHER[1], *("0",) * 7),
                 _row(SPLIT_OTHER[2], "1", "1", "0", "0", "0", "0", "2")]
    rows += [_row(TOTALS[0], "6", "3", "0", "0", "0", "0", "9"), _row(TOTALS[1], "2", "0", "0", "0", "0", "0", "2")]
    return rows


def test_the_labels_here_are_not_training_rows() -> None:
    for label in [*REQUEST_LABELS, *SPLIT_OTHER, *TOTALS, "（六）其他处理情形", "其他依法主动公开的文件"]:
        assert_unseen(label)


def test_single_other_row_fills_other_and_leaves_the_split_rows_null() -> None:
    result = map_requests(_requests(single_other=True), CLF, SETTINGS)
    assert result.cells["other"]["total"].value == 2
    assert result.cells["other_misc"]["total"].value is None
    assert "other" in result.printed_rows and "other_misc" not in result.printed_rows


def test_split_other_rows_fill_the_three_keys_and_leave_other_null() -> None:
    result = map_requests(_requests(single_other=False), CLF, SETTINGS)
    assert result.cells["other_misc"]["natural_person"].value == 1
    assert result.cells["other"]["total"].value is None


def test_a_missing_row_does_not_shift_the_rows_after_it() -> None:
    rows = [r for r in _requests(single_other=False) if r.label != "2.重复提出的申请"]
    result = map_requests(rows, CLF, SETTINGS)
    assert result.cells["not_processed_duplicate"]["total"].value is None
    assert result.cells["result_total"]["total"].value == 9
    assert result.cells["carried_forward"]["natural_person"].value == 2


def test_run_together_digits_are_split_by_the_relations() -> None:
    rows = _requests(single_other=True)
    rows[0] = _row(REQUEST_LABELS[0], "73000010")  # "7 3 0 0 0 0 10", cell boundaries lost
    rows[-2] = _row(TOTALS[0], "6300009")
    result = map_requests(rows, CLF, SETTINGS)
    assert [result.cells["new_requests"][c].value for c in ("natural_person", "commercial_enterprise", "total")] == [7, 3, 10]
    assert result.cells["result_total"]["total"].value == 9
    assert not [w for w in result.warnings if w.code == "ambiguous_digits"]


def test_an_extra_local_row_in_table_2_is_skipped_with_a_warning() -> None:
    rows = [
        _row("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章", "1", "0", "11"),
        _row("行政规范性文件", "8", "26", "66"),
        _row("其他依法主动公开的文件", "3", "0", "5"),
        _row("行政许可", "447228"),
        _row("行政处罚", "3985758"),
        _row("行政强制", "88283"),
        _row("行政事业性收费", "96171.6"),
    ]
    result = map_proactive(rows, "2021", CLF, SETTINGS)
    assert result.cells["regulations"]["in_force"].value == 11
    assert result.cells["normative_docs"]["repealed"].value == 26
    assert result.cells["admin_license"]["decisions"].value == 447228
    assert result.cells["admin_fees"]["amount_wan_yuan"].value == 96171.6
    assert any(w.code == "extra_row" and "其他依法主动公开的文件" in w.message for w in result.warnings)


def test_ambiguous_table_2_runs_stay_null() -> None:
    rows = [_row("第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可", "3960181")]
    result = map_proactive(rows, "2019", CLF, SETTINGS)
    assert all(cell.value is None for cell in result.cells["admin_license"].values())
    assert all(cell.raw == "3960181" for cell in result.cells["admin_license"].values())  # provenance keeps the run
    assert any(w.code == "ambiguous_digits" for w in result.warnings)


def test_table_4_blank_cells_by_position_in_one_cell_per_line_text() -> None:
    fields = [Token(v) for v in ["2", "", "", "", "2", "", "", "", "1", "1", "1", "", "", "", "1"]]
    row = Row(label="行政复议行政诉讼", values=[f for f in fields if f.raw], from_grid=False, fields_after_label=fields)
    result = map_review([row], CLF, SETTINGS)
    assert result.cells["review"]["upheld"].value == 2 and result.cells["review"]["corrected"].value is None
    assert result.cells["litigation_direct"]["pending"].value == 1
    assert result.cells["litigation_after_review"]["total"].value == 1
