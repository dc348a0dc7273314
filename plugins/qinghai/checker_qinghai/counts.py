"""The 青海 "三公" 实物量 block (QH24:356–362), read after parsing into table ``final.QH09B``.

Under 公开09表 the 青海 report prints::

    项目⇥统计数⇥项目⇥统计数
    因公出国 (境)团组数 (个)⇥⇥因公出国 (境)人次 (人)⇥
    公务用车购 置数(辆)⇥⇥公务用车保 有量(辆)⇥1
    国内公务接 待批次(个)⇥⇥国内公务接 待人次(人)⇥

The core's 三公 layout keeps these lines as notes of ``final.T09``. Each count is printed right
after its label (a blank count prints nothing), so after folding spaces and width a label is
followed either by its number or by the next label — in tab-separated and in space-separated
text alike. Labels cut by justification ("公务用车购 置数") are joined by the folding.
"""

from __future__ import annotations

import re

from checker.labels import norm
from checker.model import Cell, Column, Document, Note, Row, Table
from checker.parse.fields import parse_number
from checker.templates.loader import Template, TemplateRegistry

TABLE_ID = "final.QH09B"
HEADER = re.compile(r"^项目统计数项目统计数$")


def _label_patterns(template: Template) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for spec in template.rows:
        names = sorted({norm(n) for n in [spec.key, *spec.labels]}, key=len, reverse=True)
        alts = "|".join(re.escape(n) for n in names)
        out.append((spec.key, re.compile(rf"(?:{alts})(\d+(?:\.\d+)?)?")))
    return out


def read_counts_block(document: Document, registry: TemplateRegistry) -> Table | None:
    """Add ``final.QH09B`` read from the notes of ``final.T09``; None when there is no block."""
    template = registry.get(TABLE_ID)
    sangong = document.table("final.T09")
    if template is None or sangong is None or document.table(TABLE_ID) is not None:
        return None
    notes = sangong.notes
    start = next((i for i, n in enumerate(notes) if HEADER.match(norm(n.text))), None)
    if start is None:
        return None
    patterns = _label_patterns(template)
    found: dict[str, Row] = {}
    block: list[Note] = []
    for note in notes[start + 1:]:
        text = norm(note.text)
        hits = [(key, m) for key, rx in patterns if (m := rx.search(text))]
        if not hits:
            break
        block.append(note)
        for key, m in hits:
            if key in found:
                continue
            value = m.group(1)
            number = parse_number(value, note.line) if value else None
            printed = m.group(0)[: len(m.group(0)) - len(value or "")]
            found[key] = Row(label=printed, key=key, line=note.line,
                             cells={"统计数": Cell(number, note.line, value or "")})
    if not found:
        return None
    table = Table(
        id=TABLE_ID,
        title=f"{template.name}（{sangong.code or '公开09表'} 表下）",
        line=notes[start].line,
        end_line=block[-1].line if block else notes[start].line,
        code=sangong.code,
        unit="个/人/辆",
        columns=[Column("统计数", "统计数", exact=True)],
        rows=[found[spec.key] for spec in template.rows if spec.key in found],
        notes=[Note(f"read from the lines under {sangong.id} (line {sangong.line})",
                    notes[start].line)],
    )
    document.tables.append(table)
    return table
