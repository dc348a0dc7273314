"""Evaluation semantics, with hand-computed values."""

from __future__ import annotations

from decimal import Decimal

from checker.dsl.compile import compile_text
from checker.dsl.evaluate import evaluate
from checker.findings import FileResult, Status
from checker.templates.loader import TemplateRegistry

from .conftest import doc, run

D = Decimal
T01_ROWS = {"rows": [["本年收入合计", "775.38"], ["本年支出合计", "775.88"]]}


def statuses(results: list) -> list[str]:
    return [str(r.status) for r in results]


def test_anchor_79_03_vs_seven_items(registry: TemplateRegistry) -> None:
    # T06: 302 商品和服务支出 79.03 vs 7 款 summing 79.02 (GS24 example): tolerance 0.04
    tables = {"基本支出决算明细表": {"rows": [
        ["302 商品和服务支出", "79.03"], ["30201 办公费", "11.30"], ["30202 印刷费", "12.40"],
        ["30205 水费", "10.05"], ["30206 电费", "9.99"], ["30207 邮电费", "15.00"],
        ["30211 差旅费", "10.28"], ["30217 公务接待费", "10.00"]]}}
    (r,) = run(registry, 'rule T13 "t"\n  for row in 基本支出决算明细表.rows where has_children(row):\n'
                         "    row.决算数 = sum(c.决算数 for c in children(row))\n", tables)
    assert r.status is Status.PASSED
    assert r.difference == D("0.01") and r.tolerance == D("0.04")
    assert r.instance == (("row", "final.T06[302]"),)


def test_anchor_775_error_reports_everything(registry: TemplateRegistry) -> None:
    (r,) = run(registry, 'rule T5 "t"\n  收支总表[本年收入合计].金额 = 收支总表[本年支出合计].金额\n',
               {"收支总表": T01_ROWS})
    assert r.status is Status.FAILED
    assert (r.left.value, r.left.low, r.left.high) == (D("775.38"), D("775.375"), D("775.385"))
    assert (r.right.value, r.right.low, r.right.high) == (D("775.88"), D("775.875"), D("775.885"))
    assert r.difference == D("-0.50") and r.tolerance == D("0.01")
    assert [(o.table, o.row, o.column, o.line) for o in r.operands] == [
        ("final.T01", "本年收入合计", "金额", 2), ("final.T01", "本年支出合计", "支出金额", 3)]
    assert r.lines == [2, 3]
    assert "775.38 vs 775.88" in r.message and "difference -0.50" in r.message


def test_r2_min_decimals(registry: TemplateRegistry) -> None:
    # QH24: "1,108" + 4.92 = 1,112.92 — 1,108 is taken as 1108.00 ± 0.005
    tables = {"收入决算表": {"rows": [["合计", "1,112.92", "1,108", "", "", "", "", "4.92"]]}}
    ok = run(registry, 'rule A "t"\n  for r in 收入决算表.rows:\n'
                       "    r.本年收入合计 = r.财政拨款收入 + r.其他收入\n", tables)
    assert ok[0].status is Status.PASSED and ok[0].tolerance == D("0.015")
    bad = run(registry, 'rule A "t"\n  收入决算表[合计].本年收入合计 = 1112.90\n', tables)
    # without R2 "1,108" would be ± 0.5 and 1,112.90 would pass
    assert bad[0].status is Status.FAILED


def test_min_decimals_option(registry: TemplateRegistry) -> None:
    template = registry.get("final.T02")
    assert template is not None
    template.options["min_decimals"] = 0
    try:
        r = run(registry, 'rule A "t"\n  收入决算表[合计].本年收入合计 = 1108.4\n',
                {"收入决算表": {"rows": [["合计", "1,108"]]}})
        assert r[0].status is Status.PASSED
    finally:
        del template.options["min_decimals"]


def test_blank_cell_is_zero_in_table_with_data(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "10.00", "", "10.00"]]}}
    r = run(registry, 'rule A "t"\n  支出决算表[合计].基本支出 = 0.005\n  支出决算表[合计].基本支出 = 0.01\n',
            tables)
    assert statuses(r) == ["passed", "failed"]  # blank = [−0.005, 0.005]
    r = run(registry, 'rule A "t"\n  支出决算表[合计].基本支出 == 0\n  is_blank(支出决算表[合计].基本支出)\n'
                      "  not is_blank(支出决算表[合计].项目支出)\n", tables)
    assert statuses(r) == ["passed", "passed", "passed"]


