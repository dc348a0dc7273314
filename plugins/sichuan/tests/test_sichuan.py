"""checker-sichuan: rule cases, region detection, every 附表 title resolved to a table id."""

from __future__ import annotations

from pathlib import Path

import checker_sichuan
import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.findings import Status
from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules
from checker.plugins.pipeline import parse_with_plugins

RULES = Path(checker_sichuan.__file__).parent / "rules"


@pytest.mark.parametrize("case", rule_case_params(RULES))
def test_rule_case(case, registry, functions):
    check_rule_case(case, registry, functions)


def test_every_rule_has_a_case(registry, functions):
    assert not untested_rules([RULES], registry, functions)


def test_detects_sichuan():
    assert checker_sichuan.plugin.checker_detect_region(["根据《中共井研县委办公室"]).code == "SC"
    lines = ["某某局", *[""] * 20, "第五部分 附表", "一、收入支出决算总表"]
    assert checker_sichuan.plugin.checker_detect_region(lines).score == 1
    # the same heading followed by printed tables is not the 四川 layout
    assert checker_sichuan.plugin.checker_detect_region([*lines, "公开 01 表"]) is None


def test_thirteen_attached_titles_resolve(host, registry, report):
    doc = parse_with_plugins(report("sichuan-jingyan-yibao-2024-final.txt"), host, registry)
    assert doc.meta.region == "SC"
    ids = [lt.table_id for lt in doc.listed_tables]
    assert ids == ["final.T01", "final.T02", "final.T03", "final.T04", "final.SC05", "final.T05",
                   "final.SC07", "final.T06", "final.SC09", "final.T07", "final.T08", "final.SC12",
                   "final.T09"]


def test_sc12_title_stays_t08_elsewhere(registry):
    """Outside 四川 the title 国有资本经营预算财政拨款支出决算表 is the national final.T08."""
    title = "国有资本经营预算财政拨款支出决算表"
    assert registry.for_region("SC").by_title(title).id == "final.SC12"
    assert registry.for_region("GS").by_title(title).id == "final.T08"
    assert registry.for_region(None).by_title(title).id == "final.T08"


def test_rules_on_sc24_are_not_evaluated(host, registry, functions, report):
    doc = parse_with_plugins(report("sichuan-jingyan-yibao-2024-final.txt"), host, registry)
    results = evaluate(compile_rules([RULES], registry, functions), doc, registry)
    c02 = [r for r in results if r.rule == "SC.C02"]
    assert len(c02) == 13 and all(r.status is Status.NOT_EVALUATED for r in c02)
    assert all(r.status is not Status.PASSED for r in results)
