"""The parsed document: what a report is, as data.

A report (whatever its file format) becomes one :class:`Document`. Its JSON form is described by
``schemas/document.schema.json`` and produced by :func:`Document.to_json`; :func:`Document.from_json`
reads it back, so a document written by ``checker parse`` can be checked later.

Principles:

* Money is :class:`decimal.Decimal`, never float. A printed number keeps its text, the number of
  decimals it was printed with and the line it came from (:class:`Number`).
* A blank cell is recorded as blank (``Cell.number is None``), never as zero: rules decide what a
  blank means.
* Rows are identified by label or subject code; the printed 行次 is kept only as a hint.
* Where the printed text does not say in which column a value stands (blank cells collapsed in
  space-separated text), the parser may place it by the table's structure; such a cell says how
  (``Cell.placed``), and a value it could not place is kept in ``Row.unplaced``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from checker.indicator_value import IndicatorPair, IndicatorValue
from checker.jsonform import JsonForm, is_falsy, is_none, json_field

SCHEMA_VERSION = "1"
# How a report's kind is printed (Meta.kind "final" / "budget").
KIND_NAMES = {"final": "决算", "budget": "预算"}


@dataclass(frozen=True)
class Number(JsonForm):
    """A number as printed: exact decimal value, printed decimals, source line."""

    value: Decimal
    decimals: int
    text: str
    line: int
    percent: bool = json_field(default=False, omit=is_falsy)


def _cell_text_shown(text: str, cell: Cell) -> bool:
    return bool(text) and (cell.number is None or text != cell.number.text)


@dataclass
class Cell(JsonForm):
    """One cell of a table row. ``number`` is None for a blank cell."""

    # the JSON form also says ``blank`` (for readers of the JSON), derived from ``number``
    number: Number | None = json_field(omit=is_none, absent=lambda _got: None)
    line: int
    # the printed text, written only where it is not the number's
    text: str = json_field(default="", omit=lambda text, cell: not _cell_text_shown(text, cell),
                           absent=lambda got: got["number"].text if got.get("number") else "")
    # How the column of this value was decided, when the text did not say it:
    # None = printed in its own position; otherwise a short reason ("parent column", ...).
    placed: str | None = json_field(default=None, omit=is_falsy)
    # On a 年度指标值 / 实际完成值 cell of an indicator row: what the parser read its printed
    # text as (checker/parse/indicator.py); None on every other cell
    indicator: IndicatorValue | None = json_field(default=None, omit=is_none)

    @property
    def blank(self) -> bool:
        """True when nothing is printed in the cell."""
        return self.number is None

    @property
    def printed(self) -> str:
        """What the cell prints: its number as printed, else its text."""
        return self.number.text if self.number is not None else self.text

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form, with ``blank``."""
        return {"blank": self.number is None, **super().to_json()}


@dataclass
class Column(JsonForm):
    """A column of a table: canonical key, printed label, 栏次 and whether it is exact."""

    key: str
    label: str
    col_no: str | None = None
    exact: bool = False


@dataclass
class Row(JsonForm):
    """A table row: label as printed, canonical key, subject code, 行次 and cells by column key."""

    label: str
    key: str
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)
    code: str | None = None
    # the code as printed, written only where it is not ``code``
    code_printed: str | None = json_field(default=None,
                                          omit=lambda v, row: v is None or v == row.code,
                                          absent=lambda got: got.get("code"))
    code_truncated: bool = json_field(default=False, omit=is_falsy)
    row_no: str | None = json_field(default=None, omit=is_none)
    side: str | None = json_field(default=None, omit=is_none)
    unplaced: list[Number] = json_field(default_factory=list, omit=is_falsy)
    # On an indicator row (side 指标) whose 年度指标值 and 实际完成值 the text gave apart: the
    # two read together (checker/parse/indicator.py read_pair); None on every other row
    indicator: IndicatorPair | None = json_field(default=None, omit=is_none)


@dataclass
class Note(JsonForm):
    """A line of text attached to a table (注：…, an empty-table statement)."""

    text: str
    line: int


