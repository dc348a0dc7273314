"""A narrative fact as rules see it (:class:`FactRef`, ``for f in facts("占比")``): its
properties (:data:`FACT_PROPS`), the facts read by the same match of its pattern, and the
quantity its printed number stands for (:func:`fact_quantity`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.dsl.interval import Interval
from checker.dsl.quantities import Missing, Q, exact
from checker.dsl.view import DocView
from checker.findings import Operand
from checker.indicator_value import indicator_words
from checker.model import Fact

__all__ = ["FACT_PROPS", "FactRef", "fact_quantity", "facts_by_group"]


FACT_PROPS = ("value", "unit", "line", "sentence", "name", "label", "section", "text", "decimals",
              "pattern")


@dataclass(slots=True)
class FactRef:
    """A narrative fact (:class:`checker.model.Fact`) as rules see it.

    ``f.value`` is the printed number as a quantity: 775.4 stands for [775.35, 775.45] (the
    rounding interval of its printed decimals, as for table cells); a percentage "96.21%" is the
    ratio 0.9621 ± 0.00005, so it compares with ``a / b`` and with ``100%``. ``f.unit``,
    ``f.line``, ``f.sentence``, ``f.name``, ``f.label``, ``f.section``, ``f.text`` (as printed),
    ``f.decimals`` are its properties; any other name is a fact read by the same match of the
    pattern (``f.预算数`` beside a 完成率) or a text capture (``f.方向``) — a quantity when the
    parser read it as a number (``f.人数``: ``Fact.numbers``, ``capture_numbers`` in the pattern
    file); a name that is neither is missing (the instance is ``not_evaluated``).
    """

    fact: Fact
    view: DocView

    def quantity(self) -> Q:
        """The printed value as a quantity (see the class docstring)."""
        return fact_quantity(self.fact)

    def get(self, name: str) -> Any:
        """A property, a fact of the same match, or a text capture."""
        f = self.fact
        if name == "value":
            return self.quantity()
        if name == "line":
            return exact(f.line)
        if name == "decimals":
            return exact(f.number.decimals)
        if name == "text":
            return f.number.text
        if name in ("unit", "sentence", "name", "label", "section", "pattern"):
            return getattr(f, name)
        if f.group is not None:
            for other in facts_by_group(self.view).get(f.group, ()):
                if other.name == name and other is not f:
                    return fact_quantity(other)
        if name in f.numbers:  # a text capture the parser read as a number
            n = f.numbers[name]
            return Q(n.value, Interval(n.low, n.high), (), n.text)
        if name in f.attrs:
            return f.attrs[name]
        raise Missing(f"{name} is not in the statement at line {f.line} ({f.sentence})")


def fact_quantity(f: Fact) -> Q:
    """The quantity a fact's printed number stands for (percent as a ratio; a count — a unit
    that is a measure word, 辆 个 人次 … — is exact: "2 辆" is [2, 2])."""
    n = f.number
    v, d = n.value, n.decimals
    if n.percent or f.unit == "%":
        v, d = v.scaleb(-2), d + 2
    ref = Operand("narrative", f.label or f.name, None, f.name, f.line, n.text)
    if f.unit in indicator_words().count_units:
        return Q(v, Interval.exact(v), (ref,), n.text)
    return Q(v, Interval.printed(v, d), (ref,), n.text)



def facts_by_group(view: DocView) -> dict[int, list[Fact]]:
    """The document's facts by match group (cached on the view)."""
    cache = getattr(view, "_fact_groups", None)
    if cache is None:
        cache = {}
        for f in view.document.facts:
            if f.group is not None:
                cache.setdefault(f.group, []).append(f)
        view._fact_groups = cache  # type: ignore[attr-defined]
    return cache
