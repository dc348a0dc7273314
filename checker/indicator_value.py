"""A 绩效自评表 indicator value as the parser read it (:mod:`checker.parse.indicator`), kept on
the document: an :class:`IndicatorValue` is one printed 年度指标值 / 实际完成值, an
:class:`IndicatorPair` a row's two read together. The parser stores them on each indicator row
(``Row.indicator``, ``Cell.indicator``) with their JSON form; the rule functions
(:mod:`checker.dsl.indicators`) read them instead of parsing the texts again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

from checker.jsonform import JsonForm, is_default, is_none, json_field
from checker.schema import check
from checker.yaml_load import load_yaml

__all__ = ["BAND", "DATE", "QUANTITY", "SEVERAL", "UNPARSED", "WORD", "IndicatorPair",
           "IndicatorValue", "IndicatorWords", "fold", "indicator_words", "indicator_words_path",
           "load_indicator_words"]

QUANTITY = "quantity"
BAND = "band"
DATE = "date"
WORD = "word"
SEVERAL = "several"
UNPARSED = "unparsed"


@dataclass(frozen=True)
class IndicatorWords:
    """The words of indicator values, as ``checker/facts/indicator_words.yaml`` lists them (what
    each means is said there): comparators written as words before the number and after it, the
    words a value may be with their polarity (``yes`` / ``no`` / ``question``), the units counted
    in whole items, and the spellings of a unit folded to one."""

    comparator_words: dict[str, str]
    comparator_suffixes: dict[str, str]
    polarity: dict[str, str]
    count_units: frozenset[str]
    unit_aliases: dict[str, str]

    def unit(self, text: str) -> str:
        """A unit as printed, folded to its one spelling (日 → 天)."""
        return self.unit_aliases.get(text, text)


def indicator_words_path() -> Path:
    """The national file of indicator-value words shipped with the package."""
    return Path(str(resources.files("checker.facts"))) / "indicator_words.yaml"


@cache
def load_indicator_words(path: str) -> IndicatorWords:
    """The words of an indicator-word file, checked against
    ``schemas/indicator_words.schema.json`` (an error names the file and the key)."""
    data = load_yaml(Path(path).read_text(encoding="utf-8"))
    check(data, "indicator_words", path, "bad indicator-word file")
    return IndicatorWords(
        comparator_words=dict(data["comparator_words"]),
        comparator_suffixes=dict(data["comparator_suffixes"]),
        polarity={w: kind for kind, words in data["words"].items() for w in words},
        count_units=frozenset(data["count_units"]),
        unit_aliases=dict(data["unit_aliases"]),
    )


@cache  # the rules ask for it per value: finding the package's file each time cost ~25 ms a report
def indicator_words() -> IndicatorWords:
    """The national words of indicator values (read once)."""
    return load_indicator_words(str(indicator_words_path()))


@dataclass(frozen=True)
class IndicatorValue(JsonForm):
    """One 年度指标值 / 实际完成值 as read from its printed text (the kinds and fields:
    :mod:`checker.parse.indicator`). Its JSON form holds the fields that differ from their
    defaults."""

    text: str
    kind: str
    comparator: str | None = json_field(default=None, omit=is_default)
    number: Decimal | None = json_field(default=None, omit=is_default)
    decimals: int = json_field(default=0, omit=is_default)
    percent: bool = json_field(default=False, omit=is_default)
    unit: str | None = json_field(default=None, omit=is_default)
    note: str | None = json_field(default=None, omit=is_default)
    low: Decimal | None = json_field(default=None, omit=is_default)
    high: Decimal | None = json_field(default=None, omit=is_default)
    low_inclusive: bool = json_field(default=True, omit=is_default)
    high_inclusive: bool = json_field(default=True, omit=is_default)
    word: str | None = json_field(default=None, omit=is_default)
    polarity: str | None = json_field(default=None, omit=is_default)
    parts: tuple[IndicatorValue, ...] = json_field(default=(), omit=is_default)
    why: str | None = json_field(default=None, omit=is_default)

    @property
    def parsed(self) -> bool:
        """True unless the text could not be read."""
        return self.kind != UNPARSED


def fold(text: str) -> str:
    """Full-width letters and digits to half width, spaces squeezed (comparators kept)."""
    out = []
    for ch in text:
        if ch in "＞＜＝％（）":
            out.append(ch)
            continue
        out.append(unicodedata.normalize("NFKC", ch) if ch.isalnum() or ch in "．，" else ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


@dataclass(frozen=True)
class IndicatorPair(JsonForm):
    """A row's 年度指标值 and 实际完成值, read together (:func:`read_pair`).

    ``unit`` is the unit both quantities are in once a bare number has taken the other's;
    ``problem`` says why the pair is unreadable (U09), ``None`` when it is readable."""

    target: IndicatorValue
    actual: IndicatorValue
    unit: str | None = json_field(default=None, omit=is_none)
    problem: str | None = json_field(default=None, omit=is_none)

    @property
    def quantitative(self) -> bool:
        """Both are single quantities in one unit (a completion ratio can be computed)."""
        t, a = self.target, self.actual
        return (self.problem is None and t.kind == QUANTITY and a.kind == QUANTITY
                and (t.unit == a.unit or t.unit is None or a.unit is None)
                and t.number is not None and a.number is not None)

    def met(self) -> bool | None:
        """Whether the actual, as printed, reaches the target; None when that cannot be told.

        Quantities compare by their printed numbers, exactly (domain tolerance EQ): "<20 天"
        is not met by 20. A target without a comparator is a planned value the actual should
        reach (≥): "4200人次" is met by 4360 人次, "200.89万元" is not met by 75.42 万元. An actual
        printed as a bound ("≥70%") counts at its bound: it establishes no more. Equal texts
        are met; a known text target is met by an affirmative answer (有所提高, 已完成, 良好 for
        是否有所提高, 年内完成, 优良) and not by a negative one; a target that is itself an answer
        (是, 否) is met by an answer of the same polarity."""
        t, a = self.target, self.actual
        if self.problem is not None:
            return None
        if self.quantitative:
            assert t.number is not None and a.number is not None
            x, y = a.number, t.number
            return {"≥": x >= y, ">": x > y, "≤": x <= y, "<": x < y, "=": x == y,
                    None: x >= y}[t.comparator]
        if _norm_text(t.text) == _norm_text(a.text) and t.kind != UNPARSED:
            return True
        if t.kind in (WORD, DATE) and a.kind == WORD and a.polarity in ("yes", "no"):
            if t.kind == WORD and t.polarity in ("yes", "no") and t.word in ("是", "否"):
                return a.polarity == t.polarity
            return a.polarity == "yes"
        return None

    def why_not_comparable(self) -> str:
        """Why :meth:`met` cannot tell (for a not-evaluated reason)."""
        t, a = self.target, self.actual
        if self.problem is not None:
            return self.problem
        if t.kind == QUANTITY and a.kind == QUANTITY and t.unit != a.unit:
            return f"units differ: 年度指标值 {t.text!r} ({t.unit}) vs 实际完成值 {a.text!r} ({a.unit})"
        return f"年度指标值 {t.text!r} ({t.kind}) and 实际完成值 {a.text!r} ({a.kind}) cannot be compared"


def _norm_text(text: str) -> str:
    t = fold(text).replace(" ", "")
    return t[2:] if t.startswith("定性") else t


