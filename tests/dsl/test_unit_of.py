"""unit_of() (checker/dsl/indicators.py) folds a unit's spellings as the parser's indicator reading
does (unit_aliases in checker/facts/indicator_words.yaml): "<=20 日" is in 天 in both."""

from __future__ import annotations

import pytest

from checker.dsl.functions import builtin_functions
from checker.parse.indicator import parse_indicator


@pytest.mark.parametrize(("text", "unit"), [("<=20 日", "天"), ("≤15天", "天"), ("=100％", "%"),
                                            ("54 万元", "万元"), ("2700/月/人", "/月/人"), ("日", "天"),
                                            ("是", "是"), ("优 90", ""), ("95%以上", "%"),
                                            ("95%及以上", "%"), ("3 天以内", "天")])
def test_unit_of(text, unit) -> None:
    assert builtin_functions()["unit_of"].impl(None, text) == unit


@pytest.mark.parametrize("text", ["<=20 日", "≤15天", "=100％", "54 万元", ">=40 万元", "95%及以上",
                                  "10 次以下"])
def test_unit_of_agrees_with_the_parser(text) -> None:
    assert builtin_functions()["unit_of"].impl(None, text) == parse_indicator(text).unit
