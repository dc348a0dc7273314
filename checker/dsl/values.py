"""Runtime values of the rule language and the view of a document that rules read.

Values an expression can produce:

* :class:`Q` — a quantity: the point value computed from the printed values (``value``), the
  interval it stands for (``iv``, :class:`~checker.dsl.interval.Interval`) and the cells it was
  computed from (``refs``). Literals are exact; a printed cell is ``value ± ½·10⁻ᵈ`` where ``d``
  is its printed decimals raised to the table's minimum (``min_decimals``, default 2: the R2
  convention, so "1,108" is ``1108 ± 0.005``); a percentage cell "96.50%" is ``0.9650 ±
  0.00005``; a column marked ``exact`` is exact; a blank cell of a table that has data is
  ``0 ± ½·10⁻ᵐⁱⁿ`` (exact 0 in an exact column).
* :class:`TableRef`, :class:`RowRef` — a table of the document (possibly missing) and a row.
* :class:`ColumnName` — a column label used as a value (``for col in [基本支出, 项目支出]``).
* :class:`Comparison` — the outcome of ``= == ≠ ≤ ≥ < > ≈``, with sides, difference, tolerance.
* :class:`FactRef` — a narrative fact (``facts("收入总计")``), with its value and properties.
* ``str``, ``bool``, ``None``, and Python lists (collections a loop can run over).

Access to data that is not there raises :class:`NotEvaluated` with the reason; the engine turns
it into a ``not_evaluated`` result for the rule instance. Comparison semantics on quantities:

==========  =========================================================
``a = b``   the intervals overlap (closed ends)
``a == b``  the printed (point) values are equal
``a ≠ b``   the intervals do not overlap (the negation of ``=``)
``a ≤ b``   ``low(a) ≤ high(b)``  (``<``: ``low(a) < high(b)``)
``a ≥ b``   ``high(a) ≥ low(b)``  (``>``: ``high(a) > low(b)``)
``a ≈ b±t`` ``|value(a) − value(b)| ≤ t``
==========  =========================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.dsl.interval import DivisorMayBeZero, Interval
from checker.findings import Operand
from checker.labels import is_prefix_match, strip_ordinal
from checker.model import Document, Fact, ListedTable, Row, Table
from checker.templates.loader import ColumnSpec, Template, TemplateRegistry

__all__ = [
    "LISTED_PROPS",
    "ColumnName",
    "Comparison",
    "DocView",
    "FactRef",
    "ListedRef",
    "Missing",
    "NotEvaluated",
    "Q",
    "RowRef",
    "RowSel",
    "TableRef",
    "TableView",
    "compare",
    "describe",
    "display",
    "exact",
    "truthy",
]

_ZERO = Decimal(0)
_TWO = Decimal(2)


class NotEvaluated(Exception):
    """The data a rule instance needs is not usable; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Missing(NotEvaluated):
    """A row or column the rule names is not in a table that is there (``exists`` → false)."""


@dataclass(slots=True)
class Q:
    """A quantity: point value, interval, and the cells it came from."""

    value: Decimal
    iv: Interval
    refs: tuple[Operand, ...] = ()
    text: str | None = None

    def __add__(self, other: Q) -> Q:
        return Q(self.value + other.value, self.iv + other.iv, self.refs + other.refs)

    def __sub__(self, other: Q) -> Q:
        return Q(self.value - other.value, self.iv - other.iv, self.refs + other.refs)

    def __mul__(self, other: Q) -> Q:
        return Q(self.value * other.value, self.iv * other.iv, self.refs + other.refs)

    def __truediv__(self, other: Q) -> Q:
        try:
            iv = self.iv / other.iv
        except DivisorMayBeZero:
            raise NotEvaluated("divisor may be zero") from None
        return Q(self.value / other.value, iv, self.refs + other.refs)

    def __neg__(self) -> Q:
        return Q(-self.value, -self.iv, self.refs)


def exact(value: Decimal | int, text: str | None = None) -> Q:
    """An exact quantity (a literal, a count)."""
    v = Decimal(value)
    return Q(v, Interval.exact(v), (), text)


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


