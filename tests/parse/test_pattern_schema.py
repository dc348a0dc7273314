"""The fact-pattern files are checked against schemas/patterns.schema.json when loaded: a misspelt
key or a bad regex is an error naming the file and the key, never silently ignored."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.parse.patterns import _load_cached, national_pattern_path, national_patterns
from checker.yaml_load import load_yaml


def _load(tmp_path, text: str):
    p = tmp_path / "patterns.yaml"
    p.write_text(text, encoding="utf-8")
    return _load_cached((str(p),))


def test_the_national_patterns_are_valid():
    data = load_yaml(national_pattern_path().read_text(encoding="utf-8"))
    assert data["patterns"]  # and they load: the schema accepts every key they use
    assert _load_cached((str(national_pattern_path()),)).patterns


def test_a_misspelt_key_is_named(tmp_path):
    with pytest.raises(InputError) as info:
        _load(tmp_path, "patterns:\n  - {id: x, regex: 'a', sectons: [说明.总体]}\n")
    assert "patterns.yaml" in str(info.value)
    assert "unknown key 'sectons' (did you mean 'sections'?) in patterns[0]" in str(info.value)


def test_a_missing_regex_is_named(tmp_path):
    with pytest.raises(InputError, match=r"patterns\[0\]: 'regex' is a required property"):
        _load(tmp_path, "patterns:\n  - {id: x}\n")


def test_a_bad_regex_names_the_file_and_the_pattern(tmp_path):
    with pytest.raises(InputError) as info:
        _load(tmp_path, "patterns:\n  - {id: broken, regex: '(unclosed'}\n")
    assert "patterns.yaml" in str(info.value) and "fact pattern broken: bad regex" in str(info.value)


def test_the_change_base_needs_its_group(tmp_path):
    assert national_patterns().change_base.search("比上年预算减少").group("口径") == "预算"
    with pytest.raises(InputError, match=r"change_base: '上年' has no group \(\?P<口径>…\)"):
        _load(tmp_path, "change_base: '上年'\n")
    with pytest.raises(InputError) as info:
        _load(tmp_path, "change_base: '(上年'\n")
    assert "patterns.yaml" in str(info.value) and "change_base: bad regex" in str(info.value)
