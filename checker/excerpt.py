"""What a finding shows of its report in the terminal: its lines, its operands, their names.

A result names its operands by table id, row key or code, column key, line and printed text.
A reviewer reads a report by its row labels and column headers, on its page. ``excerpt_of``
takes from the parsed document, once per report and only for the failed and not-evaluated
results, what the text output needs to show them that way
(:class:`checker.findings.Excerpt`):

* the source lines as read (``Document.lines``);
* where each operand's printed value stands in its line. A line is cut into cells (TAB) or,
  in space-separated text, into words; an operand is the cell printing its text — the k-th of
  them when the line prints the same text more than once, k being its cell's rank among the
  table's cells on that line with that text (row by row, column by column). A narrative figure
  is its printing (not inside a longer number) that follows the most of its fact's name;
* each operand's row under its parents by subject code ("一般公共服务支出 › 财政事务 (20106)"),
  its column's header, and the forms a message may open with to name that row;
* the table (title, code, lines, page) or the narrative section (its headings) each result's
  first operand belongs to, so that findings are grouped where the reader will look.

Nothing here decides a result; it is carried with the results (and cached with them), so that a
report read from the cache shows the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from checker.findings import PREVIOUS, Excerpt, Name, Operand, Result, Status
from checker.model import Document, Row, Section, Source, Table

__all__ = ["NARRATIVE", "excerpt_of", "group_title", "lines_where", "row_name", "row_of", "table_at"]

NARRATIVE = "narrative"  # the table id of an operand read from the 说明 (a fact)
_TOKEN = re.compile(r"[^\t]+")
_WORD = re.compile(r"\S+")


def excerpt_of(doc: Document, results: Iterable[Result]) -> Excerpt:
    """The lines, operand marks, names and groups of the failed and not-evaluated results."""
    shown = [r for r in results if r.status in (Status.FAILED, Status.NOT_EVALUATED)]
    operands = list(dict.fromkeys(o for r in shown for o in r.operands
                                  if not o.table.startswith(PREVIOUS)))  # last year's: not here
    wanted = sorted({o.line for o in operands if o.line is not None})
    lines = {n: doc.lines[n - 1] for n in wanted if 0 < n <= len(doc.lines)}
    tsv = sum("\t" in x for x in doc.lines) * 4 >= max(len(doc.lines), 1)
    marks: dict[Operand, tuple[int, int]] = {}
    names: dict[Operand, Name] = {}
    for o in operands:
        table = table_at(doc, o)
        row = row_of(table, o) if table is not None else None
        if table is not None and row is not None:
            names[o] = row_name(table, row, o)
        if o.line in lines and o.text.strip():
            span = _mark(lines[o.line], o, table, row, tsv)
            if span is not None:
                marks[o] = span
    groups: dict[Operand, tuple[int, str]] = {}
    for r in shown:
        mine = [o for o in r.operands if not o.table.startswith(PREVIOUS)]
        lines_of = [o.line for o in mine if o.line is not None]
        at = next((o for o in mine if lines_of and o.line == min(lines_of)), None)
        if at is not None and at not in groups:
            found = group_title(doc, at)
            if found is not None:
                groups[at] = found
    return Excerpt(lines=lines, marks=marks, names=names, groups=groups)


def table_at(doc: Document, o: Operand) -> Table | None:
    """The table of that id holding the operand's line (the first of that id without a line)."""
    if o.table == NARRATIVE:
        return None
    same = [t for t in doc.tables if t.id == o.table and not t.listed_only]
    for t in same:
        if o.line is not None and t.line <= o.line <= t.end_line:
            return t
    return same[0] if same else None


def row_of(table: Table, o: Operand) -> Row | None:
    """The row an operand names: by code or label, the one on the operand's line first."""
    if o.row is None and o.code is None:
        return None
    found = [r for r in table.rows
             if (o.code and r.code == o.code) or (not o.code and o.row in (r.label, r.key))]
    return next((r for r in found if r.line == o.line), found[0] if found else None)


