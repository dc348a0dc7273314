"""The 绩效 narrative rules of rules/performance.rules (N13, A06.perf, A10.perf) on the real reports.

Expectations read by hand from the report text (shared domain.md §2.4 N13, §2.5 A06, A10).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.findings import Result, Status

RULES = Path(__file__).resolve().parents[2] / "rules" / "performance.rules"
NARRATIVE = ("N13", "N13.found", "N13.rate", "A06.perf", "A10.perf", "A10.perf.listed", "S10")


@pytest.fixture(scope="module")
def ruleset(registry) -> RuleSet:
    return compile_rules([RULES], registry)


@pytest.fixture(scope="module")
def results(ruleset, docs, registry) -> dict[str, list[Result]]:
    return {key: [r for r in evaluate(ruleset, doc, registry) if r.rule in NARRATIVE]
            for key, doc in docs.items() if key != "GS21B"}


def _by(results: list[Result], rule: str, status: Status) -> list[Result]:
    return [r for r in results if r.rule == rule and r.status is status]


def _lines(r: Result) -> set[int]:
    return {o.line for o in r.operands if o.line is not None}


def test_gs24_projects_agree_with_their_tables(results) -> None:
    """GS24:1121–1125 96.34 / 290 / 248.58 / 85.71% = GS24:2299, 2424; 1139–1141 97.72 / 40 /
    36.97 / 92.42%; 1175–1177 99.99 / 54 / 54 / 100%; 454 = 290 + 70 + 40 + 54 (GS24:1095,
    1111–1117, 1514); "4 个" four times, four projects listed."""
    gs = results["GS24"]
    assert all(r.status is not Status.FAILED for r in gs)
    assert len(_by(gs, "N13", Status.PASSED)) == 3
    assert {2424, 2793, 2009} <= set().union(*(_lines(r) for r in _by(gs, "N13", Status.PASSED)))
    assert len(_by(gs, "N13.rate", Status.PASSED)) == 3
    assert len(_by(gs, "A06.perf", Status.PASSED)) == 2  # GS24:1095 and GS24:1516
    assert len(_by(gs, "A10.perf", Status.PASSED)) == 3  # each "4 个" = the next
    assert len(_by(gs, "A10.perf.listed", Status.PASSED)) == 3  # … = the four listed


def test_qh24_ten_projects_agree(results) -> None:
    """QH24:549 85 / 170 / 511.80 / 301.06% = QH24:559, 580 … QH24:733 "74.1%" vs QH24:741 "74%"
    (rounding) … QH24:778 "3 万元" pairs with its own table (QH24:786), not with 3 / 2.92 (QH24:764)."""
    qh = results["QH24"]
    assert all(r.status is not Status.FAILED for r in qh)
    assert len(_by(qh, "N13", Status.PASSED)) == 10
    assert len(_by(qh, "N13.rate", Status.PASSED)) == 10
    assert len(_by(qh, "N13.found", Status.PASSED)) == 10
    rate_733 = next(r for r in _by(qh, "N13.rate", Status.PASSED) if 733 in _lines(r))
    assert 741 in _lines(rate_733)


def test_sx23_count_and_base(results) -> None:
    """SX23:591 "5 个" vs SX23:927 "10 个" (A10 warning); SX23:609 "完成预算的 100%" is the
    table's 641.42 ÷ 641.42 (SX23:2141), though the table prints 63.88% on 年初预算数 1004.09:
    the narrative's own ratio holds, no finding."""
    sx = results["SX23"]
    a10 = _by(sx, "A10.perf", Status.FAILED)
    assert [sorted(_lines(r)) for r in a10] == [[591, 927]] and a10[0].severity == "warning"
    assert not _by(sx, "N13.rate", Status.FAILED)
    assert any(609 in _lines(r) for r in _by(sx, "N13.rate", Status.PASSED))
    assert not [r for r in sx if r.status is Status.FAILED and r.severity == "error"]


def test_sc24_has_no_project_figures(results) -> None:
    """SC24 prints no 自评表 and no project figures; its 评价报告 grades its score (SC24:985–986
    "评价总分 100 分，评价结论为优秀": S10 holds)."""
    assert all(r.status is Status.NOT_APPLICABLE for r in results["SC24"] if r.rule != "S10")
    s10 = [r for r in results["SC24"] if r.rule == "S10"]
    assert [r.status for r in s10 if r.status is not Status.NOT_APPLICABLE] == [Status.PASSED]
    assert any(986 in r.lines for r in s10 if r.status is Status.PASSED)


def test_grades_agree_with_their_scores(results) -> None:
    """S10: GS24 grades every project and the department "优": 1135 for 96.34 (1121), 1169 for
    97.72 (1139), 1207 for 99.99 (1175), 1500 for 92.47 (same sentence), and the appended reports'
    1835, 2233, 2646 for their 综合得分 99.99 (1825), 96.34 (2223), 97.72 (2636). SX23:2378 "A"
    is a letter scale: not checked nationally."""
    gs = [r for r in results["GS24"] if r.rule == "S10" and r.status is not Status.NOT_APPLICABLE]
    assert sorted(min(_lines(r)) for r in gs) == [1121, 1139, 1175, 1500, 1825, 2223, 2636]
    assert {r.status for r in gs} == {Status.PASSED}
    assert {r.status for r in results["SX23"] if r.rule == "S10"} == {Status.NOT_APPLICABLE}
