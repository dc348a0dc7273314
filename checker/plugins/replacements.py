"""The plugins' ``checker_rule_replacements`` applied to the compiled rules: a national rule a
region package replaces (or omits) is not applicable in that region's reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from checker.dsl.ir import RuleSet
from checker.errors import InputError
from checker.plugins.host import PluginHost

__all__ = ["apply_replacements"]


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
