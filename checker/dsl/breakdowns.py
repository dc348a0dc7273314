"""Narrative "其中" breakdowns: a whole and the parts listed after "其中" (domain.md §2.5 A06).

"基本支出355.52万元，其中人员经费333.34万元，公用经费22.18万元；" (SX23:707) states a whole (355.52)
and, after "其中", its parts. The functions read a fact's sentence (the narrative with whitespace
removed, as facts are read: ``checker/parse/facts.py``):

=====================  ================================================================
``parts(f)``           the facts that are the parts of the whole ``f`` states, in order: the
                       万元 amounts after the "其中" that follows ``f`` (only ``，`` / ``：``
                       between them), up to the end of the clause (``；`` or ``。``); empty when
                       no "其中" follows ``f``. Not evaluated when a part is printed in 元 (U01
                       says so) or was not read as a fact
``partial_list(f)``    the text marks the list as partial: "其中主要（是/有/为）…", "其中部分…",
                       the list ending in "等", or a nested list ("，具体…", "其中", "包括",
                       "主要用于" after a part) cutting it short
``share_list(f)``      every part carries its share of the whole ("…万元，占 39.75%"): the text
                       gives the structure of the whole, a complete breakdown
``money(f)``           a 万元 fact read at money precision (R2, as table cells): "50万元" in a
                       list of parts is 50 ± 0.005, not ± 0.5 (SX23:708 "干部职工体检费75万元")
``read_as(f, name)``   the number ``f`` prints is also read as a fact ``name`` (a whole that a
                       rule of its own checks: 政府采购总额 = 货物 + 工程 + 服务, A06)
=====================  ================================================================

What is *not* a part, and what is not a breakdown:

- an amount in brackets ("服务预算22万元（其中：政府购买服务0万元）", GS21B:90) is a detail of
  the part before it;
- a change ("比上年减少4356.34万元", GS21B:52) is about the part before it; and a whole that is
  itself a change ("比上年预算数减少5万元，其中：…") is not read: its parts would be changes too;
- an amount after 合计 / 共计 / 总计 restates the whole and ends the list;
- percentages and counts are not amounts;
- a list where one item gives two figures ("因公出国（境）费用预算0万元，支出决算为0万元") is not
  a list of parts: ``parts`` is empty;
- "其中" must follow the whole's unit directly: "支出决算为2.41万元，完成预算的96.40%，其中：…"
  (QH24:507) names no whole.

A list whose parts all carry shares may go on past "；" ("其中：基本支出442.09万元，占39.75%；项目
支出670.07万元，占60.25%。", QH24:433): the next clauses of the section continue it while each is one
more "label amount，占 P%". Everything else ends at the clause's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checker.dsl.function import Function
from checker.dsl.interval import Interval
from checker.dsl.values import FactRef, NotEvaluated, Q, display, fact_quantity
from checker.model import Fact, clauses_after

__all__ = ["BREAKDOWN_FUNCTIONS", "Amount", "Listing", "amounts", "read_list"]

# a number as facts.py reads one, followed by a money unit (not 元/人, 元每…)
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})(?P<unit>万元|元(?![/／每]))")
_OPEN = re.compile(r"^[，,、：:]?其中[：:，,]?")
_PARTIAL_HEAD = re.compile(r"^(?:主要|部分|大部分|绝大部分|大多|多数)")
_CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|增幅|减幅|比上年|较上年|与上年|同比|持平")
_NESTED = re.compile(r"其中|具体|分别|包括|主要(?:用于|是|有|为)")
_RESTATE = re.compile(r"合计|共计|总计|累计|小计|一共|总共|总额")
_SECOND = re.compile(r"(?:其|本年|全年)?(?:支出|实际)?(?:决算|预算|执行)(?:数|额)?(?:为|是)?")
_SHARE = re.compile(r"^[，,]?占[^，,；;。\d]{0,20}?[-−]?\d+(?:\.\d+)?[%％]")
_PUNCT = re.compile(r"[，,、：:；;。！!？?\s]")
_MAX_CLAUSES = 12


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


def read_list(text: str, start: int, first_is_label: bool = False) -> Listing:
    """The parts listed in ``text`` from ``start`` (just after "其中" and its punctuation).

    ``first_is_label``: ``start`` begins a continuing clause (a label, then an amount), so the
    partial words of a list head are not looked for.
    """
    out = Listing()
    depths = _depths(text)
    found = [a for a in amounts(text) if a.start >= start]
    if not first_is_label and _PARTIAL_HEAD.match(text[start:]):
        out.partial = True
    at = start
    for a in found:
        if depths[a.start] > 0:
            continue  # a bracketed detail of the part before it
        gap = _outside(text, depths, at, a.start)
        if out.shares and out.shares[-1]:
            gap = _SHARE.sub("", gap, count=1)  # the share of the part before it
        if _CHANGE.search(gap):
            at = a.end  # a change of the part before it: not a part
            continue
        if _RESTATE.search(gap):
            out.closed = True
            break
        if out.parts and _NESTED.search(gap):
            out.partial = out.closed = True
            break
        label = _PUNCT.sub("", gap)
        if out.parts and (not label or _SECOND.fullmatch(label)):
            out.simple = False  # a second figure of the same item
            break
        out.parts.append(a)
        out.shares.append(bool(_SHARE.match(text[a.end:])))
        at = a.end
    if not out.closed and out.parts:
        tail = _outside(text, depths, out.parts[-1].end, len(text))
        if out.shares[-1]:
            tail = _SHARE.sub("", tail, count=1)
        if re.match(r"^[，,]?等", tail):
            out.partial = True
    return out


# ---- facts


@dataclass
class _Breakdown:
    parts: list[Fact]
    listing: Listing
    problem: str | None = None  # why the parts cannot be summed


def _next_clauses(ctx: Any, fact: Fact) -> list[str]:
    """The clauses after ``fact``'s sentence in the text of its section (spaces removed)."""
    return clauses_after(ctx.doc.document.sections, fact.line, fact.sentence, _MAX_CLAUSES) or []


