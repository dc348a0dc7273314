"""``graded_score(g)``: the self-evaluation score a grade statement (评价等级 "优") is given for.

A 情况说明 prints the grade in the sentence of the score ("整体绩效得分 92.47 分（满分 100 分），
评价等级为“优”", GS24:1500) or at the end of the project's paragraph, after its score
("项目绩效自评得分为 96.34 分。…总体评价结果“优”", GS24:1121 → 1135). The score is therefore
the score fact (a name ending in 得分: 项目得分, 整体得分) of the grade's sentence, else the last
one before it in its section and after the previous grade (a score already graded is not taken
again); none → not evaluated. The grade bands themselves are the rule's
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
    scores = [f for f in ctx.doc.document.facts if f.name.endswith("得分") and f.unit == "分"
              and f.section == me.section]
    same = [f for f in scores if f.sentence == me.sentence]
    if same:
        return fact_quantity(same[0])
    # a score already graded belongs to the earlier grade: look back to the previous grade only
    since = max((f.line for f in ctx.doc.document.facts if f.name == me.name
                 and f.section == me.section and f.line < me.line), default=0)
    before = [f for f in scores if since < f.line <= me.line]
    if before:
        return fact_quantity(before[-1])
    raise Missing(f"no score between the previous grade and the grade at line {me.line}")


GRADE_FUNCTIONS = [
    Function("graded_score", _graded_score, 1, 1, "number",
             doc="the score a grade (评价等级) is given for: in its sentence, else the last before it",
             reads="narrative"),
]
