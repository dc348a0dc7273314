"""Meta data of a report: kind (决算/预算), year, department, and where each was read.

A report says who it is and which year it covers in a few places, read here in decreasing
strength (``Meta.department_from`` / ``Meta.year_from`` record which one answered):

``cover``
    The lines before the 目录 or the first part heading (at most :data:`COVER_LINES` non-blank
    lines; a page number is skipped). They are joined before reading, because a cover title is
    often set on two or three lines that cut the name anywhere ("2018 年度江苏省高级" /
    "人民法院预算公开"); the title is "<department>…(20NN年度)…(部门)(预算|决算)(公开)", the
    year before or after the department. A name may run over a line end only where the line
    does not already end like a department name ("XX市人民政府" / "XX市财政局2024年度部门决算"
    is the 财政局's cover). A date line ("2018 年 2 月 24 日") is the publication date, never
    the year: a report's year is the 年度 its title names.
``table header``
    "部门：…", "部门（单位）：…", "部门名称：…", "单位名称：…", "编制单位：…", "填报单位：…"
    (the value ends at a space; "（本级）" is dropped).
``title``
    Part headings, table titles and 说明 headings ("2017年度江苏省高级人民法院部门收支预算总表",
    "第二部分 2024 年度部门决算表", "某某县医疗保障局整体支出自评报告"): the most frequent name
    or year among them.
``text``
    The year most often written "20NN 年度" in the whole text; a department named in a sentence
    like a title ("纳入上海市XX局2024年度部门决算编制范围…") at least twice.
``file name``
    A last fallback: a year 20NN in the file name, and a department only when the name holds
    Chinese text that ends like one ("2024年上海市普陀区财政局部门决算.pdf").

A year set in another font often lands on a line of its own ("上海市普陀区财政局" /
"年度部门决算" / "2024"): such a bare year is put back before the "年度" of the line next to it
before anything is read (:func:`mend_years`), so the same rules read the cleaner
"2024年度部门决算" and the broken form alike.

The words — how a department's name ends, what is never in one, the header keys, what follows
a department in a title and how a title ends — are data: ``checker/parse/meta.yaml``, checked
against ``schemas/meta.schema.json``; the shapes (years, covers, prefixes) are here.

kind: the cover, then the titles (a title with 决算 is a 决算 one, one with only 预算 a 预算 one:
"一般公共预算财政拨款支出决算表" is a 决算 title), then the old count (决算 at least five times
in the text → ``final``, else ``budget`` when 预算 occurs), then the file name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from checker import regex_cache
from checker.labels import norm
from checker.parse.patterns import regex_words
from checker.schema import check
from checker.yaml_load import load_yaml

__all__ = [
    "COVER_LINES",
    "Found",
    "MetaReading",
    "cover_lines",
    "department_from_name",
    "detect_department",
    "detect_kind",
    "detect_year",
    "header_lines",
    "is_department",
    "mend_years",
    "read_meta",
    "year_from_name",
]

COVER_LINES = 8
HEAD_LINES = 40

_CJK = "\u4e00-\u9fff"
_YEAR_AFTER = r"(?:(?P<y2>20\d{2})(?:年度?)?|年度)?"
_TITLE_PREFIX = re.compile(
    r"^(?:[-•·*]+)?(?:第[一二三四五六七八九十]+部分)?(?:附件\d*:?|附表:)?"
    r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])?")
_NOT_IN_TITLE = re.compile(r"[,。;:]|万元|\d\.\d")
_YEAR_IN_TITLE = re.compile(r"(20\d{2})年度?(?!\d{1,2}月)")
_YEAR_OF_REPORT = re.compile(r"(20\d{2})年度")
_YEAR_NOT_DATE = re.compile(r"(20\d{2})年(?!\d{1,2}月)")
_YEAR = re.compile(r"(20\d{2})\s*年")
_LONE_YEAR = re.compile(r"^(20\d{2})(?:年度?)?$")
_BARE_NIANDU = re.compile(r"(?<!\d)年度")
_PAGE_NUMBER = re.compile(r"^[-—]?\d{1,3}[-—]?$")
_COVER_STOP = re.compile(
    r"^(?:目录|目次|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)"
    r"|公开\d+表|表[一二三四五六七八九十]+$|附表|附件)")
_FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_CJK_RUN = re.compile(rf"[{_CJK}A-Za-z()]*[{_CJK}][{_CJK}A-Za-z()]*")


@dataclass(frozen=True)
class _Grammar:
    """The regexes built from the words of ``meta.yaml`` (see that file for what each says)."""

    name: re.Pattern[str]  # a department's name, whole
    name_end: re.Pattern[str]  # a text that ends like a department's name
    not_in_name: re.Pattern[str]
    not_name_start: re.Pattern[str]
    cover: re.Pattern[str]  # "<year><department><year>(部门)(收支)(预算|决算)"
    title_department: re.Pattern[str]  # a title opening with a department's name
    title_end: re.Pattern[str]
    title_word: re.Pattern[str]
    header: re.Pattern[str]  # "部门：<value>" …
    level: re.Pattern[str]  # "(本级)" after a name


def meta_words_path() -> Path:
    """The file of department and title words shipped with the package (``meta.yaml``)."""
    return Path(__file__).with_name("meta.yaml")


def _alternatives(words: list[str], path: str, key: str) -> str:
    """The words as one alternation, each checked to compile."""
    return "|".join(regex_words(words, path, key))


@cache
def _grammar() -> _Grammar:
    path = meta_words_path()
    data = load_yaml(path.read_text(encoding="utf-8"))
    check(data, "meta", str(path), "bad meta-word file")  # schemas/meta.schema.json
    dept, title, where = data["department"], data["title"], str(path)
    suffix = f"(?:{_alternatives(dept['endings'], where, 'department.endings')})"
    name = rf"[{_CJK}A-Za-z()·]{{2,38}}?{suffix}"
    after = _alternatives(title["after_department"], where, "title.after_department")
    keys = _alternatives(data["header_keys"], where, "header_keys")
    rx = regex_cache.compile  # the words of names: many CJK classes, kept compiled
    return _Grammar(
        name=rx(name),
        name_end=rx(suffix + "$"),
        not_in_name=rx(_alternatives(dept["never_in"], where, "department.never_in")),
        not_name_start=rx(
            f"^(?:{_alternatives(dept['never_first'], where, 'department.never_first')})"),
        cover=rx(rf"(?:关于)?(?:(?P<y1>20\d{{2}})年度?)?(?:关于)?(?P<dept>{name}){_YEAR_AFTER}"
                 r"(?:部门|单位)?(?:收支)?(?P<kind>预算|决算)"),
        title_department=rx(rf"(?:(?P<y1>20\d{{2}})年度?)?(?P<dept>{name})(?=(?:{after}))"),
        title_end=rx(
            f"(?:{_alternatives(title['endings'], where, 'title.endings')})" r"(?:\(20\d{2}年度?\))?$"),
        title_word=rx(_alternatives(title["words"], where, "title.words")),
        header=rx(rf"(?:^|(?<=\s))(?P<key>{keys})\s*:\s*(?P<value>[{_CJK}A-Za-z()·]+)"),
        level=rx(rf"\((?:{_alternatives(dept['levels'], where, 'department.levels')})\)$"),
    )


@dataclass(frozen=True)
class Found:
    """A value read from a report, where it was read ("cover", "table header", "title", "text",
    "file name") and its 1-based line (None for the file name)."""

    value: Any
    source: str
    line: int | None = None


@dataclass(frozen=True)
class MetaReading:
    """What :func:`read_meta` found: kind, department, year (each a :class:`Found` or None) and
    the line numbers of the cover and of the table headers that name a unit."""

    kind: Found | None = None
    department: Found | None = None
    year: Found | None = None
    cover: tuple[int, ...] = ()
    headers: tuple[int, ...] = field(default_factory=tuple)

    def value(self, name: str) -> Any:
        """The value of ``kind``, ``department`` or ``year``, or None."""
        found = getattr(self, name)
        return found.value if found is not None else None

    def source(self, name: str) -> str | None:
        """Where ``kind``, ``department`` or ``year`` was read, or None."""
        found = getattr(self, name)
        return found.source if found is not None else None


def is_department(name: str) -> bool:
    """True when ``name`` (normalised) reads as a unit's name: ends like one (局, 委员会, 院,
    中心 …), four to forty characters, no report words (预算, 年度 …) inside."""
    g = _grammar()
    return (4 <= len(name) <= 40 and g.name.fullmatch(name) is not None
            and not g.not_in_name.search(name) and not g.not_name_start.match(name))


def _clean(name: str) -> str:
    return _grammar().level.sub("", name)


def mend_years(lines: list[str]) -> list[str]:
    """The lines normalised (:func:`checker.labels.norm`), a year printed on a line of its own
    put back before the bare "年度" of the line above (or below) it; that line becomes blank.

    >>> mend_years(["上海市普陀区财政局", "年度部门决算", "2024"])
    ['上海市普陀区财政局', '2024年度部门决算', '']
    """
    out = [norm(x) for x in lines]
    for i, text in enumerate(out):
        m = _LONE_YEAR.match(text)
        if not m:
            continue
        before = next((j for j in range(i - 1, max(i - 3, -1), -1) if out[j]), None)
        after = next((j for j in range(i + 1, min(i + 3, len(out))) if out[j]), None)
        for j in (before, after):
            if j is not None and _BARE_NIANDU.search(out[j]) and not _LONE_YEAR.match(out[j]):
                out[j] = _BARE_NIANDU.sub(f"{m.group(1)}年度", out[j], count=1)
                out[i] = ""
                break
    return out


def cover_lines(mended: list[str]) -> list[tuple[int, str]]:
    """The cover: (0-based index, text) of the non-blank lines before the 目录 or the first part
    heading, table code or numbered heading, at most :data:`COVER_LINES`; page numbers skipped.
    A line that ends with 目录 ("2021 年某某市部门预算公开目录") gives the text before it."""
    cover: list[tuple[int, str]] = []
    for i, text in enumerate(mended):
        if not text or _PAGE_NUMBER.match(text):
            continue
        if _COVER_STOP.match(text) or text.endswith("。") or len(text) > 60:
            break
        if text.endswith(("目录", "目次")):
            if text[:-2]:
                cover.append((i, text[:-2]))
            break
        cover.append((i, text))
        if len(cover) >= COVER_LINES:
            break
    return cover


def _cover_department(
        cover: list[tuple[int, str]]) -> tuple[str, int, re.Match[str] | None] | None:
    """The department named on the cover, its line index and the cover title's match (None
    when the name is a line of its own with no title after it)."""
    starts: list[int] = []
    joined = ""
    for _, text in cover:
        starts.append(len(joined))
        joined += text
    g = _grammar()
    for start in starts:
        m = g.cover.match(joined, start)
        if not m or not is_department(_clean(m.group("dept"))):
            continue
        ds, de = m.span("dept")
        # the name may run over a line end only where that line is cut, not a whole name
        if any(g.name_end.search(joined[max(ds, starts[j - 1]):b])
               for j, b in enumerate(starts) if j > 0 and ds < b < de):
            continue
        line = max(j for j, s in enumerate(starts) if s <= ds)
        return _clean(m.group("dept")), cover[line][0], m
    for i, text in cover:
        if is_department(_clean(text)):
            return _clean(text), i, None
    return None


def header_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based index, department) of each table header line naming a unit ("部门：…",
    "部门（单位）：…", "单位名称：…", "编制单位：…" …; "单位：万元" is not one)."""
    out: list[tuple[int, str]] = []
    header = _grammar().header
    for i, raw in enumerate(lines):
        if ":" not in raw and "：" not in raw:
            continue
        text = unicodedata.normalize("NFKC", raw).replace("\t", " ")
        for m in header.finditer(text):
            value = _clean(m.group("value"))
            if is_department(value):
                out.append((i, value))
                break
    return out


