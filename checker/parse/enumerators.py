"""Enumerators of the narrative: the （1）（2）…, 1. 2. …, （一）（二）…, 一、二、… that open lines.

Each becomes a fact named ``编号`` (pattern ``enumerators``) whose number is the enumerator's
value (Chinese numerals converted) and whose attrs hold the printed enumerator (``编号``) and, when
it continues a list, the value it should have (``应为``: the previous one plus 1) and, when that
differs, the enumerator as it should be printed (``应为编号``: "（三）"). Rule U08
compares the two (domain.md §2.7: "（4）" twice at QH24:461/463, "2." twice at GS21B:100/102).

Lists nest as an outline: 一、 > （一） > 1. > （1）. An enumerator ends the lists of every level
below its own (a new 一、 starts its （一） list again), a top-level part (第一部分 …) ends them all,
and an enumerator 1 starts a new list; the list it interrupts may resume after it (a quoted
document with its own 一、二、 inside 十三、 … 十四、). Lines inside table blocks and tab-separated
lines are not narrative and are skipped, as are lines outside every section (cover, 目录).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from checker.model import Document, Fact, Number

__all__ = ["chinese_numeral", "enumerator_facts", "to_chinese_numeral"]

DIGITS = "零一二三四五六七八九"
# style → pattern at the start of a stripped line (group 1 is the number), from the outermost
# level of an outline to the innermost
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("一、", re.compile(r"^([一二三四五六七八九十]{1,3})\s*、")),
    ("(一)", re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]")),
    # "1." / "1．" / "1、" but not a decimal ("2.2%"); "2.2022 年…" is item 2 (SX23:947)
    ("1.", re.compile(r"^(\d{1,2})\s*(?:[.．](?!\s*\d)|[.．](?=20\d\d\s*年)|、)")),
    ("(1)", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]")),
)


def chinese_numeral(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; None for anything else."""
    if not text or any(ch not in DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    t = DIGITS.index(tens) if tens else 1
    o = DIGITS.index(ones) if ones else 0
    return t * 10 + o


def to_chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (1–99)."""
    if not 1 <= value <= 99:
        raise ValueError(f"no Chinese numeral for {value}")
    tens, ones = divmod(value, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def enumerator_facts(doc: Document, lines: Sequence[str]) -> list[Fact]:
    """The ``编号`` facts of the narrative (see the module docstring)."""
    narrative: set[int] = set()
    for sec in doc.sections:
        for s in sec.walk():
            narrative.update(range(s.line, s.end_line + 1))
    tops = {s.line for s in doc.sections}
    for t in doc.tables:
        if not t.listed_only:
            narrative.difference_update(range(t.line, t.end_line + 1))
    last: dict[str, list[int]] = {}  # style → the open lists, innermost last
    out: list[Fact] = []
    for n in sorted(narrative):
        if n > len(lines):
            continue
        if n in tops:
            last.clear()  # 第一部分 …: every list starts again
        raw = lines[n - 1]
        text = raw.strip()
        if not text or "\t" in raw:
            continue
        for rank, (style, pattern) in enumerate(STYLES):
            m = pattern.match(text)
            if m is None:
                continue
            value = int(m.group(1)) if m.group(1).isdigit() else chinese_numeral(m.group(1))
            if value is None or value == 0:
                break
            for lower, _ in STYLES[rank + 1:]:
                last.pop(lower, None)  # a new 一、 starts its （一） list again, and so on down
            attrs = {"编号": m.group(0).strip()}
            runs = last.setdefault(style, [])
            if value == 1:
                runs.append(1)  # a new list; the one it interrupts may resume after it
            elif runs and value != runs[-1] + 1 and value in [r + 1 for r in runs[:-1]]:
                while value != runs[-1] + 1:
                    runs.pop()  # an outer list resumes (SX23:2390 十四、 after a quoted 一、–三、)
                runs[-1] = value
            elif runs:
                want = runs[-1] + 1
                attrs["应为"] = str(want)
                number = str(want) if m.group(1).isdigit() else to_chinese_numeral(want)
                attrs["应为编号"] = text[: m.start(1)] + number + m.group(0)[m.end(1):].strip()
                runs[-1] = value
            else:
                runs.append(value)
            out.append(Fact(name="编号", number=Number(Decimal(value), 0, str(value), n),
                            unit=None, sentence=text, line=n, pattern="enumerators", attrs=attrs))
            break
    return out