def test_missing_empty_listed_tables_are_not_evaluated(registry: TemplateRegistry) -> None:
    rules = ('rule A "t"\n  支出决算表[合计].本年支出合计 = 收入决算表[合计].本年收入合计\n'
             'rule B "t"\n  for row in 一般公共预算财政拨款基本支出决算明细表.rows:\n    row.决算数 = 0\n'
             'rule C "t"\n  三公经费表[决算数].合计 = 0\n')
    tables = {"支出决算表": {"rows": [["合计", "1.00"]]},
              "一般公共预算财政拨款基本支出决算明细表": {"empty": True},
              "三公经费表": {"listed_only": True}}
    a, b, c = run(registry, rules, tables)
    assert (a.status, a.reason) == (Status.NOT_EVALUATED, "table 收入决算表 (final.T02) not in document")
    assert (b.status, b.reason) == (
        Status.NOT_EVALUATED, "table 一般公共预算财政拨款基本支出决算明细表 (final.T06) is empty")
    assert c.status is Status.NOT_EVALUATED and "listed but not in this text" in (c.reason or "")


def test_row_not_found(registry: TemplateRegistry) -> None:
    (r,) = run(registry, 'rule A "t"\n  支出决算表[2080505].本年支出合计 = 0\n',
               {"支出决算表": {"rows": [["合计", "1.00"]]}})
    assert r.status is Status.NOT_EVALUATED and r.reason == "row 2080505 not found in 支出决算表 (final.T03)"


def test_divisor_may_be_zero(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "10.00", "", "10.00"]]}}
    (r,) = run(registry, 'rule A "t"\n  支出决算表[合计].项目支出 / 支出决算表[合计].基本支出 = 1\n', tables)
    assert r.status is Status.NOT_EVALUATED and r.reason == "divisor may be zero"


def test_ratio_and_percent(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "30.00", "10.00", "20.00"]]}}
    rules = ('rule A "t"\n  let t = 支出决算表[合计]\n  t.基本支出 / t.本年支出合计 = 33.33%\n'
             "  t.基本支出 / t.本年支出合计 = 33.4%\n  t.基本支出 × 300% = t.本年支出合计\n"
             "  t.基本支出 ≈ 10.04 ± 0.05\n  t.基本支出 ≈ 10.06 ± 0.05\n"
             "  t.基本支出 ≤ t.项目支出\n  t.项目支出 < t.基本支出\n  t.基本支出 ≠ 10\n  t.基本支出 == 10\n")
    results = run(registry, rules, tables)
    assert statuses(results) == ["passed", "failed", "passed", "passed", "failed", "passed",
                                 "failed", "failed", "passed"]


def test_percent_cell_and_exact_column(registry: TemplateRegistry) -> None:
    template = registry.get("final.T09")
    assert template is not None
    spec = template.column("合计")
    assert spec is not None
    spec.exact = True
    try:
        tables = {"三公经费表": {"rows": [{"label": "决算数", "合计": "20", "公务接待费": "96.50%"}]}}
        rules = ('rule A "t"\n  let r = 三公经费表[决算数]\n  r.公务接待费 = 0.96504\n'
                 "  r.公务接待费 = 0.96506\n  r.合计 = 20.4\n  r.合计 = 20\n")
        assert statuses(run(registry, rules, tables)) == ["passed", "failed", "failed", "passed"]
    finally:
        spec.exact = False


def test_loop_results_one_per_instance_with_binding(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "5.00", "2.00", "3.00"],
                                      ["208 社会保障和就业支出", "5.00", "2.00", "3.00"],
                                      ["20805 行政事业单位养老支出", "5.00", "2.50", "3.00"]]}}
    rules = ('rule T07 "t"\n  for row in 支出决算表.rows:\n'
             "    row.本年支出合计 = row.基本支出 + row.项目支出\n"
             '  message "{row.科目名称} ({row.code}): {left} ≠ {right}, 差 {diff}, 容差 {tolerance}"\n')
    results = run(registry, rules, tables)
    assert statuses(results) == ["passed", "passed", "failed"]
    assert [dict(r.instance)["row"] for r in results] == [
        "final.T03[合计]", "final.T03[208]", "final.T03[20805]"]
    assert results[2].message == "行政事业单位养老支出 (20805): 5.00 ≠ 5.50, 差 -0.50, 容差 0.015"
    # distinct per instance; a passed result gets its fingerprint when an output asks for it
    file = FileResult(path="x", results=tuple(results))
    assert len({file.fingerprint(r) for r in results}) == 3
    assert results[0].fingerprint == "" and results[2].fingerprint == file.fingerprint(results[2])


