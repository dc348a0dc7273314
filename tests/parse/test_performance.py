"""项目支出绩效自评表: values read by hand from the reports (domain.md §1.7)."""

from __future__ import annotations

from decimal import Decimal as D

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.model import Document, Table
from checker.parse.body import BodyLine
from checker.parse.fields import split_fields
from checker.parse.layouts import perf_project
from checker.schema import load_schema
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
    # GS24:2422 ">905 95 10 5 105.56% 10": 得分 10. Two numbers stand between the 指标值 and the
    # 完成率: only "分值 10, 单位 5" leaves exactly 指标值 ">905" and 完成值 "95" ("分值 5" would
    # leave three values), so 分值 is 10 (and 10 + 80 + 10 = 100, S09)
    last = [r for r in gs.rows if r.side == "指标"][-1]
    assert last.line == 2422 and last.cells["得分"].number.text == "10"
    assert last.cells["分值"].number.text == "10" and last.cells["单位"].text == "5"
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
        results = [r for r in evaluate(ruleset, docs[key], registry) if r.rule.startswith("S")
                   and r.rule != "S12.dept"]
        errors = [r for r in results if r.status.value == "failed" and r.severity == "error"]
        assert errors == [], key  # sums and bounds hold in all three reports (domain.md S08, S09)
    # the 整体 table's 预算执行率 indicators are not its funds rows' (S12.dept, GS24:1595, 1597)
    s12 = [r for r in evaluate(ruleset, docs["GS24"], registry) if r.rule == "S12.dept"
           and r.status.value == "failed"]
    assert sorted(max(r.lines) for r in s12) == [1595, 1597]
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
                                   "全年执行数": "1061.58", "执行率": "83.91", "得分": "8.39",
                                   "未完成原因": None}  # its 未完成原因分析 cell, printed empty
    assert t.row("年度资金总额").cells["未完成原因"].text == ""
    assert t.row("年度资金总额").cells["执行率"].number.percent
    assert cells(t, "基本支出")["全年执行数"] == "746.66" and cells(t, "人员经费")["得分"] == "9.26"
    assert cells(t, "一般性项目")["全年预算数"] == "0" and cells(t, "重点项目")["全年预算数"] == "454"
    indicators = [r for r in t.rows if r.side == "指标"]
    assert len(indicators) == 24 and indicators[0].line == 1595 and indicators[-1].line == 1657
    assert sum(r.cells["得分"].number.value for r in indicators) == D("84.08")  # 92.47 − 8.39
    assert cells(t, "总分") == {"分值": None, "得分": "92.47"}
    for key in ("QH24", "SX23", "SC24"):  # SX23:696 指标体系 is perf.department_system (plugin)
        assert not [x for x in docs[key].tables if x.id == "perf.department"]


def test_department_rules_gs24(docs, registry):
    """S01.dept ✓ (1061.58 vs 746.66 + 314.91 = 1061.57 within rounding), S08.dept ✓ (8.39 + 84.08),
    N13.dept ✓ (GS24:1500 92.47), P07 ✗ at 基本 746.66 vs T03 746.02, 人员 667.63 vs T06 666.99,
    项目 314.91 vs T03 29.36, ✓ 公用 79.03."""
    ruleset = compile_rules([RULES], registry)
    ids = ("S01.dept", "S01.dept.basic", "S01.dept.project", "S08.dept", "N13.dept", "P07",
           "P07.project", "P07.personnel", "P07.public")
    results = [r for r in evaluate(ruleset, docs["GS24"], registry) if r.rule in ids]
    by = {}
    for r in results:
        by.setdefault((r.rule, r.status.value), []).append(r)
    assert {k: len(v) for k, v in by.items()} == {
        ("S01.dept", "passed"): 3, ("S01.dept.basic", "passed"): 3,
        ("S01.dept.project", "passed"): 3, ("S08.dept", "passed"): 1, ("N13.dept", "passed"): 1,
        ("P07", "failed"): 1, ("P07.personnel", "failed"): 1, ("P07.project", "failed"): 1,
        ("P07.public", "passed"): 1}
    lines = {r.rule: min(o.line for o in r.operands if o.line and o.line > 1500)
             for r in results if r.status.value == "failed"}
    assert lines == {"P07": 1563, "P07.personnel": 1565, "P07.project": 1569}


# ---- indicator rows: 年度指标值 / 实际完成值 (and 单位, 完成率, 偏差原因) as printed, with their lines


def indicator(t, line):
    rows = [r for r in t.rows if r.side == "指标" and r.line == line]
    assert len(rows) == 1, line
    return rows[0]


