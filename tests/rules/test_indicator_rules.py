"""The indicator-value rules of rules/performance.rules (U09, S05, S06, S07, S07.met) on the five
reports: exactly these findings, at these lines. Every one was read by hand in the report text
(the line cited holds the row; its target and actual are quoted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.findings import Result, Status
from checker.render.base import location_line

RULES = Path(__file__).resolve().parents[2] / "rules" / "performance.rules"
INDICATOR_RULES = ("U09", "S05", "S05.score", "S06", "S06.rate", "S07", "S07.met")

EXPECTED_FAILED: dict[str, dict[str, list[int]]] = {
    "GS24": {
        # "参保人员满意度 >905 95 10 5 105.56% 10": ">90%" with "%" printed as "5"
        "U09": [2422],
        # "8 100% 7.2" under 完成值 "100%-80%(含)" (2413–2415): in the band, but 7.2 ÷ 8 = 90% ≠ 100%
        "S06.rate": [2416],
        # 1988 "<20 天" / 20, 14 of 14; 1992 ">98%" / 98, 10 of 10; 2379 ">98%" / 98, 6 of 6;
        # 2405 ">90%" / 90, 6 of 6; 2761 ">98%" / 98, 10 of 10; 2777 ">90%" / 90, 10 of 10;
        # 2791 ">90%" / 90, 10 of 10
        "S07": [1988, 1992, 2379, 2405, 2761, 2777, 2791],
    },
    "QH24": {
        # 569 "=100%" / "90%", 7 of 10: 10 × 90% = 9, not 7 (S07 holds: 7 < 10)
        "S05.score": [569],
    },
    "SX23": {
        # targets without a comparator are planned values to reach; all scored in full:
        # 1249 5000人 / 3334人; 1261 100万元 / 75.1万元 (偏差原因 资金由财政统筹安排); 1367 38.18万元 /
        # 36.75万元; 1377 11.18万元 / 9.75万元; 1475 1165人 / 1117人; 1493 36万元 / 23.52万元;
        # 1662 60万元 / 50万元; 1751 23.6万元（据实结算） / 13.6万元（据实结算） (1743–1751);
        # 1863 3.6万元 / 1.56万元; 2067 197694人 / 195387人; 2069 186751人 / 184315人;
        # 2203 ≧99% / ≧70%; 2213 1004.09万元 / 641.42万元 (2209–2213, 偏差原因 资金由财政统筹安排);
        # 2215 803.2万元 / 566万元; 2217 200.89万元 / 75.42 万元; 2330 630.42万元 / 270.14万元
        # (偏差原因 资金由财政统筹安排); 2332 504.3万元 / 249.5万元; 2334 126.12万元 / 20.64万元
        # and the 部门整体支出绩效指标体系: 793 政府采购执行率 "≥95%" / "0", 3.5 of 3.5
        "S07": [793, 1249, 1261, 1367, 1377, 1475, 1493, 1662, 1751, 1863, 2067, 2069, 2203, 2213,
                2215, 2217, 2330, 2332, 2334],
    },
    "SC24": {},   # no 自评表 in the text (附表 only)
    "GS21B": {},  # a budget: no 自评表
}

# SX23:1503–1507 "大病救助缴费标准" / "参保缴费基数" / "1%" / "参保缴费基数1% 5 5": where the 年度指标值
# begins cannot be told, so U09 is not evaluated there (and no other rule reads the row)
EXPECTED_NOT_EVALUATED: dict[str, dict[str, list[int]]] = {"SX23": {"U09": [1507]}}


@pytest.fixture(scope="module")
def ruleset(registry) -> RuleSet:
    return compile_rules([RULES], registry)


@pytest.fixture(scope="module")
def results(ruleset, docs, registry) -> dict[str, list[Result]]:
    return {key: [r for r in evaluate(ruleset, doc, registry) if r.rule in INDICATOR_RULES]
            for key, doc in docs.items()}


def _lines(results: list[Result], status: Status) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for r in results:
        if r.status is status:
            line = location_line(r)
            assert line is not None, r
            out.setdefault(r.rule, []).append(line)
    return {k: sorted(v) for k, v in out.items()}


@pytest.mark.parametrize("key", ["GS24", "QH24", "SX23", "SC24", "GS21B"])
def test_exactly_the_expected_findings(results, key):
    assert _lines(results[key], Status.FAILED) == EXPECTED_FAILED[key]
    assert _lines(results[key], Status.NOT_EVALUATED) == EXPECTED_NOT_EVALUATED.get(key, {})


def test_the_evidence_rows_pass(results):
    """domain.md §2.6: GS24:2344 (248.58 ÷ 290 = 85.72%; 10 × 85.72% = 8.57) and GS24:2751
    (36.97 ÷ 40 = 92.42%; 20 × 92.42% = 18.48) pass S05 in both parts; the band at GS24:2416
    holds (6.4 ≤ 7.2 ≤ 8); QH24:569 passes S07 (90% of "=100%", 7 < 10)."""
    gs = results["GS24"]
    for line in (2344, 2751):
        s05 = [r for r in gs if r.rule in ("S05", "S05.score") and r.status is Status.PASSED
               and line in {o.line for o in r.operands}]
        assert sorted(r.rule for r in s05) == ["S05", "S05.score"], line
    s06 = [r for r in gs if r.rule == "S06" and r.status is Status.PASSED]
    assert {location_line(r) for r in s06} == {2416} and len(s06) == 2
    qh = [r for r in results["QH24"] if r.rule == "S07" and location_line(r) == 569]
    assert [r.status for r in qh] == [Status.PASSED]


def test_messages_name_the_values(results):
    gs = {(r.rule, location_line(r)): r for r in results["GS24"] if r.status is Status.FAILED}
    assert "实际完成值 20 未达到年度指标值 <20 天" in gs[("S07", 1988)].message
    assert ">905" in gs[("U09", 2422)].message and "不是可能的百分比" in gs[("U09", 2422)].message
    assert "所印完成率 100% ≠ 得分 ÷ 分值 0.9" in gs[("S06.rate", 2416)].message


# ---- the functions, on a small case document

FUNCTION_RULES = '''
rule F.completion "completion"
  for r in indicator_rows("perf.project") where quantitative(r):
    round(completion(r), 4) == 85.72%
    completion(r) ≈ 0.857172 ± 0.000001

rule F.band "band"
  for r in indicator_rows("perf.project") where is_band(r):
    band_low(r) == 0.8
    band_high(r) == 100%
'''


def test_functions_on_a_case(tmp_path, registry):
    from checker.dsl.testing import build_document

    doc = build_document({"meta": {"kind": "final", "year": 2024}, "tables": {"项目支出绩效自评表": {"rows": [
        # GS24:2344 "=290 万元" / 248.58: 248.58 ÷ 290 = 0.857172…
        {"label": "资金投入", "side": "指标", "分值": 10, "得分": "8.57",
         "texts": {"指标值": "=290 万元", "完成值": "248.58"}},
        # GS24:2411–2416 "长期" / "100%-80%(含)"
        {"label": "确保城乡居民持续参保", "side": "指标", "分值": 8, "得分": "7.2",
         "texts": {"指标值": "长期", "完成值": "100%-80%(含)"}},
        {"label": "工作推进情况", "side": "指标", "分值": 10, "得分": 5,
         "texts": {"指标值": "按计划推进", "完成值": "已推进"}},
    ]}}}, registry)
    path = tmp_path / "f.rules"
    path.write_text(FUNCTION_RULES, encoding="utf-8")
    got = {}
    for r in evaluate(compile_rules([path], registry), doc, registry):
        got.setdefault(r.rule, []).append(r.status.value)
    assert got == {"F.completion": ["passed", "passed"], "F.band": ["passed", "passed"]}
