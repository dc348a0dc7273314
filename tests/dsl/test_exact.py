"""The same-precision twin (``exact``): checker/dsl/exact.py, derived by the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl import ast
from checker.dsl.compile import compile_rules
from checker.dsl.parse import RuleError, parse_text

NARRATIVE = Path(__file__).resolve().parents[2] / "rules" / "narrative.rules"

RULE = '''rule N03 "t"
  applies 决算
  tags 说明
  for n in ["本年支出合计", "基本支出"]:
    for f in facts(n, "说明.支出"):
      f.value = 支出决算表[合计][n]
      f.value ≤ 1000
  message "{left} vs {right}"
  exact "同精度时应完全一致"
  exact message "第{f.line}行 {left}，表为 {right}"
'''


def test_the_twin_follows_its_rule():
    rule, twin = parse_text(RULE, "t.rules").rules
    assert (twin.id, twin.title, twin.severity, twin.derived_from) == (
        "N03.eq", "同精度时应完全一致", "warning", "N03")
    assert twin.applies == rule.applies and twin.tags == ["说明"]
    assert [p if isinstance(p, str) else p.text for p in twin.message_parts] == [
        "第", "f.line", "行 ", "left", "，表为 ", "right"]
    (outer,) = twin.body
    (inner,) = outer.body
    # the ≤ assertion is not part of the twin; the = one became "when same decimals: =="
    (when,) = inner.body
    assert isinstance(when, ast.When)
    assert when.src == "when decimals(f.value) = decimals(支出决算表[合计][n])"
    (exact,) = when.body
    assert exact.expr.op == "==" and exact.src == "f.value == 支出决算表[合计][n]"
    assert exact.line == 6  # findings point at the rule's own assertion
    # the original rule is untouched
    assert [s.expr.op for s in rule.body[0].body[0].body] == ["=", "<="]


def test_a_rule_without_an_equality_cannot_have_a_twin():
    text = RULE.replace("      f.value = 支出决算表[合计][n]\n", "")
    with pytest.raises(RuleError) as caught:
        parse_text(text, "t.rules")
    assert caught.value.line == 8 and "needs an '=' comparison" in str(caught.value)


def test_exact_given_twice_is_an_error():
    text = RULE.replace('  exact message', '  exact "again"\n  exact message')
    with pytest.raises(RuleError, match="exact given twice"):
        parse_text(text, "t.rules")


def test_the_shipped_twins_are_derived(registry):
    """N01.eq, N03.eq, N10.eq are derived from their rules, not written by hand: the file holds no
    rule header of its own for them."""
    text = NARRATIVE.read_text(encoding="utf-8")
    twins = {r.id: r for r in compile_rules([NARRATIVE], registry).rules if r.id.endswith(".eq")}
    assert set(twins) == {"N01.eq", "N03.eq", "N10.eq"}
    assert {r.severity for r in twins.values()} == {"warning"}
    assert not any(f"rule {rid} " in text for rid in twins)
