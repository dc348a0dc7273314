"""The rule-test harness (``checker rules test``)."""

from __future__ import annotations

from pathlib import Path

from checker.dsl.testing import run_rule_tests
from checker.templates.loader import TemplateRegistry

DATA = Path(__file__).parent / "data"


def test_sample_rules_pass(registry: TemplateRegistry) -> None:
    report = run_rule_tests([DATA / "sample.rules"], registry)
    assert report.ok, report.to_text()
    assert report.passed == 11 and report.failed == 0
    assert report.untested == []


def test_wrong_expectation_is_reported(tmp_path: Path, registry: TemplateRegistry) -> None:
    (tmp_path / "r.rules").write_text(
        'rule A "t"\n  for row in 支出决算表.rows:\n    row.本年支出合计 = row.基本支出 + row.项目支出\n'
        'rule B "untested"\n  1 = 1\n', encoding="utf-8")
    (tmp_path / "r.cases.yaml").write_text(
        "cases:\n  - name: c1\n    tables:\n      支出决算表:\n        rows:\n"
        "          - [合计, 10.00, 4.00, 5.00]\n    expect:\n      A: passed\n      Z: failed\n",
        encoding="utf-8")
    report = run_rule_tests([tmp_path], registry)
    assert not report.ok
    (res,) = report.results
    assert (res.rule, res.expected, res.actual, res.ok) == ("A", "passed", "failed", False)
    assert "10.00 vs 9.00" in res.detail[0]
    assert any("no rule Z" in e for e in report.errors)
    assert report.untested == ["B"]
    assert "FAIL" in report.to_text()


def test_compile_error_is_reported(tmp_path: Path, registry: TemplateRegistry) -> None:
    (tmp_path / "bad.rules").write_text('rule A "t"\n  支出决算标.rows = 1\n', encoding="utf-8")
    report = run_rule_tests([tmp_path / "bad.rules"], registry)
    assert not report.ok and "bad.rules:2:3" in report.errors[0]


def test_json_cases_and_counts(tmp_path: Path, registry: TemplateRegistry) -> None:
    (tmp_path / "j.rules").write_text('rule A "t"\n  for r in 收入决算表.rows:\n    r.本年收入合计 = 1\n',
                                      encoding="utf-8")
    (tmp_path / "j.cases.json").write_text(
        '{"cases": [{"tables": {"收入决算表": {"rows": [["合计", 1.00], ["201 一般", "2"]]}},'
        ' "expect": {"A": {"passed": 1, "failed": 1}}}]}', encoding="utf-8")
    report = run_rule_tests([tmp_path / "j.cases.json"], registry)
    assert report.ok, report.to_text()


def test_one_case_as_a_test_item_names_its_case(tmp_path: Path, registry: TemplateRegistry) -> None:
    import pytest

    from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules

    (tmp_path / "r.rules").write_text(
        'rule A "t"\n  for row in 支出决算表.rows:\n    row.本年支出合计 = row.基本支出 + row.项目支出\n'
        'rule B "untested"\n  1 = 1\n', encoding="utf-8")
    (tmp_path / "r.cases.yaml").write_text(
        "cases:\n  - name: 平\n    tables:\n      支出决算表:\n        rows:\n"
        "          - [合计, 9.00, 4.00, 5.00]\n    expect:\n      A: passed\n"
        "  - name: 不平\n    tables:\n      支出决算表:\n        rows:\n"
        "          - [合计, 10.00, 4.00, 5.00]\n    expect:\n      A: passed\n",
        encoding="utf-8")
    params = rule_case_params(tmp_path)
    assert [p.id for p in params] == ["r.rules::平", "r.rules::不平"]
    check_rule_case(params[0].values[0], registry)
    with pytest.raises(AssertionError, match=r"r.rules::不平\nA: expected passed, got failed"):
        check_rule_case(params[1].values[0], registry)
    assert untested_rules([tmp_path], registry) == ["r.rules: B"]
