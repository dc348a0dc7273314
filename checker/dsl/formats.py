"""``fewest_decimals(t)``: how table money is printed (U10: 2 decimals).

The result is the smallest number of decimals printed in a money cell of table ``t`` (not a
percentage, not an exact count column), as an exact number that carries the operand of the
first cell printed so — a finding points at it. A table without a printed amount is not
evaluated. One result per table: a report prints thousands of cells.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from checker.dsl.display import display
from checker.dsl.function import Function
from checker.dsl.interval import Interval
from checker.dsl.quantities import NotEvaluated, Q
from checker.dsl.view import TableRef
from checker.findings import Operand

__all__ = ["FORMAT_FUNCTIONS"]


def _fewest_decimals(ctx: Any, t: Any) -> Q:
    """The fewest decimals of a money cell of ``t``, with that cell as operand."""
    if not isinstance(t, TableRef):
        raise NotEvaluated(f"fewest_decimals() needs a table, got {display(t)!r}")
    view = t.need_data()
    best: tuple[int, Operand] | None = None
    for row in view.table.rows:
        for key, cell in row.cells.items():
            n = cell.number
            if n is None or n.percent or key in view.exact_columns:
                continue
            if best is None or n.decimals < best[0]:
                best = (n.decimals, Operand(view.table.id, row.key, row.code, key, n.line, n.text))
    if best is None:
        raise NotEvaluated(f"table {t.name} prints no amount")
    d, ref = best
    return Q(Decimal(d), Interval.exact(Decimal(d)), (ref,), str(d))


FORMAT_FUNCTIONS = [
    Function("fewest_decimals", _fewest_decimals, 1, 1, "number",
             doc="the fewest decimals printed in a money cell of the table (U10)"),
]
