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
    assert Counter(r.rule for r in failed) == {"C03": 2, "T25": 1, "T25.total": 1, "X17": 1}
    # the 目录 lists 四、部门预算支出总表 (GS21B:8) and 九、政府性基金预算支出表 (GS21B:13)
    assert sorted(r.reason for r in failed if r.rule == "C03") == [
        "table 支出总表 (budget.B03) listed (line 8) but absent",
        "table 政府性基金预算支出表 (budget.B08) listed (line 13) but absent",
    ]
    # 表七 2080109 社会保险经办机构 554.01 ≠ 473.00 + 75.00 (GS21B:236)
    row = next(r for r in failed if r.rule == "T25" and r.operands[0].line == 236)
    assert (row.left.value, row.right.value) == (Decimal("554.01"), Decimal("548.00"))
    # 表七 合计 906.64 ≠ Σ 项 912.65 (GS21B:241)
    total = next(r for r in failed if r.rule == "T25.total" and r.operands[0].line == 241)
    assert (total.left.value, total.right.value) == (Decimal("906.64"), Decimal("912.65"))
    # 表四 社会保障和就业支出 630.97 vs 表七 554.01 + 82.97 (GS21B:178, 236–237)
    x17 = next(r for r in failed if r.rule == "X17")
    assert (x17.left.value, x17.right.value) == (Decimal("630.97"), Decimal("636.98"))
    # final (决算) rules do not apply to a budget
    assert all(r.status.value == "not_applicable" for r in results if r.rule.startswith("X0"))


def _gs21b(docs, registry, *rules):
    ruleset = compile_rules([RULES], registry)
    return [r for r in evaluate(ruleset, docs["GS21B"], registry) if r.rule in rules]


def test_gs21b_listed_tables_missing_from_the_text(docs, registry):
    """C04: the 目录 (GS21B:6–17) lists twelve tables; 四、部门预算支出总表 (line 8) and
    九、政府性基金预算支出表 (line 13) have no body; the ten others are printed."""
    results = _gs21b(docs, registry, "C04")
    assert Counter(r.status.value for r in results) == {"passed": 10, "failed": 2}
    failed = [r for r in results if r.status.value == "failed"]
    assert {r.severity for r in failed} == {"warning"}
    assert [r.message for r in failed] == [
        "目录第8行列出“四、部门预算支出总表”（支出总表），正文中没有此表",
        "目录第13行列出“九、政府性基金预算支出表”（政府性基金预算支出表），正文中没有此表",
    ]


def test_sc24_listed_tables_without_any_body_are_not_evaluated(docs, registry):
    """SC24 lists thirteen 附表 (SC24:1004–1030) and prints none: presence cannot be judged."""
    ruleset = compile_rules([RULES], registry)
    results = [r for r in evaluate(ruleset, docs["SC24"], registry) if r.rule == "C04"]
    assert len(results) == 13 and {r.status.value for r in results} == {"not_evaluated"}


def test_gs21b_economic_classes_sum_their_items(docs, registry):
    """T08 on 表九 (its template declares four tree columns): 工资福利支出 555.64 = Σ 款
    (GS21B:252–263), 商品和服务支出 18.00 (273–309), 资本性支出 10.00 = 8.00 + 2.00 (310, 328, 330);
    合计 583.64 = Σ 类: 5 parent rows × 4 columns."""
    results = [r for r in _gs21b(docs, registry, "T08") if dict(r.instance)["t"] == "budget.B09"]
    assert {r.status.value for r in results} == {"passed"} and len(results) == 20
    totals = {(r.operands[0].line, r.left.value) for r in results
              if r.instance and dict(r.instance).get("col") == "合计"}
    assert totals >= {(251, Decimal("583.64")), (252, Decimal("555.64")), (273, Decimal("18.00")),
                      (310, Decimal("10.00"))}


def test_gs21b_budget_statement_agrees_with_the_tables(docs, registry):
    """N15: 预算收入 912.65, 当年财政拨款 906.64, 上年结转 6.01 (GS21B:52 vs 150–152); 支出预算
    912.65 and 当年财政拨款支出 906.64 (GS21B:56 vs 152, 204); 功能类 630.97, 275.67 (GS21B:58 vs
    178–179); 经济类 555.64 ≥ 表九 555.64, 86 ≥ 18.00, 35 ≥ 10.00, 0 ≥ 0 (GS21B:60). 基本/项目 need
    the absent 支出总表: not evaluated here (甘肃 checks them against 表六, GS.N15)."""
    results = _gs21b(docs, registry, "N15")
    assert Counter(r.status.value for r in results) == {"passed": 11, "not_evaluated": 2}
    passed = {(r.operands[0].line, r.left.value, r.right.value) for r in results
              if r.status.value == "passed"}
    assert (52, Decimal("912.65"), Decimal("912.65")) in passed
    assert (58, Decimal("630.97"), Decimal("630.97")) in passed
    assert (60, Decimal("86"), Decimal("18.00")) in passed


def test_table_properties_from_the_toc(docs, registry, tmp_path):
    """``t.listed`` / ``t.declared_empty`` read the 目录: SX23's 是否空表 column (SX23:2429–2445)
    declares 公开07 and 公开08 empty and the other tables not; GS21B's 目录 names its tables but
    says nothing about emptiness (not evaluated)."""
    rules = tmp_path / "toc.rules"
    rules.write_text(
        'rule Z01 "目录"\n  severity info\n  for t in tables where t.listed:\n'
        '    t.empty = t.declared_empty\n  message "{t.name}"\n', encoding="utf-8")
    ruleset = compile_rules([rules], registry)
    sx = evaluate(ruleset, docs["SX23"], registry)
    assert sx and {r.status.value for r in sx} == {"passed"}
    gs = evaluate(ruleset, docs["GS21B"], registry)
    assert gs and {r.status.value for r in gs} == {"not_evaluated"}
