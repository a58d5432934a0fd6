"""The per-user, load-where-needed jieba dictionary cuts exactly as a plainly initialised jieba.

The reference is set up the documented way (jieba.Tokenizer().initialize() + load_userdict);
the texts are our hand-written training documents, generated reports' prose and, when present,
the real corpus reports (measurement only).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from extractor import resources
from extractor.narrative import jieba_dict, segment
from extractor.narrative.jieba_dict import PrefixDictionary, jieba
from extractor.synth.report import build

TRAINING_DOCS = resources.SOURCE_ROOT / "training_data" / "narrative" / "written"
USERDICT = segment.USERDICT.read_bytes()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba-ref"))
    tokenizer.initialize()
    with segment.USERDICT.open("rb") as handle:
        tokenizer.load_userdict(handle)
    return tokenizer


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder after one first run (the build is the slow part: done once here)."""
    folder = tmp_path_factory.mktemp("jieba-cache")
    jieba_dict.load_arrays(USERDICT, folder)
    return folder


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(TRAINING_DOCS.glob("*.txt"))]
    for index in range(12):
        report = build("seg", 31, index, "2021" if index % 2 else "2019", "txt")
        texts.append("\n".join(str(text) for kind, text in report.blocks if kind != "table"))
    corpus = resources.SOURCE_ROOT.parent / "shared" / "corpus"
    texts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(corpus.glob("*.txt"))]
    texts += ["", "一", "微信公众号和政务新媒体", "ABC 123 测试 2024年度", "𠀀𠀁生僻字", "\u3000全角 空格"]
    return texts


def test_cuts_equal_a_plainly_initialised_jieba(reference: Any) -> None:
    segment.setup_jieba()
    texts = _texts()
    assert sum(len(t) for t in texts) > 50_000
    for text in texts:
        assert list(jieba.cut(text, HMM=False)) == list(reference.cut(text, HMM=False))
        assert list(jieba.cut(text)) == list(reference.cut(text))  # HMM on: unknown-word joining
        assert list(jieba.cut(text, cut_all=True)) == list(reference.cut(text, cut_all=True))
        assert list(jieba.cut_for_search(text, HMM=False)) == list(reference.cut_for_search(text, HMM=False))
    assert jieba.dt.total == reference.total


def test_words_added_after_setup_behave_as_in_plain_jieba(reference: Any, built: Path) -> None:
    plain = jieba.Tokenizer()
    plain.FREQ, plain.total, plain.initialized = dict(reference.FREQ), reference.total, True
    lazy = jieba.Tokenizer()
    PrefixDictionary(jieba_dict.load_arrays(USERDICT, built)).install(lazy)
    text = "本机关政务公开专区和数据开放平台同步更新，政务服务网办件量增加。"
    for tokenizer in (plain, lazy):
        tokenizer.add_word("政务公开专区", 5)  # before any cut has loaded its group
        tokenizer.add_word("数据开放平台")  # frequency suggested from the current dictionary
        tokenizer.del_word("政务服务网")  # a user-dictionary word taken out again
    assert list(lazy.cut(text, HMM=False)) == list(plain.cut(text, HMM=False))
    assert lazy.total == plain.total


def test_the_whole_dictionary_equals_jiebas_after_the_user_dictionary(reference: Any, built: Path) -> None:
    arrays = jieba_dict.load_arrays(USERDICT, built)
    table = PrefixDictionary(arrays)
    freq = dict(table.singles)
    mask = (1 << jieba_dict._SHIFT) - 1
    for code in arrays["codes"].tolist():
        table.feed(freq, chr(code >> jieba_dict._SHIFT) + chr(code & mask))
    assert freq == reference.FREQ
    assert table.total == reference.total
    assert len(freq) > 400_000


def test_the_cache_is_built_once_per_key_and_reused(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert [f.name for f in built.iterdir()] == [f"jieba-dict-{jieba_dict.cache_key(USERDICT)}.npz"]  # no temp left
    fresh = jieba_dict.build_arrays(USERDICT)

    def no_build(_userdict: bytes) -> dict[str, Any]:
        raise AssertionError("the cached file should have been used")

    monkeypatch.setattr(jieba_dict, "build_arrays", no_build)
    cached = jieba_dict.load_arrays(USERDICT, built)
    assert fresh.keys() == cached.keys()
    assert all(np.array_equal(fresh[k], cached[k]) for k in fresh)
    assert jieba_dict.cache_key(USERDICT + "测试词\n".encode()) != jieba_dict.cache_key(USERDICT)


def test_a_damaged_cache_is_rebuilt_and_an_unwritable_one_is_not_needed(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = jieba_dict.load_arrays(USERDICT, built)
    builds: list[bytes] = []

    def counted_build(userdict: bytes) -> dict[str, Any]:
        builds.append(userdict)
        return good

    monkeypatch.setattr(jieba_dict, "build_arrays", counted_build)
    path = tmp_path / f"jieba-dict-{jieba_dict.cache_key(USERDICT)}.npz"
    path.write_bytes(b"PK\x03\x04 truncated")
    assert int(jieba_dict.load_arrays(USERDICT, tmp_path)["total"]) == int(good["total"])
    assert len(builds) == 1 and path.stat().st_size > 1_000_000  # rebuilt and replaced
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    arrays = jieba_dict.load_arrays(USERDICT, blocker / "cache")  # cannot be created: built in memory
    assert int(arrays["total"]) == int(good["total"]) and len(builds) == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_cache_folder_is_per_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XXGK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert resources.user_cache_dir() == tmp_path / "xdg" / "xxgk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert resources.user_cache_dir() == Path.home() / ".cache" / "xxgk"
    monkeypatch.setenv("XXGK_CACHE_DIR", str(tmp_path / "mine"))
    assert resources.user_cache_dir() == tmp_path / "mine"


def test_jieba_is_imported_without_pkg_resources() -> None:
    import subprocess

    code = "import sys, extractor.narrative.segment; print('pkg_resources' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=resources.SOURCE_ROOT)
    assert result.stdout.strip() == "False"
