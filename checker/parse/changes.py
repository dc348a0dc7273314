"""Change statements broken down and restated: "本年 X 万元，比上年增加/减少 D 万元" (A09).

A change (a 变动额 fact, its 方向 增加 / 减少) is *broken down* by the change statements right
after it in its section when their signed changes add up exactly to it ("当年财政拨款支出 906.64
万元，比上年预算减少 4356.34 万元，具体安排为：基本支出 589.65 万元，比上年预算减少 3831.34 万元；项目支出
323 万元，比上年预算减少 525 万元", GS21B:56): all on the same comparison base (上年预算 / 上年决算, as
printed before the change: ``change_base`` in ``checker/facts/patterns.yaml``), at least two
of them changing, at most twelve. No breakdown when a statement without a usable direction or
on another base comes first, or when a zero change follows the run (part of the breakdown or
not, it cannot be told).

A change is *restated* by the later change statements of its section about the same item (the
name, or for 金额 / 决算数 / 预算数 the label, of the fact its 本年 was read as) on the same base
(收入总计 in 说明.总体 and in 说明.财政拨款总体 are not one item: different sections).

:func:`read_changes` reads both once onto each 变动额 fact (``Fact.change_parts``,
``Fact.restated``: indices into the document's facts), for ``change_parts()`` and
``restated_changes()`` in the rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from checker.model import Fact
from checker.parse.patterns import PatternSet

__all__ = ["CHANGE", "read_changes"]

CHANGE = "变动额"
_UP, _DOWN = "增加", "减少"
_MAX_PARTS = 12


def _signed(f: Fact) -> Decimal | None:
    """The change a 变动额 fact states, with its sign; None when its direction is not usable."""
    direction = f.attrs.get("方向")
    if direction == _UP:
        return f.number.value
    if direction == _DOWN:
        return -f.number.value
    if f.number.value == 0 and direction:
        return Decimal(0)  # "增加/减少 0 万元": no change whatever the word
    return None


def _base(f: Fact, base: re.Pattern[str] | None) -> str:
    """The comparison base of a change statement: its 口径 (预算 / 决算) as printed before it,
    or ''."""
    if base is None:
        return ""
    direction = f.attrs.get("方向") or ""
    s = f.sentence
    at = s.find(direction + f.number.text) if direction else -1
    if at < 0:
        at = s.find(f.number.text)
    found = list(base.finditer(s[: at if at >= 0 else len(s)]))
    return (found[-1].group("口径") or "") if found else ""


def _parts(k: int, changes: list[tuple[int, Fact]], bases: list[str]) -> list[int]:
    """The indices of the change statements that break down ``changes[k]`` ([] when none)."""
    whole = changes[k][1]
    want = _signed(whole)
    if not want:
        return []
    after = changes[k + 1:]
    total, moving = Decimal(0), 0
    for j, (_, g) in enumerate(after[:_MAX_PARTS]):
        v = _signed(g)
        if g.section != whole.section or v is None or bases[k + 1 + j] != bases[k]:
            return []
        total += v
        moving += v != 0
        if total == want and moving >= 2:
            nxt = after[j + 1][1] if j + 1 < len(after) else None
            if nxt is not None and nxt.section == whole.section and _signed(nxt) == 0:
                return []  # a zero change next: part of the breakdown or not, it cannot be told
            return [i for i, _ in after[: j + 1]]
    return []


def _subject(change: Fact, facts: Sequence[Fact], groups: dict[int, list[Fact]]) -> str | None:
    """What a change statement is about: the name (or label) of the fact its 本年 was read as."""
    own = groups[change.group] if change.group is not None else [change]
    current = next((x for x in own if x.name == "本年"), None)
    if current is None:
        return None
    source = current.attrs.get("本年来自")
    for x in facts:
        if (x.group != current.group and x.line == current.line and x.number.text == current.number.text
                and x.sentence == current.sentence and x.name != "本年"
                and (source is None or x.name == source)):
            if x.name in ("金额", "决算数", "预算数"):
                return x.label
            return x.name
    return None


def read_changes(facts: Sequence[Fact], ps: PatternSet) -> None:
    """Put on each 变动额 fact of ``facts`` (the document's, in its order) the change statements
    that break it down (``Fact.change_parts``) and those that restate it (``Fact.restated``);
    the comparison base of each is found with ``ps.change_base`` (``patterns.yaml``)."""
    changes = [(i, f) for i, f in enumerate(facts) if f.name == CHANGE]
    if not changes:
        return
    groups: dict[int, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.group is not None:
            groups[f.group].append(f)
    bases = [_base(f, ps.change_base) for _, f in changes]
    subjects = [_subject(f, facts, groups) for _, f in changes]
    for k, (_, me) in enumerate(changes):
        me.change_parts = _parts(k, changes, bases)
        me.restated = [] if not subjects[k] else [
            i for j, (i, g) in enumerate(changes[k + 1:], start=k + 1)
            if g.group != me.group and g.section == me.section and subjects[j] == subjects[k]
            and bases[j] == bases[k]]
