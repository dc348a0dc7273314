"""Segmentation: where the tables, the 目录 and the narrative sections are.

Input: the report's lines and the table templates. Output: a :class:`Layout` with

* table blocks — a title line that a template recognises (titles end in 表, or in an ending a
  template declares in ``options.title_endings``), confirmed by a table code marker
  (公开 01 表, 表一) or a unit line (单位：万元, 金额部门：万元) within a few lines; the block runs to
  the next table, part heading (第X部分), attachment (附件) or other table-like title. Page-break
  repeats (the same table started again right after itself, GS21B 表一/表四/表九) are merged into
  one block whose extra title lines are recorded as continuations.
* the 目录 (toc): the lines after a "目录" line that look like entries ("- 一、…", "第一部分 …",
  "表1 收入支出决算总表 否 理由"); table titles named there become listed tables.
* listed tables: every title a template recognises that has no body (a 目录 entry, or a 附表
  list such as SC24's), with what the entry says about emptiness (是否空表 / 理由).
* sections: the headings outside tables and 目录 — 第X部分 (level 1), 一、 (2), （一） (3),
  1. / （1） (4) — nested into a tree, each with its text and line span. A heading is short (at
  most 40 characters) and does not end a sentence; longer enumerated lines are paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.labels import norm
from checker.model import ListedTable, Note, Section
from checker.templates.loader import Template, TemplateRegistry

CN_NUM = "一二三四五六七八九十百"
PART = re.compile(rf"^第[{CN_NUM}]+部分")
MARKER = re.compile(rf"^(?:公开\s*\d{{1,2}}\s*表|表\s*[{CN_NUM}]+|表\s*\d{{1,2}})$")
UNIT = re.compile(r"(?:金额)?(?:单位|部门)\s*[:：]\s*(万元|元|千元|亿元)")
ATTACHMENT = re.compile(r"^附件\s*\d*")
HEADINGS = [
    (1, PART),
    (2, re.compile(rf"^[{CN_NUM}]+、")),
    (3, re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    (4, re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")),
]
TOC_TITLE = re.compile(r"^(?:.*公开)?目\s*录$")
TOC_ENTRY = re.compile(rf"^(?:-\s|第[{CN_NUM}]+部分|表\s*\d+\s|序号\s)")
LOOKAHEAD = 8


@dataclass
class TableBlock:
    """The lines of one table: its title line, marker, template and body line span."""

    template: Template
    title: str
    title_line: int
    start: int  # first line of the block (a 表N marker may come before the title)
    end: int  # last line, inclusive
    marker: str | None = None
    unit: str | None = None
    continuations: list[int] = field(default_factory=list)


@dataclass
class Layout:
    """Where everything is: table blocks, 目录 span, listed tables, section tree."""

    tables: list[TableBlock] = field(default_factory=list)
    toc: tuple[int, int] | None = None
    listed: list[ListedTable] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    unrecognised: list[Note] = field(default_factory=list)


def _clean(line: str) -> str:
    return line.replace("\t", " ").strip()


def heading_level(text: str) -> int | None:
    """Return the heading level of a line (1–4), or None when it is not a heading."""
    t = text.strip().lstrip("-").strip()
    if not t or len(norm(t)) > 40 or t.endswith(("。", "；", ";", "，", ",")):
        return None
    for level, pattern in HEADINGS:
        if pattern.match(t):
            return level
    return None


def _title_candidates(text: str) -> str:
    """A printed title, with a leading 表N/表1 number or '- ' removed."""
    t = text.strip().lstrip("-").strip()
    t = re.sub(rf"^表\s*(?:\d+|[{CN_NUM}]+)\s+", "", t)
    # A 是否空表 list entry: "收入支出决算总表 否" / "… 是 本单位不涉及故公开空表".
    t = re.sub(r"\s+(?:是|否)(?:\s+\S+)?$", "", t)
    return t


def find_toc(lines: list[str]) -> tuple[int, int] | None:
    """Return the (first, last) 1-based line span of the 目录, or None."""
    for i, raw in enumerate(lines):
        if TOC_TITLE.match(norm(raw)) and len(norm(raw)) <= 30:
            last = i + 1
            seen: set[str] = set()
            j = i + 1
            while j < len(lines):
                t = _clean(lines[j])
                if not t:
                    j += 1
                    continue
                key = norm(t.lstrip("-"))
                is_entry = bool(TOC_ENTRY.match(t)) or (heading_level(t) is not None)
                if not is_entry or key in seen:
                    break
                seen.add(key)
                last = j + 1
                j += 1
            return (i + 1, last)
    return None


def _confirm_table(
    lines: list[str], idx: int, confirm: list[str] | None = None
) -> tuple[str | None, str | None, int] | None:
    """Look around a title line for a marker or unit line; return (marker, unit, start).

    A template may name other lines that confirm its tables (``options.confirm``: e.g. a
    绩效自评表 is followed by 项目名称 rather than a unit line).
    """
    marker = unit = None
    confirmed = False
    start = idx + 1
    seen = 0
    j = idx + 1
    while j < len(lines) and seen < LOOKAHEAD:
        t = _clean(lines[j])
        if t:
            seen += 1
            n = norm(t)
            if MARKER.match(n) and marker is None:
                marker = n
            m = UNIT.search(t)
            if m and unit is None:
                unit = m.group(1)
            if unit:
                break
            if confirm and any(n.startswith(c) for c in confirm):
                confirmed = True
                break
        j += 1
    # A 表N marker printed before the title (GS21B).
    k = idx - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and MARKER.match(norm(lines[k])) and idx - k <= 3:
        marker = marker or norm(lines[k])
        start = k + 1
    if marker is None and unit is None and not confirmed:
        return None
    return marker, unit, start


def _table_like_title(text: str) -> bool:
    n = norm(text)
    return 4 <= len(n) <= 40 and n.endswith(("表", "表)")) and " " not in text.strip()


def title_endings(registry: TemplateRegistry) -> tuple[str, ...]:
    """How a printed table title may end: "表", and the endings templates declare in
    ``options.title_endings`` for forms whose title does not end so (a 绩效指标体系)."""
    ends = ["表"]
    for t in registry.templates:
        ends += [str(e) for e in t.options.get("title_endings", []) if str(e) not in ends]
    return tuple(ends)


def segment(lines: list[str], registry: TemplateRegistry, kind: str | None = None) -> Layout:
    """Find the 目录, table blocks, listed tables and section tree of a report."""
    layout = Layout(toc=find_toc(lines))
    toc_lines = range(layout.toc[0], layout.toc[1] + 1) if layout.toc else range(0)

    starts: list[TableBlock] = []
    endings = title_endings(registry)
    for idx, raw in enumerate(lines):
        text = _clean(raw)
        if not text or len(norm(text)) > 60:
            continue
        title = _title_candidates(text)
        if not title.endswith(endings):  # skips most lines cheaply
            continue
        template = registry.by_title(title, kind) or registry.by_title(title)
        if template is None:
            continue
        number = idx + 1
        confirmed = None if number in toc_lines else _confirm_table(
            lines, idx, template.options.get("confirm"))
        if confirmed is None:
            layout.listed.append(_listed_entry(text, number, template))
            continue
        marker, unit, start = confirmed
        starts.append(
            TableBlock(template, text, number, start, number, marker=marker, unit=unit)
        )

    # Block ends: next table start, part heading, attachment, or another table-like title.
    boundaries = sorted({b.start for b in starts})
    for block in starts:
        nxt = [s for s in boundaries if s > block.title_line]
        limit = (nxt[0] - 1) if nxt else len(lines)
        end = block.title_line
        last_rows = [norm(x) for x in block.template.options.get("last_row", [])]
        for j in range(block.title_line, limit):
            t = _clean(lines[j])
            if not t:
                continue
            if last_rows and any(x in t.split() or norm(t).startswith(x) for x in last_rows):
                end = j + 1  # the table's closing row (总分): what follows is narrative
                break
            if PART.match(t) or ATTACHMENT.match(norm(t)) or (
                _table_like_title(t) and registry.by_title(_title_candidates(t)) is None
                and j + 1 > block.title_line + 2
            ):
                break
            end = j + 1
        block.end = end

    layout.tables = _merge_repeats(starts, lines)
    covered = set(toc_lines)
    for b in layout.tables:
        covered.update(range(b.start, b.end + 1))
    layout.sections = build_sections(lines, covered)
    return layout


def _listed_entry(text: str, line: int, template: Template) -> ListedTable:
    """A 目录 / 附表 entry: title, number, and for 是否空表 lists whether it is declared empty."""
    t = text.lstrip("-").strip()
    number = None
    m = re.match(rf"^(表\s*\d+|[{CN_NUM}]+、)\s*", t)
    if m:
        number = norm(m.group(1)).rstrip("、")
    empty = reason = None
    tail = re.search(r"\s(是|否)(?:\s+(.+))?$", t)
    if tail:
        empty = tail.group(1) == "是"
        reason = tail.group(2)
    return ListedTable(
        title=t, line=line, number=number, table_id=template.id,
        empty_declared=empty, empty_reason=reason,
    )


def _merge_repeats(blocks: list[TableBlock], lines: list[str]) -> list[TableBlock]:
    """Merge a table printed again right after itself (page-break repeat) into one block."""
    out: list[TableBlock] = []
    for b in sorted(blocks, key=lambda x: x.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.template.id == b.template.id
            # a table closed by its last row (总分) is complete: the next one is another table
            and not prev.template.options.get("last_row")
            and not any(_clean(x) for x in lines[prev.end : b.start - 1])
        ):
            prev.end = b.end
            prev.continuations.append(b.title_line)
            continue
        out.append(b)
    return out


def build_sections(lines: list[str], covered: set[int]) -> list[Section]:
    """Nest the headings outside tables and 目录 into a section tree with text and spans."""
    roots: list[Section] = []
    stack: list[Section] = []
    body: dict[int, list[str]] = {}
    last_line = len(lines)
    for idx, raw in enumerate(lines):
        number = idx + 1
        if number in covered:
            continue
        text = raw.strip()
        if not text:
            continue
        level = heading_level(text)
        if level is None:
            if stack:
                body.setdefault(id(stack[-1]), []).append(text)
            continue
        section = Section(title=text, level=level, line=number, end_line=number,
                          number=_heading_number(text))
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    all_sections = [s for r in roots for s in r.walk()]
    for i, s in enumerate(all_sections):
        s.text = "\n".join(body.get(id(s), []))
        following = [t.line for t in all_sections[i + 1 :] if t.level <= s.level]
        s.end_line = (following[0] - 1) if following else last_line
    return roots


def _heading_number(text: str) -> str | None:
    m = re.match(rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、|[（(]\s*[{CN_NUM}\d]+\s*[）)]|\d+[.．、])", text)
    return norm(m.group(1)) if m else None
