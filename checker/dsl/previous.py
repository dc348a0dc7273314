"""``prev(expr)``: a value of last year's report of the same department (cross-year rules).

A report compares itself with the year before ("较上年增加 x 万元", 上年预算数 columns); whether
last year's figure is the one last year's report printed can only be told with both reports.
``checker check --previous PATH`` gives the engine last year's reports; the one of the same
department, kind and year − 1 is the document's *previous* (``DocView.previous``).

``prev(expr)`` evaluates ``expr`` on that report instead of this one: table and fact names
inside it are looked up there, variables bound outside it (``f.label``) keep their values. It
gives a number, a text or a condition — never a row, a table or a fact of the other report, so
nothing of it is mistaken for a figure of this one; its operands are named with the table id
prefixed ``prev:`` and their lines are lines of last year's report. A rule that uses ``prev``
reads the previous report (``reads`` ``previous``): where no previous reports were given it is
not applicable, where none of them is this department's last year it is not evaluated, saying
which report was looked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from checker.dsl.fact_ref import FactRef
from checker.dsl.function import Function
from checker.dsl.quantities import NotEvaluated, Q
from checker.dsl.view import ListedRef, RowRef, TableRef
from checker.findings import PREVIOUS as PREFIX

__all__ = ["PREVIOUS_FUNCTIONS"]


def _prev(env: Any, thunk: Callable[[], Any]) -> Any:
    """``thunk`` evaluated with the previous report as the document."""
    here = env.doc
    previous = here.previous
    if previous is None:
        raise NotEvaluated(here.previous_why or "no previous year's report")
    env.doc = previous
    try:
        value = thunk()
    finally:
        env.doc = here
    if isinstance(value, (FactRef, RowRef, TableRef, ListedRef)) or (
            isinstance(value, list) and any(isinstance(v, (FactRef, RowRef, TableRef)) for v in value)):
        raise NotEvaluated("prev() gives a number, a text or a condition of last year's report, "
                           "not a row, a table or a fact")
    if isinstance(value, Q):
        return replace(value, refs=tuple(
            o if o.table.startswith(PREFIX) else replace(o, table=PREFIX + o.table)
            for o in value.refs))
    return value


PREVIOUS_FUNCTIONS = [
    Function("prev", _prev, 1, 1, "any", lazy=True, reads="previous",
             doc="the value of an expression on last year's report of the same department "
                 "(checker check --previous)"),
]
