"""Layout ``perf_department``: 部门整体支出绩效自评表, the department's overall self-evaluation.

One per report (GS24:1550–1659). ``Table.subject`` is the department (部门名称). Rows:

* funds rows (side ``资金``): 年度资金总额, (一)基本支出, 1.人员经费, 2.公用经费, (二)项目支出,
  1.一般性项目, 2.重点项目, over 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 (no 分值 column
  is printed; 执行率 is in percent, the header says so). A funds row is read only when its five
  values are all printed; otherwise its cells are left ambiguous. Under a header that prints
  未完成原因分析, the text after a row's 得分 is its text cell 未完成原因 (empty: none given).
* indicator rows (side ``指标``): each line of the indicator block that ends in a number; that
  number is 得分 (the 分值 column is not printed). Lines without a final number (group names,
  wrapped text) are skipped; a line ending in a percentage (a 完成率 with no score) too. The
  columns are 三级指标 | 年度指标值 | 实际完成值 | 单位 (printed "部门", hazard H3) | 完成率 | 得分,
  read from the right: 得分; the 完成率 (a percentage, or a bare number after a grade band:
  "健全 100%-80%(含) 100 1.8"); the 单位 (a unit word after a number: "100 % 100.00%"); then the
  实际完成值 and the 年度指标值, each one token that begins a value (a comparator, a number, a
  known word or a band, checker/parse/indicator.py). What stands before them is the label: its
  last token the 三级指标, the tokens before it the 二级指标 printed on the same line (text cell
  ``二级指标``). Where the tokens do not fit this shape the two value cells are ambiguous —
  never guessed. GS24:1595 "基本支出预算执行率 =100% 100 % 100.00% 2" → 指标值 "=100%", 完成值
  "100", 单位 "%", 完成率 100.00%, 得分 2.
* the 总分 row (side ``总分``): its last number is 得分 (分值 stays blank).
"""

from __future__ import annotations

import re

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Number, Row, Table
from checker.parse.body import block_lines, finish, new_table
from checker.parse.fields import parse_number
from checker.parse.indicator import BAND, begins_value, parse_indicator
from checker.parse.layouts.perf_project import _as_percent, _cells
from checker.parse.segment import TableBlock

FUNDS = {"年度资金总额", "基本支出", "人员经费", "公用经费", "项目支出", "一般性项目", "重点项目"}
FUND_COLUMNS = ["年初预算数", "全年预算数", "全年执行数", "执行率", "得分"]
INDICATOR_HEADER = re.compile(r"^(?:评价指标|一级指标)")


def _fund_key(text: str) -> str | None:
    t = strip_ordinal(norm(text)).rstrip(":：")
    t = re.sub(r"^[\d.、]+", "", t)
    return t if t in FUNDS else None


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse one 部门整体支出绩效自评表 block."""
    content, notes = block_lines(block, lines, style)
    table = new_table(block, block.template.columns)
    in_indicators = False
    reason_column = False  # the funds header prints 未完成原因分析 (GS24:1555)
    for ln in content:
        texts = [f.text for f in ln.fields if f.text]
        if not texts:
            continue
        first = norm(texts[0])
        numbers = [f.number for f in ln.fields if f.number is not None]
        if first.startswith("部门名称"):
            name = ln.text.strip()[len("部门名称"):].strip() if style != "tsv" else " ".join(texts[1:])
            table.subject = name or None
            continue
        if first.startswith("总分") or "总分" in texts[0].split():
            vals: dict[str, Number | None] = {"分值": None, "得分": numbers[-1] if numbers else None}
            table.rows.append(Row(label="总分", key="总分", line=ln.number, side="总分",
                                  cells=_cells(vals, ln.number)))
            break
        if not in_indicators and INDICATOR_HEADER.match(first):
            in_indicators = True
            continue
        if not in_indicators and "未完成原因分析" in norm(ln.text) and not numbers:
            reason_column = True
            continue
        if not in_indicators:
            label = next((f.text for f in ln.fields if f.number is None and f.text), "")
            key = _fund_key(label.split()[0] if label.split() else "")
            if key is None or any(r.key == key for r in table.rows):
                continue
            row = Row(label=label, key=key, line=ln.number, side="资金",
                      cells=_cells(dict.fromkeys(FUND_COLUMNS), ln.number))
            if len(numbers) == len(FUND_COLUMNS):
                values = dict(zip(FUND_COLUMNS, numbers, strict=True))
                values["执行率"] = _as_percent(values["执行率"])
                row.cells = _cells(values, ln.number)
            elif numbers:
                for col in FUND_COLUMNS:
                    row.cells[col] = Cell(None, ln.number, placed="ambiguous")
            if reason_column and len(numbers) == len(FUND_COLUMNS):
                # the reason is what follows the 得分 on the line (nothing in GS24:1561–1573)
                tail = ln.text.rstrip()
                tail = tail[tail.rfind(numbers[-1].text) + len(numbers[-1].text):].strip()
                row.cells["未完成原因"] = Cell(None, ln.number, tail)
            table.rows.append(row)
            continue
        if not numbers or numbers[-1].percent or not ln.text.rstrip().endswith(numbers[-1].text):
            continue
        key = f"指标@{ln.number}"
        tokens = texts if style == "tsv" else ln.text.split()
        label, cells = _indicator_cells(tokens, ln.number)
        if not label:
            label = " ".join(t for t in ln.text.split()
                             if not any(ch.isdigit() for ch in t)
                             and not t.startswith(("<", ">", "=", "≥", "≤")) and t not in ("%", "。"))[:60]
        row = Row(label=label or key, key=key, line=ln.number, side="指标",
                  cells=_cells({"分值": None, "得分": numbers[-1]}, ln.number))
        row.cells.update(cells)
        table.rows.append(row)
    return finish(table, notes)


def _is_band(token: str) -> bool:
    return parse_indicator(token).kind == BAND


def _unit_word(token: str) -> bool:
    """A 单位 cell: "%", or a short word without digits that is not a value (人, 天, 万元 …)."""
    return token in ("%", "％") or (len(token) <= 3 and not any(ch.isdigit() for ch in token)
                                     and not begins_value(token) and token not in ("。",))


def _indicator_cells(tokens: list[str], line: int) -> tuple[str, dict[str, Cell]]:
    """The label and the text cells (指标值, 完成值, 单位, 完成率, 二级指标) of one indicator line
    of the 部门整体支出绩效自评表, read from the right (see the module docstring)."""
    i = len(tokens) - 2  # tokens[-1] is the 得分
    cells: dict[str, Cell] = {}
    if i >= 0:
        n = parse_number(tokens[i], line)
        if n is not None and (n.percent or (i >= 1 and _is_band(tokens[i - 1]))):
            cells["完成率"] = Cell(_as_percent(n), line, tokens[i])
            i -= 1
    if i >= 1 and _unit_word(tokens[i]) and parse_number(tokens[i - 1], line) is not None:
        cells["单位"] = Cell(None, line, tokens[i])
        i -= 1
    if i < 2 or not (begins_value(tokens[i]) and begins_value(tokens[i - 1])):
        for key in ("指标值", "完成值"):
            cells[key] = Cell(None, line, placed="ambiguous")
        return "", cells
    cells["完成值"] = Cell(None, line, tokens[i])
    cells["指标值"] = Cell(None, line, tokens[i - 1])
    names = [t for t in tokens[: i - 1] if t not in ("。",)]
    if len(names) > 1:
        cells["二级指标"] = Cell(None, line, " ".join(names[:-1]))
    return (names[-1] if names else ""), cells
