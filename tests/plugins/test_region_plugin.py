"""The region package kit (checker/region_plugin.py): a package is its manifest and data folders;
the manifest is checked against schemas/region.schema.json when it is loaded; a signature's
``unless`` voids it in a report that prints what it names."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import checker_qinghai
import checker_sichuan
import pytest

from checker.check import CheckSpec, Engine
from checker.errors import InputError
from checker.plugins import host as plugins_mod
from checker.plugins.host import PluginWarning, load_plugins
from checker.plugins.templates import build_registry
from checker.region import SIGNATURE, known_regions, load_region_spec, match_region
from checker.region_plugin import RegionPlugin
from tests.conftest import REPORTS

GOOD = """\
code: XX
name: 示例
places: [示例县]
signatures:
  - {pattern: '^公开12表$', what: '公开12表 table code'}
package: checker-example
description: an example region
"""


def _package(tmp_path: Path, manifest: str, name: str = "checker_kit") -> Path:
    """A package folder with ``region.yaml``; its ``__init__.py``, as a plugin's ``__file__``."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "region.yaml").write_text(manifest, encoding="utf-8")
    init = folder / "__init__.py"
    init.write_text("", encoding="utf-8")
    return init


def _lines(key: str) -> list[str]:
    return REPORTS[key].read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------- the kit's hooks


def test_the_hooks_come_from_the_package_folder(tmp_path):
    init = _package(tmp_path, GOOD)
    (init.parent / "templates").mkdir()
    for name in ("b.yaml", "a.yaml", "notes.txt"):
        (init.parent / "templates" / name).write_text("templates: []\n", encoding="utf-8")
    plugin = RegionPlugin(str(init))
    assert plugin.name == "kit" and plugin.folder == init.parent.resolve()
    assert [p.name for p in plugin.checker_templates()] == ["a.yaml", "b.yaml"]
    assert plugin.checker_rule_paths() == []  # no rules/ folder
    (init.parent / "rules").mkdir()
    assert plugin.checker_rule_paths() == [init.parent.resolve() / "rules"]
    assert plugin.checker_plugin_info() == {"name": "kit", "region": "示例", "code": "XX",
                                            "description": "an example region"}
    assert plugin.checker_detect_region(["示例县财政局", "目录", "公开 12 表"]).score == 3


def test_the_installed_packages_are_kit_objects():
    host = load_plugins()
    found = {name: host.pm.get_plugin(name) for name in host.names() if name != "core"}
    assert set(found) == {"gansu", "qinghai", "shaanxi", "sichuan"}
    assert all(isinstance(p, RegionPlugin) for p in found.values())
    assert all(p.spec.code == p.checker_plugin_info()["code"] for p in found.values())
    # each is the kit itself: manifest plus data (青海's 实物量 block is a layout, not a post-parse step)
    assert all(type(p) is RegionPlugin for p in found.values())
    assert host.pm.hook.checker_post_parse.get_hookimpls() == []
    assert set(checker_qinghai.plugin.checker_layouts()) == {"qinghai_counts_block"}


def test_the_cache_keys_hash_a_kit_packages_files():
    """The host records the module that holds each plugin object, so the cache keys (checker.check)
    hash the package's code and data beside it: its manifest among them."""
    host = load_plugins()
    modules = {name: module for name, _, module in host.loaded}
    assert modules["sichuan"] is checker_sichuan and modules["qinghai"] is checker_qinghai
    files = set(Engine(CheckSpec())._plugin_files())
    for module in (checker_sichuan, checker_qinghai):
        folder = Path(module.__file__).parent
        assert {folder / "region.yaml", folder / "__init__.py"} <= files


def test_every_plugin_is_asked_to_detect_the_region():
    """checker_detect_region is not firstresult: the pluggy call gives every plugin's answer."""
    host = load_plugins()
    answers = host.pm.hook.checker_detect_region(lines=_lines("QH24"))
    assert isinstance(answers, list)
    assert sorted(m.code for m in answers) == ["QH"]  # the others answer None, and are asked
    answers = host.pm.hook.checker_detect_region(lines=["海东市某局", "临夏市某局", "目录"])
    assert sorted(m.code for m in answers) == ["GS", "QH"]


# ---------------------------------------------------------------- the manifest is checked


@pytest.mark.parametrize(("manifest", "expected"), [
    (GOOD.replace("places:", "placs:"), "unknown key 'placs' (did you mean 'places'?)"),
    (GOOD.replace("description:", "descripton:"),
     "unknown key 'descripton' (did you mean 'description'?)"),
    (GOOD.replace("what:", "wat:"), "unknown key 'wat' (did you mean 'what'?) in signatures[0]"),
    (GOOD.replace("what: ", "what: x, unles: '公开', w2: "), "unknown key 'unles'"),
    (GOOD.replace("code: XX\n", ""), "'code' is a required property"),
    (GOOD.replace("places: [示例县]", "places: 示例县"), "places: '示例县' is not of type 'array'"),
])
def test_a_bad_manifest_names_the_file_and_the_key(tmp_path, manifest, expected):
    init = _package(tmp_path, manifest)
    with pytest.raises(InputError) as caught:
        RegionPlugin(init)
    assert caught.value.path == str(init.parent.resolve() / "region.yaml")
    assert expected in caught.value.message, caught.value.message
    assert str(caught.value).startswith(f"{init.parent.resolve() / 'region.yaml'}: bad region file: ")


