"""A table's columns read from its header block, and each printed value placed under one.

Input: the lines of one table block whose parts carry their x-extent on the page (PDF: a ruled
cell's box, or a chunk of an unruled line; ``RawDocument.spans``). Output: a :class:`Header` —
the columns in printed order, each with the texts printed above it and what it is — and, for
every data line, which column each part stands under (:meth:`Header.place`).

How the header is read (the structure of the table, never one file's accident):

1. The header block is the lines before the first data line. A data line holds an amount (a
   number with decimals or a thousands separator), a subject code (3, 5 or 7 digits) in one of its
   first cells, or a row label of the template (合计, 一、一般公共预算财政拨款收入 …); a line of
   consecutive integers 1 2 3 … (or starting 栏次) is the 栏次 row and closes the header; a line
   whose cells name two template columns is header, whatever else it holds.
2. A header cell spanning several columns has the cells of the rows below it inside its
   extent; the columns are the header cells with nothing below them (a cell spanning rows, such
   as 本年收入合计 over three header rows, is a column at its first row). Each column's *path* is
   the header cells above it, top to bottom ("本年支出" › "小计").
3. What a column is, from its own text and its path:
   ``code`` (科目编码, 功能科目代码 …; or one part of a split code: 类 | 款 | 项), ``label``
   (科目名称, 项目, 项目名称 …), ``row_no`` (行次), or a value column; ``side`` is 收入 or 支出
   when a header cell above says so. Value columns are matched to the template's columns by name
   (:func:`match_columns`), never by position alone.
4. A code row's 类 | 款 | 项 labels may be printed in the cells of the first data line (the 合计
   row of the 上海 template): such cells are header, the rest of the line is data.

A value is placed under the column its extent overlaps most; a value that straddles two columns
(neither holds half of it) is not placed (:meth:`Header.place` gives ``None``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from checker.labels import is_prefix_match, norm, strip_ordinal
from checker.parse.fields import parse_number
from checker.templates.loader import ColumnSpec, Template

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
CODE_PART = re.compile(r"^\d{2,3}$")
_AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)%?$")
# What a header text says a column is (matched on the normalised text, ordinal stripped).
_CODE_NAMES = re.compile(r"(?:科目|功能|经济|分类)?(?:编码|代码)$|^(?:功能|经济)?科目编码")
_LABEL_NAMES = re.compile(r"(?:科目名称|项目名称|单位名称|部门名称|名称|^项目|^科目|^摘要|^内容)$")
_ROW_NO = re.compile(r"^(?:行次|行|序号|编号)$")
_LEVELS = {"类": 1, "款": 2, "项": 3}
_SIDES = ("收入", "支出")
# Captions a table may print inside its rules, above the header: not column headers.
_CAPTION = re.compile(r"^(?:部门名称|部门(?:\(单位\))?|单位名称|编制单位|填报单位|金额)?单位:|"
                      r"^(?:部门名称|编制单位|填报单位|部门(?:\(单位\))?):")
MAX_HEADER_LINES = 8


@dataclass(frozen=True)
class Part:
    """A TAB-separated part of a line with its x-extent on the page."""

    text: str
    x0: float
    x1: float

    @property
    def width(self) -> float:
        """Its width (at least a little, so that a point-like part can be placed)."""
        return max(self.x1 - self.x0, 0.5)


@dataclass
class Column:
    """One column of a table: extent, printed header texts, role and meaning."""

    x0: float
    x1: float
    path: tuple[str, ...]
    role: str = "value"  # code | label | row_no | value
    level: int | None = None  # split code: 1 类, 2 款, 3 项
    col_no: str | None = None  # from the 栏次 row
    side: str | None = None  # 收入 | 支出, when a header cell above says so
    key: str | None = None  # the template column a value column was matched to

    @property
    def text(self) -> str:
        """The column's own header text, normalised."""
        return strip_ordinal(self.path[-1]) if self.path else ""

    @property
    def title(self) -> str:
        """The header path as printed, for messages ("本年支出 › 小计")."""
        return " › ".join(p for p in self.path if p)


