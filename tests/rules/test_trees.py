"""T08, the subject-code tree, on the tables whose templates declare one (``tree:``): a published
table that prints fewer amount columns than its template is checked in the columns it prints,
and a wrong 项 is found at its line."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES

JS17 = "jiangsu-court-2017-budget.pdf"


@pytest.fixture(scope="module")
def ruleset(registry):
    return compile_rules([RULES / "trees.rules"], registry)


def _b07(results):
    return [r for r in results if dict(r.instance).get("t") == "budget.B07"]


def test_a_one_column_table_is_checked_in_its_one_column(pdf_docs, ruleset, registry):
    # 江苏 2017 p.15 八、一般公共预算支出预算表 prints 功能科目代码 | 功能科目名称 | 金额 only:
    # 合计 28,849.38 = 204 23,513.11 + 208 2,347.13 + 221 2,989.14; 20405 法院 23,513.11 =
    # 11,786.92 + 6,432.89 + 1,600.00 + 1,733.30 + 1,050.00 + 910.00; 22102 住房改革支出
    # 2,989.14 = 1,029.15 + 1,959.99. No 基本支出 / 项目支出 column: nothing is said about them.
    results = _b07(evaluate(ruleset, pdf_docs[JS17], registry))
    assert {(dict(r.instance)["row"], r.status.value) for r in results} == {
        (f"budget.B07[{k}]", "passed")
        for k in ("合计", "204", "20405", "208", "20805", "221", "22102")}
    assert {dict(r.instance)["col"] for r in results} == {"合计"}
    total = next(r for r in results if dict(r.instance)["row"] == "budget.B07[合计]")
    assert total.left.value == total.right.value == Decimal("28849.38")


def test_a_wrong_item_is_found_in_its_section(pdf_docs, ruleset, registry):
    doc = copy.deepcopy(pdf_docs[JS17])
    table = next(t for t in doc.tables if t.id == "budget.B07")
    row = next(r for r in table.rows if r.code == "2040501")  # 行政运行 11,786.92, planted 11,796.92
    cell = row.cells["合计"]
    cell.number = dataclasses.replace(cell.number, value=Decimal("11796.92"), text="11,796.92")
    failed = [r for r in _b07(evaluate(ruleset, doc, registry)) if r.status.value == "failed"]
    assert [dict(r.instance)["row"] for r in failed] == ["budget.B07[20405]"]
    assert (failed[0].left.value, failed[0].right.value) == (Decimal("23513.11"),
                                                             Decimal("23523.11"))
