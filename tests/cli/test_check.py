"""``checker check``: output, selection, exit codes, bad inputs, parallel files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import CLI_RULES, GS, PLANTED_LINE, QH, SC, SX, TEST_RULES, planted_copy, run

SUMMARY = re.compile(r"^\d+ passed, \d+ failed, \d+ not evaluated, \d+ not applicable$")


def test_planted_error_is_reported_with_line_table_and_both_sides(tmp_path, capsys):
    report = planted_copy(tmp_path)
    code, out, _ = run(capsys, "check", *TEST_RULES, report)
    assert code == 1
    lines = out.splitlines()
    t03 = [x for x in lines if " CLI.t03 " in x]
    # the message "{row.科目名称}: …" names the row; the column's header is added
    assert t03 == [f"{report}:{PLANTED_LINE}: error CLI.t03 支出决算表 合计 本年支出合计: 1,212.15 ≠ "
                   "1112.16 [left 1212.15 vs right 1112.16, diff 99.99, tolerance 0.03]"]
    total = next(x for x in lines if " CLI.total " in x)
    assert total.startswith(f"{report}:120: error CLI.total 收入支出决算总表 ")
    assert "diff −100.00" in total
    # grouped by file, sorted by line: 120, 175, then the three empty tables (QH24 公开07 at 322,
    # 公开08 at 333, 公开10 at 364), located at their title lines
    numbered = [int(m.group(1)) for x in lines if (m := re.match(rf"{re.escape(str(report))}:(\d+):", x))]
    assert numbered == sorted(numbered) == [120, PLANTED_LINE, 322, 333, 364]
    assert lines[-1] == f"{report}: 25 passed, 5 failed, 0 not evaluated, 1 not applicable"


def test_clean_report_exits_0_and_prints_only_the_summary(capsys):
    code, out, _ = run(capsys, "check", "--rules", CLI_RULES, "--select", "CLI.t03,CLI.total", QH)
    assert code == 0
    assert out.splitlines() == [f"{QH}: 27 passed, 0 failed, 0 not evaluated, 0 not applicable"]


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_sets_the_lowest_failing_severity(capsys, fail_on, expected):
    # QH has three empty tables without a note: CLI.empty fails with severity warning.
    code, out, _ = run(capsys, "check", *TEST_RULES, "--fail-on", fail_on, QH)
    assert code == expected
    assert out.count("warning CLI.empty") == 3


def test_not_evaluated_is_listed_and_counted_but_does_not_fail(capsys):
    code, out, _ = run(capsys, "check", *TEST_RULES, "--fail-on", "info", SC)
    assert code == 0
    assert f"{SC}: 2 not evaluated, by cause (--show-not-evaluated lists each):" in out
    assert "    1 × table 支出决算表 (final.T03) listed (line 1010) but no table body is in this " \
           "text — CLI.t03" in out
    assert out.splitlines()[-1] == f"{SC}: 0 passed, 0 failed, 2 not evaluated, 2 not applicable"
    _, listed, _ = run(capsys, "check", *TEST_RULES, "--show-not-evaluated", SC)
    assert f"{SC}: not evaluated CLI.t03 table 支出决算表 (final.T03) listed (line 1010)" in listed


def test_show_passed_and_quiet(tmp_path, capsys):
    report = planted_copy(tmp_path)
    _, shown, _ = run(capsys, "check", *TEST_RULES, "--show-passed", report)
    assert f"{report}:176: passed CLI.t03 支出决算表" in shown
    _, quiet, _ = run(capsys, "check", *TEST_RULES, "-q", report, QH)
    assert [x.split(": ", 1)[1] for x in quiet.splitlines()] == [
        "25 passed, 5 failed, 0 not evaluated, 1 not applicable",
        "27 passed, 3 failed, 0 not evaluated, 1 not applicable",
        "52 passed, 8 failed, 0 not evaluated, 2 not applicable",
    ]
    assert quiet.splitlines()[-1].startswith("2 files: ")
    for line in quiet.splitlines():
        assert SUMMARY.match(line.split(": ", 1)[1])


@pytest.mark.parametrize(("flag", "name", "hint"), [("--select", "CLI.t3", "CLI.t03"),
                                                     ("--ignore", "clitset", "clitest")])
def test_unknown_select_or_ignore_name_is_a_usage_error(capsys, flag, name, hint):
    code, out, err = run(capsys, "check", "--rules", CLI_RULES, flag, name, QH)
    assert code == 2
    assert out == ""
    assert f"no rule id or tag {name!r}" in err and hint in err and "did you mean" in err


def test_ignore_removes_rules_and_select_takes_tags(capsys):
    code, out, _ = run(capsys, "check", *TEST_RULES, "--ignore", "CLI.empty,CLI.budget", QH)
    assert code == 0
    assert "CLI.empty" not in out
    assert out.splitlines()[-1] == f"{QH}: 27 passed, 0 failed, 0 not evaluated, 0 not applicable"
    _, out, _ = run(capsys, "check", "--rules", CLI_RULES, "--select", "cli表间", "--show-passed", QH)
    assert {m.group(1) for m in re.finditer(r" passed (\S+) ", out)} == {"CLI.total"}


def test_rule_file_error_stops_before_any_report_is_read(tmp_path, capsys):
    bad = tmp_path / "bad.rules"
    bad.write_text('rule ZZ1 "x"\n  支出决算表[合计].本年支出和计 = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "--rules", bad, QH, tmp_path / "missing.txt")
    assert code == 2
    assert out == ""
    assert err.startswith(f"checker: error: {bad}:2:")
    assert "本年支出合计" in err  # the suggestion
    assert "missing.txt" not in err  # no report was looked at


def test_bad_report_is_named_and_the_others_are_still_checked(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("这不是一份决算公开报告。\n只有两行。\n", encoding="utf-8")
    code, out, err = run(capsys, "check", *TEST_RULES, bad, QH, tmp_path / "nowhere.txt")
    assert code == 2
    errors = [x for x in err.splitlines() if x.startswith("checker: error:")]
    assert len(errors) == 2
    assert any(str(bad) in x and "is this a 预算/决算 disclosure report" in x for x in errors)
    assert any("nowhere.txt" in x and "no such file" in x for x in errors)
    assert f"{QH}: 27 passed, 3 failed, 0 not evaluated, 1 not applicable" in out
    assert f"{bad}: could not be checked" in out


def test_region_is_passed_to_the_parser(capsys):
    code, out, _ = run(capsys, "check", *TEST_RULES, "--region", "QH", "--format", "json", QH)
    assert code == 0
    assert json.loads(out)[0]["document"] == {"department": json.loads(out)[0]["document"]["department"],
                                              "year": 2024, "kind": "final", "region": "QH"}


def test_a_parsed_document_keeps_its_region_and_checks_like_its_text(tmp_path, capsys):
    """`checker parse` detects the region as `check` does (白河 → SX), so the 陕西 rules run on
    the JSON too, with the same results as on the text."""
    doc = tmp_path / "sx.json"
    assert run(capsys, "parse", str(SX), "-o", str(doc))[0] == 0
    meta = json.loads(doc.read_text(encoding="utf-8"))["meta"]
    assert meta["region"] == "SX" and "白河" in meta["region_detected_by"]
    _, from_text, _ = run(capsys, "check", "--format", "json", "--fail-on", "never", str(SX))
    _, from_json, _ = run(capsys, "check", "--format", "json", "--fail-on", "never", str(doc))
    text_results, json_results = json.loads(from_text)[0], json.loads(from_json)[0]
    assert json_results["document"]["region"] == "SX"
    assert json_results["summary"] == text_results["summary"]


def test_a_document_parsed_without_plugins_gets_its_region_at_check(tmp_path, capsys):
    doc = tmp_path / "qh.json"
    assert run(capsys, "--no-plugins", "parse", str(QH), "-o", str(doc))[0] == 0
    assert json.loads(doc.read_text(encoding="utf-8"))["meta"]["region"] is None
    _, out, _ = run(capsys, "check", *TEST_RULES, "--format", "json", str(doc))
    assert json.loads(out)[0]["document"]["region"] == "QH"  # 海东 in the department name
    _, out, _ = run(capsys, "check", *TEST_RULES, "--region", "GS", "--format", "json", str(doc))
    assert json.loads(out)[0]["document"]["region"] == "GS"  # --region wins


def test_parallel_results_equal_serial_and_keep_input_order(tmp_path, capsys):
    files = [planted_copy(tmp_path), QH, SC, SX, GS, QH]
    _, serial, _ = run(capsys, "check", *TEST_RULES, "--format", "json", *files)
    code, parallel, _ = run(capsys, "check", *TEST_RULES, "--format", "json", "-j", "2", *files)
    assert code == 1
    assert [f["path"] for f in json.loads(parallel)] == [str(f) for f in files]
    assert json.loads(parallel) == json.loads(serial)


def test_output_file_and_no_plugins_after_the_command(tmp_path, capsys):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "check", "--no-plugins", *TEST_RULES, "--format", "json", "-o", target, QH)
    assert code == 1 - 1  # warnings only
    assert out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data[0]["summary"]["failed"] == 2  # without the QH plugin, 机关运行经费支出情况表 is not a table


def test_folder_argument_expands_to_its_reports(tmp_path, capsys):
    planted_copy(tmp_path, "a.txt")
    planted_copy(tmp_path, "b.txt")
    code, out, _ = run(capsys, "check", *TEST_RULES, "-q", tmp_path)
    assert code == 1
    assert [x.split(":")[0] for x in out.splitlines()] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                                           "2 files"]


def test_text_is_plain_when_stdout_is_not_a_terminal(tmp_path, capsys):
    _, out, _ = run(capsys, "check", *TEST_RULES, planted_copy(tmp_path))
    assert "\x1b[" not in out


def test_national_rules_run_by_default(capsys):
    code, out, err = run(capsys, "check", "-q", Path(QH))
    assert code in (0, 1), err
    assert SUMMARY.match(out.splitlines()[-1].split(": ", 1)[1])


def test_select_takes_a_prefix_of_any_depth():
    """``--select GS.B13`` selects GS.B13.staff, GS.B13.staff_sum …; ``GS.B1`` is no prefix."""
    from checker.check import CheckSpec, Engine, SelectionError

    engine = Engine(CheckSpec(select=("GS.B13",)))
    ids = {r.id for r in engine.rules}
    assert ids and all(i.startswith("GS.B13.") or i == "GS.B13" for i in ids)
    assert {"GS.B13.staff", "GS.B13.staff_sum"} <= ids
    with pytest.raises(SelectionError):
        Engine(CheckSpec(select=("GS.B1",)))


def test_a_run_keeps_patterns_and_data_and_the_next_run_takes_them(tmp_path, capsys):
    """``checker check`` writes the compiled patterns and the data files' values to the cache
    (``regex/``, ``yaml/``); a run whose report the cache does not hold takes them and prints
    the same findings; ``--no-cache`` writes nothing."""
    from checker import kept, regex_cache, yaml_load

    cache = tmp_path / "cache"
    report = planted_copy(tmp_path)
    args = ["check", "--cache-dir", cache, *TEST_RULES, report]
    entries = [cache / f"{regex_cache.STORE}.pkl", cache / f"{yaml_load.STORE}.pkl"]
    try:
        code, first, _ = run(capsys, *args)
        assert code == 1 and "1,212.15" in first
        written = [e.stat().st_mtime_ns for e in entries]
        shutil.rmtree(cache / "doc")
        shutil.rmtree(cache / "res")
        kept.use(None)  # what a new process knows: nothing but the files
        assert run(capsys, *args)[:2] == (1, first)
        # read, and not written again: every pattern and data file came from them
        assert [e.stat().st_mtime_ns for e in entries] == written
    finally:
        kept.use(None)
    assert run(capsys, "check", "--no-cache", "--cache-dir", tmp_path / "none", *TEST_RULES,
               report)[0] == 1
    assert not (tmp_path / "none").exists()


def test_a_run_whose_data_files_are_kept_does_not_import_yaml(tmp_path):
    """The second of two runs (a new process each, the report not cached) reads every data file
    from the cache: PyYAML is not imported; and it compiles no pattern the first did not (the
    store is not written again), though the processes hash strings differently."""
    import os
    import subprocess
    import sys

    from checker import regex_cache

    report = planted_copy(tmp_path)
    cache = tmp_path / "cache"
    code = ("import sys\nfrom checker.console import main\nsys.argv = ['checker', 'check', '-q',"
            f" '--cache-dir', {str(cache)!r}, {str(report)!r}]\n"
            "main()\nprint('yaml' in sys.modules)")
    stamps = []
    for seed, imported in (("1", "True"), ("2", "False")):
        shutil.rmtree(cache / "doc", ignore_errors=True)
        shutil.rmtree(cache / "res", ignore_errors=True)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.stdout.strip().splitlines()[-1] == imported, done.stderr
        stamps.append((cache / f"{regex_cache.STORE}.pkl").stat().st_mtime_ns)
    assert stamps[0] == stamps[1]
