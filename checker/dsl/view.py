"""The document as rules see it: :class:`DocView` (tables by template, with what one
evaluation computes once), :class:`TableView` (one table with its indexes and precision),
:class:`TableRef` (a table a rule names, possibly missing), :class:`RowRef` (a row),
:class:`RowSel` (how a rule names a row), :class:`ColumnName` (a column label used as a value:
``for col in [基本支出, 项目支出]``) and :class:`ListedRef` (an entry of the 目录 / 附表 list).
Narrative facts are :mod:`checker.dsl.fact_ref`'s.

A cell is a quantity (:class:`~checker.dsl.quantities.Q`): a printed cell is ``value ± ½·10⁻ᵈ``
where ``d`` is its printed decimals raised to the table's minimum (``min_decimals``, default 2:
the R2 convention, so "1,108" is ``1108 ± 0.005``); a percentage cell "96.50%" is ``0.9650 ±
0.00005``; a column marked ``exact`` is exact; a blank cell of a table that has data is
``0 ± ½·10⁻ᵐⁱⁿ`` (exact 0 in an exact column). Money is compared in 万元: a table printed in
another unit is converted as it is read (:data:`MONEY_UNIT_SHIFT`).

Data that is not there raises :class:`~checker.dsl.quantities.NotEvaluated` with the reason
(:class:`~checker.dsl.quantities.Missing` for a row or column a table that is there lacks).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.dsl.interval import Interval
from checker.dsl.quantities import Missing, NotEvaluated, Q, exact
from checker.findings import Operand
from checker.labels import is_prefix_match, strip_ordinal
from checker.model import Document, ListedTable, Row, Table
from checker.templates.loader import ColumnSpec, Template, TemplateRegistry

__all__ = [
    "LISTED_PROPS",
    "MONEY_UNIT_SHIFT",
    "ColumnName",
    "DocView",
    "ListedRef",
    "RowRef",
    "RowSel",
    "TableRef",
    "TableView",
    "not_understood",
]

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ColumnName:
    """A column label used as a value; resolved against the row it is applied to."""

    name: str


@dataclass(frozen=True, slots=True)
class RowSel:
    """How a rule names a row: template key (+ side), subject code, or label."""

    key: str | None = None
    side: str | None = None
    code: str | None = None
    names: tuple[str, ...] = ()
    shown: str = ""



def _parent_code(code: str) -> str | None:
    return code[:-2] if len(code) > 3 else None


class TableView:
    """One table of the document with the indexes and precision settings rules need."""

    def __init__(self, table: Table, template: Template | None) -> None:
        self.table = table
        self.template = template
        name = template.name if template is not None else table.title
        self.label = f"{name} ({table.id})"
        opts = template.options if template is not None else {}
        self.min_decimals = int(opts.get("min_decimals", 2))
        tcols = template.columns if template is not None else []
        self.exact_columns = {c.key for c in table.columns if c.exact} | {c.key for c in tcols if c.exact}
        self.column_decimals = {c.key: int(c.decimals) for c in tcols if c.decimals is not None}
        self.column_keys = {c.key for c in table.columns}
        # money is compared in 万元: a table printed in another unit is converted (U03)
        self.shift = MONEY_UNIT_SHIFT.get(table.unit or "万元", 0)
        self.empty = table.empty or not any(
            c.number is not None for r in table.rows for c in r.cells.values()
        )
        self.total_names = {strip_ordinal(n) for n in (template.total_labels if template else ["合计"])}
        self._by_key: dict[str, list[Row]] | None = None
        self._by_code: dict[str, list[Row]] = {}
        self._by_label: dict[str, list[Row]] = {}
        self._children: dict[str, list[Row]] = {}
        self._cols: dict[tuple[str, str | None], str | None] = {}
        self._cells: dict[tuple[int, str], Q] = {}

    # -- rows
    def _index(self) -> None:
        by_key: dict[str, list[Row]] = {}
        for r in self.table.rows:
            by_key.setdefault(r.key, []).append(r)
            if r.code:
                self._by_code.setdefault(r.code, []).append(r)
                parent = _parent_code(r.code)
                if parent is not None:
                    self._children.setdefault(parent, []).append(r)
            self._by_label.setdefault(strip_ordinal(r.label), []).append(r)
        self._by_key = by_key

    def rows(self) -> list[Row]:
        """The rows; raises NotEvaluated when the table has no data."""
        if self.empty:
            raise NotEvaluated(f"table {self.label} is empty")
        return self.table.rows

    def find(self, sel: RowSel) -> Row | None:
        """The first row the selector names, or None."""
        if self._by_key is None:
            self._index()
        assert self._by_key is not None

        def pick(rows: list[Row] | None) -> Row | None:
            for r in rows or []:
                if sel.side is None or r.side in (None, sel.side):
                    return r
            return None

        if sel.key is not None and (r := pick(self._by_key.get(sel.key))):
            return r
        if sel.code is not None and (r := pick(self._by_code.get(sel.code))):
            return r
        for name in sel.names:
            if (r := pick(self._by_key.get(name))) or (r := pick(self._by_label.get(name))):
                return r
        for name in sel.names:
            for r in self.table.rows:
                if (sel.side is None or r.side in (None, sel.side)) and is_prefix_match(r.label, name):
                    return r
        return None

    def is_total(self, row: Row) -> bool:
        """True for the 合计 row of a code table (no code, label among the total labels)."""
        return row.code is None and (strip_ordinal(row.label) in self.total_names
                                     or strip_ordinal(row.key) in self.total_names)

    def children(self, row: Row) -> list[Row]:
        """Rows one level below in the subject-code tree (类 under the 合计 row)."""
        if self._by_key is None:
            self._index()
        if row.code:
            kids = self._children.get(row.code, [])
            if not kids and len(row.code) == 3:
                # names-only economic tables (layout economic_names): a 款 row names its 类 in
                # the text cell 类
                kids = [r for r in self.table.rows if not r.code and (c := r.cells.get("类")) is not None
                        and c.number is None and c.text in (row.key, row.label)]
            return kids
        if self.is_total(row):
            return [r for r in self.table.rows if r.code and len(r.code) == 3
                    and (row.side is None or r.side in (None, row.side))]
        return []

    def parent(self, row: Row) -> Row | None:
        """The row of the parent code (the 合计 row for a 类), or None."""
        if self._by_key is None:
            self._index()
        if not row.code:
            return None
        p = _parent_code(row.code)
        if p is None:
            for r in self.table.rows:
                if self.is_total(r):
                    return r
            return None
        rows = self._by_code.get(p)
        return rows[0] if rows else None

    # -- columns
    def column_key(self, name: str, side: str | None) -> str | None:
        """Resolve a column label for a row on ``side``; None when the table has no such column."""
        k = (name, side)
        if k in self._cols:
            return self._cols[k]
        key: str | None = None
        spec: ColumnSpec | None = None
        if self.template is not None:
            spec = self.template.column(name, side) or self.template.column(name)
        if spec is not None:
            key = spec.key
        else:
            wanted = strip_ordinal(name)
            for c in self.table.columns:
                if strip_ordinal(c.key) == wanted or strip_ordinal(c.label) == wanted:
                    key = c.key
                    break
        self._cols[k] = key
        return key

    def cell(self, row: Row, key: str) -> Q | str:
        """The quantity in ``row`` × column ``key`` (see the module docstring for blanks); a text
        cell (年度指标值 "≥1 次", 偏差原因) is its printed text, a ``str``."""
        k = (id(row), key)
        q = self._cells.get(k)
        if q is None:
            q = self._cells[k] = self._cell(row, key)
        return q

    def _cell(self, row: Row, key: str) -> Q | str:
        if self.empty:
            raise NotEvaluated(f"table {self.label} is empty")
        cell = row.cells.get(key)
        is_exact = key in self.exact_columns
        if cell is not None and cell.placed == "ambiguous":
            # The text printed a value that may stand in this column or another (blank cells
            # collapsed); neither the value nor a blank can be assumed.
            raise NotEvaluated(
                f"{self.label} line {cell.line}: the column of a value in row {row.label} is "
                f"ambiguous in the text ({key} or another column)"
            )
        if cell is None or cell.number is None:
            if self.column_keys and key not in self.column_keys:
                raise Missing(f"column {key} not in table {self.label}")
            if cell is not None and cell.text:
                return cell.text  # a text cell: what is printed, not a blank amount
            ref = Operand(self.table.id, row.key, row.code, key,
                          cell.line if cell is not None else row.line, "")
            d = self.column_decimals.get(key, self.min_decimals) + self.shift
            iv = Interval.exact(_ZERO) if is_exact else Interval.printed(_ZERO, d)
            return Q(_ZERO, iv, (ref,), "")
        n = cell.number
        ref = Operand(self.table.id, row.key, row.code, key, n.line, n.text, cell.placed)
        v, d = n.value, n.decimals
        if n.percent:
            v, d = v.scaleb(-2), d + 2
        elif not is_exact:
            d = max(d, self.column_decimals.get(key, self.min_decimals))
            if self.shift:  # 1,000,000.00 元 is 100.000000 万元, its rounding interval scaled alike
                v, d = v.scaleb(-self.shift), d + self.shift
        iv = Interval.exact(v) if is_exact else Interval.printed(v, d)
        return Q(v, iv, (ref,), n.text)


# How many decimal places a money unit is from 万元 (a table in 元 is divided by 10⁴).
MONEY_UNIT_SHIFT = {"元": 4, "千元": 1, "万元": 0, "百万元": -2, "亿元": -4}


@dataclass(slots=True)
class TableRef:
    """A table as a rule names it: its template, and its view when the document has it."""

    template_id: str
    name: str
    view: TableView | None
    missing: str | None = None
    # Named in the report's 目录 / 附表 list although its body is absent: presence cannot be
    # judged from this text (the list proves the table was published elsewhere, e.g. as a PDF).
    listed: bool = False
    # the document view the table belongs to (for what the 目录 says about it: t.listed …)
    doc: DocView | None = None
    # The body is in the document but its layout was not understood (Table.reading): the table
    # is present, and every rule that needs its rows or cells is not evaluated.
    present: bool = False

    def need(self) -> TableView:
        """The view; raises NotEvaluated when the table is missing or listed only."""
        if self.view is None:
            raise NotEvaluated(self.missing or f"table {self.name} not in document")
        return self.view

    def need_data(self) -> TableView:
        """The view of a table with data; raises NotEvaluated when missing or empty."""
        view = self.need()
        if view.empty:
            raise NotEvaluated(f"table {view.label} is empty")
        return view


@dataclass(slots=True)
class RowRef:
    """A row of a table of the document."""

    view: TableView
    row: Row

    def get(self, name: str) -> Q | str:
        """The cell in column ``name`` (a label or alias)."""
        key = self.view.column_key(name, self.row.side)
        if key is None:
            raise Missing(f"column {name} not in table {self.view.label}")
        return self.view.cell(self.row, key)


def not_understood(table: Table, label: str, document: Document) -> str:
    """Why the rules over a table whose layout was not recognised are not evaluated."""
    page = document.meta.source.page(table.line)
    where = f" (page {page})" if page else f" (line {table.line})"
    why = "; ".join(table.reading_notes) or "layout not recognised"
    return f"table {label}: layout not recognised{where}: {why}"


class DocView:
    """The document as rules see it: tables by template, with caches for one evaluation."""

    def __init__(self, document: Document, registry: TemplateRegistry | None = None,
                 previous: Document | None = None, previous_why: str | None = None) -> None:
        self.document = document
        self.registry = registry
        # last year's report of the department (cross-year rules: checker.dsl.previous); when
        # None, why: None when no previous reports were given at all
        self.previous = DocView(previous, registry) if previous is not None else None
        self.previous_why = previous_why
        self._refs: dict[str, TableRef] = {}
        self._views: dict[int, TableView] = {}
        self._all: list[TableRef] | None = None
        # what functions of the rule language compute once per evaluation (section keys …)
        self.memo: dict[str, Any] = {}

    def _view(self, table: Table, template: Template | None) -> TableView:
        v = self._views.get(id(table))
        if v is None:
            v = self._views[id(table)] = TableView(table, template)
        return v

    def ref(self, template: Template) -> TableRef:
        """The table of this template in the document (a TableRef saying why when missing)."""
        r = self._refs.get(template.id)
        if r is not None:
            return r
        label = f"{template.name} ({template.id})"
        table = self.document.table(template.id)
        if table is not None and table.reading == "not_understood":
            r = TableRef(template.id, template.name, None, not_understood(table, label,
                                                                          self.document),
                         present=True)
        elif table is not None:
            r = TableRef(template.id, template.name, self._view(table, template))
        elif listed := [lt for lt in self.document.listed_tables if lt.table_id == template.id]:
            if any(not t.listed_only for t in self.document.tables):
                # The text carries table bodies, so a listed table without one is missing.
                r = TableRef(template.id, template.name, None,
                             f"table {label} listed (line {listed[0].line}) but absent")
            else:
                r = TableRef(template.id, template.name, None,
                             f"table {label} listed (line {listed[0].line}) but no table body is "
                             f"in this text", listed=True)
        elif any(t.id == template.id for t in self.document.tables):
            r = TableRef(template.id, template.name, None, f"table {label} listed but not in this text",
                         listed=True)
        else:
            r = TableRef(template.id, template.name, None, f"table {label} not in document")
        r.doc = self
        self._refs[template.id] = r
        return r

    def ref_for_kind(self, templates: tuple[Template, ...]) -> TableRef:
        """The table of the template of the document's kind (names shared by 决算 and 预算)."""
        kind = self.document.meta.kind
        same = [t for t in templates if t.kind == kind] or list(templates)
        # one name may stand for two forms of a table of that kind (一般公共预算基本支出表: the
        # national code rows, or the 经济分类 detail table GS21B prints): the one the report prints
        for t in same:
            if self.document.table(t.id) is not None:
                return self.ref(t)
        return self.ref(same[0])

    def all_tables(self) -> list[TableRef]:
        """Every table of the document that has a body, in document order."""
        if self._all is None:
            out = []
            for t in self.document.tables:
                if t.listed_only:
                    continue
                template = self.registry.get(t.id) if self.registry is not None else None
                name = template.name if template else t.title
                if t.reading == "not_understood":
                    out.append(TableRef(t.id, name, None,
                                        not_understood(t, f"{name} ({t.id})", self.document),
                                        doc=self, present=True))
                    continue
                out.append(TableRef(t.id, name, self._view(t, template), doc=self))
            self._all = out
        return self._all

    def trees(self) -> list[TableRef]:
        """The tables of the document's kind whose template declares a subject-code tree
        (``tree:``) and which the report prints or lists, in registry order.

        A tree table the report neither prints nor lists is left out: its absence is for the
        completeness rules to report, once. A listed table without a body, or one whose layout was
        not understood, is in the list, so that a rule over it is *not evaluated*, with the reason.
        """
        if self.registry is None:
            return []
        kind = self.document.meta.kind
        printed = {t.id for t in self.document.tables}
        printed.update(lt.table_id for lt in self.document.listed_tables)
        return [self.ref(t) for t in self.registry.templates
                if t.tree and t.id in printed and (kind is None or t.kind == kind)]

    def has_bodies(self) -> bool:
        """True when the text carries at least one table body."""
        return any(not t.listed_only for t in self.document.tables)

    def listed(self) -> list[ListedRef]:
        """The tables the report's 目录 / 附表 list names, in list order."""
        return [ListedRef(self, lt) for lt in self.document.listed_tables]

    def listing(self, template_id: str) -> ListedTable | None:
        """The 目录 / 附表 entry of a table, or None."""
        for lt in self.document.listed_tables:
            if lt.table_id == template_id:
                return lt
        return None


