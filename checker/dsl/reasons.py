"""``reason_given(f)``: whether the narrative gives a reason for the figure of fact ``f``.

A 情况说明 explains a change or a budget/actual gap in the sentence that states it or in the one
right after it ("…完成年初预算的 2.89%。决算数小于预算数的主要原因是…", QH24:479). The window
searched is therefore ``f``'s sentence and the next sentence of the text of the innermost
section holding ``f``'s line (whitespace removed, as facts are). A reason is a word that
introduces one: 原因, 由于, 因为. Where the section text cannot be found (a case written by hand,
a JSON document without sections) the fact's own sentence is the window.
"""

from __future__ import annotations

import re
from typing import Any

from checker.dsl.function import Function
from checker.dsl.values import FactRef, NotEvaluated, display
from checker.model import Section, clauses_after

__all__ = ["REASON_FUNCTIONS", "REASON_WORDS"]

REASON_WORDS = re.compile(r"原因|由于|因为")
_SPACE = re.compile(r"\s+")


def window(sections: list[Section], line: int, sentence: str) -> str:
    """``sentence`` and the sentence after it in the text of the section holding ``line``."""
    after = clauses_after(sections, line, sentence, 1)
    return _SPACE.sub("", sentence) + (after[0] if after else "")


def _reason_given(ctx: Any, f: Any) -> bool:
    """True when a reason word is in ``f``'s sentence or the next one."""
    if not isinstance(f, FactRef):
        raise NotEvaluated(f"reason_given() needs a fact, got {display(f)!r}")
    fact = f.fact
    return bool(REASON_WORDS.search(window(ctx.doc.document.sections, fact.line, fact.sentence)))


REASON_FUNCTIONS = [
    Function("reason_given", _reason_given, 1, 1, "bool",
             doc="a reason (原因, 由于, 因为) in the fact's sentence or the next one",
             reads="narrative"),
]
