"""``reason_given(f)``: whether the narrative gives a reason for the figure of fact ``f``.

The parser reads it once (``checker/parse/reasons.py``: the window searched, the reason words of
``checker/facts/patterns.yaml``) and puts the reason word it found on the fact (``Fact.reason``);
this function reads it.
"""

from __future__ import annotations

from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef
from checker.dsl.function import Function
from checker.dsl.quantities import NotEvaluated

__all__ = ["REASON_FUNCTIONS"]


def _reason_given(ctx: Any, f: Any) -> bool:
    """True when a reason word is in ``f``'s sentence or the next one."""
    if not isinstance(f, FactRef):
        raise NotEvaluated(f"reason_given() needs a fact, got {display(f)!r}")
    return f.fact.reason is not None


REASON_FUNCTIONS = [
    Function("reason_given", _reason_given, 1, 1, "bool",
             doc="a reason (原因, 由于, 因为, 主要是 …) in the fact's sentence or the next one",
             reads="narrative"),
]
