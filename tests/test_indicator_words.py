"""The words of indicator values are data (checker/facts/indicator_words.yaml), checked against
schemas/indicator_words.schema.json when loaded; the parser and the rules read them from there."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.indicator_value import indicator_words, indicator_words_path, load_indicator_words
from checker.parse.indicator import begins_value, parse_indicator
from checker.yaml_load import load_yaml

NATIONAL = indicator_words_path().read_text(encoding="utf-8")


def _load(tmp_path, text: str):
    path = tmp_path / "indicator_words.yaml"
    path.write_text(text, encoding="utf-8")
    return load_indicator_words(str(path))


def test_the_national_file_is_read_in_its_order():
    words = indicator_words()
    # a longer word is tried before a word it ends with
    order = list(words.comparator_words)
    assert order.index("大于等于") < order.index("等于") and order.index("不低于") < order.index("低于")
    assert list(words.comparator_suffixes)[:2] == ["及以上", "以上"]
    assert words.polarity["已完成"] == "yes" and words.polarity["未达标"] == "no"
    assert words.polarity["是否完成"] == "question"
    assert {"人次", "辆", "台（套）"} <= words.count_units and "万元" not in words.count_units
    assert words.unit("日") == "天" and words.unit("万元") == "万元"


def test_the_parser_reads_them():
    value = parse_indicator("不低于95%")
    assert (value.comparator, value.number, value.unit) == ("≥", 95, "%")
    value = parse_indicator("20 日以内")
    assert (value.comparator, value.number, value.unit) == ("≤", 20, "天")
    assert parse_indicator("年内完成").polarity == "yes"
    assert begins_value("不超过10次") and not begins_value("资金到位率")


def test_a_misspelt_key_names_the_file(tmp_path):
    bad = NATIONAL.replace("count_units:", "count_unit:")
    with pytest.raises(InputError) as info:
        _load(tmp_path, bad)
    message = str(info.value)
    assert "indicator_words.yaml" in message
    assert "unknown key 'count_unit' (did you mean 'count_units'?)" in message


def test_a_comparator_must_be_one_of_the_five(tmp_path):
    data = load_yaml(NATIONAL)
    assert set(data["comparator_words"].values()) <= {"≥", "≤", "<", ">", "="}
    with pytest.raises(InputError, match="comparator_words"):
        _load(tmp_path, NATIONAL.replace("  至少: ≥", "  至少: 至少"))
