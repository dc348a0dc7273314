"""What the HTML page of one report shows, as plain data for its template (``html.py``).

A reviewer works from the page: the findings with their arithmetic, and every table of the
report drawn as a table with the cells of each failing identity marked. This module decides
what is marked and where each finding points; the template only lays it out.

* Every failed result is a :class:`FindingView` with its own anchor (``f-N``) and colour. Its
  operands are looked up in the document (:func:`checker.excerpt.table_at` and
  :func:`checker.excerpt.row_of`, as the text output does): an operand in a table is that
  table's cell (anchor ``c-N``), marked in the finding's colour; an operand in the 说明 — or one
  whose cell cannot be found — is its source line (anchor ``l-N``), shown under "说明 and other
  lines" with the printed figure marked where :class:`checker.findings.Excerpt` found it.
* A finding links to its first cell or line, and for a PDF to its page (``file.pdf#page=N``,
  relative to where the page is written); a cell links back to its findings and carries their
  messages and arithmetic as its tooltip.
* The baselined failures are listed apart with the baseline's reason; their cells are not
  marked. The not-evaluated instances are counted by cause, the tables read only in part and the
  listed tables without a body are named: what the page could not check is said, not hidden.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from checker.check import SEVERITY_RANK, CheckedFile
from checker.excerpt import NARRATIVE, group_title, lines_where, row_of, table_at
from checker.findings import PREVIOUS, Excerpt, Operand, Result, Side, Status
from checker.model import KIND_NAMES, Document, Row, Table
from checker.render.base import Cause, RenderContext, RuleInfo, causes_of
from checker.render.text import arithmetic, describe, format_number

__all__ = ["LABEL", "FindingView", "LineView", "ReportView", "TableView", "cell_text", "depth",
           "relative_link", "report_view"]

LABEL = -1  # the column index of a row's label cell
_EMPTY = Excerpt()


@dataclass
class SideView:
    """One side of a comparison: its expression, point value and rounding interval."""

    expr: str
    value: str
    low: str
    high: str


@dataclass
class OperandView:
    """One printed value a finding used, as the reader finds it."""

    name: str
    column: str
    text: str
    line: int | None
    href: str
    previous: bool = False  # read from last year's report (its line is a line of that one)


@dataclass(eq=False)
class FindingView:
    """One failed result as the page shows it."""

    n: int
    prefix: str
    rule: str
    title: str
    severity: str
    message: str
    where: str
    href: str
    pdf_href: str | None
    colour: str
    operator: str | None = None
    left: SideView | None = None
    right: SideView | None = None
    difference: str | None = None
    tolerance: str | None = None
    source: str = ""
    rule_text: str = ""
    baseline_reason: str | None = None
    fingerprint: str = ""
    operands: list[OperandView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The finding's id in the page."""
        return f"{self.prefix}f-{self.n}"

    @property
    def tip(self) -> str:
        """What a marked cell shows on hover: rule, message and the arithmetic."""
        out = f"{self.rule} {self.severity}: {self.message}"
        if self.left is not None and self.right is not None:
            out += (f"\nleft {self.left.value} [{self.left.low}, {self.left.high}] "
                    f"{self.operator or ''} right {self.right.value} [{self.right.low}, {self.right.high}]")
            if self.difference is not None:
                out += f"\ndiff {self.difference}, tolerance {self.tolerance or '0'}"
        return out


@dataclass
class TableView:
    """One table of the report, drawn."""

    anchor: str
    id: str
    title: str
    code: str
    unit: str
    where: str
    reading: str
    reading_notes: list[str]
    columns: list[str]
    # the table as parsed (its rows are drawn from it: html.table_rows), and its marked cells:
    # (row index, column index; LABEL for the row's label) → the findings; their ids start with
    # ``cell_prefix`` (then "row-column")
    table: Table
    cells: dict[tuple[int, int], list[FindingView]]
    cell_prefix: str
    empty: bool
    marked: int = 0
    findings: list[FindingView] = field(default_factory=list)  # about the table as a whole

    @property
    def open(self) -> bool:
        """Shown unfolded: it holds a marked cell, a finding is about it, or it was not read in
        full."""
        return bool(self.marked or self.findings) or self.reading != "read"


