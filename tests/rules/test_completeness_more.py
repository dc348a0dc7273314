"""C09–C13 and C17 (domain.md §2.1) on the five reports: the depth of the 一般公共预算 tables,
the 项 paragraphs of the 具体情况, the 三公 items and 实物量, the 政府采购 and 国有资产 statements,
and the unit of every table. Every number below was read in the report at the line cited."""

from __future__ import annotations

from collections import Counter

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins
from tests.conftest import REPORTS
from tests.rules.test_national_rules import RULES

RULE_IDS = ["C09", "C09.basic", "C09.budget", "C09.budget_basic", "C10", "C11", "C11.qty", "C12",
            "C12.sme", "C13", "C17"]


@pytest.fixture(scope="module")
def ruleset(registry):
    return compile_rules([RULES / "completeness.rules"], registry).select(RULE_IDS)


@pytest.fixture(scope="module")
def results(docs, registry, ruleset):
    return {key: evaluate(ruleset, doc, registry) for key, doc in docs.items()}


def _status(results, key):
    return dict(Counter((r.rule, r.status.value) for r in results[key]))


def _lines(results, key, rule, status="passed"):
    return [r.lines[0] for r in results[key] if r.rule == rule and r.status.value == status]


def test_gs24(results):
    assert _status(results, "GS24") == {
        ("C09", "passed"): 6, ("C09.basic", "passed"): 3, ("C10", "failed"): 6,
        ("C09.budget", "not_applicable"): 1, ("C09.budget_basic", "not_applicable"): 1,
        ("C11", "passed"): 4, ("C11.qty", "passed"): 4, ("C12", "passed"): 4, ("C12.sme", "passed"): 3,
        ("C13", "passed"): 3, ("C17", "passed"): 9}
    # 公开05表 GS24:413–437: every leaf is a 项 — 2080109 626.84, 2080505 78.30, 2101101 32.54,
    # 2101103 7.34, 2101199 1.00, 2101599 29.36
    assert _lines(results, "GS24", "C09") == [419, 423, 429, 431, 433, 437]
    # 公开06表: 301 665.77 and 302 79.03 (GS24:471), 303 1.22 (GS24:607) have 款 rows; 307, 310,
    # 399 are 0.00
    assert _lines(results, "GS24", "C09.basic") == [471, 471, 607]
    # the 具体情况 (GS24:899–917) explains only the two 类 (社会保障和就业支出 705.14, 卫生健康支出
    # 70.24): none of the six 项 has its paragraph
    failed = [r for r in results["GS24"] if r.rule == "C10"]
    assert [r.lines[0] for r in failed] == [419, 423, 429, 431, 433, 437]
    assert failed[0].message == ("2080109 社会保险经办机构（626.84 万元）在一般公共预算财政拨款支出具体情况中"
                                 "没有逐项说明")
    # 三公 GS24:971–1013 (four items), 1023–1027 (0 个团组 0 人; 购置 0 辆, 保有量 0 辆; 接待 0
    # 批次 0 人); 政府采购 GS24:1057–1065; 国有资产 GS24:1069–1079 (共有车辆 0 辆，其中 … 用车;
    # 单价 100 万元(含)以上设备 0 台(套)); T01–T09 print 金额单位：万元 (GS24:97 …)


def test_qh24(results):
    assert _status(results, "QH24") == {
        ("C09", "passed"): 16, ("C09.basic", "passed"): 3, ("C10", "passed"): 16,
        ("C09.budget", "not_applicable"): 1, ("C09.budget_basic", "not_applicable"): 1,
        ("C11", "passed"): 4, ("C11.qty", "passed"): 4, ("C12", "passed"): 4, ("C12.sme", "passed"): 3,
        ("C13", "passed"): 3, ("C17", "passed"): 11}
    # 公开05表 QH24:255–281: sixteen 项 rows, each with its paragraph at QH24:455–489
    # ("（1）人力资源和社会保障管理事务（款）就业管理事务（项）。年初预算为 0 万元，支出决算为 4.11 万元" …)
    sixteen = [258, 260, 261, 262, 264, 267, 268, 269, 270, 272, 273, 275, 276, 277, 278, 281]
    assert _lines(results, "QH24", "C09") == sixteen
    assert _lines(results, "QH24", "C10") == sixteen
    # 公开06表 QH24:290 (301 401.56, 302 33.15), QH24:306 (303 3.23)
    assert _lines(results, "QH24", "C09.basic") == [290, 290, 306]
    # 国有资产 inside 十三、其他重要事项 (QH24:806): 共有车辆 1.00 辆，其中：应急保障用车 1 辆 — the
    # one category the department has — and 单价 100 万元（含）以上设备（不含车辆）0 台


