"""The output formats: SARIF (official 2.1.0 schema), JSON (findings schema), JUnit XML, text."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.baseline import Baseline, BaselineEntry
from checker.check import CheckSpec, Engine, apply_baseline
from checker.executors import check_paths
from checker.render import FORMATS, RenderContext, RuleInfo
from checker.render.text import TextRenderer, format_number
from checker.schema import load_schema
from tests.cli.helpers import CLI_RULES, PLANTED_LINE, QH, SC, TEST_RULES, planted_copy, run

SARIF_SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))


def sarif_validate(log: dict) -> None:
    """Validate against the official SARIF 2.1.0 schema, formats (uri, uri-reference) included."""
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    validator = jsonschema.Draft7Validator(SARIF_SCHEMA, format_checker=checker)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CheckSpec(extra_rules=(str(CLI_RULES),), select=("clitest",)))


@pytest.fixture
def checked(engine, tmp_path):
    report = planted_copy(tmp_path)
    bad = tmp_path / "empty.txt"
    bad.write_text("\n", encoding="utf-8")
    results = check_paths([report, SC, bad], engine)
    ctx = RenderContext(rules=[RuleInfo.of(r) for r in engine.rules], table_names=engine.table_names(),
                        version="0.1.0")
    return report, results, ctx


def test_every_format_is_one_module_behind_the_base():
    assert set(FORMATS) == {"text", "json", "jsonl", "sarif", "junit", "html"}
    for name, cls in FORMATS.items():
        assert cls.name == name
        assert cls.__module__ == f"checker.render.{name}"


def test_sarif_validates_against_the_official_schema_and_points_at_the_report(checked):
    report, results, ctx = checked
    log = json.loads(FORMATS["sarif"]().render(apply_baseline(results, None), ctx))
    sarif_validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CLI.t03", "CLI.total", "CLI.empty", "CLI.budget"]
    t03 = [r for r in run_["results"] if r["ruleId"] == "CLI.t03" and r["kind"] == "fail"]
    assert len(t03) == 1
    res = t03[0]
    assert rules[res["ruleIndex"]]["id"] == "CLI.t03"
    assert res["level"] == "error"
    assert res["message"]["text"] == "合计: 1,212.15 ≠ 1112.16"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == report.as_posix()
    assert loc["region"] == {"startLine": PLANTED_LINE}
    assert len(res["partialFingerprints"]["checkerFingerprint/v1"]) == 16
    assert res["properties"]["left"]["value"] == "1212.15"
    assert {o["line"] for o in res["properties"]["operands"]} == {PLANTED_LINE}
    levels = {(r["ruleId"], r["level"]) for r in run_["results"] if r["kind"] == "fail"}
    assert levels == {("CLI.t03", "error"), ("CLI.total", "error"), ("CLI.empty", "warning")}
    review = [r for r in run_["results"] if r["kind"] == "review"]
    assert {r["ruleId"] for r in review} == {"CLI.t03", "CLI.total"}
    assert all(r["level"] == "none" and r["message"]["text"].startswith("not evaluated: ") for r in review)
    assert review[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SC.as_posix()
    inv = run_["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "empty.txt" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_marks_baselined_failures_as_suppressed(checked):
    _, results, ctx = checked
    t03 = next(r for r in results[0].results if r.rule == "CLI.t03" and r.status == "failed")
    baseline = Baseline([BaselineEntry(t03.fingerprint, "CLI.t03", "已向单位核实")])
    log = json.loads(FORMATS["sarif"]().render(apply_baseline(results, baseline), ctx))
    sarif_validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        ("CLI.t03", [{"kind": "external", "state": "accepted", "justification": "已向单位核实"}])]


def test_sarif_from_the_command_line(tmp_path, capsys):
    out_file = tmp_path / "out.sarif"
    report = planted_copy(tmp_path)
    code, _, _ = run(capsys, "check", *TEST_RULES, "--format", "sarif", "-o", out_file, report)
    assert code == 1
    log = json.loads(out_file.read_text(encoding="utf-8"))
    sarif_validate(log)
    assert any(r["ruleId"] == "CLI.total" and
               r["locations"][0]["physicalLocation"]["region"]["startLine"] == 120
               for r in log["runs"][0]["results"])


def test_a_broken_sarif_log_is_rejected_by_the_schema():
    """The schema check can fail: a result without a message is not SARIF."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "checker"}},
                                         "results": [{"ruleId": "X", "level": "fatal"}]}]}
    with pytest.raises(AssertionError):
        sarif_validate(log)