@dataclass(slots=True)
class Comparison:
    """The outcome of a comparison, with what a finding reports.

    For an interval comparison of two quantities the difference (of the midpoints) and the
    tolerance (half the widths) are worked out only when asked for: most comparisons are
    conditions (``where``, ``when``) whose finding never shows them.
    """

    op: str
    left: Any
    right: Any
    holds: bool
    _difference: Decimal | None = None
    _tolerance: Decimal | None = None
    _interval: bool = False  # difference and tolerance still to work out from the intervals

    def __bool__(self) -> bool:
        return self.holds

    def _settle(self) -> None:
        if self._interval:
            a, b = self.left, self.right
            places = _places(a.value, b.value)
            self._difference = _tidy(a.iv.mid - b.iv.mid, places)
            self._tolerance = _tidy((a.iv.width + b.iv.width) / _TWO, places)
            self._interval = False

    @property
    def difference(self) -> Decimal | None:
        """left − right (midpoints for an interval comparison); None for non-numbers."""
        self._settle()
        return self._difference

    @property
    def tolerance(self) -> Decimal | None:
        """What the comparison allowed (half the widths of the two intervals, or the ± given)."""
        self._settle()
        return self._tolerance


def truthy(value: Any) -> bool:
    """Truth of a value in ``where``/``when``/``and``/``or``/``not``/``require``."""
    if isinstance(value, Comparison):
        return value.holds
    if isinstance(value, Q):
        return value.value != 0
    return bool(value)


_QUANTUM = [Decimal(1).scaleb(-i) for i in range(30)]


def _places(*like: Decimal) -> int:
    places = 0
    for v in like:
        e = v.as_tuple().exponent
        if isinstance(e, int) and -e > places:
            places = -e
    return min(places, 29)


def _tidy(d: Decimal, places: int) -> Decimal:
    """Show ``d`` with ``places`` decimals (those of the values it came from) if that loses nothing."""
    try:
        r = d.quantize(_QUANTUM[places])
    except ArithmeticError:  # pragma: no cover - huge values
        return d
    return r if r == d else d.normalize()


def compare(op: str, a: Any, b: Any, tol: Q | None = None) -> Comparison:
    """Compare two values under the semantics in the module docstring."""
    if isinstance(a, Q) and isinstance(b, Q):
        if op == "==":
            places = _places(a.value, b.value)
            return Comparison(op, a, b, a.value == b.value, _tidy(a.value - b.value, places), _ZERO)
        if op == "~=":
            assert tol is not None
            d = a.value - b.value
            return Comparison(op, a, b, abs(d) <= tol.value, _tidy(d, _places(a.value, b.value)),
                              tol.value)
        if op == "=":
            return Comparison(op, a, b, a.iv.overlaps(b.iv), _interval=True)
        if op == "!=":
            holds = not a.iv.overlaps(b.iv)
        elif op == "<=":
            holds = a.iv.lo <= b.iv.hi
        elif op == "<":
            holds = a.iv.lo < b.iv.hi
        elif op == ">=":
            holds = a.iv.hi >= b.iv.lo
        elif op == ">":
            holds = a.iv.hi > b.iv.lo
        else:  # pragma: no cover - the grammar admits no other operator
            raise ValueError(op)
        return Comparison(op, a, b, holds, _interval=True)
    # non-numeric: strings, codes, booleans, none
    x, y = _plain(a), _plain(b)
    if op in ("=", "==", "~="):
        return Comparison(op, a, b, x == y)
    if op == "!=":
        return Comparison(op, a, b, x != y)
    raise NotEvaluated(f"cannot compare {display(a)} {op} {display(b)}: not numbers")


def _plain(v: Any) -> Any:
    if isinstance(v, Q):
        return format(v.value.normalize(), "f") if v.value == v.value.to_integral() else v.value
    if isinstance(v, RowRef):
        return (v.view.table.id, v.row.key, v.row.code)
    if isinstance(v, TableRef):
        return v.template_id
    if isinstance(v, ColumnName):
        return v.name
    return v


def _computed(v: Decimal) -> str:
    """A computed value for a message: at most 4 decimals (a quotient can have 28), no exponent."""
    if v.as_tuple().exponent < -4:  # type: ignore[operator]
        v = v.quantize(Decimal("0.0001")).normalize()
    return format(v, "f")


