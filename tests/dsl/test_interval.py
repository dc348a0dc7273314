"""Interval arithmetic: hand-computed cases and hypothesis properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dsl.interval import DivisorMayBeZero, Interval, half_unit

D = Decimal


def test_printed_interval() -> None:
    iv = Interval.printed(D("775.38"), 2)
    assert (iv.lo, iv.hi) == (D("775.375"), D("775.385"))
    assert Interval.printed(D("1108"), 0).width == D("1")
    assert half_unit(2) == D("0.005")
    assert Interval.exact(D(20)).is_exact


def test_anchor_79_03_consistent() -> None:
    items = ["11.30", "12.40", "10.05", "9.99", "15.00", "10.28", "10.00"]
    assert sum(D(x) for x in items) == D("79.02")
    total = Interval.printed(D("79.03"), 2)
    acc = Interval.exact(D(0))
    for x in items:
        acc = acc + Interval.printed(D(x), 2)
    # tolerance = 0.005 + 7 × 0.005 = 0.04 ≥ |79.03 − 79.02|
    assert (total.width + acc.width) / 2 == D("0.04")
    assert total.overlaps(acc)


def test_anchor_775_error() -> None:
    assert not Interval.printed(D("775.38"), 2).overlaps(Interval.printed(D("775.88"), 2))


def test_same_figure_different_precision() -> None:
    assert Interval.printed(D("775.4"), 1).overlaps(Interval.printed(D("775.38"), 2))
    assert not Interval.printed(D("775.5"), 1).overlaps(Interval.printed(D("775.38"), 2))


def test_touching_ends_overlap() -> None:
    # closed ends: [0.995, 1.005] and [1.005, 1.015] share 1.005
    assert Interval.printed(D("1.00"), 2).overlaps(Interval.printed(D("1.01"), 2))


def test_mul_div_hand() -> None:
    a = Interval(D(2), D(3))
    b = Interval(D(-1), D(4))
    assert a * b == Interval(D(-3), D(12))
    assert Interval(D(1), D(2)) / Interval(D(4), D(8)) == Interval(D("0.125"), D("0.5"))
    with pytest.raises(DivisorMayBeZero):
        a / b
    with pytest.raises(DivisorMayBeZero):
        a / Interval.exact(D(0))


def test_abs_min_max_round() -> None:
    assert Interval(D(-2), D(1)).abs() == Interval(D(0), D(2))
    assert Interval(D(-3), D(-1)).abs() == Interval(D(1), D(3))
    assert Interval(D(1), D(5)).min(Interval(D(2), D(3))) == Interval(D(1), D(3))
    assert Interval(D(1), D(5)).max(Interval(D(2), D(3))) == Interval(D(2), D(5))
    assert Interval(D("1.004"), D("1.006")).round(2) == Interval(D("1.00"), D("1.01"))


# ---- properties

decimals = st.integers(min_value=0, max_value=4)


@st.composite
def printed(draw: st.DrawFn) -> tuple[Decimal, int]:
    d = draw(decimals)
    units = draw(st.integers(min_value=-10**7, max_value=10**7))
    return Decimal(units).scaleb(-d), d


@settings(max_examples=400)
@given(total=printed(), items=st.lists(printed(), min_size=1, max_size=12))
def test_overlap_equals_one_line_inequality(total: tuple[Decimal, int],
                                            items: list[tuple[Decimal, int]]) -> None:
    t, dt = total
    acc = Interval.exact(D(0))
    for v, d in items:
        acc = acc + Interval.printed(v, d)
    by_intervals = Interval.printed(t, dt).overlaps(acc)
    bound = half_unit(dt) + sum((half_unit(d) for _, d in items), D(0))
    by_inequality = abs(t - sum((v for v, _ in items), D(0))) <= bound
    assert by_intervals == by_inequality


@st.composite
def interval_and_point(draw: st.DrawFn, nonzero: bool = False) -> tuple[Interval, Fraction]:
    a, _ = draw(printed())
    b, _ = draw(printed())
    lo, hi = min(a, b), max(a, b)
    if nonzero and lo <= 0 <= hi:
        shift = -lo + D(1) if draw(st.booleans()) else -hi - D(1)
        lo, hi = lo + shift, hi + shift
    t = draw(st.fractions(min_value=0, max_value=1))
    point = Fraction(lo) + (Fraction(hi) - Fraction(lo)) * t
    return Interval(lo, hi), point


@settings(max_examples=400)
@given(x=interval_and_point(), y=interval_and_point())
def test_product_contains_exact_products(x: tuple[Interval, Fraction],
                                         y: tuple[Interval, Fraction]) -> None:
    (a, p), (b, q) = x, y
    r = a * b
    assert Fraction(r.lo) <= p * q <= Fraction(r.hi)


@settings(max_examples=400)
@given(x=interval_and_point(), y=interval_and_point(nonzero=True))
def test_quotient_contains_exact_quotients(x: tuple[Interval, Fraction],
                                           y: tuple[Interval, Fraction]) -> None:
    (a, p), (b, q) = x, y
    r = a / b
    assert Fraction(r.lo) <= p / q <= Fraction(r.hi)


@given(x=interval_and_point(), lo=st.integers(-100, 0), hi=st.integers(0, 100))
def test_divisor_containing_zero_raises(x: tuple[Interval, Fraction], lo: int, hi: int) -> None:
    with pytest.raises(DivisorMayBeZero):
        x[0] / Interval(D(lo), D(hi))


@given(x=interval_and_point(), y=interval_and_point())
def test_sum_and_difference_contain_exact(x: tuple[Interval, Fraction],
                                          y: tuple[Interval, Fraction]) -> None:
    (a, p), (b, q) = x, y
    s, d = a + b, a - b
    assert Fraction(s.lo) <= p + q <= Fraction(s.hi)
    assert Fraction(d.lo) <= p - q <= Fraction(d.hi)
