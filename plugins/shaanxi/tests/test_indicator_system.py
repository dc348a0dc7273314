"""The 部门整体支出绩效指标体系 (perf.department_system): SX23:696–918 read row by row (every value
checked against the report text), the rules' results on SX23, and how the layout behaves where
the text does not decide."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import checker_shaanxi

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.findings import Status
from checker.model import Cell, Row, Table
from checker.parse.document import parse_path
from checker.plugins.collect import plugin_layouts
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins

RULES = Path(checker_shaanxi.__file__).parent / "rules"
# the core's layouts and the plugins' (perf_indicator_system is this package's)
LAYOUTS = plugin_layouts(load_plugins())
SYSTEM_RULES = ("SX.S09.system", "SX.S09.group", "SX.S08.system", "SX.S04.system")

# (key, 一级指标, label, 分值, 得分, line of 得分), SX23:717–916. The 分值 is the first plain number
# after the row's labels and description, on the key's line; the 得分 the last one of the line
# that closes the row.
SX23_INDICATORS = [
    ("指标@725", "部门决策", "目标设定 绩效目标合理性", "5", "5", 725),        # 725 "5 绩效目标合理 … 5"
    ("指标@731", "部门决策", "绩效指标明确性", "5", "5", 731),
    ("指标@741", "部门管理", "资金投入 预算完成率", "2", "2", 741),            # 741 "2 100% 100% 2"
    ("指标@743", "部门管理", "预算调整率", "2", "1.5", 743),                  # 743 "… 2 0 1% 1.5"
    ("指标@752", "部门管理", "支出进度率", "2", "1.5", 759),                  # 752 "2" … 759 "1.5"
    ("指标@771", "部门管理", '"三公经费" 控制率', "2", "2", 771),              # 771 "2 ≤100% 100% 2"
    ("指标@775", "部门管理", "财务管理 财务管理制度健全性", "2", "2", 775),
    ("指标@777", "部门管理", "会计基础规范性", "2", "2", 777),
    ("指标@783", "部门管理", "资金使用合规性", "2", "2", 787),                # 787 "要点1-6均达到要求 2"
    ("指标@793", "部门管理", "采购管理 政府采购执行率", "3.5", "3.5", 793),    # "3.5 ≥95% 0 3.5 单位…"
    ("指标@795", "部门管理", "资产管理 资产管理规范性", "3.5", "3.5", 795),
    ("指标@801", "部门管理", "收入管理 财政收入执行规范性", "3.5", "3.5", 817),  # 801 "3.5" … 817 "3.5"
    ("指标@828", "部门管理", "内控管理 内部控制制度的科学性、合 理性和适用性", "3.5", "3.5", 828),
    ("指标@831", "部门管理", "人员管理 在职人员控制率", "2", "2", 831),        # after the header repeat (829)
    ("指标@833", "部门管理", "绩效管理 部门预算绩效管理", "3", "3", 840),      # 833 "… 3" … 840 "3"
    ("指标@848", "部门管理", "信息管理 预决算信息公开性", "2", "2", 848),
    ("指标@854", "部门管理", "基础信息完备性", "2", "2", 854),
    ("指标@863", "部门管理", "重点工作管理 重点工作制度 健全性", "3", "3", 863),
    ("指标@871", "项目产出", "产出数量 实际完成率", "9", "9", 876),  # 876 "极少数据出现偏差 9 进一步…"
    ("指标@882", "项目产出", "产出质量 质量达标率", "9", "9", 882),           # 882 "9 100% 9"
    ("指标@888", "项目产出", "产出时效 完成及时性", "8", "7", 892),           # 888 "8" … 892 "7 进一步…"
    ("指标@898", "项目产出", "产出成本 成本节约率", "9", "9", 902),
    ("指标@906", "项目效果", "经济效益", "4", "4", 910),                    # 906 "… 4" … 910 "100% 4"
    ("指标@912", "项目效果", "社会效益", "4", "4", 912),
    ("指标@914", "项目效果", "生态效益", "4", "4", 914),
    ("指标@916", "项目效果", "满意度", "3", "3", 916),
]

# Target and actual printed as two tokens on one line: read as text cells (SX23 lines cited).
SX23_TEXTS = {
    "指标@725": ("绩效目标合理", "绩效目标设定符合合理性要求"),
    "指标@731": ("绩效目标明确", "绩效目标设定符合明确性要求"),
    "指标@741": ("100%", "100%"),
    "指标@743": ("0", "1%"),
    "指标@771": ("≤100%", "100%"),
    "指标@775": ("财务制度健全、完善、有效", "制度健全"),
    "指标@777": ("会计基础工作规范、真实、完整。", "会计基础工作规范管理"),
    "指标@793": ("≥95%", "0"),
    "指标@795": ("资产管理按照资产管理办法进行管理", "资产管理按照资产管理办法进行管理"),
    "指标@828": ("内部控制制度科学、合理、适用", "内部控制制度科学、合理、适用"),
    "指标@831": ("≤100%", "≤100%"),
    "指标@848": ("按要求对预决算数据予以公开", "按要求对预决算数据予以公开"),
    "指标@854": ("基础信息真实、完整、准确", "基础信息真实、完整、准确"),
    "指标@863": ("重点工作开展符合评价要求", "重点工作开展符合评价要求"),
}


def _system(doc) -> Table:
    tables = [t for t in doc.tables if t.id == "perf.department_system"]
    assert len(tables) == 1
    return tables[0]


def _text(c: Cell) -> str | None:
    if c.placed == "ambiguous":
        return "?"
    return c.printed


def _sx23(host, registry, report) -> Table:
    return _system(parse_with_plugins(report("shaanxi-baihe-yibao-2023-final.txt"), host, registry))


def test_sx23_block_header_and_groups(host, registry, report):
    t = _sx23(host, registry, report)
    # SX23:696 title, 698 填报单位, 699 "自评得分： 98", 918 备注 (the block's last line)
    assert (t.line, t.end_line, t.subject) == (696, 918, "白河县医疗保障局(本级）")
    assert [n.line for n in t.notes] == [918]
    total = t.row("总分")
    assert (total.side, total.line, _text(total.cells["得分"]), total.cells["分值"].blank) == (
        "总分", 699, "98", True)
    groups = [(r.key, _text(r.cells["分值"]), r.line) for r in t.rows if r.side == "一级指标"]
    # SX23:719 部门决策（10）, 733 部门管理（40）, 865 项目产出（35分）, 904 项目效果（15分）
    assert groups == [("部门决策", "10", 719), ("部门管理", "40", 733), ("项目产出", "35", 865),
                      ("项目效果", "15", 904)]
    assert len(t.rows) == 1 + 4 + 26


def test_sx23_indicator_rows(host, registry, report):
    t = _sx23(host, registry, report)
    rows = [r for r in t.rows if r.side == "指标"]
    got = [(r.key, r.cells["一级指标"].text, r.label, _text(r.cells["分值"]), _text(r.cells["得分"]),
            r.cells["得分"].line) for r in rows]
    assert got == SX23_INDICATORS
    assert all(r.cells["分值"].line == r.line and not r.unplaced for r in rows)
    assert sum(D(x[3]) for x in SX23_INDICATORS) == 100 and sum(D(x[4]) for x in SX23_INDICATORS) == 98


def test_sx23_target_and_actual_texts(host, registry, report):
    """Two value tokens on one line are the target and the actual; otherwise both are ambiguous
    (SX23:752–758 wrapped over lines; 882 "9 100% 9" prints one value; 906–910 two lines)."""
    t = _sx23(host, registry, report)
    for r in (r for r in t.rows if r.side == "指标"):
        pair = (_text(r.cells["指标值"]), _text(r.cells["完成值"]))
        assert pair == SX23_TEXTS.get(r.key, ("?", "?")), r.key


def test_sx23_rules(host, registry, functions, report):
    """Σ 分值 = 100 (SX.S09.system), each weight = Σ its rows (10 / 40 / 35 / 15), 自评得分 98 = Σ 得分
    (SX.S08.system), every 得分 within 0–分值 (26 rows × 2): all pass."""
    doc = parse_with_plugins(report("shaanxi-baihe-yibao-2023-final.txt"), host, registry)
    ruleset = compile_rules([RULES / "shaanxi_performance.rules"], registry, functions)
    results = [r for r in evaluate(ruleset, doc, registry) if r.rule in SYSTEM_RULES]
    counts = {rule: [r.status for r in results if r.rule == rule] for rule in SYSTEM_RULES}
    assert {k: (len(v), set(v)) for k, v in counts.items()} == {
        "SX.S09.system": (1, {Status.PASSED}), "SX.S09.group": (4, {Status.PASSED}),
        "SX.S08.system": (1, {Status.PASSED}), "SX.S04.system": (52, {Status.PASSED})}
    s08 = next(r for r in results if r.rule == "SX.S08.system")
    assert s08.operands[0].line == 699 and s08.operands[0].text == "98"
    # SX23:631 "部门整体支出自评得分98" = the 指标体系's 自评得分 98 (SX23:699)
    n13 = [r for r in evaluate(ruleset, doc, registry) if r.rule == "SX.N13.system"]
    assert [(r.status, sorted(o.line for o in r.operands)) for r in n13] == [(Status.PASSED, [631, 699])]


# ---- synthetic texts: where the text does not decide

HEAD = """2024年度部门整体支出绩效指标体系

