"""The built-in functions of the rule language, and how plugins add more.

A function is a :class:`Function`: a name, an implementation ``impl(ctx, *args)``, its arity,
what it returns (``number``, ``bool``, ``row``, ``rows``, ``any`` — used by the compiler to
check names used on the result), what its first argument must be (``first_arg``: ``row``,
``table``; checked by the compiler, e.g. ``level(支出决算表)`` is an error) and a one-line doc.
``ctx`` is the evaluation environment (``ctx.doc`` is the :class:`~checker.dsl.view.DocView`).
A *lazy* function receives argument thunks (zero-argument callables) instead of values, so that
it can catch a missing row.

The list of every function a rule can call — these, and those of the modules gathered below —
is generated from them: ``docs/functions.md`` (``checker rules functions``); docs/rules.md says
how they behave on rounding intervals and missing values.

Functions cannot read files, run code given as text, or loop: they compute on values.
Plugins return more :class:`~checker.dsl.function.Function` objects (or plain callables ``f(*args)``) from
``checker_functions()``; pass them to ``compile_rules(functions=…)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from checker import regex_cache
from checker.dsl.breakdowns import BREAKDOWN_FUNCTIONS  # 其中 lists (A06.其中)
from checker.dsl.coverage import COVERAGE_FUNCTIONS  # C10, C11 narrative coverage
from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef, fact_quantity
from checker.dsl.formats import FORMAT_FUNCTIONS
from checker.dsl.function import Function, as_function
from checker.dsl.grades import GRADE_FUNCTIONS
from checker.dsl.indicators import INDICATOR_FUNCTIONS  # 绩效 indicator rows (U09, S05–S07)
from checker.dsl.interval import Interval, round_half_up
from checker.dsl.narrative_functions import NARRATIVE_FUNCTIONS
from checker.dsl.previous import PREVIOUS_FUNCTIONS  # cross-year: prev(expr)
from checker.dsl.projects import PROJECT_FUNCTIONS  # 绩效 narrative ↔ its 自评表
from checker.dsl.quantities import Missing, NotEvaluated, Q, exact
from checker.dsl.reasons import REASON_FUNCTIONS
from checker.dsl.sections import SECTION_FUNCTIONS
from checker.dsl.view import RowRef, TableRef
from checker.labels import strip_ordinal
from checker.model import Fact

__all__ = ["BUILTINS", "builtin_functions"]


def _items(args: tuple[Any, ...]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], list):
        return args[0]
    return list(args)


def _q(value: Any, fname: str) -> Q:
    if isinstance(value, Q):
        return value
    raise NotEvaluated(f"{fname}() needs numbers, got {display(value)!r}")


def _row(value: Any, fname: str) -> RowRef:
    if isinstance(value, RowRef):
        return value
    raise NotEvaluated(f"{fname}() needs a row, got {display(value)!r}")


def _sum(ctx: Any, *args: Any) -> Q:
    items = _items(args)
    if not items:
        return exact(0)
    total = _q(items[0], "sum")
    for x in items[1:]:
        total = total + _q(x, "sum")
    return total


def _count(ctx: Any, *args: Any) -> Q:
    return exact(len(_items(args)))


def _minmax(which: str) -> Callable[..., Q]:
    def impl(ctx: Any, *args: Any) -> Q:
        items = [_q(x, which) for x in _items(args)]
        if not items:
            raise NotEvaluated(f"{which}() of nothing")
        best = items[0]
        value, iv, refs = best.value, best.iv, best.refs
        for x in items[1:]:
            if which == "min":
                value, iv = min(value, x.value), iv.min(x.iv)
            else:
                value, iv = max(value, x.value), iv.max(x.iv)
            refs = refs + x.refs
        return Q(value, iv, refs)

    return impl


def _abs(ctx: Any, x: Any) -> Q:
    q = _q(x, "abs")
    return Q(abs(q.value), q.iv.abs(), q.refs)


def _round(ctx: Any, x: Any, n: Any = None) -> Q:
    q = _q(x, "round")
    places = 0
    if n is not None:
        nq = _q(n, "round")
        if not nq.iv.is_exact or nq.value != nq.value.to_integral():
            raise NotEvaluated("round(x, n) needs a whole number n")
        places = int(nq.value)
    return Q(round_half_up(q.value, places), q.iv.round(places), q.refs)


def _children(ctx: Any, row: Any) -> list[RowRef]:
    r = _row(row, "children")
    return [RowRef(r.view, c) for c in r.view.children(r.row)]


def _parent(ctx: Any, row: Any) -> RowRef:
    r = _row(row, "parent")
    p = r.view.parent(r.row)
    if p is None:
        raise Missing(f"row {r.row.label} has no parent row in {r.view.label}")
    return RowRef(r.view, p)


def _level(ctx: Any, row: Any) -> Q:
    r = _row(row, "level")
    code = r.row.code or ""
    return exact({3: 1, 5: 2, 7: 3}.get(len(code), 0))


def _class_code(ctx: Any, row: Any) -> str:
    r = _row(row, "class_code")
    code = r.row.code or ""
    if len(code) < 3:
        raise NotEvaluated(f"row {r.row.label} has no subject code")
    return code[:3]


def _has_children(ctx: Any, row: Any) -> bool:
    r = _row(row, "has_children")
    return bool(r.view.children(r.row))


def _exists(ctx: Any, thunk: Callable[[], Any]) -> bool:
    try:
        value = thunk()
    except Missing:
        return False
    if isinstance(value, TableRef):
        return value.view is not None or value.present
    return value is not None


def _is_blank(ctx: Any, thunk: Callable[[], Any]) -> bool:
    value = thunk()
    if isinstance(value, Q):
        return value.text == "" and len(value.refs) == 1
    return value is None or value == ""


def _note(ctx: Any, table: Any) -> bool:
    if not isinstance(table, TableRef):
        raise NotEvaluated(f"note() needs a table, got {display(table)!r}")
    view = table.need()
    if any(n.text.strip() for n in view.table.notes):
        return True
    for listed in ctx.doc.document.listed_tables:
        if listed.table_id == table.template_id and listed.empty_reason:
            return True
    # a "无/没有 …" statement in the narrative section that explains the table (the
    # ``statements`` of the fact patterns name the tables a section speaks of)
    for f in ctx.doc.document.facts:
        if table.template_id in f.attrs.get("表", "").split():
            return True
    return False


def _named_half(ctx: Any) -> str:
    """The half of a report published as two that the report's file name names ("narrative" for
    "…决算说明.pdf", "tables" for "…决算表.pdf", checker/pairing.yaml); "" for a report read from
    several files (paired) or a name of neither."""
    from pathlib import Path

    from checker.pairing import half_of

    source = ctx.doc.document.meta.source
    if source.parts or not source.path:
        return ""
    found = half_of(Path(source.path))
    return found[0] if found else ""


# ---- narrative facts


def _text(value: Any, fname: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise NotEvaluated(f"{fname}() needs text, got {display(value)!r}")


def _in_section(f: Fact, section: str) -> bool:
    if not section:
        return True
    return f.section is not None and (f.section == section or f.section.startswith(section + "."))


def _printed(ctx: Any, facts: Any) -> list[FactRef]:
    seen: set[tuple[int, str, str | None, str]] = set()
    out: list[FactRef] = []
    for f in _items(facts):
        if not isinstance(f, FactRef):
            raise NotEvaluated(f"printed() needs facts, got {display(f)!r}")
        key = (f.fact.line, f.fact.number.text, f.fact.unit, f.fact.sentence)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _facts(ctx: Any, name: Any = "", section: Any = "") -> list[FactRef]:
    n, sec = _text(name, "facts"), _text(section, "facts")
    return [FactRef(f, ctx.doc) for f in ctx.doc.document.facts
            if (not n or f.name == n) and _in_section(f, sec)]


def _fact(ctx: Any, name: Any, section: Any = "") -> FactRef:
    found = _facts(ctx, name, section)
    if not found:
        where = f" in {section}" if section else ""
        raise Missing(f"no fact {name}{where} in the narrative")
    return found[0]


def _fact_of(value: Any, fname: str) -> Fact:
    if isinstance(value, FactRef):
        return value.fact
    raise NotEvaluated(f"{fname}() needs a fact, got {display(value)!r}")


def _near(ctx: Any, f: Any, name: Any) -> Q:
    me = _fact_of(f, "near")
    n = _text(name, "near")
    if not n:
        raise Missing(f"no whole named for the statement at line {me.line}")
    named = [x for x in ctx.doc.document.facts if x.name == n]
    same = [x for x in named if x.section == me.section and x.line <= me.line]
    if same:
        return fact_quantity(same[-1])
    part = ".".join((me.section or "").split(".")[:2])
    for x in named:
        if part and _in_section(x, part):
            return fact_quantity(x)
    if named:
        return fact_quantity(named[0])
    raise Missing(f"no fact {n} in the narrative (the whole of line {me.line})")


def _breakdown(ctx: Any, f: Fact) -> list[Fact]:
    return [x for x in ctx.doc.document.facts if x.name == f.name and x.section == f.section
            and x.attrs.get("基数") == f.attrs.get("基数")]


def _shares_sum(ctx: Any, f: Any) -> Q:
    """Σ of the printed shares of the same whole in the same section (exact, as a ratio)."""
    me = _fact_of(f, "shares_sum")
    total = sum((x.number.value for x in _breakdown(ctx, me)), Decimal(0))
    return exact(total.scaleb(-2))


def _breakdown_head(ctx: Any, f: Any) -> bool:
    """True for the first share of a breakdown of two or more (to check the breakdown once)."""
    me = _fact_of(f, "breakdown_head")
    parts = _breakdown(ctx, me)
    return len(parts) >= 2 and parts[0] is me


def _share_slack(ctx: Any, f: Any) -> Q:
    """One unit of a share's last printed decimal (as a ratio) when the printed shares of its
    breakdown (same section, same whole) add to exactly 100%; else 0. A complete breakdown is
    often printed so that it sums to 100.00% (99.99% + 0.01%), moving one share by a unit."""
    me = _fact_of(f, "share_slack")
    parts = _breakdown(ctx, me)
    if len(parts) < 2 or sum((x.number.value for x in parts), Decimal(0)) != 100:
        return exact(Decimal(0))
    return exact(Decimal(1).scaleb(-me.number.decimals - 2))


def _wanyuan_match(ctx: Any, f: Any) -> Q:
    me = _fact_of(f, "wanyuan_match")
    value = me.number.value
    for other in ctx.doc.document.facts:
        if other.unit == "万元" and other.number.value == value and other.number.value != 0:
            return fact_quantity(other)
    if value != 0:
        for tref in ctx.doc.all_tables():
            view = tref.view
            if view is None or view.empty or (view.table.unit not in (None, "万元")):
                continue
            for row in view.table.rows:
                for key, cell in row.cells.items():
                    n = cell.number
                    if n is not None and not n.percent and n.value == value \
                            and key not in view.exact_columns:
                        return view.cell(row, key)
    raise Missing(f"no 万元 figure {me.number.text} in the tables or the narrative")


_PATH = re.compile(r"([^（）()]+)[（(](类|款|项)[）)]")


def _row_by_label(ctx: Any, table: Any, label: Any) -> RowRef:
    if not isinstance(table, TableRef):
        raise NotEvaluated(f"row_by_label() needs a table, got {display(table)!r}")
    text = _text(label, "row_by_label").strip("：:。 ")
    view = table.need_data()
    parts = {kind: strip_ordinal(name) for name, kind in _PATH.findall(text)}
    want = parts.get("项") or parts.get("款") or parts.get("类") or strip_ordinal(text)
    parent = parts.get("款") if "项" in parts else parts.get("类") if "款" in parts else None
    rows = [r for r in view.table.rows if strip_ordinal(r.label) == want]
    if parent is not None and len(rows) > 1:
        rows = [r for r in rows
                if (p := view.parent(r)) is not None and strip_ordinal(p.label) == parent] or rows
    if len(rows) > 1 and parent is not None:
        raise NotEvaluated(f"{text}: several rows {want} in {view.label}")
    if not rows:
        raise Missing(f"row {want} not found in {view.label}")
    return RowRef(view, rows[0])


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return regex_cache.compile(pattern)  # a rule file's pattern: kept compiled between runs


def _text_matches(ctx: Any, text: Any, pattern: Any) -> bool:
    try:
        rx = _regex(_text(pattern, "text_matches"))
    except re.error as exc:
        raise NotEvaluated(f"text_matches(): bad regular expression: {exc}") from None
    return rx.search(_text(text, "text_matches")) is not None


def _decimals(ctx: Any, x: Any) -> Q:
    if isinstance(x, FactRef):
        return exact(x.fact.number.decimals)
    q = _q(x, "decimals")
    if q.text is None or q.text == "" or len(q.refs) != 1:
        raise NotEvaluated(f"decimals() needs one printed value, got {display(q)!r}")
    t = q.text.replace(",", "").rstrip("%")
    return exact(len(t.split(".", 1)[1]) if "." in t else 0)


def _truncated(ctx: Any, x: Any) -> Q:
    q = _q(x, "truncated")
    if len(q.refs) != 1 or q.text is None:
        raise NotEvaluated(f"truncated() needs one printed value, got {display(q)!r}")
    unit = q.iv.width  # 10⁻ᵈ: the cell's interval is v ± ½·10⁻ᵈ
    if not unit:
        return q  # an exact cell (分值)
    return Q(q.value, Interval(q.value, q.value + unit - unit.scaleb(-9)), q.refs, q.text)


BUILTINS: dict[str, Function] = {
    f.name: f
    for f in [
        Function("sum", _sum, 0, None, "number", doc="Σ of quantities (interval arithmetic)"),
        Function("count", _count, 0, None, "number", doc="number of items"),
        Function("min", _minmax("min"), 1, None, "number", doc="smallest quantity"),
        Function("max", _minmax("max"), 1, None, "number", doc="largest quantity"),
        Function("abs", _abs, 1, 1, "number", doc="absolute value"),
        Function("round", _round, 1, 2, "number", doc="round half up to n decimals"),
        Function("children", _children, 1, 1, "rows", doc="rows one level below in the code tree",
                 first_arg="row"),
        Function("parent", _parent, 1, 1, "row", doc="the row of the parent code", first_arg="row"),
        Function("level", _level, 1, 1, "number", doc="1 类, 2 款, 3 项; 0 without code",
                 first_arg="row"),
        Function("class_code", _class_code, 1, 1, "string",
                 doc="the 类 (first 3 digits) of the row's subject code"),
        Function("has_children", _has_children, 1, 1, "bool", doc="the row has rows below it",
                 first_arg="row"),
        Function("exists", _exists, 1, 1, "bool", lazy=True, doc="the row / column exists"),
        Function("is_blank", _is_blank, 1, 1, "bool", lazy=True, doc="one blank cell"),
        Function("note", _note, 1, 1, "bool", doc="the table carries an explanatory note",
                 first_arg="table"),
        Function("named_half", _named_half, 0, 0, "string",
                 doc="the half of a two-file report the file's name names (说明 / 表), or \"\""),
        Function("facts", _facts, 0, 2, "facts", doc="narrative facts with a name (in a section)",
                 reads="narrative",
                 string_args=("fact", "section")),
        Function("printed", _printed, 1, 1, "facts",
                 doc="one fact per printed number (patterns that read the same figure twice)",
                 reads="narrative"),
        Function("fact", _fact, 1, 2, "fact", doc="the first narrative fact with a name",
                 reads="narrative",
                 string_args=("fact", "section")),
        Function("near", _near, 2, 2, "number", doc="the value of the nearest fact with a name",
                 reads="narrative",
                 string_args=("", "fact")),
        Function("shares_sum", _shares_sum, 1, 1, "number",
                 doc="Σ of the printed shares of the same whole in the same section",
                 reads="narrative"),
        Function("breakdown_head", _breakdown_head, 1, 1, "bool",
                 doc="the first of two or more shares of one whole in a section",
                 reads="narrative"),
        Function("share_slack", _share_slack, 1, 1, "number",
                 doc="one unit of a share's last decimal when its breakdown prints 100% exactly",
                 reads="narrative"),
        Function("wanyuan_match", _wanyuan_match, 1, 1, "number",
                 doc="a 万元 figure printed with the same value as a fact",
                 reads="narrative"),
        Function("row_by_label", _row_by_label, 2, 2, "row",
                 doc="the row a narrative label (X（类）Y（款）Z（项）) names"),
        Function("text_matches", _text_matches, 2, 2, "bool", doc="a regular expression is found"),
        Function("decimals", _decimals, 1, 1, "number", doc="printed decimals of one value"),
        Function("truncated", _truncated, 1, 1, "number",
                 doc="a printed value read as truncated: [v, v + 10⁻ᵈ)"),
    ]
}


def builtin_functions() -> dict[str, Function]:
    """A fresh copy of the built-in function table (plugins may add to it)."""
    extra = [*NARRATIVE_FUNCTIONS, *REASON_FUNCTIONS, *SECTION_FUNCTIONS, *GRADE_FUNCTIONS,
             *INDICATOR_FUNCTIONS, *FORMAT_FUNCTIONS, *COVERAGE_FUNCTIONS, *BREAKDOWN_FUNCTIONS,
             *PROJECT_FUNCTIONS, *PREVIOUS_FUNCTIONS]
    return {**BUILTINS, **{f.name: f for f in extra}}


def function_table(extra: dict[str, Any] | None = None) -> dict[str, Function]:
    """The built-ins and ``extra`` (a plugin's :class:`Function` or plain callable, by name)."""
    table = builtin_functions()
    for name, f in (extra or {}).items():
        table[name] = as_function(name, f)
    return table
