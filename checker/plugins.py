"""Loading plugins with pluggy, isolating the broken ones, and building the template registry.

A plugin that fails to import, or whose hook raises, is named in one warning and left out; the
core and the other plugins still run (the way SQLFluff's plugin host does it).
"""

from __future__ import annotations

import importlib.metadata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy
import yaml

from checker import core_plugin, hookspecs
from checker.errors import InputError
from checker.templates.loader import (
    TemplateRegistry,
    _template_from_dict,
    extend_template,
)

GROUP = "checker"


@dataclass
class PluginHost:
    """The plugin manager plus what was loaded and what failed."""

    pm: pluggy.PluginManager
    loaded: list[tuple[str, str, Any]] = field(default_factory=list)  # (name, version, module)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, error)

    def call(self, hook: str, **kwargs: Any) -> list[Any]:
        """Call a list-returning hook on every plugin, isolating plugins that raise."""
        results: list[Any] = []
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            try:
                out = impl.function(**kwargs)
            except Exception as exc:  # a broken plugin must not stop the run
                name = self.pm.get_name(impl.plugin) or str(impl.plugin)
                self._warn(name, f"hook {hook} failed: {exc}")
                continue
            if out is not None:
                results.append((self.pm.get_name(impl.plugin), out))
        return results

    def _warn(self, name: str, message: str) -> None:
        if (name, message) not in self.failed:
            self.failed.append((name, message))
            warnings.warn(f"plugin {name!r} skipped: {message}", stacklevel=3)


def load_plugins(enable: bool = True) -> PluginHost:
    """Create the plugin manager with the core plugin and, unless disabled, installed plugins."""
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    pm.register(core_plugin, name="core")
    host = PluginHost(pm)
    host.loaded.append(("core", _version("budget-checker"), core_plugin))
    if not enable:
        return host
    for ep in sorted(importlib.metadata.entry_points(group=GROUP), key=lambda e: e.name):
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except Exception as exc:
            host._warn(ep.name, f"cannot load: {exc}")
            continue
        version = _version(ep.dist.name) if ep.dist else "?"
        host.loaded.append((ep.name, version, module))
    return host


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "0"


def build_registry(host: PluginHost) -> TemplateRegistry:
    """All templates of the core and the plugins; ``extends:`` entries applied last."""
    registry = TemplateRegistry()
    extensions: list[tuple[str, dict, str]] = []
    for name, paths in host.call("checker_templates"):
        for path in paths:
            try:
                data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
                for entry in data.get("templates", []):
                    if "extends" in entry:
                        extensions.append((entry["extends"], entry, str(path)))
                    else:
                        registry.add(_template_from_dict(entry, str(path)))
            except (OSError, yaml.YAMLError, InputError) as exc:
                host._warn(name, f"template file {path}: {exc}")
    for target, entry, source in extensions:
        base = registry.get(target)
        if base is None:
            warnings.warn(f"{source}: extends unknown template {target}", stacklevel=2)
            continue
        extend_template(base, entry)
    return registry


def describe_plugins(host: PluginHost, registry: TemplateRegistry) -> str:
    """One line per plugin: name, version, region, templates and rule files it adds."""
    lines = [f"{'plugin':12} {'version':9} {'region':10} {'templates':>9} {'rule files':>10}"]
    for name, version, module in host.loaded:
        info = {}
        templates = rules = 0
        impl = getattr(module, "checker_plugin_info", None)
        try:
            info = impl() if impl else {}
            tfiles = getattr(module, "checker_templates", lambda: [])() or []
            templates = sum(1 for t in registry.templates if any(
                str(t.source) == str(f) for f in tfiles))
            for p in getattr(module, "checker_rule_paths", lambda: [])() or []:
                p = Path(p)
                rules += len(list(p.rglob("*.rules"))) if p.is_dir() else 1
        except Exception as exc:  # describing must not fail on a broken plugin
            info = {"region": f"error: {exc}"}
        lines.append(f"{name:12} {version:9} {info.get('region', '?'):10} {templates:>9} "
                     f"{rules:>10}")
    for name, error in host.failed:
        lines.append(f"{name:12} FAILED: {error}")
    return "\n".join(lines)
