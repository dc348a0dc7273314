"""``graded_score(g)``: the self-evaluation score a grade statement (评价等级 "优") is given for.

Which score that is — the score fact of the grade's sentence, else the last one before it in
its section after the previous grade — the parser reads once (``Fact.graded``,
:mod:`checker.parse.grades`); none → not evaluated. The grade bands themselves are the rule's
(S10 in rules/performance.rules), not this function's.
"""

from __future__ import annotations

from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef, fact_quantity
from checker.dsl.function import Function
from checker.dsl.quantities import Missing, NotEvaluated, Q

__all__ = ["GRADE_FUNCTIONS"]


def _graded_score(ctx: Any, g: Any) -> Q:
    """The score fact of the grade's sentence, else the last one before it in its section."""
    if not isinstance(g, FactRef):
        raise NotEvaluated(f"graded_score() needs a fact, got {display(g)!r}")
    me = g.fact
    if me.graded is None:
        raise Missing(f"no score between the previous grade and the grade at line {me.line}")
    return fact_quantity(ctx.doc.document.facts[me.graded])


GRADE_FUNCTIONS = [
    Function("graded_score", _graded_score, 1, 1, "number",
             doc="the score a grade (评价等级) is given for: in its sentence, else the last before it",
             reads="narrative"),
]
