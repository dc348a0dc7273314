"""The compiler: a rule's syntax tree → its compiled form, every name resolved against the
templates and the function table, every expression typed, before any report is read.

What a name means, and the errors it gives, is described in :mod:`checker.dsl.compile` (the API
that runs this compiler over files). The compiler knows no function by name: what a call needs
of its arguments is declared on the :class:`~checker.dsl.function.Function`. It builds
closures ``fn(env) -> value`` (:data:`~checker.dsl.ir.Fn`) over :mod:`checker.dsl.runtime`;
statements become :mod:`checker.dsl.ir` nodes; types are :mod:`checker.dsl.types`.
"""

from __future__ import annotations

from typing import Any

from checker.dsl import ast
from checker.dsl.display import display
from checker.dsl.function import Function
from checker.dsl.ir import (
    AppliesSpec,
    CAssert,
    CFor,
    CLet,
    CMessage,
    CompiledRule,
    CRequireTables,
    CWhen,
    Fn,
)
from checker.dsl.quantities import Comparison, NotEvaluated, Q, exact, truthy
from checker.dsl.runtime import (
    ROW_LABEL_WORDS,
    ROW_PROPS,
    TABLE_PROPS,
    arith,
    attr,
    column,
    compare,
    constant,
    dynamic_sel,
    index_any,
    iterate,
    iterate_rows,
    need_row,
    row_of,
    row_of_alt,
    row_prop,
    table_prop,
    variable,
)
from checker.dsl.source import RuleError, suggest
from checker.dsl.types import ANY, BOOL, NUM, STR, Ty
from checker.dsl.view import LISTED_PROPS, ColumnName, RowSel
from checker.labels import norm, strip_ordinal
from checker.templates.loader import Template, TemplateRegistry

__all__ = ["KINDS", "SEVERITIES", "Compiler"]

SEVERITIES = ("error", "warning", "info")
KINDS = {"决算": "final", "final": "final", "预算": "budget", "budget": "budget",
         "*": None, "any": None, "all": None, "全部": None}

# a generator's variable that had no value before the generator ran
_UNSET = object()


class Compiler:
    """Compiles the rules of one parsed file (:meth:`rule`), resolving names against the
    templates and the function table; a mistake is a :class:`RuleError` at its place."""

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
        # a list literal of column names → its name nodes, so that a column a loop variable
        # names (`for c in [基本支出, 项目支出]: r[c]`) is reported where the literal spells it
        self.colname_nodes: dict[tuple[str, ...], dict[str, ast.Name]] = {}

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
            src = s.iterable.src + (f" where {s.where.src}" if s.where is not None else "")
            # on one line, as an assertion's text is (a where clause may run over two)
            return CFor(s.var, it, where, self.block(s.body, inner, rule), s.line,
                        " ".join(src.split()))
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
        return constant(exact(node.value, node.text)), NUM

    def x_Str(self, node: ast.Str, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return constant(node.value), STR

    def x_Const(self, node: ast.Const, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return constant(node.value), (BOOL if node.value is not None else Ty("none"))

    def x_Name(self, node: ast.Name, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        name = node.name
        if name in scope:
            return variable(name), scope[name]
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
                fns.append(constant(ColumnName(item.name)))
                tys.append(Ty("colname"))
                names.append(item.name)
                continue
            f, t = self.expr(item, scope)
            fns.append(f)
            tys.append(t)
        if names and len(names) == len(tys):
            elem = Ty("colname", names=tuple(names))
            self.colname_nodes.setdefault(elem.names, {
                n.name: n for n in node.items if isinstance(n, ast.Name)})
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
                return ((lambda env: iterate_rows(of(env))),
                        Ty("list", elem=Ty("row", ot.template, alts=ot.alts)))
            kind = {"empty": BOOL, "present": BOOL, "listed": BOOL, "declared_empty": BOOL,
                    "notes": Ty("list", elem=STR),
                    "tree": Ty("list", elem=Ty("colname"))}.get(name, STR)
            return (lambda env: table_prop(of(env), name)), kind
        if ot.kind == "row":
            if name in ROW_PROPS:
                prop = ROW_PROPS[name]
                kind = NUM if prop == "line" else STR
                return (lambda env: row_prop(need_row(of(env)), prop)), kind
            if self.check_column(ot, name):
                return (lambda env: column(of(env), name)), NUM
            if name in ROW_LABEL_WORDS:
                prop = ROW_LABEL_WORDS[name]
                return (lambda env: row_prop(need_row(of(env)), prop)), STR
            assert ot.template is not None
            raise self.column_error(ot.template, name, node)
        if ot.kind == "fact":
            kind = {"value": NUM, "line": NUM, "decimals": NUM, "unit": STR, "sentence": STR,
                    "name": STR, "label": STR, "section": STR, "text": STR, "pattern": STR
                    }.get(name, ANY)
            return (lambda env: attr(of(env), name)), kind
        if ot.kind == "listed":
            if name not in LISTED_PROPS:
                raise self.error(node, f"a listed table has no property '{name}'",
                                 suggest(name, LISTED_PROPS))
            kind = {"present": BOOL, "empty_declared": BOOL, "line": NUM, "table": Ty("table")
                    }.get(name, STR)
            return (lambda env: attr(of(env), name)), kind
        if ot.kind in ("any",):
            return (lambda env: attr(of(env), name)), ANY
        raise self.error(node, f"{obj.src!r} is a {ot.kind}; it has no '{name}'")

    def x_Index(self, node: ast.Index, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        of, ot = self.expr(node.obj, scope)
        key = node.key
        if ot.kind == "table" and ot.template is None:
            # a table bound at run time (``for t in tables``): its rows and columns are resolved
            # when the rule runs, against the table's own template
            if isinstance(key, ast.Name) and key.name not in scope:
                label = key.name
                return (lambda env: row_of(of(env), dynamic_sel(label))), ANY
            kf, _ = self.expr(key, scope)
            return (lambda env: row_of(of(env), dynamic_sel(kf(env)))), ANY
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
                    return ((lambda env: row_of_alt(of(env), sels)),
                            Ty("row", t, side=side, alts=ot.alts))
                return (lambda env: row_of(of(env), fixed)), Ty("row", t, side=side)
            kf, _ = self.expr(key, scope)
            return ((lambda env: row_of(of(env), dynamic_sel(kf(env)))),
                    Ty("row", t, alts=ot.alts))
        if ot.kind == "row":
            if isinstance(key, ast.Str) or (isinstance(key, ast.Name) and key.name not in scope):
                name = key.value if isinstance(key, ast.Str) else key.name
                if not self.check_column(ot, name):
                    assert ot.template is not None
                    raise self.column_error(ot.template, name, key)
                return (lambda env: column(of(env), name)), NUM
            kf, kt = self.expr(key, scope)
            if kt.kind == "colname" and ot.template is not None:
                for n in kt.names:
                    if not self.check_column(ot, n):
                        src_node = self.colname_nodes.get(kt.names, {}).get(n, key)
                        raise self.column_error(ot.template, n, src_node)
            return (lambda env: column(of(env), kf(env))), NUM
        if ot.kind == "any":
            kf, _ = self.expr(key, scope) if not isinstance(key, ast.Name) or key.name in scope \
                else (constant(key.name), STR)
            return (lambda env: index_any(of(env), kf(env))), ANY
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
        if f.first_arg and tys and tys[0].kind not in (f.first_arg, "any"):
            raise self.error(node.args[0], f"{node.func}() needs a {f.first_arg}, "
                                           f"but {node.args[0].src!r} is a {tys[0].kind}")
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
            items = iterate(itf(env))
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
        op = arith(node.op)
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