def test_json_validates_against_the_findings_schema(checked):
    _, results, ctx = checked
    data = json.loads(FORMATS["json"]().render(apply_baseline(results, None), ctx))
    jsonschema.validate(data, load_schema("findings"))
    assert [d["summary"]["failed"] for d in data] == [5, 0, 0]
    assert data[2]["error"].startswith(str(results[2].path))
    fail = next(r for r in data[0]["results"] if r["rule"] == "CLI.t03" and r["status"] == "failed")
    assert fail["difference"] == "99.99" and fail["lines"] == [PLANTED_LINE]


def test_junit_one_suite_per_file_one_case_per_instance(checked):
    report, results, ctx = checked
    xml = FORMATS["junit"]().render(apply_baseline(results, None), ctx)
    root = ET.fromstring(xml)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(report), str(SC), str(results[2].path)]
    first = suites[0]
    assert len(first.findall("testcase")) == int(first.get("tests")) == len(results[0].results)
    failures = first.findall("testcase/failure")
    assert len(failures) == int(first.get("failures")) == 5
    t03 = next(c for c in first.findall("testcase")
               if c.find("failure") is not None and c.get("classname") == "CLI.t03")
    assert t03.get("line") == str(PLANTED_LINE)
    assert t03.find("failure").get("message") == "合计: 1,212.15 ≠ 1112.16"
    assert "left 1212.15 vs right 1112.16" in t03.find("failure").text
    skipped = [c.find("skipped").get("message") for c in suites[1].findall("testcase")
               if c.find("skipped") is not None]
    assert sum(m.startswith("not evaluated: table 支出决算表 (final.T03) listed") for m in skipped) == 1
    assert suites[2].find("testcase/error") is not None and suites[2].get("errors") == "1"
    assert root.get("failures") == "5" and root.get("errors") == "1"


def test_text_colour_only_through_rich(checked):
    from rich.console import Console

    _, results, ctx = checked
    files = apply_baseline(results, None)
    plain = TextRenderer().render(files, ctx)
    assert "\x1b[" not in plain
    buf = io.StringIO()
    TextRenderer().print_rich(files, ctx, Console(file=buf, force_terminal=True, width=400))
    coloured = buf.getvalue()
    assert "\x1b[" in coloured
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).rstrip("\n") == plain


def test_format_number_uses_a_real_minus_sign():
    from decimal import Decimal

    assert format_number(Decimal("-1.00")) == "−1.00"
    assert format_number(Decimal("25.77")) == "25.77"
    assert format_number(None) == "?"


def test_json_format_of_the_command_line_validates(capsys):
    code, out, _ = run(capsys, "check", *TEST_RULES, "--format", "json", QH, SC)
    assert code == 0
    jsonschema.validate(json.loads(out), load_schema("findings"))


@pytest.mark.parametrize("name", ["json", "jsonl", "sarif", "junit"])
def test_a_report_at_a_time_formats_do_not_wait_for_the_last_report(checked, name):
    """json, jsonl and sarif have written a report's results before the next report is asked
    for; junit has taken it (spooled); every one gives the document render() gives."""
    _report, results, ctx = checked
    files = apply_baseline(results, None)
    out = io.StringIO()
    taken: list[int] = []

    def arriving():
        for i, f in enumerate(files):
            if i and name != "junit":  # what the previous report had is out already
                assert str(files[i - 1].path) in out.getvalue().replace("\\\\", "\\")
            taken.append(i)
            yield f

    FORMATS[name]().write(arriving(), ctx, out)
    assert taken == [0, 1, 2]
    text = out.getvalue()
    assert text.endswith("\n") and text.removesuffix("\n") == FORMATS[name]().render(files, ctx)
    if name == "junit":
        cases = sum(len(f.result.results) or 1 for f in files)  # an unreadable report: one case
        assert ET.fromstring(text).get("tests") == str(cases)
    elif name == "jsonl":
        assert [json.loads(line)["path"] for line in text.splitlines()] == [str(f.path) for f in files]
    else:
        json.loads(text)


def test_sarif_streamed_from_the_command_line_validates_with_an_unreadable_report(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("\n", encoding="utf-8")
    code, out, err = run(capsys, "check", *TEST_RULES, "--format", "sarif", QH, bad)
    assert code == 2 and str(bad) in err
    log = json.loads(out)
    sarif_validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]][1].endswith("empty.txt")
