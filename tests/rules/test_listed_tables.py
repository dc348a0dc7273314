"""Tables listed but absent, and tables printed empty.

C02 (rules/completeness.rules): a report whose 目录 / 附表 list names tables and that prints
none of them is told so, once and as an error — SC24:1004–1030 lists 13 附表 and the text holds
no table body. A file whose name marks it as the 说明 half of a report published as two is not
failed alone (its tables are the other file's; paired, the report has them).

C05.budget (rules/budget.rules): an empty 预算 table needs a note — GS21B 表十 has none."""

from __future__ import annotations

import shutil

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.parse.document import parse_path
from tests.conftest import FIXTURES, REPORTS
from tests.rules.test_national_rules import RULES


def _c02(doc, registry):
    ruleset = compile_rules([RULES / "completeness.rules"], registry).select(["C02"])
    return [r for r in evaluate(ruleset, doc, registry) if r.rule == "C02"]


def test_sc24_lists_thirteen_tables_and_prints_none(docs, registry):
    [r] = _c02(docs["SC24"], registry)
    assert (r.status.value, r.severity) == ("failed", "error")
    assert r.lines == [1006]  # "一、收入支出决算总表", the first of the 附表 list
    assert "13 张表" in r.message and "一、收入支出决算总表" in r.message


def test_reports_with_their_tables_pass(docs, registry):
    for key in ("GS24", "QH24", "SX23", "GS21B"):
        assert [r.status.value for r in _c02(docs[key], registry)] == ["passed"], key


def test_a_file_named_as_the_narrative_half_is_not_failed_alone(tmp_path, registry):
    half = tmp_path / "井研县医疗保障局2024年部门决算说明.txt"
    shutil.copy(REPORTS["SC24"], half)
    [r] = _c02(parse_path(half, registry), registry)
    assert r.status.value == "not_applicable"
    whole = tmp_path / "井研县医疗保障局2024年部门决算.txt"
    shutil.copy(REPORTS["SC24"], whole)
    assert [r.status.value for r in _c02(parse_path(whole, registry), registry)] == ["failed"]


def _rule(rule_id, path, doc, registry):
    ruleset = compile_rules([RULES / path], registry).select([rule_id])
    return [r for r in evaluate(ruleset, doc, registry) if r.rule == rule_id]


def test_gs21b_table_ten_is_empty_without_a_note(docs, registry):
    # GS21B:359–368 表十 一般公共预算“三公”经费、会议费、培训费支出情况表: the header and the rows
    # 临夏市医疗保障局 / 合计 with no figure, nothing under it; the 预算说明 (GS21B:62–74) states
    # "0 万元 … 减少 0 万元", amounts, not that the table has no data
    [r] = _rule("C05.budget", "budget.rules", docs["GS21B"], registry)
    assert (r.status.value, r.severity, r.lines) == ("failed", "warning", [361])


def test_a_table_whose_figures_stand_on_an_unnamed_row_is_not_empty(registry):
    # 江苏 2019 预算 公开09表 (page 14): "2,382.02 513.75 160.00 …" on a row without a 单位名称
    doc = parse_path(FIXTURES / "pdf" / "jiangsu-court-2019-budget.pdf", registry)
    assert doc.table("budget.B10").empty is False
    results = _rule("C05.budget", "budget.rules", doc, registry)
    assert not [r for r in results if r.status.value == "failed"]
    # the four tables whose layout is not understood cannot say whether they are empty
    assert [r.status.value for r in results].count("not_evaluated") == 4
