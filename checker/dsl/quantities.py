"""Quantities of the rule language: what a number is while a rule runs.

* :class:`Q` — a quantity: the point value computed from the printed values (``value``), the
  interval it stands for (``iv``, :class:`~checker.dsl.interval.Interval`) and the cells it was
  computed from (``refs``). Literals are exact (:func:`exact`); how a printed cell or fact
  becomes one is the document view's (:mod:`checker.dsl.view`, :mod:`checker.dsl.fact_ref`).
  Arithmetic on quantities is interval arithmetic; a divisor whose interval holds 0 is not
  evaluated.
* :class:`Comparison` — the outcome of ``= == ≠ ≤ ≥ < > ≈``, with sides, difference, tolerance
  (the semantics of each operator: :func:`checker.dsl.runtime.compare`).
* :func:`truthy` — the truth of a value in ``where`` / ``when`` / ``and`` / ``or`` / ``not``.

Access to data that is not there raises :class:`NotEvaluated` with the reason (:class:`Missing`
for a row or column that is not in its table); the engine turns it into a ``not_evaluated``
result for the rule instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.dsl.interval import DivisorMayBeZero, Interval
from checker.findings import Operand

__all__ = [
    "Comparison",
    "Missing",
    "NotEvaluated",
    "Q",
    "common_places",
    "exact",
    "tidy",
    "truthy",
]

_TWO = Decimal(2)


class NotEvaluated(Exception):
    """The data a rule instance needs is not usable; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Missing(NotEvaluated):
    """A row or column the rule names is not in a table that is there (``exists`` → false)."""


@dataclass(slots=True)
class Q:
    """A quantity: point value, interval, and the cells it came from."""

    value: Decimal
    iv: Interval
    refs: tuple[Operand, ...] = ()
    text: str | None = None

    def __add__(self, other: Q) -> Q:
        return Q(self.value + other.value, self.iv + other.iv, self.refs + other.refs)

    def __sub__(self, other: Q) -> Q:
        return Q(self.value - other.value, self.iv - other.iv, self.refs + other.refs)

    def __mul__(self, other: Q) -> Q:
        return Q(self.value * other.value, self.iv * other.iv, self.refs + other.refs)

    def __truediv__(self, other: Q) -> Q:
        try:
            iv = self.iv / other.iv
        except DivisorMayBeZero:
            raise NotEvaluated("divisor may be zero") from None
        return Q(self.value / other.value, iv, self.refs + other.refs)

    def __neg__(self) -> Q:
        return Q(-self.value, -self.iv, self.refs)


def exact(value: Decimal | int, text: str | None = None) -> Q:
    """An exact quantity (a literal, a count)."""
    v = Decimal(value)
    return Q(v, Interval.exact(v), (), text)



@dataclass(slots=True)
class Comparison:
    """The outcome of a comparison, with what a finding reports.

    For an interval comparison of two quantities the difference (of the midpoints) and the
    tolerance (half the widths) are worked out only when asked for: most comparisons are
    conditions (``where``, ``when``) whose finding never shows them.
    """

    op: str
    left: Any
    right: Any
    holds: bool
    _difference: Decimal | None = None
    _tolerance: Decimal | None = None
    _interval: bool = False  # difference and tolerance still to work out from the intervals

    def __bool__(self) -> bool:
        return self.holds

    def _settle(self) -> None:
        if self._interval:
            a, b = self.left, self.right
            places = common_places(a.value, b.value)
            self._difference = tidy(a.iv.mid - b.iv.mid, places)
            self._tolerance = tidy((a.iv.width + b.iv.width) / _TWO, places)
            self._interval = False

    @property
    def difference(self) -> Decimal | None:
        """left − right (midpoints for an interval comparison); None for non-numbers."""
        self._settle()
        return self._difference

    @property
    def tolerance(self) -> Decimal | None:
        """What the comparison allowed (half the widths of the two intervals, or the ± given)."""
        self._settle()
        return self._tolerance


def truthy(value: Any) -> bool:
    """Truth of a value in ``where``/``when``/``and``/``or``/``not``/``require``."""
    if isinstance(value, Comparison):
        return value.holds
    if isinstance(value, Q):
        return value.value != 0
    return bool(value)


_QUANTUM = [Decimal(1).scaleb(-i) for i in range(30)]


def common_places(*like: Decimal) -> int:
    """The most decimals among ``like`` (at most 29): what a difference of them is shown with."""
    places = 0
    for v in like:
        e = v.as_tuple().exponent
        if isinstance(e, int) and -e > places:
            places = -e
    return min(places, 29)


def tidy(d: Decimal, places: int) -> Decimal:
    """Show ``d`` with ``places`` decimals (those of the values it came from) if that loses nothing."""
    try:
        r = d.quantize(_QUANTUM[places])
    except ArithmeticError:  # pragma: no cover - huge values
        return d
    return r if r == d else d.normalize()

