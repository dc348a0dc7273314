"""A08, A09, A09.same, U02 and N14 (rules/narrative.rules) on the five real reports.

Every expected finding was read by hand in the report text (shared domain.md §2.4, §2.5, §2.7).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.dsl.narrative_functions import normalise_name, same_name
from checker.findings import Result, Status

RULES = Path(__file__).resolve().parents[2] / "rules" / "narrative.rules"
NEW = ("A08", "A09", "A09.same", "U02", "N14")


@pytest.fixture(scope="module")
def ruleset(registry) -> RuleSet:
    return compile_rules([RULES], registry)


@pytest.fixture(scope="module")
def results(ruleset, docs, registry) -> dict[str, list[Result]]:
    return {key: [r for r in evaluate(ruleset, doc, registry) if r.rule in NEW]
            for key, doc in docs.items()}


def _found(results: list[Result]) -> list[tuple[str, int]]:
    return sorted((r.rule, r.lines[0]) for r in results if r.status is Status.FAILED)


# (rule, first line) of every failure, per report
EXPECTED = {
    # GS21B:56 "当年财政拨款支出 906.64 万元，比上年预算减少 4356.34 万元 … 基本支出 589.65 万元，比上年预算
    # 减少 3831.34 万元；项目支出 323 万元，比上年预算减少 525 万元": 5262.98 vs 4420.99 + 848 = 5268.99.
    # GS21B:94 "上年末固定资产金额为 696803 万元", "通用设备 423 件（套）总价 696803 万元": above
    # 100 × 912.65 (GS21B:52 预算收入).
    "GS21B": [("A09", 56), ("U02", 94), ("U02", 94)],
    # GS24:1171–1175 "“关于下达中央财政医疗服务能力提升补助资金”项目" (54 / 54), table GS24:1895
    # "关于下达 2024 年中央财政医疗服务保障能力提升补助资金（医疗保障服务能力建设）预算" (54 / 54).
    "GS24": [("N14", 1175)],
    # QH24:611 "医保基金预决算会审项目" vs QH24:616 "医保基金预决算工作经费" (2 / 0.82);
    # QH24:635 "医保政策宣传及欺诈骗保专项经费项目" vs QH24:640 "…专项行动宣传经费" (5 / 5);
    # QH24:756 "两定医疗机构准入核查及稽核项目" vs QH24:761 "两定点医疗机构准入核查及稽核" (3 / 2.92).
    "QH24": [("N14", 611), ("N14", 635), ("N14", 756)],
    "SX23": [],
    "SC24": [],
}


@pytest.mark.parametrize("key", list(EXPECTED))
def test_findings(results, key) -> None:
    assert _found(results[key]) == EXPECTED[key]


def test_new_findings_are_warnings_except_a08(results) -> None:
    for rs in results.values():
        for r in rs:
            assert r.severity == ("error" if r.rule == "A08" else "warning"), r


def test_a08_sc24_balances(results) -> None:
    """SC24:34 收支总计 1176.52 = SC24:46 1176.35 + SC24:530 0.17 = SC24:59 1176.34 + SC24:532 0.18."""
    passed = [r for r in results["SC24"] if r.rule == "A08" and r.status is Status.PASSED]
    assert len(passed) == 2
    assert sorted(o.line for r in passed for o in r.operands) == [34, 34, 46, 59, 530, 532]
    for key in ("GS24", "QH24", "SX23"):  # no carry-over is stated in their narratives
        assert {r.status for r in results[key] if r.rule == "A08"} == {Status.NOT_APPLICABLE}


def test_a09_gs21b_values(results) -> None:
    (r,) = [r for r in results["GS21B"] if r.rule == "A09" and r.status is Status.FAILED]
    assert str(r.left.value) == "5262.98" and str(r.right.value) == "5268.99"
    assert "906.64" in r.message and "4356.34" in r.message


def test_a09_not_noisy(results) -> None:
    """收支总计 (说明.总体) and 财政拨款收支总计 are different items: their previous years differ
    (SC24:36 1202.96, SC24:72 1202.79) without any statement being wrong."""
    for rs in results.values():
        assert not [r for r in rs if r.rule == "A09.same" and r.status is not Status.NOT_APPLICABLE]


def test_u02_threshold(results) -> None:
    """The largest amount that is not flagged: SX23:501 医保基金 22641 万元, 40 × 558.64."""
    for r in results["GS21B"]:
        if r.rule == "U02" and r.status is Status.FAILED:
            assert str(r.right.value) == "91265.00" and "696803" in r.message
    assert not [r for r in results["SX23"] if r.rule == "U02" and r.status is not Status.PASSED]


def test_n14_pairs_every_project(results) -> None:
    """Every narrative project with 项目执行数 finds its table and its name is read: QH24:549 … 778
    (10), GS24:1123, 1141, 1175, SX23:607, 619; none is left not evaluated."""
    counts = {key: [r.status for r in rs if r.rule == "N14"] for key, rs in results.items()}
    assert (counts["QH24"].count(Status.PASSED), counts["QH24"].count(Status.FAILED)) == (7, 3)
    assert (counts["GS24"].count(Status.PASSED), counts["GS24"].count(Status.FAILED)) == (2, 1)
    assert counts["SX23"] == [Status.PASSED, Status.PASSED]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("城乡居民基本医疗保险补助", "2024 年城乡居民基本医疗保险补助", True),  # GS24:1121 / 2291
    ("2020年中央医疗救助补助资金", "2020年中央医疗救助补助", True),  # SX23:605 / 2133
    ("2023年城乡居民基本医疗保险县级配套补助", "2023年城乡居民基本医疗保险县级配套补助（含追加）", True),
    ("欺诈骗取医保基金举报奖励", "欺诈骗取医保基金举报奖励经费", True),  # QH24:706 / 716
    ("医保基金预决算会审", "医保基金预决算工作经费", False),  # QH24:611 / 616
    ("两定医疗机构准入核查及稽核", "两定点医疗机构准入核查及稽核", False),  # QH24:756 / 761
    ("2022年新冠病毒医疗及接种费用", "2023年新冠病毒医疗及接种费用", False),
])
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


def test_normalise_name() -> None:
    assert normalise_name("“医疗服务和保障能力提升补助资金（2023 年）”项目") == (
        "医疗服务和保障能力提升补助", frozenset({"2023年"}))


def test_largest_total_takes_the_names_of_the_totals(registry, docs):
    """U02's rule names the totals; GS21B's largest is 预算收入 912.65 (GS21B:52)."""
    from checker.dsl.compile import compile_text

    text = ('rule X "t"\n  largest_total(["预算收入"], []) = 912.65\n'
            'rule Y "t"\n  largest_total("预算收入", []) > 0\n')
    x, y = evaluate(compile_text(text, registry), docs["GS21B"], registry)
    assert x.status is Status.PASSED
    assert y.status is Status.NOT_EVALUATED and "needs a list of names" in (y.reason or "")
