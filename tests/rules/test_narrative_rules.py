"""The narrative rules (rules/narrative.rules) on the five real reports.

Expectations are read by hand from the report text (shared domain.md §2.4, §2.5, §2.7).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.dsl.compile import RuleSet, compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.testing import run_rule_tests
from checker.findings import Result, Status
from checker.model import Document

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


def test_cases_pass(registry) -> None:
    report = run_rule_tests([RULES], registry)
    assert report.ok, report.to_text()
    assert not report.untested


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


def test_gs21b_zero_change_wording(results) -> None:
    assert len(_failed(results["GS21B"], "U05")) == 7  # "比上年预算数减少 0 万元", GS21B:64–74


@pytest.mark.parametrize("key", ["GS24", "QH24", "SX23"])
def test_no_error_on_figures_matching_tables(results, key) -> None:
    """Every N rule (text ↔ table) passes at error level: the figures agree within rounding."""
    for r in results[key]:
        if r.rule.startswith("N") and not r.rule.endswith(".eq"):
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
