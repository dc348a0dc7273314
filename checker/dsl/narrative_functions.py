"""Rule-language functions for the narrative rules A08, A09, U02 and N14 (rules/narrative.rules).

=========================  ==========================================================
``stated(name)``           the value of the first fact ``name`` in the narrative, or an exact 0
                           when the narrative does not state it (an optional term of a balance:
                           使用非财政拨款结余, 结余分配; A08)
``prior(f)``               the previous-year value a change statement implies: 本年 − 变动额 after
                           增加, 本年 + 变动额 after 减少 (``f`` a 变动额, 变动率 or 本年 fact of the
                           statement); not evaluated without a current amount or a direction
``change_parts(f)``        the change statements that break down the change ``f`` states: the
                           statements right after it in its section, with the same comparison
                           base (上年预算 / 上年决算), at least two of them changing, whose signed
                           changes add up exactly to ``f``'s (A09); empty when there are none, or
                           when a zero change follows that may belong to the breakdown or not
``restated_changes(f)``    the later change statements of ``f``'s section about the same item (the
                           name or label of their current amount) on the same comparison base
                           (A09.same; 收入总计 in 说明.总体 and in 说明.财政拨款总体 are not one item)
``largest_total(f, r)``    the largest 万元 amount of the narrative facts named in list ``f`` and
                           of the rows of 万元 tables whose key or label is in list ``r``; the
                           rule names the totals (U02: 收入总计 … and the 合计 / 总计 rows)
``same_name(a, b)``        two project names agree after normalisation (N14): spaces, quotes,
                           punctuation and bracket marks are ignored, and so are generic last words
                           (项目, 经费, 资金) and qualifiers (a year "2024 年", a bracketed note
                           "（含追加）") that only one of the two names prints
=========================  ==========================================================

``change_parts`` and ``restated_changes`` look up what the parser read once onto the 变动额
facts (``checker/parse/changes.py``: the comparison base, the subject of a change).
"""

from __future__ import annotations

import re
from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef, fact_quantity
from checker.dsl.function import Function
from checker.dsl.quantities import Missing, NotEvaluated, Q, exact
from checker.labels import strip_ordinal
from checker.model import Fact

__all__ = ["NARRATIVE_FUNCTIONS", "normalise_name", "same_name"]

_UP, _DOWN = "增加", "减少"


def _fact_of(value: Any, fname: str) -> FactRef:
    if isinstance(value, FactRef):
        return value
    raise NotEvaluated(f"{fname}() needs a fact, got {display(value)!r}")


def _stated(ctx: Any, name: Any) -> Q:
    """The first fact ``name`` of the narrative, or an exact 0 when none is printed."""
    if not isinstance(name, str):
        raise NotEvaluated(f"stated() needs a fact name, got {display(name)!r}")
    for f in ctx.doc.document.facts:
        if f.name == name:
            return fact_quantity(f)
    return exact(0)


# ---- changes: "本年 X 万元，比上年增加/减少 D 万元"


def _group(ctx: Any, f: Fact) -> list[Fact]:
    if f.group is None:
        return [f]
    return [x for x in ctx.doc.document.facts if x.group == f.group]


def _change_of(ctx: Any, f: Fact) -> Fact | None:
    if f.name == "变动额":
        return f
    return next((x for x in _group(ctx, f) if x.name == "变动额"), None)


def _prior(ctx: Any, f: Any) -> Q:
    """本年 ∓ 变动额 of the statement ``f`` belongs to."""
    ref = _fact_of(f, "prior")
    change = _change_of(ctx, ref.fact)
    if change is None:
        raise Missing(f"no change stated at line {ref.fact.line}")
    current = next((x for x in _group(ctx, change) if x.name == "本年"), None)
    if current is None:
        raise Missing(f"no current-year amount for the change at line {change.line} ({change.sentence})")
    direction = change.attrs.get("方向")
    if direction not in (_UP, _DOWN):
        raise NotEvaluated(f"the change at line {change.line} has no direction (“{direction or ''}”)")
    if direction == _UP:
        return fact_quantity(current) - fact_quantity(change)
    return fact_quantity(current) + fact_quantity(change)


def _change_parts(ctx: Any, f: Any) -> list[FactRef]:
    ref = _fact_of(f, "change_parts")
    whole = _change_of(ctx, ref.fact)
    if whole is None:
        return []
    facts = ctx.doc.document.facts
    return [FactRef(facts[i], ref.view) for i in whole.change_parts]