def test_sx23(results):
    assert _status(results, "SX23") == {
        ("C09", "passed"): 9, ("C09.basic", "passed"): 2, ("C10", "passed"): 9,
        ("C09.budget", "not_applicable"): 1, ("C09.budget_basic", "not_applicable"): 1,
        ("C11", "passed"): 4, ("C11.qty", "passed"): 3, ("C11.qty", "failed"): 1,
        ("C12", "passed"): 4, ("C12.sme", "passed"): 3, ("C13", "passed"): 3, ("C17", "passed"): 9}
    nine = [2743, 2745, 2751, 2753, 2757, 2761, 2763, 2765, 2771]
    assert _lines(results, "SX23", "C09") == nine
    # SX23:197–277 explain all nine, three with a misprinted name whose 款 and amount agree:
    # "机关事业单位养老保险缴费支出（项）… 33.41" (SX23:197), "医保障经办事务（项）… 36.75" (SX23:251),
    # "住房公金（项）… 25.77" (SX23:271)
    assert _lines(results, "SX23", "C10") == nine
    # 公开06表 SX23:2784: 301 333.34, 302 22.18 (303, 310 blank)
    assert _lines(results, "SX23", "C09.basic") == [2784, 2784]
    # 三公 SX23:335–363: 因公出国 and 购置 "本年度无财政拨款…支出" (SX23:337, 341), 接待 "国内来访团组
    # 15 个，来宾 120 人次" (SX23:361), but no 保有量 although 运行维护费 1.2 万元 is spent (SX23:345–347)
    failed = [r for r in results["SX23"] if r.status.value == "failed"]
    assert [(r.rule, r.message) for r in failed] == [("C11.qty", "“三公”经费情况说明没有公务用车保有量")]
    # 政府采购 "本部门 2023 年度无政府采购事项" (SX23:387) covers every item


def test_sc24(results):
    # no table body in the text (附表 listed at SC24:1004–1030): the table rules are not evaluated
    assert _status(results, "SC24") == {
        ("C09", "not_evaluated"): 1, ("C09.basic", "not_evaluated"): 1, ("C10", "not_evaluated"): 1,
        ("C09.budget", "not_applicable"): 1, ("C09.budget_basic", "not_applicable"): 1,
        ("C11", "passed"): 4, ("C11.qty", "passed"): 4, ("C12", "passed"): 4, ("C12.sme", "passed"): 3,
        ("C13", "passed"): 3, ("C17", "not_applicable"): 1}
    # 实物量 SC24:223 团组 0 次, 235 购置 0 辆, 239 "单位共有公务用车 0 辆" (the 保有量), 252 接待 4
    # 批次 28 人次; 政府采购 under 其他重要事项 SC24:293–301; 国有资产 SC24:305–311


def test_gs21b(results):
    assert _status(results, "GS21B") == {
        ("C09", "not_applicable"): 1, ("C09.basic", "not_applicable"): 1, ("C10", "not_applicable"): 1,
        ("C09.budget", "passed"): 5, ("C09.budget_basic", "passed"): 3,
        ("C11", "passed"): 4, ("C11.qty", "not_applicable"): 1, ("C12", "passed"): 4,
        ("C12.sme", "not_applicable"): 1, ("C13", "not_applicable"): 1, ("C17", "passed"): 10}
    # 表七 GS21B:236–240 prints only 项 rows: each leaf is a 项
    assert _lines(results, "GS21B", "C09.budget") == [236, 237, 238, 239, 240]
    # 表九: 工资福利支出 555.64 (GS21B:252), 商品和服务支出 18.00 (273), 资本性支出 10.00 (310) have
    # their 款 rows (named, no codes); 303 对个人和家庭的补助 is blank (GS21B:346)
    assert _lines(results, "GS21B", "C09.budget_basic") == [252, 273, 310]
    # 三公 GS21B:66–70 names 因公出国（境）费用, 公务接待费, 公务用车购置费, 公务用车运行费; 政府采购
    # GS21B:90 总额 85, 货物 50, 工程 13, 服务 22; the 绩效目标申报表 (GS21B:407) is not a money table


def test_counts_table_needs_no_money_unit(registry, ruleset):
    # with the 青海 templates the 实物量 block under 公开09表 (QH24:358–361, counts only) is a table
    # of its own; it states no 万元 and is not asked to
    doc = parse_with_plugins(REPORTS["QH24"], load_plugins(), registry)
    assert any(t.id == "final.QH09B" for t in doc.tables)
    c17 = [r for r in evaluate(ruleset, doc, registry) if r.rule == "C17"]
    assert len(c17) == 11 and all(r.status.value == "passed" for r in c17)
    assert 358 not in [r.lines[0] for r in c17]