@dataclass
class Header:
    """The columns of a table and the lines their header took."""

    columns: list[Column]
    lines: list[int]  # line numbers of the header block (and of a repeated header)
    first_data: int  # index (in the block's lines) of the first data line
    inline: dict[int, set[int]] = field(default_factory=dict)  # line → part indexes that are header

    def place(self, parts: list[Part]) -> list[Column | None]:
        """The column each part stands under (None: outside every column, or straddling two)."""
        out: list[Column | None] = []
        for p in parts:
            best, best_share, second = None, 0.0, 0.0
            for c in self.columns:
                share = max(0.0, min(p.x1, c.x1) - max(p.x0, c.x0)) / p.width
                if share > best_share:
                    best, best_share, second = c, share, best_share
                elif share > second:
                    second = share
            if best is not None and best_share >= 0.5 and second < 0.5:
                out.append(best)
            elif best is not None and best_share > 0 and p.x1 - p.x0 < 1 and second == 0:
                out.append(best)
            else:
                out.append(None)
        return out


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of [a0, a1] and [b0, b1]."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def is_amount(text: str) -> bool:
    """True for a printed amount: decimals or thousands separators ("1,108", "0.00", "96.5%")."""
    return bool(_AMOUNT.match(text.strip().replace(" ", "")))


def is_col_numbers(texts: list[str]) -> bool:
    """True for a 栏次 row: "栏次" first, or integers 1 2 3 … in order (two at least)."""
    t = [norm(x) for x in texts if norm(x)]
    if t and t[0] in ("栏次", "栏号"):
        return True
    nums = [x for x in t if x.isdigit()]
    return len(nums) >= 2 and len(nums) == len(t) and nums == [str(i) for i in range(1, len(nums) + 1)]


def _column_names(template: Template) -> set[str]:
    return {n for c in template.columns for n in c.names() if n}


def _row_names(template: Template) -> set[str]:
    names = {n for r in template.rows for n in r.names() if n}
    return names | {strip_ordinal(t) for t in template.total_labels}


def _is_data(parts: list[Part], template: Template, col_names: set[str], row_names: set[str]) -> bool:
    texts = [p.text.strip() for p in parts]
    if sum(1 for t in texts if t and strip_ordinal(t) in col_names) >= 2:
        return False
    if any(is_amount(t) for t in texts):
        return True
    words = [norm(t) for t in texts if t]
    if len(words) >= 3 and len(set(words)) < len(words):
        return False  # header words repeated over column groups (预算数 决算数 预算数 …)
    if any(CODE.match(t) for t in texts[:3] if t):
        return True
    # a row label stands first on its line (a header may end in 总计 or 合计 columns)
    first = next((t for t in texts if t), "")
    return strip_ordinal(first) in row_names


def _lone_unknown(parts: list[Part], col_names: set[str]) -> bool:
    """A line with one text that names no column and no header role: a row printed blank (a
    unit with no figures), not a header line."""
    texts = [strip_ordinal(p.text) for p in parts if p.text.strip()]
    if len(texts) != 1:
        return False
    t = texts[0]
    return not (t in col_names or t in _LEVELS or t in _SIDES or _CODE_NAMES.search(t)
                or _LABEL_NAMES.search(t) or _ROW_NO.match(t) or is_col_numbers([t]))


def _mixed_header(parts: list[Part], col_names: set[str], row_names: set[str]) -> set[int]:
    """A line that is the first data row on the left and the last header row on the right (the
    合计 row beside the 合计 | 基本支出 | 项目支出 sub-header of 本年支出): its header parts."""
    texts = [strip_ordinal(p.text) for p in parts]
    first = next((t for t in texts if t), "")
    if first not in row_names or first in col_names:
        return set()
    lead = texts.index(first)
    named = {i for i, t in enumerate(texts) if t and t in col_names and i != lead}
    if len(named) < 2 or any(is_amount(p.text) for p in parts):
        return set()
    return {i for i, t in enumerate(texts) if t and i != lead}


def _inline_header(parts: list[Part]) -> set[int]:
    """Parts of a data line that are 类 / 款 / 项 labels (printed in the first data row)."""
    found = {i for i, p in enumerate(parts) if norm(p.text) in _LEVELS}
    return found if len(found) >= 2 else set()


@dataclass
class _HCell:
    text: str
    x0: float
    x1: float
    row: int


