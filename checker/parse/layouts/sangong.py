"""Layout ``sangong``: 财政拨款“三公”经费支出决算表 (公开09), in its two printed forms.

* National: one data line of 12 values — 预算数 columns 1–6 then 决算数 columns 7–12, each group
  合计 | 因公出国（境）费 | 公务用车购置及运行维护费 小计 | 购置费 | 运行维护费 | 公务接待费.
* Transposed (some regions): lines starting 预算数 / 决算数, each with the six columns plus
  会议费 and 培训费 (8 columns), chosen when the header names 会议费.

Both become two rows, 预算数 and 决算数, over the template's columns. The 栏次 line (1 2 … 12)
is skipped. In space text the blanks collapse ("预算数 2.70 1.20 1.20 1.50" for 8 columns): the
values are placed by the table's sums (合计 = 因公出国 + 小计 + 公务接待, 小计 = 购置 + 运行维护);
a value the sums cannot place is left ambiguous (hazard H7), never guessed.
"""

from __future__ import annotations

from checker.labels import norm
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import block_lines, finish, new_table
from checker.parse.placement import common, narrow
from checker.parse.segment import TableBlock

GROUP = ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费",
         "公务用车运行维护费", "公务接待费"]
# (total, parts) by index within one group of six columns.
SUMS = [(0, [1, 2, 5]), (2, [3, 4])]


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse a 三公 table block."""
    template = block.template
    content, notes = block_lines(block, lines, style)
    header = norm(" ".join(ln.text for ln in content))
    transposed = "会议费" in header and any(
        norm(ln.text).startswith(("预算数", "决算数")) and any(f.number for f in ln.fields)
        for ln in content
    )
    keys = GROUP + (["会议费", "培训费"] if transposed else [])
    cols = [template.column(k) for k in keys]
    table = new_table(block, [c for c in cols if c is not None])
    if transposed:
        for ln in content:
            name = norm(ln.text)[:3]
            if name in ("预算数", "决算数"):
                values = [f.number for f in ln.fields if f.number is not None]
                if style == "tsv":
                    values = [f.number for f in ln.fields[1 : 1 + len(keys)]]
                _add(table, name, ln.number, keys, values, style, len(keys))
        return finish(table, notes)
    for ln in content:
        numbers = [f for f in ln.fields if f.number is not None]
        texts = [f for f in ln.fields if f.text and f.number is None]
        if not numbers or texts:
            continue
        if all(f.is_integer for f in numbers) and [f.text for f in numbers] == [
            str(i) for i in range(1, len(numbers) + 1)
        ]:
            continue  # the 栏次 line
        if style == "tsv":
            values = [f.number for f in ln.fields[:12]] + [None] * (12 - len(ln.fields[:12]))
            _add(table, "预算数", ln.number, keys, values[:6], style, 6)
            _add(table, "决算数", ln.number, keys, values[6:12], style, 6)
        else:
            _place_both(table, ln.number, keys, [f.number for f in numbers])
        break
    if not table.rows:
        for name in ("预算数", "决算数"):
            table.rows.append(Row(label=name, key=name, line=block.title_line,
                                  cells={k: Cell(None, block.title_line) for k in keys}))
    return finish(table, notes)


def _cells(keys: list[str], values: list[Number | None], line: int) -> dict[str, Cell]:
    return {
        k: Cell(number=v, line=v.line if v else line, text=v.text if v else "")
        for k, v in zip(keys, values + [None] * (len(keys) - len(values)), strict=True)
    }


def _add(table: Table, name: str, line: int, keys: list[str], values: list[Number | None],
         style: str, n: int) -> None:
    present = [v for v in values if v is not None]
    if style == "tsv" or len(present) == n:
        table.rows.append(Row(label=name, key=name, line=line,
                              cells=_cells(keys, list(values) if style == "tsv" else present,
                                           line)))
        return
    cands, how = narrow(present, n, first_fixed=True, allowed=None, sums=SUMS)
    table.rows.append(_placed_row(name, line, keys, present, cands, how))


def _placed_row(name: str, line: int, keys: list[str], values: list[Number],
                cands: list[tuple[int, ...]], how: str) -> Row:
    r = Row(label=name, key=name, line=line, cells={k: Cell(None, line) for k in keys})
    agreed = common(cands)
    ambiguous_cols = {c[i] for c in cands for i, col in agreed.items() if col is None}
    for i, value in enumerate(values):
        col = agreed.get(i)
        if col is None:
            r.unplaced.append(value)
            continue
        r.cells[keys[col]] = Cell(number=value, line=value.line, text=value.text, placed=how)
    for col in ambiguous_cols:
        r.cells[keys[col]] = Cell(None, line, placed="ambiguous")
    return r


def _place_both(table: Table, line: int, keys: list[str], values: list[Number | None]) -> None:
    present = [v for v in values if v is not None]
    if len(present) == 12:
        _add(table, "预算数", line, keys, present[:6], "space", 6)
        _add(table, "决算数", line, keys, present[6:], "space", 6)
        return
    sums = SUMS + [(t + 6, [p + 6 for p in ps]) for t, ps in SUMS]
    cands, how = narrow(present, 12, first_fixed=True, allowed=None, sums=sums)
    agreed = common(cands)
    row_b = _placed_row("预算数", line, keys, [], [], how)
    row_a = _placed_row("决算数", line, keys, [], [], how)
    for i, value in enumerate(present):
        col = agreed.get(i)
        if col is None:
            row_a.unplaced.append(value)
            for c in cands:
                k = c[i]
                (row_b if k < 6 else row_a).cells[keys[k % 6]] = Cell(None, line,
                                                                      placed="ambiguous")
            continue
        target = row_b if col < 6 else row_a
        target.cells[keys[col % 6]] = Cell(number=value, line=value.line, text=value.text,
                                           placed=how)
    table.rows.extend([row_b, row_a])
    if not cands:
        table.unassigned.append(Note(text="三公 values could not be placed", line=line))
