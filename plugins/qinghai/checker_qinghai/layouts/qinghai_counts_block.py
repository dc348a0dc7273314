"""Layout ``qinghai_counts_block``: the 青海 "三公" 实物量 block (QH24:356–362), table ``final.QH09B``.

Under 公开09表 the 青海 report prints, with no title of its own::

    项目⇥统计数⇥项目⇥统计数
    因公出国 (境)团组数 (个)⇥⇥因公出国 (境)人次 (人)⇥
    公务用车购 置数(辆)⇥⇥公务用车保 有量(辆)⇥1
    国内公务接 待批次(个)⇥⇥国内公务接 待人次(人)⇥

The segmenter cuts it out of the 三公 table's block at the header line (``options.under`` of
the template, checker/parse/segment.py), which is this block's title line. Each count is printed
right after its label (a blank count prints nothing), so after folding spaces and width a label
is followed either by its number or by the next label — in tab-separated and in space-separated
text alike. Labels cut by justification ("公务用车购 置数") are joined by the folding. Reading
stops at the first line that holds no label; what follows is kept as notes.
"""

from __future__ import annotations

import re

from checker.labels import norm
from checker.model import Cell, Note, Row, Table
from checker.parse.body import block_lines, finish, new_table
from checker.parse.fields import parse_number
from checker.parse.segment import TableBlock
from checker.templates.loader import Template


def _label_patterns(template: Template) -> list[tuple[str, re.Pattern[str]]]:
    """Per row key, a pattern of its names (longest first) and the count printed after them."""
    out = []
    for spec in template.rows:
        names = sorted({norm(n) for n in [spec.key, *spec.labels]}, key=len, reverse=True)
        alts = "|".join(re.escape(n) for n in names)
        out.append((spec.key, re.compile(rf"(?:{alts})(\d+(?:\.\d+)?)?")))
    return out


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Read the label → count lines of the 实物量 block into one row per template row."""
    content, notes = block_lines(block, lines, style)
    template = block.template
    table = new_table(block, template.columns)
    table.title = f"{template.name}（{block.marker or '公开09表'} 表下）"
    table.unit = "个/人/辆"
    patterns = _label_patterns(template)
    found: dict[str, Row] = {}
    last = block.title_line
    rest: list[Note] = []
    for ln in content:
        text = norm(ln.text)
        hits = [(key, m) for key, rx in patterns if (m := rx.search(text))]
        if rest or not hits:
            rest.append(Note(text=ln.text.strip(), line=ln.number))
            continue
        last = ln.number
        for key, m in hits:
            if key in found:
                continue
            value = m.group(1)
            number = parse_number(value, ln.number) if value else None
            printed = m.group(0)[: len(m.group(0)) - len(value or "")]
            found[key] = Row(label=printed, key=key, line=ln.number,
                             cells={"统计数": Cell(number, ln.number, value or "")})
    table.rows = [found[spec.key] for spec in template.rows if spec.key in found]
    table.end_line = last
    return finish(table, rest + notes)
