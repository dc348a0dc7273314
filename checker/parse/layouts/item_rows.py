"""Layout ``item_rows``: fixed label rows with an optional 序号 or 行次 and amount columns.

Read for 预算 表十一 政府采购预算表 (rows 合 计 / 货物 (…) / 工程 (…) / 服务 (…) /
其中：政府购买服务, GS21B:376–382), 表十二 机关运行经费表 (序号 | 项目 | 合计 | 基本支出 |
项目支出; a 合计 row without 序号 and 14 numbered items, GS21B:390–405) and 决算 tables
such as 政府采购支出情况表 (政府采购支出信息 | 行次 | 金额, rows "（一）政府采购支出合计 1
340.26", QH24:413–419).

A printed line is ``[序号] label [行次] value…``:

* 序号 is a leading integer (or blank) cell, read when the header names 序号/编号 or when the
  first cell is an integer or blank and the second is a label; it becomes ``Row.row_no``.
* 行次 is the integer right after the label, read only when the header names 行次; it becomes
  ``Row.row_no`` (a weak hint, never the key).
* The label is matched to the template's rows: exactly (ordinal and "其中：" stripped), then by
  the text before a trailing bracketed explanation ("货物 (如计算机设备…)" → 货物), then as a cut
  prefix (hazard H4). A row the template does not know is still kept, keyed by its label.
* tsv: values are positional. space: placed in order when their count equals the column count,
  else kept in ``Row.unplaced`` (blank cells collapsed, hazard H7).

Header lines (all cells header words, see ``unit_rows.is_header_line``) are skipped wherever they
stand. A text-only line that matches no template row but completes the row above it into one
is a wrapped label and is joined to it. A row the template does not know is also noted in
``Table.unassigned`` (when the template lists rows), so that it is not silently accepted.
"""

from __future__ import annotations

import re

from checker.labels import is_prefix_match, norm, strip_ordinal
from checker.model import Note, Number, Row, Table
from checker.parse.body import BodyLine, block_lines, finish, join_label, new_table
from checker.parse.fields import Field
from checker.parse.layouts.unit_rows import header_pattern, is_header_line, place_values
from checker.parse.segment import TableBlock
from checker.templates.loader import RowSpec, Template

BRACKETED_TAIL = re.compile(r"\(.*\)$")


def match_item(template: Template, label: str) -> RowSpec | None:
    """The template row a printed item label names, or None."""
    wanted = strip_ordinal(label)
    if not wanted:
        return None
    for candidate in (wanted, BRACKETED_TAIL.sub("", wanted)):
        for spec in template.rows:
            if candidate in spec.names():
                return spec
    for spec in template.rows:
        if any(is_prefix_match(wanted, n) for n in spec.names()):
            return spec
    return None


def _split(ln: BodyLine, style: str, lead: bool, with_no: bool
           ) -> tuple[str | None, str, list[Number | None]]:
    """Split a line into (row number, label, values); label "" when the line has none."""
    fields: list[Field] = list(ln.fields)
    row_no: str | None = None
    if style == "tsv":
        if lead and len(fields) >= 2 and (fields[0].is_integer or not fields[0].text) and (
            fields[1].text and fields[1].number is None
        ):
            row_no = fields[0].text or None
            fields = fields[1:]
        if not fields or fields[0].number is not None:
            return row_no, "", [f.number for f in fields]
        label = fields[0].text
        rest = fields[1:]
        if with_no and rest and (rest[0].is_integer or not rest[0].text):
            row_no = rest[0].text or row_no
            rest = rest[1:]
        return row_no, label, [f.number for f in rest]
    # space style: [序号] label [行次] numbers…
    if lead and len(fields) >= 2 and fields[0].is_integer and fields[1].number is None:
        row_no = fields[0].text
        fields = fields[1:]
    if not fields or fields[0].number is not None:
        return row_no, "", [f.number for f in fields if f.number is not None]
    label = fields[0].text
    rest = fields[1:]
    if with_no and rest and rest[0].is_integer:
        row_no = rest[0].text
        rest = rest[1:]
    return row_no, label, [f.number for f in rest if f.number is not None]


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse an item-rows table block."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    columns = template.columns
    table = new_table(block, columns)
    header_re = header_pattern(template)
    header_text = ""
    for ln in content:
        if is_header_line(ln, header_re) or norm(ln.text).startswith("栏次"):
            header_text += norm(ln.text)
            continue
        lead = "序号" in header_text or "编号" in header_text or (
            style == "tsv" and len(ln.fields) >= 2 and not header_text
            and (ln.fields[0].is_integer or not ln.fields[0].text)
        )
        with_no = "行次" in header_text
        row_no, label, values = _split(ln, style, lead, with_no)
        has_values = any(v is not None for v in values)
        if not label:
            if has_values:
                table.unassigned.append(Note(f"values without a label: {ln.text.strip()}",
                                             ln.number))
            continue
        spec = match_item(template, label)
        if spec is None and not has_values and row_no is None and table.rows:
            joined = join_label(table.rows[-1].label, label)
            found = match_item(template, joined)
            if found is not None:  # the wrapped end of the row above
                table.rows[-1].label = joined
                table.rows[-1].key = found.key
                table.rows[-1].code = found.code
                table.unassigned = [
                    n for n in table.unassigned
                    if not (n.line == table.rows[-1].line and n.text.startswith("row not in"))
                ]
                continue
        r = Row(label=label.strip(), key=spec.key if spec else strip_ordinal(label),
                line=ln.number, row_no=row_no, code=spec.code if spec else None)
        extra = place_values(r, columns, values, ln.number, style)
        if extra:
            table.unassigned.append(Note(
                f"values beyond the template's columns: {ln.text.strip()}", ln.number))
        if spec is None and template.rows:
            table.unassigned.append(Note(f"row not in the template: {label.strip()}",
                                         ln.number))
        table.rows.append(r)
    return finish(table, notes)
