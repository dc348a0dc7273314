"""The reason a fact's sentence gives for its figure (``Fact.reason``; reason_given in P03, P09).

A 情况说明 explains a change or a budget/actual gap in the sentence that states it or in the one
right after it ("…完成年初预算的 2.89%。决算数小于预算数的主要原因是…", QH24:479). The window
searched is therefore the fact's sentence and the next sentence of the text of the innermost
section holding its line (whitespace removed, as facts are). A reason is a word that introduces
one (``reasons:`` in ``checker/facts/patterns.yaml``: 原因, 由于, 因为, 主要是 …; never a bare 系,
which 关系 and 体系 print too). Where the section text cannot be found (a case written by hand,
a JSON document without sections) the fact's own sentence is the window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker.model import Fact, Section, SectionText
from checker.parse.patterns import PatternSet

__all__ = ["read_reasons", "window"]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=16)
def _reasons(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words) or r"(?!)")


def window(sections: list[Section] | SectionText, line: int, sentence: str) -> str:
    """``sentence`` and the sentence after it in the text of the section holding ``line``."""
    texts = sections if isinstance(sections, SectionText) else SectionText(sections)
    after = texts.clauses_after(line, sentence, 1)
    return _SPACE.sub("", sentence) + (after[0] if after else "")


def read_reasons(facts: Sequence[Fact], sections: list[Section] | SectionText,
                 ps: PatternSet) -> None:
    """Put on each fact the first reason word of its window (``Fact.reason``, None: none) in
    the document's sections (or their texts)."""
    rx = _reasons(tuple(ps.reason_words))
    texts = sections if isinstance(sections, SectionText) else SectionText(sections)
    found: dict[tuple[int, str], str | None] = {}
    for f in facts:
        key = (f.line, f.sentence)
        if key not in found:
            m = rx.search(window(texts, f.line, f.sentence))
            found[key] = m.group(0) if m else None
        f.reason = found[key]
