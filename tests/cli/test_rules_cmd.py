"""``checker rules list | show | functions | test``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import CLI_RULES, DATA, run

FINAL = re.compile(r"^\d+ passed, \d+ failed$")


def test_rules_list_text_and_json(capsys):
    code, out, _ = run(capsys, "rules", "list", "--rules", CLI_RULES)
    assert code == 0
    row = next(x for x in out.splitlines() if x.startswith("CLI.empty "))
    pattern = r"CLI\.empty\s+warning\s+all\s+clitest,说明\s+空表须有说明 \(test\)\s+\S*cli\.rules:\d+$"
    assert re.search(pattern, row)
    code, out, _ = run(capsys, "rules", "list", "--rules", CLI_RULES, "--format", "json")
    rules = {r["id"]: r for r in json.loads(out)}
    assert rules["CLI.t03"] == {"id": "CLI.t03", "severity": "error", "applies": "决算",
                                "tags": ["clitest", "表内"],
                                "title": "支出决算表：本年支出合计 = 各支出之和 (test)",
                                "source": f"{CLI_RULES}:5"}
    assert rules["CLI.budget"]["applies"] == "预算"


def test_rules_show(capsys):
    code, out, _ = run(capsys, "rules", "show", "CLI.total", "--rules", CLI_RULES)
    assert code == 0
    assert "severity: error" in out and "tags:     clitest, cli表间" in out
    assert 'rule CLI.total "收支总表本年支出合计 = 支出决算表合计 (test)"' in out
    assert "收入支出决算总表[本年支出合计].金额 = 支出决算表[合计].本年支出合计" in out
    code, _, err = run(capsys, "rules", "show", "CLI.totl", "--rules", CLI_RULES)
    assert code == 2 and "did you mean" in err and "CLI.total" in err


def test_rules_test_passes_on_the_cli_rules(capsys):
    code, out, _ = run(capsys, "rules", "test", DATA)
    assert code == 0
    assert out.splitlines()[-1] == "4 passed, 0 failed"
    assert "PASS CLI.t03 (2 expectations)" in out


def test_rules_test_fails_on_a_wrong_expectation(tmp_path, capsys):
    (tmp_path / "x.rules").write_text(CLI_RULES.read_text(encoding="utf-8"), encoding="utf-8")
    cases = (DATA / "cli.cases.yaml").read_text(encoding="utf-8")
    (tmp_path / "x.cases.yaml").write_text(cases.replace("CLI.t03: {passed: 2}", "CLI.t03: {passed: 3}"),
                                           encoding="utf-8")
    code, out, _ = run(capsys, "rules", "test", tmp_path)
    assert code == 1
    assert "FAIL CLI.t03" in out and "expected passed: 3, got passed: 2" in out
    assert out.splitlines()[-1] == "3 passed, 1 failed"


def test_rules_test_counts_a_rule_file_that_does_not_compile(tmp_path, capsys):
    (tmp_path / "bad.rules").write_text('rule B1 "x"\n  支出决算表[合计].不存在的列 = 1\n', encoding="utf-8")
    code, out, _ = run(capsys, "rules", "test", tmp_path / "bad.rules")
    assert code == 1
    assert "ERROR " in out and "bad.rules:2:" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_rules_test_default_runs_every_rule_path(capsys):
    code, out, _ = run(capsys, "rules", "test", "-q")
    assert FINAL.match(out.splitlines()[-1])
    assert code == (0 if out.splitlines()[-1].endswith(" 0 failed") else 1)


def test_rules_functions_names_each_function_and_the_rules_calling_it(capsys):
    code, out, _ = run(capsys, "rules", "functions", "--rules", CLI_RULES)
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("graded_score(g) "))
    assert "the score a grade" in lines[at]
    assert lines[at + 1].split() == ["used", "by:", "S10", "·", "reads", "the", "说明"]  # one rule
    at = next(i for i, x in enumerate(lines) if x.startswith("parent(row) "))
    assert lines[at + 1].split() == ["used", "by:", "-"]
    facts = next(x for x in lines if x.startswith("facts("))
    assert facts.startswith("facts([name][, section]) ")
    assert re.fullmatch(r"\d+ functions \(docs/functions.md\)", lines[-1])


def test_a_reader_that_stops_reading_is_not_a_traceback():
    checker = Path(sys.executable).with_name("checker")
    done = subprocess.run(f"'{checker}' --no-plugins rules list | head -n 1", shell=True,
                          capture_output=True, text=True, executable="/bin/bash")
    assert done.stdout.startswith("id ") and done.stderr == ""


def test_rules_show_and_list_name_the_regions_a_rule_is_not_checked_in(capsys):
    # plugins/gansu and plugins/shaanxi region.yaml: replaces S02 with GS.S02 / SX.S02
    code, out, _ = run(capsys, "rules", "show", "S02")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("applies:"))
    assert lines[at] == "applies:  决算 except GS, SX"
    assert lines[at + 1].strip() == "replaced in region GS by GS.S02 (plugin gansu)"
    assert lines[at + 2].strip() == "replaced in region SX by SX.S02 (plugin shaanxi)"
    code, out, _ = run(capsys, "rules", "list")
    row = next(x for x in out.splitlines() if x.startswith("S02 "))
    assert "决算 except GS, SX" in row
    code, out, _ = run(capsys, "--no-plugins", "rules", "show", "S02")
    assert "applies:  决算\n" in out