def _facts_of(ctx: Any, sentence: str, near: Fact) -> list[Fact]:
    """The money facts of one sentence near ``near``, one per printed number, in order."""
    seen: set[tuple[int, str]] = set()
    out: list[Fact] = []
    for f in ctx.doc.document.facts:
        if (f.sentence == sentence and f.unit in ("万元", "元") and not f.number.percent
                and f.section == near.section and abs(f.line - near.line) <= 40):
            key = (f.line, f.number.text)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return sorted(out, key=lambda f: f.line)


def _assign(found: list[Amount], facts: list[Fact]) -> list[Fact | None]:
    """The fact printed at each amount: in order, by printed text, lines never going back.

    ``facts`` has one fact per (line, printed text): the same figure printed twice on one line
    (QH24:533 "340.26" as the whole and as 货物) is one fact, used for both.
    """
    out: list[Fact | None] = []
    line, used = 0, -1
    for a in found:
        same = [i for i, f in enumerate(facts) if f.number.text == a.text and f.line >= line]
        fresh = [i for i in same if i > used]
        pick = fresh[0] if fresh else next((i for i in same if facts[i].line == line), None)
        if pick is None:
            out.append(None)
            continue
        out.append(facts[pick])
        line, used = facts[pick].line, pick
    return out


def _breakdown(ctx: Any, fact: Fact) -> _Breakdown | None:
    memo = ctx.doc.memo.setdefault("breakdowns", {})
    key = id(fact)
    if key not in memo:
        memo[key] = _read(ctx, fact)
    return memo[key]


