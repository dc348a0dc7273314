"""P09 (large changes and gaps need a reason) and U08 (enumerators in sequence) on the five
reports, every finding read in the report; window() of checker/parse/reasons.py."""

from __future__ import annotations

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.parse.reasons import window
from tests.rules.test_national_rules import RULES


@pytest.fixture(scope="module")
def results(docs, registry):
    ruleset = compile_rules([RULES / "narrative.rules"], registry).select(["P09", "U08"])
    return {key: evaluate(ruleset, doc, registry) for key, doc in docs.items()}


def _failed(results, key, rule):
    return sorted(r.lines[0] for r in results[key] if r.rule == rule and r.status.value == "failed")


def test_p09_large_changes_without_a_reason(results):
    # GS21B:52 and 56 当年财政拨款 "比上年预算减少4356.34万元" (÷ (906.64 + 4356.34) = 83%), 56 基本支出
    # "减少3831.34万元" (3831.34 ÷ 4420.99 = 87%) and 项目支出 "减少525万元" (525 ÷ 848 = 62%), 86
    # 机关运行经费 "减少4925.98万元" (93%) with only a bracketed remark: no 原因 anywhere near
    assert _failed(results, "GS21B", "P09") == [52, 56, 56, 56, 86]
    assert {r.severity for r in results["GS21B"] if r.rule == "P09"} == {"warning"}
    # QH24:479 2.89%, 481 27.89%, 485 207.64%: each followed by "决算数小于/大于预算数的主要原因…"
    # SX23:187 30.16% ("主要原因是人员增加支出增加" in the sentence), 213 170.6% (next sentence)
    # GS24:915 15.86% ("…的主要原因是人员增减变动"); SC24:208 下降 70% is restated at 247 with
    # "主要原因 是按照过紧日子精神严格缩减开支"
    for key, passed in (("QH24", 3), ("SX23", 2), ("GS24", 1), ("SC24", 2)):
        assert _failed(results, key, "P09") == []
        assert len([r for r in results[key] if r.rule == "P09" and r.status.value == "passed"]) == passed


def test_u08_enumerators_out_of_sequence(results):
    assert _failed(results, "GS21B", "U08") == [102]
    assert _failed(results, "QH24", "U08") == [463]
    assert _failed(results, "GS24", "U08") == [1003, 2081, 2253, 2494, 2638]
    assert _failed(results, "SX23", "U08") == [] and _failed(results, "SC24", "U08") == []
    [qh] = [r for r in results["QH24"] if r.rule == "U08" and r.status.value == "failed"]
    assert qh.severity == "info" and "（4）" in qh.message and "（5）" in qh.message


def test_window_reaches_the_next_sentence_past_a_heading_line(docs):
    # SC24:245 is a heading "3.公务接待费支出 0.3 万元，完成预算 100%。公务接待" whose sentence
    # runs on at 247 "费支出决算比 2023 年度减少 0.7 万元，下降 70%。主要原因 / 是按照过紧日子…"
    doc = docs["SC24"]
    fact = next(f for f in doc.facts if f.name == "变动率" and f.line == 247)
    text = window(doc.sections, fact.line, fact.sentence)
    assert text.startswith("公务接待费支出决算比2023年度减少0.7万元，下降70%。主要原因是")
    assert text.endswith("严格缩减开支。")
