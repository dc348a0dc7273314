"""What a 绩效自评表 indicator value says: 年度指标值 (the target) and 实际完成值 (the actual).

:func:`parse_indicator` reads one printed value into an :class:`IndicatorValue` of one kind:

* ``quantity`` — an optional comparator, a number and a unit: "≥1 次", "=290 万元", "4200人次",
  "95%以上", "≧70%", "18.05万人", "300元/人/年". Comparators are normalised to ``≥ ≤ > < =``
  (``≧ ≦ >= <= ＞ ＜ ＝`` and 不低于, 不少于, 不超过, 大于 …; a suffix 以上 / 以下 / 以内 too).
  The number keeps its printed decimals; ``percent`` is set for "%" / "％"; units are normalised
  only where two spellings mean the same (日 → 天). A remark in brackets after the unit
  ("10万元（按市场价）") and a text before the number ("缴费基数1%") are kept apart (``note``).
* ``band`` — a qualitative grade band, "100%-80%(含)" (GS24:2413–2415), read as the fractions
  ``low`` 0.8 and ``high`` 1; "(含)" marks the bound it follows as included.
* ``date`` — a year or a period: "2023年度", "2023年", "2023年度6月前".
* ``word`` — a known text value: 定性优良 (→ 优良), 是否有所提高, 有所提高, 长期, 逐步提高,
  (定性)年内完成, 已完成, 良好, 是, 否 … with its polarity: ``yes`` (an affirmative answer or a
  standard met by one: 已完成, 良好, 是), ``no`` (否, 未完成, 差, 一般), ``question`` (是否有所提高).
* ``several`` — several quantities in one cell: "70%和60%", "2个；4次" (``parts``).
* ``unparsed`` — anything else, with the reason (``why``).

The words — comparators written as words, the known text values with their polarity, the
spellings of a unit folded to one — are data: ``checker/facts/indicator_words.yaml``
(:func:`checker.indicator_value.indicator_words`); the symbols and the shapes are here.

The parser reads one text without context. Whether a row's two values can be compared is
decided by :func:`read_pair`, which also applies the one check that needs the row: a target
printed as a bound without any unit (">905", GS24:2422, where "%" was printed as "5") is read as
a percentage in a row that measures a rate — the indicator's name ends in 率, 满意度, 比例 or
程度, or its actual or 单位 cell is "%" — and is then *unreadable* when it is not a possible
percentage (above 100). A bare bound in a row that is not a rate is a count in the actual's
unit ("≥5" meetings, "≥10000" booklets, QH24:627, 794). A bare actual takes the target's unit
("≥1 次" / "1", QH24:566; "≥90%" / "90", QH24:607).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

from checker import regex_cache
from checker.indicator_value import (
    BAND,
    DATE,
    QUANTITY,
    SEVERAL,
    UNPARSED,
    WORD,
    IndicatorPair,
    IndicatorValue,
    indicator_words,
)
from checker.indicator_value import (
    fold as _fold,
)
from checker.model import Table

__all__ = [
    "BAND",
    "DATE",
    "QUANTITY",
    "SEVERAL",
    "UNPARSED",
    "WORD",
    "IndicatorPair",
    "IndicatorValue",
    "begins_value",
    "parse_indicator",
    "read_indicator_rows",
    "read_pair",
]

# printed comparators → the five canonical ones (longest first when matching)
_CMP_SYMBOLS = {
    ">=": "≥", "＞=": "≥", ">＝": "≥", "＞＝": "≥", "≥": "≥", "≧": "≥", "⩾": "≥", "=>": "≥",
    "<=": "≤", "＜=": "≤", "<＝": "≤", "＜＝": "≤", "≤": "≤", "≦": "≤", "⩽": "≤", "=<": "≤",
    ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "=",
}
_CMP_RE = "|".join(re.escape(k) for k in sorted(_CMP_SYMBOLS, key=len, reverse=True))


@cache
def _quantity_pattern() -> re.Pattern[str]:
    """An optional comparator, a number, a unit, a comparator word after them, a note."""
    suffixes = "|".join(re.escape(w) for w in indicator_words().comparator_suffixes)
    return regex_cache.compile(
        r"^(?P<prefix>[^\d<>=≥≤≧≦⩾⩽＞＜＝+\-－]*?)\s*"
        rf"(?P<cmp>{_CMP_RE})?\s*"
        r"(?P<num>[+\-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*"
        r"(?P<unit>[%％]|[^\d\s（()）%％]*?)\s*"
        rf"(?P<suffix>{suffixes})?\s*"
        r"(?P<note>[（(][^()（）]*[)）])?\s*$"
    )


_BAND = re.compile(
    r"^(?P<a>\d+(?:\.\d+)?)\s*[%％]\s*(?P<ai>[（(]含[)）])?\s*[-－—–~～至]\s*"
    r"(?P<b>\d+(?:\.\d+)?)\s*[%％]\s*(?P<bi>[（(]含[)）])?$"
)
_DATE = re.compile(
    r"^(?:19|20)\d{2}\s*年度?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?:底|末|内|前|以前|之前|年底前|年内|完成|之内)*$"
)
_SEVERAL = re.compile(r"[和、；;，,及与]")

_RATE_LABEL = re.compile(r"(率|满意度|比例|程度|占比)\s*$")


def _unparsed(text: str, why: str) -> IndicatorValue:
    return IndicatorValue(text=text, kind=UNPARSED, why=why)


def _quantity(text: str, t: str) -> IndicatorValue | None:
    m = _quantity_pattern().match(t)
    if not m:
        return None
    words = indicator_words()
    prefix = m.group("prefix").strip()
    cmp_ = _CMP_SYMBOLS.get(m.group("cmp") or "")
    unit = m.group("unit") or ""
    if m.group("suffix") and cmp_ is None:
        cmp_ = words.comparator_suffixes[m.group("suffix")]
    if prefix:
        for word, c in words.comparator_words.items():
            if prefix.endswith(word) and cmp_ is None:
                prefix, cmp_ = prefix[: -len(word)].strip(), c
                break
    if prefix and (prefix in words.polarity or not re.search(r"[\u4e00-\u9fff]", prefix)):
        return None  # "是 5": not one value
    digits = m.group("num").replace(",", "")
    try:
        number = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    unit = words.unit(unit)
    percent = unit == "%"
    note = " ".join(x for x in (prefix, (m.group("note") or "").strip()) if x) or None
    return IndicatorValue(text=text, kind=QUANTITY, comparator=cmp_, number=number,
                          decimals=decimals, percent=percent, unit=unit or None, note=note)


def _band(text: str, t: str) -> IndicatorValue | None:
    m = _BAND.match(t)
    if not m:
        return None
    a, b = Decimal(m.group("a")).scaleb(-2), Decimal(m.group("b")).scaleb(-2)
    a_inc, b_inc = bool(m.group("ai")), bool(m.group("bi"))
    if a > b:
        a, b, a_inc, b_inc = b, a, b_inc, a_inc
    if a == b:
        return None
    # the bound marked (含) is included; so is an unmarked lower bound (unless the mark is on the
    # upper one) and a 100% top; an unmarked upper bound below 100% is not: 80% belongs to the band
    # above "80%-60%(含)"
    low_inc = a_inc or a == 0 or not b_inc
    high_inc = b_inc or b == 1
    return IndicatorValue(text=text, kind=BAND, low=a, high=b, low_inclusive=low_inc,
                          high_inclusive=high_inc)


def parse_indicator(text: str) -> IndicatorValue:
    """Read one printed 年度指标值 / 实际完成值 (see the module docstring for the kinds)."""
    raw = text
    t = _fold(text)
    if not t:
        return _unparsed(raw, "未填写")
    if t.startswith("定性") and len(t) > 2:
        t = t[2:].strip()
    compact = t.replace(" ", "")
    polarity = indicator_words().polarity
    if compact in polarity:
        return IndicatorValue(text=raw, kind=WORD, word=compact, polarity=polarity[compact])
    if (band := _band(raw, compact)) is not None:
        return band
    if _DATE.match(compact):
        return IndicatorValue(text=raw, kind=DATE, word=compact)
    if (q := _quantity(raw, t)) is not None:
        return q
    pieces = [p for p in _SEVERAL.split(compact) if p]
    if len(pieces) >= 2:
        parts = tuple(_quantity(p, p) for p in pieces)
        if all(p is not None for p in parts):
            return IndicatorValue(text=raw, kind=SEVERAL,
                                  parts=tuple(p for p in parts if p is not None))
    if not re.search(r"\d", compact):
        return _unparsed(raw, f"不认识的文字“{compact}”")
    return _unparsed(raw, f"“{compact}”不是比较符、数字和单位，也不是分档、日期或已知文字")


@cache
def _value_signs() -> tuple[str, ...]:
    """What a value may begin with besides a digit: a comparator symbol or word."""
    return (*_CMP_SYMBOLS, *indicator_words().comparator_words)


def begins_value(token: str) -> bool:
    """True for a printed token that can begin a 指标值 / 完成值: a number, a comparator (a
    symbol or a word such as 不低于), or a whole known word, date or band ("是", "长期",
    "2023年度") — used by space-text layouts to tell a value from a label or a wrapped tail."""
    t = _fold(token)
    if not t:
        return False
    if t[0].isdigit() or t.startswith(_value_signs()):
        return True
    return parse_indicator(t).kind in (WORD, DATE, BAND)


# ---- a row: target and actual together


def read_pair(label: str, target_text: str, actual_text: str, unit_text: str = "") -> IndicatorPair:
    """Read a row's 年度指标值 and 实际完成值 together (see the module docstring): a bare number
    takes the other's unit; a bare target bound in a rate row must be a possible percentage."""
    return _pair(label, target_text, parse_indicator(target_text), actual_text,
                 parse_indicator(actual_text), unit_text)


