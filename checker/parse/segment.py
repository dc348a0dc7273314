"""Segmentation: where the tables, the 目录 and the narrative sections are.

Input: the report's lines and the table templates. Output: a :class:`Layout` with

* table blocks — a title that a template recognises (:meth:`TemplateRegistry.match_title`: the
  title catalogue, ``checker/templates/titles.yaml``, folds quotes, ordinals, a table code before
  or after the title (公开01表, 表1, 表1-1), a unit and a bracketed qualifier, and accepts a year,
  the department's name and 部门 before the table's own name), confirmed by a table code marker
  (公开 01 表, 表一) or a unit line (单位：万元, 金额部门：万元) within a few lines; the block runs to
  the next table, part heading (第X部分), attachment (附件) or other table-like title. Titles end
  in 表, or in an ending a template declares in ``options.title_endings``. A title wrapped over
  two lines is one title when the joined text is a known title and neither part alone is; its
  block starts at the first line and the second is recorded as a continuation (a title line the
  body reader skips). A line with sentence punctuation, or too long, is never a title: a
  narrative sentence that names a table is not its title. Page-break repeats (the same table
  started again right after itself, GS21B 表一/表四/表九) are merged into one block whose extra
  title lines are recorded as continuations. A table printed without a title inside another
  table's block (a template with ``options.under``: a region's block of counts under the 三公 table) is
  cut out of that block at the first line its ``header`` regex matches, to the block's end.
* the 目录 (toc): the lines after a "目录" line that look like entries ("- 一、…", "第一部分 …",
  "表1 收入支出决算总表 否 理由"), with the wrapped end of an entry ("出预算表"); table titles
  named there become listed tables.
* listed tables: every title a template recognises that has no body (a 目录 entry, or a 附表
  list such as SC24's), with what the entry says about emptiness (是否空表 / 理由).
* sections: the headings outside tables and 目录 — 第X部分 (level 1), 一、 (2), （一） (3),
  1. / （1） (4) — nested into a tree, each with its text and line span. A heading is short (at
  most 40 characters) and does not end a sentence; longer enumerated lines are paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from checker.labels import norm
from checker.model import ListedTable, Note, Section
from checker.templates.loader import Template, TemplateRegistry, TitleMatch, title_grammar

CN_NUM = "一二三四五六七八九十百"
PART = re.compile(rf"^第[{CN_NUM}]+部分")
# A table code on a line of its own (matched against normalised text): the catalogue's `code`.


@lru_cache(maxsize=1)
def marker_pattern() -> re.Pattern[str]:
    """A printed table code on a line of its own (公开03表, 表3 …), from the title catalogue
    (read when a report is first segmented, not at import: a run served by the cache never
    reads it)."""
    return re.compile(rf"^(?:{title_grammar().code.pattern})$")

UNIT = re.compile(r"(?:金额)?(?:单位|部门)\s*[:：]\s*(万元|元|千元|亿元)")
# A unit wrapped in a narrow cell: "单位：万" at the end of one line, "元" at the end of the next
# (江苏 2019 公开09表).
UNIT_CUT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万|千|亿)$")
ATTACHMENT = re.compile(r"^附件\s*\d*")
HEADINGS = [
    (1, PART),
    (2, re.compile(rf"^[{CN_NUM}]+、")),
    (3, re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    (4, re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")),
]
# The title of a self-evaluation report attached to the 说明 ("某某局部门整体支出绩效" /
# "自评报告", GS24:1307–1308; "…项目支出绩效自评" / "报告", GS24:2428–2430): a part of its own
# (level 1), its title often printed over two lines.
REPORT_TITLE = re.compile(r"(?:自评|评价)报告$")
# what a report's title prints after the project's name ("…项目支出绩效自评报告")
_REPORT_TAIL = re.compile(r"(?:项目)*(?:支出)?(?:绩效)?(?:自评|评价)报告$")
_SPACES = re.compile(r"\s+")
TOC_TITLE = re.compile(r"^(?:.*公开)?目\s*录$")
TOC_ENTRY = re.compile(rf"^(?:-\s|第[{CN_NUM}]+部分|表\s*\d+\s|序号\s)")
LOOKAHEAD = 8
# Lines longer than this (normalised) are never looked at as titles: a title with a year, a
# department's name and a table code still fits.
MAX_TITLE_LINE = 80
# The wrapped end of a 目录 entry is short ("出预算表", "算表").
MAX_TOC_CONTINUATION = 15


@dataclass
class TableBlock:
    """The lines of one table: its title line, marker, template and body line span.

    ``continuations`` are the other title lines inside the block, which the body reader skips:
    the wrapped end of a title printed over two lines, and the titles of page-break repeats.
    """

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
    """A printed title without what a 目录 or 附表 list adds to it: '- ' and a 是否空表 answer."""
    t = text.strip().lstrip("-").strip()
    # A 是否空表 list entry: "收入支出决算总表 否" / "… 是 本单位不涉及故公开空表".
    t = re.sub(r"\s+(?:是|否)(?:\s+\S+)?$", "", t)
    return t


def _is_toc_continuation(text: str, endings: tuple[str, ...]) -> bool:
    """The wrapped end of a 目录 entry: a short piece of a title ("出预算表", "算表")."""
    n = norm(text)
    return 0 < len(n) <= MAX_TOC_CONTINUATION and n.endswith(endings) and heading_level(text) is None \
        and not PART.match(n) and not n.endswith(("。", ";", ","))


def find_toc(lines: list[str], endings: tuple[str, ...] = ("表",),
             is_title: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """Return the (first, last) 1-based line span of the 目录, or None.

    A line right under an entry that is not an entry but its wrapped end (a short piece ending
    like a title, ``endings``, and not a title of its own, ``is_title``) belongs to the 目录 too.
    """
    for i, raw in enumerate(lines):
        if TOC_TITLE.match(norm(raw)) and len(norm(raw)) <= 30:
            last = i + 1
            seen: set[str] = set()
            j = i + 1
            previous_entry = False
            while j < len(lines):
                t = _clean(lines[j])
                if not t:
                    j += 1
                    continue
                key = norm(t.lstrip("-"))
                # an entry may end in a full stop ("一、主要职能。", 江苏 2017–2018)
                is_entry = bool(TOC_ENTRY.match(t)) or (heading_level(t.rstrip("。")) is not None)
                if (not is_entry and previous_entry and j == last
                        and _is_toc_continuation(t, endings) and not (is_title and is_title(t))):
                    last = j + 1
                    previous_entry = False
                    j += 1
                    continue
                if not is_entry or key in seen:
                    break
                seen.add(key)
                last = j + 1
                previous_entry = True
                j += 1
            return (i + 1, last)
    return None


def _confirm_table(
    lines: list[str], idx: int, confirm: list[str] | None = None, last: int | None = None
) -> tuple[str | None, str | None, int] | None:
    """Look around a title for a marker or unit line; return (marker, unit, start).

    ``idx`` is the (0-based) index of the title's first line, ``last`` of its last line when it
    is wrapped over two. A template may name other lines that confirm its tables
    (``options.confirm``: e.g. a 绩效自评表 is followed by 项目名称 rather than a unit line).
    """
    marker = unit = None
    confirmed = False
    start = idx + 1
    seen = 0
    j = (idx if last is None else last) + 1
    while j < len(lines) and seen < LOOKAHEAD:
        t = _clean(lines[j])
        if t:
            seen += 1
            n = norm(t)
            if marker_pattern().match(n) and marker is None:
                marker = n
            m = UNIT.search(t)
            if m and unit is None:
                unit = m.group(1)
            cut = UNIT_CUT.search(t) if unit is None else None
            if cut and j + 1 < len(lines) and _clean(lines[j + 1]).endswith("元"):
                unit = f"{cut.group(1)}元"
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
    if k >= 0 and marker_pattern().match(norm(lines[k])) and idx - k <= 3:
        # the code right above a title is its own; one found below may be the next table's
        # (a table without a unit line, 江苏 2019 公开09表)
        marker = norm(lines[k])
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


@dataclass
class TitleAt:
    """A title found at a line: what it matched, its text, and its lines (two when wrapped)."""

    found: TitleMatch
    text: str
    first: int  # 0-based index of its first line
    last: int  # 0-based index of its last line


def _match_line(text: str, registry: TemplateRegistry, kind: str | None,
                endings: tuple[str, ...]) -> TitleMatch | None:
    """The template a line's text is the title of (the report's kind first), or None."""
    n = norm(text)
    if not n or len(n) > MAX_TITLE_LINE or not any(e in n for e in endings):
        return None  # most lines: a title holds its ending somewhere (before a code or unit)
    candidate = _title_candidates(text)
    parts = title_grammar().split(candidate)
    if parts is None or not parts.text.endswith(endings):  # skips most lines cheaply
        return None
    return registry.match_title(candidate, kind) or (
        registry.match_title(candidate) if kind is not None else None)


def find_title(lines: list[str], idx: int, registry: TemplateRegistry, kind: str | None = None,
               endings: tuple[str, ...] = ("表",)) -> TitleAt | None:
    """The table title that starts at line ``idx`` (0-based), on that line or wrapped over it
    and the next: the two are joined when the joined text is a known title and neither line
    alone is one."""
    text = _clean(lines[idx])
    if not text:
        return None
    found = _match_line(text, registry, kind, endings)
    if found is not None:
        return TitleAt(found, text, idx, idx)
    if idx + 1 >= len(lines) or text.endswith(("。", "；", ";", "，", ",", "：", ":")):
        return None
    following = _clean(lines[idx + 1])
    if not following or norm(following).endswith(("。", ";", ",")):
        return None
    joined = f"{text}{following}"
    if not norm(joined).endswith(endings) and not norm(joined).endswith(")"):
        return None
    if _match_line(following, registry, kind, endings) is not None:
        return None  # the next line is a title of its own
    found = _match_line(joined, registry, kind, endings)
    return TitleAt(found, joined, idx, idx + 1) if found is not None else None


def segment(lines: list[str], registry: TemplateRegistry, kind: str | None = None) -> Layout:
    """Find the 目录, table blocks, listed tables and section tree of a report."""
    endings = title_endings(registry)
    layout = Layout(toc=find_toc(
        lines, endings, lambda t: _match_line(t, registry, kind, endings) is not None))
    toc_lines = range(layout.toc[0], layout.toc[1] + 1) if layout.toc else range(0)

    starts: list[TableBlock] = []
    idx = 0
    while idx < len(lines):
        title = find_title(lines, idx, registry, kind, endings)
        if title is None:
            idx += 1
            continue
        template = title.found.template
        number = idx + 1
        confirmed = None if number in toc_lines else _confirm_table(
            lines, idx, template.options.get("confirm"), title.last)
        if confirmed is None and title.found.unit and number not in toc_lines:
            confirmed = (None, title.found.unit, number)  # "收支总表 单位：万元" on one line
        if confirmed is None:
            layout.listed.append(_listed_entry(title.text, number, template))
        else:
            marker, unit, start = confirmed
            block = TableBlock(template, title.text, number, start, title.last + 1,
                               marker=marker or title.found.code, unit=unit or title.found.unit)
            if title.last > title.first:  # the wrapped end of the title: not a body line
                block.continuations.append(title.last + 1)
            starts.append(block)
        idx = title.last + 1

    # Block ends: next table start, part heading, attachment, or another table-like title.
    boundaries = sorted({b.start for b in starts})
    for block in starts:
        own = block.end  # the title's last line
        nxt = [s for s in boundaries if s > block.title_line]
        limit = (nxt[0] - 1) if nxt else len(lines)
        end = own
        last_rows = [norm(x) for x in block.template.options.get("last_row", [])]
        for j in range(own, limit):
            t = _clean(lines[j])
            if not t:
                continue
            if last_rows and any(x in t.split() or norm(t).startswith(x) for x in last_rows):
                end = j + 1  # the table's closing row (总分): what follows is narrative
                break
            if PART.match(t) or ATTACHMENT.match(norm(t)) or (
                _table_like_title(t) and registry.by_title(_title_candidates(t)) is None
                and j + 1 > own + 2
            ):
                break
            end = j + 1
        block.end = end

    layout.tables = _split_under(_merge_repeats(starts, lines), lines, registry)
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


def _split_under(blocks: list[TableBlock], lines: list[str],
                 registry: TemplateRegistry) -> list[TableBlock]:
    """Cut out the tables printed without a title inside another table's block.

    A template with ``options.under`` (``{table, header}``) starts at the first line of a
    ``table`` block, after its title, whose folded text matches ``header``; it runs to the
    block's end, which now stops the line before (the header line is its title line).
    """
    inner = [t for t in registry.templates if "under" in t.options]
    if not inner:
        return blocks
    out = list(blocks)
    for template in inner:
        header = re.compile(template.options["under"]["header"])
        for parent in [b for b in out if b.template.id == template.options["under"]["table"]]:
            skip = {parent.title_line, *parent.continuations}
            number = next((n for n in range(parent.title_line + 1, parent.end + 1)
                           if n not in skip and header.search(norm(_clean(lines[n - 1])))), None)
            if number is None:
                continue
            out.append(TableBlock(template, template.name, number, number, parent.end,
                                  marker=parent.marker, unit=None))
            parent.end = number - 1
            parent.continuations = [c for c in parent.continuations if c < number]
    return sorted(out, key=lambda b: b.start)


def build_sections(lines: list[str], covered: set[int]) -> list[Section]:
    """Nest the headings outside tables and 目录 into a section tree with text and spans."""
    roots: list[Section] = []
    stack: list[Section] = []
    body: dict[int, list[str]] = {}
    last_line = len(lines)
    previous: tuple[int, str] | None = None  # the last non-blank line outside tables
    for idx, raw in enumerate(lines):
        number = idx + 1
        if number in covered:
            previous = None
            continue
        text = raw.strip()
        if not text:
            continue
        level = heading_level(text)
        start, title = number, text
        if level is None and (joined := _report_title(text, number, previous)) is not None:
            level = 1
            start, title = joined
            if start != number and stack and body.get(id(stack[-1])):
                body[id(stack[-1])].pop()  # the title's first line, taken as text above
        previous = (number, text)
        if level is None:
            if stack:
                body.setdefault(id(stack[-1]), []).append(text)
            continue
        section = Section(title=title, level=level, line=start, end_line=start,
                          number=_heading_number(title))
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    all_sections = [s for r in roots for s in r.walk()]
    for i, s in enumerate(all_sections):
        s.text = "\n".join(body.get(id(s), []))
        following = [t.line for t in all_sections[i + 1 :] if t.level <= s.level]
        s.end_line = (following[0] - 1) if following else last_line
    for s in roots:
        s.report = report_subject(s.title)
    return roots


def report_subject(title: str) -> str | None:
    """What the 自评报告 titled ``title`` reports on: the title without spaces and without its
    "…项目支出绩效自评报告" tail ("2024 年城乡居民基本医疗保险补助项目支出绩效自评报告" →
    "2024年城乡居民基本医疗保险补助", "" when nothing is left); None when ``title`` is no
    自评报告's (it does not end in 自评报告 / 评价报告)."""
    n = _SPACES.sub("", title)
    if not REPORT_TITLE.search(n):
        return None
    return _REPORT_TAIL.sub("", n)


