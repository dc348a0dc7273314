"""Evaluate a compiled :class:`~checker.dsl.ir.RuleSet` on one document.

Semantics:

* A rule whose ``applies`` does not match the document's kind / region / year gives one
  ``not_applicable`` result saying so.
* Statements run in order. ``for x in C where P:`` runs its block once per item of ``C`` for which
  ``P`` holds (collections come from the document, so every loop is bounded by the data); a
  ``for`` whose block never ran gives one ``not_applicable`` result (nothing to check).
  ``when P:`` runs its block if ``P`` holds, else gives ``not_applicable``. ``let`` binds a name.
* Every execution of an assertion gives one result — ``passed`` or ``failed`` — bound to the
  current values of the loop variables (its *instance*). Missing data raises
  :class:`~checker.dsl.quantities.NotEvaluated` anywhere in an expression; that instance is then
  ``not_evaluated`` with the reason, and the loop goes on with the next item.
* ``require table A, B`` gives one result per table: passed when the document has its body,
  failed otherwise (listed only, or absent).
* A failed comparison reports both sides (value and interval), the difference of the midpoints,
  the tolerance applied and every operand's table / row / column / line; its message is the
  rule's ``message`` template, or a default one.
"""

from __future__ import annotations

from typing import Any

from checker.dsl.ast import OP_DISPLAY
from checker.dsl.display import describe, display
from checker.dsl.fact_ref import FactRef
from checker.dsl.ir import CAssert, CFor, CLet, CMessage, CompiledRule, CRequireTables, CWhen, RuleSet
from checker.dsl.quantities import Comparison, NotEvaluated, Q, truthy
from checker.dsl.runtime import Failed, iterate
from checker.dsl.view import DocView, ListedRef, RowRef, TableRef
from checker.findings import Operand, Result, Side, Status, fingerprint
from checker.model import Document
from checker.templates.loader import TemplateRegistry

__all__ = ["Env", "evaluate", "evaluate_rule"]

_UNSET = object()


class Env:
    """The state of one rule's evaluation: document view, variables, loop bindings."""

    __slots__ = ("binding", "doc", "vars")

    def __init__(self, doc: DocView) -> None:
        self.doc = doc
        self.vars: dict[str, Any] = {}
        self.binding: list[tuple[str, Any]] = []

    @property
    def document(self) -> Document:
        """The document being checked (for plugin functions)."""
        return self.doc.document


def _side(expr: str, q: Q) -> Side:
    return Side(expr, q.value, q.iv.lo, q.iv.hi)


