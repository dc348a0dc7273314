"""rules/plausibility.rules (P05, P06, P08) on the five reports: every finding read by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES


@pytest.fixture(scope="module")
def ruleset(registry):
    return compile_rules([RULES / "plausibility.rules"], registry)


def _failed(docs, ruleset, registry, key, rule):
    return [r for r in evaluate(ruleset, docs[key], registry)
            if r.rule == rule and r.status.value == "failed"]


def _pairs(results):
    return [(r.left.value, r.right.value) for r in results]


def test_p05_project_spent_beyond_its_budget(docs, ruleset, registry):
    # QH24:559 年度资金总额 170 | 170 | 511.80 (301.06%); no other project of the five reports
    assert _pairs(_failed(docs, ruleset, registry, "QH24", "P05")) == [
        (Decimal("511.80"), Decimal("170"))]
    assert _failed(docs, ruleset, registry, "QH24", "P05")[0].lines[0] == 559
    for key in ("GS24", "SX23"):
        assert _failed(docs, ruleset, registry, key, "P05") == []


def test_p06_self_evaluated_money_above_project_spending(docs, ruleset, registry):
    # GS24:1095 and 1516 "总资金454万元" / "共计454万元" and the three tables' 全年执行数
    # 54 + 248.58 + 36.97 = 339.55 (GS24:1916, 2299, 2713), all above 公开03 项目支出 29.36
    # (GS24:261); the 说明 gives no 代列支 reason.
    failed = _failed(docs, ruleset, registry, "GS24", "P06")
    assert sorted(_pairs(failed)) == [(Decimal("339.55"), Decimal("29.36")),
                                      (Decimal("454"), Decimal("29.36")),
                                      (Decimal("454"), Decimal("29.36"))]
    assert sorted(r.lines[-1] for r in failed) == [1095, 1516, 2713]
    # QH24:539 涉及资金 670.07 = 公开03 项目支出 670.07 (QH24:175): holds
    assert _failed(docs, ruleset, registry, "QH24", "P06") == []
    # SX23:591–597 2187.78 万元 "（含财政代列支资金）": the reason is given, nothing compared
    sx = [r for r in evaluate(ruleset, docs["SX23"], registry) if r.rule == "P06"]
    assert [r.status.value for r in sx] == ["not_applicable"]


def test_p08_contribution_codes_against_economic_classes(docs, ruleset, registry):
    # QH24: 2080505 32.96 (260) vs 30108 41.85 (296); 2080506 16.49 (261) vs 30109 20.63 (297);
    # 2210201 29.78 (281) vs 30113 44.73 (301)
    qh = _failed(docs, ruleset, registry, "QH24", "P08")
    assert _pairs(qh) == [(Decimal("32.96"), Decimal("41.85")), (Decimal("16.49"), Decimal("20.63")),
                          (Decimal("29.78"), Decimal("44.73"))]
    assert [sorted(r.lines) for r in qh] == [[260, 296], [261, 297], [281, 301]]
    assert {r.severity for r in qh} == {"info"}
    # SX23:2771 prints 基本支出 27.77 under a 小计 of 25.77; 30113 is 25.77 (SX23:2806)
    assert _pairs(_failed(docs, ruleset, registry, "SX23", "P08")) == [
        (Decimal("27.77"), Decimal("25.77"))]
    # GS24:423 2080505 78.30 = 30108 78.30
    gs = [r for r in evaluate(ruleset, docs["GS24"], registry) if r.rule == "P08"]
    assert "failed" not in {r.status.value for r in gs} and "passed" in {r.status.value for r in gs}
