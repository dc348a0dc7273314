"""Closed Decimal intervals: the arithmetic behind ``=`` in rules.

Semantics (XBRL Calculations 1.1, applied to every operator; see docs/rules.md):

* A value printed with ``d`` decimals stands for ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]``
  (:meth:`Interval.printed`); an exact quantity (a literal, a count, a 分值 column marked
  ``exact``) is the degenerate interval ``[v, v]`` (:meth:`Interval.exact`).
* ``[a, b] + [c, d] = [a + c, b + d]``; ``[a, b] − [c, d] = [a − d, b − c]``.
* ``×`` and ``÷`` take the minimum and maximum of the four bound products (quotients).
  A divisor interval that contains 0 raises :class:`DivisorMayBeZero`; the engine turns that
  into a *not evaluated* result with the reason ``divisor may be zero``.
* Lower bounds are computed rounding toward −∞ and upper bounds toward +∞, so the computed
  interval always contains the exact result of any points taken from the operands (a quotient
  such as 1/3 cannot be represented exactly, but it is never excluded).
* Two intervals *overlap* when they share at least one point (closed ends):
  ``lo₁ ≤ hi₂ and lo₂ ≤ hi₁``. For a total ``t`` and items ``vᵢ`` this is the same as
  ``|t − Σvᵢ| ≤ ½·10^−d_t + Σ ½·10^−dᵢ``.

Nothing here rounds a printed value again; nothing uses floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

_DOWN = Context(prec=60, rounding=ROUND_FLOOR)
_UP = Context(prec=60, rounding=ROUND_CEILING)
_TWO = Decimal(2)

__all__ = ["DivisorMayBeZero", "Interval", "half_unit", "round_half_up"]


class DivisorMayBeZero(ArithmeticError):
    """Raised by ``÷`` when the divisor interval contains zero."""


def half_unit(decimals: int) -> Decimal:
    """Return ½·10⁻ᵈ exactly (``half_unit(2) == Decimal('0.005')``)."""
    return Decimal(5).scaleb(-decimals - 1)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round ``value`` to ``decimals`` places, halves away from zero (the way reports round)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[lo, hi]`` of Decimals (``lo <= hi``)."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        """The degenerate interval of an exact quantity."""
        return cls(value, value)

    @classmethod
    def printed(cls, value: Decimal, decimals: int) -> Interval:
        """The interval a value printed with ``decimals`` decimals stands for."""
        h = half_unit(decimals)
        return cls(_DOWN.subtract(value, h), _UP.add(value, h))

    @property
    def width(self) -> Decimal:
        """``hi − lo``."""
        return _UP.subtract(self.hi, self.lo)

    @property
    def mid(self) -> Decimal:
        """The midpoint ``(lo + hi) / 2``."""
        return _UP.divide(_UP.add(self.lo, self.hi), _TWO)

    @property
    def is_exact(self) -> bool:
        """True for a degenerate interval."""
        return self.lo == self.hi

    def contains(self, value: Decimal) -> bool:
        """True when ``lo <= value <= hi``."""
        return self.lo <= value <= self.hi

    def contains_zero(self) -> bool:
        """True when 0 lies in the interval (a divisor that may be zero)."""
        return self.lo <= 0 <= self.hi

    def overlaps(self, other: Interval) -> bool:
        """True when the two closed intervals share a point."""
        return self.lo <= other.hi and other.lo <= self.hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(_DOWN.add(self.lo, other.lo), _UP.add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_DOWN.subtract(self.lo, other.hi), _UP.subtract(self.hi, other.lo))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(
            min(_DOWN.multiply(a, b) for a, b in pairs),
            max(_UP.multiply(a, b) for a, b in pairs),
        )

    def __truediv__(self, other: Interval) -> Interval:
        if other.contains_zero():
            raise DivisorMayBeZero("divisor may be zero")
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(
            min(_DOWN.divide(a, b) for a, b in pairs),
            max(_UP.divide(a, b) for a, b in pairs),
        )

    def abs(self) -> Interval:
        """``{|x| : x in self}``."""
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(Decimal(0), max(-self.lo, self.hi))

    def min(self, other: Interval) -> Interval:
        """``{min(x, y)}`` over the two intervals."""
        return Interval(min(self.lo, other.lo), min(self.hi, other.hi))

    def max(self, other: Interval) -> Interval:
        """``{max(x, y)}`` over the two intervals."""
        return Interval(max(self.lo, other.lo), max(self.hi, other.hi))

    def round(self, decimals: int) -> Interval:
        """The interval of the values ``round(x, decimals)`` can take (rounding is monotone)."""
        return Interval(round_half_up(self.lo, decimals), round_half_up(self.hi, decimals))

    def __str__(self) -> str:
        return f"[{format(self.lo, 'f')}, {format(self.hi, 'f')}]"
