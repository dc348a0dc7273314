"""预算 tables of GS21B (tests/fixtures/gansu-linxia-yibao-2021-budget.txt), read by their layouts.

Every expected value below was read from the report text by hand (line numbers cited), not taken
from the parser's output. The tables are found with the segmenter and read with the layout their
template names, as the parse stage does; the same is checked through ``parse_path`` when present.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checker.model import Row, Table
from checker.parse.layouts import LAYOUTS
from checker.parse.segment import Layout, TableBlock, segment
from checker.plugins.collect import plugin_layouts
from checker.plugins.host import load_plugins
from checker.read.text import RawDocument, read_text
from checker.templates.loader import TemplateRegistry, load_template_file

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "gansu-linxia-yibao-2021-budget.txt"
QH24 = ROOT / "tests" / "fixtures" / "qinghai-haidong-yibao-2024-final.txt"
TEMPLATE_FILES = [
    ROOT / "checker" / "templates" / "final.yaml",
    ROOT / "checker" / "templates" / "budget.yaml",
    ROOT / "plugins" / "gansu" / "checker_gansu" / "templates" / "budget.yaml",
]


# the layouts of the installed plugins (甘肃's target_funds among them), with the core's
PLUGIN_LAYOUTS = plugin_layouts(load_plugins())


def make_registry(extra: list[Path] | None = None) -> TemplateRegistry:
    """Core and plugin templates as a run builds them (the 甘肃 rows of 表四 come from an
    ``extends:`` entry of its package), plus any extra template files."""
    from checker.plugins.host import load_plugins
    from checker.plugins.templates import build_registry

    registry = build_registry(load_plugins())
    assert all(registry.get(t.id) for path in TEMPLATE_FILES for t in load_template_file(path))
    for path in extra or []:
        for template in load_template_file(path):
            registry.add(template)
    return registry


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    """The template registry for these tests."""
    return make_registry()


@pytest.fixture(scope="module")
def raw() -> RawDocument:
    """GS21B as numbered lines."""
    return read_text(REPORT)


@pytest.fixture(scope="module")
def layout(raw: RawDocument, registry: TemplateRegistry) -> Layout:
    """GS21B segmented."""
    return segment(raw.lines, registry)


@pytest.fixture(scope="module")
def tables(layout: Layout, raw: RawDocument) -> dict[str, Table]:
    """Every table block read by its layout, by table id."""
    out: dict[str, Table] = {}
    for block in layout.tables:
        assert block.template.id not in out, f"{block.template.id} found twice"
        parser = LAYOUTS.get(block.template.layout) or PLUGIN_LAYOUTS[block.template.layout]
        out[block.template.id] = parser(block, raw.lines, raw.style)
    return out


def amount(r: Row | None, column: str) -> Decimal | None:
    """The value of one cell (None when blank)."""
    assert r is not None
    cell = r.cells[column]
    return cell.number.value if cell.number is not None else None


def printed(r: Row | None, column: str) -> tuple[str, int]:
    """(text, decimals) of a non-blank cell."""
    assert r is not None
    number = r.cells[column].number
    assert number is not None, f"{r.key}.{column} is blank"
    return number.text, number.decimals


def side_row(table: Table, key: str, side: str) -> Row:
    """The row of a two-sided table with this key on this side."""
    found = [r for r in table.rows if r.key == key and r.side == side]
    assert len(found) == 1, f"{key} ({side}): {len(found)} rows"
    return found[0]


def D(text: str) -> Decimal:
    """Shorthand for a Decimal."""
    return Decimal(text)


# --- segmentation -------------------------------------------------------------------------

PRINTED = {  # table id: (title line, page-break repeats' title lines), read from the report
    "budget.B01": (112, [134]),
    "budget.B02": (156, []),
    "budget.B04": (166, [188]),
    "budget.B05": (208, []),
    "budget.B06": (219, []),
    "budget.B07": (230, []),
    "budget.B09": (245, [267, 291, 315, 340]),
    "budget.B10": (361, []),
    "budget.B11": (372, []),
    "budget.B12": (386, []),
    # the 整体支出绩效目标申报表 (its funds block), five pages, each titled again
    "perf.target.department": (407, [426, 446, 470, 484]),
}


def test_segmenter_finds_every_printed_table_once(layout: Layout) -> None:
    found = {b.template.id: (b.title_line, b.continuations) for b in layout.tables}
    assert found == PRINTED
    assert [b.template.id for b in layout.tables] == list(PRINTED)  # reading order, no doubles


def test_blocks_span_their_pages(layout: Layout) -> None:
    blocks = {b.template.id: b for b in layout.tables}
    # 表一 marker at 110, last line 152; 表九 from its marker (243) to its last row (357).
    assert (blocks["budget.B01"].start, blocks["budget.B01"].end) == (110, 152)
    assert (blocks["budget.B09"].start, blocks["budget.B09"].end) == (243, 357)
    assert (blocks["budget.B12"].start, blocks["budget.B12"].end) == (384, 405)
    # the 申报表 prints its unit in its row labels ("上年预算情况（万元）"), not on a unit line
    assert all(b.unit == "万元" for b in layout.tables if b.template.id.startswith("budget."))


def test_missing_tables_are_listed_in_the_toc(layout: Layout) -> None:
    listed = {(t.table_id, t.line) for t in layout.listed}
    assert ("budget.B03", 8) in listed  # "- 四、部门预算支出总表"
    assert ("budget.B08", 13) in listed  # "- 九、政府性基金预算支出表"
    assert layout.toc == (3, 18)
    printed_ids = {b.template.id for b in layout.tables}
    assert "budget.B03" not in printed_ids and "budget.B08" not in printed_ids


def test_b01_title_does_not_match_b04(registry: TemplateRegistry) -> None:
    assert registry.by_title("2021年临夏市医疗保障局预算收支总表").id == "budget.B01"
    assert registry.by_title("部门预算财政拨款收支总表").id == "budget.B04"
    assert registry.by_title("部门预算收入总表").id == "budget.B02"
    assert registry.by_title("部门预算财政拨款收入表").id == "budget.B05"
    assert registry.by_title("一般公共预算支出表").id == "budget.B07"
    assert registry.by_title("政府性基金预算支出表").id == "budget.B08"
    assert registry.by_title("部门预算支出总表").id == "budget.B03"


# --- 表七 = budget.B07 (GS21B:234–241) ------------------------------------------------------

B07_ROWS = [  # (line, code, label, 合计, 基本支出, 项目支出)
    (236, "2080109", "社会保险经办机构", "554.01", "473.00", "75.00"),
    (237, "2080505", "机关事业单位基本养老保险缴费支出", "82.97", "82.97", None),
    (238, "2101101", "行政单位医疗", "27.67", "27.67", None),
    (239, "2101202", "财政对城乡居民基本医疗保险基金的补助", "230.00", None, "230.00"),
    (240, "2101599", "其他医疗保障管理事务支出", "18.00", None, "18.00"),
    (241, None, "合计", "906.64", "583.64", "323.00"),
]


def test_b07_every_row(tables: dict[str, Table]) -> None:
    table = tables["budget.B07"]
    assert [c.key for c in table.columns] == ["合计", "基本支出", "项目支出"]
    assert len(table.rows) == len(B07_ROWS)
    for r, (line, code, label, total, basic, project) in zip(table.rows, B07_ROWS, strict=True):
        assert (r.line, r.code, r.label) == (line, code, label)
        for column, text in (("合计", total), ("基本支出", basic), ("项目支出", project)):
            cell = r.cells[column]
            if text is None:
                assert cell.number is None, f"{label}.{column} must stay blank"
            else:
                assert cell.number is not None
                assert (cell.number.value, cell.number.text, cell.number.decimals) == (
                    D(text), text, 2)
                assert cell.line == line
    total_row = table.rows[-1]
    assert total_row.key == "合计" and total_row.code is None  # 合计 last, empty code cell
    assert not table.empty and not table.unassigned


# --- 表一 = budget.B01 (GS21B:116–152) ------------------------------------------------------

def test_b01_totals(tables: dict[str, Table]) -> None:
    t = tables["budget.B01"]
    assert amount(side_row(t, "本年收入合计", "收入"), "预算数") == D("906.64")
    assert amount(side_row(t, "上年结转", "收入"), "预算数") == D("6.01")
    assert amount(side_row(t, "收入总计", "收入"), "预算数") == D("912.65")
    assert amount(side_row(t, "一般公共预算财政拨款收入", "收入"), "预算数") == D("906.64")
    assert amount(side_row(t, "本年支出合计", "支出"), "支出预算数") == D("912.65")
    assert amount(side_row(t, "支出总计", "支出"), "支出预算数") == D("912.65")
    assert amount(side_row(t, "结转下年", "支出"), "支出预算数") is None
    social = side_row(t, "社会保障和就业支出", "支出")
    assert (social.code, amount(social, "支出预算数"), social.line) == ("208", D("636.98"), 124)
    health = side_row(t, "卫生健康支出", "支出")
    assert (health.code, amount(health, "支出预算数"), health.line) == ("210", D("275.67"), 125)
    assert side_row(t, "上年结转", "收入").cells["预算数"].line == 151
    assert printed(side_row(t, "收入总计", "收入"), "预算数") == ("912.65", 2)


def test_b01_rows_across_the_page_break(tables: dict[str, Table]) -> None:
    t = tables["budget.B01"]
    expense = [r for r in t.rows if r.side == "支出" and r.code]
    assert len(expense) == 23  # (一) … (二十三), 130 lines before and after the break at 132
    assert side_row(t, "商业服务业等支出", "支出").line == 140
    assert side_row(t, "抗疫特别国债安排的支出", "支出").line == 149
    income = [r.key for r in t.rows if r.side == "收入"]
    assert income == [
        "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算收入",
        "事业收入", "上级补助收入", "经营收入", "其他收入", "本年收入合计", "上年结转", "收入总计",
    ]
    # The repeated header (GS21B:138–139) is not a row.
    assert not any(r.line in (138, 139) for r in t.rows)
    blanks = [r for r in expense if r.key not in ("社会保障和就业支出", "卫生健康支出")]
    assert all(r.cells["支出预算数"].number is None for r in blanks)


# --- 表二 = budget.B02 (GS21B:160–162) ------------------------------------------------------

def test_b02_total_row(tables: dict[str, Table]) -> None:
    t = tables["budget.B02"]
    assert [r.key for r in t.rows] == ["临夏市医疗保障局", "合计"]
    total = t.row("合计")
    assert total is not None and total.line == 162
    assert amount(total, "合计") == D("912.65")
    assert amount(total, "财政拨款收入") == D("906.64")
    assert amount(total, "上年结转") == D("6.01")
    for column in ("事业收入", "上级补助收入", "经营收入", "其他收入"):
        assert amount(total, column) is None
    unit = t.row("临夏市医疗保障局")
    assert unit is not None and unit.cells["上年结转"].line == 161


# --- 表四 = budget.B04 (GS21B:170–204) ------------------------------------------------------

def test_b04_sub_rows(tables: dict[str, Table]) -> None:
    t = tables["budget.B04"]
    income = [r for r in t.rows if r.side == "收入"]
    assert [(r.key, r.line) for r in income] == [
        ("一般公共预算财政拨款收入", 172),
        ("人员经费", 173),
        ("单位运转经费", 174),
        ("单位项目资金", 175),
        ("纳入预算的非税收入安排的拨款", 176),
        ("中央省州专项资金", 177),
        ("政府性基金预算财政拨款收入", 178),
        ("国有资本经营预算财政拨款收入", 179),
        ("收入总计", 204),
    ]
    values = {r.key: amount(r, "预算数") for r in income}
    assert values["一般公共预算财政拨款收入"] == D("906.64")
    assert values["人员经费"] == D("551.64")
    assert values["单位运转经费"] == D("32.00")
    assert values["单位项目资金"] == D("305.00")
    assert values["纳入预算的非税收入安排的拨款"] is None
    assert values["中央省州专项资金"] == D("18.00")
    assert values["收入总计"] == D("906.64")
    assert printed(side_row(t, "单位运转经费", "收入"), "预算数") == ("32.00", 2)
    assert amount(side_row(t, "社会保障和就业支出", "支出"), "支出预算数") == D("630.97")
    assert amount(side_row(t, "支出总计", "支出"), "支出预算数") == D("906.64")
    assert side_row(t, "人员经费", "收入").cells["预算数"].line == 173


# --- 表五 / 表六 = budget.B05 / B06 (GS21B:212–226) -----------------------------------------

def test_b05_and_b06(tables: dict[str, Table]) -> None:
    b05 = tables["budget.B05"].row("合计")
    assert b05 is not None and b05.line == 215
    assert amount(b05, "合计") == D("906.64")
    assert amount(b05, "一般公共预算财政拨款合计") == D("906.64")
    assert amount(b05, "人员经费") == D("551.64")
    assert amount(b05, "单位运转经费") == D("32.00")
    assert amount(b05, "单位项目资金") == D("305.00")
    assert amount(b05, "省州专项资金") == D("18.00")
    for column in ("纳入预算的非税收入安排的拨款", "政府性基金预算财政拨款",
                   "国有资本经营预算财政拨款"):
        assert amount(b05, column) is None
    b06 = tables["budget.B06"].row("临夏市医疗保障局")
    assert b06 is not None and b06.line == 225
    assert amount(b06, "一般公共预算支出合计") == D("906.64")
    assert amount(b06, "一般公共预算基本支出") == D("583.64")
    assert amount(b06, "一般公共预算项目支出") == D("323.00")
    assert amount(b06, "政府性基金预算支出合计") is None
    assert amount(b06, "国有资本经营预算项目支出") is None
    assert len({c.key for c in tables["budget.B06"].columns}) == 10  # unique keys


# --- 表九 = budget.B09 (GS21B:243–357, five pages) ------------------------------------------

def test_b09_is_one_table_over_five_pages(tables: dict[str, Table]) -> None:
    t = tables["budget.B09"]
    assert t.continuations == [267, 291, 315, 340]
    # Rows per page, counted in the report: 251–263 (13), 273–287 (15), 297–311 (15),
    # 322–336 (15), 346–357 (12).
    assert len(t.rows) == 13 + 15 + 15 + 15 + 12
    header_lines = {249, 250, 271, 272, 295, 296, 319, 320, 321, 344, 345}
    assert not any(r.line in header_lines for r in t.rows)
    assert not any("科目名称" in r.label or "经济分类" in r.label for r in t.rows)
    assert not t.unassigned


def test_b09_values(tables: dict[str, Table]) -> None:
    t = tables["budget.B09"]
    total = t.row("合计")
    assert total is not None and total.line == 251
    assert (amount(total, "合计"), amount(total, "人员经费"), amount(total, "单位运转经费")) == (
        D("583.64"), D("551.64"), D("32.00"))
    assert amount(total, "政府性基金财政拨款基本支出") is None
    wages = t.row("工资福利支出")
    assert wages is not None and wages.code == "301" and wages.line == 252
    assert (amount(wages, "合计"), amount(wages, "人员经费"), amount(wages, "单位运转经费")) == (
        D("555.64"), D("551.64"), D("4.00"))
    other = t.row("其他社会保障缴费")
    assert other is not None and other.line == 260
    assert (amount(other, "合计"), amount(other, "人员经费"), amount(other, "单位运转经费")) == (
        D("4.70"), D("0.70"), D("4.00"))
    assert printed(other, "人员经费") == ("0.70", 2)
    assert other.cells["单位运转经费"].line == 260
    goods = t.row("商品和服务支出")
    assert goods is not None and goods.code == "302" and goods.line == 273
    assert (amount(goods, "合计"), amount(goods, "人员经费"), amount(goods, "单位运转经费")) == (
        D("18.00"), None, D("18.00"))
    capital = t.row("资本性支出")
    assert capital is not None and capital.code == "310" and capital.line == 310
    assert (amount(capital, "合计"), amount(capital, "单位运转经费")) == (D("10.00"), D("10.00"))
    households = t.row("对个人和家庭的补助")
    assert households is not None and households.code == "303" and households.line == 346
    assert all(c.number is None for k, c in households.cells.items() if k != "政府预算经济分类")
    equipment = t.row("办公设备购置")
    assert equipment is not None and amount(equipment, "合计") == D("8.00")
    network = t.row("信息网络及软件购置更新")
    assert network is not None and amount(network, "单位运转经费") == D("2.00")
    pension = t.row("职业年金缴费")  # GS21B:257, printed blank
    assert pension is not None and all(
        pension.cells[c].number is None for c in ("合计", "人员经费", "单位运转经费"))


def test_b09_both_classifications(tables: dict[str, Table]) -> None:
    t = tables["budget.B09"]
    basic = t.row("基本工资")
    assert basic is not None
    assert basic.cells["政府预算经济分类"].text == "工资奖金津补贴"
    assert basic.cells["政府预算经济分类"].placed is None  # printed on this line (253)
    allowance = t.row("津贴补贴")  # GS21B:254, first cell blank: carried from 253
    assert allowance is not None
    assert allowance.cells["政府预算经济分类"].text == "工资奖金津补贴"
    assert allowance.cells["政府预算经济分类"].placed == "carried from line 253"
    assert basic.cells["类"].text == "工资福利支出"
    wages = t.row("工资福利支出")
    assert wages is not None and wages.cells["政府预算经济分类"].text == "机关工资福利支出"
    capital = t.row("资本性支出")
    assert capital is not None and capital.cells["政府预算经济分类"].text == "机关资本性支出（一）"
    assert t.row("其他资本性支出").cells["类"].text == "资本性支出"  # GS21B:336
    assert t.row("退休费").cells["政府预算经济分类"].text == "离退休费"  # GS21B:355, from 354
    # 款 rows of 商品和服务支出 (GS21B:274–309) add up to its 18.00: 4+2+1+3+2+4+2.
    goods = [r for r in t.rows if "类" in r.cells and r.cells["类"].text == "商品和服务支出"]
    total = sum((r.cells["合计"].number.value for r in goods if r.cells["合计"].number), D("0"))
    assert total == D("18.00")
    classes = [(r.key, r.code) for r in t.rows if r.code]
    assert classes == [("工资福利支出", "301"), ("商品和服务支出", "302"),
                       ("资本性支出", "310"), ("对个人和家庭的补助", "303")]


# --- 表十 = budget.B10 (GS21B:365–368), printed blank ---------------------------------------

def test_b10_blank(tables: dict[str, Table]) -> None:
    t = tables["budget.B10"]
    assert t.empty
    assert [(r.key, r.line) for r in t.rows] == [("临夏市医疗保障局", 367), ("合计", 368)]
    assert [c.key for c in t.columns] == [
        "“三公”经费合计", "因公出国（境）费用", "公务接待费", "公务用车购置费", "公务用车运行费",
        "会议费", "培训费"]
    assert all(c.number is None for r in t.rows for c in r.cells.values())


# --- 表十一 = budget.B11 (GS21B:376–382) ----------------------------------------------------

def test_b11_rows(tables: dict[str, Table]) -> None:
    t = tables["budget.B11"]
    assert [(r.key, r.line) for r in t.rows] == [
        ("合计", 378), ("货物", 379), ("工程", 380), ("服务", 381), ("政府购买服务", 382)]
    total = t.row("合计")
    assert total is not None and total.label == "合 计"
    assert printed(total, "小计") == ("85", 0)
    assert amount(total, "小计") == D("85")
    assert (amount(total, "单位运转经费"), amount(total, "单位项目资金")) == (D("20"), D("65"))
    assert amount(total, "省州专项经费") is None and amount(total, "财政拨款上年结转") is None
    funds = ("小计", "单位运转经费", "单位项目资金")
    assert [amount(t.row("货物"), c) for c in funds] == [D("50"), D("10"), D("40")]
    assert [amount(t.row("工程"), c) for c in funds] == [D("13"), D("3"), D("10")]
    services = t.row("服务")
    assert [amount(services, c) for c in funds] == [D("22"), D("7"), D("15")]
    assert services.cells["小计"].line == 381
    bought = t.row("政府购买服务")
    assert bought is not None and all(c.number is None for c in bought.cells.values())
    assert not t.unassigned


# --- 表十二 = budget.B12 (GS21B:390–405) ----------------------------------------------------

B12_ROWS = [  # (序号, key, 合计, 基本支出, 项目支出), GS21B:391–405
    (None, "合计", "325.90", "20.90", "305.00"),
    ("1", "办公费", "19.00", "4.00", "15.00"),
    ("2", "印刷费", "12.00", "2.00", "10.00"),
    ("3", "办公设备购置", "28.00", "8.00", "20.00"),
    ("4", "水费", None, None, None),
    ("5", "电费", None, None, None),
    ("6", "邮电费", "23.00", "3.00", "20.00"),
    ("7", "取暖费", None, None, None),
    ("8", "物业管理费", None, None, None),
    ("9", "差旅费", "7.00", "2.00", "5.00"),
    ("10", "维修（护）费", "6.90", "1.90", "5.00"),
    ("11", "会议费", None, None, None),
    ("12", "福利费", None, None, None),
    ("13", "公务用车运行维护费", None, None, None),
    ("14", "其他商品和服务支出", "230.00", None, "230"),
]


def test_b12_rows(tables: dict[str, Table]) -> None:
    t = tables["budget.B12"]
    assert len(t.rows) == len(B12_ROWS)
    for line, (r, (no, key, total, basic, project)) in enumerate(
        zip(t.rows, B12_ROWS, strict=True), start=391
    ):
        assert (r.line, r.row_no, r.key) == (line, no, key)
        for column, text in (("合计", total), ("基本支出", basic), ("项目支出", project)):
            number = r.cells[column].number
            if text is None:
                assert number is None, f"{key}.{column} must stay blank"
            else:
                assert number is not None and number.text == text
                assert number.value == D(text)
    last = t.row("其他商品和服务支出")
    assert printed(last, "合计") == ("230.00", 2)
    assert printed(last, "项目支出") == ("230", 0)  # printed without decimals (GS21B:405)
    assert last.cells["项目支出"].line == 405
    assert t.row("维修（护）费").label == "维修(护)费"
    assert not t.unassigned


# --- other layouts' forms: 决算 政府采购支出情况表 with 行次, space style -------------------------

QH11_TEMPLATE = """
templates:
  - id: final.QH11
    kind: final
    name: 政府采购支出情况表
    titles: ['政府采购支出情况表']
    markers: ['公开11表']
    layout: item_rows
    columns:
      - {key: 金额}
    rows:
      - {key: 政府采购支出合计}
      - {key: 政府采购货物支出}
      - {key: 政府采购工程支出}
      - {key: 政府采购服务支出}
      - {key: 政府采购授予中小企业合同金额}
      - {key: 授予小微企业合同金额}
    options:
      header_words: [政府采购支出信息]