def read_header(block: list[tuple[int, list[Part]]], template: Template) -> Header | None:
    """The header of a table block (``(line number, parts)`` per line), or None when no header
    block is found before the first data line."""
    col_names, row_names = _column_names(template), _row_names(template)
    cells: list[_HCell] = []
    header_lines: list[int] = []
    col_no_row: list[Part] | None = None
    inline: dict[int, set[int]] = {}
    first_data = len(block)
    for i, (number, parts) in enumerate(block[: MAX_HEADER_LINES + 1]):
        texts = [p.text for p in parts]
        if is_col_numbers(texts):
            col_no_row = parts
            header_lines.append(number)
            first_data = i + 1
            break
        parts = [p for p in parts if not _CAPTION.match(norm(p.text))]
        if not any(p.text.strip() for p in parts):
            continue  # a caption row inside the rules (部门名称：… 单位：万元)
        # a line can be both only under header lines already read (上海 template 公开07表)
        mixed = _mixed_header(parts, col_names, row_names) if header_lines else set()
        if mixed or _is_data(parts, template, col_names, row_names) or (
                header_lines and _lone_unknown(parts, col_names)):
            sub = mixed or _inline_header(parts)
            if sub:
                inline[number] = sub
                cells += [_HCell(parts[k].text.strip(), parts[k].x0, parts[k].x1, len(header_lines))
                          for k in sorted(sub)]
            first_data = i
            break
        header_lines.append(number)
        cells += [_HCell(p.text.strip(), p.x0, p.x1, len(header_lines) - 1)
                  for p in parts if p.text.strip()]
    else:
        if len(block) > MAX_HEADER_LINES + 1:
            return None
        first_data = len(block)  # a header and no data row (a table printed empty)
    if not cells:
        return None
    columns = _leaves(cells)
    _fill_gaps(columns, block, header_lines)
    if col_no_row is not None:
        for c in columns:
            for p in col_no_row:
                if p.text.strip() and overlap(p.x0, p.x1, c.x0, c.x1) >= 0.5 * p.width:
                    c.col_no = norm(p.text)
    _roles(columns)
    match_columns(columns, template)
    return Header(columns, header_lines, first_data, inline)


def _leaves(cells: list[_HCell]) -> list[Column]:
    """Header cells with nothing below them, left to right, each with its path."""
    out: list[Column] = []
    for c in cells:
        width = max(c.x1 - c.x0, 0.5)
        below = [d for d in cells if d.row > c.row
                 and overlap(c.x0, c.x1, d.x0, d.x1) >= 0.5 * max(d.x1 - d.x0, 0.5)]
        if below:
            continue
        above = sorted((a for a in cells if a.row < c.row
                        and overlap(a.x0, a.x1, c.x0, c.x1) >= 0.5 * width), key=lambda a: a.row)
        side = None
        for a in above:
            s = strip_ordinal(a.text)
            if s in _SIDES:
                side = s
        if strip_ordinal(c.text) in _SIDES:
            side = strip_ordinal(c.text)
        out.append(Column(c.x0, c.x1, (*[a.text for a in above], c.text), side=side))
    out.sort(key=lambda col: col.x0)
    return out


def _fill_gaps(columns: list[Column], block: list[tuple[int, list[Part]]],
               header_lines: list[int]) -> None:
    """Widen the columns over the gaps between them, so that a value printed without rules —
    right-aligned under a centred header word, or a label left-aligned — stands under its
    column. Between two header words the boundary is where the fewest printed values of the
    body cross (the white river between two columns; the middle of the gap breaks ties), and
    the outer columns reach the table's edges. Ruled columns touch: nothing changes for them."""
    if not columns:
        return
    ordered = sorted(columns, key=lambda c: c.x0)
    body = [p for n, parts in block if n not in header_lines for p in parts if p.text.strip()]
    for a, b in itertools.pairwise(ordered):
        if a.x1 < b.x0:
            a.x1 = b.x0 = _river(a.x1, b.x0, body)
    left = min((p.x0 for _n, parts in block for p in parts), default=ordered[0].x0)
    right = max((p.x1 for _n, parts in block for p in parts), default=ordered[-1].x1)
    ordered[0].x0 = min(ordered[0].x0, left)
    ordered[-1].x1 = max(ordered[-1].x1, right)


