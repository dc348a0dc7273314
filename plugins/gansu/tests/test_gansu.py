"""checker-gansu: rule cases, region detection, 部门/上交 aliases, the 甘肃 预算 tables."""

from __future__ import annotations

from pathlib import Path

import checker_gansu

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.testing import outcome, run_rule_tests
from checker.findings import Status
from checker.plugins import parse_with_plugins

RULES = Path(checker_gansu.__file__).parent / "rules"


def test_rule_cases(registry, functions):
    result = run_rule_tests([RULES], registry, functions)
    assert result.ok, result.to_text()
    assert not result.untested and result.passed >= 2


def test_detects_gansu_by_department():
    assert checker_gansu.checker_detect_region(["部门：临夏市医疗保障局 2024 年度"]).code == "GS"
    assert checker_gansu.checker_detect_region(["海东市医疗保障局"]) is None


def test_detects_gansu_by_header_wording():
    match = checker_gansu.checker_detect_region(["某某局", *[""] * 20, "金额部门：万元"])
    assert match.code == "GS" and match.score == 1 and "金额部门" in match.evidence


def test_final_report_reads_bumen_wording(host, registry, report):
    doc = parse_with_plugins(report("gansu-linxia-yibao-2024-final.txt"), host, registry)
    assert doc.meta.region == "GS"
    t01 = doc.table("final.T01")
    assert any(r.key == "附属单位上缴收入" and "部门" in r.label for r in t01.rows)


def test_budget_tables_pass_their_rules(host, registry, functions, report):
    doc = parse_with_plugins(report("gansu-linxia-yibao-2021-budget.txt"), host, registry)
    assert {"budget.B05", "budget.B06", "budget.B11", "budget.B12"} <= {t.id for t in doc.tables}
    results = evaluate(compile_rules([RULES], registry, functions), doc, registry)
    by_rule: dict[str, list] = {}
    for r in results:
        by_rule.setdefault(r.rule, []).append(r)
    assert {k: outcome(v) for k, v in by_rule.items()} == dict.fromkeys(by_rule, "passed")
    assert all(r.status is not Status.FAILED for r in results)
