"""Layout ``perf_indicator_system``: a department's performance indicator grid (绩效指标体系).

A form printed instead of a 部门整体支出绩效自评表 (SX23:696–918): a header with the reporting unit
and the overall score, the form's own narrative, then a grid

    一级指标 | 二级指标 | 三级指标 (+ a description) | 分值 | 年初目标值 | 实际完成值 | 得分 | 未完成原因…

where the 一级指标 cell carries the group's weight ("部门决策（10）", "项目产出（35分）").
``Table.subject`` is the reporting unit (填报单位). Rows:

* the 总分 row (side ``总分``): 得分 is the header's "自评得分： 98"; 分值 is not printed (blank).
* a group row per 一级指标 (side ``一级指标``, key and label the group's name): 分值 is the printed
  weight; 得分 is not printed (blank).
* an indicator row per 三级指标 (side ``指标``, key ``指标@<line of its 分值>``): 分值, 得分, the
  text cell 一级指标 (its group's name) and, when the text allows, the text cells 指标值 (年初目标值)
  and 完成值 (实际完成值). The label is the printed 二级 / 三级 names before the description.

How a row is read from space-separated text, where cells wrap over lines and blank cells vanish:
the grid's columns run label → 分值 → target → actual → 得分 → reason, and every row prints its
labels before its figures. So a row starts at the first *score token* (a plain number, not a
percentage, at most 100) after label text: that number is 分值. The row's 得分 is the last score
token of the line that closes it — the same line, when a second score token follows the 分值 on
it, else the next line that has one; what stands between is the target / actual text, what follows
the 得分 on its line is the reason. Lines without a score token between two rows are the reason of
the one and the labels and description of the next.

Where the text does not decide, the cells are ambiguous and never guessed:

* a number line after a row's 得分 with no label text since (a value printed after a numeric
  target, "2 0" / "1.5") re-opens that row: its 得分 becomes a value and the new number its 得分 —
  only when nothing (no reason) followed the 得分 on its line and no CJK text came between;
* a group line or the end of the block before a row's 得分 leaves that 得分 ambiguous;
* in any other break of the pattern (a number after the 得分 on its line; a number line with no
  label before it that cannot re-open the row above), the reading is *lost* until the next
  一级指标 line: the open row's 得分 — or the 得分 of the row closed just before — is ambiguous, and
  one row ``指标@<line>?`` with 分值 and 得分 ambiguous holds the numbers of the lines in between
  (``Row.unplaced``), so no sum over the group or the table is evaluated;
* 指标值 / 完成值 are set only when the values of the row are two tokens on one line ("2 0 1% 1.5",
  "2 ≤100% 100% 2"); a single value, or values wrapped over lines, leave both ambiguous.

What the reading assumes: a row's labels are printed before its figures, a 一级指标 cell with its
weight opens every group, and a value cell wrapped below a line that ends in a number is not
made of short name-like text (it would be read as the next row's label). SX23 holds to all three.

Tab-separated text (real cells) is read the same way with its non-blank cells as tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.labels import norm
from checker.model import Cell, Note, Number, Row, Table
from checker.parse.body import block_lines, finish, new_table
from checker.parse.fields import parse_number
from checker.parse.segment import TableBlock

HEADER = re.compile(r"^一级指标")
GROUP = re.compile(r"^(?P<name>[^\d()（）:：]{2,12})[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分?\s*[）)]$")
FOOTER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|[-—]\s*\d+\s*[-—])$")
END_NOTE = re.compile(r"^备\s*注")
SCORE_TOTAL = re.compile(r"自评得分\s*[:：]\s*(\S+)")
UNIT_LINE = re.compile(r"^填报单位\s*[:：]\s*(.*)$")
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE = re.compile(r"[，。,;；=:：]")
MAX_LABEL = 16


@dataclass
class _Token:
    text: str
    line: int
    number: Number | None = None  # set for a score token


@dataclass
class _Reading:
    """The indicator row being read."""

    group: str | None
    label: str
    full: Number  # 分值
    line: int
    score: Number | None = None  # 得分
    values: list[_Token] = field(default_factory=list)
    tail: bool = False  # text followed the 得分 on its line (a reason)
    row: Row | None = None


def _score_token(text: str, line: int) -> Number | None:
    n = parse_number(text, line)
    if n is None or n.percent or n.value < 0 or n.value > 100:
        return None
    return n


def _tokens(texts: list[str], line: int) -> list[_Token]:
    return [_Token(t, line, _score_token(t, line)) for t in texts if t]


def _label_like(text: str) -> bool:
    """A 二级 / 三级 name: short, with a CJK character, not a sentence or a description."""
    return (bool(CJK.search(text)) and len(norm(text)) <= MAX_LABEL and not text.startswith("考察")
            and not SENTENCE.search(text))


def _label(region: list[_Token]) -> str:
    """The names printed before a row's description: the first run of name-like tokens that a
    description follows (a reason of the row above, printed first, ends before the run)."""
    run: list[str] = []
    for tok in region:
        if _label_like(tok.text):
            run.append(tok.text)
        elif run:
            break
    return " ".join(run)


def _cell(n: Number | None, line: int) -> Cell:
    return Cell(number=n, line=n.line if n else line, text=n.text if n else "")


def _ambiguous(line: int) -> Cell:
    return Cell(None, line, placed="ambiguous")


class _Grid:
    """Reads the grid lines into rows (see the module docstring)."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.group: str | None = None
        self.region: list[_Token] = []  # text since the last row closed
        self.current: _Reading | None = None  # open: 分值 read, 得分 not yet
        self.last: _Reading | None = None  # the last closed row
        self.lost: Row | None = None

    # -- rows
    def _indicator_row(self, r: _Reading) -> Row:
        cells = {"分值": _cell(r.full, r.line), "得分": _ambiguous(r.line)}
        if r.group is not None:
            cells["一级指标"] = Cell(None, r.line, r.group)
        row = Row(label=r.label, key=f"指标@{r.line}", line=r.line, side="指标", cells=cells)
        self.table.rows.append(row)
        return row

    def _settle(self, r: _Reading) -> None:
        """Write the row's 得分 and value texts into its cells."""
        assert r.row is not None
        cells = r.row.cells
        cells["得分"] = _cell(r.score, r.line) if r.score is not None else _ambiguous(r.line)
        lines = {t.line for t in r.values}
        if not r.values:
            cells["指标值"] = Cell(None, r.line)
            cells["完成值"] = Cell(None, r.line)
        elif len(r.values) == 2 and len(lines) == 1:
            target, actual = r.values
            cells["指标值"] = Cell(None, target.line, target.text)
            cells["完成值"] = Cell(None, actual.line, actual.text)
        else:
            cells["指标值"] = _ambiguous(r.values[0].line)
            cells["完成值"] = _ambiguous(r.values[-1].line)

    def _lose(self, line: int, toks: list[_Token]) -> None:
        """The pattern broke: the open row's 得分 is ambiguous; the rest of the group is unread
        (one row with 分值 and 得分 ambiguous keeps the numbers of ``toks`` and what follows)."""
        for r in (self.current, self.last):
            # the open row's 得分 is missing; a row closed just before may have taken a value for
            # its 得分 (the pattern broke right after it)
            if r is not None:
                r.score = None
                self._settle(r)
        self.current = self.last = None
        cells = {"分值": _ambiguous(line), "得分": _ambiguous(line)}
        if self.group is not None:
            cells["一级指标"] = Cell(None, line, self.group)
        self.lost = Row(label=f"指标@{line}?", key=f"指标@{line}?", line=line, side="指标",
                        cells=cells, unplaced=[t.number for t in toks if t.number is not None])
        self.table.rows.append(self.lost)

    # -- lines
    def group_line(self, name: str, weight: Number, line: int, rest: list[_Token]) -> None:
        """A 一级指标 cell with its weight: a group row; the reading starts afresh."""
        self.end(line)  # a row still open here has no 得分 printed before the next group
        self.lost = None
        self.group = name
        self.region = []
        self.last = None
        self.table.rows.append(Row(label=name, key=name, line=line, side="一级指标",
                                   cells={"分值": _cell(weight, line), "得分": Cell(None, line)}))
        if rest:
            self.line(rest, line)

    def line(self, toks: list[_Token], line: int) -> None:
        """One grid line's tokens."""
        if self.lost is not None:
            self.lost.unplaced += [t.number for t in toks if t.number is not None]
            return
        if self.current is None:
            first = next((i for i, t in enumerate(toks) if t.number is not None), None)
            if first is None:
                self.region += toks
                return
            region = self.region + toks[:first]
            if not any(_label_like(t.text) for t in region):
                if (self.last is not None and not self.last.tail
                        and not any(CJK.search(t.text) for t in region)):
                    self._reopen(region)
                    self._rest(toks[first:], line)
                    return
                self._lose(line, toks)
                return
            full = toks[first].number
            assert full is not None
            self.current = _Reading(self.group, _label(region), full, line)
            self.current.row = self._indicator_row(self.current)
            self.region = []
            toks = toks[first + 1:]
        self._rest(toks, line)

    def _reopen(self, region: list[_Token]) -> None:
        """A number with no label before it continues the row above: its 得分 was a value."""
        r = self.last
        assert r is not None and r.score is not None
        r.values.append(_Token(r.score.text, r.score.line))
        r.values += region
        r.score = None
        self.current, self.last, self.region = r, None, []

    def _rest(self, toks: list[_Token], line: int) -> None:
        """Tokens after the 分值 of the open row: values, then maybe its 得分 and a reason."""
        r = self.current
        assert r is not None
        scores = [i for i, t in enumerate(toks) if t.number is not None]
        if not scores:
            r.values += toks
            return
        j = scores[-1]
        tail = toks[j + 1:]
        if any(parse_number(t.text, line) is not None for t in tail):
            self._lose(line, toks)
            return
        r.values += toks[:j]
        r.score = toks[j].number
        r.tail = bool(tail)
        self._settle(r)
        self.current, self.last, self.region = None, r, []

    def end(self, line: int) -> None:
        """The grid ended: a row still waiting for its 得分 has it ambiguous."""
        if self.current is not None:
            self._settle(self.current)
            self.current = None