class _Run:
    """Runs one rule and collects its results."""

    def __init__(self, rule: CompiledRule, doc: DocView, out: list[Result]) -> None:
        self.rule = rule
        self.env = Env(doc)
        self.out = out
        meta = doc.document.meta
        self.department = meta.department
        self.year = meta.year
        self.path = rule.path

    # -- results
    def emit(self, status: Status, line: int, *, reason: str | None = None, message: str = "",
             stmt: CAssert | None = None, cmp: Comparison | None = None,
             instance_extra: tuple[tuple[str, str], ...] = (),
             where: tuple[Operand, ...] = ()) -> None:
        rule = self.rule
        instance = tuple((name, describe(v)) for name, v in self.env.binding) + instance_extra
        left = right = None
        operands: tuple[Operand, ...] = ()
        diff = tol = None
        op = stmt.op if stmt is not None else None
        if cmp is not None:
            if isinstance(cmp.left, Q) and isinstance(cmp.right, Q):
                left = _side(stmt.left_src if stmt else "", cmp.left)
                right = _side(stmt.right_src if stmt else "", cmp.right)
                refs = cmp.left.refs + cmp.right.refs
                operands = tuple({id(o): o for o in refs}.values()) if len(refs) > 1 else refs
            diff, tol = cmp.difference, cmp.tolerance
        if not operands and where:
            operands = where
        if not operands:
            # no printed value compared (a condition, a presence test): the finding points at
            # what the loops bound — the fact, row, table or 目录 entry it is about
            operands = tuple(o for _, v in self.env.binding if (o := _bound_operand(v)))
        if status is Status.FAILED and stmt is not None:
            message = self.render(stmt, cmp)
        elif not message:
            message = reason or ""
        self.out.append(Result(
            rule=rule.id,
            title=rule.title,
            severity=rule.severity,
            status=status,
            message=message,
            reason=reason,
            instance=instance,
            operator=OP_DISPLAY.get(op, op) if op else None,
            left=left,
            right=right,
            difference=diff,
            tolerance=tol,
            operands=operands,
            source=f"{self.path}:{line}",
            # what a baseline or a code-scanning service keys on; a passed or not-applicable
            # result gets it when an output asks (FileResult.fingerprint): most results are those
            fingerprint=fingerprint(rule.id, instance, operands, self.department, self.year)
            if status in (Status.FAILED, Status.NOT_EVALUATED) else "",
        ))

    def render(self, stmt: CAssert, cmp: Comparison | None) -> str:
        if stmt.message is None:
            if cmp is not None and stmt.op is not None:
                sym = OP_DISPLAY.get(stmt.op, stmt.op)
                text = (f"{stmt.left_src} {sym} {stmt.right_src} does not hold: "
                        f"{display(cmp.left)} vs {display(cmp.right)}")
                if cmp.difference is not None:
                    text += f" (difference {display(cmp.difference)}, tolerance {display(cmp.tolerance)})"
                return text
            return f"requirement not met: {stmt.src}"
        return self.fill(stmt.message, stmt, cmp)

    def fill(self, msg: CMessage, stmt: CAssert | None, cmp: Comparison | None) -> str:
        out: list[str] = []
        for part in msg.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            name, fn = part
            if fn is None:
                out.append(self.builtin(name, stmt, cmp))
                continue
            try:
                out.append(display(fn(self.env)))
            except NotEvaluated:
                out.append("?")
        return "".join(out)

    def builtin(self, name: str, stmt: CAssert | None, cmp: Comparison | None) -> str:
        if name == "rule":
            return self.rule.id
        if name == "title":
            return self.rule.title
        if name == "expr":
            return stmt.src if stmt else ""
        if name == "op":
            return OP_DISPLAY.get(stmt.op, stmt.op) if stmt and stmt.op else ""
        if cmp is None:
            return ""
        if name == "left":
            return display(cmp.left)
        if name == "right":
            return display(cmp.right)
        if name in ("diff", "difference"):
            return display(cmp.difference)
        if name == "tolerance":
            return display(cmp.tolerance)
        return ""  # pragma: no cover

    # -- statements
    def block(self, stmts: list[Any]) -> None:
        for s in stmts:
            t = type(s)
            if t is CAssert:
                self.assertion(s)
            elif t is CFor:
                self.loop(s)
            elif t is CLet:
                try:
                    self.env.vars[s.name] = s.fn(self.env)
                except NotEvaluated as exc:
                    self.env.vars[s.name] = Failed(exc.reason)
            elif t is CWhen:
                try:
                    ok = truthy(s.cond(self.env))
                except NotEvaluated as exc:
                    self.emit(Status.NOT_EVALUATED, s.line, reason=exc.reason)
                    continue
                if ok:
                    self.block(s.body)
                else:
                    self.emit(Status.NOT_APPLICABLE, s.line, reason=f"when {s.src}: false")
            elif t is CRequireTables:
                self.require_tables(s)

    def assertion(self, s: CAssert) -> None:
        try:
            value = s.fn(self.env)
        except NotEvaluated as exc:
            self.emit(Status.NOT_EVALUATED, s.line, reason=exc.reason, stmt=s)
            return
        if isinstance(value, Comparison):
            status = Status.PASSED if value.holds else Status.FAILED
            self.emit(status, s.line, stmt=s, cmp=value)
        else:
            status = Status.PASSED if truthy(value) else Status.FAILED
            self.emit(status, s.line, stmt=s)

    def loop(self, s: CFor) -> None:
        env = self.env
        try:
            items = iterate(s.iterable(env))
        except NotEvaluated as exc:
            self.emit(Status.NOT_EVALUATED, s.line, reason=exc.reason)
            return
        saved = env.vars.get(s.var, _UNSET)
        ran = 0
        for item in items:
            env.vars[s.var] = item
            env.binding.append((s.var, item))
            try:
                if s.where is not None:
                    try:
                        ok = truthy(s.where(env))
                    except NotEvaluated as exc:
                        self.emit(Status.NOT_EVALUATED, s.line, reason=exc.reason)
                        continue
                    if not ok:
                        continue
                ran += 1
                self.block(s.body)
            finally:
                env.binding.pop()
        if saved is _UNSET:
            env.vars.pop(s.var, None)
        else:
            env.vars[s.var] = saved
        if ran == 0:
            self.emit(Status.NOT_APPLICABLE, s.line, reason=f"nothing to check: no item of {s.src}")

    def require_tables(self, s: CRequireTables) -> None:
        for choices in s.templates:
            ref = self.env.doc.ref_for_kind(choices)
            extra = (("table", ref.template_id),)
            if ref.view is not None or ref.present:
                self.emit(Status.PASSED, s.line, instance_extra=extra)
                continue
            reason = ref.missing or f"table {ref.name} ({ref.template_id}) not in document"
            message = reason
            if s.message is not None:
                self.env.binding.append(("t", ref))
                try:
                    message = self.fill(s.message, None, None)
                finally:
                    self.env.binding.pop()
            status = Status.NOT_EVALUATED if ref.listed else Status.FAILED
            # a table the 目录 lists: the finding points at that entry
            where = tuple(Operand(ref.template_id, None, None, None, lt.line, lt.title)
                          for lt in self.env.doc.document.listed_tables
                          if lt.table_id == ref.template_id)[:1]
            self.emit(status, s.line, reason=reason, message=message, instance_extra=extra,
                      where=where)


