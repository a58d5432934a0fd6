"""The shipped label model on the label drift the spec lists (each written here by us)."""

import pytest

from extractor.mapping import classifier

CASES = [
    ("商业企", "requests.col", "commercial_enterprise"),  # wrapped header, 业 on the next line
    ("科研机", "requests.col", "research_institution"),
    ("现行有效件", "proactive.col", "in_force"),  # 数 lost
    ("本年收费金额（单位 万元）：", "proactive.col", "amount_wan_yuan"),
    ("三、本年度办理结果（一）予以公开", "requests.row", "result_open"),  # vertical group label prefixed
    ("2 其他法律行政法规禁止公开", "requests.row", "withheld_law_prohibited"),  # "2." lost its dot
    ("1、属于国家秘密", "requests.row", "withheld_state_secret"),  # 1、 vs 1.
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "requests.row", "result_partial"),  # half-width
    ("（六）其他处理", "requests.row", "other"),
    ("3. 其他", "requests.row", "other_misc"),
    ("規章", "proactive.row", "regulations"),  # traditional characters
    ("规章（设区的市应提供相关数据）", "proactive.row", "regulations"),  # guidance in parentheses
    ("其他结 果", "review.col", "other"),
    ("尚未审", "review.col", "pending"),
    ("复议后起诉", "review.group", "litigation_after_review"),
]


@pytest.mark.parametrize(("text", "namespace", "key"), CASES)
def test_label_variants_map_to_their_keys(text: str, namespace: str, key: str) -> None:
    prediction = classifier.load().predict(text, namespace)
    assert prediction.key == key
    assert prediction.probability > 0.5


@pytest.mark.parametrize("text", ["其他主动公开文件", "信息内容", "第二十条第（一）项", "行政征收"])
def test_local_extra_rows_and_captions_are_unknown(text: str) -> None:
    assert classifier.load().predict(text, "proactive.row").key is None


def test_shipped_model_matches_the_schema_and_reports_its_accuracy() -> None:
    import json

    meta = json.loads((classifier.DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["schema_hash"] == classifier._schema_hash()
    assert meta["metrics"]["held_out_accuracy"] >= 0.95


@pytest.mark.model
def test_training_is_reproducible_with_generated_variants(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractor.synth.labels import generated_label_variants

    extra = generated_label_variants(layouts=10, seed=0)
    assert extra == generated_label_variants(layouts=10, seed=0)
    assert ("商业企", "requests.col:commercial_enterprise") in extra  # a wrapped header's first line
    first = classifier.train(out_dir=tmp_path / "a", seed=0, extra_rows=extra)
    second = classifier.train(out_dir=tmp_path / "b", seed=0, extra_rows=extra)
    assert first["extra_rows"] == len(extra) > 0
    assert first["metrics"]["held_out_accuracy"] >= 0.95
    assert first["data_hash"] == second["data_hash"]
    assert first["metrics"] == second["metrics"]
    model_a = classifier.load(tmp_path / "a")
    model_b = classifier.load(tmp_path / "b")
    texts = ["商业企", "3. 其他", "其他主动公开文件"]
    assert model_a.distributions(texts, "requests.row") == model_b.distributions(texts, "requests.row")


def test_a_model_for_another_schema_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import shutil

    from extractor.errors import ModelError

    target = tmp_path / "labels"
    shutil.copytree(classifier.DEFAULT_MODEL_DIR, target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta["schema_hash"] = "0" * 64
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="another schema"):
        classifier.load(target)