填报单位：某某局
自评得分： 95

一级指标 二级指标 三级指标 分值 年初目标值 实际完成值 得分 未完成原因分析与改进措施
"""


def _parse(tmp_path: Path, registry, body: str) -> Table:
    path = tmp_path / "report.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return _system(parse_path(path, registry, layouts=LAYOUTS))


def _row(t: Table, label: str) -> Row:
    return next(r for r in t.rows if r.label == label)


def test_a_value_after_a_numeric_target_reopens_the_row(tmp_path, registry):
    """"5 ≥95% 0" then "1.5" with no label between: 0 is the actual, 1.5 the 得分."""
    t = _parse(tmp_path, registry, "部门决策（10）\n预算调整率 考察比率。 5 ≥95% 0\n\n1.5\n"
                                   "满意度 考察满意程度。 5 100% 100% 5\n")
    r = _row(t, "预算调整率")
    assert [_text(r.cells[k]) for k in ("分值", "得分", "指标值", "完成值")] == ["5", "1.5", "≥95%", "0"]
    assert _text(_row(t, "满意度").cells["得分"]) == "5"


def test_a_group_before_the_score_leaves_it_ambiguous(tmp_path, registry):
    t = _parse(tmp_path, registry, "部门决策（10）\n预算完成率 考察完成。 10 100% 100%\n"
                                   "部门管理（5）\n满意度 考察满意程度。 5 100% 100% 5\n")
    assert [_text(_row(t, "预算完成率").cells[k]) for k in ("分值", "得分")] == ["10", "?"]
    assert _text(_row(t, "满意度").cells["得分"]) == "5"


def test_a_broken_pattern_is_lost_until_the_next_group(tmp_path, registry):
    """A number after the 得分 on its line: that row's 得分 and the rest of its group are not read
    (one row with both cells ambiguous holds their numbers); the next group reads again."""
    t = _parse(tmp_path, registry, "部门决策（10）\n预算完成率 考察完成。 5 100% 5 95%\n"
                                   "满意度 考察满意程度。 5 100% 100% 5\n"
                                   "部门管理（5）\n会计基础规范性 考察规范。 5 规范 规范 5\n")
    assert [_text(_row(t, "预算完成率").cells[k]) for k in ("分值", "得分")] == ["5", "?"]
    lost = [r for r in t.rows if r.key.endswith("?")]
    assert len(lost) == 1 and lost[0].cells["一级指标"].text == "部门决策"
    assert _text(lost[0].cells["分值"]) == "?" and [n.text for n in lost[0].unplaced] == ["5", "5", "5"]
    assert not any(r.label == "满意度" for r in t.rows)
    assert [_text(_row(t, "会计基础规范性").cells[k]) for k in ("分值", "得分")] == ["5", "5"]


def test_a_number_after_a_sentence_unsettles_the_row_above(tmp_path, registry):
    """"2 0", a sentence, "1.5": the 0 may have been a numeric target and 1.5 the 得分 (the actual
    wrapped below): the row's 得分 becomes ambiguous, and the rest of the group is not read."""
    t = _parse(tmp_path, registry, "部门决策 （10）\n预算调整率 考察比率。 2 0\n执行较好，符合要求\n1.5\n")
    assert [(r.side, r.key) for r in t.rows][1] == ("一级指标", "部门决策")  # weight in its own token
    assert [_text(_row(t, "预算调整率").cells[k]) for k in ("分值", "得分")] == ["2", "?"]
    assert [n.text for n in t.rows[-1].unplaced] == ["1.5"] and t.rows[-1].key.endswith("?")


