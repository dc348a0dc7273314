"""What every table layout shares: the block's lines, its notes, header and unit, new rows.

A layout module (``checker/parse/layouts/*.py``) exposes ``parse(block, lines, style)`` and
returns a :class:`checker.model.Table`. This module gives it the block's content lines (blank
lines dropped, the notes — from the first "注" line on — set aside), the header text, and one
way to build rows and cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.labels import norm
from checker.model import Cell, Column, Note, Number, Row, Table
from checker.parse.fields import Field, split_fields
from checker.parse.segment import UNIT, TableBlock, marker_pattern
from checker.templates.loader import ColumnSpec

NOTE = re.compile(r"^注\s*[:：\d]")
EMPTY_NOTE = re.compile(r"(无数据|空表|没有.*(?:收入|支出|经费|数据)|未发生|不涉及)")


@dataclass
class BodyLine:
    """A non-blank line inside a table block, with its fields."""

    number: int
    text: str
    fields: list[Field]


def block_lines(block: TableBlock, lines: list[str], style: str) -> tuple[list[BodyLine], list[Note]]:
    """Content lines of the block (after the title, marker and unit lines) and its notes."""
    content: list[BodyLine] = []
    notes: list[Note] = []
    in_notes = False
    skip = {block.title_line, *block.continuations}
    for number in range(block.start, block.end + 1):
        raw = lines[number - 1]
        text = raw.strip()
        if not text or number in skip:
            continue
        n = norm(text)
        if marker_pattern().match(n) or (UNIT.search(text) and len(n) <= 60 and not _has_amount(text)):
            continue
        if any(number - c in (1, 2) and marker_pattern().match(n) for c in block.continuations):
            continue
        if NOTE.match(n) or in_notes:
            in_notes = True
            notes.append(Note(text=text, line=number))
            continue
        content.append(BodyLine(number, raw, split_fields(raw, number, style)))
    return content, notes


def header_end(content: list[BodyLine]) -> int | None:
    """Index of the first line after the 栏次 line, when the table prints one (its header ends
    there: header cells can look like row labels, "一般公共预算财政拨" / "款")."""
    for i, ln in enumerate(content):
        if norm(ln.text).startswith("栏次"):
            return i + 1
    return None


def _has_amount(text: str) -> bool:
    return bool(re.search(r"\d+\.\d+", text.split("万元")[-1]))


def is_repeated_title(line: BodyLine, block: TableBlock) -> bool:
    """True for a page-break repeat of the title inside a merged block."""
    return line.number in block.continuations


def new_table(block: TableBlock, columns: list[ColumnSpec]) -> Table:
    """An empty Table for a block, with the template's columns."""
    return Table(
        id=block.template.id,
        title=block.title,
        line=block.title_line,
        end_line=block.end,
        code=block.marker,
        unit=block.unit or None,
        columns=[
            Column(key=c.key, label=c.key, col_no=c.col_no, exact=c.exact) for c in columns
        ],
        continuations=list(block.continuations),
    )


def make_cells(
    columns: list[ColumnSpec], values: list[Number | None], line: int
) -> dict[str, Cell]:
    """Cells keyed by column for values given by position (None = blank)."""
    out: dict[str, Cell] = {}
    for col, value in zip(columns, values, strict=False):
        out[col.key] = Cell(number=value, line=value.line if value else line,
                            text=value.text if value else "")
    return out


def blank_cells(columns: list[ColumnSpec], line: int) -> dict[str, Cell]:
    """All-blank cells for a row."""
    return {c.key: Cell(number=None, line=line) for c in columns}


def finish(table: Table, notes: list[Note]) -> Table:
    """Attach notes and decide whether the table is empty (no number in any cell)."""
    table.notes = notes
    table.empty = not any(
        c.number is not None for r in table.rows for c in r.cells.values()
    ) and not any(r.unplaced for r in table.rows)
    return table


def join_label(previous: str, continuation: str) -> str:
    """Join a wrapped label, dropping a one-character overlap ("机关事业单位" + "位基本…")."""
    a, b = previous.rstrip(), continuation.strip()
    if a and b and a[-1] == b[0] and len(b) > 1:
        return a + b[1:]
    return a + b


def row(label: str, key: str, line: int, **kw) -> Row:
    """A new Row (thin wrapper so layouts build rows one way)."""
    return Row(label=label, key=key, line=line, **kw)
