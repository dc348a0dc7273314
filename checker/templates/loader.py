"""Table templates: what each standard table is, read from YAML data.

A template file holds ``templates:``, a list of entries of this shape (see
``checker/templates/final.yaml`` for the national 决算 tables)::

    - id: final.T03                   # canonical id, used in output and by rules
      kind: final                     # final (决算) | budget (预算)
      name: 支出决算表                 # the name rules use
      aliases: [公开03表, 支出决算总表]   # other names rules and titles may use
      titles: ['支出决算(?:总)?表']      # regexes matched against the whole printed title,
                                      # after normalisation and ordinal stripping
      markers: ['公开03表']              # table codes printed under the title (normalised)
      layout: code_rows               # how the body is laid out (checker/parse/layouts.py)
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
exact (counts, 分值) rather than rounded amounts. Region plugins add templates in the same format
and may extend a core template's aliases with ``extends: final.T03``. ``regions: [SC]`` limits
recognition by title to reports of those regions, where the template is tried before the
others (:meth:`TemplateRegistry.for_region`): for a printed title that means another table in
other provinces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError
from checker.labels import norm, strip_ordinal


@dataclass
class ColumnSpec:
    """A template column: canonical key, 栏次, side (two-sided tables), aliases, exactness."""

    key: str
    col_no: str | None = None
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    exact: bool = False
    decimals: int | None = None

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


@dataclass
class Template:
    """One standard table."""

    id: str
    kind: str
    name: str
    layout: str
    titles: list[re.Pattern[str]]
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

    def names(self) -> list[str]:
        """Every name this table answers to in rules, normalised."""
        return [norm(n) for n in [self.name, self.id, *self.aliases]]

    def matches_title(self, title: str) -> bool:
        """True when a printed title is this table's (ordinal prefix and spaces ignored)."""
        return self.matches_normalized(normalize_title(title))

    def matches_normalized(self, title: str) -> bool:
        """Like matches_title, for a title already passed through normalize_title."""
        return any(p.fullmatch(title) for p in self.titles)

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
    """A printed title folded for matching: width, spaces, ordinal and a leading year removed."""
    return re.sub(r"^\d{4}年(?:度)?", "", strip_ordinal(title))


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

    def by_title(self, title: str, kind: str | None = None) -> Template | None:
        """Return the template whose title pattern matches a printed title."""
        normalized = normalize_title(title)
        for t in self.templates:
            if (kind is None or t.kind == kind) and t.matches_normalized(normalized):
                return t
        return None

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


def _template_from_dict(data: dict[str, Any], source: str) -> Template:
    try:
        columns = [
            ColumnSpec(
                key=c["key"],
                col_no=str(c["col_no"]) if c.get("col_no") is not None else None,
                side=c.get("side"),
                aliases=list(c.get("aliases", [])),
                exact=bool(c.get("exact", False)),
                decimals=c.get("decimals"),
            )
            for c in data.get("columns", [])
        ]
        rows = [
            RowSpec(
                key=r["key"],
                side=r.get("side"),
                labels=list(r.get("labels", [])),
                code=str(r["code"]) if r.get("code") is not None else None,
                under=r.get("under"),
            )
            for r in data.get("rows", [])
        ]
        return Template(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            layout=data.get("layout", "code_rows"),
            titles=[re.compile(norm(p)) for p in data.get("titles", [data["name"]])],
            markers=[norm(m) for m in data.get("markers", [])],
            aliases=list(data.get("aliases", [])),
            columns=columns,
            rows=rows,
            placement=dict(data.get("placement", {})),
            unit=data.get("unit", "万元"),
            total_labels=list(data.get("total_labels", ["合计"])),
            options=dict(data.get("options", {})),
            source=source,
            regions=[str(r).upper() for r in data.get("regions", [])],
        )
    except (KeyError, TypeError, re.error) as exc:
        raise InputError(source, f"bad template {data.get('id', '?')}: {exc}") from exc


def load_template_file(path: Path) -> list[Template]:
    """Read one YAML template file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read template file: {exc}") from exc
    return [_template_from_dict(t, str(path)) for t in data.get("templates", [])]


def extend_template(base: Template, data: dict[str, Any]) -> None:
    """Apply a plugin's ``extends:`` entry: more aliases, titles, markers, column aliases, row
    labels and fixed rows (``rows:``, e.g. the sub-rows a region prints under a national row)."""
    base.aliases.extend(data.get("aliases", []))
    base.titles.extend(re.compile(norm(p)) for p in data.get("titles", []))
    base.markers.extend(norm(m) for m in data.get("markers", []))
    for key, extra in (data.get("column_aliases") or {}).items():
        col = base.column(key)
        if col is not None:
            col.aliases.extend(extra)
    for r in data.get("rows") or []:
        # a region's extra fixed rows (sub-rows its tables print under a national row)
        base.rows.append(RowSpec(
            key=r["key"], side=r.get("side"), labels=list(r.get("labels", [])),
            code=str(r["code"]) if r.get("code") is not None else None, under=r.get("under"),
        ))
    for key, extra in (data.get("row_labels") or {}).items():
        row = base.row(key)
        if row is not None:
            row.labels.extend(extra)


def core_template_dir() -> Path:
    """The folder of the national templates shipped with the package."""
    return Path(__file__).parent


def load_core_templates() -> list[Template]:
    """Load every national template file shipped in checker/templates/."""
    out: list[Template] = []
    for path in sorted(core_template_dir().glob("*.yaml")):
        out.extend(load_template_file(path))
    return out
