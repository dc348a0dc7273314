"""checker-gansu: rule cases, region detection, 部门/上交 aliases, the 甘肃 预算 tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import checker_gansu
import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.testing import outcome
from checker.findings import Status
from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules
from checker.plugins.pipeline import parse_with_plugins

RULES = Path(checker_gansu.__file__).parent / "rules"


@pytest.mark.parametrize("case", rule_case_params(RULES))
def test_rule_case(case, registry, functions):
    check_rule_case(case, registry, functions)


def test_every_rule_has_a_case(registry, functions):
    assert not untested_rules([RULES], registry, functions)


def test_detects_gansu_by_department():
    assert checker_gansu.plugin.checker_detect_region(["部门：临夏市医疗保障局 2024 年度"]).code == "GS"
    assert checker_gansu.plugin.checker_detect_region(["海东市医疗保障局"]) is None


def test_detects_gansu_by_header_wording():
    match = checker_gansu.plugin.checker_detect_region(["某某局", *[""] * 20, "金额部门：万元"])
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
    outcomes = {k: outcome(v) for k, v in by_rule.items()}
    outcomes = {k: o for k, o in outcomes.items() if o != "not_applicable"}  # the 决算 rules
    # the tables' own sums; the cross-table and text rules are test_budget_findings'
    outcomes = {k: o for k, o in outcomes.items()
                if k.startswith("GS.B") and not k.startswith("GS.B13.")}  # 申报表: below
    assert outcomes == dict.fromkeys(outcomes, "passed")
    assert all(r.status is not Status.FAILED for r in results
               if r.rule.startswith("GS.B") and not r.rule.startswith("GS.B13."))


def test_budget_findings(host, registry, functions, report):
    """GS21B, read by hand (domain.md X14, X16, X18, X19, N09, N11, N15, P02): 表四/五/六/七 agree on
    906.64; 人员经费 551.64 and 单位运转经费 32.00 agree (表四, 表五, 表九); 表十二 基本支出 20.90 ≤ 32.00,
    表十一 20 ≤ 32.00 and 65 ≤ 305.00; the 说明's 政府采购 85 = 50 + 13 + 22 and 基本 589.65 = 583.64 + 6.01,
    项目 323; but 机关运行经费 343.01 (GS21B:86) ≠ 表十二 325.90 (GS21B:391), of which 305.00 is 项目支出."""
    doc = parse_with_plugins(report("gansu-linxia-yibao-2021-budget.txt"), host, registry)
    results = evaluate(compile_rules([RULES / "gansu.rules"], registry, functions), doc, registry)
    by_rule: dict[str, list] = {}
    for r in results:
        by_rule.setdefault(r.rule, []).append(r)
    counts = {k: sorted(r.status.value for r in v) for k, v in by_rule.items() if k[3] in "XNP"}
    assert counts == {
        "GS.X14": ["passed"], "GS.X14.b6": ["passed"], "GS.X14.b7": ["passed"],
        "GS.X16": ["passed"] * 2, "GS.X16.b4": ["passed"] * 2, "GS.X18": ["passed"],
        "GS.X18.procurement": ["passed"] * 2,
        "GS.N09": ["failed"], "GS.N11": ["passed"] * 5, "GS.N15": ["passed"] * 2,
        "GS.P02": ["failed"], "GS.P02.limit": ["failed"], "GS.X19": ["passed"] * 4,
        # GS21B:424: all 912.65 under 上级拨款, none under 本级财政, where 表一 has 906.64 财政拨款
        # and no 上级补助收入 (GS21B:118–122)
        "GS.X20": ["failed"], "GS.X20.upper": ["failed"],
    }
    # 整体支出绩效目标申报表 单位基本信息 (GS21B:417–419): 编制总人数 52, 编制内实际人数 64 = 24 + 40;
    # 上年预算情况 (GS21B:421): 预算执行率 not filled
    b13 = {k: [r.status.value for r in v] for k, v in by_rule.items() if k.startswith("GS.B13.")}
    assert b13 == {"GS.B13.staff": ["failed"], "GS.B13.staff_sum": ["passed"],
                   "GS.B13.source": ["passed"], "GS.B13.rate": ["failed"]}
    staff = doc.table("perf.target.department").row("人员编制")
    assert [staff.cells[c].number.value for c in ("编制总人数", "实际人数合计", "实际人数行政",
                                                  "实际人数事业")] == [52, 64, 24, 40]
    # 整体支出绩效目标申报表 当年支出计划 (GS21B:432): 912.65, 551.64, 38.01 = 32.00 + 6.01, 323
    plan = doc.table("perf.target.department").row("当年支出计划")
    assert [plan.cells[c].number.value for c in ("支出预算合计", "人员经费", "公用经费", "项目经费")] == [
        Decimal("912.65"), Decimal("551.64"), Decimal("38.01"), Decimal("323")]
    n09 = by_rule["GS.N09"][0]
    assert n09.severity == "error" and [o.line for o in n09.operands] == [86, 391]
    assert (n09.left.value, n09.right.value) == (Decimal("343.01"), Decimal("325.90"))
    p02 = by_rule["GS.P02"] + by_rule["GS.P02.limit"]
    assert {r.severity for r in p02} == {"warning"}
    assert sorted((r.left.value, r.right.value) for r in p02) == [
        (Decimal("305.00"), Decimal(0)), (Decimal("325.90"), Decimal("32.00"))]


def test_truncated_scoring_on_gs24(host, registry, functions, report):
    """GS24's three project tables: 执行率 / 资金得分 truncated (GS24:2299 85.71 and 8.57 for 85.717
    and 8.5717; GS24:2713 9.24), all consistent, except 9.99 for a fully executed project
    (GS24:1916), which only the truncation reading can call an error."""
    doc = parse_with_plugins(report("gansu-linxia-yibao-2024-final.txt"), host, registry)
    ruleset = compile_rules([RULES / "gansu_performance.rules"], registry, functions)
    results = evaluate(ruleset, doc, registry)
    status = {(r.rule, r.operands[0].line if r.operands else None): r.status.value for r in results
              if r.rule in ("GS.S02", "GS.S03")}
    assert status == {("GS.S02", 1916): "passed", ("GS.S02", 2299): "passed", ("GS.S02", 2713): "passed",
                      ("GS.S03", 1916): "failed", ("GS.S03", 2299): "passed", ("GS.S03", 2713): "passed"}
    failed = [r for r in results if r.status is Status.FAILED and r.severity == "error"]
    assert len(failed) == 1 and "9.99" in failed[0].message
    # the 未完成原因分析 of the funds is left empty where money was left unspent (GS24:1555/1561
    # 整体, 2307 under 2299, 2721 under 2713)
    reasons = sorted(r.lines for r in results
                     if r.rule == "GS.S02.reason" and r.status is Status.FAILED)
    assert reasons == [[1550, 1561], [2287, 2299], [2692, 2713]]  # the table, its funds row
    assert [r.rule for r in results if r.status is Status.FAILED and r.severity == "warning"] == [
        "GS.S02.reason"] * 3
    # the 整体 table (GS24:1561–1573): every 执行率 and 资金得分 fits truncation; 一般性项目 is 0 ÷ 0
    dept = [r for r in results if r.rule in ("GS.S02.dept", "GS.S03.dept")]
    assert sum(r.status is Status.PASSED for r in dept) == 13
    assert [r.status.value for r in dept if r.status is not Status.PASSED] == ["not_evaluated"]
