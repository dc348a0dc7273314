"""Layout ``two_sided``: income on the left, expenditure on the right (公开01/04, 预算 表一/表四).

Each printed line holds up to two rows: ``[收入 label] [行次] [amount…] [支出 label] [行次]
[amount…]`` (hazard H6). Rows are identified by label against the template's fixed rows (cut
labels match by prefix, H4), never by 行次; a side without a label is a blank template row.

* tsv: the income side is the first 1 + (行次) + (income columns) cells, the rest is expenditure.
* space: blanks are gone, so the line is read as a sequence: a text field starts a side, an
  integer right after it is its 行次 (when the template has 行次), decimals are its amounts. A
  line that starts with an integer has a blank income label. Text-only lines before a line that
  starts with its 行次 are the wrapped start of the income label ("一、一般公共预算财政拨款收" /
  "入" / "1 775.38 …", GS24:105–109).

Amounts on the expenditure side of 公开04 (four columns) are placed like code-row values.
"""

from __future__ import annotations

from checker.labels import is_prefix_match, norm, strip_ordinal
from checker.model import Note, Number, Table
from checker.parse.body import (
    BodyLine,
    blank_cells,
    block_lines,
    finish,
    header_end,
    make_cells,
    new_table,
)
from checker.parse.fields import Field
from checker.parse.layouts.unit_rows import header_pattern, is_header_line
from checker.parse.segment import TableBlock
from checker.templates.loader import RowSpec, Template

SIDES = ("收入", "支出")


def _has_row_numbers(header: str) -> bool:
    return "行次" in header or "行" in header.replace("行政", "")


def match_row(template: Template, side: str, label: str, context: set[str]) -> RowSpec | None:
    """Find the template row of one side that a printed (possibly cut) label names.

    Rows with ``under`` (a sub-row such as 年初一般公共预算财政拨款) are preferred once their
    parent row has been seen on that side (``context``).
    """
    wanted = strip_ordinal(label)
    if not wanted:
        return None
    specs = [r for r in template.rows if r.side in (None, side)]
    exact = [r for r in specs if wanted in r.names()]
    cut = [r for r in specs if any(is_prefix_match(wanted, n) for n in r.names())]
    for found in (exact, cut):
        if not found:
            continue
        under = [r for r in found if r.under and r.under in context]
        if under:
            return under[0]
        plain = [r for r in found if not r.under]
        if plain:
            return plain[0]
    return None


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a two-sided table block."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    inc_cols = [c for c in template.columns if c.side == "收入"]
    exp_cols = [c for c in template.columns if c.side == "支出"]
    start = header_end(content)
    if start is None:
        start = next(
            (i for i, ln in enumerate(content) if _first_row_line(ln, template)), len(content)
        )
    header = norm(" ".join(ln.text for ln in content[:start]))
    with_no = _has_row_numbers(header)
    table = new_table(block, template.columns)
    headers = header_pattern(template)
    context: dict[str, set[str]] = {"收入": set(), "支出": set()}
    pending: list[str] = []
    for ln in content[start:]:
        if norm(ln.text).startswith("栏次") or is_header_line(ln, headers):
            continue
        if style == "tsv":
            width = 1 + int(with_no) + len(inc_cols)
            sides = [ln.fields[:width], ln.fields[width:]]
        else:
            sides = _split_space(ln.fields, with_no)
            if sides is None:  # text only: a wrapped income label
                pending.append(ln.text.strip())
                continue
        for side, cells, cols in zip(SIDES, sides, (inc_cols, exp_cols), strict=True):
            label_field = next((f for f in cells if f.text and f.number is None), None)
            label = label_field.text if label_field else ""
            if side == "收入" and pending:
                label = "".join(pending) + label
                pending = []
            numbers = [f for f in cells if f.number is not None]
            row_no = None
            if with_no and numbers and numbers[0].is_integer:
                row_no = numbers[0].text
                numbers = numbers[1:]
            if style == "tsv":
                offset = 1 + int(with_no)
                values: list[Number | None] = [f.number for f in cells[offset : offset + len(cols)]]
            else:
                values = [f.number for f in numbers]
            if not label:
                if any(v is not None for v in values):
                    table.unassigned.append(
                        Note(text=f"{side}: values without a label: {ln.text.strip()}",
                             line=ln.number)
                    )
                continue
            spec = match_row(template, side, label, context[side])
            if spec is None:
                table.unassigned.append(Note(text=f"{side}: {label}", line=ln.number))
                continue
            context[side].add(spec.key)
            r = _row(spec, label, ln, side, row_no, cols, values, style)
            table.rows.append(r)
    return finish(table, notes)


def _row(spec, label, ln: BodyLine, side, row_no, cols, values, style):
    from checker.model import Row

    r = Row(label=label, key=spec.key, line=ln.number, side=side, row_no=row_no, code=spec.code)
    present = [v for v in values if v is not None]
    if style == "tsv" or len(present) == len(cols):
        r.cells = make_cells(cols, list(values) if style == "tsv" else present, ln.number)
    else:
        r.cells = blank_cells(cols, ln.number)
        if len(present) > len(cols):
            r.cells = make_cells(cols, present[: len(cols)], ln.number)
        else:
            r.unplaced = present
    return r


def _first_row_line(ln: BodyLine, template: Template) -> bool:
    """The first line of rows: one of its labels (the income half's, or — when the income
    label is one the template does not know, "一、财政拨款" — the expense half's) is a row."""
    texts = [f.text for f in ln.fields if f.text and f.number is None]
    if not texts:
        return bool(ln.fields) and ln.fields[0].is_integer
    return any(
        match_row(template, side, t, set()) is not None for side in SIDES for t in texts[:2]
    ) and norm(texts[0]) not in ("项目", "收入", "支出")


def _split_space(fields: list[Field], with_no: bool) -> list[list[Field]] | None:
    """Split a space-style line into income and expenditure fields; None for text only."""
    if all(f.number is None for f in fields):
        if len(fields) >= 2:  # two labels, no numbers (both rows blank)
            return [[fields[0]], fields[1:]]
        return None
    income: list[Field] = []
    expense: list[Field] = []
    side = income
    for f in fields:
        if side is income and income:
            if f.number is None:
                side = expense
            elif with_no and f.is_integer and any(g.is_integer for g in income if g.number):
                # a second 行次 on the line: the expenditure side's, with a blank label
                # ("一般公共预算财政拨款 29 61"); amounts in space text carry decimals.
                side = expense
        side.append(f)
    if not any(f.number is None for f in fields):
        # numbers only: "30 61" = blank income row 30, blank expense row 61, or an income
        # row number followed by amounts.
        return [fields[:1] if with_no else [], fields[1:] if with_no else fields]
    return [income, expense]