def _river(lo: float, hi: float, parts: list[Part]) -> float:
    """The x in [lo, hi] crossed by the fewest parts, nearest the middle among equals."""
    edges = sorted({lo, hi, *(e for p in parts for e in (p.x0, p.x1) if lo < e < hi)})
    mid = (lo + hi) / 2
    best, best_key = mid, (len(parts) + 1, 0.0)
    for x0, x1 in itertools.pairwise(edges):
        x = (x0 + x1) / 2
        key = (sum(1 for p in parts if p.x0 < x < p.x1), abs(x - mid))
        if key < best_key:
            best, best_key = x, key
    return best


def _roles(columns: list[Column]) -> None:
    for c in columns:
        t = c.text
        joined = strip_ordinal("".join(c.path))
        if t in _LEVELS and any(_CODE_NAMES.search(strip_ordinal(p)) or "分类" in p for p in c.path[:-1]):
            c.role, c.level = "code", _LEVELS[t]
        elif t in _LEVELS:
            c.role, c.level = "code", _LEVELS[t]
        elif _CODE_NAMES.search(t) or (t.endswith(("编码", "代码")) and "名称" not in t):
            c.role = "code"
        elif _ROW_NO.match(t):
            c.role = "row_no"
        elif _LABEL_NAMES.search(t) and not _names_amount(t):
            c.role = "label"
        elif _LABEL_NAMES.search(joined) and len(c.path) == 1 and not _names_amount(t):
            c.role = "label"


def _names_amount(text: str) -> bool:
    return any(w in text for w in ("金额", "合计", "小计", "数"))


def _candidates(col: Column) -> list[str]:
    """Names a column answers to: its own text, and its text with the texts above it."""
    own = col.text
    out = [own]
    path = [strip_ordinal(p) for p in col.path if p]
    for k in range(len(path) - 1, 0, -1):
        out.append("".join(path[k - 1 :]))
    return [x for x in out if x]


def _score(col: Column, spec: ColumnSpec) -> int:
    names = spec.names()
    best = 0
    for i, cand in enumerate(_candidates(col)):
        bonus = 1 if i > 0 else 0  # the text with its parent is more specific
        if cand in names:
            best = max(best, 6 + bonus)
        elif any(is_prefix_match(cand, n) for n in names) or any(
                len(n) >= 4 and is_prefix_match(n, cand) for n in names):
            best = max(best, 3 + bonus)
    if best and spec.col_no is not None and col.col_no == spec.col_no:
        best += 1
    return best


def fused(text: str, template: Template) -> bool:
    """A header text that is two column names or more side by side ("因公出国（境）费 公务接待费"):
    the headers of several columns printed without rules and read as one. Matching it to one
    of them would put the values of the others under it."""
    names = {n for spec in template.columns for n in spec.names()}
    return sum(1 for w in text.split() if strip_ordinal(w) in names) >= 2


def match_columns(columns: list[Column], template: Template) -> None:
    """Give each value column the template column it names (``Column.key``).

    Pairs are taken best first (an exact name beats a cut name; the column's own text with the
    header above it beats its text alone; a 栏次 that agrees breaks ties), each template column
    and each printed column at most once. On a two-sided table a printed column is matched only
    to a template column of its own side. When, on one side, exactly one printed value column and
    one template column are left unmatched, they are paired (决算数 / 金额 / 预算数 under 收入).
    """
    values = [c for c in columns if c.role == "value" and not (c.path and fused(c.path[-1], template))]
    specs = template.columns
    pairs = []
    for ci, col in enumerate(values):
        for si, spec in enumerate(specs):
            if col.side and spec.side and col.side != spec.side:
                continue
            s = _score(col, spec)
            if s:
                pairs.append((-s, ci, si))
    pairs.sort()
    used_c: set[int] = set()
    used_s: set[int] = set()
    for _s, ci, si in pairs:
        if ci in used_c or si in used_s:
            continue
        values[ci].key = specs[si].key
        used_c.add(ci)
        used_s.add(si)
    sides = {s.side for s in specs}
    for side in sides:
        left_c = [ci for ci, c in enumerate(values) if ci not in used_c and (c.side == side or side is None)]
        left_s = [si for si, s in enumerate(specs) if si not in used_s and s.side == side]
        if len(left_c) == 1 and len(left_s) == 1 and (side is None or values[left_c[0]].side == side):
            values[left_c[0]].key = specs[left_s[0]].key
            used_c.add(left_c[0])
            used_s.add(left_s[0])


def number_of(text: str) -> bool:
    """True when a part's text is a printed number."""
    return parse_number(text, 1) is not None
