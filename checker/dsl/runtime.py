"""What the compiled closures call when a rule runs: the semantics of the language's
operations on document values, once the compiler has resolved every name it could.

``for x in C`` runs over :func:`iterate`; ``t[k]`` is :func:`row_of` (a row the compiler
resolved, :func:`row_of_alt` for one resolved per report kind, :func:`dynamic_sel` for a key known
only at run time, :func:`index_any` for a value of unknown type); ``x.name`` is :func:`attr`
(:func:`row_prop`, :func:`table_prop`, :func:`column` when the type is known); ``a + b`` is
:func:`arith`, ``a = b`` (and every comparison) :func:`compare`; a variable is read by
:func:`variable`. Every function raises :class:`~checker.dsl.quantities.NotEvaluated` (or
:class:`~checker.dsl.quantities.Missing`) for data that is not there. The names a row and a
table answer to are :data:`ROW_PROPS`, :data:`ROW_LABEL_WORDS` and :data:`TABLE_PROPS` (the
compiler and the language server read them).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from checker.dsl.ast import OP_DISPLAY
from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef
from checker.dsl.ir import Fn
from checker.dsl.quantities import (
    Comparison,
    Missing,
    NotEvaluated,
    Q,
    common_places,
    exact,
    tidy,
)
from checker.dsl.view import ColumnName, ListedRef, RowRef, RowSel, TableRef
from checker.labels import strip_ordinal

__all__ = [
    "ROW_LABEL_WORDS",
    "ROW_PROPS",
    "TABLE_PROPS",
    "Failed",
    "arith",
    "attr",
    "column",
    "compare",
    "constant",
    "dynamic_sel",
    "index_any",
    "iterate",
    "iterate_rows",
    "need_row",
    "row_of",
    "row_of_alt",
    "row_prop",
    "table_prop",
    "table_rows",
    "variable",
]

ROW_PROPS = {"label": "label", "code": "code", "key": "key", "side": "side", "line": "line"}
ROW_LABEL_WORDS = {"科目名称": "label", "名称": "label", "项目": "label", "科目编码": "code",
                   "编码": "code"}
TABLE_PROPS = ("rows", "行", "empty", "present", "id", "name", "title", "code", "unit", "notes",
               "subject", "line", "listed", "declared_empty", "tree")

_ZERO = Decimal(0)


def iterate(value: Any) -> list[Any]:
    """The items a ``for`` loop or a generator runs over: a list, or a table's rows."""
    if isinstance(value, list):
        return value
    if isinstance(value, TableRef):
        return table_rows(value)
    raise NotEvaluated(f"cannot loop over {display(value)!r}")


def table_rows(tref: TableRef) -> list[RowRef]:
    """The rows of a table with data (``t.rows``)."""
    view = tref.need_data()
    return [RowRef(view, r) for r in view.rows()]


def row_of(value: Any, sel: RowSel) -> RowRef:
    """The row ``sel`` names in the table ``value`` (``t[合计]``)."""
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    view = value.need_data()
    row = view.find(sel)
    if row is None:
        raise Missing(f"row {sel.shown} not found in {view.label}")
    return RowRef(view, row)


def row_of_alt(value: Any, sels: dict[str, RowSel]) -> RowRef:
    """:func:`row_of` with the selector resolved against the template the document's kind picked."""
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    return row_of(value, sels[value.template_id])


def dynamic_sel(key: Any) -> RowSel:
    """The row selector a value computed at run time stands for (a row, a code, a label)."""
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


def row_prop(rr: RowRef, prop: str) -> Any:
    """A property of a row (a value of :data:`ROW_PROPS`): its label, code, key, side, line."""
    r = rr.row
    if prop == "line":
        return exact(r.line)
    return getattr(r, prop)


def attr(value: Any, name: str) -> Any:
    """``value.name`` on a value whose type the compiler did not know."""
    if isinstance(value, RowRef):
        if name in ROW_PROPS:
            return row_prop(value, ROW_PROPS[name])
        try:
            return value.get(name)
        except Missing:
            if name in ROW_LABEL_WORDS:
                return row_prop(value, ROW_LABEL_WORDS[name])
            raise
    if isinstance(value, TableRef):
        return table_prop(value, name)
    if isinstance(value, (FactRef, ListedRef)):
        return value.get(name)
    raise NotEvaluated(f"{display(value)!r} has no {name}")


def table_prop(t: TableRef, name: str) -> Any:
    """A property of a table (one of :data:`TABLE_PROPS`)."""
    if name in ("rows", "行"):
        return table_rows(t)
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


