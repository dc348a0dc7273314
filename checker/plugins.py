"""Loading plugins with pluggy, isolating the broken ones, and what the rest of the tool asks them.

* :func:`load_plugins` registers the core plugin and every plugin named in the ``checker``
  entry-point group (unless ``--no-plugins`` or ``CHECKER_NO_PLUGINS=1``): a module of hook
  functions, or an object whose methods are the hooks (``checker_xx:plugin``, a
  :class:`checker.region_plugin.RegionPlugin`).
* A plugin that fails to import, or whose hook raises, is named in **one**
  :class:`PluginWarning`, unregistered and left out; the core and the other plugins still run
  (the way SQLFluff's plugin host does it). ``host.failed`` keeps what went wrong.
* :func:`build_registry` (templates), :func:`plugin_rule_paths`, :func:`plugin_functions`,
  :func:`plugin_layouts`, :func:`detect_region` and :func:`parse_with_plugins` (read → detect
  region → parse → post-parse steps) are what the commands use; :func:`describe_plugins` is
  ``checker plugins``.

Hook results are combined in a fixed order: the core first, then plugins by entry-point name.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from checker import core_plugin, hookspecs
from checker.dsl.compile import RuleSet
from checker.dsl.function import Function, as_function
from checker.errors import InputError
from checker.model import Document
from checker.parse.document import load_document_json, parse_raw, read_path
from checker.parse.facts import PatternSet, load_patterns, national_pattern_path
from checker.parse.layouts import LayoutParser
from checker.read.text import RawDocument
from checker.region import CLAIM, RegionMatch, known_regions, match_region
from checker.templates.loader import (
    Template,
    TemplateRegistry,
    _template_from_dict,
    extend_template,
)
from checker.templates.registry_cache import load_registry, registry_key, store_registry
from checker.yaml_load import load_yaml

__all__ = [
    "ENV_NO_PLUGINS",
    "GROUP",
    "NOT_DETECTED",
    "PluginHost",
    "PluginWarning",
    "apply_replacements",
    "build_registry",
    "describe_plugins",
    "detect_region",
    "fact_patterns",
    "load_plugins",
    "missing_region",
    "parse_with_plugins",
    "plugin_functions",
    "plugin_layouts",
    "plugin_rule_paths",
    "run_post_parse",
]

GROUP = "checker"
ENV_NO_PLUGINS = "CHECKER_NO_PLUGINS"
NOT_DETECTED = "not detected: national rules only"
_RULE_LINE = re.compile(r"^rule\s+\S", re.MULTILINE)
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

    # kept for callers of the first version
    _warn = fail


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
        version = _version(ep.dist.name) if ep.dist else "?"
        # the cache keys hash the files beside the module's __file__ (checker.check)
        module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(ep.module, plugin)
        host.loaded.append((ep.name, version, module))
    return host


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "0"


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


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path).resolve()
    return any(p.is_relative_to(r) for r in roots)


def apply_replacements(host: PluginHost, ruleset: RuleSet) -> RuleSet:
    """The rules with every plugin's ``checker_rule_replacements`` applied: a national rule a
    package replaces is not applicable in that region's reports, its reason naming the rule
    and the plugin that take its place. The rules given are not changed (a new set).

    :raises InputError: naming the manifest and the key, when a replacement names a rule the
        core's rule files do not define, or one the plugin's own rule files do not.
    """
    calls = host.call("checker_rule_replacements")
    if not any(found for _, found in calls):
        return ruleset
    roots = {name: [Path(p).resolve() for p in paths]
             for name, paths in host.call("checker_rule_paths")}
    replaced: dict[str, list[tuple[str, str]]] = {}
    for name, found in calls:
        for r in found:
            key = "replaces" if r.rule is not None else "omits"
            national = ruleset.get(r.national)
            if national is None or not _under(national.path, roots.get("core", [])):
                raise InputError(r.source, f"{key}: {r.national}: no national rule "
                                           f"{r.national}")
            if r.rule is None:
                replaced.setdefault(r.national, []).append(
                    (r.region.upper(), f"not checked in region {r.region.upper()}: {r.why} "
                                       f"(plugin {name})"))
                continue
            mine = ruleset.get(r.rule)
            if mine is None or not _under(mine.path, roots.get(name, [])):
                raise InputError(r.source, f"replaces: {r.national}: {r.rule} is no rule of "
                                           f"plugin {name}'s rule files")
            replaced.setdefault(r.national, []).append(
                (r.region.upper(), f"replaced in region {r.region.upper()} by {r.rule} "
                                   f"(plugin {name})"))
    rules = [dataclasses.replace(rule, applies=dataclasses.replace(
                 rule.applies, replaced=(*rule.applies.replaced, *replaced[rule.id])))
             if rule.id in replaced else rule for rule in ruleset.rules]
    return dataclasses.replace(ruleset, rules=rules)


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
                warnings.warn(f"plugin {name!r}: layout {lname!r} already provided by plugin "
                              f"{owner[lname]!r}; ignored", PluginWarning, stacklevel=2)
                continue
            out[lname], owner[lname] = parser, name
    host.layouts = out
    return out


def _as_match(out: Any) -> RegionMatch:
    if isinstance(out, RegionMatch):
        return out
    if isinstance(out, str):
        return RegionMatch(out, "the plugin recognised the report", 1)
    if isinstance(out, tuple) and len(out) in (2, 3):
        return RegionMatch(str(out[0]), str(out[1]), int(out[2]) if len(out) == 3 else 1)
    raise TypeError(f"expected a RegionMatch, (code, evidence) or a code, got {out!r}")


def detect_region(host: PluginHost, lines: list[str]) -> tuple[str | None, str]:
    """Ask every plugin whether the report is its region: (region code or None, how).

    Only a claim counts (``checker.region``: a place in the department name 3, on the cover or
    in a table header 2); a layout signature alone (score 1) never sets a region. The strongest
    claim wins; two regions tied at the top are told apart by a layout signature when exactly
    one of them has one, else the region is not detected. A plugin that answers a bare code or
    a ``(code, evidence)`` pair claims the report (score 2). No claim gives
    ``(None, "not detected: …national rules only")``, naming any signature that was seen.
    """
    claims: list[tuple[str, RegionMatch]] = []
    signatures: list[tuple[str, RegionMatch]] = []
    for name, out in host.call("checker_detect_region", lines=lines):
        try:
            if isinstance(out, str):  # the plugin's own recognition: a claim
                match = RegionMatch(out, "the plugin recognised the report", CLAIM)
            elif isinstance(out, tuple) and len(out) == 2:
                match = RegionMatch(str(out[0]), str(out[1]), CLAIM)
            else:
                match = _as_match(out)
        except (TypeError, ValueError) as exc:
            host.fail(name, f"checker_detect_region: {exc}")
            continue
        (claims if match.score >= CLAIM else signatures).append((name, match))
    if not claims:
        if not signatures:
            return None, NOT_DETECTED
        seen = "; ".join(f"plugin {n} ({m.code}): {m.evidence}" for n, m in signatures)
        return None, (f"not detected: no plugin claimed it (a layout signature alone is no "
                      f"claim: {seen}); national rules only")
    best = max(m.score for _, m in claims)
    top = [(n, m) for n, m in claims if m.score == best]
    if len({m.code.upper() for _, m in top}) > 1:
        signed = [(n, m) for n, m in top if m.signature]
        if len({m.code.upper() for _, m in signed}) == 1:
            name, match = signed[0]
            return match.code.upper(), f"plugin {name}: {match.evidence} (tie broken by the signature)"
        who = "; ".join(f"plugin {n}: {m.code} ({m.evidence})" for n, m in top)
        return None, f"not detected: ambiguous ({who}); national rules only"
    name, match = top[0]
    return match.code.upper(), f"plugin {name}: {match.evidence}"


def missing_region(host: PluginHost, lines: list[str]) -> RegionMatch | None:
    """The claim of a region the core knows (``checker.region.known_regions``: the region files
    of this repository's region packages) whose plugin is not installed, or None.

    Asked when no installed plugin claimed a report, so that a report checked without its
    region's rules says so instead of silently passing the national rules only. Nothing is
    asked when the plugins are disabled (``--no-plugins``): the user chose the national set.
    """
    if host.disabled:
        return None
    installed = {str(info.get("code", "")).upper()
                 for _, info in host.call("checker_plugin_info") if isinstance(info, dict)}
    claims = []
    for spec in known_regions():
        if spec.code.upper() in installed:
            continue
        match = match_region(lines, spec)
        if match is not None and match.score >= CLAIM:
            claims.append((match, spec))
    best = max((m.score for m, _ in claims), default=0)
    top = [(m, spec) for m, spec in claims if m.score == best]
    if len(top) != 1:  # none, or two regions tied: nothing certain to say
        return None
    found, spec = top[0]
    where = f"{spec.package} (plugins/{spec.folder} of budget-checker)" if spec.package else "its package"
    return RegionMatch(spec.code.upper(), f"region {spec.code.upper()} ({found.evidence}), but its "
                       f"plugin {where} is not installed", found.score, found.signature)


def _detect(host: PluginHost, lines: list[str]) -> tuple[str | None, str, str | None]:
    """:func:`detect_region`, and when no installed plugin claims the report, the code of a
    known region whose plugin is missing (:func:`missing_region`), with its evidence in ``how``."""
    code, how = detect_region(host, lines)
    if code is not None or how.startswith("not detected: ambiguous"):
        return code, how, None
    missing = missing_region(host, lines)
    if missing is None:
        return code, how, None
    return None, f"not detected: {missing.evidence}; national rules only", missing.code


def run_post_parse(host: PluginHost, document: Document, registry: TemplateRegistry) -> None:
    """Run every plugin's ``checker_post_parse`` step on a parsed document (in place)."""
    host.call("checker_post_parse", document=document, registry=registry)


def fact_patterns(host: PluginHost) -> PatternSet:
    """The national fact patterns and the plugins' (``checker_fact_patterns``), in that order
    (compiled once per set of files). A plugin whose pattern files cannot be read is skipped
    (:meth:`PluginHost.fail`); the others' patterns are used."""
    paths = [national_pattern_path()]
    for name, result in host.call("checker_fact_patterns"):
        try:
            mine = [Path(p) for p in result if Path(p) not in paths]
            load_patterns([*paths, *mine])
        except Exception as exc:  # a plugin's bad file must not stop the run
            host.fail(name, f"fact patterns cannot be read: {type(exc).__name__}: {exc}")
            continue
        paths.extend(mine)
    return load_patterns(paths)


def parse_with_plugins(path: Path, host: PluginHost, registry: TemplateRegistry,
                       region: str | None = None) -> Document:
    """Read a report, detect its region (unless ``region`` is given), parse it, run post-steps.

    The templates are those in force for the region (:meth:`TemplateRegistry.for_region`);
    ``meta.region`` and ``meta.region_detected_by`` say what was found and how. A ``.json``
    document written by ``checker parse`` is loaded as it is; ``region`` overrides its region,
    and a document without one (parsed with ``--no-plugins``) is detected from its text.
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        document = load_document_json(path, fact_patterns(host))
        if region:
            document.meta.region = region.upper()
            document.meta.region_detected_by = "given by the user"
        elif document.meta.region is None:
            # a document parsed without plugins: detect from the text it keeps
            (document.meta.region, document.meta.region_detected_by,
             document.meta.region_missing) = _detect(host, document_lines(document))
        return document
    return parse_raw_with_plugins(read_path(path), host, registry, region)


def parse_raw_with_plugins(raw: RawDocument, host: PluginHost, registry: TemplateRegistry,
                           region: str | None = None) -> Document:
    """Detect the region of lines already read (unless ``region`` is given), parse them with
    that region's templates and run the plugins' post-parse steps."""
    missing = None
    if region:
        code: str | None = region.upper()
        how = "given by the user"
    else:
        code, how, missing = _detect(host, raw.lines)
    document = parse_raw(raw, registry.for_region(code), code, how, fact_patterns(host),
                         plugin_layouts(host))
    document.meta.region_missing = missing
    run_post_parse(host, document, registry)
    return document


def document_lines(document: Document) -> list[str]:
    """The text a parsed document keeps, as lines for region detection: the department, the
    section headings and texts, the table titles and notes."""
    lines = [document.meta.department or ""]
    for top in document.sections:
        for s in top.walk():
            lines.append(s.title)
            lines.extend(s.text.splitlines())
    for t in document.tables:
        lines.append(t.title)
        lines.extend(n.text for n in t.notes)
    lines.extend(e.title for e in document.listed_tables)
    return lines


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


def describe_plugins(host: PluginHost, registry: TemplateRegistry) -> str:
    """One line per plugin: name, version, region, templates added, extends, rule files, rules
    and its description (``checker_plugin_info``: a region package's manifest ``description``).

    ``registry`` must have been built from ``host`` (:func:`build_registry`), which records what
    each plugin added. Failed plugins follow, one line each.
    """
    infos = dict(host.call("checker_plugin_info"))
    rule_paths: dict[str, list[Any]] = {}
    for name, paths in host.call("checker_rule_paths"):
        rule_paths[name] = list(paths) if isinstance(paths, list | tuple) else []
    head = (f"{'plugin':12} {'version':9} {'region':12} {'templates':>9} {'extends':>7} "
            f"{'rule files':>10} {'rules':>5} description")
    lines = [head]
    for name, version, _ in host.loaded:
        info = infos.get(name) or {}
        region = " ".join(str(x) for x in (info.get("code"), info.get("region")) if x) or "?"
        added = host.contributions.get(name) or {"templates": 0, "extends": 0}
        files, rules = _count_rules(rule_paths.get(name, []))
        description = " ".join(str(info.get("description") or "").split())
        lines.append(f"{name:12} {version:9} {_pad(region, 12)} {added['templates']:>9} "
                     f"{added['extends']:>7} {files:>10} {rules:>5} {description}".rstrip())
    for name, error in host.failed:
        lines.append(f"{name:12} FAILED: {error}")
    if host.disabled:
        lines.append(f"installed plugins not loaded ({host.disabled})")
    return "\n".join(lines)
