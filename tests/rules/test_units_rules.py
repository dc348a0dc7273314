"""U03 on the reports: every standard table says 万元; the 三公 实物量 block is counts."""

from __future__ import annotations

from collections import Counter

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES


def test_every_table_says_wanyuan(docs, registry):
    ruleset = compile_rules([RULES / "units.rules"], registry).select(["U03"])
    got = {key: Counter(r.status.value for r in evaluate(ruleset, doc, registry))
           for key, doc in docs.items()}
    # two results per table (unit declared; unit is 万元): GS24 9 决算 tables (91–847), QH24 12:
    # 公开01–11 and the 实物量 block under 公开09 (QH24:358–362, a table wherever the 青海
    # templates are loaded): its unit "个/人/辆" is declared, but counts, so U03.money does not
    # apply (a case of rules/units.cases.yaml)
    assert got["GS24"] == {"passed": 18}
    assert got["QH24"] == {"passed": 23, "not_applicable": 1}
    assert got["SX23"] == {"passed": 18} and got["GS21B"] == {"passed": 20}
    # SC24 prints no table body (U03 and U03.money: nothing to check)
    assert got["SC24"] == {"not_applicable": 2}


def test_money_printed_with_two_decimals(docs, registry):
    ruleset = compile_rules([RULES / "units.rules"], registry).select(["U10"])
    got = {key: [r for r in evaluate(ruleset, doc, registry)] for key, doc in docs.items()}
    # GS21B 表十一 政府采购预算表 prints "85 20 65" (GS21B:378) and 表十二 机关运行经费表 "230"
    # (GS21B:405): info; its seven other tables with figures print two decimals
    failed = [(r.severity, r.operands[0].line, r.operands[0].text)
              for r in got["GS21B"] if r.status.value == "failed"]
    assert failed == [("info", 378, "85"), ("info", 405, "230")]
    assert Counter(r.status.value for r in got["GS21B"]) == {"passed": 7, "failed": 2}
    # GS24 and SX23: every table with figures prints two decimals (empty tables are not looked at)
    assert Counter(r.status.value for r in got["GS24"]) == {"passed": 6}
    assert Counter(r.status.value for r in got["SX23"]) == {"passed": 7}