def _pair(label: str, target_text: str, target: IndicatorValue, actual_text: str,
          actual: IndicatorValue, unit_text: str) -> IndicatorPair:
    """:func:`read_pair` of two texts already read (``target``, ``actual``)."""
    if not target.parsed:
        return IndicatorPair(target, actual, problem=f"年度指标值 {target_text}：{target.why}")
    if not actual.parsed:
        return IndicatorPair(target, actual, problem=f"实际完成值 {actual_text}：{actual.why}")
    unit_cell = indicator_words().unit(_fold(unit_text))
    rate = bool(_RATE_LABEL.search(label)) or actual.percent or unit_cell == "%"
    if target.kind == QUANTITY and target.unit is None and target.comparator is not None and rate:
        assert target.number is not None
        if not Decimal(0) <= target.number <= Decimal(100):
            return IndicatorPair(target, actual, problem=(
                f"年度指标值 {target_text} 没有单位，而“{label or '该指标'}”是比率，"
                f"{target.number} 不是可能的百分比（“%”印成了数字？）"))
        target = _with_unit(target, "%")
    if target.kind == QUANTITY and actual.kind == QUANTITY:
        if actual.unit is None and target.unit is not None:
            actual = _with_unit(actual, target.unit)
        elif target.unit is None and actual.unit is not None:
            target = _with_unit(target, actual.unit)
        unit = target.unit if target.unit == actual.unit else None
        return IndicatorPair(target, actual, unit=unit)
    return IndicatorPair(target, actual)


