"""Layout ``economic_names``: basic expenditure by economic classification, names only (预算 表九).

Read for GS21B 表九 "部门预算经济分类和政府经济分类基本支出预算明细表" (GS21B:243–357). A printed
line is ``政府预算经济分类名称 | 部门预算经济分类名称 | 合计 | 人员经费 | 单位运转经费 |
政府性基金财政拨款基本支出``; no subject codes are printed.

* Rows are keyed by the 部门预算经济分类 name (second cell, normalised). When that cell is empty
  the first cell's name is the key ("税金及附加费用", GS21B:287). The row ``合计`` has key 合计.
* The 政府预算经济分类 name is printed on the first row of its group only ("工资奖金津补贴" on
  基本工资, then blank for 津贴补贴 and 奖金). Every row keeps it in the text cell
  ``政府预算经济分类``: as printed (``placed`` None), or carried down from the group's first row
  (``placed`` = "carried from line N"), so that rules can address rows by either name.
* 类 rows are the template's fixed rows (工资福利支出 301, 商品和服务支出 302, 对个人和家庭的补助
  303, 资本性支出 310 …): they get the class code in ``Row.code`` (not printed: ``code_printed``
  stays None). Every other row is a 款 of the class printed above it, named in its text cell
  ``类``; the 合计 row and rows before the first class have no ``类``.
* The two text cells are not amount columns: ``Table.columns`` lists the template's amount
  columns only.
* The table is printed over several pages (five in GS21B, hazard H13); the segmenter merges the
  pages into one block, and the header lines repeated on each page (three different shapes:
  GS21B:249–250, 295–296, 319–321) are skipped as header lines wherever they stand, so rows
  accumulate into one table.
* tsv: values are positional. space: the two names are the first two words of the text field
  (one word: the 部门 name); values are placed in order when their count equals the column
  count, else kept in ``Row.unplaced`` (hazard H7).
"""

from __future__ import annotations

from checker.labels import norm, strip_ordinal
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import BodyLine, block_lines, finish, new_table
from checker.parse.layouts.unit_rows import (
    header_pattern,
    is_header_line,
    is_total_label,
    place_values,
)
from checker.parse.segment import TableBlock
from checker.templates.loader import RowSpec, Template

GOV_CELL = "政府预算经济分类"
CLASS_CELL = "类"


def class_spec(template: Template, name: str) -> RowSpec | None:
    """The template's 类 row that a 部门预算经济分类 name is, or None."""
    wanted = strip_ordinal(name)
    for spec in template.rows:
        if spec.code and wanted in spec.names():
            return spec
    return None


def _split(ln: BodyLine, style: str) -> tuple[str, str, list[Number | None], str | None]:
    """(government name, department name, values, problem) of one printed line."""
    fields = ln.fields
    if style == "tsv":
        gov = fields[0].text if fields and fields[0].number is None else ""
        dept = fields[1].text if len(fields) > 1 and fields[1].number is None else ""
        start = 2 if len(fields) > 1 and fields[1].number is None else 1
        if fields and fields[0].number is not None:
            start = 0
        return gov, dept, [f.number for f in fields[start:]], None
    texts = [f.text for f in fields if f.number is None]
    values = [f.number for f in fields if f.number is not None]
    words = " ".join(texts).split()
    if len(words) == 2:
        return words[0], words[1], values, None
    if len(words) == 1:
        return "", words[0], values, None
    if not words:
        return "", "", values, None
    return "", " ".join(words), values, "names not separable (more than two words)"


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a names-only economic classification table block (GS21B 表九)."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    columns = template.columns
    table = new_table(block, columns)
    header = header_pattern(template)
    gov_name: tuple[str, int] | None = None  # the group's name and the line it was printed on
    current_class: RowSpec | None = None
    for ln in content:
        if is_header_line(ln, header) or norm(ln.text).startswith("栏次"):
            continue
        gov, dept, values, problem = _split(ln, style)
        if problem:
            table.unassigned.append(Note(f"{problem}: {ln.text.strip()}", ln.number))
        name = dept or gov
        if not name:
            if any(v is not None for v in values):
                table.unassigned.append(Note(f"values without a name: {ln.text.strip()}",
                                             ln.number))
            continue
        if is_total_label(name, template) or (gov and is_total_label(gov, template)):
            r = Row(label=name.strip(), key="合计", line=ln.number)
            gov_name = None
        else:
            spec = class_spec(template, dept) if dept else None
            if spec is not None and current_class is not None and current_class.key == spec.key:
                spec = None  # a 款 named like its class (399 其他支出 → 39999 其他支出)
            if spec is not None:
                current_class = spec
                r = Row(label=dept.strip(), key=spec.key, line=ln.number, code=spec.code)
            else:
                r = Row(label=name.strip(), key=norm(name), line=ln.number)
            if gov:
                gov_name = (gov.strip(), ln.number)
        extra = place_values(r, columns, values, ln.number, style)
        if extra:
            table.unassigned.append(Note(
                f"values beyond the template's columns: {ln.text.strip()}", ln.number))
        if r.key != "合计":
            if gov:
                r.cells[GOV_CELL] = Cell(number=None, line=ln.number, text=gov.strip())
            elif gov_name is not None:
                r.cells[GOV_CELL] = Cell(number=None, line=ln.number, text=gov_name[0],
                                         placed=f"carried from line {gov_name[1]}")
            if r.code is None and current_class is not None:
                r.cells[CLASS_CELL] = Cell(number=None, line=ln.number, text=current_class.key)
        table.rows.append(r)
    return finish(table, notes)
