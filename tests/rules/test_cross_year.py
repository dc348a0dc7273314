"""Cross-year (Y01, ``checker check --previous``) on the three 江苏省高级人民法院 budgets of
tests/fixtures/pdf: each later year's 较上年 statements against the report of the year before.

Checked by hand on the pages (本年 ∓ 变动额 = the figure last year's report prints for the item):

2018 against 2017 (13):  一般公共预算收入 33172.15 − 4322.77 = 28849.38 · 公共安全（类）26200.88 −
2687.77 = 23513.11 · 社会保障和就业（类）2254.76 + 92.37 = 2347.13 · 住房保障（类）4716.51 − 1727.37 =
2989.14 · 基本支出 18570.82 − 1447.63 = 17123.19 · 项目支出 11343.27 + 200 = 11543.27 · 预留机动经费
3258.06 − 3075.14 = 182.92 · 因公出国（境）170 + 10 = 180 · 公务用车运行维护 266.8 + 37.6 = 304.4 ·
公务接待 183.95 + 1.77 = 185.72 · 会议费 271.26 − 43.26 = 228 · 培训费 1666.25 + 35 = 1701.25 ·
机关运行经费 3407.38 + 5786.02 = 9193.40 (2017 lines 508, 512, 515, 518, 522, 524, 527, 641, 646,
648, 652, 656, 624).

2019 against 2018 (12): 37188.34 − 4016.19 = 33172.15 · 27488.23 − 1287.35 = 26200.88 · 2355.65 −
100.89 = 2254.76 · 7344.46 − 2627.95 = 4716.51 · 21968 − 3397.18 = 18570.82 · 10208.94 + 1134.33 =
11343.27 · 5011.4 − 1753.34 = 3258.06 · 160 + 10 = 170 · 86.95 + 97 = 183.95 · 271.02 + 0.24 =
271.26 · 1597.25 + 69 = 1666.25 · 3580.05 − 172.67 = 3407.38. The department's statements agree
across the three years: no finding.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

from checker.check import CheckSpec, Engine
from checker.dsl.evaluate import evaluate
from checker.findings import Status
from tests.cli.helpers import FIXTURES, run

PDF = FIXTURES / "pdf"
JS = {y: PDF / f"jiangsu-court-{y}-budget.pdf" for y in (2017, 2018, 2019)}


def _y01(results):
    return [r for r in results if r["rule"] == "Y01"]


def test_each_year_against_the_year_before(capsys):
    code, out, _ = run(capsys, "check", "--previous", PDF, "--select", "Y01", "--show-passed",
                       "--format", "json", "--fail-on", "never", *JS.values())
    assert code == 0
    by_year = {f["document"]["year"]: f for f in json.loads(out)}
    assert [r["status"] for r in _y01(by_year[2018]["results"])].count("passed") == 13
    assert [r["status"] for r in _y01(by_year[2019]["results"])].count("passed") == 12
    assert not [r for f in by_year.values() for r in _y01(f["results"]) if r["status"] == "failed"]
    [first] = _y01(by_year[2017]["results"])  # no 2016 report given
    assert first["status"] == "not_evaluated"
    assert "江苏省高级人民法院 for 2016" in first["reason"]
    # the 公共安全 line of 2018 read against 2017's line 512, an operand of last year's report
    [public] = [r for r in _y01(by_year[2018]["results"]) if r["lines"] == [447, 448]]
    assert [(o["table"], o["line"], o["text"]) for o in public["operands"]] == [
        ("narrative", 447, "26200.88"), ("narrative", 448, "2687.77"),
        ("prev:narrative", 512, "23513.11")]


def test_without_previous_reports_the_rule_does_not_apply(capsys):
    _code, out, _ = run(capsys, "check", "--select", "Y01", "--show-passed", "--format", "json",
                       "--fail-on", "never", JS[2018])
    [result] = _y01(json.loads(out)[0]["results"])
    assert result["status"] == "not_applicable" and "--previous" in result["reason"]


@cache
def _engine() -> Engine:
    return Engine(CheckSpec(select=("Y01",)))


def test_a_changed_figure_of_last_year_is_found():
    engine = _engine()
    this, last = engine.load_document(JS[2018]), engine.load_document(JS[2017])
    # plant: last year's report prints 公共安全（类）支出 23413.11 instead of 23513.11 (line 512)
    facts = [replace(f, number=replace(f.number, value=f.number.value - 100, text="23413.11"))
             if f.line == 512 and f.name == "本年" else f for f in last.facts]
    assert facts != last.facts
    planted = replace(last, facts=facts)
    failed = [r for r in evaluate(engine.ruleset, this, engine.registry, planted)
              if r.status is Status.FAILED]
    assert [(r.rule, r.lines) for r in failed] == [("Y01", [447, 448])]
    assert "上年应为 23513.11，上年报告所列为 23413.11" in failed[0].message


def test_a_report_of_another_department_is_not_its_previous(capsys):
    _code, out, _ = run(capsys, "check", "--previous", PDF / "shanghai-putuo-finance-2024-final.pdf",
                       "--select", "Y01", "--format", "json", "--fail-on", "never", JS[2018])
    [result] = _y01(json.loads(out)[0]["results"])
    assert result["status"] == "not_evaluated"
    assert "among the 1 previous reports" in result["reason"]
