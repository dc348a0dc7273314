"""Findings: what evaluating rules on one document produced.

Model (its JSON form is described by ``schemas/findings.schema.json``):

* one :class:`Result` per rule *instance* (one per row, column, table … a rule iterates over;
  one for a rule without a loop), frozen, with a :class:`Status`:

  - ``passed`` — the assertion holds;
  - ``failed`` — it does not (or a required table / note is missing);
  - ``not_evaluated`` — the data it needs is missing, empty or unusable; ``reason`` says why
    (``table 支出决算表 (final.T03) not in document``, ``divisor may be zero`` …);
  - ``not_applicable`` — the rule does not apply (``applies`` does not match the document, a
    ``when`` guard is false, or a loop found nothing to check); ``reason`` says which.

  Nothing that was not evaluated is ever reported as passed.
* A result of a comparison carries both sides (:class:`Side`: the point value computed from the
  printed values and the interval ``[low, high]``), the ``difference`` of the midpoints, the
  ``tolerance`` applied (half the combined interval width for ``=``, the given ``t`` for
  ``≈ … ± t``, 0 for ``==``) and every operand (:class:`Operand`: table id, row key, subject
  code, column key, source line, printed text).
* ``fingerprint`` is a stable hash of the rule id, the instance binding, the operands' table /
  row / code / column and the document's department and year — not of line numbers, so a
  baseline survives a re-typeset report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from checker.model import Document

_T = TypeVar("_T")

__all__ = [
    "PREVIOUS",
    "Excerpt",
    "FileResult",
    "Name",
    "Operand",
    "Result",
    "Side",
    "Status",
    "Summary",
    "findings_to_json",
    "fingerprint",
    "summarize",
]


# The table id of an operand read from last year's report (``prev(…)`` in a cross-year rule,
# checker.dsl.previous) starts with this: its line is a line of that report, not of this one.
PREVIOUS = "prev:"


class Status(StrEnum):
    """The outcome of one rule instance."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_EVALUATED = "not_evaluated"
    NOT_APPLICABLE = "not_applicable"


