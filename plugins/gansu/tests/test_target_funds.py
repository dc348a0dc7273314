"""The ``target_funds`` layout (``checker_gansu/layouts/target_funds.py``): the funds and staff
blocks of GS21B's 整体支出绩效目标申报表, and how the package registers the layout."""

from __future__ import annotations

import checker_gansu
from checker_gansu.layouts import target_funds

from checker.parse.layouts import LAYOUTS
from checker.plugins.collect import plugin_layouts
from checker.plugins.pipeline import parse_with_plugins


def test_the_package_registers_its_layout_through_the_kit(host):
    """layouts/target_funds.py is layout target_funds of this package, not of the core."""
    assert checker_gansu.plugin.checker_layouts() == {"target_funds": target_funds.parse}
    assert plugin_layouts(host)["target_funds"] is target_funds.parse
    assert "target_funds" not in LAYOUTS


def test_target_form_headcount_gs21b(host, registry, report):
    """GS21B:417–419 单位基本信息: "编制总人数 | | 编制内实际人数", "52 | 合计 | 行政 | 事业 | 其他",
    "| 64 | 24 | 40 |": each count under its header."""
    doc = parse_with_plugins(report("gansu-linxia-yibao-2021-budget.txt"), host, registry)
    row = doc.table("perf.target.department").row("人员编制")
    got = {k: (c.number.text if c.number else None, c.line) for k, c in row.cells.items()}
    assert got == {"编制总人数": ("52", 418), "实际人数合计": ("64", 419), "实际人数行政": ("24", 419),
                   "实际人数事业": ("40", 419), "实际人数其他": (None, 419)}
