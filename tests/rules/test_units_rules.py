"""U03 on the reports: every standard table says 万元; the 三公 实物量 block is counts."""

from __future__ import annotations

from collections import Counter

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES


def test_every_table_says_wanyuan(docs, registry):
    ruleset = compile_rules([RULES / "units.rules"], registry)
    got = {key: Counter(r.status.value for r in evaluate(ruleset, doc, registry))
           for key, doc in docs.items()}
    # two results per table (unit declared; unit is 万元): GS24 9 决算 tables (91–847), QH24 11
    # (公开01–11; the 实物量 block under 公开09 is a table only once the 青海 package has run: its
    # unit "个/人/辆" is counts, a case of rules/units.cases.yaml)
    assert got["GS24"] == {"passed": 18}
    assert got["QH24"] == {"passed": 22}
    assert got["SX23"] == {"passed": 18} and got["GS21B"] == {"passed": 20}
    # SC24 prints no table body
    assert got["SC24"] == {"not_applicable": 1}
