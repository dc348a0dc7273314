"""Text output: findings a reviewer can follow from the terminal, then one summary line a file.

::

    ── 支出决算表 (公开03表) · lines 166–201
    report.txt:175: error T07 支出决算表 合计: 本年支出合计 1,212.15 ≠ 各支出之和 1112.16
        [left 1212.15 vs right 1112.16, diff 99.99, tolerance 0.03]               (on one line)
    report.txt: 3 not evaluated, by cause (--show-not-evaluated lists each):
        3 × table 政府性基金预算财政拨款收入支出决算表 (final.T07) is empty — T08, T15, X07
    report.txt: 40 passed, 1 failed, 3 not evaluated, 3 not applicable

For each report, in this order:

* a template to fill (``FileResult.template``) is one line saying so, its failures not listed;
* the failures (and, with ``--show-passed``, the passed instances), grouped under the table or
  narrative section their first operand is in (its title, code, lines and page), sorted by line
  within it; findings about the report as a whole come first. A finding names its row as a
  reader does — the row under its parents with its code, and the column's header — where the
  rule's message opens with a code, or names no row (:func:`describe`). The
  ``[left … vs right …, diff …, tolerance …]`` tail is shown for arithmetic only: a failure
  whose two sides do not differ (a section or a table missing, a unit, a wording) has none.
  Failures of one rule on one row (a wrong value failing the same identity in several columns)
  are one finding listing its instances;
* ``--show-source``: under each finding, its source lines as read (with the page of a PDF) with
  the operands' printed values marked (``^^^``);
* the instances not evaluated, counted by cause (``--show-not-evaluated``: each on its line);
* ``--severity`` leaves out what is below it (the exit code still follows ``--fail-on``);
  ``--statistics`` prints, instead of the findings, the failures per rule (as ``ruff
  --statistics`` does); ``-q`` prints only the summary lines, one a file.

Lines are built as styled segments so the same output is printed plainly (pipes, files) or in
colour with ``rich`` (a terminal).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from checker.check import SEVERITY_RANK, CheckedFile
from checker.findings import Excerpt, Operand, Result, Status
from checker.render.base import RenderContext, Renderer, causes_of, location_line, table_of

__all__ = ["Segment", "TextRenderer", "describe", "format_number"]

Segment = tuple[str, str | None]

LEVEL_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan",
               "not evaluated": "magenta", "passed": "green", "baselined": "dim"}
NARRATIVE = "narrative"
NARRATIVE_NAME = "说明"  # what the text output calls the table id of a narrative operand
MAX_SOURCE_LINES = 8  # source lines shown under one finding; the others are counted
WINDOW = 120  # display columns of a source line shown whole; a longer one is cut around its marks
_EMPTY = Excerpt()


def format_number(value: Decimal | None) -> str:
    """A decimal as plain text, with a real minus sign (``−1.00``)."""
    if value is None:
        return "?"
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        value = value.quantize(Decimal("0.000001")).normalize()  # a computed quotient
    text = format(value, "f")
    return "−" + text[1:] if text.startswith("-") else text


def _width(text: str) -> int:
    """Display columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _level(f: CheckedFile, r: Result) -> str:
    if f.is_baselined(r):
        return "baselined"
    if r.status is Status.FAILED:
        return r.severity
    if r.status is Status.NOT_EVALUATED:
        return "not evaluated"
    return str(r.status)


def _detail(r: Result) -> str:
    """``[left … vs right …, diff …, tolerance …]`` of a comparison ("" without one)."""
    if r.left is None or r.right is None:
        return ""
    parts = [f"left {format_number(r.left.value)} vs right {format_number(r.right.value)}"]
    if r.difference is not None:
        parts.append(f"diff {format_number(r.difference)}")
    if r.tolerance is not None:
        parts.append(f"tolerance {format_number(r.tolerance)}")
    return "[" + ", ".join(parts) + "]"


