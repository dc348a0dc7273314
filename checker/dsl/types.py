"""The static types of the rule language: what the compiler knows about a value before any
report is read (:class:`Ty`), and the common ones (``ANY``, ``NUM``, ``BOOL``, ``STR``).

The compiler (:mod:`checker.dsl.compiler`) gives every expression a type, to resolve the names
used on it (a row's columns through its template) and to reject what cannot work (``row + 1``,
a loop over a number) with a message pointing at the rule text.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.templates.loader import Template

__all__ = ["ANY", "BOOL", "NUM", "STR", "Ty"]


@dataclass(frozen=True)
class Ty:
    """The compile-time kind of a value: num, bool, str, none, row, table, list, colname, any."""

    kind: str
    template: Template | None = None
    elem: Ty | None = None
    side: str | None = None
    names: tuple[str, ...] = ()
    alts: tuple[Template, ...] = ()

    def templates(self) -> list[Template]:
        """The template and the alternatives (same name in another report kind)."""
        return [t for t in (self.template, *self.alts) if t is not None]


ANY = Ty("any")
NUM = Ty("num")
BOOL = Ty("bool")
STR = Ty("str")
