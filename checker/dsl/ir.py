"""The compiled form of a rule (what :mod:`checker.dsl.compiler` builds and
:mod:`checker.dsl.evaluate` runs): statements holding closures ``fn(env) -> value``
(:class:`CLet`, :class:`CFor`, :class:`CWhen`, :class:`CAssert` with its :class:`CMessage`,
:class:`CRequireTables`), where a rule applies (:class:`AppliesSpec`), the rule
(:class:`CompiledRule`) and the rules of a run with their function table (:class:`RuleSet`).

Nothing here runs a rule or knows a name of the language; the closures come from the compiler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.dsl.function import Function
from checker.model import KIND_NAMES, Meta
from checker.templates.loader import Template

__all__ = [
    "AppliesSpec",
    "CAssert",
    "CFor",
    "CLet",
    "CMessage",
    "CRequireTables",
    "CWhen",
    "CompiledRule",
    "Fn",
    "RuleSet",
    "id_prefixes",
]

# a compiled expression: the evaluation environment (checker.dsl.evaluate.Env) → a value
Fn = Callable[[Any], Any]


@dataclass
class CLet:
    """``let name = expr``."""

    name: str
    fn: Fn
    line: int


@dataclass
class CFor:
    """A loop over a document collection (bounded by the data)."""

    var: str
    iterable: Fn
    where: Fn | None
    body: list[Any]
    line: int
    src: str


@dataclass
class CWhen:
    """A guard: false → the instance is not applicable."""

    cond: Fn
    body: list[Any]
    line: int
    src: str


@dataclass
class CMessage:
    """A message template: literal text and placeholders (builtin name, or a compiled expr)."""

    parts: list[str | tuple[str, Fn | None]]


@dataclass
class CAssert:
    """An assertion; ``op`` and the side texts when it is a comparison."""

    fn: Fn
    line: int
    src: str
    op: str | None = None
    left_src: str = ""
    right_src: str = ""
    message: CMessage | None = None


@dataclass
class CRequireTables:
    """``require table …``: one result per table (each a choice of templates by report kind)."""

    templates: list[tuple[Template, ...]]
    line: int
    message: CMessage | None = None


@dataclass(frozen=True)
class AppliesSpec:
    """Where a rule applies: kinds (final/budget), regions, years; empty = everywhere."""

    kinds: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    # regions whose package replaces this rule with its own convention (``except region``)
    excluded: frozenset[str] = frozenset()
    # (region, why the rule is not checked there: the rule that takes its place, or the reason it
    # does not hold): a package's ``replaces:`` / ``omits:`` (region.yaml), set by
    # ``checker.plugins.replacements.apply_replacements``
    replaced: tuple[tuple[str, str], ...] = ()

    def reason_not_applicable(self, meta: Meta) -> str | None:
        """None when the rule applies to a document with this meta; otherwise why not."""
        if self.kinds and meta.kind is not None and meta.kind not in self.kinds:
            return f"applies to {self.describe_kinds()} only (document is {meta.kind})"
        instead = dict(self.replaced).get(meta.region.upper()) if meta.region else None
        if instead is not None:
            return instead
        if meta.region is not None and meta.region.upper() in self.excluded:
            return f"not for region {meta.region} (its package checks this by its own convention)"
        if self.regions:
            if meta.region is None:
                return f"applies to region {', '.join(sorted(self.regions))}; document region unknown"
            if meta.region.upper() not in self.regions:
                return f"applies to region {', '.join(sorted(self.regions))} (document is {meta.region})"
        if self.year_from is not None or self.year_to is not None:
            if meta.year is None:
                return f"applies to years {self.describe_years()}; document year unknown"
            if (self.year_from is not None and meta.year < self.year_from) or (
                self.year_to is not None and meta.year > self.year_to
            ):
                return f"applies to years {self.describe_years()} (document is {meta.year})"
        return None

    def describe_kinds(self) -> str:
        """``决算`` / ``预算`` / ``决算, 预算``."""
        return ", ".join(KIND_NAMES.get(k, k) for k in sorted(self.kinds)) or "all"

    def describe_years(self) -> str:
        """``2023-2024``, ``2023-``, ``-2024``."""
        a = str(self.year_from) if self.year_from is not None else ""
        b = str(self.year_to) if self.year_to is not None else ""
        return a if a == b else f"{a}-{b}"

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"kinds": sorted(self.kinds), "regions": sorted(self.regions),
                "except_regions": sorted(self.excluded),
                "not_checked_in": {r: why for r, why in self.replaced},
                "year_from": self.year_from, "year_to": self.year_to}


@dataclass
class CompiledRule:
    """A rule ready to run."""

    id: str
    title: str
    severity: str
    tags: tuple[str, ...]
    applies: AppliesSpec
    message: str | None
    body: list[Any]
    path: str
    line: int
    text: str = ""
    # what the rule reads of a report: "tables" (a table, the tables, the 目录 list) and/or
    # "narrative" (the 说明: facts, headings, section text); a file holding one half of a report
    # published as two (Meta.holds) makes a rule on the other half not applicable
    reads: frozenset[str] = frozenset()

    @property
    def source(self) -> str:
        """``file:line`` of the rule header."""
        return f"{self.path}:{self.line}"


@dataclass
class RuleSet:
    """Compiled rules, in file order, and the function table they were compiled with."""

    rules: list[CompiledRule]
    functions: dict[str, Function] = field(default_factory=dict)

    def get(self, rule_id: str) -> CompiledRule | None:
        """The rule with this id, or None."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def select(self, include: Iterable[str] | None = None,
               exclude: Iterable[str] | None = None) -> RuleSet:
        """Rules whose id (or an id prefix ending before a dot, or a tag) is included and not
        excluded."""
        inc = set(include or [])
        exc = set(exclude or [])

        def match(rule: CompiledRule, names: set[str]) -> bool:
            return bool(id_prefixes(rule.id) & names) or any(t in names for t in rule.tags)

        return RuleSet(
            [r for r in self.rules if (not inc or match(r, inc)) and not match(r, exc)],
            self.functions,
        )


def id_prefixes(rule_id: str) -> set[str]:
    """A rule id and every prefix of it ending before a dot: ``GS.B13.staff`` → ``GS``,
    ``GS.B13``, ``GS.B13.staff`` (what ``--select`` / ``--ignore`` match)."""
    parts = rule_id.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