def _pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle a frozen slots dataclass as its constructor call with the field values in order:
    three times faster to load than the default state dict, which matters when worker processes
    (``checker check -j N``) send thousands of results back."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, tuple(getattr(self, n) for n in names)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Operand:
    """One printed value a result used: where it is in the document."""

    table: str
    row: str | None
    code: str | None
    column: str | None
    line: int | None
    text: str = ""
    placed: str | None = None

    def binding(self) -> str:
        """``table[row-or-code].column`` — the part of the fingerprint this operand gives."""
        row = self.code or self.row or ""
        return f"{self.table}[{row}].{self.column or ''}"

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        out: dict[str, Any] = {
            "table": self.table,
            "row": self.row,
            "code": self.code,
            "column": self.column,
            "line": self.line,
            "text": self.text,
        }
        if self.placed:
            out["placed"] = self.placed
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Operand:
        """Build an Operand from its JSON form."""
        return cls(data["table"], data.get("row"), data.get("code"), data.get("column"),
                   data.get("line"), data.get("text", ""), data.get("placed"))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: the expression, its point value and its interval."""

    expr: str
    value: Decimal
    low: Decimal
    high: Decimal

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (decimals as strings)."""
        return {"expr": self.expr, "value": _dec(self.value), "low": _dec(self.low),
                "high": _dec(self.high)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Side:
        """Build a Side from its JSON form."""
        return cls(data["expr"], Decimal(data["value"]), Decimal(data["low"]), Decimal(data["high"]))


def fingerprint(
    rule: str,
    instance: Iterable[tuple[str, str]],
    operands: Iterable[Operand],
    department: str | None,
    year: int | None,
) -> str:
    """A stable 16-hex-digit hash identifying a finding across runs (no line numbers in it)."""
    parts = [rule, department or "", str(year or "")]
    parts += [f"{k}={v}" for k, v in instance]
    parts += [f"{o.table}[{o.code or o.row or ''}].{o.column or ''}" for o in operands]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one rule instance (see the module docstring)."""

    rule: str
    title: str
    severity: str
    status: Status
    message: str = ""
    reason: str | None = None
    instance: tuple[tuple[str, str], ...] = ()
    operator: str | None = None
    left: Side | None = None
    right: Side | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    operands: tuple[Operand, ...] = ()
    source: str = ""
    fingerprint: str = ""  # empty for a passed / not-applicable result: FileResult.fingerprint()

    @property
    def lines(self) -> list[int]:
        """The source lines of every operand of this report, sorted, without repeats (an
        operand of last year's report — table id ``prev:…`` — has its line in that one)."""
        return sorted({o.line for o in self.operands
                       if o.line is not None and not o.table.startswith(PREVIOUS)})

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form validated by ``schemas/findings.schema.json``."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "status": str(self.status),
            "message": self.message,
            "fingerprint": self.fingerprint,
            "source": self.source,
            "instance": {k: v for k, v in self.instance},
            "lines": self.lines,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        if self.operator is not None:
            out["operator"] = self.operator
        if self.left is not None:
            out["left"] = self.left.to_json()
        if self.right is not None:
            out["right"] = self.right.to_json()
        if self.difference is not None:
            out["difference"] = _dec(self.difference)
        if self.tolerance is not None:
            out["tolerance"] = _dec(self.tolerance)
        out["operands"] = [o.to_json() for o in self.operands]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        """Build a Result from its JSON form."""
        return cls(
            rule=data["rule"],
            title=data["title"],
            severity=data["severity"],
            status=Status(data["status"]),
            message=data.get("message", ""),
            reason=data.get("reason"),
            instance=tuple((k, v) for k, v in data.get("instance", {}).items()),
            operator=data.get("operator"),
            left=Side.from_json(data["left"]) if data.get("left") else None,
            right=Side.from_json(data["right"]) if data.get("right") else None,
            difference=Decimal(data["difference"]) if data.get("difference") else None,
            tolerance=Decimal(data["tolerance"]) if data.get("tolerance") else None,
            operands=tuple(Operand.from_json(o) for o in data.get("operands", [])),
            source=data.get("source", ""),
            fingerprint=data.get("fingerprint", ""),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of results by status, and of failures by severity."""

    passed: int = 0
    failed: int = 0
    not_evaluated: int = 0
    not_applicable: int = 0
    failed_by_severity: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All results."""
        return self.passed + self.failed + self.not_evaluated + self.not_applicable

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "total": self.total,
            "passed": self.passed,
            "failed": self.failed,
            "not_evaluated": self.not_evaluated,
            "not_applicable": self.not_applicable,
            "failed_by_severity": dict(sorted(self.failed_by_severity.items())),
        }


def summarize(results: Iterable[Result]) -> Summary:
    """Count results by status (and failures by severity)."""
    counts = {s: 0 for s in Status}
    sev: dict[str, int] = {}
    for r in results:
        counts[r.status] += 1
        if r.status is Status.FAILED:
            sev[r.severity] = sev.get(r.severity, 0) + 1
    return Summary(
        passed=counts[Status.PASSED],
        failed=counts[Status.FAILED],
        not_evaluated=counts[Status.NOT_EVALUATED],
        not_applicable=counts[Status.NOT_APPLICABLE],
        failed_by_severity=sev,
    )


class Name(NamedTuple):
    """How the text output names an operand: its row as a reader finds it (the row's label under
    its parents', with its code: "一般公共服务支出 › 财政事务 (20106)"), its column's header, and
    the forms a rule message may open with to name the same row ("20106 财政事务", "201 06")."""

    row: str
    column: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excerpt:
    """What the text output shows of a report beside its results, for the failed and
    not-evaluated ones (``checker.excerpt.excerpt_of``; not part of the JSON form):

    * ``lines``: the source lines they point at, as read;
    * ``marks``: where each operand's printed value stands in its line (start, end);
    * ``names``: each operand's row and column as a reader names them (:class:`Name`);
    * ``groups``: for the operand a result is located by (the first on its first line), the
      table or section it is in — the first line of that table or section and its title with
      where to find it ("支出决算表 (公开03表) · lines 170–200 · page 7").
    """

    lines: dict[int, str] = field(default_factory=dict)
    marks: dict[Operand, tuple[int, int]] = field(default_factory=dict)
    names: dict[Operand, Name] = field(default_factory=dict)
    groups: dict[Operand, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FileResult:
    """All results for one checked file, with the document's identity."""

    path: str
    results: tuple[Result, ...]
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    region: str | None = None
    error: str | None = None
    # the error is a bug of the checker, not a fault of the report (checker.crash): exit code 3
    internal: bool = False
    # Where a result's line is in the original file when lines are not what a user looks at:
    # "page 3" for a PDF, "公开01表!A5:H5" for a workbook (line → place; only lines results use).
    places: dict[int, str] = field(default_factory=dict)
    # Results left out of ``results`` (the passed and not-applicable ones, unless asked for:
    # ``--show-passed``), counted by status name: the summary still counts them.
    omitted: tuple[tuple[str, int], ...] = ()
    # The same, counted by rule: (rule id, status name, count) — what a summary over many
    # reports needs of them (checker.render.batch).
    omitted_rules: tuple[tuple[str, str, int], ...] = ()
    # The parsed document's JSON (``--with-document``), or None.
    parsed: dict[str, Any] | None = None
    # Why the document is a template to fill, not a report (``Meta.template``), or None.
    template: str | None = None
    # What ``checker check`` warns about on stderr for this report (a region whose plugin is not
    # installed).
    warnings: tuple[str, ...] = ()
    # Source lines, operand places and names for the text output (not in the JSON form).
    excerpt: Excerpt | None = None
    # The parsed document itself, for an output that draws its tables (``--format html``;
    # ``CheckSpec.keep_document``); not in the JSON form, never kept in the result cache.
    document: Document | None = None
    # where the cache keeps this report's document and results: (content key, file name), set
    # for an output that draws the document (it is loaded from there only when needed), or None
    cache_key: tuple[str, str] | None = None

    def fingerprint(self, result: Result) -> str:
        """The result's fingerprint, computed here for a result evaluated without one (passed,
        not applicable: the evaluator leaves those out for speed)."""
        return result.fingerprint or fingerprint(result.rule, result.instance, result.operands,
                                                 self.department, self.year)

    def place(self, result: Result) -> str | None:
        """The page or sheet cell of the result's first line, or None (a text report)."""
        return self.places.get(result.lines[0]) if result.lines else None

    @property
    def summary(self) -> Summary:
        """Counts over :attr:`results` and the results left out of them."""
        s = summarize(self.results)
        if not self.omitted:
            return s
        left = dict(self.omitted)
        return Summary(passed=s.passed + left.get("passed", 0), failed=s.failed,
                       not_evaluated=s.not_evaluated + left.get("not_evaluated", 0),
                       not_applicable=s.not_applicable + left.get("not_applicable", 0),
                       failed_by_severity=s.failed_by_severity)

    def compact(self) -> FileResult:
        """The same results with the passed and not-applicable ones counted, not kept."""
        kept = tuple(r for r in self.results
                     if r.status not in (Status.PASSED, Status.NOT_APPLICABLE))
        if len(kept) == len(self.results):
            return self
        left = dict(self.omitted)
        by_rule = {(rule, status): n for rule, status, n in self.omitted_rules}
        for r in self.results:
            if r.status in (Status.PASSED, Status.NOT_APPLICABLE):
                left[r.status.value] = left.get(r.status.value, 0) + 1
                key = (r.rule, r.status.value)
                by_rule[key] = by_rule.get(key, 0) + 1
        return replace(self, results=kept, omitted=tuple(sorted(left.items())),
                       omitted_rules=tuple(sorted((k[0], k[1], n) for k, n in by_rule.items())))

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (one item of the findings list)."""
        out: dict[str, Any] = {
            "path": self.path,
            "document": {
                "department": self.department,
                "year": self.year,
                "kind": self.kind,
                "region": self.region,
                **({"template": self.template} if self.template is not None else {}),
            },
            "results": [self._result_json(r) for r in self.results],
            "summary": self.summary.to_json(),
        }
        if self.error is not None:
            out["error"] = self.error
            if self.internal:
                out["internal_error"] = True
        if self.parsed is not None:
            out["parsed_document"] = self.parsed
        return out

    def _result_json(self, r: Result) -> dict[str, Any]:
        data = r.to_json()
        data["fingerprint"] = self.fingerprint(r)
        place = self.place(r)
        if place is not None:
            data["place"] = place
        return data


def findings_to_json(files: Iterable[FileResult]) -> list[dict[str, Any]]:
    """The whole findings output: a list of file results."""
    return [f.to_json() for f in files]
