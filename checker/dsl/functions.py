"""The built-in functions of the rule language, and how plugins add more.

A function is a :class:`Function`: a name, an implementation ``impl(ctx, *args)``, its arity,
what it returns (``number``, ``bool``, ``row``, ``rows``, ``any`` — used by the compiler to
check names used on the result) and a one-line doc. ``ctx`` is the evaluation environment
(``ctx.doc`` is the :class:`~checker.dsl.values.DocView`). A *lazy* function receives argument
thunks (zero-argument callables) instead of values, so that it can catch a missing row.

Built-ins (``xs`` is a collection — a list, ``children(row)``, ``sum(x for x in … where …)`` —
or several arguments):

=====================  ================================================================
``sum(xs)``            Σ of quantities, by interval arithmetic; ``sum()`` of nothing is 0
``count(xs)``          number of items (exact)
``min(xs)``/``max(xs)``  smallest / largest (intervals: pointwise min / max)
``abs(x)``             absolute value
``round(x, n)``        round half up to ``n`` decimals
``children(row)``      rows one level below in the subject-code tree (类 under 合计)
``parent(row)``        the row of the parent code
``level(row)``         1 类 (3 digits), 2 款 (5), 3 项 (7); 0 without a code
``has_children(row)``  true when ``children(row)`` is not empty
``exists(x)``          false when the row / column ``x`` names is not in its table
``is_blank(x)``        true when ``x`` is one blank cell
``note(t)``            true when table ``t`` carries a note (or its 目录 entry a reason)
=====================  ================================================================

Functions cannot read files, run code given as text, or loop: they compute on values.
Plugins return more :class:`Function` objects (or plain callables ``f(*args)``) from
``checker_functions()``; pass them to ``compile_rules(functions=…)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checker.dsl.interval import round_half_up
from checker.dsl.values import (
    Missing,
    NotEvaluated,
    Q,
    RowRef,
    TableRef,
    display,
    exact,
)

__all__ = ["BUILTINS", "Function", "as_function", "builtin_functions"]


@dataclass(frozen=True)
class Function:
    """A function callable from rules."""

    name: str
    impl: Callable[..., Any]
    min_args: int = 1
    max_args: int | None = 1
    returns: str = "any"
    lazy: bool = False
    doc: str = ""


def as_function(name: str, value: Function | Callable[..., Any]) -> Function:
    """Wrap a plain callable ``f(*args)`` from a plugin as a :class:`Function`."""
    if isinstance(value, Function):
        return value
    fn = value
    return Function(name, lambda ctx, *args: fn(*args), 0, None, "any", False,
                    (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "")


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
        return value.view is not None
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
    return False


BUILTINS: dict[str, Function] = {
    f.name: f
    for f in [
        Function("sum", _sum, 0, None, "number", doc="Σ of quantities (interval arithmetic)"),
        Function("count", _count, 0, None, "number", doc="number of items"),
        Function("min", _minmax("min"), 1, None, "number", doc="smallest quantity"),
        Function("max", _minmax("max"), 1, None, "number", doc="largest quantity"),
        Function("abs", _abs, 1, 1, "number", doc="absolute value"),
        Function("round", _round, 1, 2, "number", doc="round half up to n decimals"),
        Function("children", _children, 1, 1, "rows", doc="rows one level below in the code tree"),
        Function("parent", _parent, 1, 1, "row", doc="the row of the parent code"),
        Function("level", _level, 1, 1, "number", doc="1 类, 2 款, 3 项; 0 without code"),
        Function("class_code", _class_code, 1, 1, "string",
                 doc="the 类 (first 3 digits) of the row's subject code"),
        Function("has_children", _has_children, 1, 1, "bool", doc="the row has rows below it"),
        Function("exists", _exists, 1, 1, "bool", lazy=True, doc="the row / column exists"),
        Function("is_blank", _is_blank, 1, 1, "bool", lazy=True, doc="one blank cell"),
        Function("note", _note, 1, 1, "bool", doc="the table carries an explanatory note"),
    ]
}


def builtin_functions() -> dict[str, Function]:
    """A fresh copy of the built-in function table (plugins may add to it)."""
    return dict(BUILTINS)