@dataclass
class Table(JsonForm):
    """A recognised table: template id, printed title and code, unit, columns and rows."""

    id: str
    title: str
    line: int
    end_line: int
    code: str | None = None
    unit: str | None = None
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    empty: bool = False
    # A table named in a 目录 / 附表 list whose body is not in the text.
    listed_only: bool = False
    # Lines inside the table block that no row or header took (kept so nothing is silent).
    unassigned: list[Note] = field(default_factory=list)
    # Extra page-break repeats merged into this table (their title lines).
    continuations: list[int] = field(default_factory=list)
    # What the table is about when a report prints several of one kind (the project of a
    # 项目支出绩效自评表); None otherwise.
    subject: str | None = None
    # How well the body was read: "read" (every column and row understood), "partial" (some
    # columns or rows not mapped: ``reading_notes`` says which) or "not_understood" (the layout
    # was not recognised: ``reading_notes`` says why). Rules over a table not understood are
    # not evaluated, never failed.
    reading: str = "read"
    reading_notes: list[str] = field(default_factory=list)

    def row(self, key: str) -> Row | None:
        """Return the first row whose key or code is ``key``."""
        for r in self.rows:
            if r.key == key or (r.code is not None and r.code == key):
                return r
        return None


@dataclass
class Section(JsonForm):
    """A narrative heading with its text and line span; sections nest (第一部分 > 一、 > （一）)."""

    title: str
    level: int
    line: int
    end_line: int
    number: str | None = None
    text: str = ""
    children: list[Section] = field(default_factory=list)
    # for a 自评报告 the parser found at the top of the section tree (a title ending in 自评报告 /
    # 评价报告): what the title reports on, the title without spaces and without its
    # "…项目支出绩效自评报告" tail ("2024年城乡居民基本医疗保险补助", "" when nothing is left);
    # None for any other section
    report: str | None = json_field(default=None, omit=is_none)
    # the canonical key the fact patterns give this heading (说明.三公 …), None where none does;
    # set by the parser from the patterns in force, derived again when a JSON document is
    # loaded, so not part of the JSON form
    key: str | None = json_field(default=None, skip=True)

    def walk(self):
        """Yield this section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ListedTable(JsonForm):
    """A table named in a 目录 or 附表 list, with what the list says about it."""

    title: str
    line: int
    number: str | None = None
    table_id: str | None = None
    empty_declared: bool | None = None
    empty_reason: str | None = None


@dataclass
class Breakdown(JsonForm):
    """The parts listed after "其中" for the whole a fact states (``checker/parse/breakdowns.py``).

    ``parts`` are the part facts in the order printed, as indices into ``Document.facts`` (the
    facts of a document keep their order, in its JSON form too); ``partial``: the text marks the
    list as partial (其中主要…, …等, a nested list cutting it short); ``shares``: two or more parts
    and every one carries its share of the whole (占 P%), a complete breakdown; ``unread``: why
    the parts cannot be summed (a part printed in 元, or not read as a fact), None when they can.
    """

    parts: list[int] = field(default_factory=list)
    partial: bool = json_field(default=False, omit=is_falsy)
    shares: bool = json_field(default=False, omit=is_falsy)
    unread: str | None = json_field(default=None, omit=is_none)


@dataclass(frozen=True)
class CaptureNumber(JsonForm):
    """A text capture of a fact that the parser also reads as a number (``capture_numbers`` in
    ``checker/facts/patterns.yaml``): its ``value``, the interval ``[low, high]`` it stands for
    and the ``text`` a message shows for it (``checker/parse/capture_numbers.py``)."""

    value: Decimal
    low: Decimal
    high: Decimal
    text: str


@dataclass
class Fact(JsonForm):
    """A number taken from the narrative by a declared pattern (``checker/facts/patterns.yaml``).

    ``name`` says what the number is (收入总计, 占比, 变动率 …); ``section`` is the canonical key of
    the 情况说明 section it was read in (说明.总体 …, None outside a known section); ``label`` the
    item it is about when the pattern captures one (社会保障和就业支出); facts read by the same
    match of a pattern share ``group``, so a rule can reach the amount a share or a completion
    rate belongs to; ``attrs`` holds the pattern's text captures (方向 增加/减少, 基数 …).
    A template leftover (增加/减少, XX) is kept as a fact named 占位符 whose number is 0 and
    whose ``number.text`` is the leftover text.

    Read once by the parser from the facts and sections, for the rules to read: ``breakdown``,
    the 其中 list after the whole this fact states (``checker/parse/breakdowns.py``, None when
    none follows); ``read_as``, the other names the same printed number (same line, text and
    sentence) is read as; ``reason``, the reason word (原因 …) in the fact's sentence or the next
    sentence of its section (``checker/parse/reasons.py``), None when there is none; on a
    变动额, ``change_parts``, the change statements right after it that break it down, and
    ``restated``, the later ones about the same item (``checker/parse/changes.py``; indices
    into ``Document.facts``); ``numbers``, the text captures read as numbers (人数 "18.05万",
    列举's Σ of 万元 amounts), by capture name; on a 评价等级, ``graded``, the score fact it is
    given for (``checker/parse/grades.py``; an index into ``Document.facts``).
    """

    name: str
    number: Number
    unit: str | None
    sentence: str
    line: int
    pattern: str
    section: str | None = json_field(default=None, omit=is_none)
    label: str | None = json_field(default=None, omit=is_none)
    group: int | None = json_field(default=None, omit=is_none)
    attrs: dict[str, str] = json_field(default_factory=dict, omit=is_falsy)
    breakdown: Breakdown | None = json_field(default=None, omit=is_none)
    read_as: list[str] = json_field(default_factory=list, omit=is_falsy)
    reason: str | None = json_field(default=None, omit=is_none)
    change_parts: list[int] = json_field(default_factory=list, omit=is_falsy)
    restated: list[int] = json_field(default_factory=list, omit=is_falsy)
    numbers: dict[str, CaptureNumber] = json_field(default_factory=dict, omit=is_falsy)
    graded: int | None = json_field(default=None, omit=is_none)


@dataclass
class SourceFile(JsonForm):
    """One file of a report published as several (a 说明 file and a 表 file): its lines are
    lines ``first_line`` … ``first_line + lines - 1`` of the document."""

    path: str
    format: str
    sha256: str
    first_line: int
    lines: int
    encoding: str | None = None
    pages: list[int] | None = json_field(default=None, omit=is_none)
    locations: list[str] | None = json_field(default=None, omit=is_none)


@dataclass
class Source(JsonForm):
    """Where the document came from (``parts``: the files of a report published as several)."""

    path: str
    format: str
    sha256: str
    lines: int
    encoding: str | None = None
    # PDF: the page of each line (``pages[line - 1]``); None for other formats.
    pages: list[int] | None = json_field(default=None, omit=is_none)
    # Workbook: where each line came from, ``Sheet!A5:H5`` (the row's cells, in line order) or
    # a sheet name for a line the reader added (title, unit); None for other formats.
    locations: list[str] | None = json_field(default=None, omit=is_none)
    parts: list[SourceFile] | None = json_field(default=None, omit=is_none)

    def part(self, line: int) -> tuple[SourceFile, int] | None:
        """The file a 1-based line of a combined report comes from, and its line there."""
        for p in self.parts or ():
            if p.first_line <= line < p.first_line + p.lines:
                return p, line - p.first_line + 1
        return None

    def page(self, line: int) -> int | None:
        """The PDF page of a 1-based line, or None (not a PDF, or out of range)."""
        if self.parts:
            found = self.part(line)
            if found is None or not found[0].pages:
                return None
            return found[0].pages[found[1] - 1]
        if self.pages and 1 <= line <= len(self.pages):
            return self.pages[line - 1]
        return None

    def location(self, line: int) -> str | None:
        """The workbook location of a 1-based line (``Sheet!A5:H5``), or None."""
        if self.parts:
            found = self.part(line)
            if found is None or not found[0].locations:
                return None
            return found[0].locations[found[1] - 1] or None
        if self.locations and 1 <= line <= len(self.locations):
            return self.locations[line - 1] or None
        return None

    def place(self, line: int) -> str | None:
        """Where a line is in the original file: "page 3" (PDF), "公开01表!A5:H5" (workbook), or
        None for a text report, whose line numbers are the place; in a report of several files,
        the file too ("b.pdf page 3", "a.txt line 12")."""
        page = self.page(line)
        here = f"page {page}" if page is not None else self.location(line)
        if self.parts:
            found = self.part(line)
            if found is None:
                return here
            name = found[0].path.replace("\\", "/").rsplit("/", 1)[-1]
            return f"{name} {here}" if here else f"{name} line {found[1]}"
        return here

    def where(self, line: int) -> str:
        """A line as a user finds it: "page 3 line 120", "公开01表!A5:H5 (line 7)", "line 7"."""
        place = self.place(line)
        if place is None:
            return f"line {line}"
        if self.page(line) is not None:
            return f"{place} line {line}"
        return f"{place} (line {line})"


@dataclass
class Meta(JsonForm):
    """Department, year, kind (final | budget), region and unit of the document."""

    source: Source
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    region: str | None = None
    unit: str = "万元"
    region_detected_by: str | None = None
    # Where the department and the year were read: "cover", "table header", "title",
    # "text", "file name" (a fallback); None when not found.
    department_from: str | None = None
    year_from: str | None = None
    # What the file holds: "both" (tables and 说明), or one half of a report published as two
    # files — "tables" or "narrative"; rules on the other half are then not applicable.
    holds: str = "both"
    # A region the report was recognised as by the region files the core knows
    # (``checker.region.known_regions``) whose plugin is not installed: its code; ``region``
    # stays None (national rules only) and ``region_detected_by`` gives the evidence.
    region_missing: str | None = json_field(default=None, omit=is_none)
    # Why the document is a template to fill, not a report (placeholders in place of figures:
    # ``checker/parse/template_form.py``), or None.
    template: str | None = json_field(default=None, omit=is_none)


_SPACES = re.compile(r"\s+")
_CLAUSE_END = re.compile(r"[。；;！!？?]")


class SectionText:
    """The sections' texts, spaces removed, for reading what follows a sentence in them: each
    section's text is cleaned once, each line's innermost section found once."""

    def __init__(self, sections: list[Section]) -> None:
        walked = [s for top in sections for s in top.walk()]
        # by first line, then walk order: of two starting on one line, the later one is deeper
        self._by_start = [s for _, s in sorted(enumerate(walked), key=lambda x: (x[1].line, x[0]))]
        self._starts = [s.line for s in self._by_start]
        self._inner: dict[int, Section | None] = {}
        self._text: dict[int, str] = {}

    def innermost(self, line: int) -> Section | None:
        """The deepest section whose span holds ``line`` (the last one to start, when spans
        nest), found once."""
        if line not in self._inner:
            found: Section | None = None
            for k in range(bisect_right(self._starts, line) - 1, -1, -1):
                if self._by_start[k].end_line >= line:
                    found = self._by_start[k]
                    break
            self._inner[line] = found
        return self._inner[line]

    def clauses_after(self, line: int, sentence: str, limit: int) -> list[str] | None:
        """Up to ``limit`` clauses (each ending in 。；！？) that follow ``sentence`` in the text of
        the innermost section holding ``line``, spaces removed; None when the sentence is not
        found there. The sentence is found by its last 16 characters: its start may lie in the
        heading line, which the section's text does not hold (SC24:245–247)."""
        section = self.innermost(line)
        own = _SPACES.sub("", sentence)
        if section is None or not own:
            return None
        text = self._text.get(id(section))
        if text is None:
            text = self._text[id(section)] = _SPACES.sub("", section.text)
        tail = own[-16:]
        at = text.find(tail)
        if at < 0:
            return None
        out: list[str] = []
        pos = at + len(tail)
        while pos < len(text) and len(out) < limit:
            m = _CLAUSE_END.search(text, pos)
            end = m.end() if m else len(text)
            out.append(text[pos:end])
            pos = end
        return out


@dataclass
class Document(JsonForm):
    """The whole parsed report."""

    meta: Meta
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    listed_tables: list[ListedTable] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    unrecognised: list[Note] = field(default_factory=list)
    # The lines as read (``lines[n - 1]`` is line n), for showing a finding's source
    # (``checker check --show-source``); not part of the JSON form, empty for a document loaded
    # from it.
    lines: list[str] = json_field(default_factory=list, repr=False, compare=False, skip=True)

    def table(self, table_id: str) -> Table | None:
        """Return the body table with this canonical id (not a listed-only one), or None."""
        for t in self.tables:
            if t.id == table_id and not t.listed_only:
                return t
        return None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form validated by schemas/document.schema.json."""
        return {"schema_version": SCHEMA_VERSION, **super().to_json()}
