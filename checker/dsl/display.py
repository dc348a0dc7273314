"""How a value of the rule language is written: into a message (:func:`display`: a quantity as
printed, a row by its label, a table by its name, a fact with its figure) and into an instance
binding and its fingerprint (:func:`describe`: ``final.T03[2080505]``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from checker.dsl.fact_ref import FactRef
from checker.dsl.quantities import Comparison, Q
from checker.dsl.view import ColumnName, ListedRef, RowRef, TableRef

__all__ = ["describe", "display"]


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
