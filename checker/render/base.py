"""The small base every output format shares: what a renderer receives and must return."""

from __future__ import annotations

import io
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, TextIO

from checker.cache import Cache
from checker.check import CheckedFile, Counts
from checker.dsl.ir import CompiledRule
from checker.findings import FileResult, Result, Status
from checker.model import Document

__all__ = ["Cause", "RenderContext", "Renderer", "RuleInfo", "cause_of", "causes_of", "location_line",
           "rendered", "table_of"]

# the line a cause names, with the sentence it quotes: masked so that one cause on many lines is
# one cause ("预算数 is not in the statement at line 371 (…)")
_LINE_NO = re.compile(r"(?<=line )\d+(?: \(.*\))?$|(?<=line )\d+|(?<=第)\d+(?=行)")


@dataclass(frozen=True)
class RuleInfo:
    """What an output needs to know about a rule (SARIF's rule list, ``rules list``)."""

    id: str
    title: str
    severity: str
    tags: tuple[str, ...]
    source: str
    applies: str = "all"
    text: str = ""  # the rule as written (the HTML output shows it under a finding)

    @classmethod
    def of(cls, rule: CompiledRule) -> RuleInfo:
        """The info of a compiled rule."""
        return cls(rule.id, rule.title, rule.severity, tuple(rule.tags), rule.source,
                   describe_applies(rule), rule.text)


def describe_applies(rule: CompiledRule) -> str:
    """``决算``, ``决算 region QH`` , ``预算 year 2023-``, ``决算 except GS, SX`` (``except region``,
    or a region package that replaces or omits the rule) or ``all``."""
    a = rule.applies
    parts = [a.describe_kinds()]
    if a.regions:
        parts.append("region " + ", ".join(sorted(a.regions)))
    not_in = a.excluded | {region for region, _why in a.replaced}
    if not_in:
        parts.append("except " + ", ".join(sorted(not_in)))
    if a.year_from is not None or a.year_to is not None:
        parts.append("year " + a.describe_years())
    return " ".join(parts)


@dataclass
class RenderContext:
    """Everything besides the results: the rules that ran, table names, display options."""

    rules: list[RuleInfo] = field(default_factory=list)
    table_names: dict[str, str] = field(default_factory=dict)
    show_passed: bool = False
    quiet: bool = False
    version: str = ""
    # text output only: the source lines under each finding (--show-source), every instance not
    # evaluated instead of their causes (--show-not-evaluated), the lowest severity shown
    # (--severity; None: all), counts per rule instead of the findings (--statistics)
    show_source: bool = False
    show_not_evaluated: bool = False
    severity: str | None = None
    statistics: bool = False
    # where the output is written (a file's folder, or the output folder): the HTML output links
    # each PDF page relative to it; None: the working directory
    output_dir: str | None = None
    # the HTML output: the parsed document of a result that came from the cache without it
    # (Engine.document_for), and the cache that keeps drawn pages (None: none kept)
    document_for: Callable[[FileResult], Document | None] | None = None
    page_cache: Cache | None = None
    # the link to the report's PDF to print instead of computing it (a page drawn for the page
    # cache prints a placeholder there)
    pdf_link: str | None = None

    def table_name(self, table_id: str) -> str:
        """The name users see for a table id (the id itself when unknown)."""
        return self.table_names.get(table_id, table_id)


def location_line(result: Result) -> int | None:
    """The report line a result points at: its first operand's line (None for none)."""
    lines = result.lines
    return lines[0] if lines else None


def cause_of(result: Result) -> str:
    """Why a result was not evaluated, its line numbers masked ("…"), so that one cause met on
    many lines is counted as one."""
    return _LINE_NO.sub("…", result.reason or result.message or "?")


@dataclass(frozen=True)
class Cause:
    """The instances not evaluated for one cause: its words (the reason itself when they all
    share it), the results, and their rules counted ("T08 ×3, T15")."""

    text: str
    results: list[Result]
    rules: str


def causes_of(results: Iterable[Result]) -> list[Cause]:
    """The results not evaluated among ``results``, grouped by cause (:func:`cause_of`), most
    first, then by the line of the first."""
    grouped: dict[str, list[Result]] = {}
    for r in results:
        if r.status is Status.NOT_EVALUATED:
            grouped.setdefault(cause_of(r), []).append(r)
    out = []
    for cause, items in sorted(grouped.items(),
                               key=lambda kv: (-len(kv[1]), location_line(kv[1][0]) or 0)):
        reasons = {r.reason for r in items}
        text = (items[0].reason or cause) if len(reasons) == 1 else cause
        counted = Counter(r.rule for r in items)
        out.append(Cause(text, items, ", ".join(f"{k} ×{v}" if v > 1 else k
                                                for k, v in counted.items())))
    return out


def table_of(result: Result) -> str | None:
    """The table id a result is about: its first operand's table."""
    for o in result.operands:
        if o.table:
            return o.table
    return None


def rendered(renderer: Renderer, files: list[CheckedFile], ctx: RenderContext) -> str:
    """What a streaming renderer's :meth:`Renderer.write` writes, as a string without the last
    newline: the one way its :meth:`Renderer.render` is made."""
    buf = io.StringIO()
    renderer.write(files, ctx, buf)
    return buf.getvalue().removesuffix("\n")


class Renderer(ABC):
    """One output format. Subclasses set :attr:`name` and implement :meth:`render`."""

    name: ClassVar[str] = ""
    # the passed and not-applicable results are written too (JUnit's test cases), as with
    # --show-passed
    keeps_passed: ClassVar[bool] = False
    # the parsed document of each report is drawn (HTML): the check keeps it (keep_document)
    draws_documents: ClassVar[bool] = False

    @abstractmethod
    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The whole output for these files, as text (ending without a newline)."""

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """Write the output for ``files`` to ``out`` as they arrive, ending with a newline.

        Formats that can be written a report at a time (``json``, ``jsonl``, ``sarif``,
        ``junit``) override it and hold no more than one report's results; the default collects
        the files and writes :meth:`render`.
        """
        out.write(self.render(list(files), ctx) + "\n")

    @staticmethod
    def total(files: list[CheckedFile]) -> Counts:
        """Counts over all files."""
        out = Counts()
        for f in files:
            out = out + f.counts()
        return out
