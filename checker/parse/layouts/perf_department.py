"""Layout ``perf_department``: 部门整体支出绩效自评表, the department's overall self-evaluation.

One per report (GS24:1550–1659). ``Table.subject`` is the department (部门名称). Rows:

* funds rows (side ``资金``): 年度资金总额, (一)基本支出, 1.人员经费, 2.公用经费, (二)项目支出,
  1.一般性项目, 2.重点项目, over 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 (no 分值 column
  is printed; 执行率 is in percent, the header says so). A funds row is read only when its five
  values are all printed; otherwise its cells are left ambiguous.
* indicator rows (side ``指标``): each line of the indicator block that ends in a number; that
  number is 得分 (the 分值 column is not printed). Lines without a final number (group names,
  wrapped text) are skipped; a line ending in a percentage (a 完成率 with no score) too.
* the 总分 row (side ``总分``): its last number is 得分 (分值 stays blank).

The 年度指标值 / 实际完成值 texts are not read.
"""

from __future__ import annotations

import re

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Number, Row, Table
from checker.parse.body import block_lines, finish, new_table
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
            table.rows.append(row)
            continue
        if not numbers or numbers[-1].percent or not ln.text.rstrip().endswith(numbers[-1].text):
            continue
        label = " ".join(t for t in ln.text.split()
                         if not any(ch.isdigit() for ch in t) and not t.startswith(("<", ">", "=", "≥", "≤"))
                         and t not in ("%", "。"))[:60]
        key = f"指标@{ln.number}"
        table.rows.append(Row(label=label or key, key=key, line=ln.number, side="指标",
                              cells=_cells({"分值": None, "得分": numbers[-1]}, ln.number)))
    return finish(table, notes)
