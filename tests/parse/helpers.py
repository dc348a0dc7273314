"""Small accessors for hand-checked expectations."""

from __future__ import annotations

from decimal import Decimal

from checker.model import Cell, Document, Row, Table


def table(doc: Document, table_id: str) -> Table:
    """The table with this id (fails the test when absent)."""
    t = doc.table(table_id)
    assert t is not None, f"{table_id} not recognised"
    return t


def row(t: Table, key: str, side: str | None = None) -> Row:
    """The row with this key or code (and side)."""
    for r in t.rows:
        if (r.key == key or r.code == key) and (side is None or r.side == side):
            return r
    raise AssertionError(f"{t.id}: no row {key!r} (side {side})")


def cell(t: Table, key: str, column: str, side: str | None = None) -> Cell:
    """One cell of a row."""
    return row(t, key, side).cells[column]


def value(t: Table, key: str, column: str, side: str | None = None) -> Decimal | None:
    """The Decimal value of a cell, None for a blank cell."""
    c = cell(t, key, column, side)
    return c.number.value if c.number is not None else None