def _restated_changes(ctx: Any, f: Any) -> list[FactRef]:
    ref = _fact_of(f, "restated_changes")
    me = _change_of(ctx, ref.fact)
    if me is None:
        return []
    facts = ctx.doc.document.facts
    return [FactRef(facts[i], ref.view) for i in me.restated]


# ---- magnitude (U02)

def _names(value: Any, fname: str) -> frozenset[str]:
    """A rule's list of names (``["合计", "总计"]``)."""
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise NotEvaluated(f"{fname}() needs a list of names, got {display(value)!r}")
    return frozenset(value)


def _largest_total(ctx: Any, fact_names: Any, row_names: Any) -> Q:
    """The largest 万元 amount among the facts named in ``fact_names`` and the table rows whose
    key or label is in ``row_names`` (the report's totals)."""
    totals, rows = _names(fact_names, "largest_total"), _names(row_names, "largest_total")
    best: Q | None = None
    for f in ctx.doc.document.facts:
        if f.name in totals and f.unit == "万元":
            q = fact_quantity(f)
            if best is None or q.value > best.value:
                best = q
    for tref in ctx.doc.all_tables():
        view = tref.view
        if view is None or view.empty or view.table.unit not in (None, "万元"):
            continue
        for row in view.table.rows:
            if row.key not in rows and strip_ordinal(row.label) not in rows:
                continue
            for key, cell in row.cells.items():
                n = cell.number
                if n is None or n.percent or key in view.exact_columns:
                    continue
                if best is None or n.value > best.value:
                    best = view.cell(row, key)
    if best is None:
        raise Missing("the report prints no total (收入总计, 支出总计, a table's 合计)")
    # without its operand: a finding points at the amount, not at the total it is measured by
    return Q(best.value, best.iv, (), best.text)


# ---- names (N14)

_SPACE_PUNCT = re.compile(r"[\s“”‘’\"'《》〈〉、，,。．.·:：;；\-—－_/]+")
_BRACKETED = re.compile(r"[（(【\[]([^（）()【】\[\]]*)[）)】\]]")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}年度?")
_GENERIC_END = re.compile(r"(?:项目|经费|资金)+$")


def normalise_name(name: str) -> tuple[str, frozenset[str]]:
    """A project name as compared: its core text and its qualifiers (years, bracketed notes)."""
    text = _SPACE_PUNCT.sub("", strip_ordinal(name.strip()))
    quals = {m.group(1) for m in _BRACKETED.finditer(text) if m.group(1)}
    text = _BRACKETED.sub("", text)
    quals |= {m.group(0).removesuffix("度") for m in _YEAR.finditer(text)}
    quals = {_YEAR.sub(lambda m: m.group(0).removesuffix("度"), q) for q in quals}
    text = _YEAR.sub("", text)
    return _GENERIC_END.sub("", text) or text, frozenset(quals)


def same_name(a: str, b: str) -> bool:
    """Two project names agree: the same core, and the qualifiers of one are among the other's."""
    core_a, qa = normalise_name(a)
    core_b, qb = normalise_name(b)
    return core_a == core_b and (qa <= qb or qb <= qa)


def _same_name(ctx: Any, a: Any, b: Any) -> bool:
    if not isinstance(a, str) or not isinstance(b, str) or not a.strip() or not b.strip():
        raise NotEvaluated(f"same_name() needs two names, got {display(a)!r} and {display(b)!r}")
    return same_name(a, b)


NARRATIVE_FUNCTIONS: list[Function] = [
    Function("stated", _stated, 1, 1, "number",
             doc="the first fact with a name, or 0 when the narrative does not state it",
             reads="narrative",
             string_args=("fact",)),
    Function("prior", _prior, 1, 1, "number",
             doc="the previous-year value a change statement implies (本年 ∓ 变动额)",
             reads="narrative"),
    Function("change_parts", _change_parts, 1, 1, "facts",
             doc="the change statements after f whose changes add up to f's",
             reads="narrative"),
    Function("restated_changes", _restated_changes, 1, 1, "facts",
             doc="later change statements about the same item as f",
             reads="narrative"),
    Function("largest_total", _largest_total, 2, 2, "number",
             doc="the largest 万元 amount of the facts and the table rows named (the report's totals)",
             reads="narrative"),
    Function("same_name", _same_name, 2, 2, "bool",
             doc="two project names agree after normalisation",
             reads="narrative"),
]