@dataclass
class LineView:
    """One source line a finding points at outside the tables: parts of text, each marked with
    the findings that quote it (none: plain text)."""

    n: int
    anchor: str
    group: str
    page: int | None
    parts: list[tuple[str, list[FindingView]]]
    # the findings quoting the line whose figure was not found in it (linked after the text)
    unmarked: list[FindingView] = field(default_factory=list)


@dataclass
class ReportView:
    """Everything the page of one report shows."""

    anchor: str
    path: str
    department: str
    year: str
    kind: str
    region: str
    region_detected_by: str
    sha256: str
    source_format: str
    error: str | None
    template: str | None
    counts: dict[str, int]
    by_severity: dict[str, int]
    findings: list[FindingView]
    baselined: list[FindingView]
    tables: list[TableView]
    lines: list[LineView]
    causes: list[Cause]
    not_read: list[tuple[str, str, list[str]]]
    listed_absent: list[tuple[int, str]]
    warnings: list[str]


def _colour(n: int) -> str:
    """A light colour of its own for finding ``n`` (golden-angle hues: neighbours differ)."""
    return f"hsl({(n * 137.508) % 360:.0f} 85% 80%)"


def _side(side: Side | None) -> SideView | None:
    if side is None:
        return None
    return SideView(side.expr, format_number(side.value), format_number(side.low),
                    format_number(side.high))


def cell_text(row: Row, key: str) -> str:
    """What a cell prints ("" for none)."""
    cell = row.cells.get(key)
    return cell.printed if cell is not None else ""


def relative_link(path: str, output_dir: str | None) -> str:
    """``path`` as a link from the folder the page is written to (forward slashes)."""
    base = os.path.abspath(output_dir or os.curdir)
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


class _Marks:
    """Which cell and which line each operand of a failed finding is."""

    def __init__(self, doc: Document | None, prefix: str) -> None:
        self.doc = doc
        self.prefix = prefix
        self.table_index = {id(t): i for i, t in enumerate(doc.tables)} if doc else {}
        # (table, row, column) indexes → the findings the cell is an operand of
        self.cells: dict[tuple[int, int, int], list[FindingView]] = defaultdict(list)
        self.lines: dict[int, list[tuple[Operand, FindingView]]] = defaultdict(list)
        self.tables: dict[int, list[FindingView]] = defaultdict(list)

    def cell_of(self, o: Operand) -> tuple[int, int, int] | None:
        """The (table, row, column) indexes of an operand that is a cell of a drawn table; the
        column is ``LABEL`` for an operand naming a row but no column (the row's label cell)."""
        if self.doc is None or o.table == NARRATIVE:
            return None
        table = table_at(self.doc, o)
        if table is None:
            return None
        row = row_of(table, o)
        if row is None:
            return None
        keys = [c.key for c in table.columns]
        if o.column is None:
            return self.table_index[id(table)], table.rows.index(row), LABEL
        if o.column not in keys:
            return None
        return self.table_index[id(table)], table.rows.index(row), keys.index(o.column)

    def table_of(self, o: Operand) -> int | None:
        """The index of the drawn table an operand names as a whole (no row, no column), the
        operand's line in it; None for any other."""
        if self.doc is None or o.table == NARRATIVE or o.row or o.code or o.column:
            return None
        table = table_at(self.doc, o)
        if table is None or o.line is None or not table.line <= o.line <= table.end_line:
            return None
        return self.table_index[id(table)]

    def add(self, o: Operand, finding: FindingView) -> str:
        """Mark the operand for the finding; its anchor in the page ("" if nowhere: an operand of
        last year's report is not on this page)."""
        if o.table.startswith(PREVIOUS):
            return ""
        key = self.cell_of(o)
        if key is not None:
            if finding not in self.cells[key]:
                self.cells[key].append(finding)
            return cell_anchor(self.prefix, *key)
        ti = self.table_of(o)
        if ti is not None:
            if finding not in self.tables[ti]:
                self.tables[ti].append(finding)
            return f"{self.prefix}t-{ti}"
        if o.line is not None:
            self.lines[o.line].append((o, finding))
            return f"{self.prefix}l-{o.line}"
        return ""


