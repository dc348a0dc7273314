"""Compile parsed rules: resolve every name against the templates, before any report is read.

Input: :mod:`checker.dsl.ast` trees (from :mod:`checker.dsl.parse`), a
:class:`~checker.templates.loader.TemplateRegistry` and the function table
(:mod:`checker.dsl.functions` plus plugins). Output: a :class:`RuleSet` of
:class:`CompiledRule` whose statements hold Python closures ``fn(env) -> value`` — no ``eval``,
no source text is ever executed.

Name resolution (errors are :class:`~checker.dsl.parse.RuleError` with a suggestion):

* a bare name is, in order: a variable (loop variable or ``let``), ``tables`` (every table of
  the document), or a table by name, alias or id (``支出决算表``, ``公开03表``, ``final.T03``;
  in a rule that ``applies`` to one kind, that kind's tables first). Inside ``[…]`` lists a name
  that is neither is a *column name* (``for col in [基本支出, 项目支出]``).
* ``table[x]`` is a row: a number is a subject code (``支出决算表[2080505]``), a name or string a
  fixed row of the template or a printed label (``支出决算表[合计]``, ``收入支出决算总表[本年收入合计]``),
  any other expression is evaluated (a code string, or a row of another table: its code).
  Templates with a fixed row list (two-sided tables) reject unknown row names at compile time.
* ``row.X`` / ``row[X]`` is the cell in column ``X`` (key or alias, through the template, on the
  row's side of a two-sided table); ``row.label`` (also ``科目名称``, ``名称``, ``项目``),
  ``row.code`` (``科目编码``, ``编码``), ``row.key``, ``row.side``, ``row.line`` are properties.
* ``table.rows`` (also ``行``), ``.empty``, ``.present``, ``.id``, ``.name``, ``.title``,
  ``.code``, ``.unit``, ``.notes`` are table properties.
* a call names a function of the function table, with its arity checked.
* ``f.X`` on a narrative fact (``for f in facts("占比")``) is a fact property (``value``,
  ``unit``, ``line``, ``sentence``, ``name``, ``label``, ``section``, ``text``, ``decimals``)
  or, resolved when the rule runs, a fact of the same match or a text capture (``f.预算数``,
  ``f.方向``).

Placeholders of ``message "…"`` are expressions too, compiled in the scope of each assertion;
``{left}``, ``{right}``, ``{diff}``, ``{tolerance}``, ``{op}``, ``{rule}``, ``{title}`` are
filled in by the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from checker.dsl import ast
from checker.dsl.function import Function, as_function
from checker.dsl.functions import builtin_functions
from checker.dsl.parse import RuleError, parse_text, suggest
from checker.dsl.rule_cache import parse_file_cached
from checker.dsl.values import (
    LISTED_PROPS,
    ColumnName,
    Comparison,
    FactRef,
    ListedRef,
    Missing,
    NotEvaluated,
    Q,
    RowRef,
    RowSel,
    TableRef,
    compare,
    display,
    exact,
    truthy,
)
from checker.labels import norm, strip_ordinal
from checker.model import KIND_NAMES, Meta
from checker.templates.loader import Template, TemplateRegistry

__all__ = [
    "AppliesSpec",
    "CompiledRule",
    "RuleError",
    "RuleSet",
    "compile_rules",
    "compile_text",
    "compile_text_errors",
]

Fn = Callable[[Any], Any]

SEVERITIES = ("error", "warning", "info")
KINDS = {"决算": "final", "final": "final", "预算": "budget", "budget": "budget",
         "*": None, "any": None, "all": None, "全部": None}
ROW_PROPS = {"label": "label", "code": "code", "key": "key", "side": "side", "line": "line"}
ROW_LABEL_WORDS = {"科目名称": "label", "名称": "label", "项目": "label", "科目编码": "code",
                   "编码": "code"}
TABLE_PROPS = ("rows", "行", "empty", "present", "id", "name", "title", "code", "unit", "notes",
               "subject", "line", "listed", "declared_empty", "tree")


# ---- static types (what the compiler knows about a value)


@dataclass(frozen=True)
class Ty:
    """The compile-time kind of a value: num, bool, str, none, row, table, list, colname, any."""

    kind: str
    template: Template | None = None
    elem: Ty | None = None
    side: str | None = None
    names: tuple[str, ...] = ()
    alts: tuple[Template, ...] = ()

    def templates(self) -> list[Template]:
        """The template and the alternatives (same name in another report kind)."""
        return [t for t in (self.template, *self.alts) if t is not None]


ANY = Ty("any")
NUM = Ty("num")
BOOL = Ty("bool")
STR = Ty("str")


# ---- compiled statements


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
    # ``checker.plugins.apply_replacements``
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


# ---- runtime helpers used by the closures


def _iterate(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, TableRef):
        return _rows(value)
    raise NotEvaluated(f"cannot loop over {display(value)!r}")


def _rows(tref: TableRef) -> list[RowRef]:
    view = tref.need_data()
    return [RowRef(view, r) for r in view.rows()]


def _row_of(value: Any, sel: RowSel) -> RowRef:
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    view = value.need_data()
    row = view.find(sel)
    if row is None:
        raise Missing(f"row {sel.shown} not found in {view.label}")
    return RowRef(view, row)


def _row_of_alt(value: Any, sels: dict[str, RowSel]) -> RowRef:
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    return _row_of(value, sels[value.template_id])


def _dynamic_sel(key: Any) -> RowSel:
    if isinstance(key, RowRef):
        r = key.row
        if r.code:
            return RowSel(code=r.code, shown=r.code)
        return RowSel(key=r.key, names=(strip_ordinal(r.label),), shown=r.label)
    if isinstance(key, Q):
        if key.value == key.value.to_integral():
            s = format(key.value.to_integral(), "f")
            return RowSel(code=s, shown=s)
        raise NotEvaluated(f"{display(key)} is not a subject code")
    if isinstance(key, ColumnName):
        key = key.name
    if isinstance(key, str):
        if key.isdigit():
            return RowSel(code=key, shown=key)
        return RowSel(key=key, names=(strip_ordinal(key),), shown=key)
    raise NotEvaluated(f"cannot name a row by {display(key)!r}")


def _row_prop(rr: RowRef, prop: str) -> Any:
    r = rr.row
    if prop == "line":
        return exact(r.line)
    return getattr(r, prop)


def _attr(value: Any, name: str) -> Any:
    if isinstance(value, RowRef):
        if name in ROW_PROPS:
            return _row_prop(value, ROW_PROPS[name])
        try:
            return value.get(name)
        except Missing:
            if name in ROW_LABEL_WORDS:
                return _row_prop(value, ROW_LABEL_WORDS[name])
            raise
    if isinstance(value, TableRef):
        return _table_prop(value, name)
    if isinstance(value, (FactRef, ListedRef)):
        return value.get(name)
    raise NotEvaluated(f"{display(value)!r} has no {name}")


def _table_prop(t: TableRef, name: str) -> Any:
    if name in ("rows", "行"):
        return _rows(t)
    if name == "present":
        return t.view is not None
    if name == "id":
        return t.template_id
    if name == "name":
        return t.name
    if name == "tree":
        # the columns the template declares additive over its code tree, as column names
        template = t.doc.registry.get(t.template_id) if t.doc and t.doc.registry else None
        return [ColumnName(c) for c in (template.tree if template else [])]
    if name in ("listed", "declared_empty"):
        # what the report's 目录 / 附表 list says about the table (its 是否空表 column)
        entry = t.doc.listing(t.template_id) if t.doc is not None else None
        if name == "listed":
            return entry is not None
        if entry is None or entry.empty_declared is None:
            # absent, not unreadable: exists(t.declared_empty) is false
            raise Missing(f"the 目录 does not say whether table {t.name} is empty")
        return entry.empty_declared
    view = t.need()
    if name == "empty":
        # a table whose figures were printed but could not be placed in its cells (the parser
        # says it is not empty and kept them in Table.unassigned) is not an empty table
        return view.empty and (view.table.empty or not view.table.unassigned)
    if name == "title":
        return view.table.title
    if name == "code":
        return view.table.code
    if name == "unit":
        return view.table.unit
    if name == "notes":
        return [n.text for n in view.table.notes]
    if name == "subject":
        return view.table.subject or view.table.title
    if name == "line":
        return view.table.line
    raise NotEvaluated(f"a table has no property {name}")


def _column(value: Any, name: Any) -> Q:
    if isinstance(name, ColumnName):
        name = name.name
    if not isinstance(value, RowRef):
        raise NotEvaluated(f"{display(value)!r} is not a row")
    if not isinstance(name, str):
        raise NotEvaluated(f"{display(name)!r} is not a column name")
    return value.get(name)


def _arith(op: str) -> Callable[[Any, Any], Q]:
    def f(a: Any, b: Any) -> Q:
        if type(a) is Q and type(b) is Q:
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            return a / b
        raise NotEvaluated(f"cannot compute {display(a)!r} {ast.OP_DISPLAY[op]} {display(b)!r}")

    return f


class _Failed:
    """A ``let`` whose value could not be computed; reading it is not_evaluated."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_UNSET = object()