@pytest.mark.parametrize(("manifest", "where"), [
    (GOOD.replace("'^公开12表$'", "'^公开(12表$'"), "signatures[0].pattern: '^公开(12表$' does not compile"),
    (GOOD.replace("what: '公开12表 table code'", "what: x, unless: '[附表'"),
     "signatures[0].unless: '[附表' does not compile"),
])
def test_a_bad_regex_names_the_file_and_the_signature(tmp_path, manifest, where):
    init = _package(tmp_path, manifest)
    with pytest.raises(InputError) as caught:
        load_region_spec(init.parent / "region.yaml")
    assert caught.value.path == str(init.parent / "region.yaml")
    assert where in caught.value.message, caught.value.message


def test_a_missing_or_broken_manifest_is_an_input_error(tmp_path):
    folder = tmp_path / "checker_none"
    folder.mkdir()
    with pytest.raises(InputError, match=r"region\.yaml: bad region file"):
        RegionPlugin(folder)
    (folder / "region.yaml").write_text("code: [XX\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"region\.yaml: bad region file"):
        RegionPlugin(folder)


def test_the_manifests_of_this_repository_are_valid():
    specs = known_regions()  # regions/*.yaml, the packages' own files, checked on load
    assert [s.code for s in specs] == ["GS", "QH", "SC", "SX"]
    assert all(s.description for s in specs)


def test_a_package_with_a_bad_manifest_is_skipped_with_one_warning(monkeypatch, tmp_path):
    init = _package(tmp_path, GOOD.replace("places:", "placs:"), name="checker_fake_manifest")
    init.write_text("from checker.region_plugin import RegionPlugin\n\nplugin = RegionPlugin(__file__)\n",
                    encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = importlib.metadata.entry_points
    fake = importlib.metadata.EntryPoint(name="fakemanifest", value="checker_fake_manifest:plugin",
                                         group="checker")

    def entry_points(**kwargs):
        return [*real(**kwargs), fake] if kwargs.get("group") == "checker" else real(**kwargs)

    monkeypatch.setattr(plugins_mod.importlib.metadata, "entry_points", entry_points)
    with pytest.warns(PluginWarning) as caught:
        host = load_plugins()
        build_registry(host)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "'fakemanifest'" in message and str(init.parent / "region.yaml") in message
    assert "unknown key 'placs'" in message
    assert "fakemanifest" not in host.names() and "gansu" in host.names()
    sys.modules.pop("checker_fake_manifest", None)


def test_an_entry_point_to_a_module_without_hooks_is_named(monkeypatch, tmp_path):
    """A stale install (its entry point still names the module, the hooks being the plugin
    object's methods) is a failure with one warning, not a plugin that adds nothing."""
    init = _package(tmp_path, GOOD, name="checker_fake_stale")
    init.write_text("from checker.region_plugin import RegionPlugin\n\nplugin = RegionPlugin(__file__)\n",
                    encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = importlib.metadata.entry_points
    fake = importlib.metadata.EntryPoint(name="fakestale", value="checker_fake_stale", group="checker")

    def entry_points(**kwargs):
        return [*real(**kwargs), fake] if kwargs.get("group") == "checker" else real(**kwargs)

    monkeypatch.setattr(plugins_mod.importlib.metadata, "entry_points", entry_points)
    with pytest.warns(PluginWarning, match="checker_fake_stale implements no checker hook"):
        host = load_plugins()
    assert "fakestale" not in host.names() and [n for n, _ in host.failed] == ["fakestale"]
    assert host.pm.get_plugin("fakestale") is None
    sys.modules.pop("checker_fake_stale", None)


# ---------------------------------------------------------------- unless


def test_unless_with_the_lines_of_real_reports():
    """The 附表 heading of the 井研 report (SC24:1004) is the layout's signature only in a text
    that prints no table body: a table code of the 海东 report (QH24:366, 公开 10 表) voids it."""
    spec = checker_sichuan.plugin.spec
    heading, code = _lines("SC24")[1003], _lines("QH24")[365]
    assert (heading, code) == ("第五部分 附表", "公开 10 表")
    sc24 = _lines("SC24")
    match = match_region(sc24, spec)
    assert match.score == 3 and match.signature == (
        "layout signature: 第五部分 附表 list without table bodies (line 1004)")
    assert match.evidence.endswith(f"; {match.signature}")
    # the same report with a table body printed: the claim stands, the signature is removed
    voided = match_region([*sc24, code], spec)
    assert voided.score == 3 and voided.signature is None and "layout signature" not in voided.evidence
    assert voided.evidence == match.evidence.removesuffix(f"; {match.signature}")
    # the heading alone is a signature (no claim); with a table body it is nothing
    alone = match_region(["某某局", "目录", heading], spec)
    assert (alone.score, alone.evidence) == (
        SIGNATURE, "layout signature: 第五部分 附表 list without table bodies (line 3)")
    assert match_region(["某某局", "目录", heading, code], spec) is None
    assert match_region([code, "某某局", "目录", heading], spec) is None  # before it, too


def test_unless_voids_only_its_own_signature(tmp_path):
    manifest = GOOD.replace(
        "  - {pattern: '^公开12表$', what: '公开12表 table code'}\n",
        "  - {pattern: '^第五部分附表$', what: 'the 附表 heading', unless: '公开\\d{1,2}表'}\n"
        "  - {pattern: '^公开12表$', what: '公开12表 table code'}\n")
    spec = load_region_spec(Path(_package(tmp_path, manifest)).parent / "region.yaml")
    heading = _lines("SC24")[1003]
    assert match_region(["某某局", heading], spec).evidence == (
        "layout signature: the 附表 heading (line 2)")
    # 公开 12 表 voids the heading (unless) and is a signature of its own (line 3)
    assert match_region(["某某局", heading, "公开 12 表"], spec).evidence == (
        "layout signature: 公开12表 table code (line 3)")
    # unless is searched in normalised lines, like the pattern
    assert match_region(["某某局", heading, "公开０１表"], spec) is None
