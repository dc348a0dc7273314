"""Baselines (--baseline / --write-baseline) and configuration files."""

from __future__ import annotations

import json

import yaml

from checker.baseline import TODO_REASON, load_baseline
from checker.schema import load_schema
from tests.cli.helpers import CLI_RULES, QH, TEST_RULES, planted_copy, run


def test_write_baseline_then_use_it(tmp_path, capsys):
    report = planted_copy(tmp_path)
    base = tmp_path / "baseline.yaml"
    code, _, err = run(capsys, "check", *TEST_RULES, "--write-baseline", base, report)
    assert code == 0
    assert "wrote 5 baseline entries" in err
    entries = yaml.safe_load(base.read_text(encoding="utf-8"))
    assert sorted(e["rule"] for e in entries) == ["CLI.empty"] * 3 + ["CLI.t03", "CLI.total"]
    assert all(e["reason"] == TODO_REASON and len(e["fingerprint"]) == 16 for e in entries)

    code, out, err = run(capsys, "check", *TEST_RULES, "--baseline", base, report)
    assert code == 0  # every failure is known
    assert f"{report}:175: baselined CLI.t03 支出决算表" in out
    assert "(baselined: TODO: explain)" in out
    assert out.splitlines()[-1].endswith(
        "25 passed, 0 failed, 0 not evaluated, 1 not applicable, 5 baselined")
    assert "warning" not in err


def test_baseline_only_covers_known_failures_and_unused_entries_are_warned(tmp_path, capsys):
    report = planted_copy(tmp_path)
    base = tmp_path / "baseline.yaml"
    run(capsys, "check", *TEST_RULES, "--write-baseline", base, report)
    entries = yaml.safe_load(base.read_text(encoding="utf-8"))
    kept = [e for e in entries if e["rule"] != "CLI.t03"]
    kept.append({"fingerprint": "0123456789abcdef", "rule": "CLI.total", "reason": "an old one"})
    base.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "check", *TEST_RULES, "--baseline", base, "--format", "json", report)
    assert code == 1  # CLI.t03 is not in the baseline any more
    assert "baseline entry 0123456789abcdef (CLI.total) matched no failure" in err
    data = json.loads(out)
    import jsonschema

    jsonschema.validate(data, load_schema("findings"))
    failed = [r for r in data[0]["results"] if r["status"] == "failed"]
    assert {r["rule"]: r.get("baselined", False) for r in failed if r["rule"] != "CLI.empty"} == {
        "CLI.t03": False, "CLI.total": True}
    assert data[0]["summary"]["baselined"] == 4


def test_bad_baseline_file_is_a_usage_error(tmp_path, capsys):
    base = tmp_path / "b.yaml"
    base.write_text("fingerprint: x\n", encoding="utf-8")
    code, _, err = run(capsys, "check", *TEST_RULES, "--baseline", base, QH)
    assert code == 2 and "a baseline is a list" in err
    code, _, err = run(capsys, "check", *TEST_RULES, "--baseline", tmp_path / "none.yaml", QH)
    assert code == 2 and "baseline file not found" in err
    assert load_baseline.__doc__


def test_checker_yaml_in_a_parent_folder_is_used_and_flags_override(tmp_path, monkeypatch, capsys):
    (tmp_path / ".checker.yaml").write_text(
        f"rules: [{CLI_RULES}]\nselect: [clitest]\nfail_on: warning\nregion: QH\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    code, out, _ = run(capsys, "check", QH)
    assert code == 1  # fail_on warning from the file: CLI.empty fails
    assert out.count("warning CLI.empty") == 3
    code, _, _ = run(capsys, "check", "--fail-on", "error", QH)
    assert code == 0  # the flag wins
    code, out, _ = run(capsys, "check", "--format", "json", "--show-passed", "--select", "CLI.t03", QH)
    data = json.loads(out)
    assert {r["rule"] for r in data[0]["results"]} == {"CLI.t03"}
    assert data[0]["document"]["region"] == "QH"


def test_pyproject_tool_checker_table(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.checker]\nrules = ["{CLI_RULES}"]\nselect = ["CLI.total"]\n'
        'format = "json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--show-passed", QH)
    assert code == 0
    assert [r["rule"] for r in json.loads(out)[0]["results"]] == ["CLI.total"]
    # without --show-passed the passed results are counted, not listed
    code, out, _ = run(capsys, "check", QH)
    item = json.loads(out)[0]
    assert item["results"] == [] and item["summary"]["passed"] == 1


def test_unknown_configuration_key_is_reported(tmp_path, monkeypatch, capsys):
    (tmp_path / ".checker.yaml").write_text("selct: [T07]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", QH)
    assert code == 2 and out == ""
    assert "unknown setting 'selct'" in err and "did you mean 'select'" in err
    (tmp_path / ".checker.yaml").write_text("fail_on: sometimes\n", encoding="utf-8")
    code, _, err = run(capsys, "check", QH)
    assert code == 2 and "fail_on must be one of" in err


def test_the_plugins_are_loaded_once_as_the_configuration_file_says(tmp_path, monkeypatch, capsys):
    """``checker check`` loads the plugins once, for its --format choices and its checking
    alike, and a configuration file's ``no_plugins: true`` holds for both."""
    import checker.check as check_mod
    import checker.plugins.host as host_mod

    calls = []
    real = host_mod.load_plugins

    def counted(enable=True):
        calls.append(enable)
        return real(enable)

    monkeypatch.setattr(host_mod, "load_plugins", counted)
    monkeypatch.setattr(check_mod, "load_plugins", counted)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "--format", "json", QH)
    assert calls == [True] and json.loads(out)[0]["document"]["region"] == "QH"
    (tmp_path / ".checker.yaml").write_text("no_plugins: true\n", encoding="utf-8")
    calls.clear()
    _, out, _ = run(capsys, "check", "--format", "json", QH)
    assert calls == [False] and json.loads(out)[0]["document"]["region"] is None
    calls.clear()
    run(capsys, "plugins")  # the flag alone decides what `checker plugins` lists
    assert calls == [False, True]