def test_tree_rule_and_levels(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [
        ["合计", "10.00"], ["208 社会保障和就业支出", "7.00"], ["210 卫生健康支出", "3.00"],
        ["20805 行政事业单位养老支出", "7.00"], ["2080505 机关事业单位基本养老保险缴费支出", "4.00"],
        ["2080506 机关事业单位职业年金缴费支出", "3.10"]]}}
    rules = ('rule T08 "t"\n  for row in 支出决算表.rows where has_children(row):\n'
             "    row.本年支出合计 = sum(c.本年支出合计 for c in children(row))\n"
             'rule L "levels"\n  count(r for r in 支出决算表.rows where level(r) = 3) = 2\n'
             "  parent(支出决算表[2080506]).code = \"20805\"\n"
             "  parent(支出决算表[208]).label = \"合计\"\n")
    results = run(registry, rules, tables)
    assert [(dict(r.instance)["row"], str(r.status)) for r in results[:3]] == [
        ("final.T03[合计]", "passed"), ("final.T03[208]", "passed"), ("final.T03[20805]", "failed")]
    assert results[2].difference == D("-0.10")
    assert statuses(results[3:]) == ["passed", "passed", "passed"]


def test_when_guard_and_where_filter(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "5.00", "5.00"], ["208 社保", "0.00", ""]]}}
    rules = ('rule A "t"\n  for row in 支出决算表.rows:\n    when row.本年支出合计 ≠ 0:\n'
             "      row.基本支出 = row.本年支出合计\n"
             'rule B "t"\n  for row in 支出决算表.rows where row.code = "999":\n    row.基本支出 = 0\n')
    a1, a2, b = run(registry, rules, tables)
    assert (a1.status, a2.status) == (Status.PASSED, Status.NOT_APPLICABLE)
    assert a2.reason == "when row.本年支出合计 ≠ 0: false"
    assert b.status is Status.NOT_APPLICABLE and "nothing to check" in (b.reason or "")


def test_a_where_over_two_lines_is_said_on_one(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "5.00", "5.00"]]}}
    rules = ('rule B "t"\n  for row in 支出决算表.rows where row.code = "999"\n'
             '      or row.code = "998":\n    row.基本支出 = 0\n')
    (b,) = run(registry, rules, tables)
    assert b.reason == ('nothing to check: no item of 支出决算表.rows where row.code = "999" '
                        'or row.code = "998"')


def test_cross_table_dynamic_rows_and_exists(registry: TemplateRegistry) -> None:
    tables = {"收支总表": {"rows": [["本年支出合计", "8.00"], ["社会保障和就业支出", "5.00"],
                                    ["卫生健康支出", "3.00"]]},
              "支出决算表": {"rows": [["合计", "8.00"], ["208 社会保障和就业支出", "5.02"]]}}
    rules = ('rule X04 "t"\n  for r in 收支总表.rows where r.side = "支出" and level(r) = 1:\n'
             "    when exists(支出决算表[r]):\n      r.金额 = 支出决算表[r].本年支出合计\n")
    results = run(registry, rules, tables)
    # the case builder adds the other 24 class rows as printed blank: all not applicable here
    assert len(results) == 26
    r1 = next(r for r in results if r.status is not Status.NOT_APPLICABLE)
    assert r1.status is Status.FAILED and r1.operands[0].column == "支出金额"
    assert r1.operands[0].row == "社会保障和就业支出"
    assert sum(r.status is Status.NOT_APPLICABLE for r in results) == 25


def test_let_failure_propagates_as_not_evaluated(registry: TemplateRegistry) -> None:
    rules = 'rule A "t"\n  let x = 收入决算表[合计].本年收入合计\n  x = 1\n  1 = 1\n'
    a, b = run(registry, rules, {"支出决算表": {"rows": [["合计", "1.00"]]}})
    assert a.status is Status.NOT_EVALUATED and b.status is Status.PASSED


def test_require_tables_and_notes(registry: TemplateRegistry) -> None:
    rules = ('rule C01 "t"\n  require table 收入决算表, 支出决算表, 三公经费表\n'
             'rule C05 "t"\n  for t in tables where t.empty:\n    require note(t)\n'
             '  message "{t.name} 为空表，但没有说明"\n')
    tables = {"支出决算表": {"rows": [["合计", "1.00"]]},
              "一般公共预算财政拨款基本支出决算明细表": {"empty": True, "notes": ["本表无数据"]},
              "政府性基金预算财政拨款收入支出决算表": {"empty": True},
              "三公经费表": {"listed_only": True}}
    results = run(registry, rules, tables)
    c01 = [r for r in results if r.rule == "C01"]
    # a table named in the 目录/附表 list without its body: presence cannot be judged from this
    # text (domain.md C01 on SC24: n/e), so not_evaluated, never passed
    assert statuses(c01) == ["failed", "passed", "not_evaluated"]
    assert c01[0].reason == "table 收入决算表 (final.T02) not in document"
    assert "listed" in c01[2].reason
    c05 = [r for r in results if r.rule == "C05"]
    assert statuses(c05) == ["passed", "failed"]
    assert c05[1].message == "政府性基金预算财政拨款收入支出决算表 为空表，但没有说明"


