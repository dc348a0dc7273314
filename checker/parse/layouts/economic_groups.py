"""Layout ``economic_groups``: 公开06 — three side-by-side groups of 科目编码 | 科目名称 | 决算数.

Every printed line holds up to three rows of the economic classification (经济分类: 类 3
digits, 款 5 digits). The rows are read as a stream of records ``code label [amount]``:

* tsv (QH24): cells in groups of three; a group with no code and only a label continues the
  label of the row above in the same group ("因公出国（境）" / "费用").
* space (GS24, SX23): the line is tokenised and a record starts at each code. Codes may be split
  over lines ("3010" / "1" → 30101, "302" / "01" → 30201, hazard H1): consecutive digit-only
  tokens are joined while the code stays at most 5 digits long. Labels may wrap ("机关事业部门
  基本养老保险" / "缴费"); a record may have no amount (blank, SX23) or "0.00" (GS24).

The footer ``人员经费合计 X 公用经费合计 Y`` becomes two rows with those keys. The group a row
was printed in is not kept: rows are identified by their code.
"""

from __future__ import annotations

import re

from checker.labels import norm
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import block_lines, finish, join_label, new_table
from checker.parse.fields import parse_number
from checker.parse.segment import TableBlock

CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
FOOTERS = ("人员经费合计", "公用经费合计")


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a 公开06 block."""
    content, notes = block_lines(block, lines, style)
    table = new_table(block, block.template.columns)
    column = block.template.columns[0].key
    tokens: list[tuple[str, int]] = []
    for ln in content:
        text = ln.text
        if any(f in norm(text) for f in FOOTERS):
            _footer(table, text, ln.number, column)
            continue
        if style == "tsv":
            _tsv_line(table, text, ln.number, column)
            continue
        tokens.extend((tok, ln.number) for tok in text.split())
    if style != "tsv":
        _stream(table, tokens, column)
    return finish(table, notes)


def _new_row(code: str, label: str, line: int, column: str, value: Number | None) -> Row:
    return Row(
        label=label, key=norm(label), line=line, code=code, code_printed=code,
        cells={column: Cell(number=value, line=value.line if value else line,
                            text=value.text if value else "")},
    )


def _tsv_line(table: Table, text: str, line: int, column: str) -> None:
    cells = [c.strip() for c in text.split("\t")]
    cells += [""] * (9 - len(cells))
    header = norm(text)
    if "科目代码" in header or "科目名称" in header:
        return
    for g in range(0, len(cells) - 2, 3):
        code, label, amount = cells[g : g + 3]
        if CODE.match(code):
            table.rows.append(_new_row(code, label, line, column, parse_number(amount, line)))
        elif label and not code:
            prev = _last_in_group(table, g // 3)
            if prev is not None:
                prev.label = join_label(prev.label, label)
                prev.key = norm(prev.label)
            else:
                table.unassigned.append(Note(text=label, line=line))


def _last_in_group(table: Table, group: int) -> Row | None:
    # The group a code belongs to in the national layout: 301/303 → 0, 302 → 1, others → 2.
    def group_of(code: str) -> int:
        return {"301": 0, "303": 0, "302": 1}.get(code[:3], 2)

    for r in reversed(table.rows):
        if r.code and group_of(r.code) == group:
            return r
    return None


def _stream(table: Table, tokens: list[tuple[str, int]], column: str) -> None:
    i = 0
    current: dict | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            table.rows.append(
                _new_row(current["code"], current["label"], current["line"], column,
                         current["value"])
            )
        current = None

    while i < len(tokens):
        tok, line = tokens[i]
        if tok.isdigit() and tok[0] == "3":
            code = tok
            j = i + 1
            while (
                j < len(tokens) and tokens[j][0].isdigit() and len(code + tokens[j][0]) <= 5
            ):
                code += tokens[j][0]
                j += 1
            if CODE.match(code):
                close()
                current = {"code": code, "label": "", "line": line, "value": None}
                i = j
                continue
        number = parse_number(tok, line)
        if current is None:
            # Before the first code: the header (科目代码, 科目名称, 决算数, 人员经费 …).
            i += 1
            continue
        if number is not None and "." in tok:
            if current["value"] is None:
                current["value"] = number
            else:
                table.unassigned.append(Note(text=f"extra value {tok}", line=line))
        elif number is None:
            current["label"] = join_label(current["label"], tok) if current["label"] else tok
        else:
            table.unassigned.append(Note(text=f"unexpected number {tok}", line=line))
        i += 1
    close()


def _footer(table: Table, text: str, line: int, column: str) -> None:
    parts = re.split(r"(人员经费合计|公用经费合计)", text.replace("\t", " "))
    for k in range(1, len(parts) - 1, 2):
        key = parts[k]
        numbers = [parse_number(t, line) for t in parts[k + 1].split()]
        value = next((n for n in numbers if n is not None), None)
        table.rows.append(
            Row(label=key, key=key, line=line,
                cells={column: Cell(number=value, line=line, text=value.text if value else "")})
        )
