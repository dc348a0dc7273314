"""Rule-language functions on the indicator rows of a 绩效自评表 (rules/performance.rules U09,
S05, S06, S07). They read what the parser read a row's 年度指标值 / 实际完成值 texts as
(:mod:`checker.parse.indicator`, stored on the row: ``Row.indicator``, ``Cell.indicator``);
``r`` is an indicator row (``r.side = "指标"``).

=====================  ================================================================
``indicator_rows(id)``  the indicator rows (side 指标) of every table with template id ``id``
                       ("perf.project"), in document order: a loop over them binds only the
                       row, so a finding that compares no number points at the row's line
``readable(r)``        the row's 指标值 and 完成值 both parse and make sense together (a bare
                       target bound in a rate row must be a possible percentage: ">905",
                       GS24:2422); not evaluated when the text did not give the two values apart
``unreadable(r)``      why not (a text for messages; "" when readable)
``quantitative(r)``    both are single quantities in one unit: a completion ratio exists
``comparable(r)``      whether the target is met can be told (quantities, equal texts, a known
                       text target and a known answer)
``target_met(r)``      the actual reaches the target as printed, exactly ("<20 天" is not met by
                       20; no comparator: reach it); not evaluated when not comparable
``completion(r)``      完成值 ÷ 指标值 as a ratio (指标值 ÷ 完成值 for ≤ and < targets): the target
                       is exact, the actual its printed rounding interval (exact for counts)
``measured(r)``        the 完成值 is one number (with its unit), not a bound ("≥70%"), a band or
                       a word: for ``where``, it never fails
``actual(r)``          the 完成值 as a quantity (a percentage as a ratio; a bare number takes
                       the 指标值's or the 单位 column's unit: "100" under "%" is 100%); not
                       evaluated unless measured
``unit_of(x)``         the unit a printed value or a 单位 cell names ("54 万元" → 万元, "<=20 日" →
                       天, "=100%" → %, "2700/月/人" → /月/人), "" when it names none; two
                       spellings of a unit are folded as the parser folds them
                       (``unit_aliases`` of ``checker/facts/indicator_words.yaml``)
``is_band(r)``         the 完成值 is a grade band ("100%-80%(含)")
``band_low(r)``,       the band's bounds as exact fractions (0.8 and 1 for "100%-80%(含)")
``band_high(r)``
=====================  ================================================================

``quantitative``, ``comparable`` and ``is_band`` never fail: they are meant for ``where``, so
that a row of another kind is simply not one the rule is about; ``readable`` is not evaluated
for a row whose values the parser could not tell apart (U09 lists it once).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from checker.dsl.display import display
from checker.dsl.function import Function
from checker.dsl.interval import DivisorMayBeZero, Interval
from checker.dsl.quantities import NotEvaluated, Q, exact
from checker.dsl.view import RowRef
from checker.findings import Operand
from checker.indicator_value import (
    BAND,
    QUANTITY,
    IndicatorPair,
    IndicatorValue,
    indicator_words,
)
from checker.model import Cell

__all__ = ["INDICATOR_FUNCTIONS"]


def _row(value: Any, fname: str) -> RowRef:
    if isinstance(value, RowRef):
        return value
    raise NotEvaluated(f"{fname}() needs an indicator row, got {display(value)!r}")


def _text_cell(r: RowRef, key: str) -> Cell:
    cell = r.row.cells.get(key)
    name = {"指标值": "年度指标值", "完成值": "实际完成值"}.get(key, key)
    if cell is None:
        raise NotEvaluated(f"{r.row.label} (line {r.row.line}): {name} not read from the text")
    if cell.placed == "ambiguous":
        raise NotEvaluated(f"{r.row.label} (line {cell.line}): {name} cannot be told apart from "
                           f"the other values in the text")
    return cell


def _row_pair(r: RowRef) -> IndicatorPair:
    _text_cell(r, "指标值")
    _text_cell(r, "完成值")
    pair = r.row.indicator
    if pair is None:
        raise NotEvaluated(f"{r.row.label} (line {r.row.line}): the values were not read")
    return pair


def _cell_value(r: RowRef, key: str) -> IndicatorValue:
    cell = _text_cell(r, key)
    if cell.indicator is None:
        raise NotEvaluated(f"{r.row.label} (line {cell.line}): {key} was not read")
    return cell.indicator


def _quiet(fn: Any, r: Any) -> Any:
    try:
        return fn(_row(r, "quantitative"))
    except NotEvaluated:
        return None


# ---- the functions


def _indicator_rows(ctx: Any, table_id: Any) -> list[RowRef]:
    if not isinstance(table_id, str):
        raise NotEvaluated(f"indicator_rows() needs a table id, got {display(table_id)!r}")
    memo = ctx.doc.memo.setdefault("indicator_rows", {})  # several rules loop over the same rows
    out = memo.get(table_id)
    if out is None:
        out = memo[table_id] = [RowRef(ref.view, r) for ref in ctx.doc.all_tables()
                                if ref.template_id == table_id and ref.view is not None
                                and not ref.view.empty
                                for r in ref.view.table.rows if r.side == "指标"]
    return out


def _readable(ctx: Any, r: Any) -> bool:
    return _row_pair(_row(r, "readable")).problem is None


def _unreadable(ctx: Any, r: Any) -> str:
    return _row_pair(_row(r, "unreadable")).problem or ""


def _quantitative(ctx: Any, r: Any) -> bool:
    pair = _quiet(_row_pair, r)
    return bool(pair is not None and pair.quantitative)


def _comparable(ctx: Any, r: Any) -> bool:
    pair = _quiet(_row_pair, r)
    return pair is not None and pair.met() is not None


def _target_met(ctx: Any, r: Any) -> bool:
    pair = _row_pair(_row(r, "target_met"))
    met = pair.met()
    if met is None:
        raise NotEvaluated(f"target_met(): {pair.why_not_comparable()}")
    return met


def _operand(r: RowRef, key: str) -> Operand:
    cell = r.row.cells[key]
    return Operand(r.view.table.id, r.row.key, r.row.code, key, cell.line, cell.printed)


def _completion(ctx: Any, r: Any) -> Q:
    row = _row(r, "completion")
    pair = _row_pair(row)
    if not pair.quantitative:
        raise NotEvaluated(f"completion(): {pair.why_not_comparable()}")
    t, a = pair.target, pair.actual
    assert t.number is not None and a.number is not None
    target = Interval.exact(t.number)
    exact_actual = a.unit in indicator_words().count_units and a.decimals == 0
    actual = Interval.exact(a.number) if exact_actual else Interval.printed(a.number, a.decimals)
    reverse = t.comparator in ("≤", "<")
    try:
        iv = target / actual if reverse else actual / target
    except DivisorMayBeZero:
        raise NotEvaluated("completion(): divisor may be zero") from None
    value = t.number / a.number if reverse else a.number / t.number
    refs = (_operand(row, "完成值"), _operand(row, "指标值"))
    return Q(value, iv, refs)


def _measured_pair(r: RowRef) -> IndicatorPair | None:
    pair = _quiet(_row_pair, r)
    if pair is None or pair.problem is not None:
        return None
    a = pair.actual
    if a.kind != QUANTITY or a.number is None or a.comparator is not None:
        return None
    return pair


def _measured(ctx: Any, r: Any) -> bool:
    return _measured_pair(_row(r, "measured")) is not None


def _actual(ctx: Any, r: Any) -> Q:
    row = _row(r, "actual")
    pair = _measured_pair(row)
    if pair is None:
        raise NotEvaluated(f"actual(): 实际完成值 of {row.row.label} (line {row.row.line}) is not "
                           f"one measured number")
    a = pair.actual
    assert a.number is not None
    v, d = a.number, a.decimals
    unit = pair.unit or a.unit
    if a.percent or unit == "%":
        v, d = v.scaleb(-2), d + 2
    counted = unit in indicator_words().count_units and a.decimals == 0
    iv = Interval.exact(v) if counted else Interval.printed(v, d)
    return Q(v, iv, (_operand(row, "完成值"),))


_UNIT_AFTER = re.compile(r"\d(?:[\d,]*)(?:\.\d+)?\s*(?P<u>[^\d\s（(）)]*)")


def _unit_of(ctx: Any, x: Any) -> str:
    if isinstance(x, Q):
        x = x.text or ""
    if x is None:
        return ""
    if not isinstance(x, str):
        raise NotEvaluated(f"unit_of() needs a printed value, got {display(x)!r}")
    text = x.replace("％", "%").strip()
    m = _UNIT_AFTER.search(text)
    unit = m.group("u") if m else ("" if re.search(r"\d", text) else text)
    words = indicator_words()
    # a comparator word after the unit is not part of it ("95%以上"; 及以上 tried before 以上)
    suffix = next((w for w in words.comparator_suffixes if unit.endswith(w)), "")
    return words.unit(unit.removesuffix(suffix) if suffix else unit)


def _band(r: Any, fname: str) -> Any:
    row = _row(r, fname)
    value = _cell_value(row, "完成值")
    if value.kind != BAND:
        raise NotEvaluated(f"{fname}(): 实际完成值 {value.text!r} is not a band")
    return value


def _is_band(ctx: Any, r: Any) -> bool:
    try:
        return _band(r, "is_band").kind == BAND
    except NotEvaluated:
        return False


def _band_low(ctx: Any, r: Any) -> Q:
    low = _band(r, "band_low").low
    assert isinstance(low, Decimal)
    return exact(low)


def _band_high(ctx: Any, r: Any) -> Q:
    high = _band(r, "band_high").high
    assert isinstance(high, Decimal)
    return exact(high)


INDICATOR_FUNCTIONS: list[Function] = [
    Function("indicator_rows", _indicator_rows, 1, 1, "any",
             doc="the indicator rows (side 指标) of every table with this id, in document order",
             string_args=("table",)),
    Function("readable", _readable, 1, 1, "bool",
             doc="an indicator row's 指标值 and 完成值 parse and make sense together"),
    Function("unreadable", _unreadable, 1, 1, "string",
             doc="why an indicator row's values cannot be read (\"\" when they can)"),
    Function("quantitative", _quantitative, 1, 1, "bool",
             doc="指标值 and 完成值 are single quantities in one unit"),
    Function("comparable", _comparable, 1, 1, "bool",
             doc="whether the target is met can be told from the printed values"),
    Function("target_met", _target_met, 1, 1, "bool",
             doc="the 完成值 reaches the 指标值 (its comparator; none: reach it)"),
    Function("completion", _completion, 1, 1, "number",
             doc="完成值 ÷ 指标值 (reversed for ≤ / < targets) as a ratio"),
    Function("measured", _measured, 1, 1, "bool",
             doc="the 完成值 is one number (not a bound, band or word)"),
    Function("actual", _actual, 1, 1, "number", doc="the 完成值 as a quantity (a rate as a ratio)"),
    Function("unit_of", _unit_of, 1, 1, "string",
             doc="the unit a printed value or 单位 cell names (日 as 天), \"\" for none"),
    Function("is_band", _is_band, 1, 1, "bool", doc="the 完成值 is a grade band (100%-80%(含))"),
    Function("band_low", _band_low, 1, 1, "number", doc="the lower bound of the 完成值 band"),
    Function("band_high", _band_high, 1, 1, "number", doc="the upper bound of the 完成值 band"),
]
