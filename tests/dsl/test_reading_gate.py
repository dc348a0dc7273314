"""A table whose layout was not understood is present, and nothing over it is failed.

The 支出决算表 of the real 上海 report is parsed, then marked as a reader would mark it had its
header not been recognised (``Table.reading = "not_understood"``). Its identities (T07, T08 …)
must then be 'not evaluated' with the reason and the page, C01 must still see the table, and
none of its findings may be a failure; the same rules fail when the table is read and wrong.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.model import Number
from checker.parse.document import parse_path
from tests.conftest import FIXTURES

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def ruleset(registry):
    return compile_rules([RULES / "final.rules"], registry)


@pytest.fixture(scope="module")
def putuo(registry):
    return parse_path(FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf", registry)


def test_rules_over_a_table_not_understood_are_not_evaluated(putuo, ruleset, registry):
    doc = copy.deepcopy(putuo)
    t03 = doc.table("final.T03")
    assert t03 is not None
    # a wrong figure that, read, would fail T07 (本年支出合计 = 基本 + 项目 + …)
    row = next(r for r in t03.rows if r.code == "2010601")
    old = row.cells["本年支出合计"].number
    row.cells["本年支出合计"].number = Number(Decimal("9999.99"), 2, "9,999.99", old.line)
    failing = [r for r in evaluate(ruleset, doc, registry) if r.status.value == "failed"]
    assert any(r.rule == "T07" for r in failing)

    t03.reading, t03.reading_notes = "not_understood", ["no header row found"]
    results = evaluate(ruleset, doc, registry)
    c01 = [r for r in results if r.rule == "C01" and "final.T03" in str(r.instance)]
    assert [r.status.value for r in c01] == ["passed"]
    t07 = [r for r in results if r.rule == "T07"]
    assert t07 and {r.status.value for r in t07} == {"not_evaluated"}
    assert "layout not recognised (page 10): no header row found" in t07[0].reason
    # nothing that reads a cell of the table fails (the same rules failed above)
    assert not [r for r in results if r.status.value == "failed"
                and any(o.table == "final.T03" for o in r.operands)]
