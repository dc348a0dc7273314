"""Narrative facts: numbers read from the 情况说明 by patterns declared as data.

The national patterns are ``checker/facts/patterns.yaml``; region plugins add files through the
``checker_fact_patterns()`` hook (their patterns are tried after the national ones, their
sections, labels and bases extend the national maps).

The pattern files and their macros are read and compiled by :mod:`checker.parse.patterns`;
this module applies them to a report's narrative.

Facts are read only in sections with a known key (a heading of ``sections`` or below one), so
名词解释 and spilled table text are left alone; table blocks are skipped, except the sentences
of a 绩效 form (its goals and summaries, lines with 。，；) which are read like the narrative.
Every number captured by one match becomes one
:class:`~checker.model.Fact` (name, value with its printed decimals, unit 万元/元/%/None, the
sentence, the line of its first digit, the section key, the cleaned label, ``attrs``); the facts
of one match share ``group``. The same name at the same place is kept once (the first pattern
wins, so specific patterns come first).
A share's whole is put in ``attrs['基数']`` as a fact name (``bases`` / ``section_bases``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from checker.model import Document, Fact, Number, Section
from checker.parse.patterns import CJK, LABEL_CHARS, MONEY_UNIT, NUMBER, PatternSet

__all__ = ["describe_fact", "extract_facts"]

_LABEL_PREFIX = re.compile(r"^(?:[）)\s]+|本?年度|本年|全年|其中|本部门|我部门|本单位|我单位|"
                           r"单位|部门|[一二三四五六七八九十]+、|当年|财政拨款安排|安排)+")
_LABEL_SUFFIX = re.compile(r"(?:支出决算数?|决算数?|(?:年初|全年)?预算数?|为|是|共计)+$")
_SUBJECT = re.compile(rf"([{LABEL_CHARS}]+?)(?:支出决算数?|决算数?|支出)?(?:比|较|与)[^比较与]*$")
_BREAKS = "。；;！？\n"


# ---- the narrative stream


@dataclass
class _Stream:
    text: str  # the narrative, lines joined, whitespace removed (kept as one space between digits)
    line: list[int]  # line of each char of text
    key: list[str | None]  # section key of each char
    breaks: list[int] = field(default_factory=list)  # positions of sentence ends

    def __post_init__(self) -> None:
        self.breaks = [m.start() for m in re.finditer(f"[{_BREAKS}]", self.text)]


def _section_lines(sections: Sequence[Section], ps: PatternSet) -> dict[int, tuple[str | None, bool]]:
    """Line → (section key, is a heading line) for every line of every section."""
    out: dict[int, tuple[str | None, bool]] = {}

    def visit(s: Section, inherited: str | None) -> None:
        key = ps.section_key(s.title) or inherited
        for n in range(s.line, s.end_line + 1):
            out[n] = (key, n == s.line)
        for c in s.children:
            visit(c, key)

    for s in sections:
        visit(s, None)
    return out


_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")
_SENTENCE = re.compile(r"[。，；]")
_SPACE = re.compile(r"\s+")


def _stream(doc: Document, lines: Sequence[str], ps: PatternSet) -> _Stream:
    where = _section_lines(doc.sections, ps)
    skip: set[int] = set()
    for t in doc.tables:
        if not t.listed_only:
            skip.update(range(t.line, t.end_line + 1))
            if t.id.startswith("perf."):
                # a 绩效 form's goals and summaries are sentences (SX23:1821 "实际支出1.56元"):
                # its lines with sentence punctuation are read like the narrative around it
                skip.difference_update(_form_sentences(t.line, t.end_line, lines))
    parts: list[str] = []
    line_of: list[int] = []
    keys: list[str | None] = []
    last = ""

    def add(chunk: str, n: int, key: str | None) -> None:
        nonlocal last
        if not chunk:
            return
        parts.append(chunk)
        line_of.extend([n] * len(chunk))
        keys.extend([key] * len(chunk))
        last = chunk[-1]

    for n in sorted(where):
        if n in skip or n > len(lines):
            continue
        raw = lines[n - 1]
        if "\t" in raw or not raw.strip():
            continue
        key, heading = where[n]
        if heading and last not in ("", "\n"):
            add("\n", n, key)
        chunk = _SPACE.sub("", _DIGIT_GAP.sub("\x00", raw)).replace("\x00", " ").replace("％", "%")
        if last.isdigit() and chunk[:1].isdigit():
            add(" ", n, key)
        add(chunk, n, key)
        if heading and not re.search(r"\d", raw):
            add("\n", n, key)
    return _Stream("".join(parts), line_of, keys)


_GOAL = re.compile(r"^\s*目标\s*[:：]?\s*\d")
_FIGURES = re.compile(r"\d\S*\s+\S*\d")  # two figures apart: a row of the form, not a sentence


def _form_sentences(first: int, last: int, lines: Sequence[str]) -> list[int]:
    """The lines of a 绩效 form that are sentences: a line with sentence punctuation, a line
    opening a goal ("目标2：…", SX23:1584), and the line that continues a sentence left open on
    the line before (no 。/； at its end) when it is no row of figures ("居民按提高参保补助标准后的
    差额2.7元追加县级", SX23:1935)."""
    out: list[int] = []
    open_sentence = False
    for n in range(first, min(last, len(lines)) + 1):
        raw = lines[n - 1]
        if not raw.strip():
            continue
        if "\t" in raw:
            open_sentence = False
            continue
        text = raw.strip()
        if _SENTENCE.search(text) or _GOAL.match(text) or (open_sentence and not _FIGURES.search(text)):
            out.append(n)
            open_sentence = not text.endswith(("。", "；", ";"))
        else:
            open_sentence = False
    return out


def _sentence(st: _Stream, pos: int) -> str:
    i = bisect_left(st.breaks, pos)
    a = st.breaks[i - 1] + 1 if i > 0 else 0
    b = st.breaks[i] + 1 if i < len(st.breaks) else len(st.text)
    return st.text[a:b].strip()


def _number(text: str, line: int, percent: bool) -> Number | None:
    t = text.replace(",", "").replace("−", "-")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    return Number(value, decimals, text.replace("−", "-"), line, percent)


def _clean_label(label: str | None, ps: PatternSet) -> str | None:
    if not label:
        return None
    t = label.rstrip("。：:")
    t = _LABEL_PREFIX.sub("", t)
    if not t.endswith("（项）"):
        t = _LABEL_SUFFIX.sub("", t)
        if t.endswith(("费支出", "费用支出")):
            t = t[:-2]
    t = t.strip("（）()“”\"")  if t.count("（") != t.count("）") else t
    t = ps.labels.get(t, t)
    return t or None


# What a {label} can catch that names no item: "年初预算为 …" read as the item 年初.
_NOT_SUBJECTS = {"年初", "全年", "当年", "本年", "年度"}
_ITEM_HEAD = re.compile(rf"([{LABEL_CHARS}]{{1,80}}?（项）)[。：:]?(?:(?!（项）)[^\n])*$")
_AMOUNT_IN = re.compile(rf"{NUMBER}\s*{MONEY_UNIT}")


def _paragraph_subject(text: str, at: int, ps: PatternSet) -> str | None:
    """The "…（类）…（款）…（项）" that opens the paragraph a match stands in, when nothing else
    was said about an amount between it and the match ("1、一般公共服务支出（类）财政事务（款）
    行政运行（项）。主要用于：…。年初预算为 1560.05 万元，支出决算为 1511.89 万元", the 上海 form)."""
    window = text[max(0, at - 240):at]
    m = _ITEM_HEAD.search(window)
    if m is None or _AMOUNT_IN.search(window[m.end(1):]):
        return None
    head = re.sub(r"^.*?(?:\d+[.．、]|[（(]\d+[）)])(?=[^\d])", "", m.group(1))
    return _clean_label(head, ps)


def _in_sections(key: str | None, sections: tuple[str, ...]) -> bool:
    if key is None:
        return False
    if not sections:
        return True
    return any(key == s or key.startswith(s + ".") for s in sections)


def extract_facts(doc: Document, lines: Sequence[str], ps: PatternSet) -> list[Fact]:
    """Read the facts of a parsed document's narrative (its sections, outside table blocks)
    with the patterns ``ps``."""
    st = _stream(doc, lines, ps)
    facts: list[Fact] = []
    seen: set[tuple[str, int]] = set()
    taken: set[int] = set()
    group = 0
    for pat in ps.patterns:
        for m in pat.regex.finditer(st.text):
            first = next((m.start(c.group) for c in pat.captures if m.group(c.group)), None)
            if first is None:
                continue
            key = st.key[first]
            if not _in_sections(key, pat.sections):
                continue
            gd = m.groupdict()
            label = _clean_label(gd.get("label"), ps)
            if "label" in gd and (label is None or label in _NOT_SUBJECTS):
                label = _paragraph_subject(st.text, m.start(), ps) or label
            attrs = {k: v for k, v in gd.items()
                     if v and k != "label" and not re.fullmatch(r"n\d+u?", k)}
            made: list[Fact] = []
            for c in pat.captures:
                printed = m.group(c.group)
                if not printed:
                    continue
                pos = m.start(c.group)
                unit_text = m.group(c.group + "u")
                unit = {"%": "%", "％": "%"}.get(unit_text or "", unit_text or None)
                if c.kind == "score":
                    unit = "分"
                number = _number(printed, st.line[pos], c.kind == "pct")
                if number is None:
                    continue
                if pat.fallback and pos in taken:
                    continue
                taken.add(pos)
                for name in c.names:
                    if (name, pos) in seen:
                        continue
                    seen.add((name, pos))
                    made.append(Fact(name, number, unit, _sentence(st, pos), st.line[pos], pat.id,
                                     section=key, label=label, group=group, attrs=dict(attrs)))
            if not made:
                continue
            if "基数" in attrs or any(f.name == "占比" for f in made):
                base = attrs.get("基数", "").strip("的")
                resolved = ps.bases.get(base) if base else _section_base(key, ps)
                for f in made:
                    f.attrs["基数"] = resolved or base
            if "方向" in attrs and not any(f.name == "本年" for f in made):
                prior = _current_for_change(st, m, facts, key, ps)
                if prior is not None:
                    made.append(Fact("本年", prior.number, prior.unit, prior.sentence, prior.line,
                                     pat.id, section=key, label=label, group=group,
                                     attrs={**attrs, "本年来自": prior.name}))
            facts.extend(made)
            group += 1
    for rx in ps.placeholders:
        for m in rx.finditer(st.text):
            key = st.key[m.start()]
            if key is None:
                continue
            pos = m.start()
            number = Number(Decimal(0), 0, m.group(0), st.line[pos])
            facts.append(Fact("占位符", number, None, _sentence(st, pos), st.line[pos],
                              "placeholders", section=key, attrs={"文字": m.group(0)}))
    for name, rx, secs in ps.statements:
        for m in rx.finditer(st.text):
            key = st.key[m.start()]
            if key is None:
                continue
            tables = [t for prefix, ts in secs.items()
                      if key == prefix or key.startswith(prefix + ".") for t in ts]
            if secs and not any(key == p or key.startswith(p + ".") for p in secs):
                continue
            pos = m.start()
            attrs = {k: v for k, v in m.groupdict().items() if v}
            if tables:
                attrs["表"] = " ".join(tables)
            number = Number(Decimal(0), 0, m.group(0), st.line[pos])
            facts.append(Fact(name, number, None, _sentence(st, pos), st.line[pos],
                              "statements", section=key, attrs=attrs))
    facts.extend(_name_variants(doc, lines))
    facts.sort(key=lambda f: (f.line, f.group if f.group is not None else 1 << 30))
    return facts


def _name_variants(doc: Document, lines: Sequence[str]) -> list[Fact]:
    """The department's name printed with one character changed, anywhere in the report (U11):
    "…医疗保证局" / "…医疗保障属" for "…医疗保障局" (SX23:2012, 2984). Facts named 单位名称 (no
    section), ``attrs``: 名称 (as printed), 部门 (the name in the meta)."""
    name = re.sub(r"\s+", "", doc.meta.department or "")
    if len(name) < 5 or not re.fullmatch(f"[{CJK}]+", name):
        return []
    anchor = name[:3]
    out: list[Fact] = []
    for no, raw in enumerate(lines, start=1):
        text = re.sub(r"\s+", "", raw)
        start = text.find(anchor)
        while start >= 0:
            cand = text[start:start + len(name)]
            if (len(cand) == len(name) and cand != name and re.fullmatch(f"[{CJK}]+", cand)
                    and sum(a != b for a, b in zip(cand, name, strict=True)) == 1):
                number = Number(Decimal(0), 0, cand, no)
                out.append(Fact("单位名称", number, None, raw.strip()[:80], no, "names",
                                attrs={"名称": cand, "部门": name}))
            start = text.find(anchor, start + 1)
    return out


def _current_for_change(st: _Stream, m: re.Match[str], facts: list[Fact], key: str | None,
                        ps: PatternSet) -> Fact | None:
    """The current-year amount of a change whose sentence names its subject but not the amount.

    "机关运行经费较上年决算数增加 22.94 万元" → the latest earlier fact of the same section named
    机关运行经费, or a 决算数 / 金额 whose label is the subject.
    """
    start = m.start("方向")
    a = start
    while a > 0 and st.text[a - 1] not in _BREAKS:
        a -= 1
    sm = _SUBJECT.search(st.text[a:start])
    if sm is None or key is None:
        return None
    subject = _clean_label(sm.group(1), ps)
    if not subject:
        return None
    line = st.line[start]
    top = key.split(".")[:2]
    candidates = [f for f in facts if f.line <= line and f.section is not None
                  and f.section.split(".")[:2] == top]
    for want in (lambda f: f.name == subject,
                 lambda f: f.name in ("决算数", "三公决算数") and f.label == subject,
                 lambda f: f.name == "金额" and f.label == subject):
        found = [f for f in candidates if want(f)]
        if found:
            return found[-1]
    return None


def _section_base(key: str | None, ps: PatternSet) -> str | None:
    while key:
        if key in ps.section_bases:
            return ps.section_bases[key]
        key = key.rpartition(".")[0]
    return None


def describe_fact(f: Fact) -> dict[str, Any]:
    """A flat description of a fact (for listings and tests)."""
    return {"name": f.name, "value": f.number.text, "unit": f.unit, "line": f.line,
            "section": f.section, "label": f.label, "sentence": f.sentence}
