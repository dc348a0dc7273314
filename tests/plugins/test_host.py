"""The plugin host in-process: listing, region detection, failure isolation, configuration."""

from __future__ import annotations

import importlib.metadata
import sys
import warnings
from pathlib import Path

import pytest

from checker.cli import main
from checker.dsl.compile import compile_text
from checker.dsl.evaluate import evaluate
from checker.dsl.quantities import exact
from checker.dsl.testing import run_rule_tests
from checker.hookspecs import hookimpl
from checker.model import Document, Meta, Source
from checker.plugins import host as plugins_mod
from checker.plugins.collect import plugin_functions, plugin_rule_paths
from checker.plugins.describe import describe_plugins
from checker.plugins.detect import NOT_DETECTED, detect_region
from checker.plugins.host import PluginWarning, load_plugins
from checker.plugins.pipeline import parse_with_plugins
from checker.plugins.templates import build_registry
from checker.region import RegionMatch
from tests.conftest import REPORTS

HERE = Path(__file__).parent
EXPECTED_REGION = {"GS24": "GS", "GS21B": "GS", "QH24": "QH", "SC24": "SC", "SX23": "SX"}


def test_checker_plugins_lists_the_four_regions(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    for name, region in [("gansu", "GS 甘肃"), ("qinghai", "QH 青海"), ("sichuan", "SC 四川"),
                         ("shaanxi", "SX 陕西")]:
        line = next(x for x in out.splitlines() if x.startswith(name))
        assert region in line


def test_describe_counts_templates_extends_and_rules():
    host = load_plugins()
    text = describe_plugins(host, build_registry(host))
    rows = {x.split()[0]: x.split() for x in text.splitlines()[1:]}
    # name version code region templates extends rule-files rules, then the description (words)
    # gansu: its 预算 rules (more are being added) and the 绩效 scoring rules GS.S02, GS.S03;
    # templates B05, B06 and the 整体支出绩效目标申报表; extends of the national B04, B11, B12
    # and 决算 T01–T03 with what 甘肃 prints beside the national form
    assert rows["gansu"][4:7] == ["3", "6", "2"] and int(rows["gansu"][7]) >= 6
    assert rows["qinghai"][4:7] == ["3", "0", "2"] and int(rows["qinghai"][7]) >= 6
    assert rows["sichuan"][4:8] == ["4", "0", "1", "6"]
    # shaanxi: the 指标体系 template; SX.C06, SX.S02, SX.S02.rows, the four 指标体系 rules and
    # SX.N13.system
    assert rows["shaanxi"][4:8] == ["1", "0", "2", "8"]


def test_describe_names_the_layouts_a_region_adds():
    # gansu's 整体支出绩效目标申报表 body (layouts/target_funds.py), qinghai's 实物量 block under the
    # 三公 table, shaanxi's 指标体系 table; sichuan adds none
    lines = describe_plugins(load_plugins(), build_registry(load_plugins())).splitlines()
    after = {lines[i].split()[0]: lines[i + 1] for i in range(len(lines) - 1)}
    assert after["gansu"].split() == ["adds", "layouts", "target_funds"]
    assert after["qinghai"].split() == ["adds", "layouts", "qinghai_counts_block"]
    assert after["shaanxi"].split() == ["adds", "layouts", "perf_indicator_system"]
    assert sum(line.split()[:2] == ["adds", "layouts"] for line in lines) == 3  # not sichuan



def test_checker_plugins_lists_the_cores_output_formats(capsys):
    assert main(["plugins"]) == 0
    lines = capsys.readouterr().out.splitlines()
    core = lines[lines.index(next(x for x in lines if x.startswith("core "))) + 1]
    phrases = dict(p.strip().split(" ", 1) for p in core.strip().removeprefix("adds ").split(";"))
    assert phrases["formats"].split() == ["text", "json", "jsonl", "sarif", "junit", "html"]
    assert ".pdf" in phrases["readers"].split() and "code_rows" in phrases["layouts"].split()


def test_describe_shows_each_manifest_description():
    host = load_plugins()
    lines = describe_plugins(host, build_registry(host)).splitlines()
    assert lines[0].split()[-1] == "description"
    for name in host.names()[1:]:
        plugin = host.pm.get_plugin(name)
        line = next(x for x in lines if x.startswith(f"{name} "))
        assert plugin.spec.description and line.endswith(f" {plugin.spec.description}")


@pytest.mark.parametrize("key", sorted(EXPECTED_REGION))
def test_each_report_is_detected_as_its_region(key):
    host = load_plugins()
    registry = build_registry(host)
    doc = parse_with_plugins(REPORTS[key], host, registry)
    assert doc.meta.region == EXPECTED_REGION[key]
    assert doc.meta.region_detected_by.startswith("plugin ")
    assert doc.to_json()["meta"]["region_detected_by"] == doc.meta.region_detected_by


def test_undetected_region_means_national_rules_only(tmp_path):
    host = load_plugins()
    report = tmp_path / "report.txt"
    text = REPORTS["QH24"].read_text(encoding="utf-8").replace("海东", "某").replace("公开 1", "公开 9")
    report.write_text(text, encoding="utf-8")
    doc = parse_with_plugins(report, host, build_registry(host))
    assert (doc.meta.region, doc.meta.region_detected_by) == (None, NOT_DETECTED)
    assert detect_region(host, ["", "某某局"]) == (None, NOT_DETECTED)


def test_given_region_wins_over_detection():
    host = load_plugins()
    doc = parse_with_plugins(REPORTS["QH24"], host, build_registry(host), region="sx")
    assert (doc.meta.region, doc.meta.region_detected_by) == ("SX", "given by the user")


class _Claim:
    """A fake plugin that claims every report for one region."""

    def __init__(self, code: str, score: int, signature: str | None = None) -> None:
        self.code, self.score, self.signature = code, score, signature

    @hookimpl
    def checker_detect_region(self, lines: list[str]) -> RegionMatch:
        return RegionMatch(self.code, "always", self.score, self.signature)


class _Answer:
    """A fake plugin that answers with a plain value (a code, or a (code, evidence) pair)."""

    def __init__(self, answer: object) -> None:
        self.answer = answer

    @hookimpl
    def checker_detect_region(self, lines: list[str]) -> object:
        return self.answer


def _with(host, name: str, plugin: object):
    host.pm.register(plugin, name=name)
    host.loaded.append((name, "0", plugin))
    return host


def test_strongest_claim_wins_and_ties_are_not_detected():
    host = _with(load_plugins(enable=False), "weak", _Claim("AA", 1))
    code, how = detect_region(host, ["x"])  # score 1, a layout signature alone: no claim
    assert code is None and how.startswith("not detected: no plugin claimed it")
    _with(host, "strong", _Claim("BB", 3))
    assert detect_region(host, ["x"]) == ("BB", "plugin strong: always")
    _with(host, "rival", _Claim("CC", 3))
    code, how = detect_region(host, ["x"])
    assert code is None and how.startswith("not detected: ambiguous") and "rival" in how


def test_a_signature_breaks_a_tie_between_two_claims():
    host = _with(load_plugins(enable=False), "plain", _Claim("AA", 2))
    _with(host, "signed", _Claim("BB", 2, signature="公开12表 (line 9)"))
    code, how = detect_region(host, ["x"])
    assert code == "BB" and how == "plugin signed: always (tie broken by the signature)"


def test_a_bare_code_or_pair_is_a_claim():
    host = _with(load_plugins(enable=False), "bare", _Answer("AA"))
    assert detect_region(host, ["x"]) == ("AA", "plugin bare: the plugin recognised the report")
    host = _with(load_plugins(enable=False), "pair", _Answer(("BB", "its own reasons")))
    assert detect_region(host, ["x"]) == ("BB", "plugin pair: its own reasons")


class _Raising:
    """A fake plugin whose hooks raise."""

    @hookimpl
    def checker_templates(self) -> list[Path]:
        raise ValueError("no templates today")

    @hookimpl
    def checker_rule_paths(self) -> list[Path]:
        raise ValueError("no rules either")

    @hookimpl
    def checker_detect_region(self, lines: list[str]) -> None:
        raise ValueError("cannot tell")


def test_a_raising_hook_gives_one_warning_and_the_rest_runs():
    host = _with(load_plugins(), "raising", _Raising())
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry(host)
        paths = plugin_rule_paths(host)
        code, _ = detect_region(host, REPORTS["QH24"].read_text(encoding="utf-8").splitlines())
    assert len(caught) == 1 and "'raising'" in str(caught[0].message)
    assert "no templates today" in str(caught[0].message)
    assert [n for n, _ in host.failed] == ["raising"] and "raising" not in host.names()
    assert registry.get("final.T01") and registry.get("final.QH10") and code == "QH"
    assert any(p.name == "rules" for p in paths)
    assert "raising      FAILED" in describe_plugins(host, registry)


def test_a_plugin_failing_at_import_gives_one_warning(monkeypatch, tmp_path):
    (tmp_path / "checker_fake_broken.py").write_text("raise ImportError('missing dependency xyz')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = importlib.metadata.entry_points
    fake = importlib.metadata.EntryPoint(name="fakebroken", value="checker_fake_broken", group="checker")

    def entry_points(**kwargs):
        return [*real(**kwargs), fake] if kwargs.get("group") == "checker" else real(**kwargs)

    monkeypatch.setattr(plugins_mod.importlib.metadata, "entry_points", entry_points)
    with pytest.warns(PluginWarning) as caught:
        host = load_plugins()
        registry = build_registry(host)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "'fakebroken'" in message and "missing dependency xyz" in message
    assert {"core", "gansu", "qinghai", "sichuan", "shaanxi"} <= set(host.names())
    assert registry.get("final.SC05") is not None
    sys.modules.pop("checker_fake_broken", None)


def test_extending_an_unknown_template_skips_the_plugin(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("templates:\n  - extends: final.T99\n    aliases: [x]\n", encoding="utf-8")

    class _Extends:
        @hookimpl
        def checker_templates(self) -> list[Path]:
            return [bad]

    host = _with(load_plugins(), "extender", _Extends())
    with pytest.warns(PluginWarning, match="extends unknown template final.T99"):
        registry = build_registry(host)
    assert registry.get("final.T01") is not None and "extender" not in host.contributions



def test_a_table_under_an_unknown_template_skips_the_plugin(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("""templates:
  - id: final.XB
    kind: final
    name: 示例实物量表
    titles: ['示例实物量表']
    layout: item_rows
    columns: [{key: 数}]
    options: {under: {table: final.T99, header: '^项目$'}}
""", encoding="utf-8")

    class _Under:
        @hookimpl
        def checker_templates(self) -> list[Path]:
            return [bad]

    host = _with(load_plugins(), "underling", _Under())
    with pytest.warns(PluginWarning, match="places final.XB under unknown template final.T99"):
        registry = build_registry(host)
    assert registry.get("final.XB") is None and "underling" not in host.contributions


def test_environment_variable_disables_plugins(monkeypatch):
    monkeypatch.setenv("CHECKER_NO_PLUGINS", "1")
    host = load_plugins()
    assert host.names() == ["core"] and host.disabled == "CHECKER_NO_PLUGINS=1"
    registry = build_registry(host)
    assert registry.get("final.QH10") is None and registry.get("final.T09") is not None
    monkeypatch.setenv("CHECKER_NO_PLUGINS", "0")
    assert "qinghai" in load_plugins().names()


def test_no_plugins_flag(capsys):
    assert main(["--no-plugins", "plugins"]) == 0
    out = capsys.readouterr().out
    assert "gansu" not in out and "--no-plugins" in out


def test_rule_paths_and_functions_of_every_plugin():
    host = load_plugins()
    paths = plugin_rule_paths(host)
    owners = [p.parent.name for p in paths[1:]]
    assert owners == ["checker_gansu", "checker_qinghai", "checker_shaanxi", "checker_sichuan"]


class _Functions:
    """A fake plugin adding one rule-language function, as a plain callable."""

    @hookimpl
    def checker_functions(self) -> dict[str, object]:
        return {"double": lambda x: exact(x.value * 2)}


def test_plugin_functions_reach_the_rule_language(registry):
    host = _with(load_plugins(), "functions", _Functions())
    functions = plugin_functions(host)
    assert "double" in functions
    ruleset = compile_text('rule D "t"\n  double(2) = 4\n  double(2) = 5\n', registry,
                           functions=functions)
    doc = Document(meta=Meta(kind="final", year=2024, department=None, region=None, unit="万元",
                             source=Source("x", "text", "", 0)))
    assert [r.status.value for r in evaluate(ruleset, doc, registry)] == ["passed", "failed"]


def test_no_warning_with_healthy_plugins():
    with warnings.catch_warnings():
        warnings.simplefilter("error", PluginWarning)
        host = load_plugins()
        build_registry(host)
        plugin_rule_paths(host)
    assert host.failed == []


def test_example_plugin_rule_cases_in_process():
    """The example package's rules pass their cases when its plugin object is registered by hand."""
    sys.path.insert(0, str(HERE / "example_plugin"))
    try:
        import checker_example
    finally:
        sys.path.pop(0)
    host = _with(load_plugins(enable=False), "example", checker_example.plugin)
    registry = build_registry(host)
    assert registry.get("final.XX12") is not None
    report = run_rule_tests(plugin_rule_paths(host)[1:], registry)
    assert report.ok and report.passed == 2, report.to_text()
    # its table code alone is no claim; with a place of the region on the cover it supports one
    code, how = detect_region(host, ["公开 12 表"])
    assert code is None and how.startswith("not detected: no plugin claimed it")
    assert "公开12表 table code (line 1)" in how
    assert detect_region(host, ["示例县医疗保障局", "2024 年度部门决算", "目录", "公开 12 表"]) == (
        "XX", "plugin example: 示例县 in department name 示例县医疗保障局 (cover, line 1); "
              "layout signature: 公开12表 table code (line 4)")