def _titles(mended: list[str]) -> list[tuple[int, str]]:
    """(index, text without its part/ordinal prefix) of the lines that read as titles."""
    g = _grammar()
    out = []
    for i, text in enumerate(mended):
        if not text or len(text) > 70:
            continue
        rest = _TITLE_PREFIX.sub("", text, count=1)
        if (rest and len(rest) <= 60 and g.title_end.search(rest) and g.title_word.search(rest)
                and not _NOT_IN_TITLE.search(rest)):
            out.append((i, rest))
    return out


def _departments_in(text: str) -> set[str]:
    """Every name a sentence may give like a title ("纳入<name>2024年度部门决算…"), from each
    starting character: "入上海市某某局", "上海市某某局", "市某某局" … (the caller keeps the
    longest of those named most often)."""
    out = set()
    cover = _grammar().cover
    for pos in range(len(text)):
        m = cover.match(text, pos)
        if m is not None and is_department(name := _clean(m.group("dept"))):
            out.add(name)
    return out


def _named_most(lines: list[str]) -> Found | None:
    """The longest of the names named in the most lines (at least two), from the text."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, text in enumerate(lines):
        if "算" in text:
            for name in _departments_in(text):
                counts[name] += 1
                first.setdefault(name, i)
    if not counts:
        return None
    top = max(counts.values())
    if top < 2:
        return None
    name = max((n for n, c in counts.items() if c == top), key=len)
    return Found(name, "text", first[name] + 1)


def _most_common(found: list[tuple[Any, int]], source: str) -> Found | None:
    if not found:
        return None
    value = Counter(v for v, _ in found).most_common(1)[0][0]
    return Found(value, source, next(i for v, i in found if v == value) + 1)


def _kind_of(text: str) -> str | None:
    if "决算" in text:
        return "final"
    return "budget" if "预算" in text else None


def _read(lines: list[str]) -> MetaReading:
    mended = mend_years(lines)
    cover = cover_lines(mended)
    headers = header_lines(lines)
    titles = _titles(mended)
    joined_cover = "".join(t for _, t in cover)

    # department: cover, table header, title, text
    department: Found | None = None
    cover_match: re.Match[str] | None = None
    if (c := _cover_department(cover)) is not None:
        department = Found(c[0], "cover", c[1] + 1)
        cover_match = c[2]
    if department is None:
        department = _most_common([(v, i) for i, v in headers], "table header")
    if department is None:
        found = []
        for i, rest in titles:
            m = _grammar().title_department.match(rest)
            if m and is_department(_clean(m.group("dept"))):
                found.append((_clean(m.group("dept")), i))
        department = _most_common(found, "title")
    if department is None:
        department = _named_most(mended)

    # year: cover, title, table header, text
    year: Found | None = None
    if cover_match is not None and (cover_match.group("y1") or cover_match.group("y2")):
        year = Found(int(cover_match.group("y1") or cover_match.group("y2")), "cover",
                     department.line if department else None)
    if year is None:
        for pattern in (_YEAR_OF_REPORT, _YEAR_NOT_DATE):
            hit = next(((i, m) for i, t in cover if (m := pattern.search(t))), None)
            if hit:
                year = Found(int(hit[1].group(1)), "cover", hit[0] + 1)
                break
    if year is None:
        hit = next(((i, m) for i, t in cover if (m := _LONE_YEAR.match(t))), None)
        if hit:
            year = Found(int(hit[1].group(1)), "cover", hit[0] + 1)
    if year is None:
        year = _most_common([(int(m.group(1)), i) for i, rest in titles
                             for m in _YEAR_IN_TITLE.finditer(rest)], "title")
    if year is None:
        year = _most_common([(int(m.group(1)), i) for i, _ in headers
                             for m in _YEAR_OF_REPORT.finditer(mended[i])], "table header")
    if year is None:
        year = _most_common([(int(m.group(1)), i) for i, t in enumerate(mended)
                             for m in _YEAR_OF_REPORT.finditer(t)], "text")
    if year is None:
        nonblank = [(i, ln) for i, ln in enumerate(lines) if ln.strip()][:HEAD_LINES]
        hit = next(((i, m) for i, ln in nonblank if (m := _YEAR.search(ln))), None)
        if hit:
            year = Found(int(hit[1].group(1)), "text", hit[0] + 1)

    # kind: cover, titles, counts
    kind: Found | None = None
    if cover_match is not None:
        kind = Found("final" if cover_match.group("kind") == "决算" else "budget", "cover",
                     department.line if department else None)
    elif cover and ("决算" in joined_cover) != ("预算" in joined_cover):
        kind = Found(_kind_of(joined_cover), "cover", cover[0][0] + 1)
    if kind is None:
        votes = Counter(k for _, rest in titles if (k := _kind_of(rest)))
        if votes and len(set(votes.values())) == len(votes):  # no tie
            value = votes.most_common(1)[0][0]
            kind = Found(value, "title", next(i for i, r in titles if _kind_of(r) == value) + 1)
    if kind is None:
        text = "\n".join(lines)
        if text.count("决算") >= 5:
            kind = Found("final", "text")
        elif "预算" in text:
            kind = Found("budget", "text")
    return MetaReading(kind=kind, department=department, year=year,
                       cover=tuple(i + 1 for i, _ in cover),
                       headers=tuple(i + 1 for i, _ in headers))


_LAST: list[Any] = [None, None]  # [lines, MetaReading]: region plugins and the parser ask alike


def read_meta(lines: list[str], path: str | PurePath | None = None) -> MetaReading:
    """Kind, department and year of a report with where each was read (module docstring).

    ``path`` (the report's file name) is the last fallback for each of them. The reading of the
    lines is kept for the same list object, so that every region plugin and the parser share it.
    """
    if _LAST[0] is not lines:
        _LAST[:] = [lines, _read(lines)]
    reading: MetaReading = _LAST[1]
    if path is None:
        return reading
    name = PurePath(str(path)).name
    changes: dict[str, Found] = {}
    if reading.department is None and (d := department_from_name(name)):
        changes["department"] = Found(d, "file name")
    if reading.year is None and (y := year_from_name(name)):
        changes["year"] = Found(y, "file name")
    if reading.kind is None and (k := _kind_from_name(name)):
        changes["kind"] = Found(k, "file name")
    if not changes:
        return reading
    return MetaReading(**{**reading.__dict__, **changes})


def year_from_name(name: str) -> int | None:
    """A year 20NN in a file name ("jiangsu-court-2018-budget.pdf" → 2018), or None."""
    m = _FILE_YEAR.search(PurePath(name).stem)
    return int(m.group(1)) if m else None


def department_from_name(name: str) -> str | None:
    """A department in a file name, only when its Chinese text ends like one
    ("2024年上海市普陀区财政局部门决算.pdf" → 上海市普陀区财政局), or None."""
    stem = norm(PurePath(name).stem)
    m = _grammar().cover.search(stem)
    if m and is_department(_clean(m.group("dept"))):
        return _clean(m.group("dept"))
    for run in _CJK_RUN.findall(re.sub(r"20\d{2}年?度?", " ", stem)):
        if is_department(_clean(run)):
            return _clean(run)
    return None


def _kind_from_name(name: str) -> str | None:
    stem = PurePath(name).stem.lower()
    if "决算" in stem or re.search(r"(?<![a-z])final(?![a-z])", stem):
        return "final"
    if "预算" in stem or re.search(r"(?<![a-z])budget(?![a-z])", stem):
        return "budget"
    return None


def detect_kind(lines: list[str]) -> str | None:
    """Return "final", "budget" or None (:func:`read_meta`)."""
    return read_meta(lines).value("kind")


def detect_year(lines: list[str]) -> int | None:
    """The report's year (:func:`read_meta`)."""
    return read_meta(lines).value("year")


def detect_department(lines: list[str]) -> str | None:
    """The department's name (:func:`read_meta`)."""
    return read_meta(lines).value("department")
