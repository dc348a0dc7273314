"""A plugin host holding only the plugin objects a test gives it (no installed package)."""

from __future__ import annotations

from checker.plugins.host import PluginHost, load_plugins


def host_with(*plugins: tuple[str, object]) -> PluginHost:
    """A host with the core and these ``(name, plugin object)`` pairs registered, as loaded."""
    host = load_plugins(enable=False)
    for name, plugin in plugins:
        host.pm.register(plugin, name=name)
        host.loaded.append((name, "0", plugin))
    return host
