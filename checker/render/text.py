"""Text output: one line per finding, grouped by file and sorted by line, then summaries.

::

    report.txt:175: error T07 支出决算表 合计: 1,212.15 ≠ 1,112.15
        [left 1212.15 vs right 1112.15, diff 100.00, tolerance 0.03]   (on one line)
    report.txt: 40 passed, 1 failed, 2 not evaluated, 3 not applicable

Lines are built as styled segments so the same output is printed plainly (pipes, files) or in
colour with ``rich`` (a terminal).
"""

from __future__ import annotations

from decimal import Decimal

from checker.check import CheckedFile
from checker.findings import Result, Status
from checker.render.base import RenderContext, Renderer, location_line, table_of

__all__ = ["Segment", "TextRenderer", "format_number"]

Segment = tuple[str, str | None]

LEVEL_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan",
               "not evaluated": "magenta", "passed": "green", "baselined": "dim"}


def format_number(value: Decimal | None) -> str:
    """A decimal as plain text, with a real minus sign (``−1.00``)."""
    if value is None:
        return "?"
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        value = value.quantize(Decimal("0.000001")).normalize()  # a computed quotient
    text = format(value, "f")
    return "−" + text[1:] if text.startswith("-") else text


def _level(f: CheckedFile, r: Result) -> str:
    if f.is_baselined(r):
        return "baselined"
    if r.status is Status.FAILED:
        return r.severity
    if r.status is Status.NOT_EVALUATED:
        return "not evaluated"
    return str(r.status)


def _detail(r: Result) -> str:
    if r.left is None or r.right is None:
        return ""
    parts = [f"left {format_number(r.left.value)} vs right {format_number(r.right.value)}"]
    if r.difference is not None:
        parts.append(f"diff {format_number(r.difference)}")
    if r.tolerance is not None:
        parts.append(f"tolerance {format_number(r.tolerance)}")
    return "[" + ", ".join(parts) + "]"


class TextRenderer(Renderer):
    """Human output; ``render`` is plain text, ``print_rich`` the same in colour."""

    name = "text"

    def result_line(self, f: CheckedFile, r: Result, ctx: RenderContext) -> list[Segment]:
        """One finding: ``path:LINE: level RULE table message [left … right … diff … tolerance …]``;
        a PDF or workbook adds the page or sheet cells after the line: ``path:LINE: (page 3)``."""
        line = location_line(r)
        level = _level(f, r)
        where = f"{f.path}:{line}:" if line is not None else f"{f.path}:"
        place = f.result.place(r)
        if place is not None:
            where += f" ({place})"
        segs: list[Segment] = [(where, "bold"), (" ", None), (level, LEVEL_STYLE.get(level)),
                               (" ", None), (r.rule, "bold")]
        table = table_of(r)
        if table:
            segs.append((f" {ctx.table_name(table)}", None))
        text = r.message or r.reason or r.title
        segs.append((f" {text}", None))
        detail = _detail(r)
        if detail and r.status is not Status.PASSED:
            segs.append((f" {detail}", "dim"))
        if level == "baselined":
            segs.append((f" (baselined: {f.baselined[r.fingerprint]})", "dim"))
        return segs

    def shown(self, r: Result, ctx: RenderContext) -> bool:
        """Whether a result gets its own line."""
        if r.status in (Status.FAILED, Status.NOT_EVALUATED):
            return True
        return ctx.show_passed and r.status is Status.PASSED

    def lines(self, files: list[CheckedFile], ctx: RenderContext) -> list[list[Segment]]:
        """Every output line as styled segments."""
        out: list[list[Segment]] = []
        for f in files:
            if f.error:
                continue
            if not ctx.quiet:
                shown = [r for r in f.result.results if self.shown(r, ctx)]
                shown.sort(key=lambda r: (location_line(r) or 0))
                out.extend(self.result_line(f, r, ctx) for r in shown)
        for f in files:
            if f.error:
                out.append([(f"{f.path}:", "bold"), (" could not be checked", "bold red")])
            else:
                out.append([(f"{f.path}:", "bold"), (" " + f.counts().text(), None)])
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