def texts(r):
    """{column: (text, line)} of the row's text cells and its 完成率."""
    out = {}
    for k in ("指标值", "完成值", "单位", "完成率", "偏差原因"):
        c = r.cells.get(k)
        if c is not None:
            out[k] = ("?" if c.placed == "ambiguous" else c.number.text if c.number else c.text, c.line)
    return out


def test_indicator_values_qh24_tsv(docs):
    t = perf(docs["QH24"])[0]  # QH24:553–580
    # QH24:566 "指标 1：医保政策宣传⇥≥1 次⇥1⇥10⇥10⇥"
    assert texts(indicator(t, 566)) == {"指标值": ("≥1 次", 566), "完成值": ("1", 566)}
    # QH24:569 "=100%⇥90%⇥10⇥7⇥业务工作人员紧缺，…细化、量化绩效指标"
    r = indicator(t, 569)
    got = texts(r)
    assert got["指标值"] == ("=100%", 569) and got["完成值"] == ("90%", 569)
    assert got["偏差原因"][0].startswith("业务工作人员紧缺，一人多岗现象普遍") and got["偏差原因"][1] == 569
    assert r.cells["分值"].number.text == "10" and r.cells["得分"].number.text == "7"
    # QH24:572 "定性年内完成⇥已完成"; QH24:573–575 a row wrapped over two lines: the label and the
    # 偏差原因 continue on QH24:575 ("系建设", "慢。下一步改进措施： …")
    assert texts(indicator(t, 572)) == {"指标值": ("定性年内完成", 572), "完成值": ("已完成", 572)}
    r = indicator(t, 573)
    assert r.label.endswith("推进医保经办服务体系建设")
    assert texts(r)["指标值"] == ("是否有所提高", 573) and texts(r)["完成值"] == ("有所提高", 573)
    assert texts(r)["偏差原因"][0].endswith(
        "相关业务工作进展缓慢。下一步改进措施： 按照现有业务人员情况优化岗位设置，细化、量化绩效指标")
    # QH24:577 "≥90%⇥≥90%⇥10⇥7⇥通过培训和宣传，…"
    assert texts(indicator(t, 577))["完成值"] == ("≥90%", 577)
    t2 = perf(docs["QH24"])[1]  # QH24:584–609
    assert texts(indicator(t2, 608)) == {"指标值": ("≥90%", 608), "完成值": ("90", 608)}  # QH24:608
    t3 = perf(docs["QH24"])[9]  # QH24:780–802
    assert texts(indicator(t3, 794)) == {"指标值": ("≥10000", 794), "完成值": ("10000", 794)}


def test_indicator_values_gs24_space(docs):
    gs = perf(docs["GS24"])[1]  # GS24:2287–2424
    # GS24:2344 "经济成本指标 资金投入 =290 万元 248.58 10 元 85.72% 8.57"
    r = indicator(gs, 2344)
    assert r.label == "资金投入"
    assert texts(r) == {"指标值": ("=290 万元", 2344), "完成值": ("248.58", 2344), "单位": ("元", 2344),
                        "完成率": ("85.72%", 2344)}
    assert r.cells["完成率"].number.percent and r.cells["完成率"].number.value == D("85.72")
    # GS24:2347–2354 label "城乡居民人口参保" / "人数", target ">=210000" / "人" on lines of their own
    r = indicator(gs, 2354)
    assert r.label == "城乡居民人口参保人数"
    assert texts(r) == {"指标值": (">=210000人", 2351), "完成值": ("210000", 2354), "单位": ("人", 2354),
                        "完成率": ("100.00%", 2354)}
    # GS24:2408–2416 "确保城乡居民持续" / "参保" / "长期" / "100%-8" / "0%(含)" / "8 100% 7.2": the band
    # broken over two lines is one 完成值; no 单位 printed
    r = indicator(gs, 2416)
    assert r.label == "确保城乡居民持续参保"
    assert texts(r) == {"指标值": ("长期", 2411), "完成值": ("100%-80%(含)", 2413), "完成率": ("100%", 2416)}
    assert r.cells["分值"].number.text == "8" and r.cells["得分"].number.text == "7.2"
    # GS24:2422 "参保人员满意度 >905 95 10 5 105.56% 10"
    assert texts(indicator(gs, 2422)) == {"指标值": (">905", 2422), "完成值": ("95", 2422),
                                          "单位": ("5", 2422), "完成率": ("105.56%", 2422)}
    g1 = perf(docs["GS24"])[0]  # GS24:1891–2009
    # GS24:1988 "时效指标 结算时限 <20 天 20 14 天 100.00% 14"
    assert texts(indicator(g1, 1988)) == {"指标值": ("<20 天", 1988), "完成值": ("20", 1988),
                                          "单位": ("天", 1988), "完成率": ("100.00%", 1988)}
    # GS24:1966 "经济成本指标 资金投入 54 万元 54 10 元 100% 10": a target without a comparator
    assert texts(indicator(g1, 1966))["指标值"] == ("54 万元", 1966)
    g3 = perf(docs["GS24"])[2]  # GS24:2692–2793
    # GS24:2751 "成本指标 经济成本指标 经济投入 >=40 万元 36.97 20 元 92.42% 18.48"
    assert texts(indicator(g3, 2751)) == {"指标值": (">=40 万元", 2751), "完成值": ("36.97", 2751),
                                          "单位": ("元", 2751), "完成率": ("92.42%", 2751)}