def arithmetic(r: Result) -> bool:
    """Whether a failure is one of arithmetic: its two sides differ. A failure whose sides are
    equal failed on something else — a count that must be above 0 (a section or table missing),
    a unit, a strict inequality — and its ``[left … right …]`` would say nothing."""
    return (r.left is not None and r.right is not None and r.difference is not None
            and r.difference != 0)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _opens_with(text: str, form: str) -> bool:
    """``text`` starts with ``form`` as a whole word (not 201 in 2010601)."""
    if not form or not text.startswith(form):
        return False
    rest = text[len(form):]
    return not rest or not (rest[0].isdigit() or (form[-1].isdigit() and rest[0].isalnum()))


def _located(r: Result) -> Operand | None:
    """The operand a result is located by: the first on its line (``location_line``)."""
    line = location_line(r)
    return next((o for o in r.operands if o.line == line), r.operands[0] if r.operands else None)


def _named(ex: Excerpt, r: Result) -> Operand | None:
    return next((o for o in r.operands if o in ex.names), None)


def describe(r: Result, ex: Excerpt) -> str:
    """The text of a finding, naming its row and column as a reader finds them.

    A message that opens with the row's code or label ("201 06: …", "2010601 行政运行: …")
    has that opening replaced by the row under its parents with its code, and the column's
    header when the rest does not name it ("一般公共服务支出 › 财政事务 (20106) 本年支出合计: …");
    a message that names no row gets them in front when it opens with a bare figure or the row
    has a subject code. Any other message is the rule's own.
    """
    text = (r.message or r.reason or r.title).strip()
    o = _named(ex, r) if r.status is not Status.NOT_EVALUATED else None
    if o is None:
        return text
    name = ex.names[o]
    for form in name.forms:
        if _opens_with(text, form):
            rest = text[len(form):]
            return _subject(name.row, name.column, rest) + rest
    flat = _flat(text)
    if any(_flat(form) in flat for form in name.forms):
        return text
    if o.code or text[:1].isdigit() or text[:1] in "-−":
        return f"{_subject(name.row, name.column, text)}: {text}"
    return text


def _subject(row: str, column: str, rest: str) -> str:
    """The row, with the column's header unless ``rest`` names it."""
    return f"{row} {column}" if column and column not in rest else row


def _instance_text(r: Result, ex: Excerpt) -> str:
    """One instance of a merged finding: its message without the row it shares with the others,
    with its column."""
    text = (r.message or r.title).strip()
    o = _named(ex, r)
    if o is None:
        return text
    name = ex.names[o]
    for form in name.forms:
        if _opens_with(text, form):
            text = text[len(form):].lstrip(" :：")
            break
    if name.column and name.column not in text:
        text = f"{name.column}: {text}"
    return text


@dataclass
class Finding:
    """What one finding line shows: a result, or the failures of one rule on one row."""

    results: list[Result]
    level: str

    @property
    def first(self) -> Result:
        """The result the finding is located by."""
        return self.results[0]


@dataclass
class _Group:
    line: int
    title: str | None
    findings: list[Finding] = field(default_factory=list)


def _merge_key(r: Result, level: str) -> tuple[str, ...] | None:
    """Failures sharing a rule, a level and the row of their first operand are one finding."""
    if r.status is not Status.FAILED or not r.operands:
        return None
    o = r.operands[0]
    if o.table == NARRATIVE or not (o.row or o.code):
        return None
    return (r.rule, level, o.table, o.code or o.row or "", str(o.line))


def _findings(f: CheckedFile, results: list[Result]) -> list[Finding]:
    out: list[Finding] = []
    merged: dict[tuple[str, ...], Finding] = {}
    for r in results:
        level = _level(f, r)
        key = _merge_key(r, level)
        if key is not None and key in merged:
            merged[key].results.append(r)
            continue
        finding = Finding([r], level)
        if key is not None:
            merged[key] = finding
        out.append(finding)
    return out