def row_name(table: Table, row: Row, o: Operand) -> Name:
    """The row under its parents (by subject code) with its code, the column's header, and the
    forms a message may name the row by."""
    label = row.label.strip()
    path = [label]
    if row.code:
        for size in (5, 3):
            if len(row.code) > size:
                parent = next((r for r in table.rows if r.code == row.code[:size]), None)
                if parent is not None:
                    path.insert(0, parent.label.strip())
    text = " › ".join(path) + (f" ({row.code})" if row.code else "")
    column = ""
    if o.column:
        column = next((c.label for c in table.columns if c.key == o.column), o.column)
    codes = [c for c in dict.fromkeys((row.code, row.code_printed)) if c]
    labels = [x for x in dict.fromkeys((label, (o.row or "").strip(), row.key)) if x]
    forms = [f"{c} {lab}" for c in codes for lab in labels] + labels + codes
    return Name(text, column, tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)))


def _mark(line: str, o: Operand, table: Table | None, row: Row | None,
          tsv: bool) -> tuple[int, int] | None:
    """Where the operand's printed text stands in its line, or None."""
    text = o.text.strip()
    cells = _TOKEN if tsv or "\t" in line else _WORD
    spans = [(m.start(), m.end()) for m in cells.finditer(line) if m.group(0).strip() == text]
    spans = [(a + len(line[a:b]) - len(line[a:b].lstrip()), a + len(line[a:b].rstrip()))
             for a, b in spans]
    if not spans:  # a figure inside a sentence, or a cell with its unit: the text itself
        spans = [(m.start(), m.end()) for m in
                 re.finditer(rf"(?<![\d.,]){re.escape(text)}(?![\d])", line)]
    if not spans:
        return None
    if len(spans) > 1 and table is None:  # a narrative figure: the printing after its name
        return max(spans, key=lambda sp: (_named_before(line, sp[0], o), -sp[0]))
    rank = _rank(table, row, o, text) if len(spans) > 1 else 0
    return spans[min(rank, len(spans) - 1)]


def _named_before(line: str, at: int, o: Operand) -> int:
    """How much of the fact's name (or label) the words just before position ``at`` print: the
    longest run of it in the 24 characters before."""
    before = line[max(0, at - 24):at]
    best = 0
    for name in {o.row or "", o.column or ""}:
        if name:
            m = SequenceMatcher(None, before, name, autojunk=False).find_longest_match(
                0, len(before), 0, len(name))
            best = max(best, m.size)
    return best


def _rank(table: Table | None, row: Row | None, o: Operand, text: str) -> int:
    """The rank of the operand's cell among the table's cells on its line printing ``text``."""
    if table is None or row is None or o.column is None:
        return 0
    order = {c.key: i for i, c in enumerate(table.columns)}
    same = []
    for r in table.rows:
        for key in sorted(r.cells, key=lambda k: order.get(k, len(order))):
            cell = r.cells[key]
            if cell.line == o.line and cell.text.strip() == text:
                same.append(r is row and key == o.column)
    return same.index(True) if True in same else 0


def lines_where(source: Source, first: int, last: int) -> str:
    """"lines 170–200 · page 7" (a PDF adds its pages)."""
    out = f"line {first}" if first == last else f"lines {first}–{last}"
    pages = sorted({p for p in (source.page(first), source.page(last)) if p is not None})
    if pages:
        out += f" · page {pages[0]}" if len(pages) == 1 else f" · pages {pages[0]}–{pages[-1]}"
    elif (place := source.place(first)) is not None:
        out += f" · {place}"
    return out


def group_title(doc: Document, o: Operand) -> tuple[int, str] | None:
    """The first line and title of the table or narrative section holding operand ``o``."""
    if o.line is None:
        return None
    table = table_at(doc, o)
    if table is not None:
        title = table.title.strip() + (f" ({table.code})" if table.code else "")
        return table.line, f"{title} · {lines_where(doc.meta.source, table.line, table.end_line)}"
    if o.table != NARRATIVE:
        return None
    path = _section_path(doc.sections, o.line)
    if not path:
        return None
    inner = path[-1]
    titles = [s.title.strip() for s in path[-3:]]
    return inner.line, " › ".join(titles) + f" · {lines_where(doc.meta.source, inner.line, inner.end_line)}"


def _section_path(sections: list[Section], line: int) -> list[Section]:
    """The sections holding ``line``, outermost first."""
    for s in sections:
        if s.line <= line <= s.end_line:
            return [s, *_section_path(s.children, line)]
    return []