def parse(block: TableBlock, lines: list[str], style: str) -> Table:
    """Parse one 绩效指标体系 block."""
    content, notes = block_lines(block, lines, style)
    table = new_table(block, block.template.columns)
    grid: _Grid | None = None
    last_line = block.title_line
    in_notes = False
    for ln in content:
        text = ln.text.strip()
        n = norm(text)
        texts = [f.text for f in ln.fields if f.text] if style == "tsv" else text.split()
        if not texts or FOOTER.match(n):
            continue
        if in_notes or END_NOTE.match(n):
            in_notes = True
            notes.append(Note(text=text, line=ln.number))
            continue
        if grid is None:
            if HEADER.match(n):
                grid = _Grid(table)
                continue
            if UNIT_LINE.match(n):
                table.subject = re.split(r"[:：]", text, maxsplit=1)[-1].strip() or None
            elif m := SCORE_TOTAL.search(text):
                total = parse_number(m.group(1), ln.number)
                score = _cell(total, ln.number) if total is not None else _ambiguous(ln.number)
                table.rows.insert(0, Row(label="自评得分", key="总分", line=ln.number, side="总分",
                                         cells={"分值": Cell(None, ln.number), "得分": score}))
            continue
        if HEADER.match(n):  # the header printed again after a page break
            continue
        last_line = ln.number
        toks = _tokens(texts, ln.number)
        for width in (1, 2):  # "部门决策（10）", or "部门决策 （10）"
            if g := GROUP.match(norm("".join(t.text for t in toks[:width]))):
                weight = parse_number(g.group("weight"), ln.number)
                assert weight is not None
                grid.group_line(g.group("name"), weight, ln.number, toks[width:])
                break
        else:
            grid.line(toks, ln.number)
    if grid is not None:
        grid.end(last_line)
    notes.sort(key=lambda x: x.line)
    return finish(table, notes)
