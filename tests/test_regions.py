"""A report of a region whose plugin is not installed is told so, not silently checked with the
national rules only (checker.region.known_regions, checker.plugins.detect.missing_region)."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pluggy
import pytest

from checker import core_plugin, hookspecs
from checker.plugins.detect import missing_region
from checker.plugins.host import PluginHost
from checker.plugins.pipeline import parse_with_plugins
from checker.plugins.templates import build_registry
from checker.region import known_regions
from tests.cli.helpers import GS, QH, SC, SX, run

ROOT = Path(__file__).resolve().parents[1]


def core_only() -> PluginHost:
    """A plugin host with the core alone, as an install without the region packages has."""
    pm = pluggy.PluginManager("checker")
    pm.add_hookspecs(hookspecs)
    pm.register(core_plugin, name="core")
    host = PluginHost(pm)
    host.loaded.append(("core", "0", core_plugin))
    return host


def test_every_region_package_has_its_file_in_regions():
    packages = sorted(ROOT.glob("plugins/*/checker_*/region.yaml"))
    assert packages
    for path in packages:
        folder = path.parent.parent
        link = ROOT / "regions" / f"{folder.name}.yaml"
        assert link.is_file() and link.read_bytes() == path.read_bytes(), link
        name = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
        spec = next(s for s in known_regions() if s.folder == folder.name)
        assert spec.package == name
    assert len(known_regions()) == len(packages)


@pytest.mark.parametrize(("report", "code"), [(QH, "QH"), (GS, "GS"), (SX, "SX"), (SC, "SC")])
def test_a_region_without_its_plugin_is_named(report, code):
    host = core_only()
    doc = parse_with_plugins(report, host, build_registry(host))
    assert doc.meta.region is None and doc.meta.region_missing == code
    how = doc.meta.region_detected_by or ""
    assert how.startswith(f"not detected: region {code} (") and how.endswith(
        "is not installed; national rules only"), how
    assert doc.to_json()["meta"]["region_missing"] == code


def test_installed_or_disabled_plugins_name_nothing_missing():
    from checker.plugins.host import load_plugins

    lines = QH.read_text(encoding="utf-8").splitlines()
    assert missing_region(load_plugins(), lines) is None  # its plugin is installed
    assert missing_region(load_plugins(enable=False), lines) is None  # --no-plugins: chosen


def test_check_warns_on_stderr_and_parse_summary_says_so(capsys, monkeypatch):
    every = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: [] if kw.get("group") == "checker" else every(**kw))
    code, out, err = run(capsys, "check", "--no-cache", "-q", QH)
    assert code == 1 and out.startswith(f"{QH}: ")
    assert err == (f"checker: warning: {QH}: region QH (海东市 in department name 海东市医疗保障局 "
                   "(cover, line 3); layout signature: 公开10表 / 公开11表 table codes (line 366)), but "
                   "its plugin checker-qinghai (plugins/qinghai of budget-checker) is not installed: "
                   "checked with the national rules only\n")
    _, summary, _ = run(capsys, "parse", "--summary", QH)
    assert summary.splitlines()[2].startswith("no region: region QH (海东市 in department name")


def test_no_warning_when_the_plugin_is_installed(capsys):
    _, _, err = run(capsys, "check", "-q", QH)
    assert "not installed" not in err


def test_the_region_files_are_read_once_and_again_when_one_changes(tmp_path, monkeypatch):
    import importlib.resources

    import checker.region as region

    for path in sorted((ROOT / "regions").glob("*.yaml")):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    files = importlib.resources.files
    monkeypatch.setattr(importlib.resources, "files",
                        lambda name: tmp_path if name == "checker.regions" else files(name))
    reads = []
    real = region.load_region_spec
    monkeypatch.setattr(region, "load_region_spec", lambda p: reads.append(p) or real(p))
    first = known_regions()
    assert known_regions() == first and len(reads) == len(first) == 4
    sc = tmp_path / "sichuan.yaml"
    sc.write_text(sc.read_text(encoding="utf-8").replace("description:", "description: 改过 ", 1),
                  encoding="utf-8")
    again = {s.code: s.description for s in known_regions()}
    assert len(reads) == 8 and again["SC"].startswith("改过")
