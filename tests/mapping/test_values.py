from extractor.mapping.values import NullReason, looks_like_value, parse_value


def test_integers_decimals_signs_and_units_are_parsed_as_printed() -> None:
    assert parse_value("447228").value == 447228
    assert parse_value("96171.6").value == 96171.6
    assert parse_value("-3").value == -3
    assert parse_value("−3").value == -3
    assert parse_value("+2").value == 2
    assert parse_value("251000元").value == 251000
    assert parse_value("75394432.52元").value == 75394432.52
    assert parse_value("１２３").value == 123  # full-width digits
    assert parse_value("1,234").value == 1234


def test_blank_dash_and_text_are_null_with_a_reason() -> None:
    assert parse_value("") == parse_value("  ")
    assert parse_value("").null_reason is NullReason.BLANK
    assert parse_value("-").null_reason is NullReason.DASH
    assert parse_value("—").null_reason is NullReason.DASH
    assert parse_value("约三百").null_reason is NullReason.UNREADABLE
    assert parse_value(None).null_reason is NullReason.ABSENT


def test_a_decimal_count_is_kept_not_rounded() -> None:
    # never "fix" a printed number: R5 reports it instead
    assert parse_value("3.5").value == 3.5


def test_labels_do_not_look_like_values() -> None:
    assert looks_like_value("0") and looks_like_value("—") and looks_like_value("4166.241619")
    assert not looks_like_value("行政许可")
    assert not looks_like_value("1.属于国家秘密")


def test_a_dash_read_by_ocr_as_the_character_yi_is_a_null_mark() -> None:
    assert looks_like_value("一")
    assert parse_value("一").null_reason is NullReason.DASH