def _report_title(text: str, number: int,
                  previous: tuple[int, str] | None) -> tuple[int, str] | None:
    """(first line, title) when ``text`` ends the title of an attached self-evaluation report,
    else None. A title is short and no sentence (no sentence punctuation or book-title marks).
    A short tail ("自评报告", "绩效自评报告", "报告") continues the title line before it."""
    if not text.rstrip().endswith("报告"):
        return None  # most lines: no title ending
    n = norm(text)
    if not _title_like(text, 40):
        return None
    if (len(n) <= 12 and previous is not None and _title_like(previous[1], 30)
            and not REPORT_TITLE.search(norm(previous[1]))
            and REPORT_TITLE.search(norm(previous[1]) + n)):
        return previous[0], previous[1].strip() + text
    if REPORT_TITLE.search(n) and len(n) > 4:
        return number, text
    return None


def _title_like(text: str, width: int) -> bool:
    n = norm(text)
    return (0 < len(n) <= width and not re.search(r"[。，；：,;:《》“”]", text)
            and heading_level(text) is None)


def _heading_number(text: str) -> str | None:
    m = re.match(rf"^(第[{CN_NUM}]+部分|[{CN_NUM}]+、|[（(]\s*[{CN_NUM}\d]+\s*[）)]|\d+[.．、])", text)
    return norm(m.group(1)) if m else None