LISTED_PROPS = ("title", "line", "number", "table_id", "id", "name", "present", "empty_declared",
                "empty_reason", "table")


@dataclass(slots=True)
class ListedRef:
    """One entry of the 目录 / 附表 list, as the rule language's ``listed`` collection gives it.

    ``present`` is true when the table's body is in the text (not evaluated when the text holds
    no table body at all: the list then only proves the tables were published elsewhere);
    ``empty_declared`` is the 是否空表 column (not evaluated when the list does not say);
    ``table`` is the table itself (a TableRef)."""

    doc: DocView
    entry: ListedTable

    def get(self, name: str) -> Any:
        """A property of the entry."""
        e = self.entry
        if name == "title":
            return e.title
        if name == "line":
            return exact(e.line)
        if name == "number":
            return e.number
        if name in ("table_id", "id"):
            return e.table_id
        if name == "name":
            t = self.doc.registry.get(e.table_id) if self.doc.registry and e.table_id else None
            return t.name if t is not None else e.title
        if name == "present":
            if e.table_id is not None and self.doc.document.table(e.table_id) is not None:
                return True
            if not self.doc.has_bodies():
                raise NotEvaluated(f"{e.title} listed (line {e.line}) but no table body is in this text")
            return False
        if name == "empty_declared":
            if e.empty_declared is None:
                raise NotEvaluated(f"the list does not say whether {e.title} is empty")
            return e.empty_declared
        if name == "empty_reason":
            return e.empty_reason
        if name == "table":
            t = self.doc.registry.get(e.table_id) if self.doc.registry and e.table_id else None
            if t is None:
                raise NotEvaluated(f"{e.title}: no template")
            return self.doc.ref(t)
        raise NotEvaluated(f"a listed table has no property {name}")
