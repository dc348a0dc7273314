"""Compile rule files and texts: resolve every name against the templates, before any report is read.

Input: ``.rules`` files or texts (parsed by :mod:`checker.dsl.parse`, kept by
:mod:`checker.dsl.rule_cache`), a :class:`~checker.templates.loader.TemplateRegistry` and the
function table (:mod:`checker.dsl.functions` plus plugins). Output: a
:class:`~checker.dsl.ir.RuleSet` of :class:`~checker.dsl.ir.CompiledRule` whose statements hold
Python closures ``fn(env) -> value`` — no ``eval``, no source text is ever executed. The work is
done by :class:`~checker.dsl.compiler.Compiler`, one per file.

Name resolution (errors are :class:`~checker.dsl.parse.RuleError` with a suggestion):

* a bare name is, in order: a variable (loop variable or ``let``), ``tables`` (every table of
  the document), or a table by name, alias or id (``支出决算表``, ``公开03表``, ``final.T03``;
  in a rule that ``applies`` to one kind, that kind's tables first). Inside ``[…]`` lists a name
  that is neither is a *column name* (``for col in [基本支出, 项目支出]``).
* ``table[x]`` is a row: a number is a subject code (``支出决算表[2080505]``), a name or string a
  fixed row of the template or a printed label (``支出决算表[合计]``, ``收入支出决算总表[本年收入合计]``),
  any other expression is evaluated (a code string, or a row of another table: its code).
  Templates with a fixed row list (two-sided tables) reject unknown row names at compile time.
* ``row.X`` / ``row[X]`` is the cell in column ``X`` (key or alias, through the template, on the
  row's side of a two-sided table); ``row.label`` (also ``科目名称``, ``名称``, ``项目``),
  ``row.code`` (``科目编码``, ``编码``), ``row.key``, ``row.side``, ``row.line`` are properties.
* ``table.rows`` (also ``行``), ``.empty``, ``.present``, ``.id``, ``.name``, ``.title``,
  ``.code``, ``.unit``, ``.notes`` are table properties.
* a call names a function of the function table, with its arity checked.
* ``f.X`` on a narrative fact (``for f in facts("占比")``) is a fact property (``value``,
  ``unit``, ``line``, ``sentence``, ``name``, ``label``, ``section``, ``text``, ``decimals``)
  or, resolved when the rule runs, a fact of the same match or a text capture (``f.预算数``,
  ``f.方向``).

Placeholders of ``message "…"`` are expressions too, compiled in the scope of each assertion;
``{left}``, ``{right}``, ``{diff}``, ``{tolerance}``, ``{op}``, ``{rule}``, ``{title}`` are
filled in by the engine.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from checker.dsl import ast
from checker.dsl.compiler import Compiler
from checker.dsl.function import Function
from checker.dsl.functions import function_table
from checker.dsl.ir import CompiledRule, RuleSet
from checker.dsl.rule_cache import parse_file_cached
from checker.dsl.source import RuleError
from checker.templates.loader import TemplateRegistry

__all__ = ["compile_bodies", "compile_rules", "compile_text", "compile_text_errors"]


def _rule_texts(text: str, rules: list[ast.Rule]) -> list[str]:
    lines = text.splitlines()
    starts = [r.line for r in rules] + [len(lines) + 1]
    return ["\n".join(lines[a - 1 : b - 1]).rstrip() for a, b in pairwise(starts)]


def _compile_file(rfile: ast.RuleFile, registry: TemplateRegistry,
                  functions: dict[str, Function], seen: dict[str, CompiledRule],
                  out: list[CompiledRule], errors: list[RuleError] | None = None) -> None:
    """Compile every rule of a parsed file into ``out``; the first error is raised, or, given
    ``errors``, each rule's error is kept there and the next rule compiled."""
    comp = Compiler(registry, functions, rfile)
    for node, text in zip(rfile.rules, _rule_texts(rfile.text, rfile.rules), strict=True):
        try:
            if node.id in seen:
                raise comp.error(node, f"rule id {node.id} already defined at {seen[node.id].source}")
            rule = comp.rule(node, text)
        except RuleError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen[node.id] = rule
        out.append(rule)


def compile_rules(paths: list[Path], registry: TemplateRegistry,
                  functions: dict[str, Any] | None = None,
                  cache: Path | None = None) -> RuleSet:
    """Compile ``.rules`` files (folders are searched recursively) into a :class:`RuleSet`.

    Raises :class:`RuleError` (``file:line:col``, the line, a caret, a suggestion) on the first
    syntax or name error. ``functions`` adds plugin functions (:class:`Function` or callables).
    ``cache``: a cache folder whose parsed rule files are used and kept
    (:mod:`checker.dsl.rule_cache`); None parses every file.
    """
    table = function_table(functions)
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.rglob("*.rules")))
        else:
            files.append(p)
    seen: dict[str, CompiledRule] = {}
    rules: list[CompiledRule] = []
    for f in files:
        _compile_file(parse_file_cached(f, cache), registry, table, seen, rules)
    return RuleSet(rules, table)


def compile_bodies(heads: list[CompiledRule], registry: TemplateRegistry,
                   functions: dict[str, Any] | None = None,
                   cache: Path | None = None) -> list[CompiledRule]:
    """Each of ``heads`` with its body compiled, nothing else of it changed: rules compiled
    before (``checker.check.Engine`` keeps their heads, bodies left out) from files, templates
    and functions that have not changed since, so every name still resolves. Only these rules
    are compiled, and only their files read (through ``cache``, as :func:`compile_rules`); the
    head keeps what was set on it after compiling (a region package's replacements)."""
    table = function_table(functions)
    by_file: dict[str, dict[str, CompiledRule]] = {}
    for head in heads:
        by_file.setdefault(head.path, {})[head.id] = head
    done: dict[str, CompiledRule] = {}
    for path, wanted in by_file.items():
        rfile = parse_file_cached(Path(path), cache)
        comp = Compiler(registry, table, rfile)
        for node, text in zip(rfile.rules, _rule_texts(rfile.text, rfile.rules), strict=True):
            if node.id in wanted:
                done[node.id] = replace(wanted[node.id], body=comp.rule(node, text).body)
        missing = sorted(set(wanted) - set(done))
        if missing:
            raise RuleError(path, 0, 0, f"rule {missing[0]} is no longer in this file")
    return [done[head.id] for head in heads]


def compile_text(text: str, registry: TemplateRegistry, path: str = "<rules>",
                 functions: dict[str, Any] | None = None) -> RuleSet:
    """Compile rules given as text (tests, ``checker rules test``)."""
    from checker.dsl.parse import parse_text  # Lark: only where a text is parsed

    table = function_table(functions)
    rules: list[CompiledRule] = []
    _compile_file(parse_text(text, path), registry, table, {}, rules)
    return RuleSet(rules, table)


def compile_text_errors(text: str, registry: TemplateRegistry, path: str = "<rules>",
                        functions: dict[str, Any] | None = None) -> tuple[RuleSet, list[RuleError]]:
    """Compile rules given as text rule by rule, keeping going after an error (an editor's
    diagnostics, ``checker lsp``): the rules that compile, and each failing rule's first error.
    A syntax error is the only error (the file does not parse, no rule compiles)."""
    from checker.dsl.parse import parse_text  # Lark: only where a text is parsed

    table = function_table(functions)
    try:
        rfile = parse_text(text, path)
    except RuleError as exc:
        return RuleSet([], table), [exc]
    rules: list[CompiledRule] = []
    errors: list[RuleError] = []
    _compile_file(rfile, registry, table, {}, rules, errors)
    return RuleSet(rules, table), errors