def test_indicator_values_sx23_space(docs):
    sx = perf(docs["SX23"])
    t = next(x for x in sx if x.line == 2131)  # SX23:2131–2250
    # SX23:2193 "住院救助人次 4200人次 4360人次 5 5"
    assert texts(indicator(t, 2193)) == {"指标值": ("4200人次", 2193), "完成值": ("4360人次", 2193)}
    # SX23:2203 "参保政策覆盖率 ≧99% ≧70% 2.5 2.5"
    assert texts(indicator(t, 2203)) == {"指标值": ("≧99%", 2203), "完成值": ("≧70%", 2203)}
    # SX23:2209–2213 "总成本" / "1004.09万" / "元" / "641.42万元 5 5 资金由财政统筹安排"
    r = indicator(t, 2213)
    assert r.label == "总成本"
    assert texts(r) == {"指标值": ("1004.09万元", 2210), "完成值": ("641.42万元", 2213),
                        "偏差原因": ("资金由财政统筹安排", 2213)}
    # SX23:2217 "门诊补助费用 200.89万元 75.42 万元 5 5": the unit split off the actual
    assert texts(indicator(t, 2217)) == {"指标值": ("200.89万元", 2217), "完成值": ("75.42 万元", 2217)}
    # SX23:2221 "二类救助对象比例 70%和60% 70%和60% 5 5"
    assert texts(indicator(t, 2221)) == {"指标值": ("70%和60%", 2221), "完成值": ("70%和60%", 2221)}
    t5 = next(x for x in sx if x.line == 1544)  # SX23:1544–1785
    # SX23:1742–1751 "医保政策宣传活动费用" / "23.6万元（据实结" / "算）" / "13.6万元" / "（据实结" /
    # "算）" / "3 3"
    assert texts(indicator(t5, 1751)) == {"指标值": ("23.6万元（据实结算）", 1743),
                                          "完成值": ("13.6万元（据实结算）", 1747)}
    # SX23:1611–1618 three counts in each cell, each wrapped over two lines
    assert texts(indicator(t5, 1618)) == {"指标值": ("4批；2次；5台；", 1614),
                                          "完成值": ("4批；2次；5台；", 1615)}
    t4 = next(x for x in sx if x.line == 1411)  # SX23:1411–1540
    # SX23:1503–1507 "大病救助缴费标准" / "参保缴费基数" / "1%" / "参保缴费基数1% 5 5": where the target
    # begins ("参保缴费基数" is label or value?) the text does not say: both cells ambiguous
    assert texts(indicator(t4, 1507)) == {"指标值": ("?", 1507), "完成值": ("?", 1507)}
    t6 = next(x for x in sx if x.line == 1789)  # SX23:1789–1897
    # SX23:1865 "大病救助缴费标准 缴费基数1% 缴费基数1% 5 5": on one line the label ends before the values
    assert texts(indicator(t6, 1865)) == {"指标值": ("缴费基数1%", 1865), "完成值": ("缴费基数1%", 1865)}


def test_indicator_cells_in_the_document_json(docs):
    """The text cells go into the document JSON (schemas/document.schema.json) and come back."""
    schema = load_schema("document")
    for key in ("QH24", "GS24", "SX23"):
        data = docs[key].to_json()
        jsonschema.validate(data, schema)
        back = Document.from_json(data)
        a = [r.cells for t in perf(docs[key]) for r in t.rows if r.side == "指标"]
        b = [r.cells for t in perf(back) for r in t.rows if r.side == "指标"]
        assert a == b, key


# ---- the space layout, by property: one indicator line as GS and SX print it