def _with_unit(v: IndicatorValue, unit: str) -> IndicatorValue:
    return IndicatorValue(text=v.text, kind=v.kind, comparator=v.comparator, number=v.number,
                          decimals=v.decimals, percent=unit == "%", unit=unit, note=v.note)


# ---- on the document: every indicator row read once, when the report is parsed

_TEXT_KEYS = ("指标值", "完成值")


def read_indicator_rows(tables: Iterable[Table]) -> None:
    """Store on each indicator row (side 指标) of ``tables`` what its texts say: on each
    年度指标值 / 实际完成值 cell the value it prints (``Cell.indicator``), and on the row the
    two read together (``Row.indicator``, :func:`read_pair`) when the text gave them apart
    (both cells read, neither ``placed`` "ambiguous")."""
    for table in tables:
        for row in table.rows:
            if row.side != "指标":
                continue
            for key in _TEXT_KEYS:
                if (cell := row.cells.get(key)) is not None:
                    cell.indicator = parse_indicator(cell.printed)
            target, actual = row.cells.get("指标值"), row.cells.get("完成值")
            if (target is None or actual is None or target.placed == "ambiguous"
                    or actual.placed == "ambiguous"):
                continue
            assert target.indicator is not None and actual.indicator is not None
            unit = row.cells.get("单位")
            # each text was read once, just above: the pair is made of those readings
            row.indicator = _pair(row.label, target.printed, target.indicator, actual.printed,
                                  actual.indicator, unit.text if unit else "")
