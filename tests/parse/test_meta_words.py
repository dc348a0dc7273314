"""The words of department names and titles are data (checker/parse/meta.yaml), checked against
schemas/meta.schema.json when loaded: a misspelt key or a bad regex names the file."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.parse import meta
from checker.parse.meta import department_from_name, is_department


@pytest.fixture
def words_file(tmp_path, monkeypatch):
    """Point the reader at a copy of meta.yaml edited by the test; the cache is emptied."""
    text = meta.meta_words_path().read_text(encoding="utf-8")

    def use(old: str, new: str):
        path = tmp_path / "meta.yaml"
        path.write_text(text.replace(old, new), encoding="utf-8")
        monkeypatch.setattr(meta, "meta_words_path", lambda: path)
        meta._grammar.cache_clear()
        return path

    yield use
    meta._grammar.cache_clear()


def test_the_words_decide_what_a_department_is():
    assert is_department("江苏省高级人民法院") and is_department("海东市医疗保障局")
    assert not is_department("海东市医疗保障局部门")  # 部门 is not a name's end
    assert not is_department("本部门预算管理局")  # a sentence opening, never a name
    assert department_from_name("2024年上海市普陀区财政局部门决算.pdf") == "上海市普陀区财政局"


def test_an_ending_added_is_read(words_file):
    assert not is_department("某某投资有限公司")
    words_file("            署, 处,", "            公司, 署, 处,")
    assert is_department("某某投资有限公司")


def test_a_misspelt_key_names_the_file(words_file):
    path = words_file("  never_first:", "  never_frist:")
    with pytest.raises(InputError) as info:
        is_department("海东市医疗保障局")
    assert str(path) in str(info.value) and "unknown key 'never_frist'" in str(info.value)


def test_a_bad_regex_names_the_key(words_file):
    words_file("  levels: [本级,", "  levels: ['(本级',")
    with pytest.raises(InputError, match=r"department\.levels: bad regex '\(本级'"):
        is_department("海东市医疗保障局")