_labels = st.text(alphabet="城乡居民参保率医疗救助人数资金投入满意服务对象政策宣传普及执行",
                  min_size=2, max_size=10)
_amounts = st.tuples(st.integers(0, 99999), st.integers(0, 2)).map(lambda t: str(D(t[0]).scaleb(-t[1])))


@given(_labels, st.sampled_from(["", "≥", ">=", ">", "<", "<=", "=", "≧"]), _amounts,
       st.sampled_from(["%", " 万元", "万元", "人次", " 天", " 日", "人"]), _amounts,
       st.integers(1, 30), st.booleans())
def test_space_indicator_line(label, cmp, number, unit, actual, score_max, gs):
    """'label target actual 分值 单位 完成率 得分' (GS24:2344) and 'label target actual 分值 得分'
    (SX23:2217, the actual's unit split off or not): every cell is read back as printed."""
    target = f"{cmp}{number}{unit}"
    if gs:
        text = f"{label} {target} {actual} {score_max} 元 85.72% {score_max}"
        want_actual = actual
    else:
        want_actual = f"{actual}{unit}"
        text = f"{label} {target} {want_actual} {score_max} {score_max}"
    table = Table(id="perf.project", title="", line=1, end_line=1)
    perf_project._space_indicator(table, BodyLine(7, text, split_fields(text, 7, "space")), [])
    r = table.rows[-1]
    assert r.label == label and r.line == 7
    assert (r.cells["指标值"].text, r.cells["完成值"].text) == (target, want_actual)
    assert r.cells["分值"].number.value == score_max and r.cells["得分"].number.value == score_max
    if gs:
        assert r.cells["单位"].text == "元" and r.cells["完成率"].number.text == "85.72%"
    else:
        assert "单位" not in r.cells and "完成率" not in r.cells


def _one_line(text, pending=()):
    table = Table(id="perf.project", title="", line=1, end_line=1)
    before = [BodyLine(n, t, split_fields(t, n, "space")) for n, t in pending]
    perf_project._space_indicator(table, BodyLine(9, text, split_fields(text, 9, "space")), before)
    return table.rows[-1]


def test_two_numbers_before_the_rate():
    """GS24:2422: "10 5" before the 完成率 is 分值 10 and a digit in the 单位 column because only
    that reading leaves the two values ">905" and "95". Without a 指标值 that says it is one (a
    comparator, a unit, a word) the line cannot say: "95 10 5 105.56% 10" may be 完成值 95, 分值 10,
    单位 5 with the 指标值 blank, or 指标值 95, 完成值 10, 分值 5 — both ambiguous."""
    r = _one_line("参保人员满意度 >905 95 10 5 105.56% 10")
    assert r.cells["分值"].number.text == "10" and r.cells["单位"].text == "5"
    r = _one_line("参保人员满意度 95 10 5 105.56% 10")
    assert r.cells["分值"].placed == "ambiguous" and "单位" not in r.cells
    assert r.cells["指标值"].placed == r.cells["完成值"].placed == "ambiguous"
    # the 指标值 on a line of its own above (as GS24:2351): "95 10 5" leaves 完成值 95 with 分值 10
    r = _one_line("95 10 5 105.56% 10", [(7, "参保人员满意度"), (8, ">90%")])
    assert r.label == "参保人员满意度" and r.cells["分值"].number.text == "10"
    assert (r.cells["指标值"].text, r.cells["指标值"].line, r.cells["完成值"].text) == (">90%", 8, "95")


# ---- the 部门整体支出绩效自评表's indicator rows, the funds' 未完成原因分析, 一级 / 二级 指标


def test_department_indicator_cells_gs24(docs):
    """GS24:1587 "评价指标 年度指标值 实际完成值 部门 完成率 得分": each indicator line read from the
    right — 得分, 完成率, 单位, 实际完成值, 年度指标值, the 三级 name (and a 二级 name before it)."""
    t = next(t for t in docs["GS24"].tables if t.id == "perf.department")
    rows = {r.line: r for r in t.rows if r.side == "指标"}

    def texts(line):
        r = rows[line]
        return (r.label, *(r.cells[k].text if k in r.cells else None
                           for k in ("指标值", "完成值", "单位", "二级指标")),
                r.cells["完成率"].number.text if "完成率" in r.cells else None)

    # GS24:1595 "基本支出预算执行率 =100% 100 % 100.00% 2"
    assert texts(1595) == ("基本支出预算执行率", "=100%", "100", "%", None, "100.00%")
    # GS24:1605 "财务管理制度健全性 健全 100%-80%(含) 100 1.8": a bare 完成率 after a band
    assert texts(1605) == ("财务管理制度健全性", "健全", "100%-80%(含)", None, None, "100")
    assert rows[1605].cells["完成率"].number.percent
    # GS24:1609 "采购管理 政府采购规范性 规范 …": the 二级 name printed on the row
    assert texts(1609) == ("政府采购规范性", "规范", "100%-80%(含)", None, "采购管理", "100")
    assert texts(1643)[:5] == ("服务人群满意度", ">=100%", "100", "%", "服务对象满意度")
    assert all(r.cells["指标值"].placed is None for r in rows.values())


