"""The national budget rules on GS21B: the findings read by hand (domain.md C03, T25, X17) and
nothing else at error level."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES


def test_gs21b_findings(docs, registry):
    ruleset = compile_rules([RULES], registry)
    results = evaluate(ruleset, docs["GS21B"], registry)
    failed = [r for r in results if r.status.value == "failed" and r.severity == "error"]
    assert Counter(r.rule for r in failed) == {"C03": 2, "T25": 2, "X17": 1}
    # the 目录 lists 四、部门预算支出总表 (GS21B:8) and 九、政府性基金预算支出表 (GS21B:13)
    assert sorted(r.reason for r in failed if r.rule == "C03") == [
        "table 支出总表 (budget.B03) listed (line 8) but absent",
        "table 政府性基金预算支出表 (budget.B08) listed (line 13) but absent",
    ]
    # 表七 2080109 社会保险经办机构 554.01 ≠ 473.00 + 75.00 (GS21B:236)
    row = next(r for r in failed if r.rule == "T25" and r.operands[0].line == 236)
    assert (row.left.value, row.right.value) == (Decimal("554.01"), Decimal("548.00"))
    # 表七 合计 906.64 ≠ Σ 项 912.65 (GS21B:241)
    total = next(r for r in failed if r.rule == "T25" and r.operands[0].line == 241)
    assert (total.left.value, total.right.value) == (Decimal("906.64"), Decimal("912.65"))
    # 表四 社会保障和就业支出 630.97 vs 表七 554.01 + 82.97 (GS21B:178, 236–237)
    x17 = next(r for r in failed if r.rule == "X17")
    assert (x17.left.value, x17.right.value) == (Decimal("630.97"), Decimal("636.98"))
    # final (决算) rules do not apply to a budget
    assert all(r.status.value == "not_applicable" for r in results if r.rule.startswith("X0"))
