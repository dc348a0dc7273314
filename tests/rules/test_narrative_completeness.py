"""C07, C08, C14, C15, C16 on the five reports: the narrative's parts, the 机关运行经费 statement,
the 名词解释, and the count of self-evaluated projects against the 自评表 printed."""

from __future__ import annotations

from collections import Counter

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES

RULE_IDS = ["C07", "C08", "C14", "C15", "C16"]


@pytest.fixture(scope="module")
def results(docs, registry):
    ruleset = compile_rules([RULES / "completeness.rules"], registry).select(RULE_IDS)
    return {key: evaluate(ruleset, doc, registry) for key, doc in docs.items()}


def _status(results, key):
    return Counter((r.rule, r.status.value) for r in results[key])


def test_every_part_is_there_in_the_four_final_reports(results):
    # GS24:851–1213, QH24:423–806 (国有资产 inside 十三、其他重要事项 at QH24:806), SC24:32–329,
    # SX23:143–2420: twelve keyed parts, 国有资产 and 部门概况
    for key in ("GS24", "QH24", "SX23", "SC24"):
        got = _status(results, key)
        assert got[("C07", "passed")] == 14 and got[("C07", "failed")] == 0, key
        assert got[("C14", "passed")] == 1 and got[("C15", "passed")] == 1, key


def test_the_budget_report_has_its_parts(results):
    # GS21B:50 收入预算, 54 支出预算, 62 三公, 76 绩效, 84 机关运行经费, 88 政府采购, 92 国有资产;
    # 名词解释 at GS21B:96; 机关运行经费 343.01 at GS21B:86
    got = _status(results, "GS21B")
    assert got == {("C08", "passed"): 7, ("C14", "passed"): 1, ("C15", "passed"): 1,
                   ("C07", "not_applicable"): 1, ("C16", "not_applicable"): 1}


def test_projects_counted_against_the_tables(results):
    # GS24:1095 "一级项目4个", 1117 "等4个项目", 1514 "组织自评项目4个" — three 自评表 are printed
    # (GS24:1891, 2287, 2692); the fourth project, 疫苗接种补助 70 万元, has none
    gs = [r for r in results["GS24"] if r.rule == "C16" and r.status.value == "failed"]
    assert sorted(r.lines[0] for r in gs) == [1095, 1117, 1514]
    assert {(r.left.value, r.right.value) for r in gs} == {(4, 3)}
    # SX23:591 "5 个一级项目" against ten tables; SX23:927 "10 个" agrees
    sx = [r for r in results["SX23"] if r.rule == "C16"]
    assert sorted((r.lines[0], r.status.value) for r in sx) == [(591, "failed"), (927, "passed")]
    # QH24:539 "10 项" and ten tables; SC24 prints no 自评表 (its 附表 are elsewhere)
    assert all(r.status.value != "failed" for r in results["QH24"] if r.rule == "C16")
    assert [r.status.value for r in results["SC24"] if r.rule == "C16"] == ["not_applicable"]
