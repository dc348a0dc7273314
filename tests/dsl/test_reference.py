"""docs/functions.md is the list the built-ins make (checker.dsl.reference)."""

from __future__ import annotations

import re
from pathlib import Path

from checker.dsl.function import Function
from checker.dsl.functions import builtin_functions
from checker.dsl.reference import function_entries, markdown, uses

ROOT = Path(__file__).resolve().parents[2]


def test_docs_functions_md_is_what_the_builtins_say():
    page = markdown(function_entries(builtin_functions()))
    assert (ROOT / "docs/functions.md").read_text(encoding="utf-8") == page, (
        "docs/functions.md is stale: .venv/bin/checker --no-plugins rules functions --markdown "
        "> docs/functions.md")


def test_every_builtin_has_a_doc_and_a_row():
    entries = function_entries(builtin_functions())
    assert all(e.doc for e in entries), [e.name for e in entries if not e.doc]
    page = markdown(entries)
    assert page.count("\n| `") == len(builtin_functions())


def test_the_call_shows_optional_and_repeated_arguments():
    def impl(ctx, name, section=None):
        return None

    def many(ctx, *args):
        return None

    entries = function_entries({"f": Function("f", impl, 1, 2), "g": Function("g", many, 0, None),
                                "h": Function("h", impl, reads="narrative")})
    assert [e.call for e in entries] == ["f(name[, section])", "g(x, …)", "h(name)"]
    assert entries[2].reads == "the 说明" and entries[0].module == "tests/dsl/test_reference.py"


def test_uses_matches_calls_not_names_inside_words():
    texts = {"A": "require parts(f) > 0", "B": "let x = f.parts", "C": "count(subparts(f))",
             "D": "sum(money(p) for p in parts (f))"}
    assert uses("parts", texts) == ["A", "D"]


def test_every_function_rules_md_describes_is_a_builtin():
    """docs/rules.md explains the functions whose behaviour one line cannot say; a function
    removed or renamed must leave its tables too (the first cell of each row names it)."""
    names = set(builtin_functions())
    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    named = [m.group(1) for line in text.splitlines() if line.startswith("| `")
             for m in re.finditer(r"`([a-z_]+)\(", line.split("|")[1])]
    assert len(named) > 30
    assert [n for n in named if n not in names] == []
