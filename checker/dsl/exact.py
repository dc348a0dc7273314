"""The same-precision twin of a rule: ``exact "title"`` in a rule derives the rule ``<id>.eq``.

A narrative figure and a table cell agree when their rounding intervals overlap (``=``, the
rounding-interval equality of docs/rules.md): 355.5 万元 in the text agrees with 355.52 in the
table. Printed at the *same* precision, though, they must be the very same number: 355.52 against
355.51 is not a rounding tail but a typing slip, which the interval equality cannot see. Rather
than writing a second rule for that by hand (and keeping the two in step), a rule says::

    rule N03 "情况说明：… = 支出决算表合计行"
      for n in [本年支出合计, 基本支出]:
        for f in facts(n, "说明.支出"):
          f.value = 支出决算表[合计][n]
      message "第{f.line}行 …"
      exact "情况说明：支出各项与支出决算表同精度时应完全一致"
      exact message "第{f.line}行 {f.name} {left}，支出决算表为 {right}（同精度相差一个单位）"

and the parser adds the rule ``N03.eq``: severity ``warning``, the same ``applies`` and ``tags``,
the same loops and ``let``/``when`` statements, and each assertion ``a = b`` of the body turned
into ``when decimals(a) = decimals(b): a == b``. Assertions that are not an ``=`` comparison
(``≤``, a condition) are not part of the twin. :func:`exact_twin` is that rewriting, on the
syntax tree: ``checker rules show N03.eq`` shows the original rule, whose line the twin's findings
point at.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.dsl import ast

__all__ = ["EXACT_SUFFIX", "ExactError", "exact_twin"]

EXACT_SUFFIX = ".eq"


class ExactError(ValueError):
    """A rule whose ``exact`` twin cannot be derived (no ``=`` comparison in its body)."""


def exact_twin(rule: ast.Rule) -> ast.Rule:
    """The rule ``<id>.eq`` derived from ``rule`` (which has an ``exact`` declaration).

    The twin's ``message_parts`` are left for the parser to fill, as for any rule.
    """
    body, found = _rewrite(rule.body)
    if not found:
        raise ExactError("exact needs an '=' comparison in the rule's body to derive "
                         f"{rule.id}{EXACT_SUFFIX} from")
    return dataclasses.replace(
        rule,
        id=rule.id + EXACT_SUFFIX,
        title=rule.exact_title or f"{rule.title}（同精度时应完全一致）",
        severity="warning",
        severity_pos=rule.exact_pos,
        tags=list(rule.tags),
        message=rule.exact_message,
        message_pos=rule.exact_message_pos,
        message_parts=[],
        body=body,
        exact_title=None,
        exact_message=None,
        derived_from=rule.id,
    )


def _rewrite(stmts: list[Any]) -> tuple[list[Any], bool]:
    """The statements with each ``a = b`` assertion made exact; whether there was one."""
    out: list[Any] = []
    found = False
    for s in stmts:
        if isinstance(s, ast.Assert):
            if isinstance(s.expr, ast.Compare) and s.expr.op == "=":
                out.append(_exact(s))
                found = True
        elif isinstance(s, ast.For | ast.When):
            body, inner = _rewrite(s.body)
            if inner:
                out.append(dataclasses.replace(s, body=body))
                found = True
        elif isinstance(s, ast.RequireTables):
            continue
        else:
            out.append(s)
    return out, found


def _exact(s: ast.Assert) -> ast.When:
    cmp = s.expr
    assert isinstance(cmp, ast.Compare)
    pos = {"line": cmp.line, "col": cmp.col}
    left = ast.Call(func="decimals", args=[cmp.left], src=f"decimals({cmp.left.src})", **pos)
    right = ast.Call(func="decimals", args=[cmp.right], src=f"decimals({cmp.right.src})", **pos)
    same = ast.Compare(op="=", left=left, right=right, src=f"{left.src} = {right.src}", **pos)
    exact = dataclasses.replace(cmp, op="==", src=f"{cmp.left.src} == {cmp.right.src}")
    return ast.When(cond=same, body=[dataclasses.replace(s, expr=exact, src=exact.src)],
                    src=f"when {same.src}", **pos)
