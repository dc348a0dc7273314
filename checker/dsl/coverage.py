"""Coverage of the narrative, for the completeness rules C10, C11 and C17 (domain.md §2.1).

* ``described(r, "说明.一般公共预算", r.小计)`` is true when a narrative fact of that section
  (or a section below it) is about the 项 row ``r`` of a table: its label names the row's 项
  ("X（类）Y（款）Z（项）", or a plain label) and, when it prints them, the row's 款 and 类. A
  name printed with a character or two wrong ("住房公金（项）" for 住房公积金, SX23:271) counts
  when its 款 / 类 agree and one of its amounts (决算数, 金额) equals the row's ``amount``
  within rounding. Not evaluated when the row has no 7-digit code.
* ``section_text("说明.三公")`` is the text (headings and body, spaces removed) of every
  narrative heading whose canonical key — its own, or the one it inherits from its parent, as
  facts do — is the key or one below it; the parts under a 名词解释 heading are left out (a
  definition "“三公”经费：指…因公出国（境）费…" is not the 说明). Not evaluated when the report has
  no narrative headings or none with that key.
* ``counts_only(t)`` is true when every column of table ``t`` is an exact count: a 实物量 table
  (团组数, 保有量 …) has no money unit to state (C17).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import fact_quantity
from checker.dsl.function import Function
from checker.dsl.quantities import NotEvaluated, Q
from checker.dsl.view import RowRef, TableRef
from checker.labels import strip_ordinal
from checker.model import Fact, Section

__all__ = ["COVERAGE_FUNCTIONS"]

_PATH = re.compile(r"([^（）()]+)[（(](类|款|项)[）)]")
_SPACES = re.compile(r"\s+")
_GLOSSARY = re.compile(r"名词解释")
# facts whose label can name the item a paragraph is about
_ITEM_FACTS = frozenset({"决算数", "预算数", "完成率", "金额"})
_AMOUNT_FACTS = frozenset({"决算数", "金额"})


def _norm(text: str) -> str:
    return strip_ordinal(_SPACES.sub("", text)).strip("：:。，, ")


def _close(a: str, b: str) -> bool:
    """Two names that differ by a character or two (a misprint)."""
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _label_parts(label: str) -> dict[str, str] | None:
    """{类, 款, 项} named by a label; a plain label is a 项 name; None for a 类 / 款 label."""
    text = _SPACES.sub("", label).strip("：:。 ")
    parts = {kind: _norm(name) for name, kind in _PATH.findall(text)}
    if not parts:
        return {"项": _norm(text)} if text else None
    return parts if "项" in parts else None


def _row_named(view: Any, code: str) -> str | None:
    for r in view.table.rows:
        if r.code == code:
            return _norm(r.label)
    return None


def _agrees(printed: str | None, actual: str | None) -> bool:
    """A 款 / 类 the label prints agrees with the table's (absent on either side: agrees)."""
    if not printed or not actual:
        return True
    return printed == actual or _close(printed, actual)


def _same_amount(f: Fact, amount: Q | None) -> bool:
    if amount is None or f.name not in _AMOUNT_FACTS:
        return False
    return fact_quantity(f).iv.overlaps(amount.iv)


def _described(ctx: Any, row: Any, section: Any, amount: Any = None) -> bool:
    """True when a fact of the section is about the 项 row (see the module docstring)."""
    if not isinstance(row, RowRef):
        raise NotEvaluated(f"described() needs a row, got {display(row)!r}")
    code = row.row.code or ""
    if len(code) != 7:
        raise NotEvaluated(f"described(): row {row.row.label} is not a 项 (7-digit code)")
    qty = amount if isinstance(amount, Q) else None
    sec = str(section or "")
    name = _norm(row.row.label)
    kuan = _row_named(row.view, code[:5])
    lei = _row_named(row.view, code[:3])
    for f in ctx.doc.document.facts:
        if f.name not in _ITEM_FACTS or not f.label:
            continue
        if sec and not (f.section == sec or (f.section or "").startswith(sec + ".")):
            continue
        parts = _label_parts(f.label)
        if parts is None or not (_agrees(parts.get("款"), kuan) and _agrees(parts.get("类"), lei)):
            continue
        xiang = parts["项"]
        if xiang == name or (_close(xiang, name) and _same_amount(f, qty)):
            return True
    return False


def _keyed(sections: list[Section]) -> Iterator[tuple[Section, str | None]]:
    """Every heading in reading order with its canonical key (its own, else its parent's — the
    nearest heading above it of a lower level), leaving out a 名词解释 part and what is below it."""
    stack: list[tuple[int, str | None]] = []
    glossary: int | None = None
    for top in sections:
        for s in top.walk():
            if glossary is not None and s.level > glossary:
                continue
            glossary = None
            while stack and stack[-1][0] >= s.level:
                stack.pop()
            if _GLOSSARY.search(_SPACES.sub("", s.title)):
                glossary = s.level
                continue
            key = s.key or (stack[-1][1] if stack else None)
            stack.append((s.level, key))
            yield s, key


def _section_text(ctx: Any, key: Any) -> str:
    """The text of the narrative sections with canonical key ``key`` (or below it)."""
    top = ctx.doc.document.sections
    if not top:
        raise NotEvaluated("the report has no narrative headings")
    wanted = str(key)
    parts = [_SPACES.sub("", s.title + s.text) for s, k in _keyed(top)
             if k is not None and (k == wanted or k.startswith(wanted + "."))]
    if not parts:
        raise NotEvaluated(f"no narrative section {wanted}")
    return "\n".join(parts)


def _counts_only(ctx: Any, table: Any) -> bool:
    """True when every column of the table is an exact count (a 实物量 table states no money unit)."""
    if not isinstance(table, TableRef):
        raise NotEvaluated(f"counts_only() needs a table, got {display(table)!r}")
    view = table.need()
    keys = view.column_keys
    return bool(keys) and keys <= view.exact_columns


COVERAGE_FUNCTIONS = [
    Function("described", _described, 2, 3, "bool",
             doc="a fact of the section is about this 项 row (label, or a misprint with its amount)",
             reads="narrative",
             string_args=("", "section")),
    Function("section_text", _section_text, 1, 1, "string",
             doc="the text of the narrative sections with this canonical key, 名词解释 left out",
             reads="narrative",
             string_args=("section",)),
    Function("counts_only", _counts_only, 1, 1, "bool",
             doc="every column of the table is an exact count (no money unit to state)"),
]
