"""The score each grade statement is given for, read once (``Fact.graded``; S10's
``graded_score(g)``).

A 情况说明 prints the grade in the sentence of the score ("整体绩效得分 92.47 分（满分 100 分），
评价等级为“优”", GS24:1500) or at the end of the project's paragraph, after its score
("项目绩效自评得分为 96.34 分。…总体评价结果“优”", GS24:1121 → 1135). The score is therefore
the score fact (a name ending in 得分: 项目得分, 整体得分, unit 分) of the grade's sentence, else
the last one before it in its section and after the previous grade of that section (a score
already graded is not taken again); none → ``graded`` stays None. The grade bands themselves
are the rule's (S10 in rules/performance.rules).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.model import Fact

__all__ = ["GRADE", "read_grades"]

GRADE = "评价等级"  # the statement name of patterns.yaml


def _is_score(f: Fact) -> bool:
    return f.name.endswith("得分") and f.unit == "分"


def read_grades(facts: Sequence[Fact]) -> None:
    """Put on each 评价等级 fact of ``facts`` (the document's, in its order) the index of the
    score fact it is given for (``Fact.graded``)."""
    for me in facts:
        if me.name != GRADE:
            continue
        scores = [i for i, f in enumerate(facts) if _is_score(f) and f.section == me.section]
        same = [i for i in scores if facts[i].sentence == me.sentence]
        if same:
            me.graded = same[0]
            continue
        since = max((f.line for f in facts if f.name == me.name and f.section == me.section
                     and f.line < me.line), default=0)
        before = [i for i in scores if since < facts[i].line <= me.line]
        if before:
            me.graded = before[-1]
