"""Layout ``target_funds``: the funds block of a 整体支出绩效目标申报表 (预算, domain.md §1.7).

Read for GS21B "2021年<部门名称>整体支出绩效目标申报表" (GS21B:407–433): a form, not a
grid. Only its money is read, as rows of one table:

* ``上年预算情况`` (GS21B:418–419): the line "上年预算情况（万元） | 年初预算数 | 预算调整数 |
  实际支出数 | 预算执行率 | 年末结转结余数", then a value line;
* ``当年预算申请`` (GS21B:420–422): "当年预算申请金额（万元） | 资金来源", a header line
  "合计 | 上级拨款 | 本级财政 | 其他收入", then a value line;
* ``当年支出计划`` (GS21B:428–430): "当年支出计划 (万元) | 支出预算", a header line
  "支出预算合计 | 人员经费 | 公用经费 | 项目经费 | 其他经费", then a value line.

* ``人员编制`` (GS21B:417–419, tsv only): "编制总人数 | | 编制内实际人数", then a line with the
  编制总人数 under its header and the headers 合计 | 行政 | 事业 | 其他 of the 实际人数, then a
  line of those counts, each under its header (columns 编制总人数, 实际人数合计, 实际人数行政,
  实际人数事业, 实际人数其他; exact counts).

A header line is a line of two or more column names of the template; the next line with numbers
gives the values of the row the last row label ("上年预算情况…", …) opened. tsv: each value
stands under its header cell (by position). space: values are placed in order only when their
count equals the header's, else kept in ``Row.unplaced``. The form is printed over two pages;
its page-repeated title is skipped. Reading stops at 年度绩效目标 (the targets are text).
"""

from __future__ import annotations

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Row, Table
from checker.parse.body import BodyLine, block_lines, finish, new_table
from checker.parse.segment import TableBlock

ROW_KEYS = {"上年预算情况": "上年预算情况", "当年预算申请": "当年预算申请", "当年支出计划": "当年支出计划"}
STOP = ("年度绩效目标", "年度绩效指标")


def _row_key(text: str) -> str | None:
    t = strip_ordinal(norm(text))
    for prefix, key in ROW_KEYS.items():
        if t.startswith(prefix):
            return key
    return None


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse the funds block of one 整体支出绩效目标申报表."""
    content, notes = block_lines(block, lines, style)
    table = new_table(block, block.template.columns)
    names = {norm(n): c.key for c in block.template.columns for n in (c.key, *c.aliases)}
    key: str | None = None
    header: list[tuple[int, str]] = []
    staff: list[BodyLine] = []  # the lines of the 人员编制 block, from its header on
    for ln in content:
        texts = [f.text for f in ln.fields]
        first = next((t for t in texts if t.strip()), "")
        if norm(first).startswith(STOP):
            break
        if style == "tsv" and (staff or ("编制总人数" in texts and "编制内实际人数" in texts)):
            staff.append(ln)
            if len(staff) == 3:
                if (row := _staff_row(staff)) is not None:
                    table.rows.append(row)
                staff = []
            continue
        opened = _row_key(first)
        if opened is not None:
            key, header = opened, []
        found = [(i, names[norm(f.text)]) for i, f in enumerate(ln.fields)
                 if f.number is None and norm(f.text) in names]
        if len(found) >= 2:
            header = found
            continue
        numbers = [(i, f.number) for i, f in enumerate(ln.fields) if f.number is not None]
        if key is None or not header or not numbers or any(r.key == key for r in table.rows):
            continue
        row = Row(label=key, key=key, line=ln.number)
        for _, col in header:
            row.cells[col] = Cell(None, ln.number)
        if style == "tsv":
            by_pos = dict(header)
            for i, n in numbers:
                if i in by_pos:
                    row.cells[by_pos[i]] = Cell(n, n.line, n.text)
                else:
                    row.unplaced.append(n)
        elif len(numbers) == len(header):
            for (_, col), (_, n) in zip(header, numbers, strict=True):
                row.cells[col] = Cell(n, n.line, n.text)
        else:
            row.unplaced.extend(n for _, n in numbers)
        table.rows.append(row)
    return finish(table, notes)


_STAFF = {"合计": "实际人数合计", "行政": "实际人数行政", "事业": "实际人数事业", "其他": "实际人数其他"}


def _staff_row(lines: list[BodyLine]) -> Row | None:
    """The 人员编制 row from its three tsv lines (header; 编制总人数 and the 实际人数 headers;
    the 实际人数 counts), every count under its own header cell; None when they do not fit."""
    head, mid, counts = lines
    at = {f.text.strip(): i for i, f in enumerate(head.fields) if f.text.strip()}
    total_col = at.get("编制总人数")
    if total_col is None or total_col >= len(mid.fields):
        return None
    row = Row(label="人员编制", key="人员编制", line=head.number)
    n = mid.fields[total_col].number
    row.cells["编制总人数"] = Cell(n, mid.number, n.text if n else "")
    columns = {i: _STAFF[norm(f.text)] for i, f in enumerate(mid.fields) if norm(f.text) in _STAFF}
    if not columns:
        return None
    for i, key in columns.items():
        c = counts.fields[i] if i < len(counts.fields) else None
        num = c.number if c is not None else None
        row.cells[key] = Cell(num, counts.number, num.text if num else "")
    row.unplaced = [f.number for i, f in enumerate(counts.fields)
                    if f.number is not None and i not in columns]
    return row
