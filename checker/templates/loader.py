"""Table templates: what each standard table is, read from YAML data.

A template file holds ``templates:``, a list of entries of this shape (see
``checker/templates/final.yaml`` for the national 决算 tables)::

    - id: final.T03                   # canonical id, used in output and by rules
      kind: final                     # final (决算) | budget (预算)
      name: 支出决算表                 # the name rules use
      aliases: [公开03表, 支出决算总表]   # other names rules and titles may use
      titles: ['支出决算(?:总)?表']      # forms of the printed title (regexes; see below)
      markers: ['公开03表']              # table codes printed under the title (normalised)
      layout: code_rows               # how the body is laid out (checker/parse/layouts/)
      unit: 万元
      columns:                        # in printed order
        - {key: 本年支出合计, col_no: '1', aliases: [本年支出合]}
        - {key: 基本支出, col_no: '2'}
      placement:                      # how to place values when blanks collapsed (optional)
        total: 本年支出合计
        parts: [基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出]
      rows:                           # fixed rows (tables without subject codes)
        - {key: 本年收入合计, side: 收入, labels: [本年收入合计]}

Column keys double as their canonical label. ``exact: true`` marks a column whose values are
exact (counts, 分值) rather than rounded amounts. ``tree: [本年收入合计, …]`` declares the table a
subject-code tree and names the columns that add up over it (合计 = Σ类, 类 = Σ款, 款 = Σ项 for
功能分类 codes; 类 = Σ款 for 经济分类): rule T08 (``rules/trees.rules``) checks every such table, and
no rule lists the columns again. ``regions: [SC]`` limits recognition by title to
reports of those regions, where the template is tried before the others
(:meth:`TemplateRegistry.for_region`): for a printed title that means another table in other
provinces.

**Checked on load.** Every entry is validated against ``schemas/template.schema.json``: a key the
schema does not list (``exct: true``, ``titels:``) is an :class:`~checker.errors.InputError`
naming the file, the template id and the key (with the nearest allowed key), never ignored.

**Extending.** Region plugins add templates in the same format, and add to a template defined
elsewhere with an entry ``extends: final.T03``: ``aliases``, ``titles``, ``markers``,
``column_aliases``, ``row_labels``, ``rows`` (sub-rows a region prints), ``columns`` (appended
after the template's own), ``placement`` (the keys it names replace the template's) and
``options`` (merged; lists extended) — a region's specifics over a national table.

**A table without a title.** ``options: {under: {table: final.T09, header: '<regex>'}}``
declares a table printed inside another table's block with no title of its own: the segmenter
cuts the block at the first line whose folded text matches ``header`` and gives the lines from
there to the block's end to this template's layout (a region's block of counts under the 三公 table).
A plugin whose ``under.table`` nobody defines fails to load, as an unknown ``extends:`` does.

**Titles: the catalogue.** How printed titles are recognised is data in
``checker/templates/titles.yaml``: a *grammar* (what may stand before or around a table's own
name: year, department, 部门, a table code, a unit, a bracketed qualifier; see
:class:`TitleGrammar`) and, per template id, the *forms* of its own name with real *examples*
and where they were printed. The loader merges a template's catalogue forms with the
``titles:`` its file declares. The national forms live in one catalogue rather than in each
template's ``titles:`` because they can only be kept apart side by side — 收支总表 (B01) versus
财政拨款收支总表 (B04), 支出决算表 (T03) versus 一般公共预算财政拨款支出决算表 (T05) — and because
the examples are checked against the whole catalogue (every example must resolve to its own
template and no other); the template files stay about structure (columns, rows, layout). A
title matches a template when its folded text is ``prefix`` + one of the template's forms, in
full; of several matching templates the one with the shortest prefix wins, then registry order.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from checker import regex_cache
from checker.errors import InputError
from checker.labels import norm, strip_ordinal
from checker.schema import check as check_schema
from checker.yaml_load import YamlError, load_yaml

CATALOGUE_FILE = "titles.yaml"
# Quotes are folded away in titles: “三公” "三公" ‘三公’ 三公 and 《…》 are the same title.
_QUOTES = str.maketrans("", "", "\"'「」『』《》〈〉")
_SENTENCE = re.compile(r"[。,;!?:]")
_FRAGMENT = re.compile(r"\$\{(\w+)\}")


@dataclass
class ColumnSpec:
    """A template column: canonical key, 栏次, side (two-sided tables), aliases, exactness."""

    key: str
    col_no: str | None = None
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    exact: bool = False
    decimals: int | None = None
    # A column some printed forms of the table leave out (会议费 and 培训费 in the national 三公
    # table): a header without it is still read in full.
    optional: bool = False

    def names(self) -> list[str]:
        """Every name this column answers to, normalised."""
        return [strip_ordinal(n) for n in [self.key, *self.aliases]]


@dataclass
class RowSpec:
    """A fixed row: canonical key, side, printed labels it may carry."""

    key: str
    side: str | None = None
    labels: list[str] = field(default_factory=list)
    code: str | None = None
    # A sub-row (年初一般公共预算财政拨款 under 年初财政拨款结转和结余): its labels repeat another
    # row's, so it is chosen only after its parent row has been read on the same side.
    under: str | None = None

    def names(self) -> list[str]:
        """Every label this row answers to, normalised and without ordinal."""
        return [strip_ordinal(n) for n in [self.key, *self.labels]]


# ---------------------------------------------------------------- the title grammar


@dataclass(frozen=True)
class TitleParts:
    """A printed title taken apart: its folded text and what was printed around it."""

    text: str  # folded: no ordinal, code, unit, qualifier; year and department still in
    code: str | None = None  # a table code printed on the same line (公开01表, 表1-1)
    unit: str | None = None  # a unit printed on the same line (万元)


class TitleGrammar:
    """How a printed title is folded and what may stand before a table's own name.

    Built from the ``grammar`` of the catalogue (``titles.yaml``): ``year``, ``department`` and
    ``prefix`` (regexes, ``${name}`` refers to another entry or a ``fragments`` entry), ``code``
    (a table code), ``unit``, ``qualifier`` (a bracketed note after 表) and ``max_length``.
    """

    def __init__(self, grammar: dict[str, Any], source: str = CATALOGUE_FILE) -> None:
        self.source = source
        self.fragments = {str(k): str(v) for k, v in (grammar.get("fragments") or {}).items()}
        for key in ("year", "department", "code", "unit", "qualifier"):
            self.fragments.setdefault(key, str(grammar[key]))
        self.prefix = self.expand(str(grammar["prefix"]))
        self.max_length = int(grammar["max_length"])
        code = self.expand(self.fragments["code"])
        try:
            self.code = re.compile(f"(?:{code})")
            self._lead_code = re.compile(rf"^(?:{code})(?:[:.、]|(?!\d))")
            self._tail_code = re.compile(rf"(?:\((?:{code})\)|(?:{code}))$")
            self._tail_unit = re.compile(rf"\(?(?:{self.expand(self.fragments['unit'])})\)?$")
            self._tail_qualifier = re.compile(rf"(?<=表)(?:{self.expand(self.fragments['qualifier'])})$")
            self._lead_year = re.compile(rf"^(?:{self.expand(self.fragments['year'])})")
            self._ordinal_year = re.compile(rf"^\d{{1,2}}\.(?=(?:{self.expand(self.fragments['year'])}))")
            re.compile(self.prefix)
        except re.error as exc:
            raise InputError(source, f"bad title grammar: {exc}") from exc

    def expand(self, pattern: str) -> str:
        """Replace every ``${name}`` by its fragment (recursively); an unknown name is an error."""
        seen: set[str] = set()

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.fragments:
                raise InputError(self.source, f"unknown title fragment ${{{name}}} in {pattern!r}")
            if name in seen:
                raise InputError(self.source, f"title fragment ${{{name}}} refers to itself")
            seen.add(name)
            out = _FRAGMENT.sub(sub, self.fragments[name])
            seen.discard(name)
            return out

        return _FRAGMENT.sub(sub, pattern)

    @staticmethod
    def fold(text: str) -> str:
        """Width, brackets, spaces (:func:`checker.labels.norm`) and quotes folded away."""
        return norm(text).translate(_QUOTES)

    def compile_form(self, form: str, source: str = "", template_id: str = "?") -> TitlePattern:
        """A form of a table's own name, as a pattern of the whole folded title: the grammar's
        prefix (group ``pre``) followed by the form."""
        body = self.fold(self.expand(form))
        try:
            return TitlePattern(regex_cache.compile(f"(?P<pre>{self.prefix})(?:{body})"))
        except re.error as exc:
            raise InputError(source or self.source,
                             f"template {template_id}: bad title form {form!r}: {exc}") from exc


    def split(self, title: str) -> TitleParts | None:
        """Take a printed title apart; None when the text cannot be a title.

        Removed: a leading "- ", ordinals, a table code before (公开01表, 表1, "表 1:") or after
        (also in brackets), a trailing unit (单位：万元) and a bracketed qualifier after 表
        ((功能科目)). What remains must be non-empty, at most ``max_length`` characters and free
        of sentence punctuation: a sentence that names a table is not its title.
        """
        code: str | None = None
        unit: str | None = None
        # Folding removes spaces, and with them what tells "表1 2021年…" and "1. 2021年…" from
        # 表12 / 1.2: a leading number or code set off by a space is taken first.
        raw = re.sub(r"^\s*-?\s*\d{1,2}[.．、]\s+", "", title)
        tokens = raw.split()
        for k in (3, 2, 1):  # "公开 01 表 …" is three tokens
            if len(tokens) > k:
                candidate = self.fold("".join(tokens[:k])).rstrip(":.、")
                if self.code.fullmatch(candidate):
                    code, tokens = candidate, tokens[k:]
                    break
        t = self.fold(" ".join(tokens)).lstrip("-")
        previous = None
        while previous != t:
            previous = t
            t = self._ordinal_year.sub("", strip_ordinal(t)).lstrip("-")
            m = self._lead_code.match(t)
            if m and len(t) > m.end():
                code = code or m.group(0).rstrip(":.、")
                t = t[m.end():]
        previous = None
        while previous != t:
            previous = t
            m = self._tail_code.search(t)
            if m and t[: m.start()].endswith("表"):
                code = code or m.group(0).strip("()")
                t = t[: m.start()]
                continue
            m = self._tail_unit.search(t)
            if m and m.start() > 0:
                unit = unit or re.sub(r".*:", "", m.group(0)).strip("()")
                t = t[: m.start()]
                continue
            m = self._tail_qualifier.search(t)
            if m:
                t = t[: m.start()]
        if not t or len(t) > self.max_length or _SENTENCE.search(t):
            return None
        return TitleParts(t, code, unit)

    def strip_year(self, text: str) -> str:
        """The text without a leading year (2021年, 2017年度)."""
        return self._lead_year.sub("", text)


class TitlePattern:
    """A compiled title pattern that a pickled registry keeps as its text and compiles again only
    when a title is matched: a run whose reports all come from the result cache never matches a
    title, and compiling its title patterns (about 40, each carrying the title grammar's prefix) was
    most of the time taken to load a kept registry (≈40 ms of ≈41 ms, measured by unpickling)."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.pattern = compiled.pattern
        self._compiled: re.Pattern[str] | None = compiled

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """``re.Pattern.fullmatch``, compiling the pattern on first use."""
        rx = self._compiled
        if rx is None:
            rx = self._compiled = regex_cache.compile(self.pattern)
        return rx.fullmatch(text)

    def __getstate__(self) -> str:
        return self.pattern

    def __setstate__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TitlePattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"TitlePattern({self.pattern!r})"


@dataclass
class TitleCatalogue:
    """The catalogue of ``titles.yaml``: its grammar, and per template id the forms of the
    table's own name and the real titles (with where they were printed) that must match it."""

    grammar: TitleGrammar
    forms: dict[str, list[str]]
    examples: dict[str, list[dict[str, str]]]
    source: str


def load_catalogue(path: Path) -> TitleCatalogue:
    """Read and check a title catalogue (``$defs/catalogue`` of the template schema)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, YamlError) as exc:
        raise InputError(str(path), f"cannot read title catalogue: {exc}") from exc
    check_schema(data, "template", str(path), "title catalogue", "catalogue")
    grammar = TitleGrammar(data["grammar"], str(path))
    forms = {tid: [str(f) for f in entry["forms"]] for tid, entry in data["titles"].items()}
    examples = {tid: list(entry.get("examples", [])) for tid, entry in data["titles"].items()}
    for tid, fs in forms.items():
        for f in fs:
            grammar.compile_form(f, str(path), tid)
    return TitleCatalogue(grammar, forms, examples, str(path))


@cache
def core_catalogue() -> TitleCatalogue:
    """The national title catalogue shipped in checker/templates/titles.yaml (read once)."""
    return load_catalogue(core_template_dir() / CATALOGUE_FILE)


def title_grammar() -> TitleGrammar:
    """The grammar every title is matched with (the national catalogue's)."""
    return core_catalogue().grammar


# ---------------------------------------------------------------- templates


@dataclass
class Template:
    """One standard table."""

    id: str
    kind: str
    name: str
    layout: str
    # each pattern matches a whole folded title: the grammar's prefix, then a form of the name
    titles: list[TitlePattern]
    markers: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    columns: list[ColumnSpec] = field(default_factory=list)
    rows: list[RowSpec] = field(default_factory=list)
    placement: dict[str, Any] = field(default_factory=dict)
    unit: str = "万元"
    total_labels: list[str] = field(default_factory=lambda: ["合计"])
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    # Region codes where this template is recognised by title; empty = everywhere.
    regions: list[str] = field(default_factory=list)
    # The columns that add up over the table's subject-code tree (合计 = Σ类, 类 = Σ款, 款 = Σ项):
    # rule T08 checks every table that declares them; empty = not a tree.
    tree: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every name this table answers to in rules, normalised."""
        return [norm(n) for n in [self.name, self.id, *self.aliases]]

    def matches_title(self, title: str) -> bool:
        """True when a printed title is this table's (ordinal, code, year, department ignored)."""
        return self.matches_normalized(normalize_title(title))

    def matches_normalized(self, title: str) -> bool:
        """Like matches_title, for a title already passed through normalize_title."""
        return self.prefix_length(title) is not None

    def prefix_length(self, title: str) -> int | None:
        """How many characters of a normalized title stand before this table's own name (year,
        department, 部门), or None when the title is not this table's."""
        best: int | None = None
        for p in self.titles:
            m = p.fullmatch(title)
            if m is not None:
                n = len(m.group("pre") or "")
                best = n if best is None else min(best, n)
        return best

    def column(self, name: str, side: str | None = None) -> ColumnSpec | None:
        """Resolve a column by key or alias (optionally on one side of a two-sided table)."""
        wanted = strip_ordinal(name)
        for col in self.columns:
            if side is not None and col.side not in (None, side):
                continue
            if wanted in col.names():
                return col
        return None

    def row(self, name: str) -> RowSpec | None:
        """Resolve a fixed row by key or printed label."""
        wanted = strip_ordinal(name)
        for r in self.rows:
            if wanted in r.names():
                return r
        return None

    def side_columns(self, side: str | None) -> list[ColumnSpec]:
        """The columns that belong to one side (all columns when the table has no sides)."""
        return [c for c in self.columns if side is None or c.side in (None, side)]


def normalize_title(title: str) -> str:
    """A printed title folded for matching: width, spaces, quotes, ordinal, table code, unit,
    bracketed qualifier and a leading year removed ("" when the text cannot be a title)."""
    grammar = title_grammar()
    parts = grammar.split(title)
    return grammar.strip_year(parts.text) if parts is not None else ""


@dataclass(frozen=True)
class TitleMatch:
    """A printed title recognised: its template, the table code and unit printed with it, and
    what stood before the table's own name (year, department)."""

    template: Template
    code: str | None
    unit: str | None
    prefix: str


class TemplateRegistry:
    """All templates in force for one run: core plus plugins, looked up by id, name or title."""

    def __init__(self, templates: list[Template] | None = None) -> None:
        self.templates: list[Template] = []
        for t in templates or []:
            self.add(t)

    def add(self, template: Template) -> None:
        """Add a template; a later one with the same id replaces the earlier."""
        self.templates = [t for t in self.templates if t.id != template.id]
        self.templates.append(template)

    def get(self, table_id: str) -> Template | None:
        """Return the template with this canonical id."""
        for t in self.templates:
            if t.id == table_id:
                return t
        return None

    def by_name(self, name: str, kind: str | None = None) -> Template | None:
        """Resolve a table name used in a rule (name, alias or id), optionally within a kind."""
        wanted = norm(name)
        for t in self.templates:
            if (kind is None or t.kind == kind) and wanted in t.names():
                return t
        return None

    def match_title(self, title: str, kind: str | None = None) -> TitleMatch | None:
        """Recognise a printed title: the template whose form matches with the shortest prefix
        (registry order between equals), with the code and unit printed on the same line."""
        grammar = title_grammar()
        parts = grammar.split(title)
        if parts is None:
            return None
        text = grammar.strip_year(parts.text)
        best: tuple[int, Template] | None = None
        for t in self.templates:
            if kind is not None and t.kind != kind:
                continue
            n = t.prefix_length(text)
            if n is not None and (best is None or n < best[0]):
                best = (n, t)
        if best is None:
            return None
        return TitleMatch(best[1], parts.code, parts.unit, text[: best[0]])

    def by_title(self, title: str, kind: str | None = None) -> Template | None:
        """Return the template a printed title names (see :meth:`match_title`)."""
        found = self.match_title(title, kind)
        return found.template if found is not None else None

    def by_marker(self, marker: str, kind: str | None = None) -> list[Template]:
        """Templates that declare this printed table code (e.g. 公开03表)."""
        m = norm(marker)
        return [t for t in self.templates if (kind is None or t.kind == kind) and m in t.markers]

    def for_region(self, region: str | None) -> TemplateRegistry:
        """The templates in force for a report of ``region``, in matching order.

        Templates restricted to that region come first (a region's own meaning of a title wins),
        then the unrestricted ones; templates restricted to other regions are left out. With no
        region only the unrestricted templates remain.
        """
        code = region.upper() if region else None
        own = [t for t in self.templates if code and code in t.regions]
        common = [t for t in self.templates if not t.regions]
        out = TemplateRegistry()
        out.templates = own + common
        return out

    def all_names(self) -> list[str]:
        """Every table name known, for 'did you mean' suggestions."""
        return sorted({n for t in self.templates for n in [t.name, *t.aliases]})


# ---------------------------------------------------------------- schema checks


def _entry_name(data: Any) -> str:
    if isinstance(data, dict):
        if "extends" in data:
            return f"extends {data.get('extends')}"
        return f"template {data.get('id', '?')}"
    return "template entry"


def check_template_entry(data: Any, source: str) -> None:
    """Validate one entry of a template file (a template, or an ``extends`` entry)."""
    definition = "extension" if isinstance(data, dict) and "extends" in data else "template"
    check_schema(data, "template", source, _entry_name(data), definition)


# ---------------------------------------------------------------- reading


def _column(c: dict[str, Any]) -> ColumnSpec:
    return ColumnSpec(
        key=c["key"],
        col_no=str(c["col_no"]) if c.get("col_no") is not None else None,
        side=c.get("side"),
        aliases=list(c.get("aliases", [])),
        exact=bool(c.get("exact", False)),
        decimals=c.get("decimals"),
        optional=bool(c.get("optional", False)),
    )


def _row(r: dict[str, Any]) -> RowSpec:
    return RowSpec(
        key=r["key"],
        side=r.get("side"),
        labels=list(r.get("labels", [])),
        code=str(r["code"]) if r.get("code") is not None else None,
        under=r.get("under"),
    )


def _template_from_dict(data: dict[str, Any], source: str) -> Template:
    """A template from one file entry, checked against the schema, with its catalogue forms."""
    check_template_entry(data, source)
    grammar = title_grammar()
    tid = data["id"]
    forms = [*data.get("titles", []), *core_catalogue().forms.get(tid, [])]
    try:
        return Template(
            id=tid,
            kind=data["kind"],
            name=data["name"],
            layout=data.get("layout", "code_rows"),
            titles=[grammar.compile_form(p, source, tid) for p in forms or [re.escape(data["name"])]],
            markers=[norm(m) for m in data.get("markers", [])],
            aliases=list(data.get("aliases", [])),
            columns=[_column(c) for c in data.get("columns", [])],
            rows=[_row(r) for r in data.get("rows", [])],
            placement=dict(data.get("placement", {})),
            unit=data.get("unit", "万元"),
            total_labels=list(data.get("total_labels", ["合计"])),
            options=_options(data, source),
            source=source,
            regions=[str(r).upper() for r in data.get("regions", [])],
            tree=_tree_columns(data, source),
        )
    except (KeyError, TypeError) as exc:
        raise InputError(source, f"bad template {tid}: {exc}") from exc


def _options(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The ``options:`` of an entry; an ``under.header`` that is not a regex is an error."""
    options = dict(data.get("options", {}))
    if "under" in options:
        try:
            re.compile(options["under"]["header"])
        except re.error as exc:
            raise InputError(source, f"bad template {data['id']}: options.under.header: {exc}") from exc
    return options


def _tree_columns(data: dict[str, Any], source: str) -> list[str]:
    """The ``tree:`` columns of an entry; each must be one of its column keys."""
    keys = [c["key"] for c in data.get("columns", [])]
    tree = list(data.get("tree", []))
    for name in tree:
        if name not in keys:
            near = difflib.get_close_matches(name, keys, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise InputError(source, f"template {data['id']}: tree column '{name}' is not one of "
                                     f"its columns{hint}")
    return tree


def load_template_file(path: Path) -> list[Template]:
    """Read one YAML template file (its ``extends`` entries are checked, not applied)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, YamlError) as exc:
        raise InputError(str(path), f"cannot read template file: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "not a template file: expected a mapping with 'templates:'")
    unknown = [k for k in data if k != "templates"]
    if unknown:
        near = difflib.get_close_matches(str(unknown[0]), ["templates"], n=1)
        hint = " (did you mean 'templates'?)" if near else ""
        raise InputError(str(path), f"unknown key '{unknown[0]}' at the top of a template file{hint}")
    out = []
    for entry in data.get("templates") or []:
        if isinstance(entry, dict) and "extends" in entry:
            check_template_entry(entry, str(path))
        else:
            out.append(_template_from_dict(entry, str(path)))
    return out


def extend_template(base: Template, data: dict[str, Any], source: str | None = None) -> None:
    """Apply a plugin's ``extends:`` entry (checked against the schema first): more aliases,
    titles, markers, column aliases, row labels, fixed rows (``rows:``, e.g. the sub-rows a region
    prints under a national row), columns (appended), placement keys and options."""
    check_template_entry(data, source or f"(a file extending {base.id})")
    grammar = title_grammar()
    base.aliases.extend(data.get("aliases", []))
    base.titles.extend(grammar.compile_form(p, source or base.source, base.id)
                       for p in data.get("titles", []))
    base.markers.extend(norm(m) for m in data.get("markers", []))
    for key, extra in (data.get("column_aliases") or {}).items():
        col = base.column(key)
        if col is not None:
            col.aliases.extend(extra)
    known = {c.key for c in base.columns}
    base.columns.extend(_column(c) for c in data.get("columns") or [] if c["key"] not in known)
    # a region's extra fixed rows (sub-rows its tables print under a national row)
    base.rows.extend(_row(r) for r in data.get("rows") or [])
    for key, extra in (data.get("row_labels") or {}).items():
        row = base.row(key)
        if row is not None:
            row.labels.extend(extra)
    base.placement.update(data.get("placement") or {})
    for key, value in (data.get("options") or {}).items():
        old = base.options.get(key)
        if isinstance(old, list) and isinstance(value, list):
            base.options[key] = [*old, *(v for v in value if v not in old)]
        elif isinstance(old, dict) and isinstance(value, dict):
            base.options[key] = {**old, **value}
        else:
            base.options[key] = value


def core_template_dir() -> Path:
    """The folder of the national templates shipped with the package."""
    return Path(__file__).parent


def core_template_files() -> list[Path]:
    """The national template files (every YAML file of the folder but the title catalogue)."""
    return [p for p in sorted(core_template_dir().glob("*.yaml")) if p.name != CATALOGUE_FILE]


def load_core_templates() -> list[Template]:
    """Load every national template file shipped in checker/templates/."""
    out: list[Template] = []
    for path in core_template_files():
        out.extend(load_template_file(path))
    return out
