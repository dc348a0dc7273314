"""The score each 评价等级 is given for, read by the parser (checker/parse/grades.py,
Fact.graded), checked by hand in GS24."""

from __future__ import annotations

from decimal import Decimal

from checker.model import Fact, Number
from checker.parse.grades import read_grades


def _graded(doc, line: int) -> Fact:
    grade = next(f for f in doc.facts if f.name == "评价等级" and f.line == line)
    assert grade.graded is not None
    return doc.facts[grade.graded]


def test_the_score_of_the_grades_sentence_else_the_last_before_it(docs):
    gs24 = docs["GS24"]
    # GS24:1500 "2024 年部门整体绩效得分 92.47 分（满分 100 分），评价等级为“优”": the same sentence
    score = _graded(gs24, 1500)
    assert (score.line, score.number.text) == (1500, "92.47")
    # GS24:1135 "总体评价结果“优”" ends the paragraph whose score is GS24:1121 "自评得分为 96.34 分"
    score = _graded(gs24, 1135)
    assert (score.line, score.number.text) == (1121, "96.34")


def _fact(name: str, line: int, sentence: str, unit: str | None = None) -> Fact:
    return Fact(name, Number(Decimal(90), 0, "90", line), unit, sentence, line, "t", section="说明.绩效")


def test_a_score_already_graded_is_not_taken_again():
    facts = [_fact("项目得分", 1, "得分90分。", "分"), _fact("评价等级", 2, "评价为优。"),
             _fact("评价等级", 3, "再评为优。")]
    read_grades(facts)
    assert facts[1].graded == 0 and facts[2].graded is None
