"""The narrative rules (rules/narrative.rules) on the five real reports.

Expectations are read by hand from the report text (shared domain.md §2.4, §2.5, §2.7).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.findings import Result, Status
from checker.model import Document
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins
from tests.conftest import REPORTS

RULES = Path(__file__).resolve().parents[2] / "rules" / "narrative.rules"


@pytest.fixture(scope="module")
def ruleset(registry) -> RuleSet:
    return compile_rules([RULES], registry)


@pytest.fixture(scope="module")
def results(ruleset, docs, registry) -> dict[str, list[Result]]:
    return {key: evaluate(ruleset, doc, registry) for key, doc in docs.items()}


def _failed(results: list[Result], rule: str) -> list[Result]:
    return [r for r in results if r.rule == rule and r.status is Status.FAILED]


def _lines(r: Result) -> set[int]:
    return {o.line for o in r.operands if o.line is not None}


def test_gs24_trade_union_fee_in_yuan(results) -> None:
    found = _failed(results["GS24"], "U01")
    assert len(found) == 1
    assert 1041 in _lines(found[0])
    assert "5.08" in found[0].message and found[0].severity == "error"


def test_qh24_signed_decrease(results) -> None:
    found = _failed(results["QH24"], "A05")
    assert {"第523行" in r.message or "第525行" in r.message for r in found} == {True}
    assert any("-3.50" in r.message for r in found)


def test_sc24_unfilled_template(results) -> None:
    found = _failed(results["SC24"], "U04")
    assert sorted({int(r.message[1:r.message.index("行")]) for r in found}) == [225, 229, 231]


def test_sx23_known_arithmetic_errors(results) -> None:
    assert [r.message.split("行")[0] for r in _failed(results["SX23"], "A01")] == ["第169"]
    assert [r.message.split("行")[0] for r in _failed(results["SX23"], "A04")] == ["第149"]
    eq = _failed(results["SX23"], "N03.eq")  # 355.52 vs 355.51: a warning, not an error
    assert len(eq) == 1 and eq[0].severity == "warning"
    assert not _failed(results["SX23"], "N03")


def test_sx23_yuan_inside_a_performance_form(results) -> None:
    """SX23:1821 "实际支出1.56元" is a sentence of a 绩效自评表's goals (read like the narrative);
    1.56 万元 is the amount at SX23:708 and 1824 ("补助1.56万元")."""
    found = _failed(results["SX23"], "U01")
    assert [(r.severity, sorted(_lines(r))) for r in found] == [("error", [708, 1821])]


def test_gs21b_zero_change_wording(results) -> None:
    assert len(_failed(results["GS21B"], "U05")) == 7  # "比上年预算数减少 0 万元", GS21B:64–74


@pytest.mark.parametrize("key", ["GS24", "QH24", "SX23"])
def test_no_error_on_figures_matching_tables(results, key) -> None:
    """Every N rule (text ↔ table) passes at error level: the figures agree within rounding."""
    for r in results[key]:
        if r.rule.startswith("N") and r.severity == "error":  # not .eq, N08, N14 (warnings)
            assert r.status is not Status.FAILED, r.message


def _kind(doc: Document, f) -> str | None:
    if f.name == "变动率" and f.attrs.get("方向") not in ("增加", "减少"):
        return None  # an unfilled 增加/减少: reported by U04 (checked below)
    return {"占比": "占", "完成率": "完成", "变动率": "增长"}.get(f.name)


@pytest.mark.parametrize("key", ["GS24", "QH24", "SC24", "SX23", "GS21B"])
def test_every_percentage_is_checked(results, docs, key) -> None:
    """Each 占 / 完成 / 增长 percentage gives a result: passed, failed or not evaluated (reason)."""
    wanted = Counter(_kind(docs[key], f) for f in docs[key].facts if _kind(docs[key], f))
    seen: Counter[str] = Counter()
    for r in results[key]:
        if r.rule in ("A01", "A03", "A04") and r.status is not Status.NOT_APPLICABLE:
            seen[{"A01": "占", "A03": "完成", "A04": "增长"}[r.rule]] += 1
    for kind, n in wanted.items():
        assert seen[kind] == n, (kind, seen, wanted)
    u04 = {int(r.message[1:r.message.index("行")]) for r in _failed(results[key], "U04")}
    for f in docs[key].facts:
        if f.name == "变动率" and f.attrs.get("方向") not in ("增加", "减少"):
            assert f.line in u04, f


def test_every_rule_has_a_passing_and_a_failing_case(ruleset) -> None:
    import yaml

    expected: dict[str, set[str]] = {}
    cases = RULES.with_name("narrative.cases.yaml")
    for case in yaml.safe_load(cases.read_text(encoding="utf-8"))["cases"]:
        for rule, outcome in case["expect"].items():
            kinds = set(outcome) if isinstance(outcome, dict) else {outcome}
            expected.setdefault(rule, set()).update(kinds)
    for rule in ruleset.rules:
        got = expected.get(rule.id, set())
        # a detector (U01, U04 …) passes a clean report by finding nothing: not_applicable
        assert "failed" in got and ("passed" in got or "not_applicable" in got), rule.id


def _at(r: Result) -> int:
    return int(r.message[1:r.message.index("行")])


def test_sc24_shares_printed_to_sum_100_are_accepted(results) -> None:
    """SC24:48, 50: 99.99% + 0.01% (true 99.98%, 0.02%) = 100.00%: one unit of slack, no finding."""
    shares = [r for r in results["SC24"] if r.rule == "A01" and r.status is Status.PASSED]
    assert {48, 50} <= {line for r in shares for line in _lines(r)}
    assert not _failed(results["SC24"], "A01")
    # SX23:169 36.3% (true 36.36%) in a breakdown summing to 99.94% is still an error
    assert [_at(r) for r in _failed(results["SX23"], "A01")] == [169]


def test_shares_of_a_breakdown_add_to_100(results) -> None:
    found = _failed(results["SX23"], "A02")  # SX23:167–169 63.64 + 36.3 + 0 = 99.94
    assert [_at(r) for r in found] == [167] and found[0].severity == "warning"
    assert "99.94%" in found[0].message
    for key in ("GS24", "QH24", "SC24"):  # GS24:869 96.21 + 3.79; QH24:429, 433, 447, 513
        assert not _failed(results[key], "A02")
        assert any(r.rule == "A02" and r.status is Status.PASSED for r in results[key])


def test_counts_are_integers(results) -> None:
    # QH24:517 "公务用车保有量为 1.00 辆", QH24:806 "共有车辆 1.00 辆"
    assert sorted(_at(r) for r in _failed(results["QH24"], "U06")) == [517, 806]
    for key in ("GS24", "SC24", "SX23"):
        assert not _failed(results[key], "U06")


def test_signed_value_after_direction_word(results) -> None:
    # QH24:523 "减少 0.09 万元，下降 -3.50%" (三公 total) and QH24:525 (公务用车, continued on 525)
    assert sorted(_at(r) for r in _failed(results["QH24"], "U07.sign")) == [523, 525]
    for key in ("GS24", "SC24", "SX23"):
        assert not _failed(results[key], "U07.sign")
    for key in ("GS24", "QH24", "SC24", "SX23"):  # no share above 100%
        assert not _failed(results[key], "U07")


def test_no_fund_statements_match_empty_tables(results, docs) -> None:
    """N12: GS24:943, 949; QH24:497, 501; SX23:305, 311 say 无/没有 and 公开07/08 are empty."""
    for key, lines in {"GS24": {943, 949}, "QH24": {497, 501}, "SX23": {305, 311}}.items():
        said = [f for f in docs[key].facts if f.name == "无数据"
                and f.section in ("说明.政府性基金", "说明.国有资本")]
        assert {f.line for f in said} == lines
        passed = [r for r in results[key] if r.rule == "N12" and r.status is Status.PASSED]
        assert len(passed) == len(said) and not _failed(results[key], "N12")


def test_running_costs_against_public_costs(results) -> None:
    # QH24:529 "无机关运行经费支出相关情况" though 公开06 公用经费合计 33.15 (QH24:320)
    found = _failed(results["QH24"], "P01.无")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "第529行" in found[0].message and "33.15" in found[0].message
    # GS24:1035 79.03 = 公用经费 (GS24:743); SX23:377 22.18 = SX23:2850
    for key in ("GS24", "SX23"):
        assert [r.status for r in results[key] if r.rule == "P01"] == [Status.PASSED]
        assert not _failed(results[key], "P01.无")


def test_empty_tables_explained_in_the_narrative(docs, registry) -> None:
    """C05: QH24 公开07/08 and QH10 have no note, but 说明 七/八/十 (QH24:497, 501, 529) say 没有/无."""
    final = compile_rules([RULES.with_name("final.rules")], registry)
    got = [r for r in evaluate(final, docs["QH24"], registry) if r.rule == "C05"]
    assert len(got) == 3 and {r.status for r in got} == {Status.PASSED}
    explained = {f.attrs["表"]: f.line for f in docs["QH24"].facts if f.name == "无数据"}
    assert explained == {"final.T07": 497, "final.T08": 501, "final.QH10": 529}
    # GS24: "无会议费支出" (GS24:1049) in 机关运行经费 is not a statement about the section
    assert [f.line for f in docs["GS24"].facts if f.name == "无数据"] == [943, 943, 949]


def test_department_name_variants(results) -> None:
    # SX23:2012 主管部门 "白河县医疗保证局"; SX23:2984 (and its repeat at 3151) "白河县医疗保障属"
    found = _failed(results["SX23"], "U11")
    assert sorted(_at(r) for r in found) == [2012, 2984, 3151]
    assert {r.severity for r in found} == {"warning"}
    for key in ("GS24", "QH24", "SC24", "GS21B"):
        assert not _failed(results[key], "U11")


def test_vehicle_counts(results, docs) -> None:
    # N08: QH24:517 保有量 1.00 辆 ≤ QH24:806 共有车辆 1.00 辆; GS24:1025 0 ≤ GS24:1069 0
    for key, line in (("QH24", 517), ("GS24", 1025)):
        got = [r for r in results[key] if r.rule == "N08"]
        assert [r.status for r in got] == [Status.PASSED] and line in _lines(got[0])
    # P04: QH24 公务用车运行维护费 2.41 (QH24:360) and 保有量 1 辆 (517), 车辆 1 辆 (806)
    p04 = [r for r in results["QH24"] if r.rule == "P04" and r.status is Status.PASSED]
    assert {line for r in p04 for line in _lines(r)} >= {517, 806}
    for key in ("GS24", "QH24", "SX23", "SC24"):
        assert not _failed(results[key], "N08") and not _failed(results[key], "P04")
    counts = {(f.name, f.line, f.number.text) for f in docs["QH24"].facts if f.unit in ("辆", "批次")}
    assert counts >= {("保有量", 517, "1.00"), ("购置辆数", 517, "0"), ("车辆总数", 806, "1.00"),
                      ("接待批次", 519, "0")}


def test_qinghai_counts_and_procurement_against_tables(registry) -> None:
    """QH.N08: QH24:515–519 against the 实物量 block QH24:360–362; QH.N11: QH24:533 vs 414–419."""
    root = Path(__file__).resolve().parents[2]
    rules = compile_rules([root / "plugins/qinghai/checker_qinghai/rules/qinghai.rules"], registry)
    doc = parse_with_plugins(REPORTS["QH24"], load_plugins(), registry)
    got = [r for r in evaluate(rules, doc, registry) if r.rule in ("QH.N08", "QH.N11")]
    assert Counter((r.rule, r.status) for r in got) == {
        ("QH.N08", Status.PASSED): 6, ("QH.N11", Status.PASSED): 6}


def test_running_cost_items_against_table_06(results) -> None:
    """N10: GS24:1037–1039 办公费 4.62, 印刷费 20, 邮电费 10.88, 差旅费 2.88, 劳务费 15.9 and
    GS24:1047, 1051 会议费 / 培训费 0.00 agree with 公开06 (GS24:481–671); 其他费用 (GS24:1041)
    names no row of the table: not evaluated (工会经费 "5.08 元" is U01's)."""
    got = [r for r in results["GS24"] if r.rule == "N10"]
    assert Counter(r.status for r in got) == {Status.PASSED: 7, Status.NOT_EVALUATED: 1}
    assert {1037, 1039, 1047, 1051} <= {line for r in got for line in _lines(r)}
    assert not _failed(results["GS24"], "N10.eq")


def test_itemised_parts_add_to_the_whole(results) -> None:
    # 政府采购: GS24:1057–1061 9.52 = 2.87 + 0 + 6.65; QH24:533 340.26; GS21B:90 85 = 50 + 13 + 22
    # 三公: GS24:961 0.00 = 0 + 0 + 0 (973, 983, 1013); QH24:507 2.41 = 0 + 2.41 + 0 (509)
    for key, n in (("GS24", 2), ("QH24", 2), ("GS21B", 1), ("SC24", 1)):
        got = [r for r in results[key] if r.rule == "A06" and r.status is Status.PASSED]
        assert len(got) == n and not _failed(results[key], "A06"), key


def test_listed_budgets_against_the_overall_budget(results) -> None:
    # GS24:901–913 1223.44 = 780.69 + 442.75 (both 类 listed)
    got = [r.status for r in results["GS24"] if r.rule == "A07" and r.status is not Status.NOT_APPLICABLE]
    assert got == [Status.PASSED]
    # QH24:451 772.75 but the 16 项 of QH24:455–489 (all of 公开05's 项) sum to 772.27
    found = _failed(results["QH24"], "A07")
    assert [_at(r) for r in found] == [451] and "772.27" in found[0].message
    # SX23:185 1852.36 against the 9 项 of SX23:201–273 (Σ 637.50): far apart, a warning
    found = _failed(results["SX23"], "A07")
    assert [_at(r) for r in found] == [185] and found[0].severity == "warning"


def test_sangong_within_budget_needs_no_reason(results) -> None:
    # QH24:507–509 决算 2.41 ≤ 预算 2.50; GS24:961–1013 all 0; SX23:323 equal: P03 never applies
    for key in ("GS24", "QH24", "SX23", "SC24"):
        assert {r.status for r in results[key] if r.rule == "P03"} == {Status.NOT_APPLICABLE}