"""


def test_item_rows_reads_a_final_table_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "qh.yaml"
    path.write_text(QH11_TEMPLATE, encoding="utf-8")
    registry = make_registry([path])
    raw = read_text(QH24)
    blocks = [b for b in segment(raw.lines, registry).tables if b.template.id == "final.QH11"]
    assert len(blocks) == 1
    t = LAYOUTS["item_rows"](blocks[0], raw.lines, raw.style)
    # QH24:414–419
    assert [(r.key, r.row_no, r.line) for r in t.rows] == [
        ("政府采购支出合计", "1", 414), ("政府采购货物支出", "2", 415),
        ("政府采购工程支出", "3", 416), ("政府采购服务支出", "4", 417),
        ("政府采购授予中小企业合同金额", "5", 418), ("授予小微企业合同金额", "6", 419)]
    assert [amount(r, "金额") for r in t.rows] == [
        D("340.26"), D("340.26"), None, None, D("340.26"), D("340.26")]


def _block(registry: TemplateRegistry, table_id: str, lines: list[str]) -> TableBlock:
    """A block over hand-written lines: title on line 1, body to the end."""
    return TableBlock(registry.get(table_id), lines[0], 1, 1, len(lines))


def test_space_style_collapsed_values_wait_unplaced(registry: TemplateRegistry) -> None:
    lines = [
        "部门预算收入总表",
        "单位：万元",
        "单位名称 合计 财政拨款收入 事业收入 上级补助收入 经营收入 其他收入 上年结转",
        "临夏市医疗保障局 912.65 906.64 6.01",
        "合计 912.65 906.64 0.00 0.00 0.00 0.00 6.01",
    ]
    t = LAYOUTS["unit_rows"](_block(registry, "budget.B02", lines), lines, "space")
    unit, total = t.rows
    assert [n.text for n in unit.unplaced] == ["912.65", "906.64", "6.01"]
    assert all(c.number is None for c in unit.cells.values())
    assert not total.unplaced and amount(total, "上年结转") == D("6.01")
    assert total.cells["合计"].line == 5


def test_space_style_items_and_names(registry: TemplateRegistry) -> None:
    lines = ["部门预算机关运行经费表", "单位：万元", "序号 项目 合计 基本支出 项目支出",
             "合计 325.90 20.90 305.00", "1 办公费 19.00 4.00 15.00",
             "14 其他商品和服务支出 230.00 230"]
    t = LAYOUTS["item_rows"](_block(registry, "budget.B12", lines), lines, "space")
    assert [(r.key, r.row_no) for r in t.rows] == [
        ("合计", None), ("办公费", "1"), ("其他商品和服务支出", "14")]
    assert amount(t.row("办公费"), "项目支出") == D("15.00")
    assert [n.text for n in t.row("其他商品和服务支出").unplaced] == ["230.00", "230"]
    lines = ["部门预算经济分类和政府经济分类基本支出预算明细表", "单位：万元",
             "机关工资福利支出 工资福利支出 555.64 551.64 4.00 0.00", "津贴补贴 199.83 199.83"]
    t = LAYOUTS["economic_names"](_block(registry, "budget.B09", lines), lines, "space")
    wages, allowance = t.rows
    assert (wages.key, wages.code) == ("工资福利支出", "301")
    assert amount(wages, "人员经费") == D("551.64")
    assert wages.cells["政府预算经济分类"].text == "机关工资福利支出"
    assert allowance.key == "津贴补贴" and len(allowance.unplaced) == 2
    assert allowance.cells["类"].text == "工资福利支出"


# --- through the whole parse stage, when it exists -------------------------------------------

def test_through_parse_path(registry: TemplateRegistry) -> None:
    document = pytest.importorskip("checker.parse.document")
    doc = document.parse_path(REPORT, registry, layouts=PLUGIN_LAYOUTS)
    assert doc.meta.kind == "budget"
    ids = [t.id for t in doc.tables]
    assert ids == list(PRINTED)
    b07 = doc.table("budget.B07")
    assert b07 is not None and b07.rows[-1].key == "合计"
    assert amount(b07.row("2080109"), "合计") == D("554.01")
    b09 = doc.table("budget.B09")
    assert b09 is not None and len(b09.rows) == 70
    assert amount(b09.row("工资福利支出"), "合计") == D("555.64")
    assert doc.table("budget.B10").empty
    listed = {t.table_id for t in doc.listed_tables}
    assert {"budget.B03", "budget.B08"} <= listed
