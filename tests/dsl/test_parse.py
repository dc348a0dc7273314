"""Parsing: syntax, continuation lines, error positions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.dsl import ast
from checker.dsl.parse import RuleError, parse_text


def test_rule_header_and_metadata() -> None:
    f = parse_text(
        "# comment\n"
        'rule JS03.row "标题"  # trailing comment\n'
        "  severity warning\n"
        "  applies 决算 region QH, SX year 2023-2024\n"
        "  tags 表内, 支出\n"
        "  1 = 1\n"
        '  message "{left} ≠ {right}"\n'
    )
    (r,) = f.rules
    assert (r.id, r.title, r.severity, r.tags) == ("JS03.row", "标题", "warning", ["表内", "支出"])
    assert r.applies is not None
    assert (r.applies.kind, r.applies.regions) == ("决算", ["QH", "SX"])
    assert (r.applies.year_from, r.applies.year_to) == (2023, 2024)
    assert r.message == "{left} ≠ {right}"
    assert isinstance(r.body[0], ast.Assert)


def test_operators_are_canonical() -> None:
    src = 'rule A "t"\n' + "".join(
        f"  1 {op} 2\n" for op in ["=", "＝", "==", "≠", "!=", "≤", "<=", "≥", ">=", "<", ">"]
    ) + "  1 × 2 ÷ 3 * 4 / 5 − 6 = 0\n  1 ≈ 2 ± 0.05\n"
    body = parse_text(src).rules[0].body
    ops = [s.expr.op for s in body[:11]]
    assert ops == ["=", "=", "==", "!=", "!=", "<=", "<=", ">=", ">=", "<", ">"]
    arith = body[11].expr.left
    assert isinstance(arith, ast.BinOp) and arith.op == "-"
    assert isinstance(body[12].expr, ast.Approx)


def test_percent_literal_is_ratio() -> None:
    node = parse_text('rule A "t"\n  x = 96.50%\n').rules[0].body[0].expr.right
    assert isinstance(node, ast.Num) and node.percent and node.value == Decimal("0.9650")


def test_continuation_lines_and_nested_blocks() -> None:
    src = (
        'rule T08 "tree"\n'
        "  for row in 支出决算表.rows where has_children(row):\n"
        "    for col in [本年支出合计,\n"
        "                基本支出]:\n"
        "      row[col]\n"
        "        = sum(c[col] for c in children(row))\n"
        "  let x = 1\n"
    )
    r = parse_text(src).rules[0]
    loop = r.body[0]
    assert isinstance(loop, ast.For) and loop.var == "row" and loop.where is not None
    inner = loop.body[0]
    assert isinstance(inner, ast.For) and len(inner.iterable.items) == 2
    cmp = inner.body[0].expr
    assert isinstance(cmp, ast.Compare) and isinstance(cmp.right.args[0], ast.Gen)
    assert isinstance(r.body[1], ast.Let)


def test_inline_block_and_when() -> None:
    r = parse_text('rule A "t"\n  when 1 < 2: require 1 = 1\n').rules[0]
    assert isinstance(r.body[0], ast.When)
    assert r.body[0].body[0].require


def test_backquoted_name_and_fullwidth_brackets() -> None:
    r = parse_text('rule A "t"\n'
                   "  三公经费表[决算数].`因公出国(境)费` = 三公经费表[决算数].因公出国（境）费\n")
    cmp = r.rules[0].body[0].expr
    assert cmp.left.name == "因公出国(境)费" and cmp.right.name == "因公出国（境）费"


def test_syntax_error_position_and_caret() -> None:
    with pytest.raises(RuleError) as e:
        parse_text('rule A "t"\n  x = = 1\n', "f.rules")
    err = e.value
    assert (err.path, err.line, err.col) == ("f.rules", 2, 7)
    text = str(err)
    assert text.startswith("f.rules:2:7: unexpected '='")
    assert text.splitlines()[1] == "      x = = 1"
    assert text.splitlines()[2] == "          ^"


def test_caret_under_wide_characters() -> None:
    with pytest.raises(RuleError) as e:
        parse_text('rule A "t"\n  支出 = )\n', "f.rules")
    lines = str(e.value).splitlines()
    assert e.value.col == 8
    # two CJK characters are four columns wide
    assert lines[2] == "    " + "  " + "    " + "   " + "^"


def test_missing_indent_is_an_error() -> None:
    with pytest.raises(RuleError) as e:
        parse_text('rule A "t"\nx = 1\n')
    assert e.value.line == 2


def test_bad_character() -> None:
    with pytest.raises(RuleError) as e:
        parse_text('rule A "t"\n  x = 1 $ 2\n')
    assert "unexpected character '$'" in str(e.value)