def column(value: Any, name: Any) -> Q:
    """The cell of a row in a column given by name (``row.X``, ``row[col]``)."""
    if isinstance(name, ColumnName):
        name = name.name
    if not isinstance(value, RowRef):
        raise NotEvaluated(f"{display(value)!r} is not a row")
    if not isinstance(name, str):
        raise NotEvaluated(f"{display(name)!r} is not a column name")
    return value.get(name)


def compare(op: str, a: Any, b: Any, tol: Q | None = None) -> Comparison:
    """The comparison operators (``tol`` is the ± of ``≈``). On two quantities:

    ==========  =========================================================
    ``a = b``   the intervals overlap (closed ends)
    ``a == b``  the printed (point) values are equal
    ``a ≠ b``   the intervals do not overlap (the negation of ``=``)
    ``a ≤ b``   ``low(a) ≤ high(b)``  (``<``: ``low(a) < high(b)``)
    ``a ≥ b``   ``high(a) ≥ low(b)``  (``>``: ``high(a) > low(b)``)
    ``a ≈ b±t`` ``|value(a) − value(b)| ≤ t``
    ==========  =========================================================

    Other values (strings, codes, rows, tables, booleans, none) are equal or not (``=``, ``==``,
    ``≠``); ordering them is not evaluated.
    """
    if isinstance(a, Q) and isinstance(b, Q):
        if op == "==":
            places = common_places(a.value, b.value)
            return Comparison(op, a, b, a.value == b.value, tidy(a.value - b.value, places), _ZERO)
        if op == "~=":
            assert tol is not None
            d = a.value - b.value
            return Comparison(op, a, b, abs(d) <= tol.value, tidy(d, common_places(a.value, b.value)),
                              tol.value)
        if op == "=":
            return Comparison(op, a, b, a.iv.overlaps(b.iv), _interval=True)
        if op == "!=":
            holds = not a.iv.overlaps(b.iv)
        elif op == "<=":
            holds = a.iv.lo <= b.iv.hi
        elif op == "<":
            holds = a.iv.lo < b.iv.hi
        elif op == ">=":
            holds = a.iv.hi >= b.iv.lo
        elif op == ">":
            holds = a.iv.hi > b.iv.lo
        else:  # pragma: no cover - the grammar admits no other operator
            raise ValueError(op)
        return Comparison(op, a, b, holds, _interval=True)
    # non-numeric: strings, codes, booleans, none
    x, y = _plain(a), _plain(b)
    if op in ("=", "==", "~="):
        return Comparison(op, a, b, x == y)
    if op == "!=":
        return Comparison(op, a, b, x != y)
    raise NotEvaluated(f"cannot compare {display(a)} {op} {display(b)}: not numbers")


def _plain(v: Any) -> Any:
    """What a value that is not a quantity is compared as."""
    if isinstance(v, Q):
        return format(v.value.normalize(), "f") if v.value == v.value.to_integral() else v.value
    if isinstance(v, RowRef):
        return (v.view.table.id, v.row.key, v.row.code)
    if isinstance(v, TableRef):
        return v.template_id
    if isinstance(v, ColumnName):
        return v.name
    return v


def arith(op: str) -> Callable[[Any, Any], Q]:
    """The function of an arithmetic operator (``+ - * /``) on two quantities."""
    def f(a: Any, b: Any) -> Q:
        if type(a) is Q and type(b) is Q:
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            return a / b
        raise NotEvaluated(f"cannot compute {display(a)!r} {OP_DISPLAY[op]} {display(b)!r}")

    return f


class Failed:
    """A ``let`` whose value could not be computed; reading it is not_evaluated."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def variable(name: str) -> Fn:
    """The closure reading a variable (a ``let`` that failed is not evaluated, with its reason)."""
    def fn(env: Any) -> Any:
        v = env.vars[name]
        if type(v) is Failed:
            raise NotEvaluated(v.reason)
        return v

    return fn


def constant(value: Any) -> Fn:
    """The closure of a constant."""
    return lambda env: value


def need_row(value: Any) -> RowRef:
    """The value, which must be a row."""
    if not isinstance(value, RowRef):
        raise NotEvaluated(f"{display(value)!r} is not a row")
    return value


def iterate_rows(value: Any) -> list[RowRef]:
    """The rows of ``value``, which must be a table (``t.rows``)."""
    if not isinstance(value, TableRef):
        raise NotEvaluated(f"{display(value)!r} is not a table")
    return table_rows(value)


def index_any(value: Any, key: Any) -> Any:
    """``value[key]`` on a value whose type the compiler did not know: a row, or a cell."""
    if isinstance(value, TableRef):
        return row_of(value, dynamic_sel(key))
    if isinstance(value, RowRef):
        return column(value, key)
    raise NotEvaluated(f"{display(value)!r} cannot be indexed")
