"""Mutation tests of the 绩效 rules: a wrong 执行率, 得分, 计量单位 or narrative rate planted in a
copy of a real report is found, and the finding names the planted line; repairing a defect the
report prints makes its finding go away. Each plant changes one printed figure or word of one line
(line numbers are the report's, tests/conftest.py REPORTS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.check import CheckSpec, Engine
from checker.findings import Result
from tests.conftest import REPORTS


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CheckSpec())


def _planted(tmp_path: Path, key: str, line: int, old: str, new: str) -> Path:
    src = REPORTS[key]
    lines = src.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (key, line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    out = tmp_path / src.name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _failed(engine: Engine, path: Path, rule: str) -> list[Result]:
    result = engine.check(path)
    assert result.error is None, result.error
    return [r for r in result.results if r.rule == rule and r.status.value == "failed"]


def _at(results: list[Result], line: int) -> list[Result]:
    return [r for r in results if line in r.lines]


def test_a_wrong_execution_rate_in_a_project_table(engine, tmp_path):
    # GS24:2299 "年度资金总额： 290 290 248.58 10 85.71 8.57": 248.58 ÷ 290 is 85.71% (truncated)
    assert not _at(_failed(engine, REPORTS["GS24"], "GS.S02"), 2299)
    path = _planted(tmp_path, "GS24", 2299, "10 85.71 8.57", "10 88.71 8.57")
    [r] = _at(_failed(engine, path, "GS.S02"), 2299)
    assert r.severity == "error" and "88.71" in r.message


def test_a_wrong_rate_in_a_funds_source_row(engine, tmp_path):
    # QH24:620 "其中：当年财政拨款 2 2 0.82 -- 41% --" (0.82 ÷ 2 = 41%)
    path = _planted(tmp_path, "QH24", 620, "0.82\t--\t41%", "0.82\t--\t45%")
    [r] = _at(_failed(engine, path, "S02.rows"), 620)
    assert r.severity == "warning" and "45%" in r.message


def test_a_wrong_score(engine, tmp_path):
    # GS24:2360 "城乡居民参保率 =100% 100 6 % 100.00% 6": the target met, scored 6 of 6
    path = _planted(tmp_path, "GS24", 2360, "100.00% 6", "100.00% 5")
    assert _at(_failed(engine, path, "S08"), 2360)  # 总分 96.34 no longer adds up
    [r] = _at(_failed(engine, path, "S07.met"), 2360)  # met, yet 5 of 6 with no reason given
    assert "城乡居民参保率" in r.message


def test_a_wrong_unit_of_measure(engine, tmp_path):
    # GS24:2354 "210000 10 人 100.00% 10": the target ">=210000" / "人" (GS24:2351–2353)
    assert not _at(_failed(engine, REPORTS["GS24"], "U12"), 2354)
    path = _planted(tmp_path, "GS24", 2354, "10 人 100.00%", "10 元 100.00%")
    [r] = _at(_failed(engine, path, "U12"), 2354)
    assert r.severity == "error" and "“元”" in r.message


def test_a_wrong_rate_in_a_self_evaluation_report(engine, tmp_path):
    # GS24:2037–2039 "全年执行数为 248.58 万" / "元，执行率为 85.71%。" (its table: GS24:2299)
    assert not _at(_failed(engine, REPORTS["GS24"], "N16"), 2039)
    path = _planted(tmp_path, "GS24", 2039, "执行率为 85.71%", "执行率为 87.71%")
    [r] = _at(_failed(engine, path, "N16"), 2039)
    assert r.severity == "error" and "87.71%" in r.message


def test_a_wrong_rate_in_the_narrative_of_a_project(engine, tmp_path):
    # QH24:549 "…实际支出 511.80 万元，结转 0 万元，完成年度预算的 301.06%" (QH24:559)
    path = _planted(tmp_path, "QH24", 549, "完成年度预算的 301.06%", "完成年度预算的 310.06%")
    assert _at(_failed(engine, path, "N13.rate"), 549)


def test_the_printed_defects_go_when_repaired(engine, tmp_path):
    # GS24:1693 "执行率为 99.9%" where its table executes 54 of 54 (N16)
    assert _at(_failed(engine, REPORTS["GS24"], "N16"), 1693)
    path = _planted(tmp_path, "GS24", 1693, "执行率为 99.9%", "执行率为 100%")
    assert not _at(_failed(engine, path, "N16"), 1693)
    # GS24:1595 "基本支出预算执行率 =100% 100 %" where its funds row executes 92.06% (S12.dept)
    assert _at(_failed(engine, REPORTS["GS24"], "S12.dept"), 1595)
    path = _planted(tmp_path, "GS24", 1595, "=100% 100 %", "=100% 92.06 %")
    assert not _at(_failed(engine, path, "S12.dept"), 1595)
    # GS24:1807 "群众就医满意度达到 95%" where its table's satisfaction is 98 (N17)
    assert _at(_failed(engine, REPORTS["GS24"], "N17"), 1807)
    path = _planted(tmp_path, "GS24", 1807, "满意度达到 95%", "满意度达到 98%")
    assert not _at(_failed(engine, path, "N17"), 1807)


def test_a_planted_satisfaction_and_a_planted_headcount(engine, tmp_path):
    # GS24:2624 "满意度均在 95 分以上" vs 救助人员满意度 90: planted as 85 分以上, it holds
    path = _planted(tmp_path, "GS24", 2624, "均在 95 分以上", "均在 85 分以上")
    assert not _at(_failed(engine, path, "N17"), 2624)
    # GS21B:418 "⇥52⇥合计⇥…": 编制总人数 64 makes the 64 in 编制 possible
    assert _at(_failed(engine, REPORTS["GS21B"], "GS.B13.staff"), 418)
    path = _planted(tmp_path, "GS21B", 418, "\t52\t", "\t64\t")
    assert not _failed(engine, path, "GS.B13.staff")
