"""Across many reports: a CSV to sort in a spreadsheet and an HTML overview page.

An auditor checking a province wants to know which departments and which rules fail most.
:class:`BatchSummary` takes each checked report as it arrives and keeps only its counts (per
rule and status), never its results or document, so a batch of thousands costs little memory:

* the CSV (``--summary-csv FILE``, and ``summary.csv`` in an HTML output folder) has one row
  per report and rule with that rule's instances by status (passed, failed, baselined, not
  evaluated, not applicable), plus one row per report that could not be read (``rule`` empty,
  its error in ``error``) — a report is never left out;
* the overview page (``--summary-html FILE``, and ``index.html`` in an HTML output folder):
  totals, the rules that fail most, bar charts (inline SVG) of findings by rule and by
  department, and the reports × rules matrix of failure counts, each report linking to its page
  when there is one. Its tables sort by a click on a column header (a small inline script; the
  page works without it).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from checker.check import SEVERITY_RANK, CheckedFile
from checker.findings import Status
from checker.model import KIND_NAMES
from checker.render.base import RenderContext

__all__ = ["CSV_COLUMNS", "BatchSummary", "ReportLine", "bar_chart"]

CSV_COLUMNS = ["path", "department", "region", "year", "kind", "rule", "severity", "title",
               "passed", "failed", "baselined", "not_evaluated", "not_applicable", "error"]
STATUS_COLUMNS = ("passed", "failed", "baselined", "not_evaluated", "not_applicable")
MATRIX_RULES = 60  # the matrix shows the rules that fail most, at most this many


@dataclass
class ReportLine:
    """What the overview keeps of one report."""

    path: str
    department: str
    region: str
    year: str
    kind: str
    href: str | None
    error: str | None
    template: bool
    failed: Counter[str] = field(default_factory=Counter)  # rule → failures (not baselined)
    by_severity: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Failures, baselined ones aside."""
        return sum(self.failed.values())


def _per_rule(f: CheckedFile) -> dict[str, Counter[str]]:
    """Instances of each rule by status column (baselined failures apart)."""
    out: dict[str, Counter[str]] = {}
    for r in f.result.results:
        status = "baselined" if f.is_baselined(r) else r.status.value
        out.setdefault(r.rule, Counter())[status] += 1
    for rule, status, n in f.result.omitted_rules:  # the passed and not applicable, counted
        out.setdefault(rule, Counter())[status] += n
    return out


class BatchSummary:
    """Counts of many checked reports; the CSV rows are written as the reports arrive."""

    def __init__(self, ctx: RenderContext, csv_out: TextIO | None = None) -> None:
        self.ctx = ctx
        self.rules = {r.id: r for r in ctx.rules}
        self.reports: list[ReportLine] = []
        self.writer = csv.writer(csv_out) if csv_out is not None else None
        if self.writer is not None:
            self.writer.writerow(CSV_COLUMNS)

    def add(self, f: CheckedFile, href: str | None = None) -> None:
        """Count one checked report (``href``: the link to its page)."""
        fr = f.result
        line = ReportLine(path=fr.path, department=fr.department or "", region=fr.region or "",
                          year=str(fr.year or ""), kind=KIND_NAMES.get(fr.kind or "", ""),
                          href=href, error=fr.error, template=fr.template is not None)
        for r in fr.results:
            if r.status is Status.FAILED and not f.is_baselined(r):
                line.failed[r.rule] += 1
                line.by_severity[r.severity] += 1
        self.reports.append(line)
        if self.writer is None:
            return
        ident = [line.path, line.department, line.region, line.year, line.kind]
        if fr.error is not None:
            self.writer.writerow([*ident, "", "", "", 0, 0, 0, 0, 0, fr.error])
            return
        for rule, counts in sorted(_per_rule(f).items()):
            info = self.rules.get(rule)
            self.writer.writerow([*ident, rule, info.severity if info else "",
                                  info.title if info else "",
                                  *(counts.get(s, 0) for s in STATUS_COLUMNS), ""])

    # ---- the overview page

    def top_rules(self) -> list[tuple[str, str, str, int, int]]:
        """(rule, severity, title, reports failing it, failures), most failures first."""
        findings: Counter[str] = Counter()
        reports: Counter[str] = Counter()
        for line in self.reports:
            if line.template:
                continue
            findings.update(line.failed)
            reports.update(line.failed.keys())
        out = []
        for rule, n in findings.most_common():
            info = self.rules.get(rule)
            out.append((rule, info.severity if info else "", info.title if info else "",
                        reports[rule], n))
        out.sort(key=lambda t: (-SEVERITY_RANK.get(t[1], 2), -t[4], t[0]))
        return out

    def html(self) -> str:
        """The overview page."""
        from checker.render.html import environment

        real = [x for x in self.reports if not x.template]
        top = self.top_rules()
        matrix_rules = [t[0] for t in sorted(top, key=lambda t: -t[4])[:MATRIX_RULES]]
        by_department: Counter[str] = Counter()
        for x in real:
            by_department[x.department or x.path] += x.total
        return environment().get_template("index.html.j2").render(
            version=self.ctx.version, reports=self.reports, top=top, matrix_rules=matrix_rules,
            errors=sum(1 for x in self.reports if x.error),
            templates=sum(1 for x in self.reports if x.template),
            failing=sum(1 for x in real if x.total),
            findings=sum(x.total for x in real),
            chart_rules=bar_chart(Counter({t[0]: t[4] for t in top}).most_common(25),
                                  "findings by rule"),
            chart_departments=bar_chart([kv for kv in by_department.most_common(25) if kv[1]],
                                        "findings by department"))


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, its geometry computed."""

    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart for the overview's inline SVG."""

    title: str
    bars: list[Bar]
    height: int
    label_width: int = 260
    bar_area: int = 440


def bar_chart(items: list[tuple[str, int]], title: str) -> Chart:
    """A horizontal bar chart of (label, value), in the order given."""
    top = max((v for _, v in items), default=0) or 1
    step = 18
    bars = [Bar(label, value, 20 + i * step, 440 * value / top) for i, (label, value) in enumerate(items)]
    return Chart(title, bars, 30 + step * len(bars))
