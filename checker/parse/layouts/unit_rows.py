"""Layout ``unit_rows``: one row per 单位 plus a 合计 row (预算 表二, 表五, 表六, 表十).

A printed line is ``单位名称 value…``: the first cell names the unit (or 合计), the others are the
template's columns in printed order. The header may take two lines, with group labels spanning
several columns ("一般公共预算财政拨款" over 合计 | 人员经费 | …, GS21B:212–213); it is not read for
the columns — the template gives them, and its column keys are unique (一般公共预算财政拨款合计 vs
合计) even where the printed sub-labels repeat.

* Header lines are recognised by their words, not by position: a line without numbers whose
  non-blank cells (two at least) are all column names, template ``options.header_words`` or common
  header words (单位名称, 项目, 科目名称 …) is a header. Such lines are skipped wherever they stand,
  so a header repeated after a page break (hazard H13) never becomes a row.
* tsv: cells are positional; a blank cell is a blank value. Values beyond the last column are kept
  in ``Table.unassigned``.
* space: blank cells have collapsed (hazard H7). When a row prints exactly as many values as the
  table has columns they are placed in order; otherwise they wait in ``Row.unplaced`` (no guess).

A line with only a text cell below a row and no value continues that row's name (a wrapped unit
name) when the line before it was a unit row with values; otherwise it is a unit printed blank.

This module also holds the header test shared by ``item_rows`` and ``economic_names``.
"""

from __future__ import annotations

import re

from checker import regex_cache
from checker.labels import norm, strip_ordinal
from checker.model import Note, Number, Row, Table
from checker.parse.body import BodyLine, blank_cells, block_lines, finish, make_cells, new_table
from checker.parse.segment import TableBlock
from checker.templates.loader import ColumnSpec, Template

COMMON_HEADER_WORDS = (
    "单位名称", "单位", "部门名称", "单位编码", "项目", "序号", "行次", "栏次", "科目名称",
    "科目编码", "功能分类科目", "金额", "预算数", "决算数", "合计", "小计", "收入", "支出",
)
TOTAL_LABELS = ("合计", "总计")


def header_pattern(template: Template) -> re.Pattern[str]:
    """A regex that matches a header cell made of one or more known header words."""
    words: set[str] = {norm(w) for w in COMMON_HEADER_WORDS}
    for col in template.columns:
        words.update(norm(n) for n in [col.key, *col.aliases])
    words.update(norm(w) for w in template.options.get("header_words", []))
    words.discard("")
    # longest first; ties in a fixed order, so that the pattern is the same in every process
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return regex_cache.compile(rf"(?:{alternatives})+")


def is_header_line(ln: BodyLine, pattern: re.Pattern[str]) -> bool:
    """True for a header line: no number, two or more text cells, every one a header word."""
    if any(f.number is not None for f in ln.fields):
        return False
    if len(ln.fields) == 1:  # space style: the whole line is one text field
        parts = ln.fields[0].text.split()
    else:
        parts = [f.text for f in ln.fields if f.text]
    parts = [norm(p) for p in parts if norm(p)]
    return len(parts) >= 2 and all(pattern.fullmatch(p) for p in parts)


def is_total_label(text: str, template: Template) -> bool:
    """True when a printed label is the table's total row (合计, "合 计", 总计)."""
    t = strip_ordinal(text)
    return t in {norm(x) for x in (*template.total_labels, *TOTAL_LABELS)}


def place_values(
    r: Row, columns: list[ColumnSpec], values: list[Number | None], line: int, style: str
) -> list[Number]:
    """Fill a row's cells from its printed values; return values beyond the last column.

    tsv: positional. space: in order when the count equals the column count, else every value
    waits in ``Row.unplaced`` and the cells stay blank.
    """
    n = len(columns)
    if style == "tsv":
        r.cells = make_cells(columns, values[:n], line)
        for col in columns[len(values):]:
            r.cells.update(blank_cells([col], line))
        return [v for v in values[n:] if v is not None]
    present = [v for v in values if v is not None]
    r.cells = blank_cells(columns, line)
    if len(present) == n:
        r.cells = make_cells(columns, present, line)
    else:
        r.unplaced = present
    return []


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a unit-rows table block (rows = 单位名称 rows + 合计)."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    columns = template.columns
    table = new_table(block, columns)
    header = header_pattern(template)
    previous_had_values = False
    for ln in content:
        if is_header_line(ln, header) or norm(ln.text).startswith("栏次"):
            previous_had_values = False
            continue
        fields = ln.fields
        if style == "tsv":
            label = fields[0].text if fields and fields[0].number is None else ""
            values: list[Number | None] = [f.number for f in fields[1:]]
            stray = [f.text for f in fields[1:] if f.text and f.number is None]
        else:
            texts = [f for f in fields if f.number is None]
            label = texts[0].text if texts and fields[0].number is None else ""
            values = [f.number for f in fields if f.number is not None]
            stray = [f.text for f in texts[1:]]
        if not label:
            if any(v is not None for v in values):
                table.unassigned.append(Note(f"values without a unit name: {ln.text.strip()}",
                                             ln.number))
            continue
        has_values = any(v is not None for v in values)
        if (not has_values and previous_had_values and table.rows
                and not is_total_label(label, template) and len(norm(label)) <= 6):
            # A short text-only line right under a unit row: the wrapped end of its name.
            table.rows[-1].label += label.strip()
            table.rows[-1].key = norm(table.rows[-1].label)
            continue
        if is_total_label(label, template):
            r = Row(label=label.strip(), key="合计", line=ln.number)
        else:
            r = Row(label=label.strip(), key=norm(label), line=ln.number)
        extra = place_values(r, columns, values, ln.number, style)
        if extra or stray:
            table.unassigned.append(Note(
                f"cells beyond the template's columns: {ln.text.strip()}", ln.number))
        table.rows.append(r)
        previous_had_values = has_values
    finish(table, notes)
    if any(n.text.startswith("values without a unit name") for n in table.unassigned):
        # figures were printed, only their row is unknown: the table is not an empty one
        # (江苏 2019 预算 公开09表 prints its 三公 figures on a row without a 单位名称)
        table.empty = False
    return table