def test_applies_kind_region_year(registry: TemplateRegistry) -> None:
    rules = ('rule A "t"\n  applies 预算\n  1 = 1\n'
             'rule B "t"\n  applies 决算 region QH\n  1 = 1\n'
             'rule C "t"\n  applies 决算 year 2023-\n  1 = 1\n'
             'rule D "t"\n  applies final region qh year 2024\n  1 = 1\n')
    results = run(registry, rules, {}, region="QH", year=2022)
    assert statuses(results) == ["not_applicable", "passed", "not_applicable", "not_applicable"]
    assert results[0].reason == "applies to 预算 only (document is final)"
    assert results[2].reason == "applies to years 2023- (document is 2022)"


def test_functions(registry: TemplateRegistry) -> None:
    tables = {"支出决算表": {"rows": [["合计", "-3.456", "1.00", "2.00"]]}}
    rules = ('rule F "t"\n  let r = 支出决算表[合计]\n  abs(r.本年支出合计) = 3.456\n'
             "  round(r.本年支出合计, 1) == -3.5\n  min(r.基本支出, r.项目支出) == 1\n"
             "  max([r.基本支出, r.项目支出]) == 2\n  count(支出决算表.rows) == 1\n  sum() == 0\n")
    assert statuses(run(registry, rules, tables)) == ["passed"] * 6


def test_fingerprint_ignores_lines_but_not_department(registry: TemplateRegistry) -> None:
    rules = 'rule A "t"\n  for row in 支出决算表.rows:\n    row.本年支出合计 = 1\n'
    rs = compile_text(rules, registry)
    base = {"支出决算表": {"rows": [["208 社保", "2.00"]]}}
    moved = {"收入决算表": {"rows": [["合计", "1"]]}, "支出决算表": {"rows": [["208 社保", "2.00"]]}}
    a = evaluate(rs, doc(registry, base, department="甲"), registry)[0]
    b = evaluate(rs, doc(registry, moved, department="甲"), registry)[0]
    c = evaluate(rs, doc(registry, base, department="乙"), registry)[0]
    assert a.operands[0].line != b.operands[0].line
    assert a.fingerprint == b.fingerprint != c.fingerprint


def test_never_passed_when_not_evaluated(registry: TemplateRegistry) -> None:
    rules = 'rule A "t"\n  require 收入决算表[合计].本年收入合计 = 0 or true\n'
    (r,) = run(registry, rules, {})
    assert r.status is Status.NOT_EVALUATED


def test_applies_except_region(registry: TemplateRegistry) -> None:
    rules = 'rule E "t"\n  applies 决算 except region GS, SX\n  1 = 1\n'
    (gs,) = run(registry, rules, {}, region="GS")
    assert gs.status is Status.NOT_APPLICABLE and "not for region GS" in gs.reason
    (qh,) = run(registry, rules, {}, region="QH")
    assert qh.status is Status.PASSED
    (unknown,) = run(registry, rules, {})
    assert unknown.status is Status.PASSED


def test_a_table_in_yuan_is_compared_in_wanyuan(registry: TemplateRegistry) -> None:
    """支出决算表 printed in 元 (1,112,150.00) against 公开05 in 万元 (111.22): 1,112,150.00 元 is
    111.2150 万元, within 111.215–111.225, the rounding interval of 111.22 — equal; 111.23 is not."""
    tables = {
        "支出决算表": {"unit": "元", "rows": [["合计", "1112150.00", "1000000.00", "112150.00"]]},
        "一般公共预算财政拨款支出决算表": {"rows": [["合计", "111.22", "100.00", "11.22"]]},
    }
    rule = 'rule X "t"\n  支出决算表[合计].本年支出合计 = 一般公共预算财政拨款支出决算表[合计].小计\n'
    (r,) = run(registry, rule, tables)
    assert r.status is Status.PASSED
    # ± half a cent: 0.005 元 = 0.0000005 万元
    assert (r.left.value, r.left.low, r.left.high) == (D("111.215"), D("111.2149995"), D("111.2150005"))
    tables["一般公共预算财政拨款支出决算表"]["rows"] = [["合计", "111.23", "100.00", "11.23"]]
    (r,) = run(registry, rule, tables)
    assert r.status is Status.FAILED
    # the finding still quotes the figure as printed, in 元
    assert [o.text for o in r.operands] == ["1112150.00", "111.23"]
