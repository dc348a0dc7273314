"""Findings: JSON form, schema, summary, speed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from checker.dsl.compile import compile_text
from checker.dsl.evaluate import evaluate
from checker.dsl.testing import build_document
from checker.findings import FileResult, Result, Status, findings_to_json, summarize
from checker.templates.loader import TemplateRegistry

from .conftest import doc

SCHEMA = Path(__file__).parents[2] / "schemas" / "findings.schema.json"
RULES = Path(__file__).parent / "data" / "sample.rules"


def _results(registry: TemplateRegistry) -> list[Result]:
    rs = compile_text(RULES.read_text(encoding="utf-8"), registry, str(RULES))
    tables = {"收支总表": {"rows": [["本年收入合计", "775.38"], ["本年支出合计", "775.88"]]},
              "支出决算表": {"rows": [["合计", "5.00", "2.00", "3.00"],
                                      ["208 社保", "5.00", "2.50", "3.00"]]},
              "一般公共预算财政拨款基本支出决算明细表": {"empty": True}}
    return evaluate(rs, doc(registry, tables, department="测试局", year=2024), registry)


def test_findings_validate_against_schema(registry: TemplateRegistry) -> None:
    results = _results(registry)
    assert {r.status for r in results} == set(Status)
    out = findings_to_json([FileResult("a.txt", tuple(results), "测试局", 2024, "final", None)])
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(json.dumps(out, ensure_ascii=False)), schema)
    summary = out[0]["summary"]
    assert summary["total"] == len(results)
    assert summary["failed"] == sum(r.status is Status.FAILED for r in results)


def test_result_round_trip(registry: TemplateRegistry) -> None:
    for r in _results(registry):
        assert Result.from_json(r.to_json()) == r


def test_summary_counts() -> None:
    rs = [Result("A", "t", "error", Status.FAILED), Result("B", "t", "warning", Status.FAILED),
          Result("C", "t", "error", Status.PASSED), Result("D", "t", "info", Status.NOT_EVALUATED,
                                                           reason="x")]
    s = summarize(rs)
    assert (s.passed, s.failed, s.not_evaluated, s.not_applicable) == (1, 2, 1, 0)
    assert s.failed_by_severity == {"error": 1, "warning": 1}


def test_100_rules_over_three_wide_tables_give_every_instance(registry: TemplateRegistry) -> None:
    """Many rules over many rows: every instance gives a result (the speed of this is measured
    in benchmarks/bench_check.py, not here)."""
    names = ["收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表"]
    cols = {"收入决算表": ("本年收入合计", "财政拨款收入", "其他收入"),
            "支出决算表": ("本年支出合计", "基本支出", "项目支出"),
            "一般公共预算财政拨款支出决算表": ("小计", "基本支出", "项目支出")}
    rules = []
    for i in range(100):
        name = names[i % 3]
        total, a, b = cols[name]
        rules.append(f'rule R{i} "t"\n  for row in {name}.rows:\n    row.{total} = row.{a} + row.{b}\n'
                     if i % 2 else
                     f'rule R{i} "t"\n  for row in {name}.rows where has_children(row):\n'
                     f"    row.{total} = sum(c.{total} for c in children(row))\n")
    rs = compile_text("".join(rules), registry)
    rows = [["合计", "300.00", "100.00", "200.00"]]
    for k in range(1, 30):
        code = f"2{k:02d}"
        rows.append([f"{code} 类{k}", "10.00", "4.00", "6.00"])
    tables = {n: {"rows": rows} for n in names}
    d = doc(registry, tables)
    results = evaluate(rs, d, registry)
    assert len(results) > 1500


def test_a_listed_entry_is_described_by_its_title_so_fingerprints_repeat(registry):
    """C04 binds 目录 entries: their instance text and fingerprint must not depend on the run
    (a repr with a memory address made every run's C04 fingerprints differ)."""
    data = {"meta": {"kind": "budget", "year": 2021},
            "listed": [{"title": "四、部门预算支出总表", "table_id": "budget.B03"}],
            "tables": {"收支总表": {"rows": [["收入总计", "105.00"]]}}}
    rules = 'rule C "t"\n  for item in listed:\n    item.present\n'
    runs = [evaluate(compile_text(rules, registry), build_document(data, registry), registry)
            for _ in range(2)]
    assert [dict(r.instance)["item"] for r in runs[0]] == ["目录[四、部门预算支出总表]"]
    assert [r.fingerprint for r in runs[0]] == [r.fingerprint for r in runs[1]]