def _bound_operand(value: Any) -> Operand | None:
    """Where a loop-bound value is printed, as an operand (None for names and numbers)."""
    if isinstance(value, FactRef):
        f = value.fact
        return Operand("narrative", f.label or f.name, None, f.name, f.line, f.number.text)
    if isinstance(value, RowRef):
        r = value.row
        return Operand(value.view.table.id, r.key, r.code, None, r.line, "")
    if isinstance(value, TableRef) and value.view is not None:
        return Operand(value.template_id, None, None, None, value.view.table.line, "")
    if isinstance(value, ListedRef):
        e = value.entry
        return Operand(e.table_id or "目录", None, None, None, e.line, e.title)
    return None


def evaluate_rule(rule: CompiledRule, doc: DocView, out: list[Result]) -> None:
    """Evaluate one rule on a document view, appending its results to ``out``."""
    run = _Run(rule, doc, out)
    why = rule.applies.reason_not_applicable(doc.document.meta) or other_half(rule, doc.document)
    if why is None and "previous" in rule.reads and doc.previous is None:
        if doc.previous_why is not None:  # previous reports were given, none is this one's
            run.emit(Status.NOT_EVALUATED, rule.line, reason=doc.previous_why)
            return
        why = ("it compares with last year's report: none was given (checker check "
               "--previous PATH)")
    if why is not None:
        run.emit(Status.NOT_APPLICABLE, rule.line, reason=why)
        return
    before = len(out)
    run.block(rule.body)
    if len(out) == before:
        run.emit(Status.NOT_APPLICABLE, rule.line, reason="nothing to check")


HALVES = {"tables": ("narrative", "the file holds the tables only, its 说明 is published apart"),
          "narrative": ("tables", "the file holds the 说明 only, its tables are published apart")}


def other_half(rule: CompiledRule, document: Document) -> str | None:
    """Why a rule is not applicable to one file of a report published as two (Meta.holds), or
    None: a rule reading the half the file does not hold cannot find it there."""
    missing = HALVES.get(document.meta.holds)
    if missing is None or missing[0] not in rule.reads:
        return None
    return (f"{missing[1]} (check the two files as one report: "
            "checker check --together FILE FILE)")


def evaluate(ruleset: RuleSet, document: Document,
             registry: TemplateRegistry | None = None, previous: Document | None = None,
             previous_why: str | None = None) -> list[Result]:
    """Evaluate every rule of ``ruleset`` on ``document``; one Result per rule instance.
    ``previous`` is last year's report of the department for the cross-year rules
    (``prev(…)``); without it, ``previous_why`` says why (None: no previous reports given)."""
    doc = DocView(document, registry, previous, previous_why)
    out: list[Result] = []
    for rule in ruleset.rules:
        evaluate_rule(rule, doc, out)
    return out


