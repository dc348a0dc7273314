"""Compilation: names resolve against the templates before any report is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules, compile_text
from checker.dsl.function import Function
from checker.dsl.parse import RuleError
from checker.dsl.quantities import exact
from checker.templates.loader import TemplateRegistry

DATA = Path(__file__).parent / "data"


def _err(registry: TemplateRegistry, src: str) -> RuleError:
    with pytest.raises(RuleError) as e:
        compile_text(src, registry, "x.rules")
    return e.value


def test_ruleset_metadata(registry: TemplateRegistry) -> None:
    rs = compile_rules([DATA], registry)
    ids = [r.id for r in rs.rules]
    assert ids[:4] == ["T07", "T08", "X01", "X03"]
    t07 = rs.get("T07")
    assert t07 is not None
    assert (t07.severity, t07.tags) == ("error", ("表内", "支出"))
    assert t07.applies.kinds == frozenset({"final"})
    assert t07.source.endswith("sample.rules:3")
    assert t07.text.startswith('rule T07 "支出决算表')
    assert rs.get("C05").severity == "warning"
    assert [r.id for r in rs.select(["T07", "支出"]).rules] == ["T07"]
    assert "T07" not in [r.id for r in rs.select(exclude=["T07"]).rules]


def test_unknown_table_suggests(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  支出决算标[合计].本年支出合计 = 0\n')
    assert (e.line, e.col) == (2, 3)
    assert "unknown name '支出决算标'" in e.message
    assert e.suggestion is not None and "'支出决算表'" in e.suggestion
    assert "did you mean" in str(e)


def test_unknown_column_suggests(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n    row.本年支出和计 = 0\n')
    assert e.line == 3
    assert "has no column '本年支出和计'" in e.message
    assert e.suggestion == "'本年支出合计'"


def test_unknown_column_in_list(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n'
                       "    for c in [基本支出, 项目之出]:\n      row[c] = 0\n")
    assert e.line == 3 and "'项目之出'" in e.message and "'项目支出'" in (e.suggestion or "")


def test_unknown_function_suggests(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n    row.基本支出 = summ(row.项目支出)\n')
    assert "unknown function 'summ'" in e.message and e.suggestion == "'sum'"


def test_unknown_placeholder_suggests(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n    row.基本支出 = 0\n'
                       '  message "{rwo.label}: {left}"\n')
    assert e.line == 4 and "unknown name 'rwo'" in e.message and "'row'" in (e.suggestion or "")


def test_unknown_fixed_row(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  收入支出决算总表[本年收入和计].金额 = 0\n')
    assert "has no row '本年收入和计'" in e.message and "'本年收入合计'" in (e.suggestion or "")


def test_arity_and_types(registry: TemplateRegistry) -> None:
    assert "takes 1 argument" in _err(registry, 'rule A "t"\n  abs(1, 2) = 1\n').message
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n    row + 1 = 0\n')
    assert "needs a number" in e.message and "row.本年支出合计" in e.message
    e = _err(registry, 'rule A "t"\n  for x in 1:\n    x = 1\n')
    assert "cannot loop over" in e.message



def test_first_argument_kind_is_declared_on_the_function(registry: TemplateRegistry) -> None:
    # the compiler checks what a function declares (Function.first_arg), not its name
    e = _err(registry, 'rule A "t"\n  level(支出决算表) = 1\n')
    assert e.message == "level() needs a row, but '支出决算表' is a table" and e.col == 9
    e = _err(registry, 'rule A "t"\n  note(支出决算表[合计])\n')
    assert e.message == "note() needs a table, but '支出决算表[合计]' is a row"
    # a function declaring nothing takes any argument (row_by_label returns a row from a table)
    compile_text('rule A "t"\n  row_by_label(支出决算表, "合计").本年支出合计 >= 0\n', registry)
    on_table = Function("width", lambda ctx, t: exact(1), 1, 1, "number", first_arg="table")
    fns = {"width": on_table}
    compile_text('rule A "t"\n  width(支出决算表) = 1\n', registry, functions=fns)
    with pytest.raises(RuleError, match=r"width\(\) needs a table, but '1' is a num"):
        compile_text('rule A "t"\n  width(1) = 1\n', registry, functions=fns)

def test_bad_severity_and_kind(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  severity eror\n  1 = 1\n')
    assert e.suggestion == "'error'" and (e.line, e.col) == (2, 12)
    assert "unknown report kind" in _err(registry, 'rule A "t"\n  applies 决策\n  1 = 1\n').message


def test_duplicate_rule_id(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  1 = 1\nrule A "u"\n  1 = 1\n')
    assert e.line == 3 and "already defined" in e.message


def test_require_table_unknown(registry: TemplateRegistry) -> None:
    e = _err(registry, 'rule A "t"\n  require table 收入决算表, 支出决算标\n')
    assert (e.line, e.col) == (2, 24) and "'支出决算表'" in (e.suggestion or "")


def test_aliases_ids_and_widths_resolve(registry: TemplateRegistry) -> None:
    compile_text(
        'rule A "t"\n'
        "  公开03表[合计].本年支出合计 = final.T03[合计].本年支出合计\n"
        "  财政拨款三公经费支出决算表[决算数].`因公出国(境)费用` = 三公经费表[决算数].因公出国（境）费\n",
        registry,
    )


def test_plugin_function(registry: TemplateRegistry) -> None:
    cap = Function("cap", lambda ctx, x: exact(min(x.value, 100)), 1, 1, "number")
    rs = compile_text('rule A "t"\n  cap(120) = 100\n', registry, functions={"cap": cap})
    assert "cap" in rs.functions
    rs2 = compile_text('rule A "t"\n  twice(2) = 4\n', registry,
                       functions={"twice": lambda x: exact(x.value * 2)})
    assert rs2.rules[0].id == "A"


def test_unknown_column_in_list_is_placed_in_its_own_list(registry: TemplateRegistry) -> None:
    # a second list of column names compiled in between does not move the error to the index
    e = _err(registry, 'rule A "t"\n  for row in 支出决算表.rows:\n'
                       "    for c in [基本支出, 项目之出]:\n"
                       "      for d in [基本支出, 项目支出]:\n        row[c] = row[d]\n")
    assert (e.line, e.col) == (3, 21) and "'项目之出'" in e.message
