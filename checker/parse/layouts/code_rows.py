"""Layout ``code_rows``: a 合计 row and rows keyed by subject code (公开02/03/05/07/08, 预算 表七).

A data row is ``[code] label value…``; the 合计 row has no code (top in 决算 tables, bottom in
GS21B 表七). The header ends where the first data row starts. A line with text only (no code,
no value) continues the label of the row above (hazard H4). In tsv text the values sit in their
columns; in space text they may need placing (checker/parse/placement.py), which is done after
the whole document is read, when truncated codes have been resolved: until then the values wait
in ``Row.unplaced``.
"""

from __future__ import annotations

import re

from checker.labels import norm
from checker.model import Note, Table
from checker.parse.body import (
    BodyLine,
    blank_cells,
    block_lines,
    finish,
    header_end,
    join_label,
    make_cells,
    new_table,
    row,
)
from checker.parse.segment import TableBlock
from checker.templates.loader import ColumnSpec, Template

CODE = re.compile(r"^\d{3,7}$")


def columns_for(template: Template, header: str) -> list[ColumnSpec]:
    """The template's columns, or an alternative layout the header names (final.T08)."""
    for _name, keys in (template.options.get("layouts") or {}).items():
        if all(norm(k)[:4] in header for k in keys[:2]):
            return [template.column(k) or ColumnSpec(key=k) for k in keys]
    return template.columns


def _is_total(text: str, template: Template) -> bool:
    t = norm(text)
    return any(t == norm(x) or t.startswith(norm(x)) for x in template.total_labels)


def _is_data_start(line: BodyLine, template: Template) -> bool:
    texts = [f.text for f in line.fields if f.text]
    if not texts:
        return False
    if _is_total(texts[0], template) or CODE.match(texts[0]):
        return True
    return len(texts) > 1 and not line.fields[0].text and _is_total(texts[0], template)


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a code-rows table block."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    start = header_end(content)
    if start is None:
        start = next(
            (i for i, ln in enumerate(content) if _is_data_start(ln, template)), len(content)
        )
    header = norm(" ".join(ln.text for ln in content[:start]))
    columns = columns_for(template, header)
    table = new_table(block, columns)
    n = len(columns)
    for ln in content[start:]:
        if norm(ln.text).startswith("栏次"):
            continue
        if style == "tsv":
            _tsv_row(table, ln, columns, template)
        else:
            _space_row(table, ln, columns, template, n)
    return finish(table, notes)


def _tsv_row(table: Table, ln: BodyLine, columns: list[ColumnSpec], template: Template) -> None:
    cells = ln.fields + [type(ln.fields[0])("", ln.number)] * (len(columns) + 2)
    code, label = cells[0].text, cells[1].text
    values = [c.number for c in cells[2 : 2 + len(columns)]]
    if not code and not any(values):
        if label and table.rows:
            table.rows[-1].label = join_label(table.rows[-1].label, label)
        elif label:
            table.unassigned.append(_note(ln))
        return
    if _is_total(code or label, template) and not CODE.match(code):
        r = row(code or label, "合计", ln.number)
    elif CODE.match(code):
        r = row(label, label, ln.number, code=code, code_printed=code)
    else:
        table.unassigned.append(_note(ln))
        return
    r.cells = make_cells(columns, values, ln.number)
    table.rows.append(r)


def _space_row(
    table: Table, ln: BodyLine, columns: list[ColumnSpec], template: Template, n: int
) -> None:
    fields = ln.fields
    first = fields[0]
    numbers = [f.number for f in fields[1:] if f.number is not None]
    texts = [f.text for f in fields if f.number is None]
    if first.is_integer and CODE.match(first.text):
        label = " ".join(f.text for f in fields[1:] if f.number is None)
        values = [f.number for f in fields[1:] if f.number is not None]
        r = row(label, label, ln.number, code=first.text, code_printed=first.text)
    elif first.number is None and _is_total(first.text, template):
        values = numbers
        r = row(first.text, "合计", ln.number)
    elif not numbers and texts and table.rows:
        table.rows[-1].label = join_label(table.rows[-1].label, " ".join(texts))
        table.rows[-1].key = table.rows[-1].label if table.rows[-1].key != "合计" else "合计"
        return
    else:
        table.unassigned.append(_note(ln))
        return
    r.cells = blank_cells(columns, ln.number)
    if len(values) == n:
        r.cells = make_cells(columns, list(values), ln.number)
    elif len(values) > n:
        r.cells = make_cells(columns, list(values[:n]), ln.number)
        table.unassigned.append(_note(ln, f"more values than columns ({len(values)} > {n})"))
    else:
        r.unplaced = [v for v in values if v is not None]
    table.rows.append(r)


def _note(ln: BodyLine, why: str = "") -> Note:
    return Note(text=(ln.text.strip() + (f"  [{why}]" if why else "")), line=ln.number)
