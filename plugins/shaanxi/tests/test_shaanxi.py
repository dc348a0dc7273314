"""checker-shaanxi: rule cases, region detection, 目录 是否空表 checked on SX23."""

from __future__ import annotations

from pathlib import Path

import checker_shaanxi
import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.findings import Status
from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules
from checker.plugins.pipeline import parse_with_plugins

RULES = Path(checker_shaanxi.__file__).parent / "rules"


@pytest.mark.parametrize("case", rule_case_params(RULES))
def test_rule_case(case, registry, functions):
    check_rule_case(case, registry, functions)


def test_every_rule_has_a_case(registry, functions):
    assert not untested_rules([RULES], registry, functions)


def test_detects_shaanxi():
    detect = checker_shaanxi.plugin.checker_detect_region
    assert detect(["部门（单位）： 白河县医疗保障局（本级）"]).code == "SX"
    match = detect(["某某局", *[""] * 20, "序号 内容 是否空表 表格为空的理由"])
    assert match.code == "SX" and match.score == 1


def test_sx23_declarations_agree(host, registry, functions, report):
    doc = parse_with_plugins(report("shaanxi-baihe-yibao-2023-final.txt"), host, registry)
    assert doc.meta.region == "SX"
    results = [r for r in evaluate(compile_rules([RULES], registry, functions), doc, registry)
               if r.rule == "SX.C06"]
    assert len(results) == 9 and all(r.status is Status.PASSED for r in results)


def test_execution_rate_on_the_opening_budget(host, registry, functions, report):
    """SX23 prints 执行率 on 年初预算数 (SX23:1198 75.10% = 75.1 ÷ 100): accepted; SX23:1302 96.22%
    fits neither 36.75 ÷ 38.18 (96.25%) nor 36.75 ÷ 36.75: the one error."""
    doc = parse_with_plugins(report("shaanxi-baihe-yibao-2023-final.txt"), host, registry)
    ruleset = compile_rules([RULES / "shaanxi_performance.rules"], registry, functions)
    results = [r for r in evaluate(ruleset, doc, registry) if r.rule == "SX.S02"]
    assert len(results) == 10  # one per project table
    failed = [r for r in results if r.status is Status.FAILED]
    assert [r.operands[0].line for r in failed] == [1302] and failed[0].severity == "error"
    checked = [r for r in results if r.status is Status.PASSED]
    assert 1198 in [r.operands[0].line for r in checked]
