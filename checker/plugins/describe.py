"""``checker plugins``: one line per plugin and what it adds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from checker.plugins.host import PluginHost
from checker.templates.loader import TemplateRegistry

__all__ = ["describe_plugins"]


_RULE_LINE = re.compile(r"^rule\s+\S", re.MULTILINE)


def _count_rules(paths: Iterable[Any]) -> tuple[int, int]:
    files = 0
    rules = 0
    for p in paths:
        p = Path(p)
        for f in sorted(p.rglob("*.rules")) if p.is_dir() else [p]:
            files += 1
            try:
                rules += len(_RULE_LINE.findall(f.read_text(encoding="utf-8")))
            except OSError:
                pass
    return files, rules


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (CJK characters take two)."""
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 0)


def _additions(host: PluginHost, core_formats: Sequence[str]) -> dict[str, list[str]]:
    """Plugin name → what it adds besides templates and rules: file readers (their suffixes),
    output formats, table layouts and rule-language functions, one phrase each."""
    found: dict[str, dict[str, list[str]]] = {}
    if core_formats:
        found["core"] = {"readers": [], "formats": [str(f) for f in core_formats]}

    def note(hook: str, what: str, names: Any) -> None:
        for plugin, answer in host.call(hook):
            try:
                found.setdefault(plugin, {}).setdefault(what, []).extend(names(answer))
            except (TypeError, AttributeError):  # an unusable answer fails where it is used
                continue

    note("checker_readers", "readers", lambda rs: [s or "(no suffix)" for r in rs for s in r.suffixes])
    note("checker_renderers", "formats", lambda rs: [str(r.name) for r in rs])
    note("checker_layouts", "layouts", lambda ls: [str(k) for k in dict(ls)])
    note("checker_functions", "functions", lambda fs: [f"{k}()" for k in dict(fs)])
    return {plugin: [f"{what} {' '.join(names)}" for what, names in kinds.items() if names]
            for plugin, kinds in found.items()}


def describe_plugins(host: PluginHost, registry: TemplateRegistry,
                     core_formats: Sequence[str] = ()) -> str:
    """One line per plugin: name, version, region, templates added, extends, rule files, rules
    and its description (``checker_plugin_info``: a region package's manifest ``description``);
    under it, indented, the file readers (suffixes), output formats, table layouts and
    functions it adds, when it adds any.

    ``registry`` must have been built from ``host`` (:func:`build_registry`), which records what
    each plugin added. ``core_formats`` are the names of the core's output formats
    (``checker.render.FORMATS``, which this layer does not import): listed under the core. Failed
    plugins follow, one line each.
    """
    infos = dict(host.call("checker_plugin_info"))
    rule_paths: dict[str, list[Any]] = {}
    for name, paths in host.call("checker_rule_paths"):
        rule_paths[name] = list(paths) if isinstance(paths, list | tuple) else []
    head = (f"{'plugin':12} {'version':9} {'region':12} {'templates':>9} {'extends':>7} "
            f"{'rule files':>10} {'rules':>5} description")
    lines = [head]
    additions = _additions(host, core_formats)
    for name, version, _ in host.loaded:
        info = infos.get(name) or {}
        region = " ".join(str(x) for x in (info.get("code"), info.get("region")) if x) or "?"
        added = host.contributions.get(name) or {"templates": 0, "extends": 0}
        files, rules = _count_rules(rule_paths.get(name, []))
        description = " ".join(str(info.get("description") or "").split())
        lines.append(f"{name:12} {version:9} {_pad(region, 12)} {added['templates']:>9} "
                     f"{added['extends']:>7} {files:>10} {rules:>5} {description}".rstrip())
        if additions.get(name):
            lines.append(f"{'':12} adds {'; '.join(additions[name])}")
    for name, error in host.failed:
        lines.append(f"{name:12} FAILED: {error}")
    if host.disabled:
        lines.append(f"installed plugins not loaded ({host.disabled})")
    return "\n".join(lines)
