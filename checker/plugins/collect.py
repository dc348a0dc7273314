"""What the plugins add, collected from their hooks: rule folders, rule-language functions, table
layouts and file readers (a name or suffix taken twice keeps the first, with a
:class:`PluginWarning`: :func:`warn_taken`)."""

from __future__ import annotations

import warnings
from pathlib import Path

from checker.dsl.function import Function, as_function
from checker.parse.layouts import LayoutParser
from checker.plugins.host import PluginHost, PluginWarning
from checker.read.registry import Reader, ReaderRegistry

__all__ = ["plugin_functions", "plugin_layouts", "plugin_readers", "plugin_rule_paths", "warn_taken"]


# the warnings of warn_taken already given in this process: a command that collects from two
# hosts (the cli's parser, then check.Engine) warns once
_TAKEN: set[str] = set()


def warn_taken(plugin: str, what: str, owner: str) -> None:
    """Warn that ``plugin`` gives ``what`` (``layout 'x'``) that plugin ``owner`` gave first: the
    first is kept, this one ignored. Once per process for each such clash."""
    message = f"plugin {plugin!r}: {what} already provided by plugin {owner!r}; ignored"
    if message in _TAKEN:
        return
    _TAKEN.add(message)
    warnings.warn(message, PluginWarning, stacklevel=3)

def plugin_rule_paths(host: PluginHost) -> list[Path]:
    """Every rule folder or file of the plugins in force (the core's first), for the check command.

    A folder named in the user's configuration (``rules = [...]``) is added by the caller.
    """
    out: list[Path] = []
    for name, paths in host.call("checker_rule_paths"):
        try:
            out.extend(Path(p) for p in paths)
        except TypeError as exc:
            host.fail(name, f"checker_rule_paths returned {paths!r}: {exc}")
    return list(dict.fromkeys(out))


def plugin_functions(host: PluginHost) -> dict[str, Function]:
    """Extra rule-language functions of every plugin (a name taken twice: the first one wins)."""
    out: dict[str, Function] = {}
    for name, functions in host.call("checker_functions"):
        try:
            items = [(str(k), as_function(str(k), v)) for k, v in dict(functions).items()]
        except (TypeError, ValueError, AttributeError) as exc:
            host.fail(name, f"checker_functions returned an unusable value: {exc}")
            continue
        for fname, fn in items:
            if fname in out:
                warnings.warn(f"plugin {name!r}: function {fname}() already defined; ignored",
                              PluginWarning, stacklevel=2)
                continue
            out[fname] = fn
    return out


def plugin_layouts(host: PluginHost) -> dict[str, LayoutParser]:
    """Table-body layouts of the core and every plugin (``checker_layouts``): name → parser.

    Collected once per host. A name taken twice keeps the first (the core's, then plugins by
    name) with a :class:`PluginWarning` naming both plugins; a plugin whose answer is not a
    mapping of names to callables is skipped (:meth:`PluginHost.fail`).
    """
    if host.layouts is not None:
        return host.layouts
    out: dict[str, LayoutParser] = {}
    owner: dict[str, str] = {}
    for name, layouts in host.call("checker_layouts"):
        try:
            items = [(str(k), v) for k, v in dict(layouts).items()]
            bad = [k for k, v in items if not callable(v)]
            if bad:
                raise TypeError(f"layout {bad[0]!r} is not callable")
        except (TypeError, ValueError) as exc:
            host.fail(name, f"checker_layouts returned an unusable value: {exc}")
            continue
        for lname, parser in items:
            if lname in out:
                warn_taken(name, f"layout {lname!r}", owner[lname])
                continue
            out[lname], owner[lname] = parser, name
    host.layouts = out
    return out


def plugin_readers(host: PluginHost) -> ReaderRegistry:
    """The file readers of the core and every plugin (``checker_readers``), by suffix.

    Collected once per host. A suffix taken twice keeps the first reader (the core's, then
    plugins by name) with a :class:`PluginWarning` naming both plugins; a plugin whose answer is
    not a list of :class:`~checker.read.registry.Reader` is skipped (:meth:`PluginHost.fail`).
    """
    if host.readers is not None:
        return host.readers
    out = ReaderRegistry()
    owner: dict[str, str] = {}
    for name, readers in host.call("checker_readers"):
        try:
            items = list(readers)
            bad = [r for r in items if not isinstance(r, Reader)]
            if bad:
                raise TypeError(f"{bad[0]!r} is not a checker.read.registry.Reader")
        except TypeError as exc:
            host.fail(name, f"checker_readers returned an unusable value: {exc}")
            continue
        for reader in items:
            for suffix in out.add(reader):
                warn_taken(name, f"reader of {suffix!r} files", owner[suffix])
            for suffix in reader.suffixes:
                owner.setdefault(suffix, name)
    host.readers = out
    return out
