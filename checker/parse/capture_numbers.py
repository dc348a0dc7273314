"""Text captures read as numbers, once, when the report is parsed (``Fact.numbers``).

A fact pattern's named groups are text captures (``Fact.attrs``: 方向, 基数 …). The captures that
``capture_numbers`` in ``checker/facts/patterns.yaml`` names are also read as numbers, so that a
rule reads ``f.人数`` as a quantity instead of parsing the text when it runs:

``number``
    a printed number, 万 counting ten thousand: "3334" is 3334 ± 0.5, "18.05万" is 180500 ± 50
    (the interval of its printed decimals, times ten thousand); text shown as printed;
``amounts``
    the sum of the 万元 amounts printed in the text, each at money precision R2 (± 0.005
    whatever its printed decimals): "办公用品 10 万元，设备 10 万元" is 20 ± 0.01; text shown
    as the sum.

A capture that does not read (no number, no 万元 amount) gets no entry, and a rule that uses it
is not evaluated (the capture is then only its text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from checker.model import CaptureNumber, Fact
from checker.parse.fields import parse_number
from checker.parse.patterns import PatternSet

__all__ = ["KINDS", "read_capture_numbers", "read_number"]

_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*万元")
_MONEY_HALF = Decimal("0.005")  # half a unit of the money precision (R2)
_WAN = Decimal(10000)


def read_number(text: str) -> CaptureNumber | None:
    """A printed number, 万 counting ten thousand (see the module docstring); None when the text
    is not one (a sign or a % is not a count)."""
    printed = text.strip()
    n = parse_number(printed.removesuffix("万").rstrip(), 0)
    if n is None or n.percent or n.value < 0:
        return None
    half = Decimal(5).scaleb(-n.decimals - 1)
    scale = _WAN if printed.endswith("万") else Decimal(1)
    return CaptureNumber(n.value * scale, (n.value - half) * scale, (n.value + half) * scale,
                         printed)


def read_amounts(text: str) -> CaptureNumber | None:
    """The sum of the 万元 amounts printed in a text (see the module docstring); None when it
    prints none."""
    values = [Decimal(x) for x in _AMOUNT.findall(text)]
    if not values:
        return None
    total = sum(values, Decimal(0))
    half = _MONEY_HALF * len(values)
    return CaptureNumber(total, total - half, total + half, str(total))


KINDS = {"number": read_number, "amounts": read_amounts}


def read_capture_numbers(facts: Iterable[Fact], ps: PatternSet) -> None:
    """Put on each fact of ``facts`` its text captures that ``ps.capture_numbers`` names, read
    as numbers (``Fact.numbers``)."""
    if not ps.capture_numbers:
        return
    for f in facts:
        for name, text in f.attrs.items():
            kind = ps.capture_numbers.get(name)
            if kind is not None and (read := KINDS[kind](text)) is not None:
                f.numbers[name] = read
