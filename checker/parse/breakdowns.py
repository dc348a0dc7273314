"""Narrative "其中" breakdowns: a whole and the parts listed after "其中" (domain.md §2.5 A06).

"基本支出355.52万元，其中人员经费333.34万元，公用经费22.18万元；" (SX23:707) states a whole (355.52)
and, after "其中", its parts. :func:`read_breakdowns` reads them once, after the facts and the
sections are known, from each fact's sentence (the narrative with whitespace removed, as facts
are read: ``checker/parse/facts.py``), and puts on the whole's fact its
:class:`~checker.model.Breakdown`: the parts (the 万元 amounts after the "其中" that follows the
whole, only ``，`` / ``：`` between them, up to the end of the clause, ``；`` or ``。``), whether
the text marks the list as partial ("其中主要（是/有/为）…", "其中部分…", the list ending in "等",
or a nested list — "，具体…", "其中", "包括", "主要用于" after a part — cutting it short), whether
every part carries its share of the whole ("…万元，占 39.75%": the text gives the structure of the
whole, a complete breakdown), and why the parts cannot be summed (a part printed in 元, U01, or
not read as a fact). It also puts on every fact the other names its printed number is read as
(a whole that a rule of its own checks: 政府采购总额 = 货物 + 工程 + 服务, A06).

What is *not* a part, and what is not a breakdown:

- an amount in brackets ("服务预算22万元（其中：政府购买服务0万元）", GS21B:90) is a detail of
  the part before it;
- a change ("比上年减少4356.34万元", GS21B:52) is about the part before it; and a whole that is
  itself a change ("比上年预算数减少5万元，其中：…") is not read: its parts would be changes too;
- an amount after 合计 / 共计 / 总计 restates the whole and ends the list;
- percentages and counts are not amounts;
- a list where one item gives two figures ("因公出国（境）费用预算0万元，支出决算为0万元") is not
  a list of parts: no breakdown;
- "其中" must follow the whole's unit directly: "支出决算为2.41万元，完成预算的96.40%，其中：…"
  (QH24:507) names no whole.

A list whose parts all carry shares may go on past "；" ("其中：基本支出442.09万元，占39.75%；项目
支出670.07万元，占60.25%。", QH24:433): the next clauses of the section continue it while each is one
more "label amount，占 P%". Everything else ends at the clause's end.

The words (what marks a change, a restatement, a nested list, a partial head, a second figure)
are data: ``breakdowns:`` in ``checker/facts/patterns.yaml`` (:class:`Words`); the grammar of a
list (amounts, brackets, shares, clause ends) is here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from checker.model import Breakdown, Fact, Section, SectionText
from checker.parse.patterns import NUMBER, PatternSet

__all__ = ["Amount", "Listing", "Words", "amounts", "read_breakdowns", "read_list", "words_of"]

# a number as facts.py reads one, followed by a money unit (not 元/人, 元每…)
_AMOUNT = re.compile(rf"(?P<num>{NUMBER})(?P<unit>万元|元(?![/／每]))")
_OPEN = re.compile(r"^[，,、：:]?其中[：:，,]?")
_SHARE = re.compile(r"^[，,]?占[^，,；;。\d]{0,20}?[-−]?\d+(?:\.\d+)?[%％]")
_PUNCT = re.compile(r"[，,、：:；;。！!？?\s]")
_ETC = re.compile(r"^[，,]?等")
_CLAUSE_OPEN = re.compile(r"[；;]$")
_MAX_CLAUSES = 12
_NEAR = 40  # lines: the facts of a sentence are read within this distance of its whole


@dataclass(frozen=True)
class Words:
    """The word lists of a breakdown, compiled (``breakdowns:`` in the pattern files)."""

    partial_head: re.Pattern[str]
    change: re.Pattern[str]
    nested: re.Pattern[str]
    restate: re.Pattern[str]
    second_figure: re.Pattern[str]


_NEVER = r"(?!)"


@lru_cache(maxsize=16)
def _compiled(partial_head: tuple[str, ...], change: tuple[str, ...], nested: tuple[str, ...],
              restate: tuple[str, ...], second_figure: tuple[str, ...]) -> Words:
    def alt(ws: tuple[str, ...]) -> str:
        return "|".join(f"(?:{w})" for w in ws) or _NEVER

    return Words(re.compile(rf"^(?:{alt(partial_head)})"), re.compile(alt(change)),
                 re.compile(alt(nested)), re.compile(alt(restate)),
                 re.compile(rf"(?:{alt(second_figure)})"))


def words_of(ps: PatternSet) -> Words:
    """The breakdown words of a pattern set (the national ones, then the plugins')."""
    w = ps.breakdown_words
    return _compiled(*(tuple(w.get(k, [])) for k in
                       ("partial_head", "change", "nested", "restate", "second_figure")))


@dataclass(frozen=True)
class Amount:
    """A money amount printed in a clause: where, as printed, and its unit."""

    start: int
    end: int  # just after the unit
    text: str
    unit: str


@dataclass
class Listing:
    """The parts a clause lists after "其中" (:func:`read_list`)."""

    parts: list[Amount] = field(default_factory=list)
    shares: list[bool] = field(default_factory=list)  # each part followed by "，占 P%"
    partial: bool = False  # the text marks the list as partial, or a nested list cut it short
    closed: bool = False  # a restatement (合计 …) or a nested list ended it: no continuation
    simple: bool = True  # false: an item gives two figures (预算 … 决算 …), not a list of parts


def amounts(text: str) -> list[Amount]:
    """The money amounts printed in ``text`` (a number followed by 万元 or 元), in order."""
    return [Amount(m.start(), m.end(), m.group("num"), m.group("unit"))
            for m in _AMOUNT.finditer(text)]


def _depths(text: str) -> list[int]:
    """The bracket depth at each character (（…）, (…), 【…】)."""
    out, depth = [], 0
    for ch in text:
        if ch in "（(【[":
            depth += 1
            out.append(depth)
            continue
        out.append(depth)
        if ch in "）)】]" and depth > 0:
            depth -= 1
    return out


def _outside(text: str, depths: list[int], a: int, b: int) -> str:
    """``text[a:b]`` without what is in brackets."""
    return "".join(ch for ch, d in zip(text[a:b], depths[a:b], strict=True) if d == 0)


def read_list(text: str, start: int, words: Words, first_is_label: bool = False) -> Listing:
    """The parts listed in ``text`` from ``start`` (just after "其中" and its punctuation).

    ``first_is_label``: ``start`` begins a continuing clause (a label, then an amount), so the
    partial words of a list head are not looked for.
    """
    out = Listing()
    depths = _depths(text)
    found = [a for a in amounts(text) if a.start >= start]
    if not first_is_label and words.partial_head.match(text[start:]):
        out.partial = True
    at = start
    for a in found:
        if depths[a.start] > 0:
            continue  # a bracketed detail of the part before it
        gap = _outside(text, depths, at, a.start)
        if out.shares and out.shares[-1]:
            gap = _SHARE.sub("", gap, count=1)  # the share of the part before it
        if words.change.search(gap):
            at = a.end  # a change of the part before it: not a part
            continue
        if words.restate.search(gap):
            out.closed = True
            break
        if out.parts and words.nested.search(gap):
            out.partial = out.closed = True
            break
        label = _PUNCT.sub("", gap)
        if out.parts and (not label or words.second_figure.fullmatch(label)):
            out.simple = False  # a second figure of the same item
            break
        out.parts.append(a)
        out.shares.append(bool(_SHARE.match(text[a.end:])))
        at = a.end
    if not out.closed and out.parts:
        tail = _outside(text, depths, out.parts[-1].end, len(text))
        if out.shares[-1]:
            tail = _SHARE.sub("", tail, count=1)
        if _ETC.match(tail):
            out.partial = True
    return out


# ---- facts


class _Facts:
    """The money facts of a document by sentence, one per (line, printed text), with indices."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.by_sentence: dict[str, list[tuple[int, Fact]]] = defaultdict(list)
        for i, f in enumerate(facts):
            if f.unit in ("万元", "元") and not f.number.percent:
                self.by_sentence[f.sentence].append((i, f))

    def of(self, sentence: str, near: Fact) -> list[tuple[int, Fact]]:
        """The money facts of one sentence near ``near``, one per printed number, in line order."""
        seen: set[tuple[int, str]] = set()
        out: list[tuple[int, Fact]] = []
        for i, f in self.by_sentence.get(sentence, ()):
            if f.section == near.section and abs(f.line - near.line) <= _NEAR:
                key = (f.line, f.number.text)
                if key not in seen:
                    seen.add(key)
                    out.append((i, f))
        return sorted(out, key=lambda x: x[1].line)


def _assign(found: list[Amount], facts: list[tuple[int, Fact]]) -> list[tuple[int, Fact] | None]:
    """The fact printed at each amount: in order, by printed text, lines never going back.

    ``facts`` has one fact per (line, printed text): the same figure printed twice on one line
    (QH24:533 "340.26" as the whole and as 货物) is one fact, used for both.
    """
    out: list[tuple[int, Fact] | None] = []
    line, used = 0, -1
    for a in found:
        same = [k for k, (_, f) in enumerate(facts) if f.number.text == a.text and f.line >= line]
        fresh = [k for k in same if k > used]
        pick = fresh[0] if fresh else next((k for k in same if facts[k][1].line == line), None)
        if pick is None:
            out.append(None)
            continue
        out.append(facts[pick])
        line, used = facts[pick][1].line, pick
    return out


def _breakdown(fact: Fact, facts: _Facts, texts: SectionText, words: Words) -> Breakdown | None:
    """The 其中 list after the whole ``fact`` states, or None when it opens none."""
    if fact.unit != "万元" or fact.number.percent or "其中" not in fact.sentence:
        return None
    s = fact.sentence
    found = amounts(s)
    assigned = _assign(found, facts.of(s, fact))
    whole = next((i for i, (a, got) in enumerate(zip(found, assigned, strict=True))
                  if got is not None and (got[1].line, got[1].number.text) == (fact.line, fact.number.text)
                  and _OPEN.match(s[a.end:])), None)
    if whole is None:
        return None
    before = s[found[whole - 1].end if whole > 0 else 0: found[whole].start]
    if words.change.search(before):
        return None  # the whole is a change: its parts would be changes
    head = _OPEN.match(s[found[whole].end:])
    if head is None:  # pragma: no cover - the whole was chosen for being followed by 其中
        return None
    listing = read_list(s, found[whole].end + head.end(), words)
    if not listing.simple:
        return None
    pairs = [(a, assigned[found.index(a)]) for a in listing.parts]
    if (listing.parts and all(listing.shares) and not listing.closed and not listing.partial
            and _CLAUSE_OPEN.search(s)):
        for clause in texts.clauses_after(fact.line, fact.sentence, _MAX_CLAUSES) or []:
            more = read_list(clause, 0, words, first_is_label=True)
            if not more.simple or len(more.parts) != 1 or not all(more.shares) or more.partial:
                break
            if words.nested.search(clause[: more.parts[0].start]) or "其中" in clause:
                break
            printed = amounts(clause)
            got = _assign(printed, facts.of(clause, fact))
            a = more.parts[0]
            pairs.append((a, got[printed.index(a)]))
            listing.parts.append(a)
            listing.shares.append(True)
            if not _CLAUSE_OPEN.search(clause):
                break
    unread = None
    for a, part in pairs:
        if part is None:
            unread = f"the part {a.text}{a.unit} at line {fact.line} was not read as a fact"
            break
        if a.unit != "万元":
            unread = (f"the part {a.text}{a.unit} (line {part[1].line}) is printed in 元 in a 万元 "
                      f"breakdown (see U01)")
            break
    listed = len(listing.parts)
    out = Breakdown([part[0] for _, part in pairs if part is not None], listing.partial,
                    listed >= 2 and all(listing.shares), unread if listed >= 2 else None)
    return out if out.parts or out.partial or out.unread else None


def read_breakdowns(facts: Sequence[Fact], sections: list[Section] | SectionText,
                    ps: PatternSet) -> None:
    """Put on each fact its 其中 breakdown (``Fact.breakdown``) and the other names its printed
    number is read as (``Fact.read_as``); ``facts`` are the document's, in its order (a part is
    an index into them), ``sections`` its sections or their texts (a share list goes on in them)."""
    words = words_of(ps)
    money = _Facts(facts)
    texts = sections if isinstance(sections, SectionText) else SectionText(sections)
    names: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for f in facts:
        place = names[(f.line, f.number.text, f.sentence)]
        if f.name not in place:
            place.append(f.name)
    for f in facts:
        f.breakdown = _breakdown(f, money, texts, words)
        f.read_as = [n for n in names[(f.line, f.number.text, f.sentence)] if n != f.name]