def _var(name: str) -> Fn:
    def fn(env: Any) -> Any:
        v = env.vars[name]
        if type(v) is _Failed:
            raise NotEvaluated(v.reason)
        return v

    return fn


def _const(value: Any) -> Fn:
    return lambda env: value


# ---- the compiler


class _Compiler:
    def __init__(self, registry: TemplateRegistry, functions: dict[str, Function],
                 rfile: ast.RuleFile) -> None:
        self.registry = registry
        self.functions = functions
        self.path = rfile.path
        self.lines = rfile.text.splitlines()
        self.kind: str | None = None
        # normalised table name → its templates in registry order (the registry is complete
        # when rules are compiled; looking names up is most of the compiler's own time)
        self.named: dict[str, list[Template]] = {}
        for t in registry.templates:
            for n in dict.fromkeys(t.names()):
                self.named.setdefault(n, []).append(t)

    # -- errors
    def error(self, node: Any, message: str, suggestion: str | None = None,
              pos: tuple[int, int] | None = None) -> RuleError:
        line, col = pos if pos else (getattr(node, "line", 0), getattr(node, "col", 0))
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return RuleError(self.path, line, col, message, src, suggestion)

    def table(self, name: str) -> Template | None:
        """The template a table name means: of the rule's report kind first (as
        ``TemplateRegistry.by_name``)."""
        found = self.tables(name)
        return found[0] if found else None

    def tables(self, name: str) -> list[Template]:
        """Every template a table name may mean: one per report kind when the rule names none."""
        named = self.named.get(norm(name), [])
        found = [t for t in named if self.kind is None or t.kind == self.kind]
        return found or list(named)

    def table_expr(self, name: str) -> tuple[Fn, Ty] | None:
        """A table reference; a name shared by several kinds is chosen by the document's kind."""
        found = self.tables(name)
        if not found:
            return None
        self.reads.add("tables")
        if len(found) == 1:
            t = found[0]
            return (lambda env: env.doc.ref(t)), Ty("table", t)
        choices = tuple(found)
        return (lambda env: env.doc.ref_for_kind(choices)), Ty("table", found[0], alts=choices[1:])

    # -- rules
    def rule(self, node: ast.Rule, text: str) -> CompiledRule:
        severity = node.severity or "error"
        if severity not in SEVERITIES:
            raise self.error(node, f"unknown severity '{severity}'", suggest(severity, SEVERITIES),
                             pos=node.severity_pos)
        applies = AppliesSpec()
        self.kind = None
        if node.applies is not None:
            a = node.applies
            kinds: frozenset[str] = frozenset()
            if a.kind is not None:
                if a.kind not in KINDS:
                    raise self.error(a, f"unknown report kind '{a.kind}'", suggest(a.kind, KINDS))
                k = KINDS[a.kind]
                kinds = frozenset([k]) if k else frozenset()
                self.kind = k
            applies = AppliesSpec(kinds, frozenset(r.upper() for r in a.regions if r not in ("*", "★")),
                                  a.year_from, a.year_to, frozenset(r.upper() for r in a.excluded))
        scope: dict[str, Ty] = {}
        self.reads: set[str] = set()
        body = self.block(node.body, scope, node)
        if not body:
            raise self.error(node, f"rule {node.id} has nothing to check")
        return CompiledRule(node.id, node.title, severity, tuple(node.tags), applies, node.message,
                            body, self.path, node.line, text, frozenset(self.reads))

    def block(self, stmts: list[Any], scope: dict[str, Ty], rule: ast.Rule) -> list[Any]:
        scope = dict(scope)
        out: list[Any] = []
        for s in stmts:
            out.append(self.stmt(s, scope, rule))
        return out

    def stmt(self, s: Any, scope: dict[str, Ty], rule: ast.Rule) -> Any:
        if isinstance(s, ast.Let):
            fn, ty = self.expr(s.expr, scope)
            scope[s.name] = ty
            return CLet(s.name, fn, s.line)
        if isinstance(s, ast.For):
            it, ity = self.expr(s.iterable, scope)
            elem = self.elem_type(ity, s.iterable)
            inner = dict(scope)
            inner[s.var] = elem
            where = self.expr(s.where, inner)[0] if s.where is not None else None
            src = f"{s.iterable.src}" + (f" where {s.where.src}" if s.where is not None else "")
            return CFor(s.var, it, where, self.block(s.body, inner, rule), s.line, src)
        if isinstance(s, ast.When):
            cond, _ = self.expr(s.cond, scope)
            return CWhen(cond, self.block(s.body, scope, rule), s.line, s.cond.src)
        if isinstance(s, ast.Assert):
            fn, _ = self.expr(s.expr, scope)
            out = CAssert(fn, s.line, " ".join(s.expr.src.split()))
            if isinstance(s.expr, ast.Compare | ast.Approx):
                out.op = s.expr.op if isinstance(s.expr, ast.Compare) else "~="
                out.left_src = " ".join(s.expr.left.src.split())
                out.right_src = " ".join(s.expr.right.src.split())
            if rule.message is not None:
                out.message = self.message(rule, scope)
            return out
        if isinstance(s, ast.RequireTables):
            self.reads.add("tables")
            templates = []
            for name, pos in zip(s.names, s.positions, strict=True):
                found = self.tables(name)
                if not found:
                    raise self.error(s, f"unknown table '{name}'",
                                     suggest(name, self.registry.all_names()), pos=pos)
                templates.append(tuple(found))
            msg = self.message(rule, scope) if rule.message is not None else None
            return CRequireTables(templates, s.line, msg)
        raise self.error(s, f"unexpected statement {type(s).__name__}")  # pragma: no cover

    def message(self, rule: ast.Rule, scope: dict[str, Ty]) -> CMessage:
        parts: list[str | tuple[str, Fn | None]] = []
        for part in rule.message_parts:
            if isinstance(part, str):
                parts.append(part)
            elif part.expr is None:
                parts.append((part.text, None))
            else:
                parts.append((part.text, self.expr(part.expr, scope)[0]))
        return CMessage(parts)

    # -- types
    def elem_type(self, ty: Ty, node: Any) -> Ty:
        if ty.kind == "list":
            return ty.elem or ANY
        if ty.kind == "table":
            return Ty("row", ty.template, alts=ty.alts)
        if ty.kind == "any":
            return ANY
        raise self.error(node, f"cannot loop over {node.src!r}: not a collection "
                               "(write e.g. 支出决算表.rows, children(row), [a, b])")

    def need_number(self, ty: Ty, node: Any, what: str) -> None:
        if ty.kind in ("row", "table", "list", "colname", "str", "bool"):
            hint = " — name a column, e.g. row.本年支出合计" if ty.kind == "row" else ""
            raise self.error(node, f"{what} needs a number, but {node.src!r} is a {ty.kind}{hint}")

    # -- expressions
    def expr(self, node: Any, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        method = getattr(self, "x_" + type(node).__name__)
        return method(node, scope)

    def x_Num(self, node: ast.Num, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return _const(exact(node.value, node.text)), NUM

    def x_Str(self, node: ast.Str, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return _const(node.value), STR

    def x_Const(self, node: ast.Const, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return _const(node.value), (BOOL if node.value is not None else Ty("none"))

    def x_Name(self, node: ast.Name, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        name = node.name
        if name in scope:
            return _var(name), scope[name]
        if name == "tables":
            self.reads.add("tables")
            return (lambda env: env.doc.all_tables()), Ty("list", elem=Ty("table"))
        if name == "listed":
            self.reads.add("tables")
            return (lambda env: env.doc.listed()), Ty("list", elem=Ty("listed"))
        if name == "trees":
            self.reads.add("tables")
            return (lambda env: env.doc.trees()), Ty("list", elem=Ty("table"))
        found = self.table_expr(name)
        if found is not None:
            return found
        cands = [*scope, "tables", "listed", "trees", *self.registry.all_names()]
        raise self.error(node, f"unknown name '{name}' (not a variable or a table)",
                         suggest(name, cands))

    def x_ListLit(self, node: ast.ListLit, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fns: list[Fn] = []
        tys: list[Ty] = []
        names: list[str] = []
        for item in node.items:
            if (isinstance(item, ast.Name) and item.name not in scope
                    and item.name not in ("tables", "listed", "trees")
                    and not self.tables(item.name)):
                fns.append(_const(ColumnName(item.name)))
                tys.append(Ty("colname"))
                names.append(item.name)
                continue
            f, t = self.expr(item, scope)
            fns.append(f)
            tys.append(t)
        if names and len(names) == len(tys):
            elem = Ty("colname", names=tuple(names))
            self._colname_nodes = {n.name: n for n in node.items if isinstance(n, ast.Name)}
        else:
            elem = tys[0] if tys and all(t == tys[0] for t in tys) else ANY
        return (lambda env: [f(env) for f in fns]), Ty("list", elem=elem)

    def check_column(self, ty: Ty, name: str) -> bool:
        """True when the column resolves in one of the row's templates (or cannot be checked)."""
        templates = ty.templates()
        if not templates:
            return True
        for template in templates:
            sides = [ty.side] if ty.side else [None, *sorted({c.side for c in template.columns
                                                              if c.side})]
            if any(template.column(name, s) for s in sides):
                return True
        return False

    def column_error(self, template: Template, name: str, node: Any,
                     pos: tuple[int, int] | None = None) -> RuleError:
        cands = [n for c in template.columns for n in [c.key, *c.aliases]]
        return self.error(node, f"table {template.name} ({template.id}) has no column '{name}'",
                          suggest(name, cands), pos=pos)

    def x_Attr(self, node: ast.Attr, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        name = node.name
        obj = node.obj
        if isinstance(obj, ast.Name) and obj.name not in scope:
            found = self.table_expr(f"{obj.name}.{name}")
            if found is not None:
                return found
        of, ot = self.expr(obj, scope)
        if ot.kind == "table":
            if name not in TABLE_PROPS:
                raise self.error(node, f"a table has no property '{name}'",
                                 suggest(name, TABLE_PROPS))
            if name in ("rows", "行"):
                return ((lambda env: _iterate_rows(of(env))),
                        Ty("list", elem=Ty("row", ot.template, alts=ot.alts)))
            kind = {"empty": BOOL, "present": BOOL, "listed": BOOL, "declared_empty": BOOL,
                    "notes": Ty("list", elem=STR),
                    "tree": Ty("list", elem=Ty("colname"))}.get(name, STR)
            return (lambda env: _table_prop(of(env), name)), kind
        if ot.kind == "row":
            if name in ROW_PROPS:
                prop = ROW_PROPS[name]
                kind = NUM if prop == "line" else STR
                return (lambda env: _row_prop(_need_row(of(env)), prop)), kind
            if self.check_column(ot, name):
                return (lambda env: _column(of(env), name)), NUM
            if name in ROW_LABEL_WORDS:
                prop = ROW_LABEL_WORDS[name]
                return (lambda env: _row_prop(_need_row(of(env)), prop)), STR
            assert ot.template is not None
            raise self.column_error(ot.template, name, node)
        if ot.kind == "fact":
            kind = {"value": NUM, "line": NUM, "decimals": NUM, "unit": STR, "sentence": STR,
                    "name": STR, "label": STR, "section": STR, "text": STR, "pattern": STR
                    }.get(name, ANY)
            return (lambda env: _attr(of(env), name)), kind
        if ot.kind == "listed":
            if name not in LISTED_PROPS:
                raise self.error(node, f"a listed table has no property '{name}'",
                                 suggest(name, LISTED_PROPS))
            kind = {"present": BOOL, "empty_declared": BOOL, "line": NUM, "table": Ty("table")
                    }.get(name, STR)
            return (lambda env: _attr(of(env), name)), kind
        if ot.kind in ("any",):
            return (lambda env: _attr(of(env), name)), ANY
        raise self.error(node, f"{obj.src!r} is a {ot.kind}; it has no '{name}'")

    def x_Index(self, node: ast.Index, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        of, ot = self.expr(node.obj, scope)
        key = node.key
        if ot.kind == "table" and ot.template is None:
            # a table bound at run time (``for t in tables``): its rows and columns are resolved
            # when the rule runs, against the table's own template
            if isinstance(key, ast.Name) and key.name not in scope:
                label = key.name
                return (lambda env: _row_of(of(env), _dynamic_sel(label))), ANY
            kf, _ = self.expr(key, scope)
            return (lambda env: _row_of(of(env), _dynamic_sel(kf(env)))), ANY
        if ot.kind == "table":
            t = ot.template
            assert t is not None
            sel: RowSel | None = None
            side = None
            if isinstance(key, ast.Num):
                sel = RowSel(code=key.text, shown=key.text)
            elif isinstance(key, ast.Str) or (isinstance(key, ast.Name) and key.name not in scope):
                label = key.value if isinstance(key, ast.Str) else key.name
                sel = self.row_sel_any(ot, label, key)
                side = sel.side
            if sel is not None:
                fixed = sel
                if ot.alts:  # resolve the row against the template the document's kind picks
                    sels = {tt.id: self.row_sel(tt, label, key, strict=False) for tt in ot.templates()}
                    return ((lambda env: _row_of_alt(of(env), sels)),
                            Ty("row", t, side=side, alts=ot.alts))
                return (lambda env: _row_of(of(env), fixed)), Ty("row", t, side=side)
            kf, _ = self.expr(key, scope)
            return ((lambda env: _row_of(of(env), _dynamic_sel(kf(env)))),
                    Ty("row", t, alts=ot.alts))
        if ot.kind == "row":
            if isinstance(key, ast.Str) or (isinstance(key, ast.Name) and key.name not in scope):
                name = key.value if isinstance(key, ast.Str) else key.name
                if not self.check_column(ot, name):
                    assert ot.template is not None
                    raise self.column_error(ot.template, name, key)
                return (lambda env: _column(of(env), name)), NUM
            kf, kt = self.expr(key, scope)
            if kt.kind == "colname" and ot.template is not None:
                for n in kt.names:
                    if not self.check_column(ot, n):
                        src_node = getattr(self, "_colname_nodes", {}).get(n, key)
                        raise self.column_error(ot.template, n, src_node)
            return (lambda env: _column(of(env), kf(env))), NUM
        if ot.kind == "any":
            kf, _ = self.expr(key, scope) if not isinstance(key, ast.Name) or key.name in scope \
                else (_const(key.name), STR)
            return (lambda env: _index_any(of(env), kf(env))), ANY
        raise self.error(node, f"{node.obj.src!r} is a {ot.kind}; it cannot be indexed")

    def row_sel_any(self, ty: Ty, label: str, node: Any) -> RowSel:
        """The row selector in the first template that knows the row (error if none does)."""
        first: RuleError | None = None
        for t in ty.templates():
            try:
                return self.row_sel(t, label, node)
            except RuleError as exc:
                first = first or exc
        assert first is not None
        raise first

    def row_sel(self, t: Template, label: str, node: Any, strict: bool = True) -> RowSel:
        spec = t.row(label)
        if spec is not None:
            return RowSel(key=spec.key, side=spec.side, code=spec.code,
                          names=tuple(dict.fromkeys(spec.names())), shown=label)
        if label.isdigit():
            return RowSel(code=label, shown=label)
        wanted = strip_ordinal(label)
        totals = {strip_ordinal(x) for x in t.total_labels}
        if (strict and t.rows and t.layout not in ("code_rows", "economic_groups")
                and wanted not in totals):
            cands = [n for r in t.rows for n in [r.key, *r.labels]] + list(t.total_labels)
            raise self.error(node, f"table {t.name} ({t.id}) has no row '{label}'",
                             suggest(label, cands))
        return RowSel(key=label, names=(wanted,), shown=label)

    def x_Call(self, node: ast.Call, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        f = self.functions.get(node.func)
        if f is None:
            raise self.error(node, f"unknown function '{node.func}'",
                             suggest(node.func, self.functions))
        if f.reads:
            self.reads.add(f.reads)
        n = len(node.args)
        if n < f.min_args or (f.max_args is not None and n > f.max_args):
            want = (str(f.min_args) if f.max_args == f.min_args
                    else f"{f.min_args}–{f.max_args}" if f.max_args is not None
                    else f"at least {f.min_args}")
            raise self.error(node, f"{node.func}() takes {want} argument(s), got {n}")
        fns: list[Fn] = []
        tys: list[Ty] = []
        for a in node.args:
            if isinstance(a, ast.Gen):
                fn, ty = self.gen(a, scope)
            else:
                fn, ty = self.expr(a, scope)
            fns.append(fn)
            tys.append(ty)
        if (f.returns in ("rows", "row") and node.func != "row_by_label") \
                or node.func in ("level", "has_children"):
            if tys and tys[0].kind not in ("row", "any"):
                raise self.error(node.args[0], f"{node.func}() needs a row, "
                                               f"but {node.args[0].src!r} is a {tys[0].kind}")
        if node.func == "note" and tys and tys[0].kind not in ("table", "any"):
            raise self.error(node.args[0], f"note() needs a table, but {node.args[0].src!r} "
                                           f"is a {tys[0].kind}")
        template = tys[0].template if tys else None
        ret = {
            "number": NUM,
            "bool": BOOL,
            "rows": Ty("list", elem=Ty("row", template)),
            "row": Ty("row", template),
            "facts": Ty("list", elem=Ty("fact")),
            "fact": Ty("fact"),
        }.get(f.returns, ANY)
        impl = f.impl
        if f.lazy:
            def call_lazy(env: Any) -> Any:
                return impl(env, *[(lambda fn=fn: fn(env)) for fn in fns])
            return call_lazy, ret
        if len(fns) == 1:
            f0 = fns[0]
            return (lambda env: impl(env, f0(env))), ret
        return (lambda env: impl(env, *[fn(env) for fn in fns])), ret

    def gen(self, node: ast.Gen, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        itf, ity = self.expr(node.iterable, scope)
        inner = dict(scope)
        inner[node.var] = self.elem_type(ity, node.iterable)
        ef, ety = self.expr(node.expr, inner)
        wf = self.expr(node.where, inner)[0] if node.where is not None else None
        var = node.var

        def fn(env: Any) -> list[Any]:
            items = _iterate(itf(env))
            saved = env.vars.get(var, _UNSET)
            out = []
            try:
                for it in items:
                    env.vars[var] = it
                    if wf is not None and not truthy(wf(env)):
                        continue
                    out.append(ef(env))
            finally:
                if saved is _UNSET:
                    env.vars.pop(var, None)
                else:
                    env.vars[var] = saved
            return out

        return fn, Ty("list", elem=ety)

    def x_Gen(self, node: ast.Gen, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return self.gen(node, scope)

    def x_BinOp(self, node: ast.BinOp, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, ta = self.expr(node.left, scope)
        fb, tb = self.expr(node.right, scope)
        sym = ast.OP_DISPLAY[node.op]
        self.need_number(ta, node.left, f"'{sym}'")
        self.need_number(tb, node.right, f"'{sym}'")
        op = _arith(node.op)
        return (lambda env: op(fa(env), fb(env))), NUM

    def x_Neg(self, node: ast.Neg, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, ta = self.expr(node.operand, scope)
        self.need_number(ta, node.operand, "'-'")

        def fn(env: Any) -> Q:
            v = fa(env)
            if type(v) is not Q:
                raise NotEvaluated(f"cannot negate {display(v)!r}")
            return -v

        return fn, NUM

    def x_Compare(self, node: ast.Compare, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, ta = self.expr(node.left, scope)
        fb, tb = self.expr(node.right, scope)
        op = node.op
        if op not in ("=", "==", "!="):
            self.need_number(ta, node.left, f"'{ast.OP_DISPLAY[op]}'")
            self.need_number(tb, node.right, f"'{ast.OP_DISPLAY[op]}'")
        return (lambda env: compare(op, fa(env), fb(env))), Ty("cmp")

    def x_Approx(self, node: ast.Approx, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, ta = self.expr(node.left, scope)
        fb, tb = self.expr(node.right, scope)
        ft, tt = self.expr(node.tolerance, scope)
        for n, t in ((node.left, ta), (node.right, tb), (node.tolerance, tt)):
            self.need_number(t, n, "'≈'")

        def fn(env: Any) -> Comparison:
            tol = ft(env)
            if type(tol) is not Q:
                raise NotEvaluated(f"tolerance {display(tol)!r} is not a number")
            return compare("~=", fa(env), fb(env), tol)

        return fn, Ty("cmp")

    def x_BoolOp(self, node: ast.BoolOp, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, _ = self.expr(node.left, scope)
        fb, _ = self.expr(node.right, scope)
        if node.op == "and":
            return (lambda env: truthy(fa(env)) and truthy(fb(env))), BOOL
        return (lambda env: truthy(fa(env)) or truthy(fb(env))), BOOL

    def x_Not(self, node: ast.Not, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        fa, _ = self.expr(node.operand, scope)
        return (lambda env: not truthy(fa(env))), BOOL


def _need_row(value: Any) -> RowRef:
    if not isinstance(value, RowRef):
        raise NotEvaluated(f"{display(value)!r} is not a row")
    return value


def _iterate_rows(value: Any) -> list[RowRef]:
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    return _rows(value)


def _index_any(value: Any, key: Any) -> Any:
    if isinstance(value, TableRef):
        return _row_of(value, _dynamic_sel(key))
    if isinstance(value, RowRef):
        return _column(value, key)
    raise NotEvaluated(f"{display(value)!r} cannot be indexed")


# ---- public API


def _rule_texts(text: str, rules: list[ast.Rule]) -> list[str]:
    lines = text.splitlines()
    starts = [r.line for r in rules] + [len(lines) + 1]
    return ["\n".join(lines[a - 1 : b - 1]).rstrip() for a, b in pairwise(starts)]


def _functions(extra: dict[str, Any] | None) -> dict[str, Function]:
    table = builtin_functions()
    for name, f in (extra or {}).items():
        table[name] = as_function(name, f)
    return table


def _compile_file(rfile: ast.RuleFile, registry: TemplateRegistry,
                  functions: dict[str, Function], seen: dict[str, CompiledRule],
                  out: list[CompiledRule], errors: list[RuleError] | None = None) -> None:
    """Compile every rule of a parsed file into ``out``; the first error is raised, or, given
    ``errors``, each rule's error is kept there and the next rule compiled."""
    comp = _Compiler(registry, functions, rfile)
    for node, text in zip(rfile.rules, _rule_texts(rfile.text, rfile.rules), strict=True):
        try:
            if node.id in seen:
                raise comp.error(node, f"rule id {node.id} already defined at {seen[node.id].source}")
            rule = comp.rule(node, text)
        except RuleError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen[node.id] = rule
        out.append(rule)


def compile_rules(paths: list[Path], registry: TemplateRegistry,
                  functions: dict[str, Any] | None = None,
                  cache: Path | None = None) -> RuleSet:
    """Compile ``.rules`` files (folders are searched recursively) into a :class:`RuleSet`.

    Raises :class:`RuleError` (``file:line:col``, the line, a caret, a suggestion) on the first
    syntax or name error. ``functions`` adds plugin functions (:class:`Function` or callables).
    ``cache``: a cache folder whose parsed rule files are used and kept
    (:mod:`checker.dsl.rule_cache`); None parses every file.
    """
    table = _functions(functions)
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.rules")))
        else:
            files.append(p)
    seen: dict[str, CompiledRule] = {}
    rules: list[CompiledRule] = []
    for f in files:
        _compile_file(parse_file_cached(f, cache), registry, table, seen, rules)
    return RuleSet(rules, table)


def compile_text(text: str, registry: TemplateRegistry, path: str = "<rules>",
                 functions: dict[str, Any] | None = None) -> RuleSet:
    """Compile rules given as text (tests, ``checker rules test``)."""
    table = _functions(functions)
    rules: list[CompiledRule] = []
    _compile_file(parse_text(text, path), registry, table, {}, rules)
    return RuleSet(rules, table)


def compile_text_errors(text: str, registry: TemplateRegistry, path: str = "<rules>",
                        functions: dict[str, Any] | None = None) -> tuple[RuleSet, list[RuleError]]:
    """Compile rules given as text rule by rule, keeping going after an error (an editor's
    diagnostics, ``checker lsp``): the rules that compile, and each failing rule's first error.
    A syntax error is the only error (the file does not parse, no rule compiles)."""
    table = _functions(functions)
    try:
        rfile = parse_text(text, path)
    except RuleError as exc:
        return RuleSet([], table), [exc]
    rules: list[CompiledRule] = []
    errors: list[RuleError] = []
    _compile_file(rfile, registry, table, {}, rules, errors)
    return RuleSet(rules, table), errors
