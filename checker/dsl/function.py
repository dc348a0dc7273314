"""What a function callable from rules is: :class:`Function`, and :func:`as_function` for a
plugin's plain callable. The built-ins are in :mod:`checker.dsl.functions` and the modules it
gathers (each imports this module, none imports the table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Function", "as_function"]


@dataclass(frozen=True)
class Function:
    """A function callable from rules."""

    name: str
    impl: Callable[..., Any]
    min_args: int = 1
    max_args: int | None = 1
    returns: str = "any"
    lazy: bool = False
    doc: str = ""
    # "narrative" for a function that reads the 说明 (facts, headings, section text): a rule
    # using one is not applicable to a file that holds the tables only (Meta.holds);
    # "previous" for one that reads last year's report (prev: checker.dsl.previous)
    reads: str = ""
    # the kind of value the first argument must be ("row", "table"), checked when a rule is
    # compiled against the argument's static type (checker.dsl.types); "" checks nothing
    first_arg: str = ""
    # what each string argument names, by position: "fact" (a fact name), "section" (a section
    # key), "table" (a table id) or "" (any text); the language server completes them
    string_args: tuple[str, ...] = ()


def as_function(name: str, value: Function | Callable[..., Any]) -> Function:
    """Wrap a plain callable ``f(*args)`` from a plugin as a :class:`Function`."""
    if isinstance(value, Function):
        return value
    fn = value
    return Function(name, lambda ctx, *args: fn(*args), 0, None, "any", False,
                    (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "")