class TextRenderer(Renderer):
    """Human output; ``render`` is plain text, ``print_rich`` the same in colour."""

    name = "text"

    # ---- one finding

    @staticmethod
    def _where(f: CheckedFile, r: Result, level: str, ctx: RenderContext,
               text: str = "") -> list[Segment]:
        """``path:LINE: (place) level RULE table``; the table's name is left out when ``text``,
        the finding's text that follows, opens with it (C05: "公开07表为空表 …")."""
        line = location_line(r)
        where = f"{f.path}:{line}:" if line is not None else f"{f.path}:"
        place = f.result.place(r)
        if place is not None:
            where += f" ({place})"
        segs: list[Segment] = [(where, "bold"), (" ", None), (level, LEVEL_STYLE.get(level)),
                               (" ", None), (r.rule, "bold")]
        table = table_of(r)
        if table:
            name = NARRATIVE_NAME if table == NARRATIVE else ctx.table_name(table)
            if not text.startswith(name):
                segs.append((f" {name}", None))
        return segs

    def result_line(self, f: CheckedFile, r: Result, ctx: RenderContext) -> list[Segment]:
        """One finding: ``path:LINE: level RULE table message [left … right … diff … tolerance …]``;
        a PDF or workbook adds the page or sheet cells after the line: ``path:LINE: (page 3)``."""
        level = _level(f, r)
        text = describe(r, f.result.excerpt or _EMPTY)
        segs = self._where(f, r, level, ctx, text)
        segs.append((f" {text}", None))
        if r.status is Status.FAILED and arithmetic(r):
            segs.append((f" {_detail(r)}", "dim"))
        if level == "baselined":
            segs.append((f" (baselined: {f.baselined[r.fingerprint]})", "dim"))
        return segs

    def finding_lines(self, f: CheckedFile, finding: Finding, ctx: RenderContext) -> list[list[Segment]]:
        """A finding's line (a merged one: its row, then one line per instance) and, with
        ``--show-source``, its source lines."""
        if len(finding.results) == 1:
            out = [self.result_line(f, finding.first, ctx)]
        else:
            ex = f.result.excerpt or _EMPTY
            r = finding.first
            o = _named(ex, r)
            row = ex.names[o].row if o is not None else (r.operands[0].code or r.operands[0].row or "")
            head = self._where(f, r, finding.level, ctx)
            head.append((f" {row}: {len(finding.results)} failures of {r.title}", None))
            out = [head]
            for each in finding.results:
                line: list[Segment] = [("    · ", "dim"), (_instance_text(each, ex), None)]
                if arithmetic(each):
                    line.append((f" {_detail(each)}", "dim"))
                if finding.level == "baselined":
                    line.append((f" (baselined: {f.baselined[each.fingerprint]})", "dim"))
                out.append(line)
        if ctx.show_source:
            out.extend(self.source_lines(f, finding.results))
        return out

    def source_lines(self, f: CheckedFile, results: list[Result]) -> list[list[Segment]]:
        """The lines the results point at as read, their operands marked, PDF pages named."""
        ex = f.result.excerpt or _EMPTY
        operands = list(dict.fromkeys(o for r in results for o in r.operands))
        numbers = sorted({n for r in results for n in r.lines})  # this report's lines only
        if not numbers:
            return []
        if not ex.lines:
            return [[("        (the source lines are not kept in a parsed .json document)", "dim")]]
        gutters = {n: self._gutter(f, n) for n in numbers[:MAX_SOURCE_LINES]}
        pad = max(_width(g) for g in gutters.values())
        out: list[list[Segment]] = []
        for n, gutter in gutters.items():
            text = ex.lines.get(n)
            if text is None:
                continue
            spans = sorted({ex.marks[o] for o in operands if o.line == n and o in ex.marks})
            shown, cuts = _window(text, spans)
            segs: list[Segment] = [(" " * (pad - _width(gutter)) + gutter + " │ ", "dim")]
            carets: list[Segment] = [(" " * pad + " │ ", "dim")]
            at = 0
            col = 0
            for a, b in cuts:
                plain = _cells(shown[at:a])
                segs.append((plain, None))
                col += _width(plain)
                mark = _cells(shown[a:b])
                segs.append((mark, "bold yellow"))
                carets.append((" " * (col - sum(_width(t) for t, _ in carets[1:])), None))
                carets.append(("^" * max(_width(mark), 1), "yellow"))
                col += _width(mark)
                at = b
            segs.append((_cells(shown[at:]).rstrip(), None))
            out.append(segs)
            blanks = [self._blank_name(ex, o) for o in operands
                      if o.line == n and not o.text.strip()]
            if cuts:
                if blanks:
                    carets.append((f"  blank: {', '.join(dict.fromkeys(blanks))}", "dim"))
                out.append(carets)
            elif blanks:
                out.append([(" " * pad + " │ ", "dim"),
                            (f"blank: {', '.join(dict.fromkeys(blanks))}", "dim")])
        if len(numbers) > MAX_SOURCE_LINES:
            rest = numbers[MAX_SOURCE_LINES:]
            listed = ", ".join(map(str, rest[:10])) + (", …" if len(rest) > 10 else "")
            out.append([(" " * pad + " │ ", "dim"), (f"… {len(rest)} more lines ({listed})", "dim")])
        return out

    @staticmethod
    def _blank_name(ex: Excerpt, o: Operand) -> str:
        name = ex.names.get(o)
        return (name.column or o.column or "?") if name is not None else (o.column or o.row or "?")

    @staticmethod
    def _gutter(f: CheckedFile, line: int) -> str:
        place = f.result.places.get(line)
        return f"{line} ({place})" if place else str(line)

    # ---- one report

    def shown(self, r: Result, ctx: RenderContext) -> bool:
        """Whether a result gets its own line (``--severity`` applied)."""
        if ctx.severity and SEVERITY_RANK.get(r.severity, 2) < SEVERITY_RANK[ctx.severity]:
            return False
        if r.status is Status.FAILED:
            return True
        if r.status is Status.NOT_EVALUATED:
            return ctx.show_not_evaluated
        return ctx.show_passed and r.status is Status.PASSED

    def file_lines(self, f: CheckedFile, ctx: RenderContext) -> list[list[Segment]]:
        """What one report shows above its summary line."""
        results = f.result.results
        if f.result.template:
            failed = sum(1 for r in results if r.status is Status.FAILED)
            return [[(f"{f.path}:", "bold"), (f" {f.result.template}", "magenta"),
                     (f" — its {failed} failures are not listed", None)]]
        ex = f.result.excerpt or _EMPTY
        shown = sorted((r for r in results if self.shown(r, ctx)
                        and r.status is not Status.NOT_EVALUATED),
                       key=lambda r: (location_line(r) or 0))
        groups: dict[tuple[int, str] | None, _Group] = {}
        for finding in _findings(f, shown):
            o = _located(finding.first)
            key = ex.groups.get(o) if o is not None else None
            if key is None and o is not None and o.line is not None:
                key = (o.line, "")
            group = groups.setdefault(key, _Group(key[0] if key else 0, key[1] if key else None))
            group.findings.append(finding)
        out: list[list[Segment]] = []
        for key, group in sorted(groups.items(), key=lambda kv: (kv[0] is not None, kv[1].line)):
            if key is None:
                out.append([("── ", "dim"), (f"{f.path}: the report as a whole", "bold blue")])
            elif group.title:
                out.append([("── ", "dim"), (group.title, "bold blue")])
            for finding in group.findings:
                out.extend(self.finding_lines(f, finding, ctx))
        hidden = [r for r in results if r.status is Status.FAILED and not self.shown(r, ctx)]
        if hidden:
            out.append([(f"{f.path}:", "bold"), (f" {len(hidden)} failure{'s' if len(hidden) != 1 else ''}"
                        f" below {ctx.severity} not shown (--severity)", "dim")])
        if ctx.show_not_evaluated:  # after the failures, each on its line, by line
            pending = sorted((r for r in results if r.status is Status.NOT_EVALUATED
                              and self.shown(r, ctx)), key=lambda r: (location_line(r) or 0))
            for r in pending:
                out.append(self.result_line(f, r, ctx))
                if ctx.show_source:
                    out.extend(self.source_lines(f, [r]))
        else:
            out.extend(self.not_evaluated_causes(f, ctx))
        return out

    def not_evaluated_causes(self, f: CheckedFile, ctx: RenderContext) -> list[list[Segment]]:
        """The instances not evaluated, counted by cause (line numbers aside), each cause with
        its rules and, where the cause names none, the lines."""
        pending = [r for r in f.result.results if r.status is Status.NOT_EVALUATED
                   and not (ctx.severity and SEVERITY_RANK.get(r.severity, 2) < SEVERITY_RANK[ctx.severity])]
        if not pending:
            return []
        causes = causes_of(pending)
        n = len(pending)
        out: list[list[Segment]] = [[(f"{f.path}:", "bold"), (" ", None),
                                     (f"{n} not evaluated", LEVEL_STYLE["not evaluated"]),
                                     (", by cause (--show-not-evaluated lists each):", None)]]
        width = len(str(max(len(c.results) for c in causes)))
        for c in causes:
            lines = sorted({line for r in c.results if (line := location_line(r)) is not None})
            at = ""
            if lines and len({r.reason for r in c.results}) > 1:
                at = " (line" + ("s " if len(lines) > 1 else " ") + ", ".join(map(str, lines[:8])) + \
                     (", …" if len(lines) > 8 else "") + ")"
            out.append([(f"    {len(c.results):>{width}} × ", "dim"), (c.text, None),
                        (f" — {c.rules}{at}", "dim")])
        return out

    # ---- the whole output

    def statistics(self, files: list[CheckedFile], ctx: RenderContext) -> list[list[Segment]]:
        """Failures per rule over every report (templates aside), most first, as ``ruff
        --statistics`` prints them: count, rule, severity, title."""
        counts: Counter[str] = Counter()
        info: dict[str, Result] = {}
        for f in files:
            if f.error or f.result.template:
                continue
            for r in f.result.results:
                if r.status is Status.FAILED and self.shown(r, ctx):
                    counts[r.rule] += 1
                    info.setdefault(r.rule, r)
        if not counts:
            return []
        width = len(str(max(counts.values())))
        ids = max(len(rule) for rule in counts)
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [[(f"{n:>{width}}\t", None), (f"{rule:<{ids}}", "bold"), ("\t", None),
                 (f"{info[rule].severity:<7}", LEVEL_STYLE.get(info[rule].severity)),
                 (f"\t{info[rule].title}", None)] for rule, n in rows]

    def lines(self, files: list[CheckedFile], ctx: RenderContext) -> list[list[Segment]]:
        """Every output line as styled segments."""
        out: list[list[Segment]] = []
        if ctx.statistics and not ctx.quiet:
            out.extend(self.statistics(files, ctx))
        elif not ctx.quiet:
            for f in files:
                if not f.error:
                    out.extend(self.file_lines(f, ctx))
        for f in files:
            if f.error:
                out.append([(f"{f.path}:", "bold"), (" could not be checked", "bold red")])
            else:
                line: list[Segment] = [(f"{f.path}:", "bold"), (" " + f.counts().text(), None)]
                if f.result.template:
                    line.append((" (a template, not a report)", "magenta"))
                out.append(line)
        if len(files) > 1:
            bad = sum(1 for f in files if f.error)
            note = f" ({bad} could not be checked)" if bad else ""
            out.append([(f"{len(files)} files{note}:", "bold"), (" " + self.total(files).text(), None)])
        return out

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """Plain text, no colour."""
        return "\n".join("".join(text for text, _ in line) for line in self.lines(files, ctx))

    def print_rich(self, files: list[CheckedFile], ctx: RenderContext, console: object) -> None:
        """Print in colour on a ``rich.console.Console``."""
        from rich.text import Text

        for line in self.lines(files, ctx):
            console.print(Text.assemble(*[(t, s or "") for t, s in line]),  # type: ignore[attr-defined]
                          soft_wrap=True, highlight=False)


def _cells(text: str) -> str:
    """A source line as shown: its TAB-separated cells with `` | `` between them."""
    return text.replace("\t", " | ")


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The part of a long line around its marks (``…`` where it is cut), with the marks'
    positions in it; a line of up to :data:`WINDOW` columns is shown whole."""
    spans = [s for i, s in enumerate(spans) if not i or s[0] >= spans[i - 1][1]]  # no overlaps
    if _width(_cells(text)) <= WINDOW:
        return text, spans
    if not spans:
        return text[:WINDOW // 2] + "…", []
    start = max(0, spans[0][0] - 24)
    end = min(len(text), max(spans[-1][1] + 24, start + WINDOW // 2))
    head = "…" if start else ""
    shown = head + text[start:end] + ("…" if end < len(text) else "")
    shift = len(head) - start
    return shown, [(a + shift, b + shift) for a, b in spans]
