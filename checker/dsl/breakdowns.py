"""Rule-language functions for the narrative "其中" breakdowns (A06.其中, rules/narrative.rules).

The parser reads each breakdown once (``checker/parse/breakdowns.py``: what is and is not a part
of a whole) and puts it on the whole's fact (``Fact.breakdown``, ``Fact.read_as``); these
functions read what it put there:

=====================  ================================================================
``parts(f)``           the facts that are the parts of the whole ``f`` states, in order: the
                       万元 amounts after the "其中" that follows ``f``, up to the end of the
                       clause (a share list goes on past "；"); empty when no "其中" follows ``f``.
                       Not evaluated when a part is printed in 元 (U01 says so) or was not read
                       as a fact
``partial_list(f)``    the text marks the list as partial: "其中主要（是/有/为）…", "其中部分…",
                       the list ending in "等", or a nested list cutting it short
``share_list(f)``      every part (two or more) carries its share of the whole ("…万元，占
                       39.75%"): the text gives the structure of the whole, a complete breakdown
``money(f)``           a 万元 fact read at money precision (R2, as table cells): "50万元" in a
                       list of parts is 50 ± 0.005, not ± 0.5 (SX23:708 "干部职工体检费75万元")
``read_as(f, name)``   the number ``f`` prints is also read as a fact ``name`` (a whole that a
                       rule of its own checks: 政府采购总额 = 货物 + 工程 + 服务, A06)
=====================  ================================================================
"""

from __future__ import annotations

from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef, fact_quantity
from checker.dsl.function import Function
from checker.dsl.interval import Interval
from checker.dsl.quantities import NotEvaluated, Q
from checker.model import Breakdown, Fact

__all__ = ["BREAKDOWN_FUNCTIONS"]


def _fact_of(value: Any, fname: str) -> Fact:
    if isinstance(value, FactRef):
        return value.fact
    raise NotEvaluated(f"{fname}() needs a fact, got {display(value)!r}")


def _breakdown(f: Any, fname: str) -> Breakdown | None:
    return _fact_of(f, fname).breakdown


def _parts(ctx: Any, f: Any) -> list[FactRef]:
    """The parts listed after "其中" for the whole ``f`` states ([] when it opens no list)."""
    b = _breakdown(f, "parts")
    if b is None:
        return []
    if b.unread is not None:
        raise NotEvaluated(b.unread)
    facts = ctx.doc.document.facts
    return [FactRef(facts[i], ctx.doc) for i in b.parts]


def _partial_list(ctx: Any, f: Any) -> bool:
    """The text marks ``f``'s list of parts as partial."""
    b = _breakdown(f, "partial_list")
    return b is not None and b.partial


def _money(ctx: Any, f: Any) -> Q:
    """A 万元 fact read as money cells are (R2): at least 2 decimals, "50万元" is 50 ± 0.005."""
    me = _fact_of(f, "money")
    if me.unit != "万元" or me.number.percent:
        raise NotEvaluated(f"money() needs a 万元 amount, got {me.number.text} {me.unit or ''}")
    q = fact_quantity(me)
    if me.number.decimals >= 2:
        return q
    return Q(q.value, Interval.printed(me.number.value, 2), q.refs, q.text)


def _read_as(ctx: Any, f: Any, name: Any) -> bool:
    """The number ``f`` prints is also read as a fact named ``name`` (same line, text, sentence)."""
    me = _fact_of(f, "read_as")
    if not isinstance(name, str):
        raise NotEvaluated(f"read_as() needs a fact name, got {display(name)!r}")
    return name == me.name or name in me.read_as


def _share_list(ctx: Any, f: Any) -> bool:
    """Every part of ``f``'s list (two or more) carries its share of the whole."""
    b = _breakdown(f, "share_list")
    return b is not None and b.shares


BREAKDOWN_FUNCTIONS = [
    Function("parts", _parts, 1, 1, "facts",
             doc="the 万元 facts listed after the 其中 that follows f, to the clause's end",
             reads="narrative"),
    Function("partial_list", _partial_list, 1, 1, "bool",
             doc="the text marks f's 其中 list as partial (主要, 部分, …等, a nested list)",
             reads="narrative"),
    Function("share_list", _share_list, 1, 1, "bool",
             doc="every part of f's 其中 list carries its share (占 P%): a complete breakdown",
             reads="narrative"),
    Function("money", _money, 1, 1, "number",
             doc="a 万元 fact at money precision R2 (at least 2 decimals: 50 万元 is 50 ± 0.005)",
             reads="narrative"),
    Function("read_as", _read_as, 2, 2, "bool",
             doc="the number f prints is also read as a fact with that name (the rule it has)",
             reads="narrative",
             string_args=("", "fact")),
]
