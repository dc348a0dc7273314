"""The plugin host: the pluggy manager with the core plugin and the installed ones, and how a
broken plugin is isolated.

:func:`load_plugins` registers the core plugin and every plugin named in the ``checker``
entry-point group (unless ``--no-plugins`` or ``CHECKER_NO_PLUGINS=1``): a module of hook
functions, or an object whose methods are the hooks (``checker_xx:plugin``, a
:class:`checker.region_plugin.RegionPlugin`). A plugin that fails to import, or whose hook
raises, is named in **one** :class:`PluginWarning`, unregistered and left out; the core and the
other plugins still run (the way SQLFluff's plugin host does it). ``host.failed`` keeps what
went wrong. Hook results are combined in a fixed order: the core first, then plugins by
entry-point name.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
import warnings
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from checker import core_plugin, hookspecs
from checker.parse.layouts import LayoutParser
from checker.read.registry import ReaderRegistry

__all__ = ["ENV_NO_PLUGINS", "GROUP", "PluginHost", "PluginWarning", "load_plugins"]


GROUP = "checker"
ENV_NO_PLUGINS = "CHECKER_NO_PLUGINS"
# (plugin, error) pairs already warned about in this process: a command that loads the plugins
# twice still prints one warning per broken plugin.
_WARNED: set[tuple[str, str]] = set()


class PluginWarning(UserWarning):
    """A plugin was skipped: it failed to import, or one of its hooks raised."""


@dataclass
class PluginHost:
    """The plugin manager plus what was loaded, what failed and what each plugin added."""

    pm: pluggy.PluginManager
    # (name, version, module): the module of the plugin's code — the plugin itself, or the
    # module that holds a plugin object (``checker_xx`` of ``checker_xx:plugin``)
    loaded: list[tuple[str, str, Any]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, error)
    # Per plugin: templates (new ids) and extends entries added by build_registry.
    contributions: dict[str, dict[str, int]] = field(default_factory=dict)
    # Why installed plugins were not loaded (--no-plugins, CHECKER_NO_PLUGINS), or None.
    disabled: str | None = None
    # the table layouts of the plugins in force, collected once (plugin_layouts)
    layouts: dict[str, LayoutParser] | None = None
    # the file readers of the plugins in force, collected once (plugin_readers)
    readers: ReaderRegistry | None = None

    def names(self) -> list[str]:
        """Names of the plugins in force, the core first."""
        return [name for name, _, _ in self.loaded]

    def implementations(self, hook: str) -> list[tuple[str, Any]]:
        """(plugin name, hookimpl) for every plugin in force that implements ``hook``, in order."""
        impls = {self.pm.get_name(i.plugin): i for i in getattr(self.pm.hook, hook).get_hookimpls()}
        return [(name, impls[name]) for name in self.names() if name in impls]

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call ``hook`` on every plugin; (name, result) for each non-None result.

        A plugin whose implementation raises is skipped (:meth:`fail`), its result dropped.
        """
        results: list[tuple[str, Any]] = []
        for name, impl in self.implementations(hook):
            try:
                out = impl.function(*[kwargs[a] for a in impl.argnames])
            except Exception as exc:  # a broken plugin must not stop the run
                self.fail(name, f"hook {hook} raised {type(exc).__name__}: {exc}")
                continue
            if out is not None:
                results.append((name, out))
        return results

    def fail(self, name: str, message: str) -> None:
        """Skip plugin ``name``: one :class:`PluginWarning`, unregistered, listed in ``failed``.

        Later failures of the same plugin are not warned about again, nor is the same failure
        met again by another host in the same process.
        """
        if any(n == name for n, _ in self.failed):
            return
        self.failed.append((name, message))
        if (name, message) not in _WARNED:
            _WARNED.add((name, message))
            warnings.warn(f"plugin {name!r} skipped: {message}", PluginWarning, stacklevel=3)
        plugin = self.pm.get_plugin(name)
        if plugin is not None:
            self.pm.unregister(plugin, name=name)
        self.loaded = [entry for entry in self.loaded if entry[0] != name]
        self.contributions.pop(name, None)
        self.layouts = None  # collected again without the plugin
        self.readers = None



def _env_disables() -> bool:
    return os.environ.get(ENV_NO_PLUGINS, "").strip().lower() not in ("", "0", "false", "no")


def load_plugins(enable: bool = True) -> PluginHost:
    """Create the plugin manager with the core plugin and, unless disabled, installed plugins.

    ``enable=False`` (the ``--no-plugins`` flag) or the environment variable
    ``CHECKER_NO_PLUGINS=1`` loads the core only.
    """
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    pm.register(core_plugin, name="core")
    host = PluginHost(pm)
    host.loaded.append(("core", _version("budget-checker"), core_plugin))
    if not enable:
        host.disabled = "--no-plugins"
        return host
    if _env_disables():
        host.disabled = f"{ENV_NO_PLUGINS}={os.environ[ENV_NO_PLUGINS]}"
        return host
    seen: set[str] = set()
    for ep in sorted(importlib.metadata.entry_points(group=GROUP), key=lambda e: e.name):
        if ep.name in seen:
            continue
        seen.add(ep.name)
        try:
            plugin = ep.load()  # a module, or an object (``checker_xx:plugin``)
            pm.register(plugin, name=ep.name)
        except Exception as exc:  # import errors, bad hook signatures, duplicate names
            host.fail(ep.name, f"cannot load {ep.value}: {type(exc).__name__}: {exc}")
            continue
        if not pm.get_hookcallers(plugin):
            # e.g. an install older than its package: the entry point names the module, and
            # the hooks are now methods of its ``plugin`` object
            host.fail(ep.name, f"{ep.value} implements no checker hook (is the entry point "
                               f"stale? reinstall the package)")
            continue
        version = ep.dist.version if ep.dist else "?"  # the distribution found it: no new search
        # the cache keys hash the files beside the module's __file__ (checker.check)
        module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(ep.module, plugin)
        host.loaded.append((ep.name, version, module))
    return host


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "0"
