"""Columns read from a table's header block, and values placed under them by position.

Each test builds the lines of one table block the way the PDF reader gives them: TAB-separated
cells, each with its x-extent (``RawDocument.spans``), a cell spanning columns with the extent of
all of them, a place under a cell spanning rows empty. The shapes are those of real published
tables: the 上海 三-row header with split 类 | 款 | 项 codes whose labels stand in the 合计 row,
a 栏次 row, a header repeated after a page break, a two-sided table with a 支出用途 block beside
the 功能分类 block, and a 三公 table with 预算数 and 决算数 under each item.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.parse.body import block_lines
from checker.parse.header import Part, is_col_numbers, read_header
from checker.parse.regrid import regrid
from checker.parse.segment import TableBlock
from checker.templates.loader import TemplateRegistry

Row = list[tuple[str, float, float]]


def _block(registry: TemplateRegistry, table_id: str, rows: list[Row]):
    """Lines (title, unit, then the rows), their spans, and the block over them."""
    template = registry.get(table_id)
    assert template is not None
    lines = [template.name, "单位：万元"] + ["\t".join(t for t, _a, _b in r) for r in rows]
    spans = [None, None] + [[(a, b) for _t, a, b in r] for r in rows]
    block = TableBlock(template, template.name, 1, 1, len(lines), unit="万元")
    return block, lines, spans


def _parts(block, lines, spans) -> list[tuple[int, list[Part]]]:
    content, _ = block_lines(block, lines, "tsv")
    out = []
    for ln in content:
        cells = lines[ln.number - 1].split("\t")
        out.append((ln.number, [Part(t, a, b) for t, (a, b) in zip(cells, spans[ln.number - 1],
                                                                    strict=True)]))
    return out


# 收入决算表 as 上海 prints it: 项目 over (支出功能分类科目编码 over 类 | 款 | 项) and 科目名称;
# the 类 | 款 | 项 labels stand in the 合计 row. Columns: x 0–50 类, 50–100 款, 100–150 项,
# 150–300 科目名称, then seven amounts 60 wide each.
V = [(300 + 60 * i, 360 + 60 * i) for i in range(7)]
T02_HEADER: list[Row] = [
    [("项目", 0, 300), *[(n, a, b) for n, (a, b) in zip(
        ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
         "其他收入"], V, strict=True)]],
    [("支出功能分类", 0, 150), ("科目名称", 150, 300), *[("", a, b) for a, b in V]],
    [("科目编码", 0, 150), ("", 150, 300), *[("", a, b) for a, b in V]],
]
T02_ROWS: list[Row] = [
    [("类", 0, 50), ("款", 50, 100), ("项", 100, 150), ("合计", 150, 300), ("2,946.25", *V[0]),
     ("2,940.05", *V[1]), *[("", a, b) for a, b in V[2:6]], ("6.20", *V[6])],
    [("201", 0, 50), ("06", 50, 100), ("01", 100, 150), ("行政运行", 150, 300), ("1,511.90", *V[0]),
     ("1,511.89", *V[1]), *[("", a, b) for a, b in V[2:6]], ("0.01", *V[6])],
    [("201", 0, 50), ("06", 50, 100), ("", 100, 150), ("财政事务", 150, 300), ("2,112.86", *V[0]),
     ("2,106.66", *V[1]), *[("", a, b) for a, b in V[2:6]], ("6.20", *V[6])],
]


def test_three_row_merged_header_with_split_codes(registry):
    block, lines, spans = _block(registry, "final.T02", T02_HEADER + T02_ROWS)
    header = read_header(_parts(block, lines, spans), block.template)
    assert header is not None
    roles = [(c.role, c.level, c.key) for c in header.columns]
    assert roles[:4] == [("code", 1, None), ("code", 2, None), ("code", 3, None),
                         ("label", None, None)]
    assert [c.key for c in header.columns[4:]] == [
        "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
        "其他收入"]
    assert header.columns[0].path == ("项目", "支出功能分类", "科目编码", "类")
    # the header block is the three lines under the unit; the 合计 row (line 6) is data
    assert header.lines == [3, 4, 5]
    assert header.inline == {6: {0, 1, 2}}


def test_split_codes_are_joined_and_never_amounts(registry):
    block, lines, spans = _block(registry, "final.T02", T02_HEADER + T02_ROWS)
    out, reading = regrid(block, lines, spans)
    assert reading.status == "read", reading.notes
    assert out[5] == "合计\t\t2,946.25\t2,940.05\t\t\t\t\t6.20"
    assert out[6] == "2010601\t行政运行\t1,511.90\t1,511.89\t\t\t\t\t0.01"
    assert out[7] == "20106\t财政事务\t2,112.86\t2,106.66\t\t\t\t\t6.20"
    # the header lines are read, not rows: the first is the canonical header, the others blank
    assert out[2].startswith("科目编码\t科目名称\t本年收入合计") and out[3] == out[4] == ""


def test_a_table_continued_on_the_next_page_keeps_its_columns(registry):
    repeat = T02_HEADER  # the header printed again at the top of the next page
    more = [[("221", 0, 50), ("02", 50, 100), ("01", 100, 150), ("住房公积金", 150, 300),
             ("187.19", *V[0]), ("187.19", *V[1]), *[("", a, b) for a, b in V[2:]]]]
    block, lines, spans = _block(registry, "final.T02", T02_HEADER + T02_ROWS + repeat + more)
    out, reading = regrid(block, lines, spans)
    assert reading.status == "read", reading.notes
    assert out[8:11] == ["", "", ""]  # the repeated header
    assert out[11] == "2210201\t住房公积金\t187.19\t187.19\t\t\t\t\t"


def test_a_value_straddling_two_columns_is_not_placed(registry):
    straddling = [("201", 0, 50), ("", 50, 100), ("", 100, 150), ("一般公共服务支出", 150, 300),
                  ("2,112.86", 330, 390), *[("", a, b) for a, b in V[2:]]]
    rows = [*T02_HEADER, straddling]
    block, lines, spans = _block(registry, "final.T02", rows)
    out, reading = regrid(block, lines, spans)
    assert reading.status == "not_understood"
    assert reading.unassigned == [(6, "value 2,112.86 under no column")]
    assert "2,112.86" not in out[5]


# 支出决算表 with a 栏次 row: 科目编码 | 科目名称 | six amounts, 栏次 1–6.
T03_HEADER: list[Row] = [
    [("科目编码", 0, 80), ("科目名称", 80, 200),
     *[(n, 200 + 60 * i, 260 + 60 * i) for i, n in enumerate(
         ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"])]],
    [("栏次", 0, 200), *[(str(i + 1), 200 + 60 * i, 260 + 60 * i) for i in range(6)]],
]


def test_col_numbers_row_closes_the_header_and_numbers_the_columns(registry):
    total = [("合计", 0, 200), ("558.64", 200, 260), ("355.51", 260, 320), ("203.12", 320, 380),
             ("", 380, 440), ("", 440, 500), ("", 500, 560)]
    rows = [*T03_HEADER, total]
    block, lines, spans = _block(registry, "final.T03", rows)
    header = read_header(_parts(block, lines, spans), block.template)
    assert header is not None and header.lines == [3, 4]
    assert [c.col_no for c in header.columns[2:]] == ["1", "2", "3", "4", "5", "6"]
    out, reading = regrid(block, lines, spans)
    assert reading.status == "read"
    assert out[4] == "合计\t\t558.64\t355.51\t203.12\t\t\t"
    assert out[3] == ""


def test_is_col_numbers():
    assert is_col_numbers(["栏次", "1", "2"])
    assert is_col_numbers(["1", "2", "3"])
    assert not is_col_numbers(["1", "3"])
    assert not is_col_numbers(["201", "06"])


# 江苏 收支预算总表: 收入 (项目名称 | 金额) and 支出 with two blocks, 功能分类 (功能科目名称 | 金额) and
# 支出用途 (项目名称 | 金额). Only the 功能分类 block is the template's 支出 side.
B01_HEADER: list[Row] = [
    [("收入", 0, 200), ("支出", 200, 600)],
    [("项目名称", 0, 140), ("金额", 140, 200), ("功能分类", 200, 400), ("支出用途", 400, 600)],
    [("", 0, 140), ("", 140, 200), ("功能科目名称", 200, 340), ("金额", 340, 400), ("项目名称", 400, 540),
     ("金额", 540, 600)],
]
B01_ROWS: list[Row] = [
    [("一、一般公共预算财政拨款收入", 0, 140), ("28,849.38", 140, 200), ("一、一般公共服务支出", 200, 340),
     ("", 340, 400), ("一、基本支出", 400, 540), ("17,123.19", 540, 600)],
    [("", 0, 140), ("", 140, 200), ("四、公共安全支出", 200, 340), ("23,513.11", 340, 400),
     ("", 400, 540), ("", 540, 600)],
]


def test_two_sided_table_reads_each_half_by_its_header_and_labels(registry):
    block, lines, spans = _block(registry, "budget.B01", B01_HEADER + B01_ROWS)
    out, reading = regrid(block, lines, spans)
    assert out[5] == "一、一般公共预算财政拨款收入\t28,849.38\t一、一般公共服务支出\t"
    assert out[6] == "\t\t四、公共安全支出\t23,513.11"
    # the 支出用途 amount stands under a column of neither half: reported, never placed
    assert reading.status == "partial"
    assert any("支出用途" in n for n in reading.notes)
    assert (6, "value 17,123.19 under 支出 › 支出用途 › 金额") in reading.unassigned


# 财政拨款“三公”经费支出决算表 as 上海 prints it: each item over 预算数 | 决算数.
ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
T09_HEADER: list[Row] = [
    [("财政拨款“三公”经费", 0, 720)],
    [("合计", 0, 120), ("因公出国（境）费", 120, 240), ("公务用车购置及运行费", 240, 600),
     ("公务接待费", 600, 720)],
    [("", 0, 120), ("", 120, 240), ("小计", 240, 360), ("公务用车购置费", 360, 480),
     ("公务用车运行费", 480, 600), ("", 600, 720)],
    [(("预算数" if i % 2 == 0 else "决算数"), 60 * i, 60 * i + 60) for i in range(12)],
]


def test_sangong_reads_budget_and_final_under_each_item(registry):
    values = ["10.5", "8.25", "", "", "4", "3.1", "1", "0.6", "3", "2.5", "6.5", "5.15"]
    rows = [*T09_HEADER, [(v, 60 * i, 60 * i + 60) for i, v in enumerate(values)]]
    block, lines, spans = _block(registry, "final.T09", rows)
    out, reading = regrid(block, lines, spans)
    assert reading.status == "read", reading.notes
    # canonical: the six 预算数 columns, then the six 决算数, in the template's order
    # (合计, 因公出国, 小计, 购置费, 运行费, 公务接待费)
    assert out[6] == "\t".join(["10.5", "", "4", "1", "3", "6.5", "8.25", "", "3.1", "0.6", "2.5", "5.15"])


@pytest.mark.parametrize("table_id", ["final.T02", "final.T03"])
def test_no_header_before_the_first_data_row_is_not_understood(registry, table_id):
    rows = [[("201", 0, 50), ("一般公共服务支出", 50, 200), ("1.00", 200, 260)]]
    block, lines, spans = _block(registry, table_id, rows)
    _out, reading = regrid(block, lines, spans)
    assert reading.status == "not_understood"
    assert reading.notes == ["no header row found before the first data row"]


def test_a_parsed_table_keeps_only_the_columns_its_header_names(registry):
    """A template column the header does not print is dropped: rules needing it are not
    evaluated, never computed with an assumed blank."""
    from checker.model import Document, Meta, Source
    from checker.parse.document import parse_raw
    from checker.read.text import RawDocument

    header = [[("科目编码", 0, 80), ("科目名称", 80, 200), ("本年支出合计", 200, 260),
               ("基本支出", 260, 320), ("项目支出", 320, 380)]]
    data = [[("合计", 0, 200), ("10.00", 200, 260), ("6.00", 260, 320), ("4.00", 320, 380)],
            [("201", 0, 80), ("一般公共服务支出", 80, 200), ("10.00", 200, 260), ("6.00", 260, 320),
             ("4.00", 320, 380)]]
    _unused, lines, spans = _block(registry, "final.T03", header + data)
    lines[0] = "支出决算表"
    raw = RawDocument("t.pdf", "pdf", None, "0" * 64, lines, "tsv", pages=[1] * len(lines),
                      spans=spans)
    doc = parse_raw(raw, registry)
    assert isinstance(doc, Document) and isinstance(doc.meta, Meta)
    assert isinstance(doc.meta.source, Source)
    t = doc.table("final.T03")
    assert t is not None and t.reading == "partial"
    assert [c.key for c in t.columns] == ["本年支出合计", "基本支出", "项目支出"]
    assert set(t.rows[1].cells) == {"本年支出合计", "基本支出", "项目支出"}
    assert t.rows[1].cells["基本支出"].number.value == Decimal("6.00")
    assert "上缴上级支出" in t.reading_notes[0]


def test_basic_spending_printed_as_columns_is_not_read_as_groups(registry):
    """公开06表 printed as code rows with 合计 | 人员经费 | 公用经费 columns, not as side-by-side
    groups of 科目编码 | 科目名称 | 决算数: the 人员经费 amounts have no place in the layout."""
    header = [[("科目编码", 0, 80), ("科目名称", 80, 200), ("合计", 200, 260), ("人员经费", 260, 320),
               ("公用经费", 320, 380)]]
    data = [[("301", 0, 80), ("工资福利支出", 80, 200), ("100.00", 200, 260), ("100.00", 260, 320),
             ("", 320, 380)]]
    block, lines, spans = _block(registry, "final.T06", header + data)
    _out, reading = regrid(block, lines, spans)
    assert reading.status == "not_understood"
    assert any("人员经费" in n for n in reading.notes)