def test_funds_reason_cell_where_the_form_prints_one(docs):
    """GS prints 未完成原因分析 under the funds rows (GS24:1924, 2307, 2721; a column of the 整体
    table, GS24:1555), all left empty; QH and SX forms have none: no such cell."""
    gs = {t.line: t.row("年度资金总额").cells.get("未完成原因") for t in docs["GS24"].tables
          if t.id.startswith("perf.")}
    assert {k: (c.line, c.text) for k, c in gs.items()} == {
        1550: (1561, ""), 1891: (1924, ""), 2287: (2307, ""), 2692: (2721, "")}
    for key in ("QH24", "SX23"):
        assert all("未完成原因" not in t.row("年度资金总额").cells for t in perf(docs[key]))


def test_tsv_indicator_groups_qh24(docs):
    """QH24 prints 一级 / 二级 指标 on the first row of their merged cells; the rows below carry
    them. "社会效益" / "指标" (QH24:578–579) is one name wrapped."""
    t = perf(docs["QH24"])[0]
    groups = [(r.line, r.cells["一级指标"].text, r.cells["二级指标"].text)
              for r in t.rows if r.side == "指标"]
    assert groups[0] == (566, "产出指标", "数量指标")
    assert groups[3] == (569, "产出指标", "质量指标")
    assert groups[7] == (573, "效益指标", "经济效益指标")
    assert groups[-2:] == [(578, "效益指标", "社会效益指标"), (579, "效益指标", "社会效益指标")]
    t2 = perf(docs["QH24"])[1]
    assert [(r.cells["一级指标"].text, r.cells["二级指标"].text) for r in t2.rows
            if r.side == "指标"][-1] == ("满意度指标", "服务对象满意度指标")


def test_report_sections_say_what_they_report_on(docs):
    """The parser marks each attached 自评报告 with what its title reports on (GS24:1307, 2013;
    SC24:733), and a document read back from its JSON form keeps the mark."""
    got = {(s.line, s.report) for s in docs["GS24"].sections if s.report is not None}
    assert (1307, "临夏市医疗保障局部门整体") in got
    assert (2013, "2024年城乡居民基本医疗保险补助") in got
    assert [s.report for s in docs["SC24"].sections if s.line == 733] == ["井研县医疗保障局专项预算"]
    assert all(s.report is None for s in docs["QH24"].sections)
    data = docs["GS24"].to_json()
    jsonschema.validate(data, load_schema("document"))
    back = Document.from_json(data)
    assert [(s.line, s.report) for s in back.sections] == \
        [(s.line, s.report) for s in docs["GS24"].sections]


def test_indicator_rows_read_once_and_kept_in_json(docs):
    """The parser stores each indicator row's reading (GS24:2422 ">905" in a rate row is
    unreadable; GS24:2416 "100%-80%(含)" is a band), and the JSON form gives the same back."""
    rows = [r for t in docs["GS24"].tables if t.id.startswith("perf.") for r in t.rows
            if r.side == "指标"]
    assert rows and all(r.indicator is not None or any(
        c.placed == "ambiguous" for c in r.cells.values()) or not {"指标值", "完成值"} <= set(r.cells)
        for r in rows)
    bad = [r for r in rows if r.line == 2422]
    assert bad and "不是可能的百分比" in (bad[0].indicator.problem or "")
    bands = [r for r in rows if r.cells.get("完成值") and r.cells["完成值"].indicator.kind == "band"]
    assert any(r.cells["完成值"].indicator.low == D("0.8") for r in bands)
    data = docs["GS24"].to_json()
    jsonschema.validate(data, load_schema("document"))
    back = Document.from_json(data)
    got = [(r.indicator, {k: c.indicator for k, c in r.cells.items()})
           for t in back.tables for r in t.rows]
    want = [(r.indicator, {k: c.indicator for k, c in r.cells.items()})
            for t in docs["GS24"].tables for r in t.rows]
    assert got == want
