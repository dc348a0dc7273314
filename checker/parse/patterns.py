"""Fact patterns: the pattern files (national and the plugins'), checked and compiled.

Pattern file format (YAML)::

    version: 1
    sections:                       # canonical section keys by heading regex (first match wins;
      - {key: 说明.总体, title: '收入支出决算总体情况'}   #  a heading matching none inherits)
    labels: {因公出国(境)费用: 因公出国（境）费用}   # printed item names → the names tables use
    bases: {本年支出合计: 本年支出合计}        # the whole printed after 占 … 的 → a fact name
    section_bases: {说明.支出: 本年支出合计}   # the whole of a share when none is printed
    placeholders: ['增加/减少', 'X{2,}']      # template leftovers (regexes) → facts named 占位符
    breakdowns: {change: [增加, 比上年]}       # the words of 其中 lists (checker/parse/breakdowns.py)
    reasons: [原因, 由于]                     # words introducing a reason (checker/parse/reasons.py)
    change_base: '上年(?P<口径>预算|决算)?'     # a change's comparison base (checker/parse/changes.py)
    capture_numbers: {人数: number}           # text captures also read as numbers (Fact.numbers)
    statements:                              # statements without a figure → facts named `name`
      - name: 无数据                          #  (value 0, unit None, f.text the matched text,
        regex: '(?:没有|无)[^，。]{0,30}?支出'  #  named groups in attrs); only in `sections`
        sections: {说明.政府性基金: [final.T07]}   #  (key prefix → the tables it speaks of,
                                             #  kept in attrs['表'] space-separated)
    patterns:
      - id: 本年支出合计                      # names the pattern (Fact.pattern)
        fallback: false                      # true: only numbers no earlier pattern read
        sections: [说明.支出]                 # optional: only in these sections (key prefixes)
        each: [基本支出, 项目支出]             # optional: one pattern per item, {item} replaced
        regex: '支出合计(?:为)?{money:本年支出合计}'

A regex is a Python regular expression applied to the narrative *after* its lines are joined
and all whitespace is removed (hazards H15, H17: "基本支出 746.02" / "万元" reads as
"基本支出746.02万元"). Macros:

=====================  ==================================================================
``{money:N}``          a number followed by 万元 or 元 (not 元/人): a fact named N (``{money:A|B}``
                       gives one fact per name for the same number). Years, dates and document
                       numbers (〔2019〕20 号) carry no money unit and are never read as amounts
``{amount:N}``         a number with an optional money unit (unit None when absent, U01)
``{pct:N}``            a signed number followed by % — a percentage fact (value as printed)
``{score:N}``          a 绩效 score: a number followed by 分 or by no unit ("自评得分为 96.34 分",
                       "自评得分 98，"): unit 分
``{count:N}``          a count: a whole number followed by 个 or 项 ("一级项目 4 个"): unit 个 / 项
``{qty:N}``            a 实物量: a number (decimals too: "1.00 辆", U06) followed by a measure word
                       (辆, 个, 人次, 批次, 次, 人, 台（套）, 名): unit the measure word
``{label}``            the item the numbers are about: the run of CJK text before them, up to
                       a "（项）" ending; cleaned of 年度/其中 prefixes and 支出决算 suffixes
``{cgap}``             a gap without any amount and not into a new sentence with a new subject
``(?P<名>…)``          any other named group is a text capture, kept in ``Fact.attrs``
=====================  ==================================================================

:func:`load_patterns` reads and compiles files into a :class:`PatternSet` (cached by paths); the
extraction that applies it to a report's narrative is :mod:`checker.parse.facts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from checker import regex_cache
from checker.errors import InputError
from checker.model import Section
from checker.schema import check
from checker.yaml_load import load_yaml

__all__ = ["CJK", "LABEL_CHARS", "MONEY_UNIT", "NUMBER", "PatternSet", "assign_section_keys",
           "load_patterns", "national_pattern_path", "national_patterns", "regex_words"]

CJK = "\u4e00-\u9fff"
LABEL_CHARS = f"{CJK}（）()“”‘’\"《》"
NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
MONEY_UNIT = r"(?:万元|元(?![/／每]))(?![（(]含)(?!以上|及以上|以下)"
_NOT_OTHER_UNIT = r"(?![.\d%％年月日号个辆人次批台件套万千亿份项名家平天周期条户])"
_CGAP = (rf"(?:(?!{NUMBER}{MONEY_UNIT})(?!。(?!与|比|较|同))[^；;\n]){{0,60}}?")
_LABEL = (rf"(?P<label>(?<![{CJK}])(?:[{LABEL_CHARS}]{{1,60}}?（项）[。：:]?"
          rf"|[{LABEL_CHARS}]{{1,40}}?))")
_MACRO = re.compile(r"\{(money|amount|pct|score|count|qty):([^{}]+)\}|\{label\}|\{cgap\}")
_MEASURE = r"(?:辆|个(?!百分点)|人次|批次|次|人(?![均民])|台（套）|台|名)"
_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|"
                      r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


@dataclass
class _Capture:
    group: str
    kind: str  # money | amount | pct | score | count | qty
    names: tuple[str, ...]


@dataclass
class _Pattern:
    id: str
    regex: re.Pattern[str]
    captures: list[_Capture]
    sections: tuple[str, ...] = ()
    fallback: bool = False


@dataclass
class PatternSet:
    """Compiled fact patterns with their section, label and base maps."""

    patterns: list[_Pattern] = field(default_factory=list)
    sections: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    bases: dict[str, str] = field(default_factory=dict)
    section_bases: dict[str, str] = field(default_factory=dict)
    placeholders: list[re.Pattern[str]] = field(default_factory=list)
    statements: list[tuple[str, re.Pattern[str], dict[str, list[str]]]] = field(default_factory=list)
    # the words of 其中 breakdowns by kind (partial_head, change …: checker/parse/breakdowns.py)
    # and the words that introduce a reason (checker/parse/reasons.py): regexes, alternatives
    breakdown_words: dict[str, list[str]] = field(default_factory=dict)
    reason_words: list[str] = field(default_factory=list)
    # the comparison base of a change statement, its group 口径 (checker/parse/changes.py)
    change_base: re.Pattern[str] | None = None
    # text captures also read as numbers, by name → kind (checker/parse/capture_numbers.py)
    capture_numbers: dict[str, str] = field(default_factory=dict)

    def section_key(self, title: str) -> str | None:
        """The canonical key of a heading, or None."""
        t = _ORDINAL.sub("", re.sub(r"\s+", "", title))
        for key, rx in self.sections:
            if rx.search(t):
                return key
        return None


def _compile_regex(text: str, pid: str) -> tuple[re.Pattern[str], list[_Capture]]:
    captures: list[_Capture] = []

    def repl(m: re.Match[str]) -> str:
        whole = m.group(0)
        if whole == "{label}":
            return _LABEL
        if whole == "{cgap}":
            return _CGAP
        kind, names = m.group(1), tuple(n.strip() for n in m.group(2).split("|"))
        g = f"n{len(captures)}"
        captures.append(_Capture(g, kind, names))
        if kind == "money":
            return rf"(?P<{g}>{NUMBER})(?P<{g}u>{MONEY_UNIT})"
        if kind == "amount":
            return rf"(?P<{g}>{NUMBER})(?:(?P<{g}u>{MONEY_UNIT})|{_NOT_OTHER_UNIT})"
        if kind == "score":
            return rf"(?P<{g}>{NUMBER})(?:(?P<{g}u>分)(?!之)|(?![.\d%％万元分]))"
        if kind == "qty":
            return rf"(?P<{g}>(?<![\d.])\d+(?:\.\d+)?)(?P<{g}u>{_MEASURE})"
        if kind == "count":
            return rf"(?P<{g}>(?<![\d.,])\d+)(?P<{g}u>个|项)"
        return rf"(?P<{g}>[-−]?{NUMBER})(?P<{g}u>[%％])"

    try:
        return regex_cache.compile(_MACRO.sub(repl, text)), captures
    except re.error as exc:
        raise ValueError(f"fact pattern {pid}: bad regex: {exc}") from None


def national_pattern_path() -> Path:
    """The national pattern file shipped with the package."""
    return Path(str(resources.files("checker.facts"))) / "patterns.yaml"


@lru_cache(maxsize=16)
def _load_cached(paths: tuple[str, ...]) -> PatternSet:
    out = PatternSet()
    for p in paths:
        data = load_yaml(Path(p).read_text(encoding="utf-8")) or {}
        check(data, "patterns", p, "bad fact-pattern file")  # schemas/patterns.schema.json
        for s in data.get("sections") or []:
            out.sections.append((str(s["key"]), regex_cache.compile(str(s["title"]))))
        out.labels.update({str(k): str(v) for k, v in (data.get("labels") or {}).items()})
        out.bases.update({str(k): str(v) for k, v in (data.get("bases") or {}).items()})
        out.section_bases.update({str(k): str(v)
                                  for k, v in (data.get("section_bases") or {}).items()})
        out.placeholders.extend(regex_cache.compile(str(x)) for x in data.get("placeholders") or [])
        for kind, words in (data.get("breakdowns") or {}).items():
            out.breakdown_words.setdefault(str(kind), []).extend(regex_words(words, p, f"breakdowns.{kind}"))
        out.reason_words.extend(regex_words(data.get("reasons") or [], p, "reasons"))
        if "change_base" in data:
            out.change_base = _change_base(str(data["change_base"]), p)
        out.capture_numbers.update({str(k): str(v)
                                    for k, v in (data.get("capture_numbers") or {}).items()})
        for entry in data.get("statements") or []:
            secs = entry.get("sections") or {}
            if isinstance(secs, list):
                secs = {str(k): [] for k in secs}
            out.statements.append((str(entry["name"]), regex_cache.compile(str(entry["regex"])),
                                   {str(k): [str(t) for t in v or []] for k, v in secs.items()}))
        for entry in data.get("patterns") or []:
            pid = str(entry["id"])
            items = [str(x) for x in entry.get("each") or []] or [None]
            for item in items:
                text = str(entry["regex"])
                if item is not None:
                    text = text.replace("{item}", item)
                try:
                    rx, caps = _compile_regex(text, pid)
                except ValueError as exc:
                    raise InputError(p, str(exc)) from None
                out.patterns.append(_Pattern(pid if item is None else f"{pid}.{item}", rx, caps,
                                             tuple(str(s) for s in entry.get("sections") or []),
                                             bool(entry.get("fallback", False))))
    return out


def regex_words(words: Iterable[Any], path: str, key: str) -> list[str]:
    """The regexes of a word list (``breakdowns.change``, ``reasons``, the words of
    ``parse/meta.yaml``), each checked to compile: a bad one is an error naming the file and key."""
    out = [str(w) for w in words]
    for w in out:
        try:
            regex_cache.compile(w)
        except re.error as exc:
            raise InputError(path, f"{key}: bad regex {w!r}: {exc}") from None
    return out


def _change_base(text: str, path: str) -> re.Pattern[str]:
    """The ``change_base`` regex, checked to compile and to have its group 口径."""
    try:
        rx = re.compile(text)
    except re.error as exc:
        raise InputError(path, f"change_base: bad regex {text!r}: {exc}") from None
    if "口径" not in rx.groupindex:
        raise InputError(path, f"change_base: {text!r} has no group (?P<口径>…)")
    return rx


def load_patterns(paths: Iterable[Path | str]) -> PatternSet:
    """Load and compile pattern files (national first, then plugins'); cached by paths."""
    return _load_cached(tuple(str(p) for p in paths))


def national_patterns() -> PatternSet:
    """The national patterns alone (``checker/facts/patterns.yaml``); a plugin's are added by
    the caller that holds the plugins (``checker.plugins.patterns.fact_patterns``)."""
    return load_patterns([national_pattern_path()])


def assign_section_keys(sections: Iterable[Section], ps: PatternSet) -> None:
    """Give every heading (and every heading below it) its canonical key (``说明.三公`` …) by
    the section patterns, or None where no pattern names it (``Section.key``)."""
    for top in sections:
        for s in top.walk():
            s.key = ps.section_key(s.title)
