"""Placing values whose column the text does not give (blank cells collapsed).

In space-separated text a row printed as ``21015 医疗保障管理事务 29.36 29.36`` has two values
for six columns: the blanks between them are gone (domain.md hazard H7). The values keep their
order, so the candidates are the order-preserving placements of k values into the n columns.
They are narrowed, in this order, and each placed cell records which step decided it:

1. ``structure`` — a column may hold a value only where the row's parent row (the subject-code
   parent, or the table's 合计 row for a 类) has one; the first value of a row goes to the
   template's total column.
2. ``row sums`` — placements for which the template's sums (``placement.total`` = Σ ``parts``,
   and any ``placement.sums``) hold within rounding. If none holds, the step is skipped: the
   arithmetic rules will report the row, the placement must not hide it.
3. ``sibling sums`` (done by the caller, :func:`choose_jointly`) — for rows under one parent, the
   combinations of candidates whose column sums equal the parent's.
4. ``template preference`` — ``placement.prefer``: the columns that carry the money in practice.

If several candidates remain, the values that every candidate puts in the same column are
placed, and the rest are kept as ambiguous: the cells they could stand in are marked
``ambiguous`` and rules that need them are 'not evaluated'.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations, product

from checker.model import Number

Placement = tuple[int, ...]  # for each value, the index of its column

MAX_CANDIDATES = 5000
MAX_JOINT = 20000


def candidates(k: int, n: int, first_fixed: bool) -> list[Placement]:
    """Order-preserving placements of k values into n columns."""
    if k > n or k == 0:
        return [()] if k == 0 else []
    if first_fixed:
        return [(0, *rest) for rest in combinations(range(1, n), k - 1)]
    return list(combinations(range(n), k))


def half_ulp(number: Number | None, min_decimals: int) -> Decimal:
    """Half a unit of the last printed (or minimum) decimal place: the rounding radius."""
    d = max(number.decimals if number else min_decimals, min_decimals)
    return Decimal(1).scaleb(-d) / 2


def sum_holds(
    total: Number | None, parts: Sequence[Number | None], min_decimals: int = 2
) -> bool:
    """True when total = Σ parts within the rounding intervals (blank = 0)."""
    t = total.value if total else Decimal(0)
    s = sum((p.value for p in parts if p is not None), Decimal(0))
    tol = half_ulp(total, min_decimals) + sum(
        (half_ulp(p, min_decimals) for p in parts), Decimal(0)
    )
    return abs(t - s) <= tol


def cells_of(placement: Placement, values: Sequence[Number], n: int) -> list[Number | None]:
    """The row's cells (by column index) under a placement."""
    out: list[Number | None] = [None] * n
    for value, col in zip(values, placement, strict=True):
        out[col] = value
    return out


def sums_hold(
    cells: Sequence[Number | None], sums: Sequence[tuple[int, Sequence[int]]], min_decimals: int
) -> bool:
    """True when every declared sum (total index, part indexes) holds for these cells."""
    for total, parts in sums:
        if cells[total] is None and all(cells[p] is None for p in parts):
            continue
        if not sum_holds(cells[total], [cells[p] for p in parts], min_decimals):
            return False
    return True


def narrow(
    values: Sequence[Number],
    n: int,
    *,
    first_fixed: bool,
    allowed: set[int] | None,
    sums: Sequence[tuple[int, Sequence[int]]],
    min_decimals: int = 2,
) -> tuple[list[Placement], str]:
    """Apply steps 1 and 2; return the remaining candidates and the step that decided last."""
    cands = candidates(len(values), n, first_fixed)[:MAX_CANDIDATES]
    how = "structure"
    if allowed is not None:
        kept = [c for c in cands if all(col in allowed for col in c)]
        if kept:
            cands = kept
    if len(cands) > 1 and sums:
        kept = [c for c in cands if sums_hold(cells_of(c, values, n), sums, min_decimals)]
        if kept:
            cands = kept
            how = "row sums"
    return cands, how


def prefer(cands: list[Placement], preferred: Sequence[int]) -> list[Placement]:
    """Keep the candidates that use the preferred columns the most, earliest preference first."""
    if len(cands) <= 1 or not preferred:
        return cands

    def score(c: Placement) -> tuple[int, ...]:
        return tuple(-int(p in c) for p in preferred)

    best = min(score(c) for c in cands)
    return [c for c in cands if score(c) == best]


def common(cands: list[Placement]) -> dict[int, int | None]:
    """For each value index: its column if all candidates agree, else None."""
    out: dict[int, int | None] = {}
    if not cands:
        return out
    for i in range(len(cands[0])):
        cols = {c[i] for c in cands}
        out[i] = cols.pop() if len(cols) == 1 else None
    return out


def choose_jointly(
    rows: Sequence[tuple[Sequence[Number], list[Placement]]],
    parent: Sequence[Number | None],
    columns: Sequence[int],
    min_decimals: int = 2,
) -> list[Placement] | None:
    """Pick one placement per sibling row so that their column sums equal the parent's.

    ``rows`` holds each sibling's values and candidates; ``columns`` the column indexes to check.
    Returns the unique combination that fits, or None when none or several do.
    """
    total = 1
    for _, cands in rows:
        total *= max(1, len(cands))
        if total > MAX_JOINT:
            return None
    n = len(parent)
    found: list[tuple[Placement, ...]] = []
    for combo in product(*(cands for _, cands in rows)):
        grid = [cells_of(c, vals, n) for c, (vals, _) in zip(combo, rows, strict=True)]
        if all(sum_holds(parent[col], [g[col] for g in grid], min_decimals) for col in columns):
            found.append(combo)
            if len(found) > 1:
                return None
    return list(found[0]) if found else None
