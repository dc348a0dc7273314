"""One check per rule id: a finding names exactly one broken identity.

A rule whose body holds several assertions is allowed only when they are one identity — the same
check applied to the items of a family, its message naming the item (the column, the fact, the
row, or the assertion itself with ``{expr}``), or alternative forms of one check of which one
runs — and is then listed here with why. A rule that bundles different identities fails this
test until it is split (S01.dept → S01.dept, S01.dept.basic, S01.dept.project; P07, S05, S06,
S09, A10.perf, T09, T11, T14–T16, T19–T22, T25, U03, U07, GS.B05–GS.X19, GS.P02 were)."""

from __future__ import annotations

from pathlib import Path

from checker.dsl import ast
from checker.dsl.parse import parse_file

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "rules").glob("*.rules")) + sorted(ROOT.glob("plugins/*/checker_*/rules/*.rules"))

ONE_IDENTITY = {
    # the same identity over a family of items; the message names the item
    "X02": "收支总表 income rows = 收入决算表 columns, one per source",
    "X06": "一般公共预算 column = 公开05, the total and each 类",
    "X09": "公开05 ≤ 公开03 per column",
    "X10": "结转结余 ≤ all, 年初 and 年末 ({expr} names which)",
    "X11": "三公 ≥ its 经济科目, per item ({expr})",
    "X13": "收支总表 income rows = 收入总表 columns, one per source",
    "N02": "说明 income figures = 收支总表 rows ({f.label})",
    "N04": "财政拨款 收入总计 / 支出总计 = the table ({f.name})",
    "N05": "说明 一般公共预算 figures = 公开05 rows ({f.label})",
    "N06": "基本支出, 人员经费, 公用经费 = the tables ({f.name})",
    "N07": "三公 figures = 三公表 ({f.label} {f.name})",
    "N12": "“无…” statements ⇒ their table is empty (the statement is quoted)",
    "N15": "预算说明 figures = the budget tables ({f.name} / {f.label})",
    "P04": "vehicles ⇒ costs, per item ({f.name})",
    "P06": "project money ≤ 项目支出, stated or summed",
    "P08": "功能 ↔ 经济 pairs ({expr})",
    "A06": "items = their total: 政府采购, 三公 ({f.name})",
    "C07": "each part of the 说明 ({part})",
    "C08": "each part of the 预算说明 ({part})",
    "C11": "each 三公 item ({item})",
    "C11.qty": "each 三公 count ({item})",
    "C12.sme": "each 中小企业 figure ({item})",
    "C13": "each 国有资产 part ({part})",
    "N17": "a satisfaction = a 满意度 row, in % or in 分",
    "N18": "整体 report funds = 整体表 ({f.口径}), 执行数 or 预算数",
    "S12.dept": "预算执行率 indicator = its funds row, 基本 / 项目 ({r.label})",
    "U12": "计量单位 = the 指标值's unit, 项目 and 整体 tables",
    "GS.B06.funds": "合计 = 基本 + 项目 for each kind of 财政拨款 ({kind})",
    "GS.X16.b4": "表五 = 表四 for 人员经费 and 单位运转经费 ({col})",
    "GS.X19": "申报表 当年支出计划 = the budget tables, per column ({col})",
    "GS.N11": "政府采购 figures = 表十一 ({f.name})",
    "GS.N15": "基本支出 / 项目支出 = 表六 ({f.name})",
    "QH.X12": "公开10 ≤ 公开06, total and each 款 ({expr})",
    "QH.T11.sme": "小微 ≤ 中小企业 ≤ 总额 (the default message quotes the assertion)",
    "QH.T09B": "实物量 pairs ({expr})",
    "QH.N08": "说明 实物量 = the block ({f.name})",
    "QH.N11": "说明 政府采购 = 公开11 ({f.name})",
    # alternative forms of one check: one of them runs, or they are the two ends of one bound
    "A01": "a share = 部分 ÷ 总数, or within one unit of a 100% breakdown",
    "A04": "a change rate on the previous year, increase or decrease",
    "A07": "Σ listed 年初预算 = or ≤ the total, as the list is whole or not",
    "A08": "balance with or without 使用非财政拨款结余 / 结余分配",
    "A06.其中": "parts = the whole when shares are given, ≤ otherwise",
    "P09": "a reason for a change, a completion, or a gap",
    "QH.N09": "无机关运行经费 ⇒ 0, or the amount = 公开10",
    "T22": "收入总计 = 财政拨款, with 上年结转 where the row is printed",
    "T22.expense": "支出总计 = 功能类, with 结转下年 where the row is printed",
    "N13.rate": "the rate = the table's ratio, or its printed 执行率",
    "S04": "0 ≤ 得分 ≤ 分值: one bound",
    "SX.S04.system": "0 ≤ 得分 ≤ 分值: one bound",
    "S05.score": "score of a target not met, with the printed 完成率 or the ratio",
    "S06": "a band score within the band: one bound",
    "S10": "a grade's score band, 优 / 良 / 中 / 差",
}


def _assertions(stmts: list) -> int:
    n = 0
    for s in stmts:
        if isinstance(s, (ast.Assert, ast.RequireTables)):
            n += 1
        elif isinstance(s, (ast.For, ast.When)):
            n += _assertions(s.body)
    return n


def test_every_rule_checks_one_identity():
    bundled = {r.id for f in FILES for r in parse_file(f).rules if _assertions(r.body) > 1}
    assert bundled - set(ONE_IDENTITY) == set()
    assert set(ONE_IDENTITY) - bundled == set()  # the list stays exact