def cell_anchor(prefix: str, table: int, row: int, column: int) -> str:
    """The id of a drawn cell (``L`` for a row's label cell)."""
    return f"{prefix}c-{table}-{row}-{'L' if column == LABEL else column}"


def _finding(n: int, f: CheckedFile, r: Result, rules: dict[str, RuleInfo],
             marks: _Marks, ctx: RenderContext) -> FindingView:
    ex = f.result.excerpt or _EMPTY
    place = f.result.place(r)
    line = r.lines[0] if r.lines else None
    where = f"line {line}" if line is not None else "the report as a whole"
    if place:
        where += f" · {place}"
    page = None
    if f.result.document is not None and line is not None:
        page = f.result.document.meta.source.page(line)
    pdf_href = None
    if page is not None and f.path.lower().endswith(".pdf"):
        pdf_href = f"{ctx.pdf_link or relative_link(f.path, ctx.output_dir)}#page={page}"
    info = rules.get(r.rule)
    view = FindingView(
        n=n, prefix=marks.prefix, rule=r.rule, title=r.title, severity=r.severity, message=describe(r, ex),
        where=where, href="", pdf_href=pdf_href, colour=_colour(n),
        source=r.source or (info.source if info else ""), rule_text=info.text if info else "",
        baseline_reason=f.baselined.get(r.fingerprint) if f.is_baselined(r) else None,
        fingerprint=f.result.fingerprint(r))
    if arithmetic(r):
        view.operator = r.operator
        view.left, view.right = _side(r.left), _side(r.right)
        view.difference = format_number(r.difference)
        view.tolerance = format_number(r.tolerance) if r.tolerance is not None else None
    for o in r.operands:
        anchor = marks.add(o, view) if view.baseline_reason is None else ""
        name = ex.names.get(o)
        view.operands.append(OperandView(
            name=name.row if name else (o.code or o.row or o.table),
            column=name.column if name and name.column else (o.column or ""),
            text=o.text, line=o.line, href=f"#{anchor}" if anchor else "",
            previous=o.table.startswith(PREVIOUS)))
        if not view.href and anchor:
            view.href = f"#{anchor}"
    return view


def depth(code: str | None) -> int:
    """Indent of a subject row: 类 0, 款 1, 项 2 (by the length of its code)."""
    if not code or not code.isdigit():
        return 0
    return {3: 0, 5: 1, 7: 2}.get(len(code), 0)


def _tables(doc: Document, marks: _Marks) -> list[TableView]:
    src = doc.meta.source
    by_table: dict[int, dict[tuple[int, int], list[FindingView]]] = defaultdict(dict)
    for (ti, ri, ci), found in marks.cells.items():
        by_table[ti][ri, ci] = found
    out: list[TableView] = []
    for ti, t in enumerate(doc.tables):
        if t.listed_only:
            continue
        cells = by_table.get(ti, {})
        out.append(TableView(
            anchor=f"{marks.prefix}t-{ti}", id=t.id, title=t.title.strip(), code=t.code or "",
            unit=t.unit or "", where=lines_where(src, t.line, t.end_line),
            reading=t.reading.replace("_", " "), reading_notes=list(t.reading_notes),
            columns=[_column(c.label, c.col_no) for c in t.columns], table=t, cells=cells,
            cell_prefix=f"{marks.prefix}c-{ti}-", empty=t.empty, marked=len(cells),
            findings=marks.tables.get(ti, [])))
    return out


def _column(label: str, col_no: str | None) -> str:
    return f"{label} ({col_no})" if col_no else label