def test_a_row_without_a_label_is_lost(tmp_path, registry):
    t = _parse(tmp_path, registry, "部门决策（10）\n5 100% 100% 5\n")
    assert [r.side for r in t.rows] == ["总分", "一级指标", "指标"]
    assert t.rows[-1].key.endswith("?") and t.rows[-1].cells["得分"].placed == "ambiguous"


def test_ambiguous_cells_are_not_evaluated(tmp_path, registry, functions):
    t_doc = tmp_path / "report.txt"
    t_doc.write_text(HEAD + "部门决策（10）\n预算完成率 考察完成。 10 100% 100%\n", encoding="utf-8")
    doc = parse_path(t_doc, registry, layouts=LAYOUTS)
    doc.meta.region, doc.meta.kind = "SX", "final"
    ruleset = compile_rules([RULES / "shaanxi_performance.rules"], registry, functions)
    results = {r.rule: r.status for r in evaluate(ruleset, doc, registry) if r.rule in SYSTEM_RULES}
    # 分值 10 is read: the sums of 分值 hold (Σ = 10 ≠ 100 fails); the 得分 is ambiguous
    assert results == {"SX.S09.system": Status.FAILED, "SX.S09.group": Status.PASSED,
                       "SX.S08.system": Status.NOT_EVALUATED, "SX.S04.system": Status.NOT_EVALUATED}


def test_the_package_registers_its_layout_through_the_kit():
    """layouts/perf_indicator_system.py is layout perf_indicator_system of this package."""
    from checker_shaanxi.layouts import perf_indicator_system

    from checker.parse.layouts import LAYOUTS as CORE

    assert checker_shaanxi.plugin.checker_layouts() == {
        "perf_indicator_system": perf_indicator_system.parse}
    assert LAYOUTS["perf_indicator_system"] is perf_indicator_system.parse
    assert "perf_indicator_system" not in CORE
