"""The template registry of the core and the plugins (``checker_templates``), ``extends:`` entries
applied last, kept built in the cache folder when one is given."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.plugins.host import PluginHost
from checker.templates.loader import (
    Template,
    TemplateRegistry,
    _template_from_dict,
    extend_template,
)
from checker.templates.registry_cache import load_registry, registry_key, store_registry
from checker.yaml_load import load_yaml

__all__ = ["build_registry"]


def _read_templates(paths: Iterable[Any]) -> tuple[list[Template], list[tuple[str, dict, str]]]:
    templates: list[Template] = []
    extensions: list[tuple[str, dict, str]] = []
    for path in paths:
        data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
        for entry in data.get("templates", []):
            if "extends" in entry:
                extensions.append((str(entry["extends"]), entry, str(path)))
            else:
                templates.append(_template_from_dict(entry, str(path)))
    return templates, extensions


def build_registry(host: PluginHost, cache: Path | None = None) -> TemplateRegistry:
    """All templates of the core and the plugins; ``extends:`` entries applied last.

    A plugin whose template files cannot be read, or which extends a template nobody defines,
    is skipped as a whole (one warning), so that its rules do not run on half its tables.
    ``cache``: a cache folder where a registry built without a failure is kept, keyed by the
    template files' bytes, the plugins in force and the loader's code
    (:mod:`checker.templates.registry_cache`); None builds it every time.
    """
    calls = host.call("checker_templates")
    key = registry_key(calls, host.names()) if cache is not None else ""
    if cache is not None and (hit := load_registry(cache, key)) is not None:
        registry, contributions = hit
        host.contributions.update(contributions)
        return registry
    failed = len(host.failed)
    registry = _build_registry(host, calls)
    if cache is not None and len(host.failed) == failed:
        store_registry(cache, key, registry, host.contributions)
    return registry


def _build_registry(host: PluginHost, calls: list[tuple[str, Any]]) -> TemplateRegistry:
    read: list[tuple[str, list[Template], list[tuple[str, dict, str]]]] = []
    for name, paths in calls:
        try:
            templates, extensions = _read_templates(paths)
        except Exception as exc:
            host.fail(name, f"templates cannot be read: {exc}")
            continue
        read.append((name, templates, extensions))
    known = {t.id for _, templates, _ in read for t in templates}
    registry = TemplateRegistry()
    kept = []
    for name, templates, extensions in read:
        unknown = sorted({target for target, _, _ in extensions if target not in known})
        if unknown:
            host.fail(name, f"extends unknown template {', '.join(unknown)} "
                            f"({extensions[0][2]})")
            continue
        homeless = [t for t in templates
                    if "under" in t.options and t.options["under"]["table"] not in known]
        if homeless:
            t = homeless[0]
            host.fail(name, f"places {t.id} under unknown template "
                            f"{t.options['under']['table']} ({t.source})")
            continue
        kept.append((name, templates, extensions))
    for name, templates, extensions in kept:
        for t in templates:
            registry.add(t)
        host.contributions[name] = {"templates": len(templates), "extends": len(extensions)}
    for name, _, extensions in kept:
        for target, entry, source in extensions:
            base = registry.get(target)
            if base is None:
                continue
            try:
                extend_template(base, entry, str(source))
            except InputError as exc:  # a misspelt key: the file and the entry are named
                host.fail(name, f"templates cannot be read: {exc}")
    return registry