def display(value: Any) -> str:
    """How a value is written into a message."""
    if isinstance(value, Q):
        if value.text is not None and value.text != "":
            return value.text
        return _computed(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, RowRef):
        return value.row.label
    if isinstance(value, TableRef):
        return value.name
    if isinstance(value, ColumnName):
        return value.name
    if isinstance(value, FactRef):
        f = value.fact
        return f"{f.name} {f.number.text}{'' if f.unit in (None, '%') else f.unit}".rstrip() + \
            ("%" if f.unit == "%" else "")
    if isinstance(value, Comparison):
        return "true" if value.holds else "false"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(display(v) for v in value)
    return str(value)


def describe(value: Any) -> str:
    """How a loop variable's value is written into an instance binding (and its fingerprint)."""
    if isinstance(value, RowRef):
        r = value.row
        side = f"{r.side}:" if r.side else ""
        return f"{value.view.table.id}[{side}{r.code or r.key}]"
    if isinstance(value, TableRef):
        return value.template_id
    if isinstance(value, FactRef):
        f = value.fact
        return f"{f.name}[{f.label or f.section or ''}]={f.number.text}"
    if isinstance(value, ListedRef):
        # the entry as printed (no line: fingerprints must survive edits above it)
        return f"目录[{value.entry.title}]"
    return display(value)


# ---- the document, as rules see it


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


# ---- narrative facts


FACT_PROPS = ("value", "unit", "line", "sentence", "name", "label", "section", "text", "decimals",
              "pattern")


@dataclass(slots=True)
class FactRef:
    """A narrative fact (:class:`checker.model.Fact`) as rules see it.

    ``f.value`` is the printed number as a quantity: 775.4 stands for [775.35, 775.45] (the
    rounding interval of its printed decimals, as for table cells); a percentage "96.21%" is the
    ratio 0.9621 ± 0.00005, so it compares with ``a / b`` and with ``100%``. ``f.unit``,
    ``f.line``, ``f.sentence``, ``f.name``, ``f.label``, ``f.section``, ``f.text`` (as printed),
    ``f.decimals`` are its properties; any other name is a fact read by the same match of the
    pattern (``f.预算数`` beside a 完成率) or a text capture (``f.方向``); a name that is neither
    is missing (the instance is ``not_evaluated``).
    """

    fact: Fact
    view: DocView

    def quantity(self) -> Q:
        """The printed value as a quantity (see the class docstring)."""
        return fact_quantity(self.fact)

    def get(self, name: str) -> Any:
        """A property, a fact of the same match, or a text capture."""
        f = self.fact
        if name == "value":
            return self.quantity()
        if name == "line":
            return exact(f.line)
        if name == "decimals":
            return exact(f.number.decimals)
        if name == "text":
            return f.number.text
        if name in ("unit", "sentence", "name", "label", "section", "pattern"):
            return getattr(f, name)
        if f.group is not None:
            for other in facts_by_group(self.view).get(f.group, ()):
                if other.name == name and other is not f:
                    return fact_quantity(other)
        if name in f.attrs:
            return f.attrs[name]
        raise Missing(f"{name} is not in the statement at line {f.line} ({f.sentence})")


def fact_quantity(f: Fact) -> Q:
    """The quantity a fact's printed number stands for (percent as a ratio; a count — a unit
    that is a measure word, 辆 个 人次 … — is exact: "2 辆" is [2, 2])."""
    n = f.number
    v, d = n.value, n.decimals
    if n.percent or f.unit == "%":
        v, d = v.scaleb(-2), d + 2
    ref = Operand("narrative", f.label or f.name, None, f.name, f.line, n.text)
    if f.unit in _COUNT_UNITS:
        return Q(v, Interval.exact(v), (ref,), n.text)
    return Q(v, Interval.printed(v, d), (ref,), n.text)


_COUNT_UNITS = frozenset({"辆", "个", "项", "人次", "批次", "次", "人", "台（套）", "台", "名"})


def facts_by_group(view: DocView) -> dict[int, list[Fact]]:
    """The document's facts by match group (cached on the view)."""
    cache = getattr(view, "_fact_groups", None)
    if cache is None:
        cache = {}
        for f in view.document.facts:
            if f.group is not None:
                cache.setdefault(f.group, []).append(f)
        view._fact_groups = cache  # type: ignore[attr-defined]
    return cache