def _read(ctx: Any, fact: Fact) -> _Breakdown | None:
    if fact.unit != "万元" or fact.number.percent or "其中" not in fact.sentence:
        return None
    s = fact.sentence
    found = amounts(s)
    mine = _facts_of(ctx, s, fact)
    assigned = _assign(found, mine)
    whole = next((i for i, (a, f) in enumerate(zip(found, assigned, strict=True))
                  if f is not None and (f.line, f.number.text) == (fact.line, fact.number.text)
                  and _OPEN.match(s[a.end:])), None)
    if whole is None:
        return None
    before = s[found[whole - 1].end if whole > 0 else 0: found[whole].start]
    if _CHANGE.search(before):
        return None  # the whole is a change: its parts would be changes
    head = _OPEN.match(s[found[whole].end:])
    if head is None:  # pragma: no cover - the whole was chosen for being followed by 其中
        return None
    listing = read_list(s, found[whole].end + head.end())
    if not listing.simple:
        return None
    pairs = [(a, assigned[found.index(a)]) for a in listing.parts]
    if (listing.parts and all(listing.shares) and not listing.closed and not listing.partial
            and re.search(r"[；;]$", s)):
        for clause in _next_clauses(ctx, fact):
            more = read_list(clause, 0, first_is_label=True)
            if not more.simple or len(more.parts) != 1 or not all(more.shares) or more.partial:
                break
            if _NESTED.search(clause[: more.parts[0].start]) or "其中" in clause:
                break
            extra = _facts_of(ctx, clause, fact)
            got = _assign(amounts(clause), extra)
            a = more.parts[0]
            pairs.append((a, got[amounts(clause).index(a)]))
            listing.parts.append(a)
            listing.shares.append(True)
            if not re.search(r"[；;]$", clause):
                break
    problem = None
    for a, f in pairs:
        if f is None:
            problem = f"the part {a.text}{a.unit} at line {fact.line} was not read as a fact"
            break
        if a.unit != "万元":
            problem = (f"the part {a.text}{a.unit} (line {f.line}) is printed in 元 in a 万元 "
                       f"breakdown (see U01)")
            break
    return _Breakdown([f for _, f in pairs if f is not None], listing, problem)


def _fact_of(value: Any, fname: str) -> Fact:
    if isinstance(value, FactRef):
        return value.fact
    raise NotEvaluated(f"{fname}() needs a fact, got {display(value)!r}")


def _parts(ctx: Any, f: Any) -> list[FactRef]:
    """The parts listed after "其中" for the whole ``f`` states ([] when it opens no list)."""
    b = _breakdown(ctx, _fact_of(f, "parts"))
    if b is None:
        return []
    if b.problem is not None and len(b.listing.parts) >= 2:
        raise NotEvaluated(b.problem)
    return [FactRef(p, ctx.doc) for p in b.parts]


def _partial_list(ctx: Any, f: Any) -> bool:
    """The text marks ``f``'s list of parts as partial."""
    b = _breakdown(ctx, _fact_of(f, "partial_list"))
    return b is not None and b.listing.partial


def _money(ctx: Any, f: Any) -> Q:
    """A 万元 fact read as money cells are (R2): at least 2 decimals, "50万元" is 50 ± 0.005."""
    me = _fact_of(f, "money")
    if me.unit != "万元" or me.number.percent:
        raise NotEvaluated(f"money() needs a 万元 amount, got {me.number.text} {me.unit or ''}")
    q = fact_quantity(me)
    if me.number.decimals >= 2:
        return q
    return Q(q.value, Interval.printed(me.number.value, 2), q.refs, q.text)


def _read_as(ctx: Any, f: Any, name: Any) -> bool:
    """The number ``f`` prints is also read as a fact named ``name`` (same line, text, sentence)."""
    me = _fact_of(f, "read_as")
    if not isinstance(name, str):
        raise NotEvaluated(f"read_as() needs a fact name, got {display(name)!r}")
    return any(x.name == name and x.line == me.line and x.number.text == me.number.text
               and x.sentence == me.sentence for x in ctx.doc.document.facts)


def _share_list(ctx: Any, f: Any) -> bool:
    """Every part of ``f``'s list (two or more) carries its share of the whole."""
    b = _breakdown(ctx, _fact_of(f, "share_list"))
    return b is not None and len(b.listing.parts) >= 2 and all(b.listing.shares)


BREAKDOWN_FUNCTIONS = [
    Function("parts", _parts, 1, 1, "facts",
             doc="the 万元 facts listed after the 其中 that follows f, to the clause's end",
             reads="narrative"),
    Function("partial_list", _partial_list, 1, 1, "bool",
             doc="the text marks f's 其中 list as partial (主要, 部分, …等, a nested list)",
             reads="narrative"),
    Function("share_list", _share_list, 1, 1, "bool",
             doc="every part of f's 其中 list carries its share (占 P%): a complete breakdown",
             reads="narrative"),
    Function("money", _money, 1, 1, "number",
             doc="a 万元 fact at money precision R2 (at least 2 decimals: 50 万元 is 50 ± 0.005)",
             reads="narrative"),
    Function("read_as", _read_as, 2, 2, "bool",
             doc="the number f prints is also read as a fact with that name (the rule it has)",
             reads="narrative"),
]
