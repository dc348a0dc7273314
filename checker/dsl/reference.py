"""The one-page list of the functions a rule can call, made from the functions themselves.

Each :class:`~checker.dsl.function.Function` carries its name, arity, result type, what it
reads and a one-line doc; its implementation's parameters give the argument names. From those
this module writes ``docs/functions.md`` (``checker rules functions --markdown``; a test keeps the
file equal to what the built-ins say) and the table ``checker rules functions`` prints, where the
rules using each function are named as well. Nothing here is written by hand, so the list cannot
drift from the code.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

from checker.dsl.function import Function

__all__ = ["FunctionEntry", "call_of", "function_entries", "markdown", "uses"]

# a lazy function's parameter is the unevaluated argument; a rule author writes an expression
_SHOWN_AS = {"thunk": "x"}
_READS = {"narrative": "the 说明", "previous": "last year's report"}


@dataclass(frozen=True)
class FunctionEntry:
    """One function as a rule author sees it: how it is called and what it gives."""

    name: str
    call: str  # "facts([name][, section])"
    returns: str
    reads: str  # "" (the tables and facts of the report), "the 说明", "last year's report"
    doc: str
    module: str  # where the implementation is, e.g. "checker/dsl/breakdowns.py"


def call_of(fn: Function) -> str:
    """``fact(name[, section])``: how a function is called, from its implementation's
    parameters after ``ctx`` (``…`` for any number of arguments) and its arity (a plugin's plain
    callable shows ``x0, x1 …``)."""
    try:
        params = list(inspect.signature(fn.impl).parameters.values())[1:]
    except (TypeError, ValueError):  # a builtin without a signature: its arity says it
        params = []
    names = [_SHOWN_AS.get(p.name, p.name) for p in params
             if p.kind is not inspect.Parameter.VAR_POSITIONAL]
    if fn.max_args is None or any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        shown = ", ".join(names[: fn.min_args] or ["x"]) + ", …"
    else:
        names = (names + [f"x{i}" for i in range(len(names), fn.max_args)])[: fn.max_args]
        req, opt = names[: fn.min_args], names[fn.min_args :]
        shown = ", ".join(req) + "".join(f"[, {o}]" if req or i else f"[{o}]"
                                        for i, o in enumerate(opt))
    return f"{fn.name}({shown})"


def function_entries(functions: dict[str, Function]) -> list[FunctionEntry]:
    """The functions in the order given (the built-ins: grouped by the module defining them)."""
    out = []
    for f in functions.values():
        module = getattr(f.impl, "__module__", "") or ""
        path = module.replace(".", "/") + ".py" if module else ""
        out.append(FunctionEntry(f.name, call_of(f), f.returns, _READS.get(f.reads, f.reads),
                                 f.doc, path))
    return out


def uses(name: str, rule_texts: dict[str, str]) -> list[str]:
    """The ids of the rules whose text calls ``name(``, in the order given."""
    call = re.compile(rf"(?<![\w.]){re.escape(name)}\s*\(")
    return [rule_id for rule_id, text in rule_texts.items() if call.search(text)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(entries: list[FunctionEntry]) -> str:
    """``docs/functions.md``: one table, one row per function."""
    lines = [
        "# Functions a rule can call",
        "",
        "Generated from the functions themselves by `checker --no-plugins rules functions "
        "--markdown`; `tests/dsl/test_reference.py` fails when this file and the code disagree. "
        "Arguments in `[ ]` are optional, `…` stands for any number; *reads* names what else "
        "than the report's tables and facts a function needs (a rule using one is not applicable "
        "without it). How values, rounding and 'not evaluated' behave: [rules.md](rules.md). "
        "`checker rules functions` prints this list with the plugins' functions and the rules "
        "using each.",
        "",
        "| function | gives | reads | what | in |",
        "|---|---|---|---|---|",
    ]
    for e in entries:
        lines.append(f"| `{_cell(e.call)}` | {e.returns} | {e.reads} | {_cell(e.doc)} | "
                     f"{e.module.removeprefix('checker/')} |")
    return "\n".join(lines) + "\n"
