"""The text output a reviewer follows from the terminal (checker/render/text.py).

Golden outputs, every line checked by hand against the report:

* the 青海 text report with two planted values (合计 本年支出合计 1,112.15 → 1,212.15 at line
  175; 20801 人力资源和社会保障管理事务 4.11 → 5.11 in 本年支出合计 and 基本支出 at line 177);
* the published 上海 普陀 PDF as it is.

The rules are tests/render/data/golden.rules (their messages are written there, so that these
outputs do not follow changes of the national rules), and on the PDF the national N04 / A01 (its
two reviewed errors, tests/rules/test_published_findings.py) and A03 (not evaluated on three lines).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.helpers import QH, SC, run
from tests.conftest import FIXTURES

DATA = Path(__file__).parent / "data"
GOLDEN_RULES = DATA / "golden.rules"
PUTUO = FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf"
TEMPLATE = FIXTURES / "pdf" / "shanghai-2024-final-template.pdf"
GOLDEN = ["--rules", GOLDEN_RULES]


def golden_copy(folder: Path) -> Path:
    """QH24 with 合计 本年支出合计 1,212.15 (line 175) and 20801's 本年支出合计 and 基本支出 5.11
    (line 177): G.row fails on 合计, G.text on the 说明's 1112.15, G.tree on 208 and 20801 in
    two columns each."""
    lines = QH.read_text(encoding="utf-8").split("\n")
    assert lines[174] == "合计\t\t1,112.15\t442.09\t670.07\t\t\t"
    assert lines[176] == "20801\t人力资源和社会保障管理事务\t4.11\t4.11\t\t\t\t"
    lines[174] = "合计\t\t1,212.15\t442.09\t670.07\t\t\t"
    lines[176] = "20801\t人力资源和社会保障管理事务\t5.11\t5.11\t\t\t\t"
    out = folder / "qh-golden.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


# Checked against the report: line 175 is the 合计 row of 公开03表 (lines 166–201), 433 the
# 说明's "本年支出合计 1112.15 万元"; 208's 款 are 20801 (177), 20805 (179, 52.06) and 20899
# (183, 0.48): 5.11 + 52.06 + 0.48 = 57.65 in both columns; 20801's one 项 is 2080106 (178, 4.11).
# 公开07 is empty: G.fund is not evaluated.
QH_GOLDEN = (DATA / "golden-qh.txt").read_text(encoding="utf-8")

# Checked against the PDF (pypdfium2's text of each page): page 8 prints "201 一般公共服务支出
# 2,112.86 2,106.66 6.20" and "201 06 财政事务 2,112.86 2,106.66 6.20" in 收入决算表 (lines
# 117–141, pages 8–9) — the code printed in two cells, "201 06", named 一般公共服务支出 › 财政事务
# (20106); page 13 "总计 2,961.68 总计 2,961.68 2,961.68"; page 21 "…财政拨款收入支出总计0.3万元…"
# (line 307), "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出" (317) and
# "（类）2106.66万元，占71.73%；…" (318), in 五、… › （二）一般公共预算财政拨款支出决算结构情况 (lines
# 316–320); lines 371–373 (page 23) are the 三公 sentences A03 cannot read a 预算数 in.
PUTUO_GOLDEN = (DATA / "golden-putuo.txt").read_text(encoding="utf-8")


def test_golden_text_report_show_source_merged_and_not_evaluated_by_cause(tmp_path, capsys):
    report = golden_copy(tmp_path)
    code, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden", "--show-source", report)
    assert code == 1
    assert out == QH_GOLDEN.format(report=report)


def test_golden_pdf_show_source_pages_merged_and_not_evaluated_by_cause(capsys):
    code, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden,N04,A01,A03", "--show-source",
                       PUTUO)
    assert code == 1
    assert out == PUTUO_GOLDEN.format(report=PUTUO)


def test_without_show_source_the_findings_stand_alone_and_the_json_is_unchanged(tmp_path, capsys):
    report = golden_copy(tmp_path)
    _, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden", report)
    assert out == "".join(line + "\n" for line in QH_GOLDEN.format(report=report).splitlines()
                          if "│" not in line)
    _, data, _ = run(capsys, "check", *GOLDEN, "--select", "golden", "--format", "json", report)
    results = json.loads(data)[0]["results"]
    # six failures, each its own result: merging is the text output's
    assert sorted(r["rule"] for r in results if r["status"] == "failed") == [
        "G.row", "G.text", "G.tree", "G.tree", "G.tree", "G.tree"]


def test_show_not_evaluated_lists_each_after_the_failures(tmp_path, capsys):
    report = golden_copy(tmp_path)
    _, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden", "--show-not-evaluated", report)
    lines = out.splitlines()
    assert lines[-2] == (f"{report}: not evaluated G.fund table 政府性基金预算财政拨款收入支出决算表 "
                         "(final.T07) is empty")
    assert "by cause" not in out
    assert max(i for i, x in enumerate(lines) if " error " in x) < len(lines) - 2


def test_severity_filters_what_is_shown_not_the_exit_code(capsys):
    # QH24: P08 findings are info, A07 a warning, U01 errors
    code, out, _ = run(capsys, "check", "--select", "P08,A07,U01", QH)
    assert code == 1 and " info P08 " in out and " warning A07 " in out
    code, out, _ = run(capsys, "check", "--select", "P08,A07,U01", "--severity", "error", QH)
    assert code == 1
    assert " info " not in out and " warning " not in out and " error U01 " in out
    assert f"{QH}: 4 failures below error not shown (--severity)" in out
    code, out, _ = run(capsys, "check", "--select", "P08,A07", "--severity", "error",
                       "--fail-on", "warning", QH)
    assert code == 1 and ":451:" not in out  # the warning fails the run, unseen


def test_statistics_counts_failures_per_rule_as_ruff_does(tmp_path, capsys):
    report = golden_copy(tmp_path)
    code, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden", "--statistics", report, SC)
    assert code == 1
    lines = out.splitlines()
    assert lines[:3] == [
        "4\tG.tree\terror  \t支出决算表：类 = Σ款，款 = Σ项 (golden)",
        "1\tG.row \terror  \t支出决算表：本年支出合计 = 基本支出 + 项目支出 (golden)",
        "1\tG.text\terror  \t情况说明：本年支出合计 = 支出决算表合计 (golden)",
    ]
    assert lines[3:] == [f"{report}: 98 passed, 6 failed, 1 not evaluated, 0 not applicable",
                         f"{SC}: 0 passed, 0 failed, 5 not evaluated, 0 not applicable",
                         "2 files: 98 passed, 6 failed, 6 not evaluated, 0 not applicable"]


def test_quiet_is_one_line_a_file(tmp_path, capsys):
    report = golden_copy(tmp_path)
    _, out, _ = run(capsys, "check", *GOLDEN, "--select", "golden", "-q", report, SC, TEMPLATE)
    assert out.splitlines() == [
        f"{report}: 98 passed, 6 failed, 1 not evaluated, 0 not applicable",
        f"{SC}: 0 passed, 0 failed, 5 not evaluated, 0 not applicable",
        f"{TEMPLATE}: 0 passed, 0 failed, 4 not evaluated, 1 not applicable (a template, not a report)",
        "3 files: 98 passed, 6 failed, 10 not evaluated, 1 not applicable",
    ]


def test_a_failure_that_is_not_arithmetic_has_no_left_right_tail(capsys):
    # U01 compares a figure with itself printed in another unit (diff 0): a unit, not a sum
    _, out, _ = run(capsys, "check", "--select", "U01", QH)
    found = [x for x in out.splitlines() if " error U01 " in x]
    assert found and not any("[left" in x for x in found)
    assert f"{QH}:463: error U01 说明 第463行" in found[0]


def test_the_template_pdf_is_one_line_not_a_failure_per_placeholder(capsys):
    code, out, _ = run(capsys, "check", TEMPLATE)
    lines = out.splitlines()
    assert len(lines) == 2, out
    head, summary = lines
    assert head.startswith(f"{TEMPLATE}: a template to fill, not a report: 180 placeholders where "
                           "its figures belong (“XX”、“XXX”")
    assert "no amounts in 万元 or 元, no figure in its 9 tables, department “上海市XX局”" in head
    failed = int(re.search(r"(\d+) failed", summary).group(1))
    assert head.endswith(f" — its {failed} failures are not listed") and failed > 180
    assert summary.endswith("(a template, not a report)")
    assert code == 1  # its placeholders still fail U04: the exit code follows --fail-on
    _, data, _ = run(capsys, "check", "--format", "json", TEMPLATE)
    item = json.loads(data)[0]
    assert item["document"]["template"].startswith("a template to fill, not a report")
    assert sum(r["rule"] == "U04" for r in item["results"]) >= 180  # one per placeholder, still


@pytest.mark.parametrize("argv", [["check", "--formt", "x"], ["check", "--show-sorce", "x"]])
def test_a_wrong_flag_prints_the_subcommands_usage_and_a_suggestion(capsys, argv):
    from checker.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: checker check ")
    wanted = {"--formt": "--format", "--show-sorce": "--show-source"}[argv[1]]
    assert (f"checker check: error: unrecognized arguments: {argv[1]} ({argv[1]}: did you mean "
            f"{wanted}?)") in err


def test_help_names_every_input_format(capsys):
    from checker.cli import main

    for argv in (["--help"], ["check", "--help"], ["parse", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        text = " ".join(capsys.readouterr().out.split())
        assert all(s in text for s in (".pdf", ".xlsx", ".txt", ".json")), (argv, text)
