"""Narrative headings as rules see them: ``has_section(key)`` and ``has_heading(regex)``.

* ``has_section("说明.三公")`` is true when a heading of the report maps to that canonical key
  (or to a key below it: ``说明.一般公共预算`` is also met by ``说明.一般公共预算.总体``). The
  mapping from heading text to key is the ``sections`` list of the fact patterns
  (``checker/facts/patterns.yaml`` and the region packages' files), the same one facts use.
* ``has_heading("名词解释")`` is true when a heading's text (spaces removed) matches the regular
  expression: for parts that carry no figures and so no key (部门概况, 名词解释);
* ``has_text("国有资产占")`` is true when the text under a heading (spaces removed) matches: a
  statement made inside another section (QH24:806, 国有资产 under 其他重要事项).

Completeness rules (C07, C08, C15) use them; a report without any narrative heading (a workbook
of tables) makes them not evaluated rather than failed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from checker.dsl.function import Function
from checker.dsl.quantities import NotEvaluated
from checker.model import Section

__all__ = ["SECTION_FUNCTIONS"]


def _headings(ctx: Any) -> list[Section]:
    out = ctx.doc.memo.get("headings")
    if out is None:
        out = ctx.doc.memo["headings"] = [s for top in ctx.doc.document.sections for s in top.walk()]
    if not out:
        raise NotEvaluated("the report has no narrative headings")
    return out


def _keys(ctx: Any) -> set[str]:
    """The canonical keys of every heading, once per evaluation."""
    keys = ctx.doc.memo.get("section_keys")
    if keys is None:
        keys = {s.key for s in _headings(ctx) if s.key is not None}
        ctx.doc.memo["section_keys"] = keys
    return keys


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _has_section(ctx: Any, key: Any) -> bool:
    """True when a heading maps to the canonical section key ``key`` or a key below it."""
    wanted = str(key)
    return any(k == wanted or k.startswith(wanted + ".") for k in _keys(ctx))


def _has_heading(ctx: Any, pattern: Any) -> bool:
    """True when a heading's text (without spaces) matches the regular expression."""
    rx = _regex(str(pattern))
    return any(rx.search(re.sub(r"\s+", "", s.title)) for s in _headings(ctx))


def _has_text(ctx: Any, pattern: Any) -> bool:
    """True when the text of a narrative section (without spaces) matches the expression."""
    rx = _regex(str(pattern))
    return any(rx.search(re.sub(r"\s+", "", s.text)) for s in _headings(ctx) if not s.children)


SECTION_FUNCTIONS = [
    Function("has_section", _has_section, 1, 1, "bool",
             doc="a heading maps to this canonical section key (说明.三公) or one below it",
             reads="narrative",
             string_args=("section",)),
    Function("has_heading", _has_heading, 1, 1, "bool",
             doc="a heading's text matches the regular expression",
             reads="narrative"),
    Function("has_text", _has_text, 1, 1, "bool",
             doc="the text of a narrative section matches the regular expression",
             reads="narrative"),
]
