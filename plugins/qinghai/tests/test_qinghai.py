"""checker-qinghai: rule cases, region detection, 公开10/11 tables, the 实物量 block."""

from __future__ import annotations

from pathlib import Path

import checker_qinghai
import pytest

from checker.core_plugin import checker_rule_paths
from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.testing import outcome
from checker.findings import Status
from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules
from checker.plugins.pipeline import parse_with_plugins

RULES = Path(checker_qinghai.__file__).parent / "rules"


@pytest.mark.parametrize("case", rule_case_params(RULES))
def test_rule_case(case, registry, functions):
    check_rule_case(case, registry, functions)


def test_every_rule_has_a_case(registry, functions):
    assert not untested_rules([RULES], registry, functions)


def test_detects_qinghai():
    assert checker_qinghai.plugin.checker_detect_region(["海东市医疗保障局"]).code == "QH"
    match = checker_qinghai.plugin.checker_detect_region(["某某局", *[""] * 20, "公开 10 表"])
    assert match.code == "QH" and match.score == 1
    assert checker_qinghai.plugin.checker_detect_region(["海南省某局", "公开 09 表"]) is None


def test_counts_block_becomes_a_table(host, registry, report):
    doc = parse_with_plugins(report("qinghai-haidong-yibao-2024-final.txt"), host, registry)
    assert doc.meta.region == "QH"
    table = doc.table("final.QH09B")
    assert table is not None and (table.line, table.end_line) == (358, 362)
    values = {r.key: r.cells["统计数"].text for r in table.rows}
    assert values == {"因公出国（境）团组数": "", "因公出国（境）人次": "", "公务用车购置数": "",
                      "公务用车保有量": "1", "国内公务接待批次": "", "国内公务接待人次": ""}
    assert table.columns[0].exact and table.title == "三公经费实物量表（公开09表 表下）"
    # cut out of the 三公 table's block (options.under): QH24:358 "项目 统计数 项目 统计数" opens
    # it, so final.T09 ends at the blank line 357 after its 注 (QH24:356)
    sangong = doc.table("final.T09")
    assert sangong.end_line == 357 and [n.line for n in sangong.notes] == [356]


def test_rules_on_qh24(host, registry, functions, report):
    doc = parse_with_plugins(report("qinghai-haidong-yibao-2024-final.txt"), host, registry)
    results = evaluate(compile_rules([RULES], registry, functions), doc, registry)
    got = {rule: outcome([r for r in results if r.rule == rule]) for rule in {r.rule for r in results}}
    assert got["QH.C01"] == "passed"
    assert got["QH.T09B"] == "passed"
    assert got["QH.T11"] in ("passed", "not_evaluated")
    # QH24:529 "无机关运行经费支出相关情况" and 公开10表 (QH24:372–405) has no figure: holds; the
    # 说明 states no amount, so QH.N09 has nothing to compare
    n09 = [r for r in results if r.rule == "QH.N09.无"]
    assert [(r.status, r.lines) for r in n09] == [(Status.PASSED, [529])]
    assert got["QH.N09"] == "not_applicable"
    # 公开10表 is blank (QH24:372–405): nothing to compare with 公开06表's 公用经费 33.15 (QH24:320)
    assert got["QH.X12"] == "not_evaluated"


def test_integer_scoring_on_qh24(host, registry, functions, report):
    """QH24's ten project tables score in whole points (QH.S03 passes everywhere); the national
    S11 finds the one inversion: 0% → 7 (QH24:720) above 41% → 6 (QH24:619)."""
    doc = parse_with_plugins(report("qinghai-haidong-yibao-2024-final.txt"), host, registry)
    core = checker_rule_paths()[0] / "performance.rules"
    results = evaluate(compile_rules([RULES, core], registry, functions), doc, registry)
    qh = [r for r in results if r.rule == "QH.S03"]
    assert qh and all(r.status is Status.PASSED for r in qh)
    s11 = [r for r in results if r.rule == "S11" and r.status is Status.FAILED]
    assert len(s11) == 1 and s11[0].severity == "warning"
    assert sorted({o.line for o in s11[0].operands}) == [619, 720]
