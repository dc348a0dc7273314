"""The template registry kept between runs: served while nothing it was built from changed,
built again when a template file changes, never kept when a plugin failed."""

from __future__ import annotations

import pytest

from checker.plugins import templates as plugins_mod
from checker.plugins.host import PluginWarning, load_plugins
from checker.plugins.templates import build_registry
from checker.templates.registry_cache import FOLDER, registry_key


def _counting(monkeypatch) -> list[int]:
    builds: list[int] = []
    real = plugins_mod._build_registry

    def counted(host, calls):
        builds.append(1)
        return real(host, calls)

    monkeypatch.setattr(plugins_mod, "_build_registry", counted)
    return builds


def test_a_kept_registry_serves_the_next_run(tmp_path, monkeypatch):
    builds = _counting(monkeypatch)
    first = build_registry(load_plugins(), tmp_path)
    host = load_plugins()
    again = build_registry(host, tmp_path)
    assert len(builds) == 1
    assert [t.id for t in again.templates] == [t.id for t in first.templates]
    assert again.by_title("支出决算表").id == "final.T03"
    # what each plugin added is known as after a build (``checker plugins`` shows it)
    assert host.contributions and all("templates" in c for c in host.contributions.values())


def test_a_changed_template_file_changes_the_key(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("templates: []\n", encoding="utf-8")
    before = registry_key([("x", [extra])], ["core", "x"])
    extra.write_text("templates: []\n# changed\n", encoding="utf-8")
    assert registry_key([("x", [extra])], ["core", "x"]) != before
    assert registry_key([("x", [extra])], ["core"]) != registry_key([("x", [extra])], ["core", "x"])


def test_a_damaged_entry_is_built_again(tmp_path, monkeypatch):
    builds = _counting(monkeypatch)
    build_registry(load_plugins(), tmp_path)
    (entry,) = (tmp_path / FOLDER).glob("*.pkl")
    entry.write_bytes(b"BCHK" + entry.read_bytes()[4:-1])
    registry = build_registry(load_plugins(), tmp_path)
    assert len(builds) == 2 and registry.get("final.T03") is not None


def test_nothing_is_kept_when_a_plugin_fails(tmp_path, monkeypatch):
    host = load_plugins()
    real = plugins_mod._build_registry

    def failing(host, calls):
        registry = real(host, calls)
        host.fail("broken", "templates cannot be read: test")
        return registry

    monkeypatch.setattr(plugins_mod, "_build_registry", failing)
    with pytest.warns(PluginWarning, match="broken"):
        build_registry(host, tmp_path)
    assert not (tmp_path / FOLDER).exists() or not list((tmp_path / FOLDER).glob("*.pkl"))


def test_a_kept_registry_compiles_its_title_patterns_only_when_a_title_is_matched(tmp_path):
    """A run whose reports all come from the result cache never matches a title: the kept
    registry's patterns stay text until one is needed, and then match as the compiled ones do."""
    build_registry(load_plugins(), tmp_path)
    again = build_registry(load_plugins(), tmp_path)
    t03 = next(t for t in again.templates if t.id == "final.T03")
    assert all(p._compiled is None for p in t03.titles)
    assert again.by_title("2024年度 支出决算表").id == "final.T03"
    assert any(p._compiled is not None for p in t03.titles)


def test_the_key_hashes_code_files_that_exist():
    """A code file renamed or moved would silently drop out of the key (hashed as missing)."""
    from checker.templates.registry_cache import _code_files

    assert [p for p in _code_files() if not p.is_file()] == []