def _lines(f: CheckedFile, marks: _Marks) -> list[LineView]:
    ex = f.result.excerpt or _EMPTY
    doc = f.result.document
    out = []
    for n in sorted(marks.lines):
        text = ex.lines.get(n)
        if text is None and doc is not None and 0 < n <= len(doc.lines):
            text = doc.lines[n - 1]
        if text is None:
            continue
        spans: list[tuple[int, int, FindingView]] = []
        for o, finding in marks.lines[n]:
            span = ex.marks.get(o)
            if span is not None:
                spans.append((span[0], span[1], finding))
        parts: list[tuple[str, list[FindingView]]] = []
        at = 0
        for start, end in sorted({(a, b) for a, b, _ in spans}):
            who = [fv for a, b, fv in spans if (a, b) == (start, end)]
            if start < at:  # overlapping the mark before: one mark over both, for all of them
                begin = at - len(parts[-1][0])
                at = max(at, end)
                parts[-1] = (text[begin:at], parts[-1][1] + [fv for fv in who if fv not in parts[-1][1]])
                continue
            parts.append((text[at:start], []))
            parts.append((text[start:end], list(dict.fromkeys(who))))
            at = end
        parts.append((text[at:], []))
        group = ""
        if doc is not None:
            found = group_title(doc, marks.lines[n][0][0])
            group = found[1] if found else ""
        page = doc.meta.source.page(n) if doc is not None else None
        shown = {fv for _a, _b, fv in spans}
        unmarked = list(dict.fromkeys(fv for _o, fv in marks.lines[n] if fv not in shown))
        out.append(LineView(n, f"{marks.prefix}l-{n}", group, page, [p for p in parts if p[0]],
                            unmarked))
    return out


def report_view(f: CheckedFile, ctx: RenderContext, index: int = 0) -> ReportView:
    """The page of one checked report (``index``: its place among the reports of one page)."""
    if f.result.document is None and ctx.document_for is not None:
        f = CheckedFile(replace(f.result, document=ctx.document_for(f.result)), f.baselined)
    fr = f.result
    doc = fr.document
    rules = {r.id: r for r in ctx.rules}
    marks = _Marks(doc, f"r{index}-")
    failed = [r for r in fr.results if r.status is Status.FAILED]
    failed.sort(key=lambda r: (-SEVERITY_RANK.get(r.severity, 2), r.lines[0] if r.lines else 0, r.rule))
    views = [_finding(n, f, r, rules, marks, ctx) for n, r in enumerate(failed, 1)]
    counts = f.counts()
    meta = doc.meta if doc is not None else None
    source = meta.source if meta is not None else None
    present = {t.id for t in doc.tables if not t.listed_only} if doc is not None else set()
    return ReportView(
        anchor=f"r{index}", path=f.path, department=fr.department or "?",
        year=str(fr.year or "?"), kind=KIND_NAMES.get(fr.kind or "", "?"), region=fr.region or "",
        region_detected_by=(meta.region_detected_by or "") if meta else "",
        sha256=source.sha256 if source is not None else "",
        source_format=source.format if source is not None else "",
        error=fr.error, template=fr.template,
        counts={"passed": counts.passed, "failed": counts.failed, "baselined": counts.baselined,
                "not evaluated": counts.not_evaluated, "not applicable": counts.not_applicable},
        by_severity=dict(sorted(Counter(v.severity for v in views if v.baseline_reason is None).items(),
                                key=lambda kv: -SEVERITY_RANK.get(kv[0], 2))),
        findings=[v for v in views if v.baseline_reason is None],
        baselined=[v for v in views if v.baseline_reason is not None],
        tables=_tables(doc, marks) if doc is not None else [],
        lines=_lines(f, marks),
        causes=causes_of(f.result.results),
        not_read=[(t.title.strip(), t.reading.replace("_", " "), list(t.reading_notes))
                  for t in (doc.tables if doc is not None else []) if t.reading != "read"],
        listed_absent=[(lt.line, lt.title) for lt in (doc.listed_tables if doc is not None else [])
                       if lt.table_id not in present],
        warnings=list(fr.warnings))
