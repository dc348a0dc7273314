"""项目支出绩效自评表: values read by hand from the reports (domain.md §1.7)."""

from __future__ import annotations

from decimal import Decimal as D

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from tests.rules.test_national_rules import RULES


def perf(doc):
    return [t for t in doc.tables if t.id == "perf.project"]


def cells(t, key):
    r = t.row(key)
    assert r is not None, key
    return {k: (c.number.text if c.number else None) for k, c in r.cells.items()}


def test_one_table_per_project(docs):
    assert [t.line for t in perf(docs["QH24"])] == [553, 584, 613, 637, 661, 683, 714, 735, 758, 780]
    assert len(perf(docs["SX23"])) == 10
    assert [t.line for t in perf(docs["GS24"])] == [1891, 2287, 2692]


def test_qh24_tsv_table(docs):
    t = perf(docs["QH24"])[0]  # QH24:553–580
    assert t.subject == "医疗服务和保障能力提升补助资金"
    assert cells(t, "年度资金总额") == {"年初预算数": "170", "全年预算数": "170", "全年执行数": "511.80",
                                   "分值": "10", "执行率": "301.06%", "得分": "7"}
    assert cells(t, "总分")["分值"] == "100" and cells(t, "总分")["得分"] == "85"
    indicators = [r for r in t.rows if r.side == "指标"]
    assert len(indicators) == 12
    first = indicators[0]
    assert first.label == "指标 1：医保政策宣传" and first.line == 566
    assert sum(r.cells["得分"].number.value for r in indicators) == D("78")  # 85 − 7


def test_space_tables(docs):
    gs = perf(docs["GS24"])[1]  # GS24:2287–2424
    assert gs.subject == "2024 年城乡居民基本医疗保险补助"
    f = gs.row("年度资金总额").cells
    assert [f[k].number.text for k in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")] \
        == ["290", "290", "248.58", "10", "85.71", "8.57"]
    assert f["执行率"].number.percent  # the header says 执行率(%)
    assert cells(gs, "总分")["得分"] == "96.34"
    # GS24:2422 ">905 95 10 5 105.56% 10": 得分 10; whether 10 or the stray 5 is 分值 the
    # line cannot say (the unit column prints a digit)
    last = [r for r in gs.rows if r.side == "指标"][-1]
    assert last.line == 2422 and last.cells["得分"].number.text == "10"
    assert last.cells["分值"].placed == "ambiguous"
    # GS24:1918 "其中：财政拨款 54 54 - 100.00 9.99": one of the three amounts is blank
    g1 = perf(docs["GS24"])[0]
    assert g1.row("财政拨款").cells["全年执行数"].placed == "ambiguous"
    assert g1.row("财政拨款").cells["得分"].number.text == "9.99"
    sx = perf(docs["SX23"])[0]  # SX23:1094–1104, the 财政拨款 label wrapped over two lines
    assert cells(sx, "财政拨款") == {"年初预算数": "16.2", "全年预算数": "16.2", "全年执行数": "16.2",
                                 "分值": None, "执行率": "100%", "得分": None}


def test_score_rules_on_the_reports(docs, registry):
    ruleset = compile_rules([RULES], registry)
    for key in ("QH24", "SX23", "GS24"):
        results = [r for r in evaluate(ruleset, docs[key], registry) if r.rule.startswith("S")]
        errors = [r for r in results if r.status.value == "failed" and r.severity == "error"]
        assert errors == [], key  # sums and bounds hold in all three reports (domain.md S08, S09)
    qh = [r for r in evaluate(ruleset, docs["QH24"], registry) if r.rule == "S03"
          and r.status.value == "failed"]
    # QH scores funds in whole points, not 分值 × 执行率 (QH24:559 301% → 7, 619 41% → 6, 720 0% → 7,
    # 741 74% → 7, 764 97.3% → 9)
    assert sorted(r.operands[0].line for r in qh) == [559, 619, 720, 741, 764]
    sx = [r for r in evaluate(ruleset, docs["SX23"], registry) if r.rule == "S02"
          and r.status.value == "failed"]
    assert 1302 in [r.operands[0].line for r in sx]  # 96.22% fits no base


def test_s11_monotonic_scoring(docs, registry):
    """S11: QH24:720 (0% → 7) above QH24:619 (41% → 6) is the one inversion in the three reports;
    GS24 (100% → 9.99, 92.42% → 9.24, 85.71% → 8.57) is monotonic; SX23 executes every project
    in full (全年执行数 = 全年预算数), so no pair has a clearly lower rate."""
    ruleset = compile_rules([RULES], registry)
    got = {}
    for key in ("QH24", "GS24", "SX23"):
        s11 = [r for r in evaluate(ruleset, docs[key], registry) if r.rule == "S11"]
        got[key] = sorted(tuple(sorted({o.line for o in r.operands})) for r in s11
                          if r.status.value == "failed")
        assert all(r.status.value in ("passed", "failed", "not_applicable") for r in s11)
    assert got == {"QH24": [(619, 720)], "GS24": [], "SX23": []}


def test_department_table_gs24(docs):
    """GS24:1550–1659 部门整体支出绩效自评表: seven funds rows, 24 indicator scores, 总分 92.47."""
    ts = [t for t in docs["GS24"].tables if t.id == "perf.department"]
    assert len(ts) == 1
    t = ts[0]
    assert (t.line, t.end_line, t.subject) == (1550, 1659, "临夏市医疗保障局")
    assert cells(t, "年度资金总额") == {"年初预算数": "1251.44", "全年预算数": "1265.01",
                                   "全年执行数": "1061.58", "执行率": "83.91", "得分": "8.39"}
    assert t.row("年度资金总额").cells["执行率"].number.percent
    assert cells(t, "基本支出")["全年执行数"] == "746.66" and cells(t, "人员经费")["得分"] == "9.26"
    assert cells(t, "一般性项目")["全年预算数"] == "0" and cells(t, "重点项目")["全年预算数"] == "454"
    indicators = [r for r in t.rows if r.side == "指标"]
    assert len(indicators) == 24 and indicators[0].line == 1595 and indicators[-1].line == 1657
    assert sum(r.cells["得分"].number.value for r in indicators) == D("84.08")  # 92.47 − 8.39
    assert cells(t, "总分") == {"分值": None, "得分": "92.47"}
    for key in ("QH24", "SX23", "SC24"):  # SX prints a 指标体系 (SX23:696), not read
        assert not [x for x in docs[key].tables if x.id == "perf.department"]


def test_department_rules_gs24(docs, registry):
    """S01.dept ✓ (1061.58 vs 746.66 + 314.91 = 1061.57 within rounding), S08.dept ✓ (8.39 + 84.08),
    N13.dept ✓ (GS24:1500 92.47), P07 ✗ at 基本 746.66 vs T03 746.02, 人员 667.63 vs T06 666.99,
    项目 314.91 vs T03 29.36, ✓ 公用 79.03."""
    ruleset = compile_rules([RULES], registry)
    results = [r for r in evaluate(ruleset, docs["GS24"], registry)
               if r.rule in ("S01.dept", "S08.dept", "P07", "N13.dept")]
    by = {}
    for r in results:
        by.setdefault((r.rule, r.status.value), []).append(r)
    assert {k: len(v) for k, v in by.items()} == {
        ("S01.dept", "passed"): 9, ("S08.dept", "passed"): 1, ("N13.dept", "passed"): 1,
        ("P07", "failed"): 3, ("P07", "passed"): 1}
    lines = sorted(min(o.line for o in r.operands if o.line and o.line > 1500) for r in by[("P07", "failed")])
    assert lines == [1563, 1565, 1569]
