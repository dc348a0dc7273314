"""The Excel reader: sheets as tables, displayed decimals, merged headers, cell locations."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from checker.cli import main
from checker.errors import InputError
from checker.parse.document import core_readers, parse_path
from checker.read.xlsx import clean_title, display_number, format_decimals


def _t03_sheet(ws, title: str | None) -> None:
    """A 公开03 sheet as a finance office fills it: merged title and header, numeric cells."""
    row = 1
    if title:
        ws.cell(1, 1, title)
        ws.merge_cells("A1:H1")
        row = 2
    ws.cell(row, 1, "部门：海东市医疗保障局")
    ws.cell(row, 8, "金额单位：万元")
    ws.cell(row + 1, 1, "项目")
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=2)
    for i, name in enumerate(["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                              "对附属单位补助支出"], start=3):
        ws.cell(row + 1, i, name)
    ws.cell(row + 2, 1, "科目编码")
    ws.cell(row + 2, 2, "科目名称")
    data = [
        ("合计", None, 1112.15, 1000.4, 111.75),
        ("210", "卫生健康支出", 1025.71, "913.96", 111.75),
        ("21015", "医疗保障管理事务", 1025.71, 913.96, 111.75),
    ]
    for k, (code, label, total, basic, project) in enumerate(data, start=row + 3):
        ws.cell(k, 1, code)
        ws.cell(k, 2, label)
        for col, value in ((3, total), (4, basic), (5, project)):
            c = ws.cell(k, col, value)
            c.number_format = "#,##0.00"
    ws.cell(row + 6, 1, "注：本表反映部门本年度各项支出情况。")


def _workbook(path: Path, sheet: str, title: str | None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "封面"
    ws["A1"] = "海东市医疗保障局2024年度部门决算"
    _t03_sheet(wb.create_sheet(sheet), title)
    hidden = wb.create_sheet("草稿")
    hidden["A1"] = "收入决算表"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture
def workbook(tmp_path) -> Path:
    """A 公开03 sheet with a title row in the national form's style."""
    return _workbook(tmp_path / "report.xlsx", "Z03", "Z03 支出决算表(财决03表)")


@pytest.fixture
def untitled(tmp_path) -> Path:
    """A 公开03 sheet without a title row: only its sheet name says which table it is."""
    return _workbook(tmp_path / "untitled.xlsx", "公开03表", None)


def test_sheets_become_tables(workbook, untitled, registry):
    first, second = (parse_path(p, registry) for p in (workbook, untitled))
    assert first.meta.source.format == "xlsx"
    assert first.meta.year == 2024
    assert [t.id for t in first.tables] == [t.id for t in second.tables] == ["final.T03"]
    assert first.tables[0].title == second.tables[0].title == "支出决算表"
    assert second.tables[0].code == "公开03表"
    for t in (first.tables[0], second.tables[0]):
        assert t.unit == "万元"
        assert [(r.key, r.code) for r in t.rows] == [("合计", None), ("卫生健康支出", "210"),
                                                     ("医疗保障管理事务", "21015")]
        total = t.row("合计")
        # 1000.4 is shown as 1,000.40 by its format '#,##0.00': two decimals, not a float.
        c = total.cells["基本支出"]
        assert (c.number.value, c.number.decimals, c.number.text) == (
            Decimal("1000.40"), 2, "1,000.40")
        assert total.cells["上缴上级支出"].number is None  # blank stays blank
        # A number stored as text is read like printed text.
        assert t.row("210").cells["基本支出"].number.text == "913.96"


def test_cells_have_locations(workbook, untitled, registry):
    doc = parse_path(workbook, registry)
    src = doc.meta.source
    assert src.locations is not None and len(src.locations) == src.lines
    t = doc.tables[0]
    assert src.location(t.line) == "Z03!A1:H1"
    assert src.location(t.row("合计").line) == "Z03!A5:H5"
    assert src.where(t.row("210").line) == f"Z03!A6:H6 (line {t.row('210').line})"
    doc2 = parse_path(untitled, registry)
    t2 = doc2.tables[0]
    src2 = doc2.meta.source
    assert src2.location(t2.row("合计").line) == "公开03表!A4:H4"
    assert src2.location(t2.line) == "公开03表"  # a title the reader added from the sheet name


def test_hidden_sheet_is_not_read(workbook):
    raw = core_readers().read(workbook)
    assert not any("草稿" in loc for loc in raw.locations)


def test_lines_are_tab_joined_rows(workbook):
    raw = core_readers().read(workbook)
    assert raw.style == "tsv"
    assert "合计\t\t1,112.15\t1,000.40\t111.75\t\t\t" in raw.lines
    assert "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出" in raw.lines


@pytest.mark.parametrize(
    "fmt,expected",
    [("General", (None, False, False)), ("0.00", (2, False, False)), ("#,##0", (0, True, False)),
     ("#,##0.00_);[Red](#,##0.00)", (2, True, False)), ("0.0%", (1, False, True)),
     ('"¥"#,##0.0', (1, True, False)), ("@", (None, False, False))],
)
def test_number_formats(fmt, expected):
    assert format_decimals(fmt) == expected


@pytest.mark.parametrize(
    "value,fmt,text",
    [(626.84, "0.00", "626.84"), (78.3, "0.00", "78.30"), (1108, "#,##0", "1,108"),
     (2.675, "0.00", "2.68"), (0.965, "0.00%", "96.50%"), (0.1 + 0.2, "General", "0.3"),
     (12.0, "General", "12"), (Decimal("3.50"), "General", "3.50")],
)
def test_displayed_numbers(value, fmt, text):
    assert display_number(value, fmt) == text


def test_clean_title():
    assert clean_title("Z01 收入支出决算总表(财决01表)") == ("收入支出决算总表", "财决01表")
    assert clean_title("收入决算表（公开02表）") == ("收入决算表", "公开02表")
    assert clean_title("支出决算表") == ("支出决算表", None)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("encrypted.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "encrypted"),
        ("old.xlsx", b"PK\x03\x04garbage", "not an .xlsx workbook"),
        ("text.xlsx", "收入支出决算总表".encode(), "not an .xlsx workbook"),
        ("empty.xlsx", b"", "the file is empty"),
    ],
)
def test_bad_workbook_is_one_clear_error(tmp_path, registry, capsys, workbook, name, content,
                                         message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        parse_path(path, registry)
    assert str(path) in str(info.value) and message in str(info.value)
    code = main(["parse", "--summary", str(path), str(workbook)])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("checker: error:") == 1 and message in err
    assert "final.T03" in out


def test_workbook_without_text(tmp_path, registry):
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1.5
    path = tmp_path / "numbers.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="no Chinese text"):
        parse_path(path, registry)
